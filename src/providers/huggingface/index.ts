export {
  HuggingFaceEmbedder,
  DEFAULT_HUGGINGFACE_EMBEDDING_DIMENSIONS,
  DEFAULT_HUGGINGFACE_EMBEDDING_MODEL,
  type HuggingFaceEmbedderOptions,
} from './embedder.js';
export { parseRetryAfter, PROVIDER as HUGGINGFACE_PROVIDER, toProviderError } from './errors.js';
export { retryDelayMs, withRetry, type RetryPolicy } from './retry.js';
export { toSentenceVectors } from './pooling.js';
