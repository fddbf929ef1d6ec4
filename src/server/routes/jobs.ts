import { createRoute } from '@hono/zod-openapi';
import { AppError } from '../../domain/index.js';
import type { JobService } from '../../services/jobs.js';
import type { App } from '../env.js';
import {
  errorResponses,
  IndexStatusResponseSchema,
  JobDeletedResponseSchema,
  JobDraftBodySchema,
  JobIdParamSchema,
  JobImportBodySchema,
  JobListQuerySchema,
  JobListResponseSchema,
  JobResponseSchema,
  JobsResponseSchema,
} from '../schemas.js';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const listRoute = createRoute({
  method: 'get',
  path: '/api/jobs',
  tags: ['jobs'],
  summary: 'List jobs',
  request: { query: JobListQuerySchema },
  responses: { 200: { description: 'A page of jobs', ...json(JobListResponseSchema) }, ...errorResponses(400) },
});

const indexStatusRoute = createRoute({
  method: 'get',
  path: '/api/jobs/index-status',
  tags: ['jobs'],
  summary: 'Vector coverage of the job index per embedding space',
  responses: { 200: { description: 'Coverage per space', ...json(IndexStatusResponseSchema) } },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/jobs/{id}',
  tags: ['jobs'],
  summary: 'Get one job',
  request: { params: JobIdParamSchema },
  responses: { 200: { description: 'The job', ...json(JobResponseSchema) }, ...errorResponses(404) },
});

const createJobsRoute = createRoute({
  method: 'post',
  path: '/api/jobs',
  tags: ['jobs'],
  summary: 'Create or update jobs',
  description:
    'Only title and description are required; skills, seniority, occupation, workplace and years are derived from the text when absent. Vectors become stale until `jobmatch jobs reindex`.',
  request: { body: { required: true, ...json(JobImportBodySchema) } },
  responses: { 201: { description: 'The stored jobs', ...json(JobsResponseSchema) }, ...errorResponses(400) },
});

const putRoute = createRoute({
  method: 'put',
  path: '/api/jobs/{id}',
  tags: ['jobs'],
  summary: 'Create or replace one job',
  request: { params: JobIdParamSchema, body: { required: true, ...json(JobDraftBodySchema) } },
  responses: { 200: { description: 'The stored job', ...json(JobResponseSchema) }, ...errorResponses(400) },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/jobs/{id}',
  tags: ['jobs'],
  summary: 'Delete one job',
  request: { params: JobIdParamSchema },
  responses: {
    200: { description: 'Deleted', ...json(JobDeletedResponseSchema) },
    ...errorResponses(404),
  },
});

function notFound(id: string): AppError {
  return new AppError('not_found', `No job with id "${id}".`);
}

export function registerJobRoutes(app: App, jobs: JobService): void {
  app.openapi(listRoute, async (c) => {
    const { limit, offset } = c.req.valid('query');
    const page = await jobs.list({ limit, offset });
    return c.json({ success: true as const, data: { ...page, limit, offset } }, 200);
  });

  // Registered before /api/jobs/{id} so "index-status" is not taken for an id.
  app.openapi(indexStatusRoute, async (c) => {
    const spaces = await jobs.indexStatus();
    return c.json({ success: true as const, data: { jobs: jobs.index.size, spaces } }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    const job = await jobs.get(id);
    if (!job) throw notFound(id);
    return c.json({ success: true as const, data: job }, 200);
  });

  app.openapi(createJobsRoute, async (c) => {
    const stored = await jobs.upsert(c.req.valid('json').jobs);
    return c.json({ success: true as const, data: { jobs: stored } }, 201);
  });

  app.openapi(putRoute, async (c) => {
    const { id } = c.req.valid('param');
    const [job] = await jobs.upsert([{ ...c.req.valid('json'), id }]);
    return c.json({ success: true as const, data: job! }, 200);
  });

  app.openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid('param');
    if ((await jobs.delete([id])) === 0) throw notFound(id);
    return c.json({ success: true as const, data: { id } }, 200);
  });
}
