import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * pdf.js, loaded on first use and then kept: importing it costs a few hundred milliseconds, which text and
 * DOCX uploads should not pay, and which no PDF after the first should pay again.
 *
 * The legacy build is the one meant for Node. There pdf.js cannot start a web worker and runs its worker
 * code in the same thread instead (its "fake worker"). It would import that code itself on the first
 * document; importing it here, and handing it over through the `globalThis.pdfjsWorker` hook pdf.js
 * checks, makes it part of this one cached load (and of `warmUpIngest`).
 */
export type Pdfjs = typeof PdfjsModule;

/** A variable, so TypeScript does not look for types the worker bundle does not ship. */
const WORKER_MODULE = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

let pdfjs: Promise<Pdfjs> | undefined;

export function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(WORKER_MODULE) as Promise<unknown>])
    .then(([lib, worker]) => {
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return lib;
    })
    .catch((error: unknown) => {
      pdfjs = undefined; // let the next call retry instead of caching the failure
      throw error;
    });
  return pdfjs;
}

/**
 * Character maps for CJK fonts that rely on predefined encodings; without them such text extracts as
 * nothing. Read from the installed package, only when a document needs one.
 */
export const CMAP_DIR = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps') + '/';
