import type { Usage } from '../../domain/index.js';

/**
 * Tokens of one or more calls, before pricing. `inputTokens` counts ALL input, cache reads and writes
 * included, and the two cache fields are subsets of it: OpenAI reports it that way (cached_tokens within
 * prompt_tokens); for Bedrock, whose inputTokens excludes cache traffic, the adapter adds cacheRead and
 * cacheWrite tokens in. One convention keeps `Usage.inputTokens` comparable across providers.
 */
export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (OpenAI cached_tokens, Bedrock cacheReadInputTokens). */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (Bedrock cacheWriteInputTokens), billed at their own rate. */
  cacheWriteInputTokens?: number;
}

/** USD per 1M tokens. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  /** Rate for cached input tokens; the input rate when the provider gives no discount. */
  readonly cachedInput?: number;
  /** Rate for cache writes; the input rate when not listed. */
  readonly cacheWriteInput?: number;
}

export interface PriceTable {
  /** The day these prices were checked. Prices change; results record cost, not the rate they used. */
  asOf: string;
  models: Readonly<Record<string, ModelPrice>>;
}

/**
 * On-demand list prices, us-east-1, from the wire-protocols reference (§6) (sources and caveats there:
 * Claude 3/3.5 may cost more under Bedrock's extended-access pricing). Override with a table of your own
 * (`priceUsage(..., table)`) rather than editing these in place.
 */
export const DEFAULT_PRICE_TABLE: PriceTable = Object.freeze({
  asOf: '2026-11-24',
  models: Object.freeze({
    'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
    'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
    'text-embedding-3-small': { input: 0.02, output: 0 },
    'text-embedding-3-large': { input: 0.13, output: 0 },
    'anthropic.claude-3-sonnet-20240229-v1:0': { input: 3, output: 15 },
    'anthropic.claude-3-haiku-20240307-v1:0': { input: 0.25, output: 1.25 },
    'anthropic.claude-3-5-sonnet-20240620-v1:0': { input: 3, output: 15 },
    'anthropic.claude-3-5-sonnet-20241022-v2:0': { input: 3, output: 15 },
    'anthropic.claude-3-5-haiku-20241022-v1:0': { input: 0.8, output: 4 },
    'amazon.titan-embed-text-v2:0': { input: 0.02, output: 0 },
    // Cohere Embed v3 on Bedrock, English and multilingual alike: $0.0001 per 1K input tokens. From third-party
    // rate tables quoting the Bedrock pricing page (e.g. the per-model tables in several open-source cost
    // trackers), checked 2026-11-24; the AWS page itself renders its table dynamically and was not read.
    'cohere.embed-english-v3': { input: 0.1, output: 0 },
    'cohere.embed-multilingual-v3': { input: 0.1, output: 0 },
  }),
});

/**
 * The price of a model id as providers spell it. Exact ids first; otherwise the longest table key the id
 * contains, so dated snapshots ("gpt-4o-mini-2024-07-18"), cross-region inference profiles
 * ("us.anthropic.claude-3-haiku-20240307-v1:0") and ARNs find their base model.
 */
export function findPrice(model: string, table: PriceTable = DEFAULT_PRICE_TABLE): ModelPrice | undefined {
  const exact = table.models[model];
  if (exact) return exact;
  const key = Object.keys(table.models)
    .filter((k) => model.includes(k))
    .sort((a, b) => b.length - a.length)[0];
  return key === undefined ? undefined : table.models[key];
}

/** Usage with its cost; a model missing from the table costs 0 (the caller decides whether to warn). */
export function priceUsage(model: string, tokens: TokenCounts, table: PriceTable = DEFAULT_PRICE_TABLE): Usage {
  const price = findPrice(model, table);
  const usage = { inputTokens: tokens.inputTokens, outputTokens: tokens.outputTokens, costUsd: 0 };
  if (!price) return usage;
  const cached = Math.min(tokens.cachedInputTokens ?? 0, tokens.inputTokens);
  const cacheWrite = Math.min(tokens.cacheWriteInputTokens ?? 0, tokens.inputTokens - cached);
  const uncached = tokens.inputTokens - cached - cacheWrite;
  const perMillion =
    uncached * price.input +
    cached * (price.cachedInput ?? price.input) +
    cacheWrite * (price.cacheWriteInput ?? price.input) +
    tokens.outputTokens * price.output;
  return { ...usage, costUsd: perMillion / 1_000_000 };
}

/** Token counts of several calls (an answer and its repair) as one. */
export function addTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedInputTokens: (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0),
    cacheWriteInputTokens: (a.cacheWriteInputTokens ?? 0) + (b.cacheWriteInputTokens ?? 0),
  };
}

/**
 * For providers that report no token count: about four characters per token for English text. An estimate,
 * and labelled as one wherever it is used.
 */
export function estimateTokens(texts: readonly string[]): number {
  return texts.reduce((sum, t) => sum + Math.ceil(t.length / 4), 0);
}
