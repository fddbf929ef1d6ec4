import { createRoute } from '@hono/zod-openapi';
import { AppError } from '../../domain/index.js';
import { parseResume, type ResumeInput } from '../../services/resume.js';
import type { App, AppDeps } from '../env.js';
import { errorResponses, ParseFileBodySchema, ParseResponseSchema, ParseTextBodySchema, toDate } from '../schemas.js';

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

export function registerResumeRoutes(app: App, { services, limits }: AppDeps): void {
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
    const input: ResumeInput = 'text' in body ? { text: body.text } : { bytes: new Uint8Array(await body.file.arrayBuffer()) };

    const t0 = performance.now();
    const result = await parseResume(input, services.router.parserFor(c.get('routing')), {
      maxBytes: limits.maxUploadBytes,
      maxPages: limits.maxPdfPages,
      referenceDate: toDate(body.referenceDate),
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
}
