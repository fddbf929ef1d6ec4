import type { Db } from './db.js';

/**
 * Stored evaluation runs. The document's shape belongs to src/eval/document.ts, which validates what it reads
 * back; this module only stores and lists.
 */
export interface EvalReportRow {
  id: string;
  createdAt: string;
  kind: 'parse' | 'match';
  providers: string[];
  versions: unknown;
  summary: unknown;
}

export interface StoredEvalReport extends EvalReportRow {
  report: unknown;
}

interface RawRow {
  id: string;
  created_at: Date | string;
  kind: 'parse' | 'match';
  providers: string[];
  versions: unknown;
  summary: unknown;
  report?: unknown;
}

const toRow = (r: RawRow): EvalReportRow => ({
  id: r.id,
  createdAt: new Date(r.created_at).toISOString(),
  kind: r.kind,
  providers: r.providers,
  versions: r.versions,
  summary: r.summary,
});

/** Inserts a report; storing the same id again replaces it (a re-imported file). */
export async function saveEvalReport(db: Db, report: StoredEvalReport): Promise<void> {
  await db.query(
    `INSERT INTO eval_reports (id, created_at, kind, providers, versions, summary, report)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET created_at = $2, kind = $3, providers = $4, versions = $5, summary = $6, report = $7`,
    [report.id, new Date(report.createdAt), report.kind, report.providers, JSON.stringify(report.versions), JSON.stringify(report.summary), JSON.stringify(report.report)],
  );
}

/** Newest first, without the (large) report bodies. */
export async function listEvalReports(db: Db, options: { kind?: 'parse' | 'match'; limit?: number } = {}): Promise<EvalReportRow[]> {
  const { rows } = await db.query<RawRow>(
    `SELECT id, created_at, kind, providers, versions, summary FROM eval_reports
     WHERE ($1::text IS NULL OR kind = $1) ORDER BY created_at DESC, id DESC LIMIT $2`,
    [options.kind ?? null, options.limit ?? 100],
  );
  return rows.map(toRow);
}

export async function getEvalReport(db: Db, id: string): Promise<StoredEvalReport | null> {
  const { rows } = await db.query<RawRow>('SELECT id, created_at, kind, providers, versions, summary, report FROM eval_reports WHERE id = $1', [id]);
  const r = rows[0];
  return r ? { ...toRow(r), report: r.report } : null;
}
