import {
  ConverseCommand,
  InvokeModelCommand,
  type ContentBlock,
  type ConverseCommandOutput,
  type Message,
  type BedrockRuntimeClient,
  type ToolUseBlock,
} from '@aws-sdk/client-bedrock-runtime';
import { z } from 'zod';
import { ProviderError, type ParseRequest, type ParseResult, type ResumeParser } from '../../domain/index.js';
import { parseResumeWithLlm, promptVersion, RESUME_PARSE_PROMPT, strictResumeFieldsSchema, type Conversation, type ModelAnswer, type PriceTable, type ResumePrompt } from '../common/index.js';
import { baseModelId, createBedrockClient, type BedrockClientOptions } from './client.js';
import { toProviderError } from './errors.js';

export interface BedrockParserOptions extends BedrockClientOptions {
  /** A Claude 3+ model id, inference-profile id ("us.anthropic…") or ARN. */
  modelId?: string;
  /**
   * `converse` (default): the Converse API with a forced tool. `invoke`: InvokeModel with the Anthropic
   * Messages body, for accounts or proxies that only allow bedrock:InvokeModel.
   */
  api?: 'converse' | 'invoke';
  maxOutputTokens?: number;
  /** Deadline for a whole parse: every SDK attempt and the repair call. Default 120 s. */
  timeoutMs?: number;
  /**
   * Marks the system prompt and tool as a cache prefix (Converse `cachePoint`). Only models with Bedrock prompt
   * caching accept it (Claude 3.5 Haiku, 3.7 Sonnet and later); older ones reject the request.
   */
  promptCaching?: boolean;
  prompt?: ResumePrompt;
  priceTable?: PriceTable;
}

export const DEFAULT_BEDROCK_PARSER_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const PROVIDER = 'bedrock';
const ANTHROPIC_VERSION = 'bedrock-2023-05-31';
const DEFAULT_MAX_OUTPUT_TOKENS = 4096;
const DEFAULT_TIMEOUT_MS = 120_000;
/**
 * Claude 3/3.5 on Bedrock have no structured-output mode; a forced tool whose input schema is the domain
 * schema is how to get JSON of a given shape (wire-protocols.md §0.6). The tool is never "called".
 */
const TOOL_NAME = 'emit_resume';
const TOOL_DESCRIPTION = 'Record the fields extracted from the resume.';

/** The SDK's JSON document type (a JSON schema is one), named through a type the client exports. */
type JsonDocument = NonNullable<ToolUseBlock['input']>;

/**
 * Resume parsing with Claude on Bedrock. The request is only ever a Converse body or an Anthropic Messages
 * body: never the Text Completions `{prompt, max_tokens_to_sample}` shape, which Claude 3 rejects.
 */
export class BedrockResumeParser implements ResumeParser {
  readonly provider = PROVIDER;
  readonly model: string;
  get version(): string {
    return promptVersion(this.#options.prompt ?? RESUME_PARSE_PROMPT);
  }
  readonly #modelId: string;
  readonly #client: BedrockRuntimeClient;
  readonly #options: BedrockParserOptions;

  constructor(options: BedrockParserOptions = {}) {
    this.#modelId = options.modelId ?? DEFAULT_BEDROCK_PARSER_MODEL;
    this.model = baseModelId(this.#modelId);
    this.#client = createBedrockClient(options);
    this.#options = options;
  }

  parse(request: ParseRequest): Promise<ParseResult> {
    return parseResumeWithLlm(request, {
      provider: PROVIDER,
      model: this.model,
      timeoutMs: this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      complete: (conversation, signal) => (this.#options.api === 'invoke' ? this.#invoke(conversation, signal) : this.#converse(conversation, signal)),
      ...(this.#options.prompt ? { prompt: this.#options.prompt } : {}),
      ...(this.#options.priceTable ? { priceTable: this.#options.priceTable } : {}),
    });
  }

  async #converse(conversation: Conversation, signal: AbortSignal): Promise<ModelAnswer> {
    const cachePoint = this.#options.promptCaching ? [{ cachePoint: { type: 'default' as const } }] : [];
    let output: ConverseCommandOutput;
    try {
      output = await this.#client.send(
        new ConverseCommand({
          modelId: this.#modelId,
          system: [{ text: conversation.system }, ...cachePoint],
          messages: conversation.turns.map((t): Message => ({ role: t.role, content: [{ text: t.content }] })),
          inferenceConfig: { maxTokens: this.#maxTokens(), temperature: 0 },
          toolConfig: {
            tools: [{ toolSpec: { name: TOOL_NAME, description: TOOL_DESCRIPTION, inputSchema: { json: strictResumeFieldsSchema() as JsonDocument } } }],
            toolChoice: { tool: { name: TOOL_NAME } },
          },
        }),
        { abortSignal: signal },
      );
    } catch (e) {
      throw toProviderError(e, PROVIDER);
    }
    checkStopReason(output.stopReason);
    const usage = output.usage;
    const cacheRead = usage?.cacheReadInputTokens ?? 0;
    const cacheWrite = usage?.cacheWriteInputTokens ?? 0;
    return {
      text: answerText(output.output?.message?.content ?? []),
      // Bedrock's inputTokens leaves cache traffic out; ours counts all input (see TokenCounts).
      usage: { inputTokens: (usage?.inputTokens ?? 0) + cacheRead + cacheWrite, outputTokens: usage?.outputTokens ?? 0, cachedInputTokens: cacheRead, cacheWriteInputTokens: cacheWrite },
    };
  }

  async #invoke(conversation: Conversation, signal: AbortSignal): Promise<ModelAnswer> {
    const body = anthropicMessagesBody(conversation, this.#maxTokens());
    let json: unknown;
    try {
      const output = await this.#client.send(
        new InvokeModelCommand({ modelId: this.#modelId, contentType: 'application/json', accept: 'application/json', body: JSON.stringify(body) }),
        { abortSignal: signal },
      );
      json = JSON.parse(new TextDecoder().decode(output.body));
    } catch (e) {
      if (e instanceof SyntaxError) throw new ProviderError('model_error', `Bedrock returned a body that is not JSON: ${e.message}`, { provider: PROVIDER, retryable: false });
      throw toProviderError(e, PROVIDER);
    }
    const parsed = AnthropicResponseSchema.safeParse(json);
    if (!parsed.success) throw new ProviderError('model_error', 'Bedrock returned an unexpected Anthropic Messages body.', { provider: PROVIDER, retryable: false });
    const { content, stop_reason: stopReason, usage } = parsed.data;
    checkStopReason(stopReason);
    const tool = content.find((b) => b.type === 'tool_use' && b.name === TOOL_NAME);
    const cacheRead = usage.cache_read_input_tokens ?? 0;
    const cacheWrite = usage.cache_creation_input_tokens ?? 0;
    return {
      text: tool ? JSON.stringify(tool.input) : content.map((b) => b.text ?? '').join(''),
      usage: { inputTokens: usage.input_tokens + cacheRead + cacheWrite, outputTokens: usage.output_tokens, cachedInputTokens: cacheRead, cacheWriteInputTokens: cacheWrite },
    };
  }

  #maxTokens(): number {
    return this.#options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  }
}

/** The InvokeModel body for Claude 3+: Anthropic Messages, with the version string Bedrock requires. */
export function anthropicMessagesBody(conversation: Conversation, maxTokens: number): Record<string, unknown> {
  return {
    anthropic_version: ANTHROPIC_VERSION,
    max_tokens: maxTokens,
    system: conversation.system,
    messages: conversation.turns.map((t) => ({ role: t.role, content: [{ type: 'text', text: t.content }] })),
    temperature: 0,
    tools: [{ name: TOOL_NAME, description: TOOL_DESCRIPTION, input_schema: strictResumeFieldsSchema() }],
    tool_choice: { type: 'tool', name: TOOL_NAME },
  };
}

const AnthropicResponseSchema = z.object({
  content: z.array(z.object({ type: z.string(), name: z.string().optional(), input: z.unknown().optional(), text: z.string().optional() })),
  stop_reason: z.string().nullable(),
  usage: z.object({
    input_tokens: z.number().int().nonnegative(),
    output_tokens: z.number().int().nonnegative(),
    cache_read_input_tokens: z.number().int().nonnegative().nullish(),
    cache_creation_input_tokens: z.number().int().nonnegative().nullish(),
  }),
});

/** The forced tool's input as JSON text for validation; plain text when the model answered without the tool. */
function answerText(content: ContentBlock[]): string {
  const tool = content.find((b) => b.toolUse?.name === TOOL_NAME)?.toolUse;
  if (tool) return JSON.stringify(tool.input);
  return content.map((b) => b.text ?? '').join('');
}

/** Stops that no repair can fix: the same limit truncates again, a filter blocks again. */
function checkStopReason(stopReason: string | null | undefined): void {
  if (stopReason === 'max_tokens' || stopReason === 'model_context_window_exceeded') {
    throw new ProviderError('output_invalid', `The answer was truncated (stopReason ${stopReason}); raise maxOutputTokens.`, {
      provider: PROVIDER,
      retryable: false,
      details: { stopReason },
    });
  }
  if (stopReason === 'guardrail_intervened' || stopReason === 'content_filtered') {
    throw new ProviderError('model_error', `The answer was blocked (stopReason ${stopReason}).`, { provider: PROVIDER, retryable: false, details: { stopReason } });
  }
}
