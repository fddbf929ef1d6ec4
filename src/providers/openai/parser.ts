import type OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { ProviderError, type ParseRequest, type ParseResult, type ResumeParser } from '../../domain/index.js';
import { parseResumeWithLlm, promptVersion, RESUME_PARSE_PROMPT, strictResumeFieldsSchema, type Conversation, type ModelAnswer, type PriceTable, type ResumePrompt } from '../common/index.js';
import { createOpenAIClient, type OpenAIClientOptions } from './client.js';
import { PROVIDER, toProviderError } from './errors.js';

export interface OpenAIParserOptions extends OpenAIClientOptions {
  /** Any model with strict structured outputs (gpt-4o-mini, gpt-4o-2024-08-06 and later). */
  model?: string;
  /** Cap on answer length; a resume's JSON rarely needs more than 4k tokens. */
  maxOutputTokens?: number;
  /** Deadline for a whole parse: every SDK attempt and the repair call. Default 120 s. */
  timeoutMs?: number;
  prompt?: ResumePrompt;
  priceTable?: PriceTable;
}

export const DEFAULT_OPENAI_PARSER_MODEL = 'gpt-4o-mini';
const DEFAULT_MAX_OUTPUT_TOKENS = 4096;
const DEFAULT_TIMEOUT_MS = 120_000;
/** The schema name the model sees; letters, digits, _ and - only. */
const SCHEMA_NAME = 'resume_fields';

/** Resume parsing with Chat Completions and strict json_schema output built from the domain schema. */
export class OpenAIResumeParser implements ResumeParser {
  readonly provider = PROVIDER;
  readonly model: string;
  get version(): string {
    return promptVersion(this.#options.prompt ?? RESUME_PARSE_PROMPT);
  }
  readonly #client: OpenAI;
  readonly #options: OpenAIParserOptions;

  constructor(options: OpenAIParserOptions = {}) {
    this.model = options.model ?? DEFAULT_OPENAI_PARSER_MODEL;
    this.#client = createOpenAIClient(options);
    this.#options = options;
  }

  parse(request: ParseRequest): Promise<ParseResult> {
    return parseResumeWithLlm(request, {
      provider: PROVIDER,
      model: this.model,
      timeoutMs: this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      complete: (conversation, signal) => this.#complete(conversation, signal),
      prompt: this.#options.prompt,
      priceTable: this.#options.priceTable,
    });
  }

  async #complete(conversation: Conversation, signal: AbortSignal): Promise<ModelAnswer> {
    const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: conversation.system }, ...conversation.turns];
    let completion: ChatCompletion;
    try {
      completion = await this.#client.chat.completions.create(
        {
          model: this.model,
          messages,
          temperature: 0,
          max_completion_tokens: this.#options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
          response_format: { type: 'json_schema', json_schema: { name: SCHEMA_NAME, strict: true, schema: strictResumeFieldsSchema() } },
        },
        { signal },
      );
    } catch (e) {
      throw toProviderError(e);
    }
    return answerOf(completion);
  }
}

/** The answer text and token counts, or the reason there is no usable answer. */
function answerOf(completion: ChatCompletion): ModelAnswer {
  const choice = completion.choices[0];
  const fail = (code: 'output_invalid' | 'model_error', message: string): ProviderError =>
    new ProviderError(code, message, { provider: PROVIDER, details: { finishReason: choice?.finish_reason ?? null, id: completion.id } });
  if (!choice) throw fail('output_invalid', 'OpenAI returned no choices.');
  // Truncated JSON cannot be repaired by asking again with the same limit.
  if (choice.finish_reason === 'length') throw fail('output_invalid', 'The answer was truncated at max_tokens; raise maxOutputTokens.');
  if (choice.message.refusal) throw fail('model_error', `The model refused: ${choice.message.refusal}`);
  if (choice.finish_reason === 'content_filter') throw fail('model_error', 'The answer was stopped by the content filter.');
  if (!choice.message.content) throw fail('output_invalid', 'OpenAI returned an empty answer.');
  const usage = completion.usage;
  return {
    text: choice.message.content,
    usage: {
      inputTokens: usage?.prompt_tokens ?? 0,
      outputTokens: usage?.completion_tokens ?? 0,
      cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
    },
  };
}
