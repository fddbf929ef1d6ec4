import { createRoute, z } from '@hono/zod-openapi';
import { CAPABILITIES } from '../../routing/config.js';
import type { FeedbackService } from '../../services/feedback.js';
import type { App } from '../env.js';
import { errorResponses } from '../schemas.js';

/** Longest JSON of corrections accepted: a handful of fields, not a document. */
const MAX_CORRECTIONS_CHARS = 10_000;

const FeedbackBodySchema = z
  .object({
    requestId: z.string().min(1).max(200).describe('The x-request-id header of the response being rated'),
    rating: z.enum(['up', 'down']),
    capability: z.enum(CAPABILITIES).optional().describe('Which answer of the request is rated; default: the one shown (match, else parse, else embed)'),
    corrections: z
      .record(z.string().min(1).max(100), z.unknown())
      .optional()
      .refine((c) => c === undefined || Object.keys(c).length <= 50, 'at most 50 corrected fields')
      .refine((c) => c === undefined || JSON.stringify(c).length <= MAX_CORRECTIONS_CHARS, `corrections must be at most ${MAX_CORRECTIONS_CHARS} characters of JSON`)
      .describe('Field → the value the user says is right, e.g. {"contact.name": "Jane Doe"}'),
  })
  .openapi('FeedbackBody');

const FeedbackResponseSchema = z
  .object({
    success: z.literal(true),
    data: z.object({
      requestId: z.string(),
      capability: z.enum(CAPABILITIES),
      provider: z.string(),
      cohort: z.enum(['control', 'candidate']),
      rating: z.enum(['up', 'down']),
    }),
  })
  .openapi('FeedbackResponse');

const IntervalSchema = z.object({ low: z.number(), high: z.number() });

const CohortSchema = z.object({
  cohort: z.enum(['control', 'candidate']),
  providers: z.array(z.string()),
  live: z.object({
    requests: z.number().int(),
    errorRate: z.number(),
    p50Ms: z.number().nullable(),
    p95Ms: z.number().nullable(),
    costPerRequestUsd: z.number(),
  }),
  feedback: z.object({
    up: z.number().int(),
    down: z.number().int(),
    total: z.number().int(),
    corrected: z.number().int(),
    positiveRate: z.number().nullable(),
    ci95: IntervalSchema.nullable().describe('Wilson score interval'),
  }),
});

const ExperimentResponseSchema = z
  .object({
    success: z.literal(true),
    data: z.object({
      capability: z.enum(CAPABILITIES),
      routing: z.object({ mode: z.string(), control: z.string(), candidate: z.string().nullable(), rolloutPercent: z.number(), shadowSampleRate: z.number() }),
      window: z.object({ since: z.string(), until: z.string() }),
      cohorts: z.array(CohortSchema),
      shadow: z.object({ runs: z.number().int(), matched: z.number().int(), agreement: z.number().nullable() }),
      comparison: z
        .object({ test: z.string(), difference: z.number(), z: z.number().nullable(), pValue: z.number().nullable(), ci95: IntervalSchema })
        .nullable()
        .describe('Positive-feedback rate, candidate minus control'),
    }),
  })
  .openapi('ExperimentResponse');

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const feedbackRoute = createRoute({
  method: 'post',
  path: '/api/feedback',
  tags: ['experiments'],
  summary: 'Rate an answer (thumbs up/down, optional corrections)',
  description:
    'Attributed to the provider and cohort that served the request, which this instance remembers for recent requests (404 otherwise). Rating the same answer again replaces the earlier rating.',
  request: { body: { required: true, ...json(FeedbackBodySchema) } },
  responses: { 201: { description: 'Recorded', ...json(FeedbackResponseSchema) }, ...errorResponses(400, 404) },
});

const experimentRoute = createRoute({
  method: 'get',
  path: '/api/experiments/{capability}',
  tags: ['experiments'],
  summary: 'Control vs candidate: live metrics, feedback and a two-proportion z-test',
  description:
    'Latency, error rate and cost per request come from this instance’s recent calls; feedback counts from the database (all instances). The window applies to both.',
  request: {
    params: z.object({ capability: z.enum(CAPABILITIES) }),
    query: z.object({ windowMinutes: z.coerce.number().int().min(1).max(60 * 24 * 90).default(60 * 24).describe('Default: the last 24 hours') }),
  },
  responses: { 200: { description: 'Per-cohort metrics', ...json(ExperimentResponseSchema) }, ...errorResponses(400) },
});

export function registerFeedbackRoutes(app: App, deps: { feedback: FeedbackService }): void {
  app.openapi(feedbackRoute, async (c) => {
    const body = c.req.valid('json');
    const recorded = await deps.feedback.record(
      { requestId: body.requestId, rating: body.rating, ...(body.capability ? { capability: body.capability } : {}), ...(body.corrections ? { corrections: body.corrections } : {}) },
      c.get('routing').userId,
    );
    return c.json({ success: true as const, data: recorded }, 201);
  });

  app.openapi(experimentRoute, async (c) => {
    const { capability } = c.req.valid('param');
    const { windowMinutes } = c.req.valid('query');
    return c.json({ success: true as const, data: await deps.feedback.experiment(capability, windowMinutes * 60_000) }, 200);
  });
}
