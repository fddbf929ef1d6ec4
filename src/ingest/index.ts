import { AppError, isAppError } from '../domain/errors.js';
import { detectContainer, type ContainerKind } from './detect.js';
import { extractDocx, loadMammoth } from './docx.js';
import { countVisibleChars, normaliseText, unflattenText } from './normalise.js';
import { extractPdf } from './pdf.js';
import { loadPdfjs } from './pdfjs.js';
import { decodeText, markdownToText, textFormat } from './text.js';
import type { DocumentFormat, IngestedDocument, IngestOptions } from './types.js';

export type { DocumentFormat, IngestedDocument, IngestOptions } from './types.js';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_PAGES = 20;

interface Extracted {
  format: DocumentFormat;
  text: string;
  pages: number | null;
  warnings: string[];
}

/**
 * A resume file (PDF, DOCX, Markdown or plain text; the type is read from the content) to plain text in
 * reading order. Every failure is an AppError with a stable code and a message that says what to do.
 */
export async function ingest(bytes: Uint8Array, options: IngestOptions = {}): Promise<IngestedDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  // Before anything looks inside the bytes.
  if (bytes.byteLength > maxBytes) {
    throw new AppError(
      'file_too_large',
      `The file is ${megabytes(bytes.byteLength)}; the limit is ${megabytes(maxBytes)}. Upload a smaller export (e.g. without embedded images).`,
      { sizeBytes: bytes.byteLength, maxBytes },
    );
  }
  if (bytes.byteLength === 0) throw emptyDocument();

  const kind = detectContainer(bytes);
  const extracted = await extract(kind, bytes, maxPages);
  const text = normaliseText(extracted.text);
  if (countVisibleChars(text) === 0) throw emptyDocument();
  return { format: extracted.format, text, pages: extracted.pages, warnings: extracted.warnings };
}

/**
 * Loads pdf.js and mammoth now instead of on the first upload of their kind (together ~0.5 s, most of a
 * cold PDF parse). Call it when a server starts; ingest works the same without it.
 */
export async function warmUpIngest(): Promise<void> {
  await Promise.all([loadPdfjs(), loadMammoth()]);
}

async function extract(kind: ContainerKind, bytes: Uint8Array, maxPages: number): Promise<Extracted> {
  if (kind === 'text') return extractText(bytes);
  try {
    if (kind === 'pdf') return { format: 'pdf', ...(await extractPdf(bytes, maxPages)) };
    return { format: 'docx', text: await extractDocx(bytes), pages: null, warnings: [] };
  } catch (error) {
    if (isAppError(error)) throw error;
    // A library tripping over a malformed file; its own message means nothing to the uploader.
    throw new AppError('corrupt_file', `The ${kind.toUpperCase()} file could not be read; it may be damaged. Export it again and re-upload.`, {
      cause: error instanceof Error ? error.name : typeof error,
    });
  }
}

function extractText(bytes: Uint8Array): Extracted {
  const decoded = decodeText(bytes);
  const text = unflattenText(decoded.text.replace(/\r\n?/g, '\n'));
  const format = textFormat(text);
  return { format, text: format === 'markdown' ? markdownToText(text) : text, pages: null, warnings: decoded.warnings };
}

function emptyDocument(): AppError {
  return new AppError('empty_document', 'The document contains no text. Check that you chose the right file.');
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1).replace(/\.0+$/, '')} MB`;
}
