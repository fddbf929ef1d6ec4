/**
 * A loopback OpenAI API for contract tests and offline trials: POST /v1/chat/completions and /v1/embeddings in
 * the exact wire format of openai@6 (see ../shared/reference/wire-protocols.md §4), answered by the local
 * parser and embedder, with faults on demand. Every request is recorded as it arrived.
 */
import type { ServerResponse } from 'node:http';
import type { ResumeFields } from '../../src/domain/index.js';
import { LocalEmbedder } from '../../src/providers/local/embeddings/index.js';
import { parseResumeText } from '../../src/providers/local/parser.js';
import { strictSchemaViolations } from '../../src/providers/common/index.js';
import { approximateTokens, sendJson, startLoopbackServer, type RecordedRequest } from './http.js';
import { faultQueue } from './faults.js';

export type OpenAiFault =
  /** A normal answer: lets a fault list interleave failures with successes (e.g. 3 in 10 failing). */
  | { kind: 'none'; times?: number }
  /** 429 with retry-after (seconds; default "0" so tests do not wait). `shouldRetry: false` sends x-should-retry. */
  | { kind: 'rate_limit'; times?: number; retryAfter?: string; code?: string; shouldRetry?: boolean }
  /** 500 server_error. retry-after-ms defaults to 0 so SDK back-off does not slow tests. */
  | { kind: 'server_error'; times?: number; retryAfterMs?: number }
  /** Any other status with an OpenAI error body (400, 403, 404, 408, 503...). */
  | { kind: 'http_error'; status: number; times?: number; type?: string; code?: string }
  /** 401 invalid_api_key, whatever key was sent. */
  | { kind: 'bad_key'; times?: number }
  /** Accepts the request and never answers. */
  | { kind: 'hang'; times?: number }
  /** A 200 whose body is not JSON. */
  | { kind: 'malformed_body'; times?: number }
  /** A completion whose content is not JSON. */
  | { kind: 'malformed_content'; times?: number }
  /** A completion cut off at max_tokens: partial content, finish_reason "length". */
  | { kind: 'truncated'; times?: number }
  /** Valid JSON that breaks the schema (a date in the wrong format, a missing key). */
  | { kind: 'schema_violation'; times?: number }
  /** A well-formed answer with values that are not in the resume. */
  | { kind: 'hallucination'; times?: number }
  /** The model declines: content null, refusal set. */
  | { kind: 'refusal'; times?: number };

export interface OpenAiEmulatorOptions {
  port?: number;
  /** Faults applied, in order, before normal answers. */
  faults?: OpenAiFault[];
  /** The key the emulator accepts ("Authorization: Bearer <apiKey>"). Default "sk-test". */
  apiKey?: string;
  /** Prompt tokens reported as served from cache (prompt_tokens_details.cached_tokens). */
  cachedPromptTokens?: number;
  /** Replaces the local embedder behind /v1/embeddings (e.g. a constant vector, to time the client side alone). */
  embedder?: VectorSource;
}

/** What answers /v1/embeddings: the local embedder by default. */
export interface VectorSource {
  embed(request: { texts: string[] }): Promise<{ vectors: Float32Array[] }>;
}

export interface OpenAiEmulator {
  /** Base URL for the SDK: http://127.0.0.1:PORT/v1 */
  url: string;
  requests: RecordedRequest[];
  /** Replaces the pending faults; null clears them. */
  setFault(fault: OpenAiFault | OpenAiFault[] | null): void;
  close(): Promise<void>;
}

/** Text of the hallucination fault: plausible, and in no resume. */
export const HALLUCINATED_HEADLINE = 'Chief Quantum Officer';

export async function startOpenAiEmulator(options: OpenAiEmulatorOptions = {}): Promise<OpenAiEmulator> {
  const apiKey = options.apiKey ?? 'sk-test';
  const requests: RecordedRequest[] = [];
  const faults = faultQueue<OpenAiFault>(options.faults ?? null);
  const setFault = faults.set;
  const nextFault = faults.next;
  let embedder: VectorSource | undefined = options.embedder;

  const server = await startLoopbackServer(async (request, res) => {
    requests.push(request);
    const route = `${request.method} ${request.path.split('?')[0]}`;
    if (route !== 'POST /v1/chat/completions' && route !== 'POST /v1/embeddings') {
      return sendError(res, 404, `Unknown request URL: ${route}.`, 'invalid_request_error', 'unknown_url');
    }
    if (request.headers.authorization !== `Bearer ${apiKey}`) return sendBadKey(res);

    const fault = nextFault();
    if (fault && transportFault(fault, res)) return;
    if (route === 'POST /v1/embeddings') {
      embedder ??= new LocalEmbedder();
      return answerEmbeddings(request.body, res, embedder);
    }
    return answerChat(request.body, res, fault, options.cachedPromptTokens ?? 0);
  }, options.port);

  return { url: `${server.origin}/v1`, requests, setFault, close: server.close };
}

/** Faults that replace the HTTP answer itself; true when the response was handled. */
function transportFault(fault: OpenAiFault, res: ServerResponse): boolean {
  switch (fault.kind) {
    case 'rate_limit':
      sendError(res, 429, 'Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, Requested 1.', 'requests', fault.code ?? 'rate_limit_exceeded', {
        'retry-after': fault.retryAfter ?? '0',
        ...(fault.shouldRetry === false ? { 'x-should-retry': 'false' } : {}),
      });
      return true;
    case 'server_error':
      sendError(res, 500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null, {
        'retry-after-ms': String(fault.retryAfterMs ?? 0),
      });
      return true;
    case 'http_error':
      sendError(res, fault.status, `Emulated ${fault.status}.`, fault.type ?? 'invalid_request_error', fault.code ?? null, { 'retry-after-ms': '0' });
      return true;
    case 'bad_key':
      sendBadKey(res);
      return true;
    case 'hang':
      return true;
    case 'malformed_body':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"chatcmpl-emu","object":"chat.completion","choices":[{"index":0,');
      return true;
    default:
      return false;
  }
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  headers: Record<string, string> = {},
  param: string | null = null,
): void {
  sendJson(res, status, { error: { message, type, param, code } }, { 'x-request-id': `req_emu_${status}`, ...headers });
}

function sendBadKey(res: ServerResponse): void {
  sendError(res, 401, 'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
}

interface ChatBody {
  model?: unknown;
  messages?: { role: string; content: unknown }[];
  temperature?: unknown;
  response_format?: { type?: string; json_schema?: { name?: string; strict?: boolean; schema?: unknown } };
}

function answerChat(raw: unknown, res: ServerResponse, fault: OpenAiFault | undefined, cachedPromptTokens: number): void {
  const body = (raw ?? {}) as ChatBody;
  if (typeof body.model !== 'string') return sendError(res, 400, 'you must provide a model parameter', 'invalid_request_error', null, {}, 'model');
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return sendError(res, 400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter', {}, 'messages');
  }
  const format = body.response_format;
  if (format?.type === 'json_schema' && format.json_schema?.strict === true) {
    const problems = strictSchemaViolations(format.json_schema.schema);
    if (problems.length > 0) {
      return sendError(res, 400, `Invalid schema for response_format '${format.json_schema.name}': ${problems[0]}`, 'invalid_request_error', 'invalid_json_schema', {}, 'response_format');
    }
  }

  const texts = body.messages.map((m) => (typeof m.content === 'string' ? m.content : ''));
  const firstUser = body.messages.find((m) => m.role === 'user');
  const userText = typeof firstUser?.content === 'string' ? firstUser.content : '';
  const resumeText = /<resume>\n?([\s\S]*?)\n?<\/resume>/.exec(userText)?.[1] ?? userText;
  const today = /Today is (\d{4}-\d{2}-\d{2})/.exec(userText)?.[1];
  const fields = parseResumeText(resumeText, { referenceDate: today ? new Date(`${today}T00:00:00Z`) : new Date() }).fields;

  let content: string | null = JSON.stringify(fields);
  let finishReason = 'stop';
  let refusal: string | null = null;
  switch (fault?.kind) {
    case 'malformed_content':
      content = `Here is the resume as JSON: ${content.slice(0, 40)}`;
      break;
    case 'truncated':
      content = content.slice(0, Math.max(1, Math.floor(content.length / 2)));
      finishReason = 'length';
      break;
    case 'schema_violation':
      content = JSON.stringify(violateSchema(fields));
      break;
    case 'hallucination':
      content = JSON.stringify({ ...fields, headline: HALLUCINATED_HEADLINE });
      break;
    case 'refusal':
      content = null;
      refusal = "I'm sorry, I can't help with that request.";
      break;
  }

  const promptTokens = approximateTokens(texts.join('\n'));
  const completionTokens = approximateTokens(content ?? refusal ?? '');
  sendJson(
    res,
    200,
    {
      id: 'chatcmpl-emu',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: `${body.model}-2024-07-18`,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal }, logprobs: null, finish_reason: finishReason }],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: Math.min(cachedPromptTokens, promptTokens), audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      service_tier: 'default',
      system_fingerprint: 'fp_emulator',
    },
    { 'x-request-id': 'req_emu_chat' },
  );
}

/** What a model without strict decoding might return: a prose date and a dropped key. */
function violateSchema(fields: ResumeFields): unknown {
  const { languages: _dropped, ...rest } = fields;
  return { ...rest, experience: [{ title: 'Engineer', company: null, location: null, start: 'March 2019', end: null, current: true, description: null, highlights: [] }] };
}

interface EmbeddingsBody {
  model?: unknown;
  input?: unknown;
  dimensions?: unknown;
  encoding_format?: unknown;
}

/** Native sizes of the models the emulator knows; `dimensions` may shorten them, never lengthen. */
const NATIVE_DIMENSIONS: Record<string, number> = { 'text-embedding-3-small': 1536, 'text-embedding-3-large': 3072, 'text-embedding-ada-002': 1536 };

async function answerEmbeddings(raw: unknown, res: ServerResponse, embedder: VectorSource): Promise<void> {
  const body = (raw ?? {}) as EmbeddingsBody;
  const model = typeof body.model === 'string' ? body.model : '';
  const native = NATIVE_DIMENSIONS[model];
  if (native === undefined) return sendError(res, 404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 2048 || !inputs.every((s) => typeof s === 'string' && s !== '')) {
    return sendError(res, 400, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", 'invalid_request_error', null, {}, 'input');
  }
  let dimensions = native;
  if (body.dimensions !== undefined) {
    if (model === 'text-embedding-ada-002') return sendError(res, 400, 'This model does not support specifying dimensions.', 'invalid_request_error', null, {}, 'dimensions');
    if (typeof body.dimensions !== 'number' || !Number.isInteger(body.dimensions) || body.dimensions < 1 || body.dimensions > native) {
      return sendError(res, 400, `Invalid 'dimensions': must be an integer between 1 and ${native}.`, 'invalid_request_error', null, {}, 'dimensions');
    }
    dimensions = body.dimensions;
  }
  const base64 = body.encoding_format === 'base64';
  const { vectors } = await embedder.embed({ texts: inputs as string[] });
  const data = vectors.map((v, index) => {
    const sized = resize(v, dimensions);
    return { object: 'embedding', index, embedding: base64 ? Buffer.from(sized.buffer).toString('base64') : Array.from(sized) };
  });
  const promptTokens = (inputs as string[]).reduce((sum, s) => sum + approximateTokens(s), 0);
  sendJson(res, 200, { object: 'list', data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } }, { 'x-request-id': 'req_emu_embeddings' });
}

/** Truncated or zero-padded to `dimensions`, then unit length again, as text-embedding-3 shortening behaves. */
function resize(vector: Float32Array, dimensions: number): Float32Array {
  const out = new Float32Array(dimensions);
  out.set(vector.subarray(0, dimensions));
  const norm = Math.hypot(...out);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}
