import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Capability } from '../routing/config.js';
import { routingFlagKey } from '../routing/flags.js';
import type { ProviderCall, RouteInfo, RoutingObserver, ShadowResult } from '../routing/observations.js';
import type { BreakerState } from '../routing/resilience.js';

/**
 * Prometheus metrics for migration control and the HTTP edge, in the vocabulary of LLM gateways (Bifrost,
 * LiteLLM, Kong): upstream latency separate from our own overhead, errors split by whose fault they are,
 * cost and tokens, retries, fallbacks, cache hits, shadow agreement and flag evaluations.
 *
 * Every label value comes from a closed set (capabilities, configured providers and models, error codes,
 * route patterns): never a user id, request id or raw path, which would make series grow without bound.
 */

export interface MetricsOptions {
  /** Where the metrics are registered; a fresh Registry by default, so several services can share a process. */
  registry?: Registry;
  /** Node process metrics (CPU, memory, event loop lag, GC). Default true. */
  processMetrics?: boolean;
}

const PREFIX = 'jobmatch_';

/** 5 ms (a local parse) to 30 s (a slow LLM near its timeout). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Our own time is expected in milliseconds; anything past a second is a bug worth seeing. */
const OVERHEAD_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const AGREEMENT_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];

const BREAKER_VALUES: Record<BreakerState, number> = { closed: 0, 'half-open': 0.5, open: 1, isolated: 2 };

/** Methods outside this set (clients can send any token) are counted as OTHER. */
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Upstream time is summed per request id until the request ends. Entries whose request never reports its end
 * (a caller outside the HTTP server that still passes request ids) are evicted oldest first beyond this.
 */
const MAX_OPEN_REQUESTS = 10_000;

interface OpenRequest {
  upstreamSeconds: number;
  capabilities: Set<Capability>;
}

export interface Metrics extends RoutingObserver {
  readonly registry: Registry;
  onCall(call: ProviderCall): void;
  onShadow(result: ShadowResult): void;
  onRoute(route: RouteInfo, requestId: string | null): void;
  /** One finished HTTP request. `route` is the matched route pattern (`/api/jobs/{id}`), never the raw path. */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  /** Time a request spent in our code rather than waiting on a provider, for one capability it used. */
  observeOverhead(capability: Capability, seconds: number): void;
  /**
   * Ends a request: observes it, and its overhead (duration minus the upstream time of its provider calls) once
   * per capability it used. Requests that called no provider have no overhead to report.
   */
  requestFinished(requestId: string | null | undefined, route: string, method: string, status: number, seconds: number): void;
  setBreakerState(capability: Capability, provider: string, state: BreakerState): void;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = options.registry ?? new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const providerRequests = new Counter({
    name: `${PREFIX}provider_requests_total`,
    help: 'Provider calls made by routing, by outcome; error_type says whose fault a failure was (caller, policy, provider).',
    labelNames: ['capability', 'provider', 'model', 'role', 'cohort', 'outcome', 'error_type', 'error_code'] as const,
    registers,
  });
  const providerLatency = new Histogram({
    name: `${PREFIX}provider_latency_seconds`,
    help: 'Time a provider call took, retries included (cache hits excluded: they never reach the provider).',
    labelNames: ['capability', 'provider', 'role'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const overhead = new Histogram({
    name: `${PREFIX}overhead_seconds`,
    help: 'Our own time per request: request duration minus the upstream time of its serving provider calls.',
    labelNames: ['capability'] as const,
    buckets: OVERHEAD_BUCKETS,
    registers,
  });
  const tokens = new Counter({
    name: `${PREFIX}tokens_total`,
    help: 'Tokens reported by providers (shadow calls included: they are spent too).',
    labelNames: ['capability', 'provider', 'model', 'direction'] as const,
    registers,
  });
  const cost = new Counter({
    name: `${PREFIX}cost_usd_total`,
    help: 'Provider cost in US dollars; shadow spend is the role="shadow" series.',
    labelNames: ['capability', 'provider', 'model', 'role'] as const,
    registers,
  });
  const retries = new Counter({
    name: `${PREFIX}retries_total`,
    help: 'Attempts beyond the first made by the retry policy.',
    labelNames: ['capability', 'provider'] as const,
    registers,
  });
  const fallbacks = new Counter({
    name: `${PREFIX}fallbacks_total`,
    help: 'Requests served by a fallback provider, per provider that failed first and the one that served.',
    labelNames: ['capability', 'from', 'to'] as const,
    registers,
  });
  const cacheLookups = new Counter({
    name: `${PREFIX}cache_lookups_total`,
    help: 'Provider calls that went through the exact-match result cache.',
    labelNames: ['capability', 'provider'] as const,
    registers,
  });
  const cacheHits = new Counter({
    name: `${PREFIX}cache_hits_total`,
    help: 'Provider calls answered from the exact-match result cache.',
    labelNames: ['capability', 'provider'] as const,
    registers,
  });
  const shadowResults = new Counter({
    name: `${PREFIX}shadow_results_total`,
    help: 'Shadow runs of a candidate, by outcome (matched, mismatched, error, timeout, skipped).',
    labelNames: ['capability', 'candidate', 'outcome'] as const,
    registers,
  });
  const shadowAgreement = new Histogram({
    name: `${PREFIX}shadow_agreement`,
    help: 'Agreement (0..1) between the candidate and what the user was given, per scored shadow run.',
    labelNames: ['capability', 'candidate'] as const,
    buckets: AGREEMENT_BUCKETS,
    registers,
  });
  const flagEvaluations = new Counter({
    name: `${PREFIX}flag_evaluations_total`,
    help: 'Routing flag evaluations that served a request, by variant.',
    labelNames: ['flag', 'variant'] as const,
    registers,
  });
  const breakerState = new Gauge({
    name: `${PREFIX}breaker_state`,
    help: 'Circuit breaker per capability and provider: 0 closed, 0.5 half-open, 1 open, 2 isolated.',
    labelNames: ['capability', 'provider'] as const,
    registers,
  });
  const httpRequests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: 'HTTP requests by matched route pattern, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'HTTP request duration by matched route pattern and method.',
    labelNames: ['route', 'method'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });

  const open = new Map<string, OpenRequest>();

  /** Serving calls only: shadow calls run beside the request, not inside its latency. Cache hits are our own time. */
  const noteUpstream = (call: ProviderCall) => {
    if (call.requestId === null || call.role === 'shadow') return;
    let entry = open.get(call.requestId);
    if (!entry) {
      if (open.size >= MAX_OPEN_REQUESTS) open.delete(open.keys().next().value as string);
      entry = { upstreamSeconds: 0, capabilities: new Set() };
      open.set(call.requestId, entry);
    }
    entry.capabilities.add(call.capability);
    if (call.cached !== true) entry.upstreamSeconds += call.latencyMs / 1000;
  };

  const metrics: Metrics = {
    registry,

    onCall(call) {
      const { capability, provider, model, role } = call;
      providerRequests.inc({
        capability,
        provider,
        model,
        role,
        cohort: call.cohort,
        outcome: call.outcome,
        error_type: call.errorType ?? 'none',
        error_code: call.errorCode ?? 'none',
      });
      // A call that carries the `cached` flag went through the cache step; one without it had no lookup.
      if (call.cached !== undefined) cacheLookups.inc({ capability, provider });
      if (call.cached === true) cacheHits.inc({ capability, provider });
      else providerLatency.observe({ capability, provider, role }, call.latencyMs / 1000);
      if (call.usage.inputTokens > 0) tokens.inc({ capability, provider, model, direction: 'input' }, call.usage.inputTokens);
      if (call.usage.outputTokens > 0) tokens.inc({ capability, provider, model, direction: 'output' }, call.usage.outputTokens);
      // Zero increments still create the series, so a free provider reads 0 rather than "no data".
      cost.inc({ capability, provider, model, role }, call.usage.costUsd);
      if (call.retries > 0) retries.inc({ capability, provider }, call.retries);
      noteUpstream(call);
    },

    onShadow(result) {
      shadowResults.inc({ capability: result.capability, candidate: result.candidate, outcome: result.outcome });
      if (result.agreement !== null) shadowAgreement.observe({ capability: result.capability, candidate: result.candidate }, result.agreement);
    },

    onRoute(route) {
      flagEvaluations.inc({ flag: routingFlagKey(route.capability), variant: route.variant });
      for (const from of route.fallbackFrom) fallbacks.inc({ capability: route.capability, from, to: route.provider });
    },

    observeRequest(route, method, status, seconds) {
      const m = method.toUpperCase();
      const labels = { route, method: HTTP_METHODS.has(m) ? m : 'OTHER' };
      httpRequests.inc({ ...labels, status: String(status) });
      httpDuration.observe(labels, seconds);
    },

    observeOverhead(capability, seconds) {
      overhead.observe({ capability }, seconds);
    },

    requestFinished(requestId, route, method, status, seconds) {
      metrics.observeRequest(route, method, status, seconds);
      if (!requestId) return;
      const entry = open.get(requestId);
      if (!entry) return;
      open.delete(requestId);
      // Parallel provider calls can add up to more than the request took; our time is then too small to see.
      const ours = Math.max(0, seconds - entry.upstreamSeconds);
      for (const capability of entry.capabilities) metrics.observeOverhead(capability, ours);
    },

    setBreakerState(capability, provider, state) {
      breakerState.set({ capability, provider }, BREAKER_VALUES[state]);
    },
  };
  return metrics;
}
