import { AppError } from '../domain/errors.js';
import { pageReadingOrder, type PositionedText } from './layout.js';
import { countVisibleChars } from './normalise.js';
import { CMAP_DIR, loadPdfjs } from './pdfjs.js';
import type { PDFDocumentProxy as PdfDocument, PDFPageProxy as PdfPage } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  text: string;
  pages: number;
  warnings: string[];
}

/** Fewer visible characters than this per page on average: there is no real text layer. */
const MIN_CHARS_PER_PAGE = 20;

export async function extractPdf(bytes: Uint8Array, maxPages: number): Promise<PdfText> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdf.js transfers the buffer it is given to its worker, detaching it; hand it a copy so the
    // caller's bytes stay usable. A plain Uint8Array also avoids its warning about Node Buffers.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS, // warnings off; errors are thrown and become AppErrors
  });
  try {
    const doc = await task.promise.catch((error: unknown) => {
      throw openError(error);
    });
    if (doc.numPages > maxPages) {
      throw new AppError(
        'too_many_pages',
        `The PDF has ${doc.numPages} pages; resumes of up to ${maxPages} pages are accepted. Upload only the resume.`,
        { pages: doc.numPages, maxPages },
      );
    }
    return await readPages(doc);
  } finally {
    // Destroys the document (doc.destroy() delegates here) and its fake worker, also when opening failed.
    await task.destroy();
  }
}

async function readPages(doc: PdfDocument): Promise<PdfText> {
  const pageTexts: string[] = [];
  const warnings: string[] = [];
  let skippedRotated = 0;
  let skippedOffPage = 0;
  const nearlyEmptyPages: number[] = [];

  for (let n = 1; n <= doc.numPages; n++) {
    const { items, rotated, offPage } = await pageItems(doc, n);
    skippedRotated += rotated;
    skippedOffPage += offPage;
    const text = pageReadingOrder(items).join('\n');
    if (countVisibleChars(text) < MIN_CHARS_PER_PAGE) nearlyEmptyPages.push(n);
    pageTexts.push(text);
  }

  const text = pageTexts.filter((t) => t.trim() !== '').join('\n\n');
  if (countVisibleChars(text) < MIN_CHARS_PER_PAGE * doc.numPages) {
    throw new AppError(
      'no_text_layer',
      'The PDF has (almost) no selectable text: it looks scanned or made of images. Run OCR on it, or upload the original document (DOCX, or a PDF exported from your editor).',
      { pages: doc.numPages },
    );
  }
  if (nearlyEmptyPages.length > 0) {
    warnings.push(`Page(s) ${nearlyEmptyPages.join(', ')} of the PDF have almost no text; if they are scanned, their content is missing.`);
  }
  if (skippedRotated > 0) warnings.push(`${skippedRotated} rotated or vertical text run(s) in the PDF were ignored.`);
  if (skippedOffPage > 0) warnings.push(`${skippedOffPage} text run(s) placed outside the visible page were ignored.`);
  return { text, pages: doc.numPages, warnings };
}

interface PageItems {
  items: PositionedText[];
  /** Runs not written left to right (watermarks, vertical margin labels), left out of the text. */
  rotated: number;
  /** Runs outside the visible page: invisible to a reader, so not part of the resume. */
  offPage: number;
}

/** The page's text runs in top-left page coordinates (after /Rotate and the crop box). */
async function pageItems(doc: PdfDocument, pageNumber: number): Promise<PageItems> {
  let page: PdfPage | undefined;
  try {
    page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const result: PageItems = { items: [], rotated: 0, offPage: 0 };
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [a, b, c, d, e, f] = multiply(viewport.transform, item.transform as number[]);
      const fontSize = Math.hypot(c, d);
      if (!(e >= -fontSize && e <= viewport.width && f >= 0 && f <= viewport.height + fontSize)) {
        result.offPage++;
      } else if (Math.abs(b) > 0.01 * fontSize || Math.abs(c) > 0.01 * fontSize || a <= 0) {
        // Horizontal text has no shear or rotation left once the page rotation is applied.
        result.rotated++;
      } else {
        result.items.push({ text: item.str, x: e, y: f, width: item.width, fontSize });
      }
    }
    return result;
  } catch (error) {
    throw new AppError('corrupt_file', `Page ${pageNumber} of the PDF could not be read; the file may be damaged. Export it again and re-upload.`, {
      page: pageNumber,
      cause: errorName(error),
    });
  } finally {
    page?.cleanup();
  }
}

/** 2D affine matrix product, PDF order ([a b c d e f]): `m` applied after `n`. */
function multiply(m: readonly number[], n: readonly number[]): [number, number, number, number, number, number] {
  const [m0 = 1, m1 = 0, m2 = 0, m3 = 1, m4 = 0, m5 = 0] = m;
  const [n0 = 1, n1 = 0, n2 = 0, n3 = 1, n4 = 0, n5 = 0] = n;
  return [
    m0 * n0 + m2 * n1,
    m1 * n0 + m3 * n1,
    m0 * n2 + m2 * n3,
    m1 * n2 + m3 * n3,
    m0 * n4 + m2 * n5 + m4,
    m1 * n4 + m3 * n5 + m5,
  ];
}

function openError(error: unknown): AppError {
  if (errorName(error) === 'PasswordException') {
    return new AppError(
      'encrypted_pdf',
      'The PDF is password-protected. Open it, save or print it as a new PDF without a password, and upload that.',
    );
  }
  return new AppError('corrupt_file', 'The PDF could not be opened; it may be damaged or incomplete. Export it again and re-upload.', {
    cause: errorName(error),
  });
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
