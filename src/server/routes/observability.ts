import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { CAPABILITIES } from '../../routing/config.js';
import type { Services } from '../../services/runtime.js';
import type { Metrics } from '../../telemetry/metrics.js';
import { DEFAULT_SLO_WINDOWS, routedProviders, sloStatus, sloTargetsFromEnv, type SloTargets } from '../../telemetry/slo.js';
import type { App, Env } from '../env.js';
import { errorResponses } from '../schemas.js';

export interface ObservabilityDeps {
  services: Pick<Services, 'stats' | 'router'>;
  /** SLO targets; from the JOBMATCH_SLO_* environment by default. */
  sloTargets?: SloTargets;
}

/** A week: the call ring buffer rarely reaches further back anyway. */
const MAX_WINDOW_SECONDS = 7 * 24 * 3600;

const SloQuerySchema = z.object({
  windows: z
    .string()
    .regex(/^\d+(,\d+){0,5}$/, 'expected up to 6 comma-separated window lengths in seconds, e.g. 300,3600')
    .transform((s) => s.split(',').map(Number))
    .refine((ws) => ws.every((w) => w >= 1 && w <= MAX_WINDOW_SECONDS), `windows must be 1..${MAX_WINDOW_SECONDS} seconds`)
    .optional()
    .openapi({ description: 'Window lengths in seconds, each ending now', example: '300,3600' }),
});

const SloWindowSchema = z.object({
  seconds: z.number().int(),
  requests: z.number().int(),
  p95Ms: z.number().nullable(),
  errorRate: z.number(),
  costPerRequestUsd: z.number(),
  availability: z.number(),
  ok: z.object({ latency: z.boolean(), errors: z.boolean(), cost: z.boolean(), availability: z.boolean() }),
});

const SloResponseSchema = z.object({
  success: z.literal(true),
  data: z
    .object({
      targets: z.object({ p95Ms: z.number(), maxErrorRate: z.number(), maxCostPerRequestUsd: z.number(), minAvailability: z.number() }),
      capabilities: z.array(z.object({ capability: z.enum(CAPABILITIES), provider: z.string(), windows: z.array(SloWindowSchema) })),
    })
    .openapi('SloStatus'),
});

const sloRoute = createRoute({
  method: 'get',
  path: '/api/slo',
  tags: ['service'],
  summary: 'SLO status per capability and provider',
  description:
    'p95 latency, provider error rate, cost per request and availability of the calls that served users (shadow calls excluded) over recent windows, against the targets (JOBMATCH_SLO_* settings).',
  request: { query: SloQuerySchema },
  responses: { 200: { description: 'Status per capability, provider and window', content: { 'application/json': { schema: SloResponseSchema } } }, ...errorResponses(400) },
});

/** GET /metrics (Prometheus text format) and GET /api/slo. Neither exposes personal data. */
export function registerObservabilityRoutes(app: App, deps: ObservabilityDeps, metrics: Metrics): void {
  const { stats, router } = deps.services;
  const targets = deps.sloTargets ?? sloTargetsFromEnv();

  app.get('/metrics', async (c) => c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));

  app.openapi(sloRoute, (c) => {
    const { windows } = c.req.valid('query');
    const status = sloStatus(stats, { windows: windows ?? DEFAULT_SLO_WINDOWS, targets, providers: routedProviders(router.source.current().config) });
    return c.json({ success: true as const, data: status }, 200);
  });
}

/**
 * Times every request and reports it by route pattern (`/api/jobs/:id`, never the raw path: ids in paths
 * would make a series per job). Requests no route matched are `unmatched`. Mount after requestId().
 */
export function metricsMiddleware(metrics: Metrics): MiddlewareHandler<Env> {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    // Middleware is registered for every method ("ALL"); the handler's own entry names the route.
    const handler = matchedRoutes(c).findLast((r) => r.method !== 'ALL');
    metrics.requestFinished(c.get('requestId'), handler?.path ?? 'unmatched', c.req.method, c.res.status, (performance.now() - t0) / 1000);
  };
}
