import { z } from '@hono/zod-openapi';
import {
  ERROR_STATUS,
  ParsedResumeSchema,
  type ErrorCode,
  EmbeddingSpaceSchema,
  JobSchema,
  MatchFiltersSchema,
  MatchProfileSchema,
  MatchResultSchema,
  RANKING_STRATEGIES,
  UsageSchema,
} from '../domain/index.js';
import { JobDraftSchema } from '../matching/job-enrich.js';

/** HTTP-edge schemas: request validation and the OpenAPI document come from the same definitions. */

export const ReferenceDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real calendar date')
  .openapi({ description: '"Present" resolves against this date (default: today)', example: '2026-11-24' });

export const ParseTextBodySchema = z
  .object({
    text: z.string().min(1, 'text is empty').openapi({ description: 'Plain text or Markdown resume' }),
    referenceDate: ReferenceDateSchema.optional(),
  })
  .openapi('ParseTextRequest');

export const ParseFileBodySchema = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, 'file must be an uploaded file (multipart field "file")')
      .openapi({ type: 'string', format: 'binary', description: 'PDF, DOCX, text or Markdown; type detected from content' }),
    referenceDate: ReferenceDateSchema.optional(),
  })
  .openapi('ParseFileRequest');

export const ParseMetaResponseSchema = z
  .object({
    requestId: z.string(),
    provider: z.string(),
    model: z.string(),
    durationMs: z.number(),
    document: z.object({ format: z.enum(['pdf', 'docx', 'text', 'markdown']), pages: z.number().nullable() }),
  })
  .openapi('ResponseMeta');

export const ParseResponseSchema = z
  .object({ success: z.literal(true), data: ParsedResumeSchema.meta({ id: 'ParsedResume' }), meta: ParseMetaResponseSchema })
  .openapi('ParseResumeResponse');

export const ErrorResponseSchema = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('ErrorResponse');

export const HealthSchema = z
  .object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number() })
  .openapi('Health');

export function errorResponses(...statuses: number[]) {
  const out: Record<number, { description: string; content: { 'application/json': { schema: typeof ErrorResponseSchema } } }> = {};
  for (const s of statuses) {
    out[s] = { description: `Error (${s})`, content: { 'application/json': { schema: ErrorResponseSchema } } };
  }
  return out;
}

/** A validated YYYY-MM-DD as a UTC midnight Date. */
export function toDate(isoDay: string | undefined): Date | undefined {
  return isoDay ? new Date(`${isoDay}T00:00:00Z`) : undefined;
}

// ---- jobs, matching, embeddings -------------------------------------------------------------------


export const JobResponseSchema = z.object({ success: z.literal(true), data: JobSchema.meta({ id: 'Job' }) });

export const JobListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const JobListResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({ jobs: z.array(JobSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }),
});

export const JobDraftBodySchema = JobDraftSchema.meta({ id: 'JobDraft' });
export const JobImportBodySchema = z.object({ jobs: z.array(JobDraftSchema).min(1).max(1000) }).meta({ id: 'JobImport' });
export const JobsResponseSchema = z.object({ success: z.literal(true), data: z.object({ jobs: z.array(JobSchema) }) });

export const JobIdParamSchema = z.object({ id: z.string().min(1).max(200) });
export const JobDeletedResponseSchema = z.object({ success: z.literal(true), data: JobIdParamSchema });

export const IndexStatusResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    jobs: z.number().int(),
    spaces: z.array(
      z.object({
        space: EmbeddingSpaceSchema,
        embedded: z.number().int(),
        stale: z.number().int(),
        total: z.number().int(),
        coverage: z.number(),
        checkpoint: z.string().nullable(),
      }),
    ),
  }),
});

export const MatchRequestSchema = z
  .object({
    resume: ParsedResumeSchema.optional().describe('A parse from /api/parse-resume'),
    profile: MatchProfileSchema.optional(),
    text: z.string().min(1).max(200_000).optional().describe('Resume text, parsed with the local parser first'),
    filters: MatchFiltersSchema.optional(),
    limit: z.number().int().min(1).max(100).default(10),
    space: z.string().max(200).optional().describe('Embedding space id; default: the local space'),
    strategy: z.enum(RANKING_STRATEGIES).default('hybrid'),
    referenceDate: ReferenceDateSchema.optional(),
  })
  .refine((b) => [b.resume, b.profile, b.text].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of resume, profile or text',
  })
  .meta({ id: 'MatchRequest' });

export const MatchResponseSchema = z.object({
  success: z.literal(true),
  data: MatchResultSchema.extend({ profile: MatchProfileSchema }).meta({ id: 'MatchResult' }),
});

export const EmbeddingsRequestSchema = z
  .object({
    texts: z.array(z.string().min(1, 'texts must not be empty strings').max(50_000)).min(1).max(256),
    space: z.string().max(200).optional(),
    kind: z.enum(['query', 'document']).default('document'),
  })
  .meta({ id: 'EmbeddingsRequest' });

export const EmbeddingsResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({ space: EmbeddingSpaceSchema, vectors: z.array(z.array(z.number())), usage: UsageSchema }),
});
