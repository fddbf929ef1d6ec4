import { parse as parseCsv } from 'csv-parse/sync';
import type { JobDraft } from './job-enrich.js';

export interface JobFileIssue {
  line: number;
  message: string;
}

const LIST_COLUMNS = new Set(['requiredSkills', 'niceToHaveSkills']);
const NUMBER_COLUMNS = new Set(['minYearsExperience']);

/**
 * Job drafts from a JSONL or CSV file (CSV when the name ends in .csv). Bad lines are reported with
 * their line number and skipped; the rest still import. CSV list columns are ";" or "|" separated.
 */
export function readJobFile(name: string, content: string): { drafts: JobDraft[]; lines: number[]; issues: JobFileIssue[] } {
  return name.toLowerCase().endsWith('.csv') ? readCsv(content) : readJsonl(content);
}

function readJsonl(content: string) {
  const drafts: JobDraft[] = [];
  const lines: number[] = [];
  const issues: JobFileIssue[] = [];
  content.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
      drafts.push(value as JobDraft);
      lines.push(i + 1);
    } catch (e) {
      issues.push({ line: i + 1, message: `not valid JSON: ${(e as Error).message}` });
    }
  });
  return { drafts, lines, issues };
}

function readCsv(content: string) {
  const issues: JobFileIssue[] = [];
  let records: Array<{ record: Record<string, string>; line: number }>;
  try {
    records = (parseCsv(content, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as Array<{
      record: Record<string, string>;
      info: { lines: number };
    }>).map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (e) {
    return { drafts: [], lines: [], issues: [{ line: (e as { lines?: number }).lines ?? 1, message: (e as Error).message }] };
  }
  const drafts = records.map(({ record }) => {
    const draft: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (value === '') continue;
      if (LIST_COLUMNS.has(key)) draft[key] = value.split(/[;|]/).map((s) => s.trim()).filter(Boolean);
      else if (NUMBER_COLUMNS.has(key)) draft[key] = Number(value);
      else draft[key] = value;
    }
    return draft as JobDraft;
  });
  return { drafts, lines: records.map((r) => r.line), issues };
}
