import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProviderCall, ShadowResult } from '../src/routing/observations.js';
import { CallStats, nearestRank } from '../src/routing/stats.js';
import { providerCall } from './helpers/calls.js';

function call(overrides: Partial<ProviderCall> = {}): ProviderCall {
  return providerCall({ at: 1_000, provider: 'bedrock', model: 'm', cohort: 'candidate', usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.001 }, ...overrides });
}

function shadow(overrides: Partial<ShadowResult> = {}): ShadowResult {
  return {
    at: 1_000,
    requestId: null,
    capability: 'parse',
    control: 'openai',
    candidate: 'bedrock',
    outcome: 'matched',
    agreement: 1,
    differences: [],
    candidateLatencyMs: 100,
    ...overrides,
  };
}

describe('CallStats.summarise', () => {
  it('computes nearest-rank percentiles by hand', () => {
    const stats = new CallStats();
    // Sorted: 1 3 5 7 9. p50: rank ceil(2.5) = 3 → 5; p95: rank ceil(4.75) = 5 → 9; p99: rank 5 → 9.
    for (const latencyMs of [5, 1, 9, 3, 7]) stats.onCall(call({ latencyMs }));
    const s = stats.summarise({ capability: 'parse' });
    assert.deepEqual([s.p50Ms, s.p95Ms, s.p99Ms], [5, 9, 9]);

    // 1..20: p50 rank 10 → 10; p95 rank 19 → 19; p99 rank ceil(19.8) = 20 → 20.
    const twenty = new CallStats();
    for (let ms = 20; ms >= 1; ms--) twenty.onCall(call({ latencyMs: ms }));
    const t = twenty.summarise({ capability: 'parse' });
    assert.deepEqual([t.p50Ms, t.p95Ms, t.p99Ms], [10, 19, 20]);
    assert.equal(nearestRank([], 95), null);
  });

  it('counts every error but rates only provider errors', () => {
    const stats = new CallStats();
    for (let i = 0; i < 16; i++) stats.onCall(call());
    stats.onCall(call({ outcome: 'error', errorType: 'caller', errorCode: 'invalid_request' }));
    stats.onCall(call({ outcome: 'error', errorType: 'policy', errorCode: 'unavailable' }));
    stats.onCall(call({ outcome: 'error', errorType: 'provider', errorCode: 'throttled' }));
    stats.onCall(call({ outcome: 'error', errorType: 'provider', errorCode: 'timeout' }));
    const s = stats.summarise({ capability: 'parse', provider: 'bedrock' });
    assert.equal(s.requests, 20);
    assert.equal(s.errors, 4);
    assert.equal(s.providerErrors, 2);
    assert.equal(s.errorRate, 0.1);
  });

  it('sums cost and tokens, per request too', () => {
    const stats = new CallStats();
    stats.onCall(call({ usage: { inputTokens: 100, outputTokens: 20, costUsd: 0.003 } }));
    stats.onCall(call({ usage: { inputTokens: 50, outputTokens: 10, costUsd: 0.001 } }));
    const s = stats.summarise({ capability: 'parse' });
    assert.equal(s.inputTokens, 150);
    assert.equal(s.outputTokens, 30);
    assert.ok(Math.abs(s.costUsd - 0.004) < 1e-12);
    assert.ok(Math.abs(s.costPerRequestUsd - 0.002) < 1e-12);
  });

  it('windows by since (inclusive) and until (exclusive)', () => {
    const stats = new CallStats();
    for (const at of [100, 200, 300, 400]) stats.onCall(call({ at, latencyMs: at }));
    assert.equal(stats.summarise({ capability: 'parse', since: 200 }).requests, 3);
    assert.equal(stats.summarise({ capability: 'parse', until: 300 }).requests, 2);
    const middle = stats.summarise({ capability: 'parse', since: 200, until: 400 });
    assert.equal(middle.requests, 2);
    assert.equal(middle.p99Ms, 300);
  });

  it('filters by provider, cohort, role and cache', () => {
    const stats = new CallStats();
    stats.onCall(call());
    stats.onCall(call({ provider: 'openai', cohort: 'control' }));
    stats.onCall(call({ role: 'fallback' }));
    stats.onCall(call({ role: 'shadow', cohort: 'control' }));
    stats.onCall(call({ cached: true }));
    stats.onCall(call({ capability: 'embed' }));
    assert.equal(stats.summarise({ capability: 'parse' }).requests, 5);
    assert.equal(stats.summarise({ capability: 'parse', provider: 'bedrock' }).requests, 4);
    assert.equal(stats.summarise({ capability: 'parse', cohort: 'candidate' }).requests, 3);
    assert.equal(stats.summarise({ capability: 'parse', provider: 'bedrock', roles: ['primary'] }).requests, 2);
    assert.equal(stats.summarise({ capability: 'parse', provider: 'bedrock', roles: ['primary'], cached: false }).requests, 1);
    assert.equal(stats.summarise({ capability: 'embed' }).requests, 1);
  });

  it('returns an empty summary for no calls', () => {
    const s = new CallStats().summarise({ capability: 'match', provider: 'sagemaker' });
    assert.deepEqual(s, {
      requests: 0,
      errors: 0,
      providerErrors: 0,
      callerErrors: 0,
      errorRate: 0,
      p50Ms: null,
      p95Ms: null,
      p99Ms: null,
      costUsd: 0,
      costPerRequestUsd: 0,
      inputTokens: 0,
      outputTokens: 0,
      shadow: { runs: 0, matched: 0, agreement: null },
    });
  });

  it('summarises shadow runs of the candidate', () => {
    const stats = new CallStats();
    stats.onShadow(shadow({ outcome: 'matched', agreement: 1 }));
    stats.onShadow(shadow({ outcome: 'mismatched', agreement: 0.5 }));
    stats.onShadow(shadow({ outcome: 'error', agreement: null }));
    stats.onShadow(shadow({ outcome: 'skipped', agreement: null }));
    stats.onShadow(shadow({ candidate: 'local', agreement: 0 }));
    stats.onShadow(shadow({ at: 5_000, agreement: 0 }));
    const s = stats.summarise({ capability: 'parse', provider: 'bedrock', until: 2_000 });
    assert.deepEqual(s.shadow, { runs: 3, matched: 1, agreement: 0.75 });
    assert.equal(stats.summarise({ capability: 'parse' }).shadow.runs, 5);
  });

  it('keeps only the latest calls per provider, so a busy control cannot evict the candidate', () => {
    const stats = new CallStats({ capacity: 3 });
    for (let i = 1; i <= 5; i++) stats.onCall(call({ latencyMs: i }));
    for (let i = 0; i < 10; i++) stats.onCall(call({ provider: 'openai' }));
    const s = stats.summarise({ capability: 'parse', provider: 'bedrock' });
    assert.equal(s.requests, 3);
    assert.equal(s.p50Ms, 4); // 3 4 5 survive
    assert.throws(() => new CallStats({ capacity: 0 }), RangeError);
  });
});
