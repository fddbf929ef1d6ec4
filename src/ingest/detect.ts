import { AppError } from '../domain/errors.js';
import { isZip, localEntryNames, zipEntries } from './zip.js';

/**
 * What the bytes are, from their content alone. File names and declared content types lie (a ".pdf"
 * that is a Word file, a ".docx" renamed from ".doc"), magic bytes do not.
 */
export type ContainerKind = 'pdf' | 'docx' | 'text';

const SAVE_AS = 'Save it as DOCX or PDF and upload it again.';

/** Signatures of formats people upload by mistake, with the advice to give them. */
const KNOWN_UNSUPPORTED: ReadonlyArray<{ magic: readonly number[]; message: string }> = [
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    message: `This is a legacy Microsoft Office file (.doc), which is not supported. Open it in Word or LibreOffice and save as DOCX or PDF.`,
  },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], message: `RTF documents are not supported. ${SAVE_AS}` }, // {\rtf
  { magic: [0x89, 0x50, 0x4e, 0x47], message: imageMessage('a PNG image') },
  { magic: [0xff, 0xd8, 0xff], message: imageMessage('a JPEG image') },
  { magic: [0x47, 0x49, 0x46, 0x38], message: imageMessage('a GIF image') },
  { magic: [0x49, 0x49, 0x2a, 0x00], message: imageMessage('a TIFF image') },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], message: imageMessage('a TIFF image') },
  { magic: [0x1f, 0x8b], message: 'This is a compressed (gzip) archive, not a document. Upload the resume itself as PDF, DOCX or text.' },
];

const PDF_MAGIC = new TextEncoder().encode('%PDF-');
/** Readers accept a PDF header anywhere in the first kilobyte; some generators emit junk before it. */
const PDF_HEADER_WINDOW = 1024;

export function detectContainer(bytes: Uint8Array): ContainerKind {
  if (occursWithin(bytes, PDF_MAGIC, PDF_HEADER_WINDOW)) return 'pdf';
  if (isZip(bytes)) return detectZip(bytes);
  for (const { magic, message } of KNOWN_UNSUPPORTED) {
    if (magic.every((b, i) => bytes[i] === b)) throw new AppError('unsupported_file_type', message);
  }
  return 'text';
}

function detectZip(bytes: Uint8Array): ContainerKind {
  const names = zipEntries(bytes)?.map((e) => e.name) ?? localEntryNames(bytes);
  if (names.some((n) => /^word\/document\d*\.xml$/i.test(n))) return 'docx';
  const what = names.some((n) => n.startsWith('xl/'))
    ? 'an Excel workbook'
    : names.some((n) => n.startsWith('ppt/'))
      ? 'a PowerPoint presentation'
      : names.includes('content.xml') && names.includes('mimetype')
        ? 'an OpenDocument file'
        : 'a ZIP archive';
  throw new AppError('unsupported_file_type', `This is ${what}, not a Word document. ${SAVE_AS}`);
}

function occursWithin(bytes: Uint8Array, magic: Uint8Array, window: number): boolean {
  const last = Math.min(window, bytes.length - magic.length);
  outer: for (let start = 0; start <= last; start++) {
    for (let i = 0; i < magic.length; i++) if (bytes[start + i] !== magic[i]) continue outer;
    return true;
  }
  return false;
}

function imageMessage(what: string): string {
  return `This is ${what}, not a document. Upload the resume as PDF, DOCX or text; for a photo or scan, run OCR on it first.`;
}
