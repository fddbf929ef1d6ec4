import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentile, summariseLatency } from '../src/eval/stats.js';

describe('percentile (nearest rank)', () => {
  const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);

  it('returns the value at rank ⌈p·n/100⌉', () => {
    assert.equal(percentile(oneToTwenty, 50), 10);
    assert.equal(percentile(oneToTwenty, 95), 19);
    assert.equal(percentile(oneToTwenty, 99), 20);
    assert.equal(percentile(oneToTwenty, 100), 20);
    assert.equal(percentile(oneToTwenty, 1), 1);
  });

  it('does not skip a rank through float error (7% of 100 is rank 7)', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(hundred, 7), 7);
  });

  it('rejects empty input and out-of-range p', () => {
    assert.throws(() => percentile([], 50), RangeError);
    assert.throws(() => percentile([1], 0), RangeError);
    assert.throws(() => percentile([1], 101), RangeError);
  });
});

describe('summariseLatency', () => {
  it('sorts its input and averages it', () => {
    assert.deepEqual(summariseLatency([30, 10, 20, 40]), { p50: 20, p95: 40, p99: 40, mean: 25 });
  });

  it('is all null for no samples', () => {
    assert.deepEqual(summariseLatency([]), { p50: null, p95: null, p99: null, mean: null });
  });
});
