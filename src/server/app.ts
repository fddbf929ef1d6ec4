import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { VERSION } from '../version.js';
import { describeZodError, errorBody, toErrorResponse } from './errors.js';
import type { AppDeps, Env } from './env.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerMatchRoutes } from './routes/match.js';
import { registerResumeRoutes } from './routes/resumes.js';
import { ErrorResponseSchema, HealthSchema } from './schemas.js';

export type { AppDeps } from './env.js';


/** Multipart framing and the other form fields ride on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

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
  app.use('*', async (c, next) => {
    const t0 = performance.now();
    await next();
    c.header('x-request-id', c.get('requestId'));
    // Paths and statuses only: bodies carry personal data.
    logger.info(
      { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: +(performance.now() - t0).toFixed(1) },
      'request',
    );
  });

  app.onError((err, c) => toErrorResponse(err, c, logger));
  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}. See /docs for the API.`), 404));

  // Enforced on the stream, before the body is read: a 50 MB upload is refused without buffering it.
  app.use(
    '/api/parse-resume',
    bodyLimit({
      maxSize: limits.maxUploadBytes + MULTIPART_OVERHEAD_BYTES,
      onError: (c) =>
        c.json(
          errorBody('file_too_large', `The upload is larger than the ${formatMb(limits.maxUploadBytes)} limit. Send a smaller file or raise JOBMATCH_MAX_UPLOAD_MB.`),
          413,
        ),
    }),
  );

  app.openapi(healthRoute, (c) =>
    c.json({ status: 'ok' as const, version: VERSION, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }, 200),
  );

  registerResumeRoutes(app, deps);
  if (deps.jobs) {
    registerJobRoutes(app, deps.jobs);
    registerMatchRoutes(app, { jobs: deps.jobs, parser: deps.parser, logger });
  }

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
