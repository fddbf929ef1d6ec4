import { InferenceClient } from '@huggingface/inference';
import {
  embeddingSpace,
  ProviderError,
  type EmbedRequest,
  type EmbedResult,
  type Embedder,
  type EmbeddingSpace,
} from '../../domain/index.js';
import { assertEmbeddable, batchesOf, estimateTokens, priceUsage, vectorShapeProblem, withDeadline, type PriceTable } from '../common/index.js';
import { parseRetryAfter, PROVIDER, toProviderError } from './errors.js';
import { toSentenceVectors } from './pooling.js';
import { withRetry, type RetryPolicy } from './retry.js';

export interface HuggingFaceEmbedderOptions {
  /** Hub model id, routed through the hf-inference provider. Also names the space when `endpointUrl` is set. */
  model?: string;
  /** A dedicated Inference Endpoint (or TEI server): the POST goes exactly here, with no hub lookup. */
  endpointUrl?: string;
  /**
   * Replaces the origin of huggingface.co and router.huggingface.co, for a gateway or an emulator. The SDK has
   * no base-URL setting for model-id routing, so we rewrite the URLs in the fetch we hand it.
   */
  baseUrl?: string;
  /** Defaults to HF_TOKEN. Without one no Authorization header is sent (fine for an open endpoint). */
  token?: string;
  /** Vector size the model produces; checked on every answer. */
  dimensions?: number;
  /** Deadline for one embed call, all batches and retries included. Default 60 s. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** HF bills by compute time, not tokens; set a per-token price here to estimate cost anyway. */
  priceTable?: PriceTable;
}

export const DEFAULT_HUGGINGFACE_EMBEDDING_MODEL = 'sentence-transformers/all-MiniLM-L6-v2';
export const DEFAULT_HUGGINGFACE_EMBEDDING_DIMENSIONS = 384;
/** Keeps one request small enough for the serverless API's payload and time limits. */
const MAX_INPUTS_PER_REQUEST = 32;
const DEFAULT_TIMEOUT_MS = 60_000;
/** Bump when anything we do to the vectors changes. v1: mean-pooled when token-level, then L2-normalised. */
const SPACE_VERSION = '1';
const HUB_ORIGINS = ['https://huggingface.co', 'https://router.huggingface.co'];

/** Embeddings from Hugging Face feature extraction (serverless hf-inference or a dedicated endpoint). */
export class HuggingFaceEmbedder implements Embedder {
  readonly provider = PROVIDER;
  readonly model: string;
  readonly space: EmbeddingSpace;
  readonly #client: InferenceClient;
  readonly #options: HuggingFaceEmbedderOptions;

  constructor(options: HuggingFaceEmbedderOptions = {}) {
    this.model = options.model ?? DEFAULT_HUGGINGFACE_EMBEDDING_MODEL;
    const dimensions = options.dimensions ?? DEFAULT_HUGGINGFACE_EMBEDDING_DIMENSIONS;
    this.space = embeddingSpace({ provider: PROVIDER, model: this.model, dimensions, version: SPACE_VERSION });
    this.#client = new InferenceClient(options.token ?? process.env.HF_TOKEN);
    this.#options = options;
  }

  async embed({ texts, signal }: EmbedRequest): Promise<EmbedResult> {
    assertEmbeddable(texts);
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const vectors = await withDeadline({ provider: PROVIDER, timeoutMs, signal }, async (deadline) => {
      const vectors: Float32Array[] = [];
      for (const batch of batchesOf(texts, MAX_INPUTS_PER_REQUEST)) {
        vectors.push(...(await withRetry(() => this.#embedBatch(batch, deadline), this.#options.retry ?? {}, deadline)));
      }
      return vectors;
    });
    // The API reports no token counts: these are estimates (about four characters a token).
    const inputTokens = estimateTokens(texts);
    return { vectors, usage: priceUsage(this.model, { inputTokens, outputTokens: 0 }, this.#options.priceTable) };
  }

  async #embedBatch(inputs: string[], signal: AbortSignal): Promise<Float32Array[]> {
    const { endpointUrl } = this.#options;
    let retryAfterHeader: number | undefined;
    const fetchNoting: typeof fetch = async (input, init) => {
      const response = await fetch(this.#rewrite(input), init);
      retryAfterHeader = parseRetryAfter(response.headers.get('retry-after'));
      return response;
    };
    let output: unknown;
    try {
      output = await this.#client.featureExtraction(
        endpointUrl ? { endpointUrl, inputs } : { model: this.model, provider: 'hf-inference', inputs },
        // retry_on_error false: the SDK would otherwise re-send every 503 at once, without limit.
        { retry_on_error: false, signal, fetch: fetchNoting },
      );
    } catch (e) {
      throw toProviderError(e, retryAfterHeader);
    }
    const vectors = toSentenceVectors(output, inputs.length);
    if (typeof vectors === 'string') throw new ProviderError('output_invalid', `Hugging Face feature extraction: ${vectors}.`, { provider: PROVIDER });
    const problem = vectorShapeProblem(vectors, inputs.length, this.space.dimensions);
    if (problem !== null) throw new ProviderError('output_invalid', `Hugging Face returned ${problem}.`, { provider: PROVIDER });
    return vectors;
  }

  #rewrite(input: Parameters<typeof fetch>[0]): Parameters<typeof fetch>[0] {
    const { baseUrl } = this.#options;
    if (!baseUrl || typeof input !== 'string') return input;
    const origin = HUB_ORIGINS.find((o) => input.startsWith(`${o}/`));
    return origin ? baseUrl.replace(/\/$/, '') + input.slice(origin.length) : input;
  }
}
