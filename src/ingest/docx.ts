import type MammothModule from 'mammoth';
import { AppError } from '../domain/errors.js';
import { decodeEntities, htmlToLines } from './html-lines.js';
import { readZipEntry, zipEntries } from './zip.js';

type Mammoth = typeof MammothModule;
let mammoth: Promise<Mammoth> | undefined;

/** Loaded on first use, like pdf.js: text uploads should not pay for it. */
export function loadMammoth(): Promise<Mammoth> {
  mammoth ??= import('mammoth')
    .then((m) => ((m as { default?: Mammoth }).default ?? m) as Mammoth)
    .catch((error: unknown) => {
      mammoth = undefined;
      throw error;
    });
  return mammoth;
}

/** Word's Title/Subtitle styles are headings in a resume (the name, the headline). */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

export async function extractDocx(bytes: Uint8Array): Promise<string> {
  const lib = await loadMammoth();
  let html: string;
  try {
    const result = await lib.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        ignoreEmptyParagraphs: false,
        // Images carry no resume text; skip encoding them as data URIs.
        convertImage: lib.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    html = result.value;
  } catch (error) {
    throw new AppError('corrupt_file', 'The DOCX file could not be opened; it may be damaged or incomplete. Save it again from Word and re-upload.', {
      cause: error instanceof Error ? error.name : typeof error,
    });
  }

  const body = htmlToLines(html);
  const inBody = new Set(body.map((l) => l.trim()));
  const extra = (lines: string[]) => lines.filter((l) => !inBody.has(l));
  // Mammoth reads only the body; resume templates often put the name and contact details in the page
  // header, so those are read here and put first (footers last).
  const header = extra(partLines(bytes, /^word\/header\d*\.xml$/));
  const footer = extra(partLines(bytes, /^word\/footer\d*\.xml$/));
  return [...header, '', ...body, '', ...footer].join('\n');
}

const PAGE_NUMBER = /^(?:page\s*)?\d+(?:\s*(?:of|\/)\s*\d+)?$/i;

/** Text lines of the package parts whose names match (headers or footers), de-duplicated, in order. */
function partLines(bytes: Uint8Array, name: RegExp): string[] {
  const entries = (zipEntries(bytes) ?? []).filter((e) => name.test(e.name)).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const entry of entries) {
    const xml = readZipEntry(bytes, entry);
    if (!xml) continue;
    for (const line of wordXmlParagraphs(new TextDecoder().decode(xml))) {
      if (line === '' || PAGE_NUMBER.test(line) || seen.has(line)) continue;
      seen.add(line);
      lines.push(line);
    }
  }
  return lines;
}

/**
 * Paragraph texts of a WordprocessingML part. Splitting at paragraph ends (rather than matching whole
 * paragraphs) copes with text boxes, whose paragraphs nest inside another paragraph.
 */
function wordXmlParagraphs(xml: string): string[] {
  return xml.split('</w:p>').map((paragraph) => {
    let text = '';
    for (const m of paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>/g)) {
      text += m[1] !== undefined ? decodeEntities(m[1]) : m[2] === 'tab' ? '\t' : ' ';
    }
    return text.replace(/\s+/g, ' ').trim();
  });
}
