import { AppError, embeddingSpace, type EmbedRequest, type EmbedResult, type Embedder, type EmbeddingSpace } from '../../../domain/index.js';
import { chunkTokens, normalizeWhitespace, type ChunkLimits } from './chunking.js';
import { USE_LITE_DIMENSIONS, loadUseLite } from './use-lite-model.js';
import { meanVector, normalizeInPlace } from './vector.js';

/**
 * The version covers everything that shapes a vector, including the chunking below: change CHUNK_LIMITS or
 * the pooling and the version must change too, or old and new vectors would silently share one space.
 */
export const LOCAL_EMBEDDING_SPACE: EmbeddingSpace = embeddingSpace({ provider: 'local', model: 'use-lite', dimensions: USE_LITE_DIMENSIONS, version: '1' });

/**
 * Long texts are embedded as the mean of up to 8 chunks of at most 64 SentencePiece tokens (about 40 words
 * each, so roughly the first 320 words count). The graph itself reads only the first USE_LITE_MAX_TOKENS
 * tokens of an input, so without chunking a posting would be judged by its opening lines, often a company
 * blurb. Measured on O*NET-derived job postings, this separates related from unrelated postings far better
 * than the whole text; the figures are in this folder's README.
 */
export const CHUNK_LIMITS: ChunkLimits = Object.freeze({ maxTokensPerChunk: 64, maxChunks: 8 });

/** Chunks per graph execution: large enough to amortise per-call overhead, small enough to bound memory. */
const DEFAULT_BATCH_SIZE = 32;

export interface LocalEmbedderOptions {
  batchSize?: number;
}

/**
 * Offline embeddings with Universal Sentence Encoder lite. Queries and documents are embedded alike (the
 * model has no notion of the difference). Usage reports zero cost and, as inputTokens, the number of
 * SentencePiece tokens actually fed to the model, i.e. after chunking and truncation.
 */
export class LocalEmbedder implements Embedder {
  readonly provider = LOCAL_EMBEDDING_SPACE.provider;
  readonly model = LOCAL_EMBEDDING_SPACE.model;
  readonly space = LOCAL_EMBEDDING_SPACE;
  readonly #batchSize: number;

  constructor(options: LocalEmbedderOptions = {}) {
    this.#batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(this.#batchSize) || this.#batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  }

  async embed({ texts, signal }: EmbedRequest): Promise<EmbedResult> {
    texts.forEach((text, i) => {
      if (normalizeWhitespace(text) === '') throw new AppError('invalid_request', `Cannot embed an empty text (texts[${i}]).`);
    });
    signal?.throwIfAborted();
    const model = await loadUseLite();

    const chunksPerText = texts.map((text) => chunkTokens(text, model.tokenize, CHUNK_LIMITS));
    const chunks = chunksPerText.flatMap((textChunks, textIndex) => textChunks.map((ids) => ({ textIndex, ids })));
    // Rows of a batch are padded to its longest row, so batching chunks of similar length wastes less work.
    const byLength = [...chunks].sort((a, b) => a.ids.length - b.ids.length);

    const chunkVectors: Float32Array[][] = texts.map(() => []);
    for (let start = 0; start < byLength.length; start += this.#batchSize) {
      signal?.throwIfAborted();
      const batch = byLength.slice(start, start + this.#batchSize);
      const vectors = await model.embedTokenized(batch.map((c) => c.ids));
      batch.forEach((chunk, i) => chunkVectors[chunk.textIndex]!.push(vectors[i]!));
    }

    const inputTokens = chunks.reduce((sum, c) => sum + c.ids.length, 0);
    return {
      vectors: chunkVectors.map((vs) => normalizeInPlace(vs.length === 1 ? vs[0]! : meanVector(vs))),
      usage: { inputTokens, outputTokens: 0, costUsd: 0 },
    };
  }
}
