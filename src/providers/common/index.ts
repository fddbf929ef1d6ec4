export { toParsedResume, type ResultMeta } from './assemble.js';
export { withDeadline } from './deadline.js';
export { assertEmbeddable, batchesOf, vectorShapeProblem } from './texts.js';
export { groundResumeFields, type GroundedFields } from './grounding.js';
export { STRICT_SCHEMA_FORMATS, STRICT_SCHEMA_KEYWORDS, strictResumeFieldsSchema, strictSchemaViolations, toStrictJsonSchema } from './json-schema.js';
export { parseResumeWithLlm, type Conversation, type LlmParseOptions } from './llm-parse.js';
export {
  addTokens,
  DEFAULT_PRICE_TABLE,
  findPrice,
  estimateTokens,
  priceUsage,
  type ModelPrice,
  type PriceTable,
  type TokenCounts,
} from './pricing.js';
export { promptVersion, RESUME_PARSE_PROMPT, type ResumePrompt } from './prompts.js';
export { checkResumeFields, validateWithRepair, type ModelAnswer, type ValidateOptions, type Validated } from './validate.js';
