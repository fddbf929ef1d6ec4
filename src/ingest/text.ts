import { AppError } from '../domain/errors.js';
import type { DocumentFormat } from './types.js';

/**
 * Plain text and Markdown. Bytes are text only if they decode cleanly and hardly contain control
 * characters; anything else is reported as binary instead of being passed on as mojibake.
 */

export interface DecodedText {
  text: string;
  warnings: string[];
}

/** Share of control characters above which the content is binary, not text with a few stray bytes. */
const MAX_CONTROL_RATIO = 0.01;

export function decodeText(bytes: Uint8Array): DecodedText {
  const { text, warnings } = decodeWithBom(bytes) ?? decodeWithoutBom(bytes);
  if (controlRatio(text) > MAX_CONTROL_RATIO) throw binaryContent();
  return { text, warnings };
}

function decodeWithBom(bytes: Uint8Array): DecodedText | null {
  const encoding = bomEncoding(bytes);
  if (!encoding) return null;
  try {
    // TextDecoder strips the BOM itself.
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), warnings: [] };
  } catch {
    throw binaryContent();
  }
}

function bomEncoding([b0, b1, b2]: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  return null;
}

function decodeWithoutBom(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warnings: [] };
  } catch {
    // Not UTF-8. Text exported by older Windows tools is usually Windows-1252; if it is instead binary,
    // the control-character check that follows rejects it.
    if (bytes.includes(0)) throw binaryContent();
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      warnings: ['The text is not valid UTF-8; it was read as Windows-1252. Check accented characters.'],
    };
  }
}

function controlRatio(text: string): number {
  if (text.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isControl = (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd;
    if (isControl) controls++;
  }
  return controls / text.length;
}

function binaryContent(): AppError {
  return new AppError(
    'binary_content',
    'The file contains binary data, not readable text. Upload the resume as a PDF, a DOCX or a plain-text file.',
  );
}

const ATX_HEADING = /^ {0,3}#{1,6}\s+\S/m;
// A line with text, underlined. Written so each line is scanned once: `[^\n]*\S[^\n]*` backtracks
// quadratically on every line that isn't underlined.
const SETEXT_UNDERLINE = /^[^\S\n]*\S[^\n]*\n {0,3}(?:={3,}|-{3,})[ \t]*$/m;
const LINK = /\[[^\]\n]+\]\([^)\s]+\)/;
const STRONG = /(\*\*|__)\S[^\n]*?\S\1/;

/**
 * Markdown when it uses syntax that plain text does not: headings (# or underlined), links or **strong**
 * text. Bullet lists alone do not count: "- " and "* " bullets are just as common in plain-text resumes.
 */
export function textFormat(text: string): Extract<DocumentFormat, 'text' | 'markdown'> {
  const head = text.slice(0, 200_000);
  return ATX_HEADING.test(head) || SETEXT_UNDERLINE.test(head) || LINK.test(head) || STRONG.test(head) ? 'markdown' : 'text';
}

/**
 * Markdown to the plain lines the parser reads: heading marks, emphasis and link syntax go, the words stay.
 * Lists become "- item" like DOCX lists do.
 */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  for (const line of markdown.split('\n')) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      out.push('', stripInline(heading[1] ?? ''));
      continue;
    }
    if (/^\s*([-*_])(?:\s*\1){2,}\s*$/.test(line) || /^ {0,3}(={2,}|-{2,})\s*$/.test(line)) {
      out.push(''); // horizontal rules and setext underlines separate blocks
      continue;
    }
    out.push(stripInline(line.replace(/^(\s*)[*+](\s+)/, '$1-$2')));
  }
  return out.join('\n');
}

function stripInline(line: string): string {
  return line
    .replace(/\\$/, '') // a hard line break (pandoc writes a backslash at the line's end)
    .replace(/<((?:https?:\/\/|mailto:)?[^<>\s]+(?:@|\.)[^<>\s]+)>/g, '$1') // autolinks: <jane@example.com>
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|\W)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|$<>~])/g, '$1'); // escapes: "\|", "\$380K"
}
