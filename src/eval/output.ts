import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Db } from '../store/db.js';
import { saveEvalReport } from '../store/eval-reports.js';
import type { EvalDocument } from './document.js';
import { renderHtml, renderMarkdown } from './render.js';

export const REPORT_FORMATS = ['json', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** "reports/eval-dev.json" → "reports/eval-dev": the base every format's extension is added to. */
export function reportBase(out: string): string {
  return out.replace(/\.(json|md|html)$/i, '');
}

/** Writes the document in each format next to each other; returns the paths written. */
export async function writeReportFiles(doc: EvalDocument, base: string, formats: readonly ReportFormat[]): Promise<string[]> {
  await mkdir(dirname(base), { recursive: true });
  const render: Record<ReportFormat, () => string> = {
    json: () => `${JSON.stringify(doc, null, 2)}\n`,
    md: () => renderMarkdown(doc),
    html: () => renderHtml(doc),
  };
  const paths: string[] = [];
  for (const format of formats) {
    const path = `${base}.${format}`;
    await writeFile(path, render[format]());
    paths.push(path);
  }
  return paths;
}

/** Stores the document; the whole document is the report column, its digest the other columns. */
export function storeDocument(db: Db, doc: EvalDocument): Promise<void> {
  return saveEvalReport(db, { id: doc.id, createdAt: doc.createdAt, kind: doc.kind, providers: doc.providers, versions: doc.versions, summary: doc.summary, report: doc });
}
