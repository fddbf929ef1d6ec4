import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { RANKING_STRATEGIES, type Embedder, type RankingStrategy, type ResumeParser } from '../domain/index.js';
import type { JobIndex } from '../matching/job-index.js';
import { profileEmbeddingText } from '../matching/job-text.js';
import { rankJobs } from '../matching/rank.js';
import { profileFromResume } from '../services/match.js';
import { canonicalSkill, normaliseTitle } from '../taxonomy/index.js';
import { ndcgAt, recallAt } from './ranking-metrics.js';
import { summariseLatency } from './stats.js';

/** One labelled query of data/match-benchmark/queries.jsonl (see its README for how it is built). */
export const MatchQuerySchema = z.object({
  id: z.string().min(1),
  occupationCode: z.string().min(1),
  profile: z.object({
    title: z.string().min(1),
    summary: z.string().min(1),
    skills: z.array(z.string()).min(1),
    yearsExperience: z.number().int().nonnegative(),
  }),
  resumeText: z.string().min(1),
  /** jobId → grade (2 = same occupation, 1 = related). Jobs not listed are grade 0. */
  relevant: z.record(z.string(), z.union([z.literal(1), z.literal(2)])),
});
export type MatchQuery = z.infer<typeof MatchQuerySchema>;

export async function loadMatchQueries(path: string): Promise<MatchQuery[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const r = MatchQuerySchema.safeParse(JSON.parse(l));
      if (!r.success) throw new Error(`${path}:${i + 1}: ${r.error.issues[0]?.message}`);
      return r.data;
    });
}

export interface StrategyScore {
  ndcg10: number;
  recall10: number;
  n: number;
}

/** One query's scores per strategy: what paired comparisons between configurations resample. */
export interface QueryScore {
  id: string;
  ndcg10: Record<RankingStrategy, number>;
  recall10: Record<RankingStrategy, number>;
}

export interface MatchBenchmarkReport {
  input: 'resume' | 'profile';
  spaceId: string;
  /** Provider of the parser that read the resume text (input "resume"); null for labelled profiles. */
  parser: string | null;
  k: number;
  strategies: Record<RankingStrategy, StrategyScore>;
  rankLatencyMs: ReturnType<typeof summariseLatency>;
  perQuery: QueryScore[];
}

const K = 10;

/**
 * Ranks every query with each strategy over the same index and query vector, so the strategies differ in
 * nothing but how they score. `input: 'resume'` goes through the resume parser first (end to end);
 * `'profile'` uses the labelled profile as given.
 */
export async function runMatchBenchmark(options: {
  queries: readonly MatchQuery[];
  index: JobIndex;
  embedder: Embedder;
  parser: ResumeParser;
  input: 'resume' | 'profile';
  onProgress?: () => void;
}): Promise<MatchBenchmarkReport> {
  const { queries, index, embedder, parser, input } = options;
  const sums = Object.fromEntries(RANKING_STRATEGIES.map((s) => [s, { ndcg10: 0, recall10: 0, n: 0 }])) as Record<RankingStrategy, StrategyScore>;
  const latencies: number[] = [];
  const perQuery: QueryScore[] = [];

  for (const q of queries) {
    const profile =
      input === 'profile'
        ? { ...q.profile, location: null }
        : profileFromResume((await parser.parse({ text: q.resumeText, referenceDate: new Date('2026-01-01T00:00:00Z') })).resume);
    const canonical = { ...profile, skills: [...new Set(profile.skills.map((s) => canonicalSkill(s)?.name ?? s))] };
    const queryText = profileEmbeddingText(canonical);
    const [queryVector] = (await embedder.embed({ texts: [queryText], kind: 'query' })).vectors;
    const profileOccupation = canonical.title ? (normaliseTitle(canonical.title)?.code ?? null) : null;
    const score: QueryScore = { id: q.id, ndcg10: {} as QueryScore['ndcg10'], recall10: {} as QueryScore['recall10'] };
    for (const strategy of RANKING_STRATEGIES) {
      const t0 = performance.now();
      const result = rankJobs(index, { profile: canonical, profileOccupation, queryText, queryVector: queryVector!, spaceId: embedder.space.id, limit: K, strategy });
      if (strategy === 'hybrid') latencies.push(performance.now() - t0);
      const ranked = result.matches.map((m) => m.job.id);
      score.ndcg10[strategy] = ndcgAt(ranked, q.relevant, K);
      score.recall10[strategy] = recallAt(ranked, q.relevant, K);
      const s = sums[strategy];
      s.ndcg10 += score.ndcg10[strategy];
      s.recall10 += score.recall10[strategy];
      s.n++;
    }
    perQuery.push(score);
    options.onProgress?.();
  }
  for (const s of Object.values(sums)) {
    s.ndcg10 = +(s.ndcg10 / Math.max(1, s.n)).toFixed(4);
    s.recall10 = +(s.recall10 / Math.max(1, s.n)).toFixed(4);
  }
  return { input, spaceId: embedder.space.id, parser: input === 'resume' ? parser.provider : null, k: K, strategies: sums, rankLatencyMs: summariseLatency(latencies), perQuery };
}

export function formatMatchReport(r: MatchBenchmarkReport): string {
  const rows = RANKING_STRATEGIES.map((s) => `  ${s.padEnd(10)} ${r.strategies[s].ndcg10.toFixed(4).padStart(8)} ${r.strategies[s].recall10.toFixed(4).padStart(10)} ${String(r.strategies[s].n).padStart(5)}`);
  const parser = r.parser === null ? '' : `, parser: ${r.parser}`;
  return [`matching benchmark — input: ${r.input}${parser}, space: ${r.spaceId}`, `  ${'strategy'.padEnd(10)} ${'NDCG@10'.padStart(8)} ${'recall@10'.padStart(10)} ${'n'.padStart(5)}`, ...rows, `  hybrid rank latency p50 ${r.rankLatencyMs.p50?.toFixed(2)} ms, p95 ${r.rankLatencyMs.p95?.toFixed(2)} ms`].join('\n');
}
