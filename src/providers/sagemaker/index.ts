export { SageMakerEmbedder, type SageMakerEmbedderOptions } from './embedder.js';
export { toProviderError } from './errors.js';
export { parseVectors, requestBody, type FormatOptions, type SageMakerFormat } from './formats.js';
