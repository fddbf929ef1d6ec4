import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * pdf.js, loaded on first use and then kept: importing it costs ~80 ms, which text and DOCX uploads
 * should not pay, and which no PDF after the first should pay again.
 *
 * The legacy build is the one meant for Node. In Node, pdf.js runs its "worker" in the same thread (a
 * fake worker it imports itself), so no worker setup is needed here.
 */
export type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<Pdfjs> | undefined;

export function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs').catch((error: unknown) => {
    pdfjs = undefined; // let the next call retry instead of caching the failure
    throw error;
  });
  return pdfjs;
}

/**
 * Character maps for CJK fonts that rely on predefined encodings; without them such text extracts as
 * nothing. Read from the installed package only when a document needs one.
 */
export const CMAP_DIR = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps') + '/';
