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
  const [b0, b1, b2] = bytes;
  const encoding =
    b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? 'utf-8' : b0 === 0xff && b1 === 0xfe ? 'utf-16le' : b0 === 0xfe && b1 === 0xff ? 'utf-16be' : null;
  if (!encoding) return null;
  try {
    // TextDecoder strips the BOM itself.
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), warnings: [] };
  } catch {
    throw binaryContent();
  }
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

const ATX_HEADING = /^ {0,3}#{1,6}\s+\S/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,2}[.)])\s+\S/;
const LINK = /\[[^\]\n]+\]\([^)\s]+\)/;

/** Markdown when it has headings, a real list, or links: the marks people use when writing resumes in it. */
export function textFormat(text: string): Extract<DocumentFormat, 'text' | 'markdown'> {
  let headings = 0;
  let listItems = 0;
  for (const line of text.split('\n', 2000)) {
    if (ATX_HEADING.test(line)) headings++;
    else if (LIST_ITEM.test(line)) listItems++;
  }
  return headings > 0 || listItems >= 3 || LINK.test(text) ? 'markdown' : 'text';
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
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|\W)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}
