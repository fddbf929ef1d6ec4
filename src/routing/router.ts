import { createHash, hash } from 'node:crypto';
import type { Client } from '@openfeature/server-sdk';
import {
  AppError,
  ProviderError,
  ZERO_USAGE,
  type EmbedRequest,
  type EmbedResult,
  type Embedder,
  type ParseRequest,
  type ParseResult,
  type ResumeParser,
  type Usage,
} from '../domain/index.js';
import type { Logger } from '../telemetry/logger.js';
import { compareParses, compareRankings } from './compare.js';
import type { Capability } from './config.js';
import { controlRoute, evaluateRoute, type RouteVariant } from './flags.js';
import type { BudgetGate, ResultCache } from './hooks.js';
import type { CallRole, Cohort, ProviderCall, RouteInfo, RoutingObserver } from './observations.js';
import { errorTypeOf, isProviderFault, type Resilience } from './resilience.js';
import type { ShadowRunner } from './shadow.js';
import { traceProviderCall } from './tracing.js';
import type { RoutingSource } from './source.js';

/** Who a request is for and where its routing decisions are written. One per request. */
export interface RequestContext {
  requestId?: string | null;
  /** The stable id routing buckets on; without one the request is served by the control provider. */
  userId?: string;
  signal?: AbortSignal;
  /** Filled in by the router: how each capability was served, for headers and logs. */
  routes?: RouteInfo[];
  /** Told each route as it is decided (the HTTP layer sets response headers from it). */
  onRoute?: (route: RouteInfo) => void;
  /** Skip the cache lookup for this request (the fresh result is still stored). */
  noCache?: boolean;
}

export interface RouterDeps {
  source: RoutingSource;
  flags: Client;
  /** Builds (or returns the cached) parser for a provider name. */
  parser(provider: string): ResumeParser;
  /** The embedder of a provider: its space is the one that provider's vectors live in. */
  embedder(provider: string): Embedder;
  /** Nearest job ids in a space, for comparing embedders by what they would match. */
  nearestJobs?(spaceId: string, vector: Float32Array, k: number): string[];
  resilience: Resilience;
  shadow: ShadowRunner;
  observer: RoutingObserver;
  cache?: ResultCache;
  budget?: BudgetGate;
  logger?: Logger;
}

interface CallSpec<T> {
  capability: Capability;
  provider: string;
  model: string;
  role: CallRole;
  cohort: Cohort;
  route: RouteVariant;
  ctx: RequestContext;
  usage(value: T): Usage;
  run(signal: AbortSignal): Promise<T>;
  signal?: AbortSignal;
  /** Exact-match cache key of the call's input and parameters (computed only when a cache is configured). */
  cacheKey?: () => string;
  /** Size of the input sent, for the budget's cost estimate. */
  inputChars: number;
}

/**
 * Exact-match cache keys: sha256 over the normalised input and everything that changes the answer (provider,
 * model, parser/prompt version, parameters), partitioned by user so one person's entries can be erased and
 * never answer another's request. Whitespace runs collapse; case is kept — it carries meaning.
 */
function cacheKey(parts: readonly (string | number | null | undefined)[], input: string): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p ?? ''}\u0000`);
  return h.update(input.replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim()).digest('hex');
}

function parseCacheKey(parser: ResumeParser, request: ParseRequest, userId: string | undefined): string {
  // "Present" resolves against the reference date, so the day is part of the answer.
  const day = (request.referenceDate ?? new Date()).toISOString().slice(0, 10);
  return cacheKey(['parse', userKeyOf(userId), parser.provider, parser.model, parser.version, day], request.text);
}

function embedCacheKey(embedder: Embedder, request: EmbedRequest, userId: string | undefined): string {
  return cacheKey(['embed', userKeyOf(userId), embedder.space.id, request.kind, request.texts.length], request.texts.join('\u0001'));
}

const userKeyCache = new Map<string, string>();

/** A user's id as stored in metrics and the ledger: a short hash, never the id. */
export function userKeyOf(userId: string | undefined): string | null {
  if (!userId) return null;
  let key = userKeyCache.get(userId);
  if (!key) {
    key = hash('sha256', userId, 'hex').slice(0, 16);
    if (userKeyCache.size > 10_000) userKeyCache.clear();
    userKeyCache.set(userId, key);
  }
  return key;
}

/**
 * Migration control in one place: for each request and capability, the routing flag decides the provider
 * (sticky by user), the call runs under that provider's resilience policies, parsing falls back along the
 * chain, the candidate is shadowed on a sample, and every call is reported to the observer.
 */
export class Router {
  constructor(private readonly deps: RouterDeps) {}

  get source(): RoutingSource {
    return this.deps.source;
  }

  get resilience(): Resilience {
    return this.deps.resilience;
  }

  get shadow(): ShadowRunner {
    return this.deps.shadow;
  }

  /** The routing decision for one capability and user, through OpenFeature. */
  async decide(capability: Capability, ctx: RequestContext): Promise<{ route: RouteVariant; variant: string }> {
    const control = controlRoute(capability, this.deps.source.current().config[capability]);
    return evaluateRoute(this.deps.flags, capability, control, ctx.userId);
  }

  /** The embedder a provider name routes to (its space is where that provider's vectors live). */
  embedderOf(provider: string): Embedder {
    return this.deps.embedder(provider);
  }

  /** A provider's parser, outside routing: no breaker, retry, shadow or observation (side-by-side trials). */
  parserOf(provider: string): ResumeParser {
    return this.deps.parser(provider);
  }

  /** Records how a capability was served for this request (headers, logs, observer). */
  note(ctx: RequestContext, info: RouteInfo): void {
    // Only callers that asked (by passing an array) collect routes: a long-lived context must not grow.
    ctx.routes?.push(info);
    ctx.onRoute?.(info);
    this.deps.observer.onRoute?.(info, ctx.requestId ?? null);
  }

  private async call<T>(spec: CallSpec<T>): Promise<T> {
    const t0 = performance.now();
    const base = {
      requestId: spec.ctx.requestId ?? null,
      userKey: userKeyOf(spec.ctx.userId),
      capability: spec.capability,
      provider: spec.provider,
      model: spec.model,
      cohort: spec.cohort,
      role: spec.role,
    };
    const timeoutMs = spec.role === 'shadow' ? spec.route.shadowTimeoutMs : spec.route.timeoutMs;
    let retries = 0;
    // The provider call proper: budget held for its estimate, resilience policies around it.
    const budget = this.deps.budget;
    const invoke = (): Promise<T> => traceProviderCall(base, spec.usage, async () => {
      // No `await` when there is no budget: each one is a turn of the microtask queue on every call.
      const reservation = budget ? await budget.reserve(base, spec.inputChars) : undefined;
      try {
        const done = await this.deps.resilience.execute(spec.capability, spec.provider, { timeoutMs, retries: spec.route.retries, signal: spec.signal ?? spec.ctx.signal }, spec.run);
        retries = done.retries;
        if (reservation) await reservation.settle(spec.usage(done.value).costUsd);
        return done.value;
      } catch (e) {
        retries = (e as { retries?: number }).retries ?? retries;
        if (reservation) await reservation.release();
        throw e;
      }
    });
    const cache = this.deps.cache && spec.cacheKey ? this.deps.cache : undefined;
    const key = cache ? spec.cacheKey!() : '';
    // `cached` is reported only when the cache was consulted, so hit rates count lookups, not every call.
    const lookedUp = cache !== undefined && spec.ctx.noCache !== true ? { cached: false } : {};
    try {
      const { value, cached } = cache
        ? await cache.getOrCompute(key, invoke, { bypass: spec.ctx.noCache === true, call: base })
        : { value: await invoke(), cached: false };
      const usage = cached ? ZERO_USAGE : spec.usage(value);
      this.emit({ ...base, ...lookedUp, ...(cached ? { cached } : {}), at: Date.now(), outcome: 'ok', errorCode: null, errorType: null, latencyMs: performance.now() - t0, usage, retries: cached ? 0 : retries });
      return value;
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'internal_error';
      this.emit({ ...base, ...lookedUp, at: Date.now(), outcome: 'error', errorCode: code, errorType: errorTypeOf(e), latencyMs: performance.now() - t0, usage: ZERO_USAGE, retries });
      throw e;
    }
  }

  private emit(call: ProviderCall): void {
    try {
      this.deps.observer.onCall?.(call);
    } catch (err) {
      this.deps.logger?.warn({ err }, 'routing observer failed');
    }
  }

  /** A ResumeParser that routes every call for this request: what services/parseResume and matchJobs take. */
  parserFor(ctx: RequestContext): ResumeParser {
    return { provider: 'routed', model: 'routed', parse: (request) => this.parse(request, ctx) };
  }

  async parse(request: ParseRequest, ctx: RequestContext): Promise<ParseResult> {
    const { route, variant } = await this.decide('parse', ctx);
    const chain = [route.provider, ...route.fallbacks];
    const failed: string[] = [];
    let lastError: unknown;
    for (const [i, name] of chain.entries()) {
      const parser = this.deps.parser(name);
      try {
        const result = await this.call({
          capability: 'parse',
          provider: name,
          model: parser.model,
          role: i === 0 ? 'primary' : 'fallback',
          cohort: route.cohort,
          route,
          ctx,
          usage: (r: ParseResult) => r.usage,
          run: (signal) => parser.parse({ ...request, signal }),
          inputChars: request.text.length,
          cacheKey: () => parseCacheKey(parser, request, ctx.userId),
        });
        this.note(ctx, { capability: 'parse', mode: route.mode, provider: name, cohort: route.cohort, bucket: route.bucket, fallbackFrom: failed, shadow: null, variant });
        if (failed.length > 0) result.resume.meta.warnings.push(`Parsed by ${name} after ${failed.join(', ')} failed.`);
        else this.shadowParse(route, request, result, ctx);
        return result;
      } catch (e) {
        // The caller's own mistakes (an empty text) would fail anywhere: no point trying another provider.
        // …and a budget set to reject (not reroute) refuses outright.
        if (!isProviderFault(e) || errorTypeOf(e) === 'caller' || (e instanceof ProviderError && e.details?.['fallback'] === false)) throw e;
        this.deps.logger?.warn({ err: e, provider: name, requestId: ctx.requestId }, 'parse provider failed');
        failed.push(name);
        lastError = e;
      }
    }
    throw lastError;
  }

  private shadowParse(route: RouteVariant, request: ParseRequest, served: ParseResult, ctx: RequestContext): void {
    const candidate = route.shadow;
    if (!candidate || !this.deps.shadow.shouldSample(route.shadowSampleRate, ctx.userId ?? null, 'parse')) return;
    const parser = this.deps.parser(candidate);
    this.deps.shadow.run({
      requestId: ctx.requestId ?? null,
      capability: 'parse',
      control: route.provider,
      candidate,
      timeoutMs: route.shadowTimeoutMs,
      controlValue: served.resume,
      execute: (signal) =>
        this.call({
          capability: 'parse',
          provider: candidate,
          model: parser.model,
          role: 'shadow',
          cohort: 'candidate',
          route,
          ctx: { requestId: ctx.requestId, userId: ctx.userId },
          signal,
          usage: (r: ParseResult) => r.usage,
          run: (s) => parser.parse({ text: request.text, referenceDate: request.referenceDate, signal: s }),
          inputChars: request.text.length,
          cacheKey: () => parseCacheKey(parser, request, ctx.userId),
        }).then((r) => r.resume),
      compare: compareParses,
    });
  }

  /** An embedder call for `capability` under the provider's policies; no fallback: vectors never change space. */
  embedWith(capability: Capability, embedder: Embedder, request: EmbedRequest, ctx: RequestContext, route: RouteVariant, role: CallRole = 'primary'): Promise<EmbedResult> {
    return this.call({
      capability,
      provider: embedder.provider,
      model: embedder.model,
      role,
      cohort: role === 'shadow' ? 'candidate' : route.cohort,
      route,
      ctx,
      signal: request.signal,
      usage: (r: EmbedResult) => r.usage,
      run: (signal) => embedder.embed({ ...request, signal }),
      inputChars: request.texts.reduce((n, t) => n + t.length, 0),
      cacheKey: () => embedCacheKey(embedder, request, ctx.userId),
    });
  }

  /** Embeds texts with the routed provider (or in `spaceId` when the caller names one). */
  async embed(request: EmbedRequest, ctx: RequestContext, spaceId?: string): Promise<EmbedResult & { embedder: Embedder }> {
    const { route, variant } = await this.decide('embed', ctx);
    const embedder = spaceId ? this.embedderForSpace(spaceId) : this.deps.embedder(route.provider);
    const explicit = spaceId !== undefined && embedder.provider !== route.provider;
    const served = explicit ? { ...route, provider: embedder.provider, cohort: 'control' as const, shadow: null } : route;
    const result = await this.embedWith('embed', embedder, request, ctx, served);
    this.note(ctx, { capability: 'embed', mode: served.mode, provider: embedder.provider, cohort: served.cohort, bucket: route.bucket, fallbackFrom: [], shadow: null, variant: explicit ? 'explicit' : variant });
    this.shadowEmbed(served, embedder, request, result, ctx);
    return { ...result, embedder };
  }

  private embedderForSpace(spaceId: string): Embedder {
    const found = this.spaces().get(spaceId);
    if (!found) throw new AppError('unknown_embedding_space', `No embedder is configured for space "${spaceId}". Configured: ${[...this.spaces().keys()].join(', ')}.`);
    return found;
  }

  private spaces(): Map<string, Embedder> {
    const config = this.deps.source.current().config;
    const names = new Set([config.embed.control, config.embed.candidate, config.match.control, config.match.candidate].filter((p): p is string => p !== null));
    return new Map([...names].map((n) => this.deps.embedder(n)).map((e) => [e.space.id, e] as const));
  }

  /** Embedders are compared by what they would match: the nearest jobs to the first text in each space. */
  private shadowEmbed(route: RouteVariant, control: Embedder, request: EmbedRequest, served: EmbedResult, ctx: RequestContext): void {
    const candidate = route.shadow;
    const nearest = this.deps.nearestJobs;
    const first = served.vectors[0];
    if (!candidate || !nearest || !first || !this.deps.shadow.shouldSample(route.shadowSampleRate, ctx.userId ?? null, 'embed')) return;
    const embedder = this.deps.embedder(candidate);
    this.deps.shadow.run({
      requestId: ctx.requestId ?? null,
      capability: 'embed',
      control: control.provider,
      candidate,
      timeoutMs: route.shadowTimeoutMs,
      controlValue: nearest(control.space.id, first, 10),
      execute: async (signal) => {
        const r = await this.embedWith('embed', embedder, { texts: request.texts.slice(0, 1), kind: request.kind, signal }, { requestId: ctx.requestId, userId: ctx.userId }, route, 'shadow');
        return r.vectors[0] ? nearest(embedder.space.id, r.vectors[0], 10) : [];
      },
      compare: (a, b) => compareRankings(a, b, 10),
    });
  }
}
