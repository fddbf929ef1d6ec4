import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZERO_USAGE } from '../src/domain/index.js';
import { CapabilityRoutingSchema, DEFAULT_ROUTING, type RoutingConfig } from '../src/routing/config.js';
import type { ProviderCall } from '../src/routing/observations.js';
import { CallStats } from '../src/routing/stats.js';
import { dashboardSummary, SERIES_POINTS } from '../src/server/routes/dashboard.js';
import { sloTargetsFromEnv } from '../src/telemetry/slo.js';
import { providerCall } from './helpers/calls.js';

// What the live-metrics page reads (GET /api/dashboard/summary), computed from known calls. A plain unit test
// (no browser), run with the browser tests because it lives beside them; the page is dashboard.browser.test.ts.

const MINUTE = 60_000;
/** 30 s into a minute, so "the current minute" and "the one before" are unambiguous. */
const NOW = 1_700_000_000_000 - (1_700_000_000_000 % MINUTE) + 30_000;

function call(overrides: Partial<ProviderCall>): ProviderCall {
  return providerCall({ at: NOW, provider: 'local', model: 'm', latencyMs: 10, ...overrides });
}

const routing: RoutingConfig = {
  ...DEFAULT_ROUTING,
  parse: CapabilityRoutingSchema.parse({ mode: 'canary', control: 'local', candidate: 'openai', rolloutPercent: 10 }),
};

function fixture(): CallStats {
  const stats = new CallStats();
  stats.onCall(call({ at: NOW - 10_000, latencyMs: 100 }));
  stats.onCall(call({ at: NOW - 20_000, latencyMs: 1, cached: true }));
  stats.onCall(call({ at: NOW - 30 * MINUTE, latencyMs: 500, outcome: 'error', errorCode: 'unavailable', errorType: 'provider' }));
  stats.onCall(call({ at: NOW - MINUTE, provider: 'openai', cohort: 'candidate', latencyMs: 2000, usage: { ...ZERO_USAGE, costUsd: 0.02 } }));
  // A shadow call is an experiment, not service: it shows as shadow agreement, not as a request.
  stats.onCall(call({ at: NOW - 30_000, provider: 'openai', cohort: 'control', role: 'shadow', latencyMs: 900 }));
  stats.onShadow({ at: NOW - 30_000, requestId: null, capability: 'parse', control: 'local', candidate: 'openai', outcome: 'mismatched', agreement: 0.9, differences: [], candidateLatencyMs: 900 });
  return stats;
}

describe('dashboardSummary', () => {
  const summary = dashboardSummary(fixture(), routing, sloTargetsFromEnv({}), NOW);
  const row = (capability: string, provider: string, cohort: string) => {
    const found = summary.rows.find((r) => r.capability === capability && r.provider === provider && r.cohort === cohort);
    assert.ok(found, `${capability}/${provider}/${cohort}`);
    return found;
  };

  it('has a row per capability, routed provider and cohort, and the SLO targets', () => {
    assert.deepEqual(summary.slo, { p95Ms: 3000, errorRate: 0.01, costPerRequestUsd: 0.01, availability: 0.999 });
    assert.deepEqual(
      summary.rows.map((r) => `${r.capability}/${r.provider}/${r.cohort}`),
      ['parse/local/control', 'parse/local/candidate', 'parse/openai/control', 'parse/openai/candidate', 'embed/local/control', 'embed/local/candidate', 'match/local/control', 'match/local/candidate'],
    );
    assert.deepEqual(summary.capabilities[0], { capability: 'parse', mode: 'canary', control: 'local', candidate: 'openai', rolloutPercent: 10 });
  });

  it('separates the last 5 minutes from the last hour, with cache hits and availability', () => {
    const local = row('parse', 'local', 'control');
    assert.equal(local.last5m.requests, 2);
    assert.equal(local.last5m.cacheHitRate, 0.5);
    assert.equal(local.last5m.errorRate, 0);
    assert.equal(local.last1h.requests, 3);
    assert.equal(local.last1h.errorRate, 1 / 3);
    assert.equal(local.last1h.availability, 2 / 3);
    assert.equal(local.last1h.p95Ms, 500);
    assert.equal(row('parse', 'local', 'candidate').last1h.availability, null, 'no requests, no availability');
  });

  it('reports the candidate’s cost per request and shadow agreement', () => {
    const openai = row('parse', 'openai', 'candidate');
    assert.equal(openai.last5m.requests, 1);
    assert.equal(openai.last5m.costPerRequestUsd, 0.02);
    assert.equal(openai.last5m.shadowRuns, 1);
    assert.equal(openai.last5m.shadowAgreement, 0.9);
    assert.equal(row('parse', 'openai', 'control').last5m.requests, 0, 'shadow calls are not requests served');
  });

  it('draws 30 one-minute buckets per capability and provider, the last one the current minute', () => {
    const local = summary.series.find((s) => s.capability === 'parse' && s.provider === 'local');
    const openai = summary.series.find((s) => s.capability === 'parse' && s.provider === 'openai');
    assert.equal(local?.points.length, SERIES_POINTS);
    assert.equal(local?.points.at(-1)?.at, NOW - 30_000);
    assert.equal(local?.points.at(-1)?.requests, 2);
    // The call 30 minutes ago is before the first bucket.
    assert.equal(local?.points.reduce((n, p) => n + p.requests, 0), 2);
    assert.deepEqual(openai?.points.at(-2), { at: NOW - 30_000 - MINUTE, requests: 1, errorRate: 0, p95Ms: 2000 });
  });
});
