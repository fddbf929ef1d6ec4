import { z } from 'zod';

/**
 * Routing configuration: for each capability, which provider serves whom. One document, versioned and
 * stored in the database, so every instance converges on the same decision within a poll interval.
 */
export const CAPABILITIES = ['parse', 'embed', 'match'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * - control: the control provider only (the kill switch state);
 * - shadow: control serves, the candidate runs on a sample in the background and is compared;
 * - canary: users whose bucket is within `rolloutPercent` are served by the candidate;
 * - full: the candidate serves everyone, the control stays as the first fallback for parsing.
 */
export const ROUTING_MODES = ['control', 'shadow', 'canary', 'full'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

const ProviderName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a provider name such as local, openai, bedrock');

export const CapabilityRoutingSchema = z
  .object({
    mode: z.enum(ROUTING_MODES).default('control'),
    control: ProviderName.default('local'),
    candidate: ProviderName.nullable().default(null),
    /** Share of users, by sticky bucket, served by the candidate in `canary` mode. */
    rolloutPercent: z.number().min(0).max(100).default(0),
    /** Share of control-served requests also run on the candidate in the background and compared. */
    shadowSampleRate: z.number().min(0).max(1).default(0),
    /** Parse only: providers tried in order after the serving one fails. Embeddings never change space. */
    fallbacks: z.array(ProviderName).max(4).default([]),
    /** Per attempt, including the provider SDK's own retries. */
    timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
    shadowTimeoutMs: z.number().int().min(100).max(300_000).default(30_000),
    /**
     * Extra attempts by our retry policy for retryable errors. 0 by default: every provider SDK already retries
     * throttling and 5xx with backoff (honouring Retry-After), and retries on top multiply the attempts.
     */
    retries: z.number().int().min(0).max(5).default(0),
  })
  .superRefine((r, ctx) => {
    if (r.mode !== 'control' && !r.candidate) {
      ctx.addIssue({ code: 'custom', path: ['candidate'], message: `mode "${r.mode}" needs a candidate provider` });
    }
    if (r.candidate && r.candidate === r.control) {
      ctx.addIssue({ code: 'custom', path: ['candidate'], message: 'the candidate must differ from the control provider' });
    }
  })
  .meta({ id: 'CapabilityRouting' });
export type CapabilityRouting = z.infer<typeof CapabilityRoutingSchema>;

export const RoutingConfigSchema = z
  .object({
    parse: CapabilityRoutingSchema.default(CapabilityRoutingSchema.parse({})),
    embed: CapabilityRoutingSchema.default(CapabilityRoutingSchema.parse({})),
    match: CapabilityRoutingSchema.default(CapabilityRoutingSchema.parse({})),
  })
  .superRefine((r, ctx) => {
    for (const capability of ['embed', 'match'] as const) {
      if (r[capability].fallbacks.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: [capability, 'fallbacks'],
          message: 'embeddings never fall back to another provider: vectors from different models are not comparable (matching degrades to lexical ranking instead)',
        });
      }
    }
  })
  .meta({ id: 'RoutingConfig' });
export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;

export const DEFAULT_ROUTING: RoutingConfig = RoutingConfigSchema.parse({});

/** The providers a routing config can name, per capability (match ranks in an embedder's space). */
export interface AvailableProviders {
  parse: readonly string[];
  embed: readonly string[];
}

/** Problems with provider names, one readable line each; empty when the config can run here. */
export function unknownProviders(config: RoutingConfig, available: AvailableProviders): string[] {
  const problems: string[] = [];
  for (const capability of CAPABILITIES) {
    const known = capability === 'parse' ? available.parse : available.embed;
    const r = config[capability];
    const named = [r.control, r.candidate, ...r.fallbacks].filter((p): p is string => p !== null);
    for (const p of named) {
      if (!known.includes(p)) problems.push(`${capability}: unknown provider "${p}" (available: ${known.join(', ')})`);
    }
  }
  return problems;
}

/** Every provider a config can route to, per capability family: what the runtime must be able to build. */
export function providersNamed(config: RoutingConfig): { parse: string[]; embed: string[] } {
  const named = (c: CapabilityRouting) => [c.control, c.candidate, ...c.fallbacks].filter((p): p is string => p !== null);
  return {
    parse: [...new Set(named(config.parse))],
    embed: [...new Set([...named(config.embed), ...named(config.match)])],
  };
}

const Flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')
  .optional();

const MigrationEnvSchema = z.object({
  AI_PROVIDER: z.enum(['current', 'aws', 'local']).optional(),
  USE_AWS_BEDROCK: Flag,
  USE_AWS_SAGEMAKER: Flag,
  MIGRATION_PERCENTAGE: z.coerce.number().min(0).max(100).optional(),
  JOBMATCH_PARSE_PROVIDER: z.string().optional(),
  JOBMATCH_EMBED_PROVIDERS: z.string().optional(),
});

/**
 * The migration guide's variables as an initial routing config:
 * - `current` is OpenAI (parse) + Hugging Face (embed, match); `aws` is Bedrock + SageMaker; `local` is local;
 * - from `current`, `USE_AWS_BEDROCK` / `USE_AWS_SAGEMAKER` make Bedrock / SageMaker the candidate of their
 *   capability, served to `MIGRATION_PERCENTAGE` % of users (canary), or shadowed when the percentage is 0;
 * - without `AI_PROVIDER`, our own `JOBMATCH_PARSE_PROVIDER` / first `JOBMATCH_EMBED_PROVIDERS` entry is
 *   the control and nothing is migrating.
 */
export function routingFromEnv(env: Record<string, string | undefined>): RoutingConfig {
  const parsed = MigrationEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.')} ${issue?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  const base = (control: string) => CapabilityRoutingSchema.parse({ control });
  if (!e.AI_PROVIDER) {
    const embed = e.JOBMATCH_EMBED_PROVIDERS?.split(',')[0]?.trim() || 'local';
    return { parse: base(e.JOBMATCH_PARSE_PROVIDER || 'local'), embed: base(embed), match: base(embed) };
  }
  if (e.AI_PROVIDER === 'local') return DEFAULT_ROUTING;
  if (e.AI_PROVIDER === 'aws') return { parse: base('bedrock'), embed: base('sagemaker'), match: base('sagemaker') };

  const percent = e.MIGRATION_PERCENTAGE ?? 0;
  const migrating = (control: string, candidate: string, on: boolean | undefined): CapabilityRouting =>
    on
      ? CapabilityRoutingSchema.parse({
          control,
          candidate,
          mode: percent >= 100 ? 'full' : percent > 0 ? 'canary' : 'shadow',
          rolloutPercent: percent,
          shadowSampleRate: percent > 0 && percent < 100 ? 0 : 0.1,
        })
      : base(control);
  return {
    parse: migrating('openai', 'bedrock', e.USE_AWS_BEDROCK),
    embed: migrating('huggingface', 'sagemaker', e.USE_AWS_SAGEMAKER),
    match: migrating('huggingface', 'sagemaker', e.USE_AWS_SAGEMAKER),
  };
}
