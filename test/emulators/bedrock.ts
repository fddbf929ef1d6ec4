import { createHash, randomUUID } from 'node:crypto';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { ResumeFields } from '../../src/domain/index.js';
import { LocalEmbedder } from '../../src/providers/local/embeddings/index.js';
import { parseResumeText } from '../../src/providers/local/parser.js';
import { verifySigV4, type SigV4Credentials, type SigV4Verdict } from './sigv4.js';
import { faultQueue } from './faults.js';

/**
 * A loopback Bedrock Runtime for tests and offline demos. It speaks what the real service speaks where the
 * SDK can see it: HTTP/2 cleartext (the client's default handler is NodeHttp2Handler), SigV4 checked against
 * one configured key, restJson1 errors named in `x-amzn-errortype`, and InvokeModel bodies per model family.
 * Answers are meaningful, not canned: resumes go through the local parser and texts through the local
 * embedder, so a test can assert on content. Faults are injected on demand and consumed request by request.
 *
 * Shapes follow ../shared/reference/wire-protocols.md §1 (captured from the SDK and real responses).
 */

export type BedrockFaultKind =
  /** 429 ThrottlingException with `retry-after`. */
  | 'throttle'
  /** 503 ServiceUnavailableException. */
  | 'unavailable'
  /** 500 InternalServerException. */
  | 'internal'
  /** 408 ModelTimeoutException. */
  | 'model-timeout'
  /** 403 AccessDeniedException (no access to the model). */
  | 'access-denied'
  /** 403 UnrecognizedClientException whatever the signature (revoked or expired key). */
  | 'bad-credentials'
  /** Accept the request and never answer. */
  | 'hang'
  /** 200 with a body cut mid-JSON. */
  | 'malformed-json'
  /** A generation stopped by the token limit: stopReason `max_tokens`, tool input incomplete. */
  | 'truncated'
  /** A tool input that does not match the tool's schema. */
  | 'schema-violation';

export interface BedrockFault {
  kind: BedrockFaultKind;
  /** How many requests it applies to before the emulator answers normally again; unlimited when absent. */
  times?: number;
  /** For `throttle`; keep it 0 in tests, because the SDK waits at least this long before retrying. */
  retryAfterSeconds?: number;
}

export type EmbedBackend = (texts: string[]) => Promise<{ vectors: Float32Array[]; inputTokens: number }>;

export interface BedrockEmulatorOptions extends SigV4Credentials {
  region?: string;
  port?: number;
  faults?: BedrockFault[];
  /** Replaces the local embedder (512 dimensions, folded or padded to what the request asks for). */
  embed?: EmbedBackend;
}

export interface RecordedBedrockRequest {
  method: string;
  /** The path as sent, model id still percent-encoded. */
  rawPath: string;
  modelId: string;
  operation: 'converse' | 'invoke' | 'other';
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  /** From `amz-sdk-request: attempt=N; max=M`. */
  attempt: number | undefined;
  maxAttempts: number | undefined;
  auth: SigV4Verdict;
}

export interface BedrockEmulator {
  url: string;
  requests: RecordedBedrockRequest[];
  setFault(fault: BedrockFault | BedrockFault[] | null): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

class BedrockError extends Error {
  constructor(
    readonly errorType: string,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const ERRORTYPE_SUFFIX = ':http://internal.amazon.com/coral/com.amazon.bedrock/';
const ANTHROPIC_VERSION = 'bedrock-2023-05-31';
const GEO_PREFIX_RE = /^(?:us|eu|apac|global|us-gov|jp|au|ca)\./;
/** Models that answer on-demand only through an inference profile (us./eu./apac. ids or their ARNs). */
const PROFILE_ONLY_RE = /claude-3-5-sonnet-20241022|claude-3-5-haiku|claude-3-7|claude-(?:sonnet|opus|haiku)-4/;
const TITAN_V2_DIMENSIONS = [256, 512, 1024];
const COHERE_INPUT_TYPES = ['search_document', 'search_query', 'classification', 'clustering', 'image'];
const COHERE_MAX_TEXTS = 96;
const COHERE_MAX_CHARS = 2048;

export async function startBedrockEmulator(options: BedrockEmulatorOptions): Promise<BedrockEmulator> {
  const region = options.region ?? 'us-east-1';
  const embed = options.embed ?? localEmbed;
  const requests: RecordedBedrockRequest[] = [];
  const faults = faultQueue<BedrockFault>(options.faults ?? null);
  const setFault = faults.set;
  const nextFault = faults.next;
  const promptCache = new Set<string>();

  const server = http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });

  server.on('request', (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const rawBody = Buffer.concat(chunks);
      const rawPath = req.url;
      const headers = plainHeaders(req.headers);
      const auth = verifySigV4({ method: req.method, rawPath, headers, body: rawBody }, { credentials: options, services: ['bedrock'], region });
      const route = /^\/model\/([^/]+)\/(converse|invoke)$/.exec(rawPath.split('?')[0] ?? '');
      const modelId = route ? decodeURIComponent(route[1]!) : '';
      const [attempt, maxAttempts] = sdkAttempt(headers['amz-sdk-request']);
      const body = parseJson(rawBody.toString('utf8'));
      requests.push({ method: req.method, rawPath, modelId, operation: (route?.[2] as 'converse' | 'invoke') ?? 'other', headers, body, attempt, maxAttempts, auth });

      const reply = await answer({ method: req.method, route, modelId, body, auth, fault: nextFault() }).catch((e: unknown) =>
        e instanceof BedrockError ? errorReply(e) : errorReply(new BedrockError('InternalServerException', 500, String(e))),
      );
      if (reply === 'hang') return;
      if (res.closed || res.destroyed) return;
      res.writeHead(reply.status, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...reply.headers });
      res.end(reply.body);
    })();
  });

  interface Call {
    method: string;
    route: RegExpExecArray | null;
    modelId: string;
    body: unknown;
    auth: SigV4Verdict;
    fault: BedrockFault | undefined;
  }

  async function answer(call: Call): Promise<Reply | 'hang'> {
    if (!call.auth.ok) throw new BedrockError(call.auth.errorType, 403, call.auth.message);
    if (call.fault?.kind === 'bad-credentials') {
      throw new BedrockError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.');
    }
    if (!call.route || call.method !== 'POST') throw new BedrockError('UnknownOperationException', 404, 'Unknown operation.');
    const fault = call.fault;
    switch (fault?.kind) {
      case 'throttle':
        throw new BedrockError('ThrottlingException', 429, 'Too many requests, please wait before trying again.', {
          'retry-after': String(fault.retryAfterSeconds ?? 1),
        });
      case 'unavailable':
        throw new BedrockError('ServiceUnavailableException', 503, 'Bedrock is unable to process your request.');
      case 'internal':
        throw new BedrockError('InternalServerException', 500, 'The server encountered an error processing your request.');
      case 'model-timeout':
        throw new BedrockError('ModelTimeoutException', 408, 'Model has timed out in processing the request. Try your request again.');
      case 'access-denied':
        throw new BedrockError('AccessDeniedException', 403, "You don't have access to the model with the specified model ID.");
      case 'hang':
        return 'hang';
      case 'malformed-json':
        return { status: 200, body: '{"output":{"message":{"role":"assistant","content":[{"te' };
      default:
    }
    const family = modelFamily(call.modelId);
    if (typeof call.body !== 'object' || call.body === null || Array.isArray(call.body)) {
      throw validation('Malformed input request, please reformat your input and try again.');
    }
    const body = call.body as Record<string, unknown>;
    if (call.route[2] === 'converse') {
      if (family !== 'anthropic') throw validation("This action doesn't support the model that you provided. Try again with a supported text or chat model.");
      return json(converse(body, fault?.kind));
    }
    switch (family) {
      case 'anthropic':
        return invokeAnthropic(call.modelId, body, fault?.kind);
      case 'titan-embed-v2':
        return invokeTitan(body);
      case 'cohere-embed-v3':
        return invokeCohere(body);
    }
  }

  function modelFamily(modelId: string): 'anthropic' | 'titan-embed-v2' | 'cohere-embed-v3' {
    const arn = /^arn:aws(?:-[a-z]+)*:bedrock:([^:]*):(\d*):(foundation-model|inference-profile)\/(.+)$/.exec(modelId);
    const id = arn ? arn[4]! : modelId;
    const base = id.replace(GEO_PREFIX_RE, '');
    const viaProfile = base !== id;
    if (base.startsWith('anthropic.claude-')) {
      if (!viaProfile && PROFILE_ONLY_RE.test(base)) {
        throw validation(
          `Invocation of model ID ${base} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
        );
      }
      return 'anthropic';
    }
    if (base === 'amazon.titan-embed-text-v2:0') return 'titan-embed-v2';
    if (base === 'cohere.embed-english-v3' || base === 'cohere.embed-multilingual-v3') return 'cohere-embed-v3';
    throw validation('The provided model identifier is invalid.');
  }

  function converse(body: Record<string, unknown>, fault: BedrockFaultKind | undefined): Record<string, unknown> {
    const messages = body.messages;
    if (!Array.isArray(messages) || messages.length === 0) throw validation('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
    const texts = userTexts(messages, (block) => (typeof block.text === 'string' ? block.text : undefined), 'messages');
    const toolConfig = body.toolConfig as { tools?: Array<{ toolSpec?: { name?: string } }>; toolChoice?: { tool?: { name?: string } } } | undefined;
    const forcedTool = toolConfig?.toolChoice?.tool?.name;
    if (forcedTool !== undefined && !toolConfig?.tools?.some((t) => t.toolSpec?.name === forcedTool)) {
      throw validation(`The tool ${forcedTool} in toolChoice is not defined in toolConfig.tools.`);
    }
    const fields = fieldsFor(resumeTextOf(texts), fault);
    const output = JSON.stringify(fields);
    const cache = cacheUsage(body);
    const inputTokens = estimateTokens(JSON.stringify(body)) - cache.read - cache.write;
    const outputTokens = estimateTokens(output);
    const content =
      forcedTool === undefined
        ? [{ text: fault === 'truncated' ? output.slice(0, output.length / 2) : output }]
        : [{ toolUse: { toolUseId: `tooluse_${randomUUID().replace(/-/g, '').slice(0, 22)}`, name: forcedTool, input: fields } }];
    return {
      output: { message: { role: 'assistant', content } },
      stopReason: fault === 'truncated' ? 'max_tokens' : forcedTool === undefined ? 'end_turn' : 'tool_use',
      usage: {
        inputTokens,
        outputTokens,
        totalTokens: inputTokens + outputTokens + cache.read + cache.write,
        cacheReadInputTokens: cache.read,
        cacheWriteInputTokens: cache.write,
      },
      metrics: { latencyMs: 42 },
    };
  }

  /** Bedrock prompt caching: the prefix before a cachePoint block is written once, then read. */
  function cacheUsage(body: Record<string, unknown>): { read: number; write: number } {
    const prefix: unknown[] = [];
    for (const part of [body.system, body.messages].flat() as unknown[]) {
      if (isRecord(part) && 'cachePoint' in part) {
        const key = createHash('sha256').update(JSON.stringify(prefix)).digest('hex');
        const tokens = estimateTokens(JSON.stringify(prefix));
        const hit = promptCache.has(key);
        promptCache.add(key);
        return hit ? { read: tokens, write: 0 } : { read: 0, write: tokens };
      }
      prefix.push(part);
    }
    return { read: 0, write: 0 };
  }

  function invokeAnthropic(modelId: string, body: Record<string, unknown>, fault: BedrockFaultKind | undefined): Reply {
    if ('prompt' in body) {
      // What Claude 3 answers to Text Completions bodies, legacy `max_tokens_to_sample` or not.
      const model = modelId.replace(/^.*anthropic\./, '').replace(/-v\d+:\d+$/, '');
      throw validation(`"${model}" is not supported on this API. Please use the Messages API instead.`);
    }
    const allowed = ['anthropic_version', 'anthropic_beta', 'max_tokens', 'system', 'messages', 'temperature', 'top_p', 'top_k', 'stop_sequences', 'tools', 'tool_choice'];
    const extraneous = Object.keys(body).find((k) => !allowed.includes(k));
    if (extraneous !== undefined) throw validation(`Malformed input request: #: extraneous key [${extraneous}] is not permitted, please reformat your input and try again.`);
    if (body.anthropic_version !== ANTHROPIC_VERSION) throw validation('Malformed input request: #/anthropic_version: expected bedrock-2023-05-31, please reformat your input and try again.');
    if (!Number.isInteger(body.max_tokens)) throw validation('Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.');
    if (!Array.isArray(body.messages) || body.messages.length === 0) throw validation('Malformed input request: #: required key [messages] not found, please reformat your input and try again.');
    const texts = userTexts(body.messages, (block) => (block.type === 'text' && typeof block.text === 'string' ? block.text : undefined), 'messages', true);
    const toolChoice = body.tool_choice as { type?: string; name?: string } | undefined;
    const forcedTool = toolChoice?.type === 'tool' ? toolChoice.name : undefined;
    const fields = fieldsFor(resumeTextOf(texts), fault);
    const output = JSON.stringify(fields);
    const usage = { input_tokens: estimateTokens(JSON.stringify(body)), output_tokens: estimateTokens(output), cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const content =
      forcedTool === undefined
        ? [{ type: 'text', text: fault === 'truncated' ? output.slice(0, output.length / 2) : output }]
        : [{ type: 'tool_use', id: `toolu_bdrk_${randomUUID().replace(/-/g, '').slice(0, 24)}`, name: forcedTool, input: fields }];
    return json(
      {
        id: `msg_bdrk_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
        type: 'message',
        role: 'assistant',
        model: modelId.replace(/^.*anthropic\./, '').replace(/-v\d+:\d+$/, ''),
        content,
        stop_reason: fault === 'truncated' ? 'max_tokens' : forcedTool === undefined ? 'end_turn' : 'tool_use',
        stop_sequence: null,
        usage,
      },
      tokenHeaders(usage.input_tokens, usage.output_tokens),
    );
  }

  async function invokeTitan(body: Record<string, unknown>): Promise<Reply> {
    const extraneous = Object.keys(body).find((k) => !['inputText', 'dimensions', 'normalize', 'embeddingTypes'].includes(k));
    if (extraneous !== undefined) throw validation(`Malformed input request: #: extraneous key [${extraneous}] is not permitted, please reformat your input and try again.`);
    if (typeof body.inputText !== 'string') throw validation('Malformed input request: #: required key [inputText] not found, please reformat your input and try again.');
    if (body.inputText.trim() === '') throw validation('Malformed input request: #/inputText: expected minLength: 1, actual: 0, please reformat your input and try again.');
    const dimensions = body.dimensions ?? 1024;
    if (typeof dimensions !== 'number' || !TITAN_V2_DIMENSIONS.includes(dimensions)) {
      throw validation(`Malformed input request: #/dimensions: ${String(dimensions)} is not a valid enum value, please reformat your input and try again.`);
    }
    const normalize = body.normalize ?? true;
    const { vectors, inputTokens } = await embed([body.inputText]);
    const embedding = Array.from(fitDimensions(vectors[0]!, dimensions, normalize === true));
    return json({ embedding, embeddingsByType: { float: embedding }, inputTextTokenCount: inputTokens }, tokenHeaders(inputTokens, 0));
  }

  async function invokeCohere(body: Record<string, unknown>): Promise<Reply> {
    const texts = body.texts;
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) throw validation('Malformed input request: #: required key [texts] not found, please reformat your input and try again.');
    if (texts.length > COHERE_MAX_TEXTS) throw validation(`Malformed input request: #/texts: expected maxItems: ${COHERE_MAX_TEXTS}, actual: ${texts.length}, please reformat your input and try again.`);
    if (typeof body.input_type !== 'string' || !COHERE_INPUT_TYPES.includes(body.input_type)) {
      throw validation('Malformed input request: #: required key [input_type] not found, please reformat your input and try again.');
    }
    const truncate = body.truncate ?? 'NONE';
    const tooLong = (texts as string[]).findIndex((t) => t.length > COHERE_MAX_CHARS);
    if (tooLong !== -1 && truncate === 'NONE') throw validation(`Malformed input request: #/texts/${tooLong}: expected maxLength: ${COHERE_MAX_CHARS}, actual: ${(texts[tooLong] as string).length}, please reformat your input and try again.`);
    const clipped = (texts as string[]).map((t) => (truncate === 'START' ? t.slice(-COHERE_MAX_CHARS) : t.slice(0, COHERE_MAX_CHARS)));
    const { vectors, inputTokens } = await embed(clipped);
    const embeddings = vectors.map((v) => Array.from(fitDimensions(v, 1024, true)));
    const byType = Array.isArray(body.embedding_types);
    return json(
      {
        id: randomUUID(),
        embeddings: byType ? { float: embeddings } : embeddings,
        texts: clipped,
        response_type: byType ? 'embeddings_by_type' : 'embeddings_floats',
      },
      tokenHeaders(inputTokens, 0),
    );
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFault,
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The resume parsed by the local parser, or the damage a fault asks for. */
function fieldsFor(resumeText: string, fault: BedrockFaultKind | undefined): unknown {
  const { fields } = parseResumeText(resumeText);
  if (fault === 'schema-violation') return { ...fields, contact: undefined, skills: fields.skills.map((s) => s.name).join(', '), experience: 'see resume' };
  if (fault === 'truncated') return { contact: fields.contact } satisfies Partial<ResumeFields>;
  return fields;
}

/** Callers wrap the resume in <resume> tags so instructions around it are not parsed as resume lines. */
function resumeTextOf(userTexts: string[]): string {
  const first = userTexts[0] ?? '';
  const tagged = /<resume>\n?([\s\S]*?)\n?<\/resume>/.exec(first);
  return tagged ? tagged[1]! : first;
}

function userTexts(messages: unknown[], textOf: (block: Record<string, unknown>) => string | undefined, path: string, plainStringContent = false): string[] {
  const texts: string[] = [];
  messages.forEach((message, i) => {
    if (!isRecord(message) || (message.role !== 'user' && message.role !== 'assistant')) throw validation(`Malformed input request: #/${path}/${i}/role: invalid role.`);
    if (i === 0 && message.role !== 'user') throw validation('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
    if (plainStringContent && typeof message.content === 'string') {
      if (message.role === 'user') texts.push(message.content);
      return;
    }
    if (!Array.isArray(message.content)) throw validation(`Malformed input request: #/${path}/${i}/content: expected type: JSONArray.`);
    message.content.forEach((block, j) => {
      if (!isRecord(block)) return;
      const text = textOf(block);
      if (text !== undefined && text.trim() === '') {
        throw validation(`The text field in the ContentBlock object at ${path}.${i}.content.${j} is blank. Add text to the text field, and try again.`);
      }
      if (text !== undefined && message.role === 'user') texts.push(text);
    });
  });
  return texts;
}

/**
 * The local embedder has 512 dimensions. Larger spaces pad with zeros and smaller ones fold by summing,
 * so cosine similarities keep (exactly, or roughly) the local model's meaning.
 */
function fitDimensions(vector: Float32Array, dimensions: number, normalize: boolean): Float32Array {
  const out = new Float32Array(dimensions);
  vector.forEach((value, i) => {
    out[i % dimensions]! += value;
  });
  // Real unnormalised Titan vectors are far from unit length; scaling makes `normalize: false` observable.
  if (!normalize) return out.map((x) => x * 3);
  const norm = Math.hypot(...out) || 1;
  return out.map((x) => x / norm);
}

const localEmbedder = new LocalEmbedder();
const localEmbed: EmbedBackend = async (texts) => {
  const { vectors, usage } = await localEmbedder.embed({ texts });
  return { vectors, inputTokens: usage.inputTokens };
};

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function tokenHeaders(input: number, output: number): Record<string, string> {
  return {
    'x-amzn-bedrock-invocation-latency': '42',
    'x-amzn-bedrock-input-token-count': String(input),
    'x-amzn-bedrock-output-token-count': String(output),
  };
}

function json(body: unknown, headers: Record<string, string> = {}): Reply {
  return { status: 200, body: JSON.stringify(body), headers };
}

function validation(message: string): BedrockError {
  return new BedrockError('ValidationException', 400, message);
}

function errorReply(error: BedrockError): Reply {
  return { status: error.status, body: JSON.stringify({ message: error.message }), headers: { 'x-amzn-errortype': `${error.errorType}${ERRORTYPE_SUFFIX}`, ...error.headers } };
}

function sdkAttempt(header: string | undefined): [number | undefined, number | undefined] {
  const m = /attempt=(\d+);\s*max=(\d+)/.exec(header ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [undefined, undefined];
}

function plainHeaders(headers: http2.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
