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

function unknown(kind: string, name: string, known: readonly string[]): AppError {
  return new AppError('invalid_request', `Unknown ${kind} provider "${name}". Available: ${known.join(', ')}.`);
}

export function createParser(name: string, settings: ProviderSettings = providerSettings()): ResumeParser {
  switch (name) {
    case 'local':
      return new LocalResumeParser();
    case 'openai':
      return new OpenAIResumeParser({ baseURL: settings.OPENAI_BASE_URL, model: settings.OPENAI_PARSE_MODEL });
    case 'bedrock':
      return new BedrockResumeParser({ region: settings.AWS_REGION, endpoint: settings.BEDROCK_ENDPOINT, modelId: settings.BEDROCK_PARSE_MODEL });
    default:
      throw unknown('parser', name, PARSER_PROVIDERS);
  }
}

export function createEmbedder(name: string, settings: ProviderSettings = providerSettings()): Embedder {
  switch (name) {
    case 'local':
      return new LocalEmbedder();
    case 'openai':
      return new OpenAIEmbedder({ baseURL: settings.OPENAI_BASE_URL, model: settings.OPENAI_EMBED_MODEL, dimensions: settings.OPENAI_EMBED_DIMENSIONS });
    case 'bedrock':
      return new BedrockEmbedder({
        region: settings.AWS_REGION,
        endpoint: settings.BEDROCK_ENDPOINT,
        modelId: settings.BEDROCK_EMBED_MODEL,
        dimensions: settings.BEDROCK_EMBED_DIMENSIONS as TitanV2Dimensions | undefined,
      });
    case 'huggingface':
      // HF_TOKEN is read by the embedder itself, never through our settings.
      return new HuggingFaceEmbedder({ model: settings.HF_EMBED_MODEL, endpointUrl: settings.HF_ENDPOINT_URL, dimensions: settings.HF_EMBED_DIMENSIONS });
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
