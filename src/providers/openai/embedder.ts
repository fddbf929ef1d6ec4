import type OpenAI from 'openai';
import {
  embeddingSpace,
  ProviderError,
  type EmbedRequest,
  type EmbedResult,
  type Embedder,
  type EmbeddingSpace,
} from '../../domain/index.js';
import { assertEmbeddable, batchesOf, priceUsage, withDeadline, type PriceTable } from '../common/index.js';
import { createOpenAIClient, type OpenAIClientOptions } from './client.js';
import { PROVIDER, toProviderError } from './errors.js';

export interface OpenAIEmbedderOptions extends OpenAIClientOptions {
  /** text-embedding-3-small or -large; `dimensions` needs a text-embedding-3 model. */
  model?: string;
  /** Output size; text-embedding-3 vectors may be shortened without retraining (Matryoshka). */
  dimensions?: number;
  /** Deadline for one embed call, all batches and retries included. Default 60 s. */
  timeoutMs?: number;
  priceTable?: PriceTable;
}

export const DEFAULT_OPENAI_EMBEDDING_MODEL = 'text-embedding-3-small';
export const DEFAULT_OPENAI_EMBEDDING_DIMENSIONS = 1536;
/** The API takes at most 2048 inputs per request. */
const MAX_INPUTS_PER_REQUEST = 2048;
const DEFAULT_TIMEOUT_MS = 60_000;
/** Bump when anything we do to the vectors changes (none today: they are used as returned). */
const SPACE_VERSION = '1';

/** Embeddings from OpenAI's /v1/embeddings. Queries and documents are embedded alike (the API has no input type). */
export class OpenAIEmbedder implements Embedder {
  readonly provider = PROVIDER;
  readonly model: string;
  readonly space: EmbeddingSpace;
  readonly #client: OpenAI;
  readonly #options: OpenAIEmbedderOptions;

  constructor(options: OpenAIEmbedderOptions = {}) {
    this.model = options.model ?? DEFAULT_OPENAI_EMBEDDING_MODEL;
    const dimensions = options.dimensions ?? DEFAULT_OPENAI_EMBEDDING_DIMENSIONS;
    this.space = embeddingSpace({ provider: PROVIDER, model: this.model, dimensions, version: SPACE_VERSION });
    this.#client = createOpenAIClient(options);
    this.#options = options;
  }

  async embed({ texts, signal }: EmbedRequest): Promise<EmbedResult> {
    assertEmbeddable(texts);
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const { vectors, inputTokens } = await withDeadline({ provider: PROVIDER, timeoutMs, signal }, async (deadline) => {
      const vectors: Float32Array[] = [];
      let inputTokens = 0;
      for (const inputs of batchesOf(texts, MAX_INPUTS_PER_REQUEST)) {
        const batch = await this.#embedBatch(inputs, deadline);
        vectors.push(...batch.vectors);
        inputTokens += batch.inputTokens;
      }
      return { vectors, inputTokens };
    });
    return { vectors, usage: priceUsage(this.model, { inputTokens, outputTokens: 0 }, this.#options.priceTable) };
  }

  async #embedBatch(input: string[], signal: AbortSignal): Promise<{ vectors: Float32Array[]; inputTokens: number }> {
    let response: OpenAI.CreateEmbeddingResponse;
    try {
      // No encoding_format: the SDK then asks for base64 and decodes it, a quarter of the bytes of JSON floats.
      response = await this.#client.embeddings.create({ model: this.model, input, dimensions: this.space.dimensions }, { signal });
    } catch (e) {
      throw toProviderError(e);
    }
    const vectors: (Float32Array | undefined)[] = input.map(() => undefined);
    for (const item of response.data) {
      if (item.embedding.length !== this.space.dimensions) {
        throw new ProviderError('output_invalid', `OpenAI returned a ${item.embedding.length}-dimensional vector; ${this.space.dimensions} were requested.`, {
          provider: PROVIDER,
        });
      }
      if (item.index >= 0 && item.index < input.length) vectors[item.index] = Float32Array.from(item.embedding);
    }
    if (!vectors.every((v) => v !== undefined)) {
      throw new ProviderError('output_invalid', `OpenAI returned ${response.data.length} vectors for ${input.length} inputs.`, { provider: PROVIDER });
    }
    return { vectors, inputTokens: response.usage.prompt_tokens };
  }
}
