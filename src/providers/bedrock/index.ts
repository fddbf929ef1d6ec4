export { BedrockEmbedder, type BedrockEmbedderOptions } from './embedder.js';
export { createBedrockClient, baseModelId, type BedrockClientOptions } from './client.js';
export { toProviderError } from './errors.js';
export { TITAN_V2_DIMENSIONS, COHERE_V3_DIMENSIONS, type TitanV2Dimensions } from './embedding-models.js';
export { BedrockResumeParser, DEFAULT_BEDROCK_PARSER_MODEL, anthropicMessagesBody, type BedrockParserOptions } from './parser.js';
