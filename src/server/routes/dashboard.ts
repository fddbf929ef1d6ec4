import { createRoute, z } from '@hono/zod-openapi';
import { CAPABILITIES, ROUTING_MODES, type Capability, type RoutingConfig } from '../../routing/config.js';
import type { Cohort } from '../../routing/observations.js';
import type { CallStats, WindowFilter } from '../../routing/stats.js';
import type { App, AppDeps } from '../env.js';

/**
 * What the live-metrics page draws: per capability × provider × cohort, the last 5 minutes and the last hour,
 * plus a per-minute series for the charts and the SLO targets to draw against. Aggregates only, computed on
 * demand from this instance's in-memory call statistics: no personal data, nothing stored.
 */

/** The service-level objectives the dashboard draws; the same defaults the rollout guard checks against. */
export const SLO_TARGETS = { p95Ms: 3000, errorRate: 0.01, costPerRequestUsd: 0.01, availability: 0.999 } as const;

const WINDOWS = { last5m: 5 * 60_000, last1h: 60 * 60_000 } as const;
export const SERIES_POINTS = 30;
export const SERIES_BUCKET_MS = 60_000;

const COHORTS: readonly Cohort[] = ['control', 'candidate'];

const MetricsSchema = z.object({
  requests: z.number().int(),
  errorRate: z.number().openapi({ description: 'Provider errors / requests (0 without requests)' }),
  availability: z.number().nullable().openapi({ description: 'Calls that succeeded / requests; null without requests' }),
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
    slo: z.object({ p95Ms: z.number(), errorRate: z.number(), costPerRequestUsd: z.number(), availability: z.number() }),
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

/** The providers a capability's routing names: the only ones whose calls can be in the recent windows. */
function providersOf(routing: RoutingConfig[Capability]): string[] {
  return [...new Set([routing.control, routing.candidate, ...routing.fallbacks].filter((p): p is string => p !== null))];
}

function windowMetrics(stats: CallStats, filter: WindowFilter): DashboardMetrics {
  const all = stats.summarise(filter);
  const hits = all.requests === 0 ? 0 : stats.summarise({ ...filter, cached: true }).requests;
  const perRequest = (n: number) => (all.requests === 0 ? null : n / all.requests);
  return {
    requests: all.requests,
    errorRate: all.errorRate,
    availability: perRequest(all.requests - all.errors),
    p50Ms: all.p50Ms,
    p95Ms: all.p95Ms,
    costPerRequestUsd: all.costPerRequestUsd,
    cacheHitRate: perRequest(hits),
    shadowRuns: all.shadow.runs,
    shadowAgreement: all.shadow.agreement,
  };
}

/** Pure over its inputs, so it can be tested without a server. */
export function dashboardSummary(stats: CallStats, routing: RoutingConfig, now: number = Date.now()): DashboardSummary {
  const capabilities: DashboardSummary['capabilities'] = [];
  const rows: DashboardSummary['rows'] = [];
  const series: DashboardSummary['series'] = [];
  // Buckets on minute boundaries, so a point keeps its meaning from one refresh to the next.
  const seriesEnd = Math.floor(now / SERIES_BUCKET_MS) * SERIES_BUCKET_MS + SERIES_BUCKET_MS;

  for (const capability of CAPABILITIES) {
    const r = routing[capability];
    capabilities.push({ capability, mode: r.mode, control: r.control, candidate: r.candidate, rolloutPercent: r.rolloutPercent });
    for (const provider of providersOf(r)) {
      for (const cohort of COHORTS) {
        const base = { capability, provider, cohort, until: now + 1 };
        rows.push({
          capability,
          provider,
          cohort,
          last5m: windowMetrics(stats, { ...base, since: now - WINDOWS.last5m }),
          last1h: windowMetrics(stats, { ...base, since: now - WINDOWS.last1h }),
        });
      }
      const points = Array.from({ length: SERIES_POINTS }, (_, i) => {
        const since = seriesEnd - (SERIES_POINTS - i) * SERIES_BUCKET_MS;
        const s = stats.summarise({ capability, provider, since, until: since + SERIES_BUCKET_MS });
        return { at: since, requests: s.requests, errorRate: s.errorRate, p95Ms: s.p95Ms };
      });
      series.push({ capability, provider, bucketMs: SERIES_BUCKET_MS, points });
    }
  }
  return { generatedAt: now, slo: { ...SLO_TARGETS }, capabilities, rows, series };
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

export function registerDashboardRoutes(app: App, { services }: Pick<AppDeps, 'services'>): void {
  app.openapi(summaryRoute, (c) => {
    const data = dashboardSummary(services.stats, services.router.source.current().config);
    return c.json({ success: true as const, data }, 200, { 'cache-control': 'no-store' });
  });
}
