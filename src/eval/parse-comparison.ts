import { z } from 'zod';
import { addUsage, ZERO_USAGE } from '../domain/index.js';
import { compareParses } from '../routing/compare.js';
import { pairedDifference, type PairedOptions } from './ab-stats.js';
import type { ProviderRun } from './compare-run.js';
import type { EvalRecord } from './dataset.js';
import { EvalErrorSchema, FieldReportSchema, LatencySchema, MetricsSchema, RecordReportSchema } from './report.js';
import { FIELDS, metrics, scoreRecord, summarise, toPredicted, type Counts, type Field, type FieldOutcome, type PredictedFields, type RecordScore } from './score.js';
import { summariseLatency } from './stats.js';

/**
 * Side-by-side report of several resume parsers on one labelled set: each provider's accuracy, latency, cost
 * and failure modes, then every pair's agreement and F1 differences with paired confidence intervals and a
 * significance test (statistics in ab-stats.ts).
 */

const ratio = z.number().min(0).max(1);
const IntervalSchema = z.object({ low: z.number(), high: z.number() });

export const ProviderSectionSchema = z.object({
  provider: z.string(),
  model: z.string(),
  version: z.string(),
  n: z.number().int().nonnegative().describe('Resumes attempted; failed parses count as predicting nothing'),
  micro: MetricsSchema,
  fields: z.record(z.enum(FIELDS), FieldReportSchema),
  latencyMs: LatencySchema.describe('Wall time of successful parses (nearest-rank percentiles); cached parses keep their original time'),
  latencySamplesMs: z.array(z.number().nonnegative()).describe('Every successful parse, ascending, to 0.01 ms: the distribution behind the percentiles'),
  cost: z.object({
    totalUsd: z.number().nonnegative(),
    perResumeUsd: z.number().nonnegative().describe('totalUsd / successful parses, from the usage providers reported'),
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
  }),
  errorRate: ratio,
  errors: z.array(EvalErrorSchema),
  schemaRepairRate: ratio.describe('Share of successful parses whose first answer failed the schema and was repaired'),
  grounding: z.object({
    parsesWithDrops: z.number().int().nonnegative().describe('Successful parses with at least one value not found in the text'),
    droppedValues: z.number().int().nonnegative(),
    rate: ratio.describe('parsesWithDrops / successful parses'),
  }),
  cached: z.number().int().nonnegative().describe('Parses served from the on-disk cache'),
  perRecord: z.array(RecordReportSchema).optional().describe('Per resume: latency, error and the missed and unexpected values'),
});
export type ProviderSection = z.infer<typeof ProviderSectionSchema>;

export const DifferenceSchema = z.object({
  metric: z.string().describe('"micro" or a field name; the measure is F1'),
  a: z.number().nullable(),
  b: z.number().nullable(),
  difference: z.number().nullable().describe('F1(b) − F1(a)'),
  ci95: IntervalSchema.nullable().describe('Paired percentile bootstrap over resumes'),
  pValue: z.number().nullable().describe('Paired approximate randomisation test, two-sided'),
  n: z.number().int().nonnegative().describe('Resumes on which the metric is defined (field labelled)'),
});
export type Difference = z.infer<typeof DifferenceSchema>;

export const PairSchema = z.object({
  a: z.string(),
  b: z.string(),
  agreement: z.object({
    overall: z.number().nullable().describe('Mean compareParses agreement over resumes both parsed'),
    n: z.number().int().nonnegative(),
    fields: z.array(z.object({ field: z.string(), mean: z.number(), n: z.number().int().nonnegative() })),
  }),
  differences: z.array(DifferenceSchema),
});
export type Pair = z.infer<typeof PairSchema>;

export const ParseComparisonSchema = z.object({
  dataset: z.string().optional(),
  n: z.number().int().nonnegative(),
  referenceDate: z.string().nullable(),
  statistics: z.object({ resamples: z.number().int().positive(), seed: z.number().int(), test: z.string(), interval: z.string() }),
  providers: z.array(ProviderSectionSchema),
  pairs: z.array(PairSchema),
});
export type ParseComparison = z.infer<typeof ParseComparisonSchema>;

export interface BuildParseComparisonOptions extends PairedOptions {
  dataset?: string;
  referenceDate?: Date;
  /** Include per-resume outcomes in each provider's section. */
  perRecord?: boolean;
}

/** What a failed parse is scored as: nothing predicted, so failures cost recall instead of vanishing. */
const NOTHING: PredictedFields = Object.fromEntries(FIELDS.map((f) => [f, []])) as unknown as PredictedFields;

/** Emitted by common/llm-parse.ts; matched by wording (the warning is the only record of a repair). */
const REPAIR_WARNING = /failed schema validation and was repaired/;
/** Emitted by common/grounding.ts: "<n> value(s) returned by the model did not occur in the resume text". */
const GROUNDING_WARNING = /^(\d+) value\(s\) returned by the model did not occur in the resume text/;

export function buildParseComparison(records: readonly EvalRecord[], runs: readonly ProviderRun[], options: BuildParseComparisonOptions = {}): ParseComparison {
  const resamples = options.resamples ?? 2000;
  const seed = options.seed ?? 20_261_124;
  const scores = runs.map((run) => run.outcomes.map((o, i) => scoreRecord((records[i] as EvalRecord).gold, o.resume ? toPredicted(o.resume) : NOTHING)));
  const providers = runs.map((run, i) => {
    const section = providerSection(run, scores[i] as RecordScore[]);
    if (options.perRecord) {
      section.perRecord = run.outcomes.map((o, k) => ({ id: (records[k] as EvalRecord).id, latencyMs: o.latencyMs, error: o.error?.code ?? null, fields: scores[i]?.[k] ?? {} }));
    }
    return section;
  });
  const pairs: Pair[] = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      pairs.push(pair(runs[i] as ProviderRun, runs[j] as ProviderRun, scores[i] as RecordScore[], scores[j] as RecordScore[], { resamples, seed }));
    }
  }
  return {
    ...(options.dataset === undefined ? {} : { dataset: options.dataset }),
    n: records.length,
    referenceDate: options.referenceDate?.toISOString() ?? null,
    statistics: {
      resamples,
      seed,
      test: 'paired approximate randomisation (per-resume swap of A and B, add-one p-value), two-sided',
      interval: 'paired percentile bootstrap over resumes, 95 % (nearest rank)',
    },
    providers,
    pairs,
  };
}

function providerSection(run: ProviderRun, scores: readonly RecordScore[]): ProviderSection {
  const summary = summarise(scores);
  const ok = run.outcomes.filter((o) => o.resume !== null);
  const errors = run.outcomes.flatMap((o) => (o.error ? [o.error] : []));
  let repaired = 0;
  let parsesWithDrops = 0;
  let droppedValues = 0;
  let usage = ZERO_USAGE;
  for (const o of ok) {
    const warnings = o.resume?.meta.warnings ?? [];
    if (warnings.some((w) => REPAIR_WARNING.test(w))) repaired++;
    const dropped = warnings.reduce((sum, w) => sum + Number(GROUNDING_WARNING.exec(w)?.[1] ?? 0), 0);
    if (dropped > 0) parsesWithDrops++;
    droppedValues += dropped;
    usage = addUsage(usage, o.usage);
  }
  const share = (k: number, n: number) => (n === 0 ? 0 : k / n);
  const latencies = ok.map((o) => o.latencyMs as number).sort((x, y) => x - y);
  return {
    provider: run.provider,
    model: run.model,
    version: run.version,
    n: run.outcomes.length,
    micro: summary.micro,
    fields: summary.fields,
    latencyMs: summariseLatency(latencies),
    latencySamplesMs: latencies.map((ms) => Math.round(ms * 100) / 100),
    cost: { totalUsd: usage.costUsd, perResumeUsd: share(usage.costUsd, ok.length), inputTokens: usage.inputTokens, outputTokens: usage.outputTokens },
    errorRate: share(errors.length, run.outcomes.length),
    errors,
    schemaRepairRate: share(repaired, ok.length),
    grounding: { parsesWithDrops, droppedValues, rate: share(parsesWithDrops, ok.length) },
    cached: run.outcomes.filter((o) => o.cached).length,
  };
}

/** F1 of summed counts; null when nothing was labelled or predicted (2TP + FP + FN = 0). */
function f1Of(items: readonly Counts[]): number | null {
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const c of items) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
  }
  return metrics(total).f1;
}

/** Per-resume counts summed over every labelled field: the unit micro F1 is resampled in. */
function recordCounts(score: RecordScore): Counts {
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const outcome of Object.values(score) as FieldOutcome[]) {
    total.tp += outcome.tp;
    total.fp += outcome.fp;
    total.fn += outcome.fn;
  }
  return total;
}

function pair(a: ProviderRun, b: ProviderRun, scoresA: readonly RecordScore[], scoresB: readonly RecordScore[], options: PairedOptions): Pair {
  const differences: Difference[] = [];
  const difference = (metric: string, countsA: Counts[], countsB: Counts[]) => {
    const d = pairedDifference(countsA, countsB, f1Of, options);
    differences.push({ metric, a: f1Of(countsA), b: f1Of(countsB), difference: d.difference, ci95: d.ci95, pValue: d.pValue, n: d.n });
  };
  difference('micro', scoresA.map(recordCounts), scoresB.map(recordCounts));
  for (const field of FIELDS) {
    // Labelling depends on the gold alone, so both providers have the same resumes for each field.
    const labelled = scoresA.flatMap((s, i) => (s[field] === undefined ? [] : [i]));
    difference(field, labelled.map((i) => (scoresA[i] as RecordScore)[field as Field] as FieldOutcome), labelled.map((i) => (scoresB[i] as RecordScore)[field as Field] as FieldOutcome));
  }
  return { a: a.provider, b: b.provider, agreement: agreement(a, b), differences };
}

function agreement(a: ProviderRun, b: ProviderRun): Pair['agreement'] {
  const byField = new Map<string, { sum: number; n: number }>();
  let sum = 0;
  let n = 0;
  a.outcomes.forEach((oa, i) => {
    const ob = b.outcomes[i];
    if (!oa.resume || !ob?.resume) return;
    const c = compareParses(oa.resume, ob.resume);
    sum += c.agreement;
    n++;
    for (const f of c.fields) {
      const acc = byField.get(f.field) ?? { sum: 0, n: 0 };
      acc.sum += f.agreement;
      acc.n++;
      byField.set(f.field, acc);
    }
  });
  return {
    overall: n === 0 ? null : sum / n,
    n,
    fields: [...byField].map(([field, acc]) => ({ field, mean: acc.sum / acc.n, n: acc.n })),
  };
}
