import { InvokeModelCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import {
  AppError,
  ProviderError,
  embeddingSpace,
  type EmbedRequest,
  type EmbedResult,
  type Embedder,
  type EmbeddingSpace,
} from '../../domain/index.js';
import { assertEmbeddable, batchesOf, estimateTokens, priceUsage, vectorShapeProblem, withDeadline, type PriceTable } from '../common/index.js';
import { baseModelId, createBedrockClient, type BedrockClientOptions } from './client.js';
import {
  COHERE_V3_DIMENSIONS,
  TITAN_V2_DIMENSIONS,
  cohereV3,
  titanV2,
  type EmbeddingFamily,
  type TitanV2Dimensions,
} from './embedding-models.js';
import { toProviderError } from './errors.js';

export interface BedrockEmbedderOptions extends BedrockClientOptions {
  /** `amazon.titan-embed-text-v2:0`, `cohere.embed-english-v3`, `cohere.embed-multilingual-v3`, a profile id or an ARN. */
  modelId: string;
  /** Titan V2 only: 256, 512 or 1024 (default). Cohere v3 always returns 1024. */
  dimensions?: TitanV2Dimensions;
  /** Titan V2 only; default true. Our similarity code assumes unit vectors either way. */
  normalize?: boolean;
  /** Cohere only; default END. */
  truncate?: 'NONE' | 'START' | 'END';
  /** Titan calls in flight at once (one text per call). */
  concurrency?: number;
  /** Deadline for a whole embed call: every batch and every SDK attempt. Default 120 s. */
  timeoutMs?: number;
  priceTable?: PriceTable;
}

/** Bump when anything we send changes the vectors (normalisation, truncation), so old and new never share a space. */
const SPACE_VERSION = '1';
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_MS = 120_000;
const PROVIDER = 'bedrock';

/**
 * Embeddings through Bedrock InvokeModel. The space is keyed on the foundation model, not on how it is
 * addressed: a model id, its cross-region profile and their ARNs all produce the same vectors.
 */
export class BedrockEmbedder implements Embedder {
  readonly provider = PROVIDER;
  readonly model: string;
  readonly space: EmbeddingSpace;
  readonly #modelId: string;
  readonly #family: EmbeddingFamily;
  readonly #client: BedrockRuntimeClient;
  readonly #concurrency: number;
  readonly #priceTable: PriceTable | undefined;
  readonly #timeoutMs: number;

  constructor(options: BedrockEmbedderOptions) {
    this.#modelId = options.modelId;
    this.model = baseModelId(options.modelId);
    const { family, dimensions } = familyOf(this.model, options);
    this.#family = family;
    this.space = embeddingSpace({ provider: PROVIDER, model: this.model, dimensions, version: SPACE_VERSION });
    this.#client = createBedrockClient(options);
    this.#concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(this.#concurrency) || this.#concurrency < 1) throw new RangeError('concurrency must be a positive integer');
    this.#priceTable = options.priceTable;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async embed({ texts, kind, signal }: EmbedRequest): Promise<EmbedResult> {
    assertEmbeddable(texts);
    const batches = batchesOf(texts, this.#family.batchSize);

    const results = await withDeadline({ provider: PROVIDER, timeoutMs: this.#timeoutMs, signal }, (deadline) =>
      mapLimit(batches, this.#concurrency, (batch) => this.#invoke(batch, kind, deadline)),
    );
    const vectors = results.flatMap((r) => r.vectors);
    const inputTokens = results.reduce((sum, r) => sum + r.inputTokens, 0);
    return { vectors, usage: priceUsage(this.model, { inputTokens, outputTokens: 0 }, this.#priceTable) };
  }

  async #invoke(texts: string[], kind: EmbedRequest['kind'], signal: AbortSignal): Promise<{ vectors: Float32Array[]; inputTokens: number }> {
    const command = new InvokeModelCommand({
      modelId: this.#modelId,
      contentType: 'application/json',
      accept: 'application/json',
      body: JSON.stringify(this.#family.body(texts, kind)),
    });
    let headerTokens: number | undefined;
    // The SDK output drops the token-count header Bedrock sends; read it off the raw response.
    command.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        const headers = (out.response as { headers?: Record<string, string> }).headers;
        const count = Number(headers?.['x-amzn-bedrock-input-token-count']);
        if (Number.isInteger(count)) headerTokens = count;
        return out;
      },
      { step: 'deserialize', name: 'jobmatchInputTokenCount' },
    );

    let json: unknown;
    try {
      const output = await this.#client.send(command, { abortSignal: signal });
      json = JSON.parse(new TextDecoder().decode(output.body));
    } catch (error) {
      throw error instanceof SyntaxError ? this.#modelError(`Bedrock returned a body that is not JSON: ${error.message}`) : toProviderError(error, PROVIDER);
    }

    let parsed: ReturnType<EmbeddingFamily['parse']>;
    try {
      parsed = this.#family.parse(json);
    } catch (error) {
      throw this.#modelError(`Bedrock returned an unexpected ${this.#family.name} body: ${(error as Error).message.slice(0, 300)}`);
    }
    const { vectors, inputTokens } = parsed;
    const problem = vectorShapeProblem(vectors, texts.length, this.space.dimensions);
    if (problem !== null) throw this.#modelError(`Bedrock returned ${problem}.`);
    return { vectors: vectors.map((v) => Float32Array.from(v)), inputTokens: inputTokens ?? headerTokens ?? estimateTokens(texts) };
  }

  #modelError(message: string): ProviderError {
    return new ProviderError('model_error', message, { provider: PROVIDER, retryable: false });
  }
}

function familyOf(model: string, options: BedrockEmbedderOptions): { family: EmbeddingFamily; dimensions: number } {
  if (model === 'amazon.titan-embed-text-v2:0') {
    const dimensions = options.dimensions ?? 1024;
    if (!TITAN_V2_DIMENSIONS.includes(dimensions)) {
      throw new AppError('invalid_request', `Titan Text Embeddings V2 supports ${TITAN_V2_DIMENSIONS.join(', ')} dimensions, not ${dimensions}.`);
    }
    return { family: titanV2(dimensions, options.normalize ?? true), dimensions };
  }
  if (model === 'cohere.embed-english-v3' || model === 'cohere.embed-multilingual-v3') {
    if (options.dimensions !== undefined && options.dimensions !== COHERE_V3_DIMENSIONS) {
      throw new AppError('invalid_request', `Cohere Embed v3 always returns ${COHERE_V3_DIMENSIONS} dimensions.`);
    }
    return { family: cohereV3(options.truncate ?? 'END'), dimensions: COHERE_V3_DIMENSIONS };
  }
  throw new AppError(
    'invalid_request',
    `Unsupported Bedrock embedding model "${options.modelId}". Use amazon.titan-embed-text-v2:0, cohere.embed-english-v3 or cohere.embed-multilingual-v3.`,
  );
}

/** Order-preserving map with at most `limit` calls in flight. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
