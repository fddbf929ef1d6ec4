export { createOpenAIClient, type OpenAIClientOptions } from './client.js';
export { OpenAIEmbedder, DEFAULT_OPENAI_EMBEDDING_DIMENSIONS, DEFAULT_OPENAI_EMBEDDING_MODEL, type OpenAIEmbedderOptions } from './embedder.js';
export { retryAfter, toProviderError } from './errors.js';
export { OpenAIResumeParser, DEFAULT_OPENAI_PARSER_MODEL, type OpenAIParserOptions } from './parser.js';
