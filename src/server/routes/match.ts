import { createRoute } from '@hono/zod-openapi';
import type { Router } from '../../routing/router.js';
import type { JobService } from '../../services/jobs.js';
import { matchJobsRouted, type MatchInput } from '../../services/match.js';
import type { Logger } from '../../telemetry/logger.js';
import type { App } from '../env.js';
import {
  EmbeddingsRequestSchema,
  EmbeddingsResponseSchema,
  errorResponses,
  MatchRequestSchema,
  MatchResponseSchema,
  toDate,
} from '../schemas.js';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const matchRoute = createRoute({
  method: 'post',
  path: '/api/match-jobs',
  tags: ['matching'],
  summary: 'Rank jobs for a resume, a profile or resume text, with explanations',
  description:
    'Hybrid ranking: semantic similarity in the embedding space, BM25, skill overlap (required skills weigh double), occupation fit and experience. Falls back to lexical ranking when the space has no vectors, and says so in `warnings`.',
  request: { body: { required: true, ...json(MatchRequestSchema) } },
  responses: { 200: { description: 'Ranked jobs', ...json(MatchResponseSchema) }, ...errorResponses(400, 404, 422) },
});

const embeddingsRoute = createRoute({
  method: 'post',
  path: '/api/embeddings',
  tags: ['matching'],
  summary: 'Embed texts in an embedding space',
  request: { body: { required: true, ...json(EmbeddingsRequestSchema) } },
  responses: { 200: { description: 'One vector per text', ...json(EmbeddingsResponseSchema) }, ...errorResponses(400) },
});

export function registerMatchRoutes(app: App, deps: { jobs: JobService; router: Router; logger: Logger }): void {
  app.openapi(matchRoute, async (c) => {
    const body = c.req.valid('json');
    const input: MatchInput = body.resume ? { resume: body.resume } : body.profile ? { profile: body.profile } : { text: body.text! };
    const result = await matchJobsRouted(input, deps, {
      spaceId: body.space,
      filters: body.filters,
      limit: body.limit,
      strategy: body.strategy,
      referenceDate: toDate(body.referenceDate),
      signal: c.req.raw.signal,
    }, c.get('routing'));
    return c.json({ success: true as const, data: result }, 200);
  });

  app.openapi(embeddingsRoute, async (c) => {
    const body = c.req.valid('json');
    const { vectors, usage, embedder } = await deps.router.embed({ texts: body.texts, kind: body.kind, signal: c.req.raw.signal }, c.get('routing'), body.space);
    return c.json({ success: true as const, data: { space: embedder.space, vectors: vectors.map((v) => Array.from(v)), usage } }, 200);
  });
}
