import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { RouteInfo } from '../routing/observations.js';
import type { RequestContext } from '../routing/router.js';
import { VERSION } from '../version.js';
import { describeZodError, errorBody, toErrorResponse } from './errors.js';
import { bodySizeLimit, nodeJsonBody } from './node-body.js';
import type { AppDeps, Env } from './env.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerDashboardRoutes } from './routes/dashboard.js';
import { deleteCachedResultsOfUser } from '../store/cache.js';
import { registerCacheRoutes } from './routes/cache.js';
import { registerCostRoutes } from './routes/costs.js';
import { registerEvalRoutes } from './routes/eval.js';
import { registerFeedbackRoutes } from './routes/feedback.js';
import { registerJobRoutes } from './routes/jobs.js';
import { metricsMiddleware, registerObservabilityRoutes } from './routes/observability.js';
import { registerMatchRoutes } from './routes/match.js';
import { registerResumeRoutes } from './routes/resumes.js';
import { registerTestAiRoutes } from './routes/test-ai.js';
import { registerWebRoutes } from './routes/web.js';
import { ErrorResponseSchema, HealthSchema } from './schemas.js';

export type { AppDeps } from './env.js';


/** Multipart framing and the other form fields ride on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const API_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['service'],
  summary: 'Liveness',
  responses: { 200: { description: 'The service is up', content: { 'application/json': { schema: HealthSchema } } } },
});

export function createApp(deps: AppDeps): OpenAPIHono<Env> {
  const { logger, limits } = deps;
  const startedAt = Date.now();

  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(errorBody('invalid_request', describeZodError(result.error)), 400);
    },
  });

  app.use('*', requestId());
  app.use('*', metricsMiddleware(deps.services.metrics));
  app.use('*', async (c, next) => {
    const t0 = performance.now();
    const routes: RouteInfo[] = [];
    const routing: RequestContext = {
      requestId: c.get('requestId'),
      userId: userIdOf(c.req.header(USER_ID_HEADER)),
      // Read only when a provider is actually called: the first read makes @hono/node-server build a full
      // Request, which a cache hit has no use for.
      get signal() {
        return c.req.raw.signal;
      },
      routes,
      // Headers set as each route is decided, before the response exists: adding one to a finished response
      // makes Hono rebuild it around a stream.
      onRoute: (r) => c.header(`x-jobmatch-route-${r.capability}`, formatRoute(r)),
      // `Cache-Control: no-cache` asks for a fresh answer (it is still cached for the next request).
      noCache: /(^|,)\s*no-cache\s*(,|$)/i.test(c.req.header('cache-control') ?? ''),
    };
    c.set('routing', routing);
    await next();
    // Paths, statuses and routing only: bodies carry personal data.
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: +(performance.now() - t0).toFixed(1),
        ...(routes.length > 0 ? { routes: routes.map(formatRoute) } : {}),
      },
      'request',
    );
  });

  app.onError((err, c) => toErrorResponse(err, c, logger));
  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}. See /docs for the API.`), 404));

  // Enforced before the body is read: a declared length is judged from its header, a chunked upload is
  // counted on the stream. A 50 MB upload is refused without buffering it.
  app.use(
    '/api/parse-resume',
    bodySizeLimit({
      maxSize: limits.maxUploadBytes + MULTIPART_OVERHEAD_BYTES,
      onError: (c) =>
        c.json(
          errorBody('file_too_large', `The upload is larger than the ${formatMb(limits.maxUploadBytes)} limit. Send a smaller file or raise JOBMATCH_MAX_UPLOAD_MB.`),
          413,
        ),
    }),
  );
  // Every other API body: far above what any schema accepts (256 texts of 50,000 characters, 1,000 jobs), so
  // it only stops a body that would exhaust memory before validation could refuse it.
  const apiBodyLimit = bodySizeLimit({
    maxSize: API_BODY_LIMIT_BYTES,
    onError: (c) => c.json(errorBody('request_too_large', `The request body is larger than ${formatMb(API_BODY_LIMIT_BYTES)}. Send less per request (e.g. split a job import).`), 413),
  });
  app.use('/api/*', (c, next) => (c.req.path === '/api/parse-resume' ? next() : apiBodyLimit(c, next)));
  app.use('/api/*', nodeJsonBody());

  app.openapi(healthRoute, (c) =>
    c.json({ status: 'ok' as const, version: VERSION, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }, 200),
  );

  registerResumeRoutes(app, deps);
  registerJobRoutes(app, deps.services.jobs);
  registerCacheRoutes(app, deps, deps.services.cache ?? { erase: async (key) => (await deleteCachedResultsOfUser(deps.services.db, key)).length });
  registerCostRoutes(app, { db: deps.services.db, budgets: deps.services.budget?.rules ?? [], adminToken: deps.adminToken });
  registerObservabilityRoutes(app, { services: deps.services, sloTargets: deps.sloTargets }, deps.services.metrics);
  registerMatchRoutes(app, { jobs: deps.services.jobs, router: deps.services.router, logger });
  registerTestAiRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerDashboardRoutes(app, deps);
  registerEvalRoutes(app, { db: deps.services.db });
  registerFeedbackRoutes(app, { feedback: deps.services.feedback });
  registerWebRoutes(app);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'jobmatch-ai',
      version: VERSION,
      description: 'Resume parsing, embeddings and job matching on any provider, local and offline by default.',
    },
  });
  app.get('/docs', (c) => c.html(DOCS_HTML));
  app.get('/docs/assets/:file{swagger-ui(-bundle\\.js|\\.css)}', async (c) => {
    const file = c.req.param('file');
    const body = await readFile(join(swaggerUiDir(), file));
    return c.body(body, 200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript', 'cache-control': 'public, max-age=86400' });
  });

  // Referenced so the OpenAPI generator registers the shared error component even on routes without bodies.
  void ErrorResponseSchema;
  return app;
}

/** The stable id routing buckets on. Opaque to us; capped so a header can't balloon logs or hashing. */
export const USER_ID_HEADER = 'x-user-id';

function userIdOf(header: string | undefined): string | undefined {
  const id = header?.trim();
  return id ? id.slice(0, 256) : undefined;
}

/** `provider=bedrock; mode=canary; cohort=candidate; bucket=7; fallback=none; variant=candidate` */
export function formatRoute(r: RouteInfo): string {
  return [
    `provider=${r.provider}`,
    `mode=${r.mode}`,
    `cohort=${r.cohort}`,
    `bucket=${r.bucket ?? 'none'}`,
    `fallback=${r.fallbackFrom.length ? r.fallbackFrom.join(',') : 'none'}`,
    `variant=${r.variant}`,
  ].join('; ');
}

function formatMb(bytes: number): string {
  return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
}

let swaggerDir: string | undefined;
function swaggerUiDir(): string {
  swaggerDir ??= join(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), '..');
  return swaggerDir;
}

// Served from node_modules, not a CDN: the docs work offline like everything else.
const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>jobmatch-ai API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs' });</script>
</body></html>`;
