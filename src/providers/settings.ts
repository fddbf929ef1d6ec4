import { z } from 'zod';

/**
 * Provider settings from the environment. Credentials are never read here: each SDK resolves its own
 * (OPENAI_API_KEY; the AWS default chain — environment, profile, SSO, container or instance role), so no
 * key passes through our code or our logs.
 */
const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const ProviderSettingsSchema = z.object({
  JOBMATCH_PARSE_PROVIDER: z.enum(['local', 'openai', 'bedrock']).default('local'),
  JOBMATCH_EMBED_PROVIDERS: list.pipe(z.array(z.enum(['local', 'openai', 'bedrock', 'huggingface', 'sagemaker'])).min(1)).default(['local']),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_PARSE_MODEL: z.string().min(1).optional(),
  OPENAI_EMBED_MODEL: z.string().min(1).optional(),
  OPENAI_EMBED_DIMENSIONS: z.coerce.number().int().positive().optional(),
  AWS_REGION: z.string().min(1).optional(),
  BEDROCK_ENDPOINT: z.url().optional(),
  BEDROCK_PARSE_MODEL: z.string().min(1).optional(),
  BEDROCK_EMBED_MODEL: z.string().min(1).default('amazon.titan-embed-text-v2:0'),
  BEDROCK_EMBED_DIMENSIONS: z.enum(['256', '512', '1024']).transform(Number).optional(),
  SAGEMAKER_ENDPOINT_NAME: z.string().min(1).optional(),
  SAGEMAKER_EMBED_FORMAT: z.enum(['tei', 'hf-pooling', 'djl']).default('tei'),
  SAGEMAKER_EMBED_DIMENSIONS: z.coerce.number().int().positive().optional(),
  SAGEMAKER_TARGET_VARIANT: z.string().min(1).optional(),
  SAGEMAKER_RUNTIME_ENDPOINT: z.url().optional(),
  HF_EMBED_MODEL: z.string().min(1).optional(),
  HF_ENDPOINT_URL: z.url().optional(),
  HF_EMBED_DIMENSIONS: z.coerce.number().int().positive().optional(),
});
export type ProviderSettings = z.infer<typeof ProviderSettingsSchema>;

/** Provider settings from an environment; throws the first problem as a readable Error. */
export function providerSettings(env: Record<string, string | undefined> = process.env): ProviderSettings {
  const parsed = ProviderSettingsSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') ?? 'environment'} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}
