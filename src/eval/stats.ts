/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at rank
 * ⌈p/100 · n⌉ (1-based). It is always an observed value, and p100 is the maximum. With few samples the
 * high percentiles collapse onto the maximum (p95 and p99 of 20 values are both the largest), which is the
 * honest answer for a small set.
 */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) throw new RangeError('percentile of an empty list');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  // p·n first: (p/100)·n can land a hair above an integer (0.07·100 = 7.000000000000001) and skip a rank.
  const rank = Math.ceil((p * sortedAscending.length) / 100);
  return sortedAscending[rank - 1] as number;
}

export interface LatencySummary {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  mean: number | null;
}

/** p50/p95/p99/mean of durations in ms; all null when there are none. */
export function summariseLatency(durationsMs: readonly number[]): LatencySummary {
  if (durationsMs.length === 0) return { p50: null, p95: null, p99: null, mean: null };
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, d) => sum + d, 0) / sorted.length;
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), mean };
}
