export { LocalEmbedder, LOCAL_EMBEDDING_SPACE, CHUNK_LIMITS, type LocalEmbedderOptions } from './local-embedder.js';
export { cosineSimilarity, meanVector, normalizeInPlace } from './vector.js';
