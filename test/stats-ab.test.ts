import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootstrapInterval, normalCdf, pairedDifference, twoProportionZTest, wilsonInterval } from '../src/eval/ab-stats.js';

const close = (actual: number | null | undefined, expected: number, tolerance: number, label = '') =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${label} expected ${expected} ± ${tolerance}, got ${actual}`);

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('normalCdf', () => {
  it('matches the standard normal table', () => {
    close(normalCdf(0), 0.5, 1e-7);
    close(normalCdf(1.959963984540054), 0.975, 1e-7);
    close(normalCdf(-1), 0.158655254, 1e-7);
    close(normalCdf(3), 0.998650102, 1e-7);
  });
});

describe('wilsonInterval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857, Table I,
  // method 3 (score interval without continuity correction).
  it('reproduces Newcombe’s worked examples', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, low, high] of cases) {
      const ci = wilsonInterval(x, n);
      close(ci?.low, low, 5e-5, `${x}/${n} low`);
      close(ci?.high, high, 5e-5, `${x}/${n} high`);
    }
  });

  it('is undefined without observations and stays within [0, 1]', () => {
    assert.equal(wilsonInterval(0, 0), null);
    const all = wilsonInterval(20, 20);
    assert.equal(all?.high, 1);
    assert.ok((all?.low ?? 0) > 0.8);
  });
});

describe('twoProportionZTest', () => {
  // 30/100 vs 20/100. Pooled p = 0.25, SE = √(0.25·0.75·(1/100 + 1/100)) = 0.0612372, z = 0.10 / 0.0612372 =
  // 1.63299, two-sided p = 2·(1 − Φ(1.63299)) = 0.10247. Unpooled SE = √(0.3·0.7/100 + 0.2·0.8/100) = 0.0608276,
  // so the 95 % interval of the difference is −0.10 ± 1.95996·0.0608276 = [−0.21922, 0.01922].
  it('matches the hand-computed textbook example', () => {
    const t = twoProportionZTest(30, 100, 20, 100);
    assert.ok(t);
    close(t.difference, -0.1, 1e-12);
    close(t.z, -1.6329932, 1e-6);
    close(t.pValue, 0.1024704, 1e-6);
    close(t.ci95.low, -0.2192200, 1e-6);
    close(t.ci95.high, 0.0192200, 1e-6);
  });

  it('has no test when a side is empty or both rates are 0 or 1', () => {
    assert.equal(twoProportionZTest(0, 0, 3, 10), null);
    const degenerate = twoProportionZTest(10, 10, 5, 5);
    assert.equal(degenerate?.z, null);
    assert.equal(degenerate?.pValue, null);
  });
});

describe('paired bootstrap and permutation test (seeded)', () => {
  // Bounds computed independently: a Python re-implementation of mulberry32, index draws ⌊u·n⌋, and nearest-rank
  // 2.5th/97.5th percentiles of the sorted differences (/tmp scratch script, same algorithm, not this code).
  it('gives the exact bounds of a tiny fixed sample', () => {
    const a = [0.1, 0.4, 0.2, 0.5];
    const b = [0.4, 0.3, 0.7, 0.7];
    const twenty = bootstrapInterval(a, b, mean, 20, 42);
    close(twenty?.low, -0.025, 1e-12);
    close(twenty?.high, 0.4, 1e-12);
    const full = bootstrapInterval(a, b, mean, 2000, 42);
    close(full?.low, 0, 1e-12);
    close(full?.high, 0.425, 1e-12);
    const binary = bootstrapInterval([0, 0, 0, 0, 0], [1, 0, 1, 1, 0], mean, 2000, 7);
    assert.deepEqual(binary, { low: 0.2, high: 1 });
  });

  it('gives the permutation p-value of a sample where only 2 of 16 sign patterns are as extreme', () => {
    // Exact p = 2/16 = 0.125; with 2,000 rounds and seed 7 the draw counts 263 extreme rounds: (1 + 263) / 2001.
    const d = pairedDifference([0, 0, 0, 0], [1, 1, 1, 1], mean, { resamples: 2000, seed: 7 });
    assert.equal(d.difference, 1);
    close(d.pValue, 264 / 2001, 1e-12);
    assert.deepEqual(d.ci95, { low: 1, high: 1 });
    assert.equal(d.n, 4);
  });

  it('is reproducible, and undefined when the statistic is', () => {
    const a = [0.2, 0.5, 0.1, 0.9, 0.4];
    const b = [0.3, 0.6, 0.1, 0.7, 0.8];
    assert.deepEqual(pairedDifference(a, b, mean, { seed: 3 }), pairedDifference(a, b, mean, { seed: 3 }));
    assert.deepEqual(pairedDifference([], [], mean), { difference: null, ci95: null, pValue: null, n: 0 });
    assert.throws(() => pairedDifference([1], [1, 2], mean), /differ in length/);
  });
});
