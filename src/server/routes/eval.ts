import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../domain/index.js';
import { EVAL_KINDS, EvalDocumentSchema, type EvalDocument } from '../../eval/document.js';
import { renderHtml } from '../../eval/render.js';
import type { Db } from '../../store/db.js';
import { getEvalReport, listEvalReports, type StoredEvalReport } from '../../store/eval-reports.js';
import type { App } from '../env.js';
import { errorResponses } from '../schemas.js';

const ReportIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'a report id such as parse-20261124T101500Z-3f9a1c');

const ReportListResponseSchema = z
  .object({
    success: z.literal(true),
    data: z.object({
      reports: z.array(
        z.object({
          id: z.string(),
          createdAt: z.string(),
          kind: z.enum(EVAL_KINDS),
          providers: z.array(z.string()),
          versions: z.unknown(),
          summary: z.unknown().describe('One row per provider (parse) or configuration (match), named metrics'),
        }),
      ),
    }),
  })
  .openapi('EvalReportList');

const ReportResponseSchema = z
  .object({ success: z.literal(true), data: z.unknown().describe('The evaluation document (src/eval/document.ts)') })
  .openapi('EvalReport');

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const listRoute = createRoute({
  method: 'get',
  path: '/api/eval/reports',
  tags: ['evaluation'],
  summary: 'Stored evaluation runs, newest first (summaries only)',
  request: { query: z.object({ kind: z.enum(EVAL_KINDS).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }) },
  responses: { 200: { description: 'Reports', ...json(ReportListResponseSchema) }, ...errorResponses(400) },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/eval/reports/{id}',
  tags: ['evaluation'],
  summary: 'One stored evaluation run as JSON (append .html for the page with charts)',
  request: { params: z.object({ id: ReportIdSchema }) },
  responses: { 200: { description: 'The report', ...json(ReportResponseSchema) }, ...errorResponses(400, 404) },
});

/** Reads a stored report back through the schema: a row written by another release is checked, not trusted. */
async function loadDocument(db: Db, id: string): Promise<EvalDocument> {
  const stored: StoredEvalReport | null = await getEvalReport(db, id);
  if (!stored) throw new AppError('not_found', `No evaluation report "${id}". GET /api/eval/reports lists them.`);
  const parsed = EvalDocumentSchema.safeParse(stored.report);
  if (!parsed.success) throw new AppError('internal_error', `Stored report "${id}" does not match this release's report format.`);
  return parsed.data;
}

export function registerEvalRoutes(app: App, deps: { db: Db }): void {
  app.openapi(listRoute, async (c) => {
    const { kind, limit } = c.req.valid('query');
    return c.json({ success: true as const, data: { reports: await listEvalReports(deps.db, { ...(kind ? { kind } : {}), limit }) } }, 200);
  });

  // Before the JSON route, which would otherwise take "x.html" as an id (and refuse the dot).
  app.get('/api/eval/reports/:file{[A-Za-z0-9_-]{1,100}\\.html}', async (c) => {
    const doc = await loadDocument(deps.db, c.req.param('file').replace(/\.html$/, ''));
    // The page has no script and loads nothing; the policy makes sure of both.
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return c.html(renderHtml(doc));
  });

  app.openapi(getRoute, async (c) => c.json({ success: true as const, data: await loadDocument(deps.db, c.req.valid('param').id) }, 200));
}
