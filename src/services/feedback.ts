import { LRUCache } from 'lru-cache';
import { AppError } from '../domain/index.js';
import { twoProportionZTest, wilsonInterval, type Interval, type TwoProportionTest } from '../eval/ab-stats.js';
import type { Capability, CapabilityRouting } from '../routing/config.js';
import type { Cohort, RouteInfo, RoutingObserver } from '../routing/observations.js';
import { userKeyOf } from '../routing/router.js';
import type { CallStats, ShadowSummary } from '../routing/stats.js';
import type { Db } from '../store/db.js';
import { feedbackCounts, upsertFeedback } from '../store/feedback.js';

/**
 * The online half of A/B evaluation: user feedback on served answers, attributed to the provider and cohort
 * that served them, and per-cohort experiment metrics (live call statistics and feedback, with a test of the
 * difference in positive-feedback rate).
 */

export const DEFAULT_ROUTE_MEMORY = 50_000;
export const DEFAULT_ROUTE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Which provider and cohort served each recent request, by request id: feedback arrives after the response,
 * and only this instance knows. Bounded by count and age (least recently served goes first), so memory stays
 * flat under any load; feedback on a forgotten request is refused rather than guessed.
 */
export class ServedRoutes implements RoutingObserver {
  private readonly routes: LRUCache<string, RouteInfo[]>;

  constructor(options: { capacity?: number; ttlMs?: number } = {}) {
    this.routes = new LRUCache({ max: options.capacity ?? DEFAULT_ROUTE_MEMORY, ttl: options.ttlMs ?? DEFAULT_ROUTE_TTL_MS });
  }

  onRoute(route: RouteInfo, requestId: string | null): void {
    if (requestId === null) return;
    const known = this.routes.get(requestId);
    if (known) known.push(route);
    else this.routes.set(requestId, [route]);
  }

  get(requestId: string): readonly RouteInfo[] | undefined {
    return this.routes.get(requestId);
  }
}

export interface FeedbackInput {
  requestId: string;
  rating: 'up' | 'down';
  capability?: Capability;
  corrections?: Record<string, unknown>;
}

export interface RecordedFeedback {
  requestId: string;
  capability: Capability;
  provider: string;
  cohort: Cohort;
  rating: 'up' | 'down';
}

/** When a request used several capabilities and the caller didn't say which answer is rated: what the user saw. */
const SHOWN_FIRST: readonly Capability[] = ['match', 'parse', 'embed'];

export interface CohortReport {
  cohort: Cohort;
  /** Providers that served this cohort in the window (by calls or feedback). */
  providers: string[];
  live: { requests: number; errorRate: number; p50Ms: number | null; p95Ms: number | null; costPerRequestUsd: number };
  feedback: { up: number; down: number; total: number; corrected: number; positiveRate: number | null; ci95: Interval | null };
}

export interface ExperimentReport {
  capability: Capability;
  routing: Pick<CapabilityRouting, 'mode' | 'control' | 'candidate' | 'rolloutPercent' | 'shadowSampleRate'>;
  window: { since: string; until: string };
  cohorts: [CohortReport, CohortReport];
  /** Candidate runs in the background compared with what control served (this instance's memory). */
  shadow: ShadowSummary;
  /** Positive-feedback rate, candidate minus control; null until both cohorts have feedback. */
  comparison: (TwoProportionTest & { test: string }) | null;
}

export interface FeedbackServiceDeps {
  db: Db;
  routes: ServedRoutes;
  stats: CallStats;
  /** The routing in force for a capability (mode, providers, rollout). */
  routing: (capability: Capability) => CapabilityRouting;
  now?: () => number;
}

export class FeedbackService {
  private readonly now: () => number;

  constructor(private readonly deps: FeedbackServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Stores a rating against the provider and cohort that served the request; not_found when unknown here. */
  async record(input: FeedbackInput, userId: string | undefined): Promise<RecordedFeedback> {
    const routes = this.deps.routes.get(input.requestId);
    if (!routes || routes.length === 0) {
      throw new AppError('not_found', `Request ${input.requestId} is unknown here: feedback is accepted for requests this instance served recently (see the x-request-id response header).`);
    }
    const route = input.capability === undefined ? SHOWN_FIRST.map((c) => routes.find((r) => r.capability === c)).find((r) => r !== undefined) : routes.find((r) => r.capability === input.capability);
    if (!route) {
      throw new AppError('not_found', `Request ${input.requestId} was not served a ${input.capability} answer; it used ${routes.map((r) => r.capability).join(', ')}.`);
    }
    await upsertFeedback(this.deps.db, {
      requestId: input.requestId,
      userKey: userKeyOf(userId),
      capability: route.capability,
      provider: route.provider,
      cohort: route.cohort,
      rating: input.rating === 'up' ? 1 : -1,
      corrections: input.corrections && Object.keys(input.corrections).length > 0 ? input.corrections : null,
    });
    return { requestId: input.requestId, capability: route.capability, provider: route.provider, cohort: route.cohort, rating: input.rating };
  }

  /** Control vs candidate over the last `windowMs`: live call metrics, feedback and the test between them. */
  async experiment(capability: Capability, windowMs: number): Promise<ExperimentReport> {
    const until = this.now();
    const since = until - windowMs;
    const counts = await feedbackCounts(this.deps.db, capability, { since: new Date(since), until: new Date(until) });
    const cohort = (name: Cohort): CohortReport => {
      const live = this.deps.stats.summarise({ capability, cohort: name, roles: ['primary', 'fallback'], since, until });
      const rows = counts.filter((c) => c.cohort === name);
      const up = rows.reduce((s, r) => s + r.up, 0);
      const down = rows.reduce((s, r) => s + r.down, 0);
      const total = up + down;
      return {
        cohort: name,
        providers: [...new Set(rows.map((r) => r.provider))].sort(),
        live: { requests: live.requests, errorRate: live.errorRate, p50Ms: live.p50Ms, p95Ms: live.p95Ms, costPerRequestUsd: live.costPerRequestUsd },
        feedback: { up, down, total, corrected: rows.reduce((s, r) => s + r.corrected, 0), positiveRate: total === 0 ? null : up / total, ci95: wilsonInterval(up, total) },
      };
    };
    const control = cohort('control');
    const candidate = cohort('candidate');
    const routing = this.deps.routing(capability);
    const test = twoProportionZTest(control.feedback.up, control.feedback.total, candidate.feedback.up, candidate.feedback.total);
    const shadow = routing.candidate ? this.deps.stats.summarise({ capability, provider: routing.candidate, since, until }).shadow : { runs: 0, matched: 0, agreement: null };
    return {
      capability,
      routing: { mode: routing.mode, control: routing.control, candidate: routing.candidate, rolloutPercent: routing.rolloutPercent, shadowSampleRate: routing.shadowSampleRate },
      window: { since: new Date(since).toISOString(), until: new Date(until).toISOString() },
      cohorts: [control, candidate],
      shadow,
      comparison: test === null ? null : { test: 'two-proportion z-test (pooled), two-sided; 95 % Wald interval of the difference', ...test },
    };
  }
}

/** One factory for the wiring: the route memory to register as an observer and the service the routes use. */
export function createFeedback(deps: Omit<FeedbackServiceDeps, 'routes'> & { routes?: ServedRoutes }): { routes: ServedRoutes; service: FeedbackService } {
  const routes = deps.routes ?? new ServedRoutes();
  return { routes, service: new FeedbackService({ ...deps, routes }) };
}
