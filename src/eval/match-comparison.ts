import { z } from 'zod';
import { RANKING_STRATEGIES, type Embedder, type Job, type RankingStrategy } from '../domain/index.js';
import type { JobIndex } from '../matching/job-index.js';
import { jobEmbeddingText } from '../matching/job-text.js';
import { pairedDifference, type PairedOptions } from './ab-stats.js';
import type { MatchBenchmarkReport, QueryScore } from './match-benchmark.js';
import { LatencySchema } from './report.js';

/**
 * Matching benchmark results of several configurations (parser provider × embedding space × input) in one
 * report, with paired comparisons of each configuration against the first on the same queries.
 */

const IntervalSchema = z.object({ low: z.number(), high: z.number() });
const StrategyScoreSchema = z.object({ ndcg10: z.number(), recall10: z.number(), n: z.number().int().nonnegative() });

export const MatchConfigurationSchema = z.object({
  name: z.string().describe('"<input>/<parser or profile>/<space id>"'),
  input: z.enum(['resume', 'profile']),
  parser: z.string().nullable(),
  spaceId: z.string(),
  strategies: z.record(z.enum(RANKING_STRATEGIES), StrategyScoreSchema),
  rankLatencyMs: LatencySchema,
});
export type MatchConfiguration = z.infer<typeof MatchConfigurationSchema>;

export const MatchDifferenceSchema = z.object({
  baseline: z.string(),
  candidate: z.string(),
  strategy: z.enum(RANKING_STRATEGIES),
  metric: z.enum(['ndcg10', 'recall10']),
  difference: z.number().nullable().describe('mean(candidate) − mean(baseline) over queries'),
  ci95: IntervalSchema.nullable(),
  pValue: z.number().nullable(),
  n: z.number().int().nonnegative(),
});
export type MatchDifference = z.infer<typeof MatchDifferenceSchema>;

export const MatchComparisonSchema = z.object({
  queries: z.number().int().nonnegative(),
  jobs: z.number().int().nonnegative(),
  k: z.number().int().positive(),
  statistics: z.object({ resamples: z.number().int().positive(), seed: z.number().int(), test: z.string(), interval: z.string() }),
  configurations: z.array(MatchConfigurationSchema),
  differences: z.array(MatchDifferenceSchema),
});
export type MatchComparison = z.infer<typeof MatchComparisonSchema>;

export function configurationName(r: Pick<MatchBenchmarkReport, 'input' | 'parser' | 'spaceId'>): string {
  return `${r.input}/${r.parser ?? 'profile'}/${r.spaceId}`;
}

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length);

/**
 * Each configuration against the first with the same input (resume runs are not paired with profile runs:
 * they answer different questions), on hybrid ranking — what users get — for both metrics.
 */
export function buildMatchComparison(reports: readonly MatchBenchmarkReport[], meta: { jobs: number; queries: number }, options: PairedOptions = {}): MatchComparison {
  const resamples = options.resamples ?? 2000;
  const seed = options.seed ?? 20_261_124;
  const differences: MatchDifference[] = [];
  const strategy: RankingStrategy = 'hybrid';
  for (const input of ['resume', 'profile'] as const) {
    const group = reports.filter((r) => r.input === input);
    const baseline = group[0];
    if (!baseline) continue;
    for (const candidate of group.slice(1)) {
      const byId = new Map(candidate.perQuery.map((q) => [q.id, q]));
      const shared = baseline.perQuery.filter((q) => byId.has(q.id));
      for (const metric of ['ndcg10', 'recall10'] as const) {
        const value = (q: QueryScore) => q[metric][strategy];
        const d = pairedDifference(shared.map(value), shared.map((q) => value(byId.get(q.id) as QueryScore)), mean, { resamples, seed });
        differences.push({ baseline: configurationName(baseline), candidate: configurationName(candidate), strategy, metric, difference: d.difference, ci95: d.ci95, pValue: d.pValue, n: d.n });
      }
    }
  }
  return {
    queries: meta.queries,
    jobs: meta.jobs,
    k: reports[0]?.k ?? 10,
    statistics: {
      resamples,
      seed,
      test: 'paired approximate randomisation over queries (add-one p-value), two-sided',
      interval: 'paired percentile bootstrap over queries, 95 % (nearest rank)',
    },
    configurations: reports.map((r) => ({ name: configurationName(r), input: r.input, parser: r.parser, spaceId: r.spaceId, strategies: r.strategies, rankLatencyMs: r.rankLatencyMs })),
    differences,
  };
}

/** Jobs embedded per call when a space has no shipped vectors. */
const EMBED_BATCH = 64;

/**
 * Puts the corpus's vectors for `embedder`'s space into the index, embedding every job (in batches) when the
 * space has none yet. The sample corpus ships vectors for the local space only; any other space costs one
 * embedding of each job, which is reported by the caller.
 */
export async function ensureSpaceVectors(index: JobIndex, jobs: readonly Job[], embedder: Embedder, onBatch?: (done: number) => void): Promise<number> {
  const space = index.space(embedder.space.id, embedder.space.dimensions);
  if (space.size >= jobs.length) return 0;
  let embedded = 0;
  for (let i = 0; i < jobs.length; i += EMBED_BATCH) {
    const batch = jobs.slice(i, i + EMBED_BATCH);
    const { vectors } = await embedder.embed({ texts: batch.map(jobEmbeddingText), kind: 'document' });
    batch.forEach((job, j) => space.upsert(job.id, vectors[j] as Float32Array));
    embedded += batch.length;
    onBatch?.(embedded);
  }
  return embedded;
}
