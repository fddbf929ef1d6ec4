export { TransformersEmbedder, type TransformersEmbedderOptions } from './transformers-embedder.js';
export { TRANSFORMERS_PACKAGE } from './load-transformers.js';
