import { z } from 'zod';
import { FIELDS } from './score.js';
import type { Field } from './score.js';

/** The evaluation report: what `jobmatch eval` writes as JSON and what comparisons across runs read. */

const ratio = z.number().min(0).max(1).nullable().describe('Null when undefined (nothing to divide by)');
const count = z.number().int().nonnegative();

const CountsSchema = z.object({ tp: count, fp: count, fn: count });

export const MetricsSchema = CountsSchema.extend({ precision: ratio, recall: ratio, f1: ratio });

export const FieldReportSchema = MetricsSchema.extend({
  n: count.describe('Resumes on which the field was labelled, hence scored'),
});
export type FieldReport = z.infer<typeof FieldReportSchema>;

export const LatencySchema = z.object({
  p50: z.number().nonnegative().nullable(),
  p95: z.number().nonnegative().nullable(),
  p99: z.number().nonnegative().nullable(),
  mean: z.number().nonnegative().nullable(),
});

export const EvalErrorSchema = z.object({
  id: z.string(),
  code: z.string().describe('AppError code, or "internal_error" for anything else'),
  message: z.string(),
});
export type EvalError = z.infer<typeof EvalErrorSchema>;

const FieldOutcomeSchema = CountsSchema.extend({
  missed: z.array(z.string()),
  unexpected: z.array(z.string()),
});

export const RecordReportSchema = z.object({
  id: z.string(),
  latencyMs: z.number().nonnegative().nullable().describe('Null when the parse failed'),
  error: z.string().nullable().describe('Error code when the parse failed'),
  fields: z.partialRecord(z.enum(FIELDS), FieldOutcomeSchema).describe('Labelled fields only'),
});
export type RecordReport = z.infer<typeof RecordReportSchema>;

export const EvalReportSchema = z.object({
  dataset: z.string().optional(),
  provider: z.string(),
  model: z.string(),
  referenceDate: z.string().nullable().describe('ISO date "Present" was resolved against; null = each parse used now'),
  n: count.describe('Resumes evaluated, failed parses included (their labelled values count as misses)'),
  micro: MetricsSchema,
  fields: z.record(z.enum(FIELDS), FieldReportSchema),
  latencyMs: LatencySchema.describe('Wall time of parser.parse over successful parses (nearest-rank percentiles)'),
  errors: z.array(EvalErrorSchema),
  perRecord: z.array(RecordReportSchema).optional(),
});
export type EvalReport = z.infer<typeof EvalReportSchema>;

const FIELD_LABELS: Record<Field, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  location: 'location',
  skills: 'skills',
  companies: 'companies',
  titles: 'titles',
  degrees: 'degrees',
  institutions: 'institutions',
  graduationYears: 'graduation years',
};

/** A fixed-width table for a terminal: one row per field, the micro average, latency and errors. */
export function formatReportTable(report: EvalReport): string {
  const pct = (v: number | null) => (v === null ? '—' : (v * 100).toFixed(1));
  const ms = (v: number | null) => (v === null ? '—' : v.toFixed(1));
  const row = (label: string, n: string, m: { precision: number | null; recall: number | null; f1: number | null }) =>
    `${label.padEnd(18)}${n.padStart(5)}${pct(m.precision).padStart(11)}${pct(m.recall).padStart(9)}${pct(m.f1).padStart(8)}`;

  const source = report.dataset === undefined ? '' : ` on ${report.dataset}`;
  const lines = [
    `${report.provider} / ${report.model}${source}: ${report.n} resumes`,
    '',
    `${'field'.padEnd(18)}${'n'.padStart(5)}${'precision'.padStart(11)}${'recall'.padStart(9)}${'F1'.padStart(8)}`,
    '-'.repeat(51),
  ];
  for (const field of FIELDS) {
    const f = report.fields[field];
    lines.push(row(FIELD_LABELS[field], String(f.n), f));
  }
  lines.push('-'.repeat(51), row('micro average', '', report.micro), '');
  lines.push('(precision, recall and F1 in %; n = resumes on which the field is labelled)');
  const l = report.latencyMs;
  lines.push(`latency ms        p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  mean ${ms(l.mean)}`);
  lines.push(`errors            ${report.errors.length}${errorBreakdown(report.errors)}`);
  return lines.join('\n');
}

function errorBreakdown(errors: readonly EvalError[]): string {
  if (errors.length === 0) return '';
  const byCode = new Map<string, number>();
  for (const e of errors) byCode.set(e.code, (byCode.get(e.code) ?? 0) + 1);
  return ` (${[...byCode].map(([code, k]) => `${code} ×${k}`).join(', ')})`;
}
