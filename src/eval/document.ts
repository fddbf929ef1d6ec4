import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MatchComparisonSchema, type MatchComparison } from './match-comparison.js';
import { ParseComparisonSchema, type ParseComparison } from './parse-comparison.js';
import { FIELDS } from './score.js';

/**
 * The stored form of an evaluation run, whichever kind: what `jobmatch eval` writes as JSON, what the
 * eval_reports table holds and what /api/eval/reports serves. `summary` is a flat, kind-independent digest
 * (one row per provider or configuration, named metrics) so any two runs can be compared without knowing
 * their kind; `report` holds everything.
 */

export const EVAL_KINDS = ['parse', 'match'] as const;
export type EvalKind = (typeof EVAL_KINDS)[number];

export const SummaryRowSchema = z.object({
  name: z.string().describe('Provider (parse) or configuration (match)'),
  metrics: z.record(z.string(), z.number().nullable()),
});
export type SummaryRow = z.infer<typeof SummaryRowSchema>;

const common = {
  id: z.string().min(1),
  createdAt: z.string(),
  providers: z.array(z.string()),
  versions: z.record(z.string(), z.record(z.string(), z.string())).describe('Per provider: model, prompt or parser version, embedding space'),
  summary: z.array(SummaryRowSchema),
};

export const EvalDocumentSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('parse'), report: ParseComparisonSchema }),
  z.object({ ...common, kind: z.literal('match'), report: MatchComparisonSchema }),
]);
export type EvalDocument = z.infer<typeof EvalDocumentSchema>;
export type ParseDocument = Extract<EvalDocument, { kind: 'parse' }>;
export type MatchDocument = Extract<EvalDocument, { kind: 'match' }>;

/** "parse-20261124T101500Z-3f9a1c": sortable by time, unique enough for runs started by people. */
export function newReportId(kind: EvalKind, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${kind}-${stamp}-${randomBytes(3).toString('hex')}`;
}

export function parseDocument(report: ParseComparison, at = new Date()): ParseDocument {
  return {
    id: newReportId('parse', at),
    kind: 'parse',
    createdAt: at.toISOString(),
    providers: report.providers.map((p) => p.provider),
    versions: Object.fromEntries(report.providers.map((p) => [p.provider, { model: p.model, version: p.version }])),
    summary: report.providers.map((p) => ({
      name: p.provider,
      metrics: {
        microF1: p.micro.f1,
        microPrecision: p.micro.precision,
        microRecall: p.micro.recall,
        ...Object.fromEntries(FIELDS.map((f) => [`f1.${f}`, p.fields[f].f1])),
        p50Ms: p.latencyMs.p50,
        p95Ms: p.latencyMs.p95,
        costPerResumeUsd: p.cost.perResumeUsd,
        errorRate: p.errorRate,
        schemaRepairRate: p.schemaRepairRate,
        groundingRate: p.grounding.rate,
      },
    })),
    report,
  };
}

export function matchDocument(report: MatchComparison, at = new Date()): MatchDocument {
  const providers = [...new Set(report.configurations.flatMap((c) => [c.parser, c.spaceId.split(':')[0] ?? c.spaceId]).filter((p): p is string => p !== null))];
  return {
    id: newReportId('match', at),
    kind: 'match',
    createdAt: at.toISOString(),
    providers,
    versions: Object.fromEntries(report.configurations.map((c) => [c.name, { space: c.spaceId, ...(c.parser === null ? {} : { parser: c.parser }) }])),
    summary: report.configurations.map((c) => ({
      name: c.name,
      metrics: {
        ...Object.fromEntries(Object.entries(c.strategies).flatMap(([s, v]) => [[`ndcg10.${s}`, v.ndcg10], [`recall10.${s}`, v.recall10]])),
        rankP50Ms: c.rankLatencyMs.p50,
      },
    })),
    report,
  };
}

export interface SummaryDelta {
  name: string;
  metric: string;
  a: number | null;
  b: number | null;
  /** b − a; null when either is missing. */
  delta: number | null;
}

/**
 * Metric by metric, the change from stored run A to run B for every provider or configuration both have. A
 * descriptive diff: the runs may differ in data set or size, so no significance is claimed across them.
 */
export function compareSummaries(a: EvalDocument, b: EvalDocument): SummaryDelta[] {
  const rowsB = new Map(b.summary.map((r) => [r.name, r]));
  const out: SummaryDelta[] = [];
  for (const rowA of a.summary) {
    const rowB = rowsB.get(rowA.name);
    if (!rowB) continue;
    for (const [metric, va] of Object.entries(rowA.metrics)) {
      const vb = rowB.metrics[metric] ?? null;
      out.push({ name: rowA.name, metric, a: va, b: vb, delta: va === null || vb === null ? null : vb - va });
    }
  }
  return out;
}
