import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RANKING_STRATEGIES, type RankingStrategy } from '../src/domain/index.js';
import { compareSummaries, EvalDocumentSchema, matchDocument } from '../src/eval/document.js';
import type { MatchBenchmarkReport } from '../src/eval/match-benchmark.js';
import { buildMatchComparison } from '../src/eval/match-comparison.js';
import { renderHtml, renderMarkdown } from '../src/eval/render.js';

const each = (v: number) => Object.fromEntries(RANKING_STRATEGIES.map((s) => [s, v])) as Record<RankingStrategy, number>;

/** A benchmark result whose hybrid NDCG is `ndcg[i]` on query i (other strategies mirror it). */
function report(spaceId: string, input: 'resume' | 'profile', ndcg: number[]): MatchBenchmarkReport {
  const mean = ndcg.reduce((s, v) => s + v, 0) / ndcg.length;
  return {
    input,
    spaceId,
    parser: input === 'resume' ? 'local' : null,
    k: 10,
    strategies: Object.fromEntries(RANKING_STRATEGIES.map((s) => [s, { ndcg10: mean, recall10: mean, n: ndcg.length }])) as MatchBenchmarkReport['strategies'],
    rankLatencyMs: { p50: 1, p95: 2, p99: 3, mean: 1.2 },
    perQuery: ndcg.map((v, i) => ({ id: `q-${i}`, ndcg10: each(v), recall10: each(v) })),
  };
}

describe('matching comparison report', () => {
  const reports = [
    report('local:use-lite:512:1', 'resume', [0.5, 0.6, 0.7, 0.8]),
    report('openai:text-embedding-3-small:256:1', 'resume', [0.6, 0.7, 0.8, 0.9]),
    report('local:use-lite:512:1', 'profile', [0.4, 0.4, 0.4, 0.4]),
  ];
  const comparison = buildMatchComparison(reports, { jobs: 100, queries: 4 }, { resamples: 500, seed: 1 });

  it('pairs each configuration with the first of the same input, on hybrid ranking', () => {
    assert.deepEqual(
      comparison.differences.map((d) => [d.baseline, d.candidate, d.metric]),
      [
        ['resume/local/local:use-lite:512:1', 'resume/local/openai:text-embedding-3-small:256:1', 'ndcg10'],
        ['resume/local/local:use-lite:512:1', 'resume/local/openai:text-embedding-3-small:256:1', 'recall10'],
      ],
    );
    const ndcg = comparison.differences[0]!;
    assert.ok(Math.abs((ndcg.difference ?? 0) - 0.1) < 1e-12);
    // Every query improves by exactly 0.1, so every bootstrap resample does too.
    assert.ok(Math.abs((ndcg.ci95?.low ?? 0) - 0.1) < 1e-12 && Math.abs((ndcg.ci95?.high ?? 0) - 0.1) < 1e-12);
    // Four queries: the sign flips reach |Δ| = 0.1 only when all four agree (2 of 16 patterns).
    assert.ok((ndcg.pValue ?? 0) > 0.08 && (ndcg.pValue ?? 1) < 0.18, `p ${ndcg.pValue}`);
    assert.equal(ndcg.n, 4);
  });

  it('renders as a stored document in every format', () => {
    const doc = matchDocument(comparison, new Date('2026-11-24T10:15:00Z'));
    assert.match(doc.id, /^match-20261124T101500Z-[0-9a-f]{6}$/);
    assert.deepEqual(doc.providers, ['local', 'openai']);
    EvalDocumentSchema.parse(doc);
    assert.ok(Math.abs((doc.summary[1]?.metrics['ndcg10.hybrid'] ?? 0) - 0.75) < 1e-12);
    const md = renderMarkdown(doc);
    assert.match(md, /^# Matching benchmark/);
    assert.match(md, /^\| resume\/local\/openai:text-embedding-3-small:256:1 \| 75\.0 \| 75\.0 \|/m);
    assert.match(md, /^\| resume\/local\/local:use-lite:512:1 \| resume\/local\/openai:text-embedding-3-small:256:1 \| ndcg10 \| 4 \| \+10\.0 \| \[\+10\.0, \+10\.0\] \|/m);
    const html = renderHtml(doc);
    assert.match(html, /<svg [^>]*aria-label="NDCG@10 per strategy \(%\)"/);
    assert.doesNotMatch(html, /<script/);

    const later = matchDocument(buildMatchComparison([reports[0]!], { jobs: 100, queries: 4 }), new Date('2026-11-25T00:00:00Z'));
    const deltas = compareSummaries(later, doc);
    assert.equal(deltas.find((d) => d.metric === 'ndcg10.hybrid')?.delta, 0);
  });

  it('escapes every text it puts in HTML', () => {
    const doc = matchDocument(buildMatchComparison([report('<script>alert(1)</script>', 'profile', [0.5])], { jobs: 1, queries: 1 }, { resamples: 100 }));
    const html = renderHtml(doc);
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /&lt;script&gt;/);
  });
});
