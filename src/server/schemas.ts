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
import { PARSER_PROVIDERS } from '../providers/registry.js';
import { CAPABILITIES, RoutingConfigSchema } from '../routing/config.js';
import { RolloutPlanSchema } from '../routing/guard.js';
import { ROLLOUT_ACTIONS } from '../services/routing-admin.js';

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

// ---- admin: routing, rollouts, audit, shadow ---------------------------------------------------------

const CapabilityEnum = z.enum(CAPABILITIES);

export const CapabilityParamSchema = z.object({ capability: CapabilityEnum });

export const RolloutActionParamSchema = z.object({ capability: CapabilityEnum, action: z.enum(ROLLOUT_ACTIONS) });

const ReasonSchema = z.string().trim().min(1).max(500).openapi({ description: 'Why: kept in the audit log' });

/** Who made a change, for the audit log; trusted as given (the bearer token is what authorises). */
export const AdminHeadersSchema = z.object({
  'x-admin-actor': z.string().trim().min(1).max(100).optional().openapi({ description: 'Recorded as the actor (default "admin")' }),
});

export const RoutingUpdateHeadersSchema = AdminHeadersSchema.extend({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d+"?$/, 'expected the routing version, e.g. If-Match: "7"')
    .optional()
    .openapi({ description: 'Refuse the change (409) unless the stored routing version is still this one' }),
});

export const RoutingUpdateQuerySchema = z.object({
  capability: CapabilityEnum.optional().openapi({ description: 'Patch this capability only, with the fields given' }),
});

/** Checked field by field by the routing layer (every problem reported), so the edge only requires an object. */
export const RoutingUpdateBodySchema = z
  .looseObject({ reason: ReasonSchema.optional() })
  .openapi('RoutingUpdate', {
    description:
      'Without `capability`: the whole routing config (`parse`, `embed`, `match`). With `?capability=parse`: some fields of that capability (mode, control, candidate, rolloutPercent, shadowSampleRate, fallbacks, timeoutMs, shadowTimeoutMs, retries). Either may carry `reason`.',
    example: { mode: 'canary', candidate: 'bedrock', rolloutPercent: 5, reason: 'start the Bedrock canary' },
  });

export const RollbackBodySchema = z
  .object({
    capability: CapabilityEnum.optional().openapi({ description: 'Default: every capability' }),
    reason: ReasonSchema.optional(),
  })
  .openapi('RollbackRequest');

export const ReasonBodySchema = z.object({ reason: ReasonSchema.optional() }).openapi('ReasonRequest');

const BreakerSchema = z.object({
  capability: CapabilityEnum,
  provider: z.string(),
  state: z.enum(['closed', 'open', 'half-open', 'isolated']),
});

export const RoutingSnapshotSchema = z
  .object({
    config: RoutingConfigSchema,
    version: z.number().int().openapi({ description: '0 while the environment config applies' }),
    source: z.enum(['environment', 'database']),
    updatedBy: z.string(),
    updatedAt: z.string().nullable(),
    breakers: z.array(BreakerSchema).openapi({ description: "This instance's circuit breakers (they are per instance)" }),
  })
  .openapi('RoutingSnapshot');

export const RoutingSnapshotResponseSchema = z.object({ success: z.literal(true), data: RoutingSnapshotSchema });

const CheckMetricsSchema = z.object({
  requests: z.number().int(),
  errorRate: z.number(),
  p95Ms: z.number().nullable(),
  costPerRequestUsd: z.number(),
  shadowAgreement: z.number().nullable(),
});

export const RolloutStateSchema = z
  .object({
    capability: CapabilityEnum,
    candidate: z.string(),
    plan: RolloutPlanSchema,
    status: z.enum(['running', 'paused', 'completed', 'rolled_back', 'aborted']),
    stepIndex: z.number().int(),
    stepStartedAt: z.number().openapi({ description: 'Epoch ms' }),
    failedChecks: z.number().int(),
    lastCheck: z
      .object({ at: z.number(), verdict: z.enum(['pass', 'fail', 'inconclusive']), metrics: CheckMetricsSchema, failures: z.array(z.string()) })
      .nullable(),
    startedAt: z.number(),
    updatedAt: z.number(),
    actor: z.string(),
    reason: z.string().nullable(),
  })
  .openapi('RolloutState');

export const RolloutStateResponseSchema = z.object({ success: z.literal(true), data: RolloutStateSchema });
export const RolloutListResponseSchema = z.object({ success: z.literal(true), data: z.object({ rollouts: z.array(RolloutStateSchema) }) });

export const AuditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

export const AuditResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    entries: z.array(
      z
        .object({
          id: z.number().int(),
          at: z.string(),
          actor: z.string(),
          action: z.string(),
          reason: z.string().nullable(),
          version: z.number().int(),
          before: z.unknown().openapi({ description: 'The routing config before (null for the first change)' }),
          after: z.unknown(),
        })
        .openapi('RoutingAuditEntry'),
    ),
  }),
});

export const ShadowResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    summary: z.array(
      z.object({
        capability: CapabilityEnum,
        candidate: z.string(),
        runs: z.number().int(),
        matched: z.number().int(),
        mismatched: z.number().int(),
        errors: z.number().int(),
        timeouts: z.number().int(),
        skipped: z.number().int(),
        meanAgreement: z.number().nullable(),
        meanCandidateLatencyMs: z.number().nullable(),
      }),
    ),
    mismatches: z.array(
      z.object({
        at: z.number(),
        requestId: z.string().nullable(),
        capability: CapabilityEnum,
        control: z.string(),
        candidate: z.string(),
        outcome: z.enum(['matched', 'mismatched', 'error', 'timeout', 'skipped']),
        agreement: z.number().nullable(),
        differences: z.array(z.string()).readonly(),
        candidateLatencyMs: z.number().nullable(),
      }),
    ),
  }),
});

// ---- side-by-side parser trial ------------------------------------------------------------------------

export const TestAiBodySchema = z
  .object({
    text: z.string().min(1, 'text is empty').max(200_000),
    providers: z
      .array(z.enum(PARSER_PROVIDERS))
      .min(1)
      .max(4)
      .refine((p) => new Set(p).size === p.length, 'providers must not repeat'),
    referenceDate: ReferenceDateSchema.optional(),
  })
  .openapi('TestAiRequest');

const TestAiResultSchema = z.object({
  provider: z.string(),
  model: z.string().nullable().openapi({ description: 'Null when the provider could not be set up' }),
  ok: z.boolean(),
  durationMs: z.number(),
  usage: UsageSchema,
  costUsd: z.number(),
  resume: ParsedResumeSchema.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const TestAiResponseSchema = z
  .object({
    success: z.literal(true),
    data: z.object({
      results: z.array(TestAiResultSchema),
      differences: z.array(
        z.object({
          provider: z.string(),
          against: z.string().openapi({ description: 'The first provider that succeeded' }),
          agreement: z.number(),
          fields: z.array(z.object({ field: z.string(), agreement: z.number() })),
          differences: z.array(z.string()).openapi({ description: 'Redacted, human-readable' }),
        }),
      ),
    }),
  })
  .openapi('TestAiResponse');
