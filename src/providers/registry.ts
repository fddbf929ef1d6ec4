import { AppError, type Embedder, type ResumeParser } from '../domain/index.js';
import { BedrockEmbedder, BedrockResumeParser, type TitanV2Dimensions } from './bedrock/index.js';
import { HuggingFaceEmbedder } from './huggingface/index.js';
import { LocalEmbedder } from './local/embeddings/index.js';
import { LocalResumeParser } from './local/parser.js';
import { OpenAIEmbedder, OpenAIResumeParser } from './openai/index.js';
import { SageMakerEmbedder } from './sagemaker/index.js';
import { providerSettings, type ProviderSettings } from './settings.js';

/** Providers per capability. Each implements the same port; the local one needs no account. */
export const PARSER_PROVIDERS = ['local', 'openai', 'bedrock'] as const;
export const EMBEDDER_PROVIDERS = ['local', 'openai', 'bedrock', 'huggingface', 'sagemaker'] as const;

/**
 * Per-call limits applied to whichever provider is built, for callers that want something other than each
 * adapter's defaults (e.g. `jobmatch doctor`: one attempt, a short deadline). The local providers ignore them.
 */
export interface CallTuning {
  /** Attempts per call, the first included (SDK retries are attempts - 1). */
  maxAttempts?: number;
  /** Deadline for one whole parse or embed call; also caps each attempt. */
  timeoutMs?: number;
}

function sdkLimits(t: CallTuning): { maxAttempts?: number; timeoutMs?: number; requestTimeoutMs?: number } {
  return {
    ...(t.maxAttempts === undefined ? {} : { maxAttempts: t.maxAttempts }),
    ...(t.timeoutMs === undefined ? {} : { timeoutMs: t.timeoutMs, requestTimeoutMs: t.timeoutMs }),
  };
}

function openAiLimits(t: CallTuning): { maxRetries?: number; timeoutMs?: number; requestTimeoutMs?: number } {
  const { maxAttempts, ...rest } = sdkLimits(t);
  return { ...rest, ...(maxAttempts === undefined ? {} : { maxRetries: maxAttempts - 1 }) };
}

function unknown(kind: string, name: string, known: readonly string[]): AppError {
  return new AppError('invalid_request', `Unknown ${kind} provider "${name}". Available: ${known.join(', ')}.`);
}

export function createParser(name: string, settings: ProviderSettings = providerSettings(), tuning: CallTuning = {}): ResumeParser {
  switch (name) {
    case 'local':
      return new LocalResumeParser();
    case 'openai':
      return new OpenAIResumeParser({ baseURL: settings.OPENAI_BASE_URL, model: settings.OPENAI_PARSE_MODEL, ...openAiLimits(tuning) });
    case 'bedrock':
      return new BedrockResumeParser({ region: settings.AWS_REGION, endpoint: settings.BEDROCK_ENDPOINT, modelId: settings.BEDROCK_PARSE_MODEL, ...sdkLimits(tuning) });
    default:
      throw unknown('parser', name, PARSER_PROVIDERS);
  }
}

export function createEmbedder(name: string, settings: ProviderSettings = providerSettings(), tuning: CallTuning = {}): Embedder {
  switch (name) {
    case 'local':
      return new LocalEmbedder();
    case 'openai':
      return new OpenAIEmbedder({
        baseURL: settings.OPENAI_BASE_URL,
        model: settings.OPENAI_EMBED_MODEL,
        dimensions: settings.OPENAI_EMBED_DIMENSIONS,
        ...openAiLimits(tuning),
      });
    case 'bedrock':
      return new BedrockEmbedder({
        region: settings.AWS_REGION,
        endpoint: settings.BEDROCK_ENDPOINT,
        modelId: settings.BEDROCK_EMBED_MODEL,
        dimensions: settings.BEDROCK_EMBED_DIMENSIONS as TitanV2Dimensions | undefined,
        ...sdkLimits(tuning),
      });
    case 'huggingface':
      // HF_TOKEN is read by the embedder itself, never through our settings.
      return new HuggingFaceEmbedder({
        model: settings.HF_EMBED_MODEL,
        endpointUrl: settings.HF_ENDPOINT_URL,
        dimensions: settings.HF_EMBED_DIMENSIONS,
        ...(tuning.timeoutMs === undefined ? {} : { timeoutMs: tuning.timeoutMs }),
        ...(tuning.maxAttempts === undefined ? {} : { retry: { maxRetries: tuning.maxAttempts - 1 } }),
      });
    case 'sagemaker':
      if (!settings.SAGEMAKER_ENDPOINT_NAME || !settings.SAGEMAKER_EMBED_DIMENSIONS) {
        throw new AppError('invalid_request', 'The sagemaker embedder needs SAGEMAKER_ENDPOINT_NAME and SAGEMAKER_EMBED_DIMENSIONS.');
      }
      return new SageMakerEmbedder({
        endpointName: settings.SAGEMAKER_ENDPOINT_NAME,
        dimensions: settings.SAGEMAKER_EMBED_DIMENSIONS,
        format: settings.SAGEMAKER_EMBED_FORMAT,
        targetVariant: settings.SAGEMAKER_TARGET_VARIANT,
        region: settings.AWS_REGION,
        endpoint: settings.SAGEMAKER_RUNTIME_ENDPOINT,
        ...sdkLimits(tuning),
      });
    default:
      throw unknown('embedder', name, EMBEDDER_PROVIDERS);
  }
}

/** The configured embedders by space id, the default (first configured) first. */
export function createEmbedders(settings: ProviderSettings = providerSettings()): Map<string, Embedder> {
  return new Map(settings.JOBMATCH_EMBED_PROVIDERS.map((name) => {
    const e = createEmbedder(name, settings);
    return [e.space.id, e] as const;
  }));
}
