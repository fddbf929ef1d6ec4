import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { AppError } from '../domain/index.js';
import type { ResumeParser } from '../domain/index.js';
import { parseResume, type ResumeInput } from '../services/resume.js';
import type { Logger } from '../telemetry/logger.js';
import { VERSION } from '../version.js';
import { describeZodError, errorBody, toErrorResponse } from './errors.js';
import {
  ErrorResponseSchema,
  HealthSchema,
  ParseFileBodySchema,
  ParseResponseSchema,
  ParseTextBodySchema,
  errorResponses,
} from './schemas.js';

export interface AppDeps {
  logger: Logger;
  parser: ResumeParser;
  limits: { maxUploadBytes: number; maxPdfPages: number };
}

type Env = { Variables: { requestId: string } };

/** Multipart framing and the other form fields ride on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const parseResumeRoute = createRoute({
  method: 'post',
  path: '/api/parse-resume',
  tags: ['resumes'],
  summary: 'Parse a resume into structured data',
  description:
    'Send JSON `{text}` or a multipart upload with field `file` (PDF, DOCX, text, Markdown — detected from content).',
  request: {
    body: {
      content: {
        'application/json': { schema: ParseTextBodySchema },
        'multipart/form-data': { schema: ParseFileBodySchema },
      },
    },
  },
  responses: {
    200: { description: 'The parsed resume', content: { 'application/json': { schema: ParseResponseSchema } } },
    ...errorResponses(400, 413, 415, 422, 500),
  },
});

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['service'],
  summary: 'Liveness',
  responses: { 200: { description: 'The service is up', content: { 'application/json': { schema: HealthSchema } } } },
});

export function createApp(deps: AppDeps): OpenAPIHono<Env> {
  const { logger, parser, limits } = deps;
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

  app.openapi(parseResumeRoute, async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    const isJson = /^application\/json/i.test(contentType);
    if (!isJson && !/^multipart\/form-data/i.test(contentType)) {
      throw new AppError(
        'unsupported_media_type',
        `Send the resume as application/json {"text": "..."} or as multipart/form-data with a "file" field (got "${contentType || 'no content type'}").`,
      );
    }
    const body = isJson ? c.req.valid('json') : c.req.valid('form');
    const input: ResumeInput =
      'text' in body ? { text: body.text } : { bytes: new Uint8Array(await body.file.arrayBuffer()) };
    const referenceDate = body.referenceDate;

    const t0 = performance.now();
    const result = await parseResume(input, parser, {
      maxBytes: limits.maxUploadBytes,
      maxPages: limits.maxPdfPages,
      referenceDate: referenceDate ? new Date(`${referenceDate}T00:00:00Z`) : undefined,
      signal: c.req.raw.signal,
    });
    return c.json(
      {
        success: true as const,
        data: result.resume,
        meta: {
          requestId: c.get('requestId'),
          provider: result.resume.meta.provider,
          model: result.resume.meta.model,
          durationMs: +(performance.now() - t0).toFixed(2),
          document: result.document,
        },
      },
      200,
    );
  });

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
