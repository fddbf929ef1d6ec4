import { mulberry32 } from '../random.js';

/**
 * The statistics behind provider comparisons, offline (paired bootstrap, paired permutation test) and online
 * (Wilson interval, two-proportion z-test). Pure functions; every random draw comes from a seeded mulberry32,
 * so a report is reproducible to the last digit.
 */

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 20_261_124;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Standard normal CDF via erfc, W. J. Cody's rational approximation as given in Numerical Recipes (erfcc,
 * fractional error < 1.2e-7 everywhere): accurate well beyond the 4 digits a p-value is read to.
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/**
 * Wilson score interval for a proportion of `successes` in `n` (no continuity correction). Unlike the Wald
 * interval it stays inside [0, 1] and is honest at 0/n and n/n, which is where small feedback counts live.
 * Null for n = 0.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface TwoProportionTest {
  /** p2 − p1: the candidate's rate minus the control's. */
  difference: number;
  /** Pooled-variance z statistic (the test); null when it is undefined (a rate of 0 or 1 on both sides). */
  z: number | null;
  /** Two-sided p-value of z; null with z. */
  pValue: number | null;
  /** 95 % Wald interval of the difference (unpooled variance: the interval makes no null assumption). */
  ci95: Interval;
}

/**
 * Two-proportion z-test of H0: p1 = p2, e.g. positive-feedback rates of control (1) and candidate (2). The
 * test uses the pooled proportion, as textbooks do; the interval uses each side's own variance. Null when
 * either side has no observations. Needs roughly ≥ 5 successes and failures per side to be trusted.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number, z = Z_95): TwoProportionTest | null {
  if (n1 === 0 || n2 === 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p2 - p1;
  const pooled = (x1 + x2) / (n1 + n2);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const stat = pooledSe === 0 ? null : difference / pooledSe;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return {
    difference,
    z: stat,
    pValue: stat === null ? null : 2 * (1 - normalCdf(Math.abs(stat))),
    ci95: { low: difference - z * se, high: difference + z * se },
  };
}

/**
 * Percentile of an ascending sample by nearest rank (the same rule as eval/stats.ts): with 2,000 resamples
 * the 95 % interval is the 50th and 1,950th smallest values.
 */
function nearestRank(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p * sorted.length) / 100)));
  return sorted[rank - 1] as number;
}

export interface PairedOptions {
  resamples?: number;
  seed?: number;
}

export interface PairedDifference {
  /** statistic(B) − statistic(A) on the observed sample; null when undefined (nothing to divide by). */
  difference: number | null;
  /** Percentile bootstrap 95 % interval of the difference; null with too few defined resamples. */
  ci95: Interval | null;
  /** Two-sided p-value of the paired permutation test; null with `difference`. */
  pValue: number | null;
  /** Paired observations the comparison rests on. */
  n: number;
}

/**
 * A statistic computed from a subset of paired observations: `pick(i)` tells which side observation i takes
 * for each draw. Returning null means "undefined on this draw" (e.g. an F1 with no counts); such draws are
 * left out of the interval and counted against nothing in the test.
 */
export type PairedStatistic<T> = (items: readonly T[]) => number | null;

/**
 * Compares two systems measured on the same items (resumes, queries): the paired bootstrap gives a 95 %
 * interval of the difference in `statistic` (items resampled with replacement, both systems' results kept
 * together), and an approximate randomisation test gives its p-value: under H0 the two systems are
 * exchangeable on every item, so each round swaps A and B on each item with probability ½ and the p-value is
 * (1 + rounds with |difference| ≥ observed) / (1 + rounds) — Noreen's add-one form, never 0.
 *
 * `statistic` works for non-additive measures such as micro F1, which is why the resampling recomputes it
 * rather than averaging per-item scores.
 */
export function pairedDifference<T>(a: readonly T[], b: readonly T[], statistic: PairedStatistic<T>, options: PairedOptions = {}): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length: ${a.length} vs ${b.length}`);
  const n = a.length;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const observedA = statistic(a);
  const observedB = statistic(b);
  if (n === 0 || observedA === null || observedB === null) return { difference: null, ci95: null, pValue: null, n };
  const difference = observedB - observedA;

  return { difference, ci95: bootstrapInterval(a, b, statistic, resamples, seed), pValue: permutationPValue(a, b, statistic, difference, resamples, seed), n };
}

/** Percentile bootstrap of statistic(B) − statistic(A), resampling item indices with replacement. */
export function bootstrapInterval<T>(a: readonly T[], b: readonly T[], statistic: PairedStatistic<T>, resamples = DEFAULT_RESAMPLES, seed = DEFAULT_SEED): Interval | null {
  const n = a.length;
  const random = mulberry32(seed);
  const diffs: number[] = [];
  const sampleA: T[] = new Array<T>(n);
  const sampleB: T[] = new Array<T>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random() * n);
      sampleA[i] = a[j] as T;
      sampleB[i] = b[j] as T;
    }
    const sa = statistic(sampleA);
    const sb = statistic(sampleB);
    if (sa !== null && sb !== null) diffs.push(sb - sa);
  }
  // Fewer than half the draws defined: the interval would describe some other population.
  if (diffs.length < resamples / 2) return null;
  diffs.sort((x, y) => x - y);
  return { low: nearestRank(diffs, 2.5), high: nearestRank(diffs, 97.5) };
}

/** Float slack so that a permuted difference equal to the observed one counts as "at least as extreme". */
const EPSILON = 1e-12;

function permutationPValue<T>(a: readonly T[], b: readonly T[], statistic: PairedStatistic<T>, observed: number, rounds: number, seed: number): number {
  const n = a.length;
  // A different stream from the bootstrap's: the two procedures must not share draws.
  const random = mulberry32(seed ^ 0x5bd1e995);
  const sideA: T[] = new Array<T>(n);
  const sideB: T[] = new Array<T>(n);
  let extreme = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const swap = random() < 0.5;
      sideA[i] = (swap ? b[i] : a[i]) as T;
      sideB[i] = (swap ? a[i] : b[i]) as T;
    }
    const sa = statistic(sideA);
    const sb = statistic(sideB);
    if (sa !== null && sb !== null && Math.abs(sb - sa) + EPSILON >= Math.abs(observed)) extreme++;
  }
  return (1 + extreme) / (1 + rounds);
}
