import { createRoute, z } from '@hono/zod-openapi';
import { CAPABILITIES, ROUTING_MODES, type RoutingConfig } from '../../routing/config.js';
import type { CallRole, Cohort } from '../../routing/observations.js';
import type { CallStats, WindowFilter } from '../../routing/stats.js';
import { routedProviders, sloTargetsFromEnv, type SloTargets } from '../../telemetry/slo.js';
import type { App, AppDeps } from '../env.js';

/**
 * What the live-metrics page draws: per capability × provider × cohort, the last 5 minutes and the last hour,
 * plus a per-minute series for the charts and the SLO targets to draw against. Aggregates only, computed on
 * demand from this instance's in-memory call statistics: no personal data, nothing stored.
 *
 * Counted as /api/slo counts (src/telemetry/slo.ts), so the two never disagree: only calls that served a user
 * (primary and fallback; shadow calls are experiments, reported as shadow agreement instead), and availability
 * leaves out failures that were the caller's fault.
 */

const WINDOWS = { last5m: 5 * 60_000, last1h: 60 * 60_000 } as const;
export const SERIES_POINTS = 30;
export const SERIES_BUCKET_MS = 60_000;

const COHORTS: readonly Cohort[] = ['control', 'candidate'];
const SERVING: readonly CallRole[] = ['primary', 'fallback'];

const MetricsSchema = z.object({
  requests: z.number().int(),
  errorRate: z.number().openapi({ description: 'Provider errors / requests (0 without requests)' }),
  availability: z.number().nullable().openapi({ description: "1 − failures other than the caller's / requests; null without requests" }),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  costPerRequestUsd: z.number(),
  cacheHitRate: z.number().nullable().openapi({ description: 'Calls answered from the result cache / requests; null without requests' }),
  shadowRuns: z.number().int().openapi({ description: 'Shadow comparisons with this provider as the candidate (any cohort)' }),
  shadowAgreement: z.number().nullable(),
});
export type DashboardMetrics = z.infer<typeof MetricsSchema>;

const SeriesPointSchema = z.object({
  at: z.number().openapi({ description: 'Start of the minute, epoch ms' }),
  requests: z.number().int(),
  errorRate: z.number(),
  p95Ms: z.number().nullable(),
});

export const DashboardSummarySchema = z
  .object({
    generatedAt: z.number().openapi({ description: 'Epoch ms' }),
    slo: z
      .object({ p95Ms: z.number(), errorRate: z.number(), costPerRequestUsd: z.number(), availability: z.number() })
      .openapi({ description: 'The targets /api/slo judges against (JOBMATCH_SLO_*): maxima, except availability, a minimum' }),
    capabilities: z.array(
      z.object({
        capability: z.enum(CAPABILITIES),
        mode: z.enum(ROUTING_MODES),
        control: z.string(),
        candidate: z.string().nullable(),
        rolloutPercent: z.number(),
      }),
    ),
    rows: z.array(
      z.object({
        capability: z.enum(CAPABILITIES),
        provider: z.string(),
        cohort: z.enum(['control', 'candidate']),
        last5m: MetricsSchema,
        last1h: MetricsSchema,
      }),
    ),
    series: z.array(
      z.object({
        capability: z.enum(CAPABILITIES),
        provider: z.string(),
        bucketMs: z.number().int(),
        points: z.array(SeriesPointSchema).openapi({ description: `${SERIES_POINTS} one-minute buckets, oldest first; the last is the current minute` }),
      }),
    ),
  })
  .openapi('DashboardSummary');
export type DashboardSummary = z.infer<typeof DashboardSummarySchema>;

function windowMetrics(stats: CallStats, filter: WindowFilter): DashboardMetrics {
  const all = stats.summarise(filter);
  const hits = all.requests === 0 ? 0 : stats.summarise({ ...filter, cached: true }).requests;
  const perRequest = (n: number) => (all.requests === 0 ? null : n / all.requests);
  return {
    requests: all.requests,
    errorRate: all.errorRate,
    availability: perRequest(all.requests - (all.errors - all.callerErrors)),
    p50Ms: all.p50Ms,
    p95Ms: all.p95Ms,
    costPerRequestUsd: all.costPerRequestUsd,
    cacheHitRate: perRequest(hits),
    shadowRuns: all.shadow.runs,
    shadowAgreement: all.shadow.agreement,
  };
}

/** Pure over its inputs, so it can be tested without a server. */
export function dashboardSummary(stats: CallStats, routing: RoutingConfig, targets: SloTargets, now: number = Date.now()): DashboardSummary {
  const capabilities: DashboardSummary['capabilities'] = [];
  const rows: DashboardSummary['rows'] = [];
  const series: DashboardSummary['series'] = [];
  // Buckets on minute boundaries, so a point keeps its meaning from one refresh to the next.
  const seriesEnd = Math.floor(now / SERIES_BUCKET_MS) * SERIES_BUCKET_MS + SERIES_BUCKET_MS;

  for (const capability of CAPABILITIES) {
    const r = routing[capability];
    capabilities.push({ capability, mode: r.mode, control: r.control, candidate: r.candidate, rolloutPercent: r.rolloutPercent });
  }
  // Every provider routing names, each listed even without traffic, so a silent candidate is visible.
  for (const { capability, provider } of routedProviders(routing)) {
    for (const cohort of COHORTS) {
      const base = { capability, provider, cohort, roles: SERVING, until: now + 1 };
      rows.push({
        capability,
        provider,
        cohort,
        last5m: windowMetrics(stats, { ...base, since: now - WINDOWS.last5m + 1 }),
        last1h: windowMetrics(stats, { ...base, since: now - WINDOWS.last1h + 1 }),
      });
    }
    const points = Array.from({ length: SERIES_POINTS }, (_, i) => {
      const since = seriesEnd - (SERIES_POINTS - i) * SERIES_BUCKET_MS;
      const s = stats.summarise({ capability, provider, roles: SERVING, since, until: since + SERIES_BUCKET_MS });
      return { at: since, requests: s.requests, errorRate: s.errorRate, p95Ms: s.p95Ms };
    });
    series.push({ capability, provider, bucketMs: SERIES_BUCKET_MS, points });
  }
  const slo = { p95Ms: targets.p95Ms, errorRate: targets.maxErrorRate, costPerRequestUsd: targets.maxCostPerRequestUsd, availability: targets.minAvailability };
  return { generatedAt: now, slo, capabilities, rows, series };
}

const summaryRoute = createRoute({
  method: 'get',
  path: '/api/dashboard/summary',
  tags: ['service'],
  summary: 'Live metrics per capability, provider and cohort, with per-minute series and SLO targets',
  description: "This instance's recent provider calls (in memory): last 5 minutes and last hour, and 30 one-minute buckets. Aggregates only.",
  responses: {
    200: {
      description: 'The summary',
      content: { 'application/json': { schema: z.object({ success: z.literal(true), data: DashboardSummarySchema }) } },
    },
  },
});

export function registerDashboardRoutes(app: App, { services, sloTargets }: Pick<AppDeps, 'services' | 'sloTargets'>): void {
  const targets = sloTargets ?? sloTargetsFromEnv();
  app.openapi(summaryRoute, (c) => {
    const data = dashboardSummary(services.stats, services.router.source.current().config, targets);
    return c.json({ success: true as const, data }, 200, { 'cache-control': 'no-store' });
  });
}
