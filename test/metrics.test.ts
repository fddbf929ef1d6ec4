import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { CapabilityRouting } from '../src/routing/config.js';
import { setRouting } from '../src/services/routing-admin.js';
import type { ProviderCall } from '../src/routing/observations.js';
import type { Env } from '../src/server/env.js';
import { metricsMiddleware, registerObservabilityRoutes } from '../src/server/routes/observability.js';
import { createEmfObserver, emfFromEnv } from '../src/telemetry/emf.js';
import { createMetrics, type Metrics } from '../src/telemetry/metrics.js';
import type { OpenAiEmulator } from './emulators/openai.js';
import { SAMPLE_RESUME as RESUME, startServerWithOpenAi, type ServerWithOpenAi } from './helpers/openai-server.js';
import { providerCall } from './helpers/calls.js';

/** The value of one series, or the sum over every series matching the given labels (a subset). */
async function sample(metrics: Metrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const family = name.replace(/_(bucket|sum|count)$/, '');
  const metric = metrics.registry.getSingleMetric(family) ?? metrics.registry.getSingleMetric(name);
  assert.ok(metric, `no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((v) => ((v as { metricName?: string }).metricName ?? family) === name && Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

const near = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≉ ${expected}`);

function call(over: Partial<ProviderCall>): ProviderCall {
  return providerCall({
    at: 1_767_225_600_000,
    requestId: 'req-7f3a9c',
    userKey: 'a1b2c3d4e5f60718',
    cohort: 'candidate',
    usage: { inputTokens: 1200, outputTokens: 300, costUsd: 0.0004 },
    cached: false,
    ...over,
  });
}

describe('metrics (unit)', () => {
  it('measures overhead as request time minus the upstream time of its serving calls, once per capability', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.onCall(call({ latencyMs: 120 }));
    metrics.onCall(call({ capability: 'embed', latencyMs: 30 }));
    // Beside the request, not inside it: a shadow call, and a cache hit (our own time, no upstream).
    metrics.onCall(call({ role: 'shadow', latencyMs: 5_000 }));
    metrics.onCall(call({ latencyMs: 2, cached: true, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } }));
    metrics.requestFinished('req-7f3a9c', '/api/match', 'POST', 200, 0.2);
    // A second end (or an unknown id) reports the request but no overhead.
    metrics.requestFinished('req-7f3a9c', '/api/match', 'POST', 200, 0.2);
    metrics.requestFinished(undefined, '/healthz', 'GET', 200, 0.001);

    assert.equal(await sample(metrics, 'jobmatch_overhead_seconds_count', { capability: 'parse' }), 1);
    assert.equal(await sample(metrics, 'jobmatch_overhead_seconds_count', { capability: 'embed' }), 1);
    near(await sample(metrics, 'jobmatch_overhead_seconds_sum', { capability: 'parse' }), 0.05);
    near(await sample(metrics, 'jobmatch_overhead_seconds_sum', { capability: 'embed' }), 0.05);
    assert.equal(await sample(metrics, 'jobmatch_http_requests_total', { route: '/api/match', method: 'POST', status: '200' }), 2);
    assert.equal(await sample(metrics, 'jobmatch_http_requests_total', { route: '/healthz' }), 1);

    // The cache hit is a lookup and a hit, and stays out of provider latency.
    assert.equal(await sample(metrics, 'jobmatch_cache_lookups_total', { provider: 'openai' }), 4);
    assert.equal(await sample(metrics, 'jobmatch_cache_hits_total', { provider: 'openai' }), 1);
    assert.equal(await sample(metrics, 'jobmatch_provider_latency_seconds_count', { capability: 'parse', role: 'primary' }), 1);
    assert.equal(await sample(metrics, 'jobmatch_cost_usd_total', { capability: 'parse', role: 'shadow' }), 0.0004);
    assert.equal(await sample(metrics, 'jobmatch_tokens_total', { capability: 'parse', direction: 'input' }), 2400);

    // Request and user identifiers never become label values.
    const text = await metrics.registry.metrics();
    assert.ok(!text.includes('req-7f3a9c') && !text.includes('a1b2c3d4e5f60718'));
  });

  it('keeps each instance in its own registry', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.setBreakerState('parse', 'openai', 'open');
    b.setBreakerState('parse', 'openai', 'half-open');
    a.setBreakerState('embed', 'bedrock', 'isolated');
    assert.equal(await sample(a, 'jobmatch_breaker_state', { capability: 'parse', provider: 'openai' }), 1);
    assert.equal(await sample(b, 'jobmatch_breaker_state', { capability: 'parse', provider: 'openai' }), 0.5);
    assert.equal(await sample(a, 'jobmatch_breaker_state', { capability: 'embed', provider: 'bedrock' }), 2);
    assert.match(await a.registry.metrics(), /^process_cpu_seconds_total \d/m);
  });

  it('labels HTTP requests with the route pattern, never the raw path', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const app = new OpenAPIHono<Env>();
    app.use('*', requestId());
    app.use('*', metricsMiddleware(metrics));
    app.get('/api/jobs/:id', (c) => c.text(c.req.param('id')));
    app.post('/api/jobs/:id', (c) => c.text('created', 201));
    app.use('/api/parse-resume', async (c, next) => next()); // middleware alone is not a route

    await app.request('/api/jobs/job-1');
    await app.request('/api/jobs/job-2');
    await app.request('/api/jobs/job-3', { method: 'POST' });
    assert.equal((await app.request('/api/parse-resume')).status, 404);
    assert.equal((await app.request('/wp-admin/setup.php')).status, 404);

    assert.equal(await sample(metrics, 'jobmatch_http_requests_total', { route: '/api/jobs/:id', method: 'GET', status: '200' }), 2);
    assert.equal(await sample(metrics, 'jobmatch_http_requests_total', { route: '/api/jobs/:id', method: 'POST', status: '201' }), 1);
    assert.equal(await sample(metrics, 'jobmatch_http_requests_total', { route: 'unmatched', status: '404' }), 2);
    assert.equal(await sample(metrics, 'jobmatch_http_request_duration_seconds_count', { route: '/api/jobs/:id', method: 'GET' }), 2);
    const text = await metrics.registry.metrics();
    assert.ok(!/job-1|wp-admin/.test(text), 'raw paths leaked into labels');
  });
});

describe('CloudWatch EMF', () => {
  it('writes one EMF line per provider call, with bounded dimensions', () => {
    const lines: string[] = [];
    const emf = createEmfObserver({ write: (line) => lines.push(line) });
    emf.onCall?.(call({ latencyMs: 812.4567 }));
    emf.onCall?.(call({ outcome: 'error', errorType: 'provider', errorCode: 'model_error', usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } }));
    emf.onCall?.(call({ outcome: 'error', errorType: 'caller', errorCode: 'invalid_request' }));
    emf.onCall?.(call({ role: 'shadow' }));
    assert.equal(lines.length, 4);
    assert.ok(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n')));

    const [ok, providerError, callerError, shadow] = lines.map((l) => JSON.parse(l) as Record<string, unknown> & { _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } });
    const directive = ok!._aws.CloudWatchMetrics[0]!;
    assert.equal(ok!._aws.Timestamp, 1_767_225_600_000);
    assert.equal(directive.Namespace, 'JobmatchAI');
    assert.deepEqual(directive.Dimensions, [['Capability', 'Provider']]);
    assert.deepEqual(directive.Metrics.find((m) => m.Name === 'Latency'), { Name: 'Latency', Unit: 'Milliseconds' });
    // Every declared metric and dimension is a top-level member, as EMF requires.
    for (const m of directive.Metrics) assert.equal(typeof ok![m.Name], 'number', m.Name);
    for (const d of directive.Dimensions.flat()) assert.equal(typeof ok![d], 'string', d);
    assert.equal(ok!['Capability'], 'parse');
    assert.equal(ok!['Provider'], 'openai');
    assert.equal(ok!['Latency'], 812.457);
    assert.equal(ok!['CostUsd'], 0.0004);
    assert.equal(ok!['InputTokens'], 1200);
    assert.equal(ok!['Errors'], 0);
    assert.equal(providerError!['Errors'], 1);
    assert.equal(providerError!['ErrorCode'], 'model_error');
    assert.equal(callerError!['Errors'], 0, 'a caller’s bad input is not the provider’s error');
    assert.deepEqual(shadow!._aws.CloudWatchMetrics[0]!.Dimensions, [['Capability', 'Provider', 'Role']]);
    assert.equal(shadow!['Role'], 'shadow');
  });

  it('is on only when JOBMATCH_CLOUDWATCH_EMF is true', () => {
    assert.equal(emfFromEnv({}), null);
    assert.equal(emfFromEnv({ JOBMATCH_CLOUDWATCH_EMF: 'false' }), null);
    assert.ok(emfFromEnv({ JOBMATCH_CLOUDWATCH_EMF: 'true' }));
    assert.throws(() => emfFromEnv({ JOBMATCH_CLOUDWATCH_EMF: 'yes please' }));
  });
});

/** Scripted traffic through the real server and routing, OpenAI served by the emulator; exact counts after. */
describe('metrics through routing', () => {
  let running: ServerWithOpenAi;
  let emulator: OpenAiEmulator;
  let server: ServerWithOpenAi['server'];
  let metrics: Metrics;
  let since: number;
  let n = 0;

  before(async () => {
    running = await startServerWithOpenAi({ JOBMATCH_BREAKER_FAILURES: '4', JOBMATCH_BREAKER_HALF_OPEN_MS: '300' });
    ({ emulator, server } = running);
  });
  after(() => running.stop());
  beforeEach(() => {
    emulator.setFault(null);
    // Each test counts from zero: a fresh registry subscribed now (earlier ones keep listening, harmlessly).
    metrics = createMetrics({ processMetrics: false });
    server.services.observers.add(metrics);
    since = Date.now();
  });

  const setParseRouting = (patch: Partial<CapabilityRouting>) => setRouting(server.services.router.source, { body: patch, capability: 'parse' }, 'test');

  /** A distinct text each time, so an exact-match cache (when one is wired) cannot answer instead of the provider. */
  const parse = async (userId: string) => {
    const res = await fetch(`${server.url}/api/parse-resume`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': userId },
      body: JSON.stringify({ text: `${RESUME}\nReference ${++n}\n` }),
    });
    await res.arrayBuffer();
    return res.status;
  };

  it('counts calls, errors by code, fallbacks, cost and tokens exactly', async () => {
    await setParseRouting({ mode: 'full', control: 'local', candidate: 'openai', retries: 0, shadowSampleRate: 0 });
    emulator.setFault({ kind: 'refusal', times: 3 });
    for (let i = 0; i < 10; i++) assert.equal(await parse(`m-${i}`), 200);

    const parseOpenai = { capability: 'parse', provider: 'openai' };
    assert.equal(await sample(metrics, 'jobmatch_provider_requests_total', { ...parseOpenai, role: 'primary', cohort: 'candidate', outcome: 'error', error_type: 'provider', error_code: 'model_error' }), 3);
    assert.equal(await sample(metrics, 'jobmatch_provider_requests_total', { ...parseOpenai, outcome: 'ok', error_type: 'none', error_code: 'none' }), 7);
    assert.equal(await sample(metrics, 'jobmatch_provider_requests_total', { capability: 'parse', provider: 'local', role: 'fallback', outcome: 'ok' }), 3);
    assert.equal(await sample(metrics, 'jobmatch_provider_requests_total'), 13);
    assert.equal(await sample(metrics, 'jobmatch_fallbacks_total', { capability: 'parse', from: 'openai', to: 'local' }), 3);
    assert.equal(await sample(metrics, 'jobmatch_flag_evaluations_total', { flag: 'routing.parse', variant: 'candidate' }), 10);
    assert.equal(await sample(metrics, 'jobmatch_provider_latency_seconds_count', { ...parseOpenai, role: 'primary' }), 10);
    assert.equal(await sample(metrics, 'jobmatch_provider_latency_seconds_count', { capability: 'parse', provider: 'local', role: 'fallback' }), 3);
    assert.equal(await sample(metrics, 'jobmatch_retries_total'), 0);

    // Cost and tokens agree with what routing recorded; the local parser is free (a series at 0, not missing).
    const openai = server.services.stats.summarise({ capability: 'parse', provider: 'openai', since });
    assert.ok(openai.costUsd > 0 && openai.inputTokens > 0);
    near(await sample(metrics, 'jobmatch_cost_usd_total', { ...parseOpenai, role: 'primary' }), openai.costUsd);
    assert.equal(await sample(metrics, 'jobmatch_tokens_total', { ...parseOpenai, direction: 'input' }), openai.inputTokens);
    assert.equal(await sample(metrics, 'jobmatch_tokens_total', { ...parseOpenai, direction: 'output' }), openai.outputTokens);
    assert.match(await metrics.registry.getSingleMetricAsString('jobmatch_cost_usd_total'), /^jobmatch_cost_usd_total\{capability="parse",provider="local",model="[^"]+",role="fallback"\} 0$/m);
    assert.match(await metrics.registry.getSingleMetricAsString('jobmatch_fallbacks_total'), /^jobmatch_fallbacks_total\{capability="parse",from="openai",to="local"\} 3$/m);
  });

  it('counts shadow runs and their agreement, and books shadow cost separately', async () => {
    await setParseRouting({ mode: 'shadow', control: 'local', candidate: 'openai', shadowSampleRate: 1, retries: 0 });
    server.services.router.shadow.reset();
    for (let i = 0; i < 3; i++) assert.equal(await parse(`s-${i}`), 200);
    await server.services.router.shadow.idle();

    assert.equal(await sample(metrics, 'jobmatch_shadow_results_total', { capability: 'parse', candidate: 'openai' }), 3);
    assert.equal(await sample(metrics, 'jobmatch_shadow_agreement_count', { capability: 'parse', candidate: 'openai' }), 3);
    assert.equal(await sample(metrics, 'jobmatch_provider_requests_total', { capability: 'parse', provider: 'openai', role: 'shadow', outcome: 'ok' }), 3);
    assert.equal(await sample(metrics, 'jobmatch_provider_requests_total', { capability: 'parse', provider: 'local', role: 'primary', cohort: 'control' }), 3);
    const shadowSpend = server.services.stats.summarise({ capability: 'parse', provider: 'openai', roles: ['shadow'], since });
    assert.ok(shadowSpend.costUsd > 0);
    near(await sample(metrics, 'jobmatch_cost_usd_total', { provider: 'openai', role: 'shadow' }), shadowSpend.costUsd);
    assert.equal(await sample(metrics, 'jobmatch_cost_usd_total', { provider: 'openai', role: 'primary' }), 0);
  });

  it('serves /metrics and /api/slo on any app', async () => {
    await setParseRouting({ mode: 'full', control: 'local', candidate: 'openai', retries: 0, shadowSampleRate: 0 });
    for (let i = 0; i < 4; i++) await parse(`o-${i}`);
    const app = new OpenAPIHono<Env>();
    app.use('*', requestId());
    app.use('*', metricsMiddleware(metrics));
    registerObservabilityRoutes(app, { services: server.services }, metrics);

    const res = await app.request('/metrics');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(await res.text(), /^jobmatch_provider_requests_total\{capability="parse",provider="openai",model="[^"]+",role="primary",cohort="candidate",outcome="ok",error_type="none",error_code="none"\} 4$/m);

    const slo = await app.request('/api/slo?windows=60,300');
    assert.equal(slo.status, 200);
    const body = (await slo.json()) as { success: boolean; data: { targets: { p95Ms: number }; capabilities: { capability: string; provider: string; windows: { seconds: number; requests: number; ok: Record<string, boolean> }[] }[] } };
    assert.equal(body.success, true);
    assert.equal(body.data.targets.p95Ms, 3000);
    const openai = body.data.capabilities.find((c) => c.capability === 'parse' && c.provider === 'openai');
    assert.deepEqual(openai?.windows.map((w) => w.seconds), [60, 300]);
    assert.ok((openai?.windows[0]?.requests ?? 0) >= 4);
    assert.ok(body.data.capabilities.some((c) => c.capability === 'embed' && c.provider === 'local'));

    assert.equal((await app.request('/api/slo?windows=soon')).status, 400);
    assert.equal((await app.request('/api/slo?windows=0')).status, 400);
    // The observability routes count themselves like any other.
    assert.equal(await sample(metrics, 'jobmatch_http_requests_total', { route: '/api/slo', status: '400' }), 2);
  });

  it('follows the circuit breaker through open, half-open and closed', async () => {
    await setParseRouting({ mode: 'full', control: 'local', candidate: 'openai', retries: 0, shadowSampleRate: 0 });
    const seen: string[] = [];
    server.services.router.resilience.onBreakerChange((capability, provider, state) => {
      metrics.setBreakerState(capability, provider, state);
      if (capability === 'parse' && provider === 'openai') seen.push(state);
    });
    const gauge = () => sample(metrics, 'jobmatch_breaker_state', { capability: 'parse', provider: 'openai' });

    emulator.setFault({ kind: 'bad_key' });
    for (let i = 0; i < 4; i++) await parse(`b-${i}`);
    assert.equal(await gauge(), 1);

    emulator.setFault(null);
    await new Promise((r) => setTimeout(r, 350));
    await parse('b-probe');
    assert.deepEqual(seen, ['open', 'half-open', 'closed']);
    assert.equal(await gauge(), 0);
  });
});
