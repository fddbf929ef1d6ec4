import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RoutingConfigSchema } from '../src/routing/config.js';
import type { ErrorType, ProviderCall } from '../src/routing/observations.js';
import { CallStats } from '../src/routing/stats.js';
import { routedProviders, sloStatus, sloTargetsFromEnv, SloEnvSchema } from '../src/telemetry/slo.js';
import { providerCall } from './helpers/calls.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

function call(over: Partial<ProviderCall>): ProviderCall {
  return providerCall({ at: NOW - 1000, cohort: 'candidate', ...over });
}

const failed = (errorType: ErrorType, over: Partial<ProviderCall> = {}) =>
  call({ outcome: 'error', errorType, errorCode: errorType === 'policy' ? 'unavailable' : 'model_error', ...over });

const targets = sloTargetsFromEnv({});

/** Sums of floats are exact only to rounding. */
const near = (actual: number | undefined, expected: number) => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≉ ${expected}`);

describe('SLO status', () => {
  it('uses the guide targets by default and takes overrides from the environment', () => {
    assert.deepEqual(targets, { p95Ms: 3000, maxErrorRate: 0.01, maxCostPerRequestUsd: 0.01, minAvailability: 0.999 });
    assert.deepEqual(sloTargetsFromEnv({ JOBMATCH_SLO_P95_MS: '5000', JOBMATCH_SLO_MIN_AVAILABILITY: '0.99' }), {
      p95Ms: 5000,
      maxErrorRate: 0.01,
      maxCostPerRequestUsd: 0.01,
      minAvailability: 0.99,
    });
    assert.equal(SloEnvSchema.safeParse({ JOBMATCH_SLO_MAX_ERROR_RATE: '5' }).success, false, 'a rate above 1 is a typo, not a target');
    assert.equal(SloEnvSchema.safeParse({ JOBMATCH_SLO_P95_MS: 'fast' }).success, false);
  });

  it('computes p95, error rate, cost and availability per window from serving calls only', () => {
    const stats = new CallStats();
    // 100 serving calls in the last 5 minutes, latencies 40, 80, ... 4000 ms: nearest-rank p95 is the 95th, 3800 ms.
    for (let i = 1; i <= 100; i++) {
      const over: Partial<ProviderCall> = { latencyMs: i * 40, usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.005 }, role: i % 10 === 0 ? 'fallback' : 'primary' };
      // 2 provider errors and 1 policy error (open breaker): errorRate counts the provider's, availability all three.
      stats.onCall(i <= 2 ? failed('provider', over) : i === 3 ? failed('policy', over) : call(over));
    }
    // Shadow calls are experiments: slow, failing and expensive, and invisible to the SLO.
    for (let i = 0; i < 50; i++) stats.onCall(failed('provider', { role: 'shadow', latencyMs: 60_000, usage: { inputTokens: 1, outputTokens: 1, costUsd: 1 } }));
    // 20 older calls, 10 minutes ago: only the hour window sees them. Fast, free and healthy.
    for (let i = 0; i < 20; i++) stats.onCall(call({ at: NOW - 600_000, latencyMs: 10 }));
    // Another capability's calls stay out of parse/openai.
    stats.onCall(failed('provider', { capability: 'embed' }));

    const status = sloStatus(stats, { windows: [300, 3600], now: NOW, targets, providers: [{ capability: 'parse', provider: 'openai' }] });
    assert.deepEqual(status.targets, targets);
    assert.equal(status.capabilities.length, 1);
    const [fiveMin, hour] = status.capabilities[0]!.windows;

    assert.equal(fiveMin!.seconds, 300);
    assert.equal(fiveMin!.requests, 100);
    assert.equal(fiveMin!.p95Ms, 3800);
    assert.equal(fiveMin!.errorRate, 0.02);
    near(fiveMin!.costPerRequestUsd, 0.005);
    near(fiveMin!.availability, 0.97);
    assert.deepEqual(fiveMin!.ok, { latency: false, errors: false, cost: true, availability: false });

    // The hour adds 20 fast calls: 120 in all, the 95th percentile rank is 114 → the 94th slow call, 3760 ms.
    assert.equal(hour!.requests, 120);
    assert.equal(hour!.p95Ms, 3760);
    near(hour!.errorRate, 2 / 120);
    near(hour!.costPerRequestUsd, 0.5 / 120);
    near(hour!.availability, 1 - 3 / 120);
  });

  it('passes a healthy provider and a silent one', () => {
    const stats = new CallStats();
    for (let i = 1; i <= 1000; i++) stats.onCall(call({ provider: 'local', latencyMs: i, cohort: 'control' }));
    stats.onCall(failed('provider', { provider: 'local', cohort: 'control' }));
    const status = sloStatus(stats, {
      windows: [300],
      now: NOW,
      targets,
      providers: [
        { capability: 'parse', provider: 'local' },
        { capability: 'parse', provider: 'bedrock' },
      ],
    });
    const [local, bedrock] = status.capabilities;
    assert.equal(local!.windows[0]!.requests, 1001);
    assert.equal(local!.windows[0]!.errorRate, 1 / 1001);
    assert.deepEqual(local!.windows[0]!.ok, { latency: true, errors: true, cost: true, availability: true });
    assert.deepEqual(bedrock!.windows[0], {
      seconds: 300,
      requests: 0,
      p95Ms: null,
      errorRate: 0,
      costPerRequestUsd: 0,
      availability: 1,
      ok: { latency: true, errors: true, cost: true, availability: true },
    });
  });

  it('leaves failures that were the caller’s fault out of availability when the stats count them', () => {
    const summary = { requests: 2000, errors: 3, callerErrors: 2, errorRate: 0, p95Ms: 50, costPerRequestUsd: 0 };
    const status = sloStatus({ summarise: () => summary }, { windows: [60], now: NOW, targets, providers: [{ capability: 'embed', provider: 'local' }] });
    assert.equal(status.capabilities[0]!.windows[0]!.availability, 1 - 1 / 2000);
    assert.equal(status.capabilities[0]!.windows[0]!.ok.availability, true);
  });

  it('lists every provider the routing config names, once per capability', () => {
    const config = RoutingConfigSchema.parse({
      parse: { mode: 'canary', control: 'local', candidate: 'openai', rolloutPercent: 10, fallbacks: ['local'] },
    });
    assert.deepEqual(routedProviders(config), [
      { capability: 'parse', provider: 'local' },
      { capability: 'parse', provider: 'openai' },
      { capability: 'embed', provider: 'local' },
      { capability: 'match', provider: 'local' },
    ]);
  });
});
