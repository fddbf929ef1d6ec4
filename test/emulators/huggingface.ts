/**
 * A loopback Hugging Face Inference API for contract tests: feature extraction in the exact wire format of
 * @huggingface/inference@4 (../shared/reference/wire-protocols.md §5), answered by the local embedder, with
 * faults on demand. Two ways in, as the SDK has: a dedicated endpoint (`endpointUrl`, POST exactly there) and
 * model-id routing (GET the hub's provider mapping, then POST the router's hf-inference pipeline path).
 */
import type { ServerResponse } from 'node:http';
import { LocalEmbedder } from '../../src/providers/local/embeddings/index.js';
import { sendJson, startLoopbackServer, type RecordedRequest } from './http.js';
import { faultQueue } from './faults.js';

export type HuggingFaceFault =
  /** 503 `{"error":"Model ... is currently loading","estimated_time":...}` (estimatedTime default 0). */
  | { kind: 'loading'; times?: number; estimatedTime?: number }
  /** 429 with retry-after (default "0" so tests do not wait). */
  | { kind: 'rate_limit'; times?: number; retryAfter?: string }
  /** 401 as for a bad token, whatever token was sent. */
  | { kind: 'bad_token'; times?: number }
  /** Any status with an HF `{"error"}` body (400, 500, 503 without estimated_time...). */
  | { kind: 'http_error'; status: number; times?: number; error?: string }
  /** Accepts the request and never answers. */
  | { kind: 'hang'; times?: number }
  /** A 200 labelled JSON whose body is not JSON. */
  | { kind: 'malformed_json'; times?: number };

export interface HuggingFaceEmulatorOptions {
  port?: number;
  /** The token the emulator accepts ("Authorization: Bearer <token>"). Default "hf_test"; null accepts none. */
  token?: string | null;
  /** Faults applied, in order, before normal answers. */
  faults?: HuggingFaceFault[];
  /** Answer token-level `[batch][tokens][dim]`, as a model without a pooling head does. Default pooled. */
  tokenLevel?: boolean;
}

export interface HuggingFaceEmulator {
  /** Origin, to pass as the embedder's `baseUrl` for model-id routing: http://127.0.0.1:PORT */
  url: string;
  /** A dedicated-endpoint URL, to pass as `endpointUrl`. */
  endpointUrl: string;
  requests: RecordedRequest[];
  /** Replaces the pending faults; null clears them. */
  setFault(fault: HuggingFaceFault | HuggingFaceFault[] | null): void;
  close(): Promise<void>;
}

export const ENDPOINT_PATH = '/endpoint/embed';
const MAPPING_ROUTE = /^\/api\/models\/(.+)$/;
const PIPELINE_ROUTE = /^\/hf-inference\/models\/(.+)\/pipeline\/feature-extraction$/;

export async function startHuggingFaceEmulator(options: HuggingFaceEmulatorOptions = {}): Promise<HuggingFaceEmulator> {
  const token = options.token === undefined ? 'hf_test' : options.token;
  const requests: RecordedRequest[] = [];
  const faults = faultQueue<HuggingFaceFault>(options.faults ?? null);
  const setFault = faults.set;
  const nextFault = faults.next;
  let embedder: LocalEmbedder | undefined;

  const server = await startLoopbackServer(async (request, res) => {
    requests.push(request);
    const path = request.path.split('?')[0] ?? '';
    const mapping = request.method === 'GET' ? MAPPING_ROUTE.exec(path) : null;
    // The hub lookup is not an inference call: no faults, no auth (public models need none).
    if (mapping?.[1]) return sendModelInfo(res, decodeURIComponent(mapping[1]));
    const pipeline = request.method === 'POST' ? PIPELINE_ROUTE.exec(path) : null;
    const model = pipeline?.[1] ? decodeURIComponent(pipeline[1]) : request.method === 'POST' && path === ENDPOINT_PATH ? 'endpoint' : undefined;
    if (!model) return sendJson(res, 404, { error: `Not Found: ${request.method} ${path}` });
    if (token !== null && request.headers.authorization !== `Bearer ${token}`) return sendBadToken(res);

    const fault = nextFault();
    if (fault) return sendFault(fault, res, model);
    const inputs = readInputs(request.body);
    if (typeof inputs === 'string') return sendJson(res, 400, { error: inputs });
    embedder ??= new LocalEmbedder();
    const { vectors } = await embedder.embed({ texts: inputs.texts });
    const pooled = vectors.map((v) => Array.from(v));
    const rows = options.tokenLevel ? pooled.map(tokenRows) : pooled;
    sendJson(res, 200, inputs.single ? rows[0] : rows);
  }, options.port);

  return { url: server.origin, endpointUrl: server.origin + ENDPOINT_PATH, requests, setFault, close: () => server.close() };
}

/** The hub's answer to `?expand[]=inferenceProviderMapping`, mapping the model to hf-inference feature extraction. */
function sendModelInfo(res: ServerResponse, model: string): void {
  sendJson(res, 200, {
    _id: model,
    id: model,
    inferenceProviderMapping: { 'hf-inference': { providerId: model, status: 'live', task: 'feature-extraction' } },
  });
}

function sendBadToken(res: ServerResponse): void {
  sendJson(res, 401, { error: 'Invalid credentials in Authorization header' });
}

function sendFault(fault: HuggingFaceFault, res: ServerResponse, model: string): void {
  switch (fault.kind) {
    case 'loading':
      return sendJson(res, 503, { error: `Model ${model} is currently loading`, estimated_time: fault.estimatedTime ?? 0 });
    case 'rate_limit':
      return sendJson(res, 429, { error: 'Rate limit reached. You reached free usage limit (reset hourly).' }, { 'retry-after': fault.retryAfter ?? '0' });
    case 'bad_token':
      return sendBadToken(res);
    case 'http_error':
      return sendJson(res, fault.status, { error: fault.error ?? `Emulated error ${fault.status}` });
    case 'hang':
      return; // never answered; close() drops the connection
    case 'malformed_json':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[[0.1, 0.2,');
      return;
  }
}

/** `inputs` as the feature-extraction task takes it: one string or a non-empty list of strings. */
function readInputs(body: unknown): { texts: string[]; single: boolean } | string {
  const inputs = typeof body === 'object' && body !== null && 'inputs' in body ? body.inputs : undefined;
  if (typeof inputs === 'string' && inputs.trim() !== '') return { texts: [inputs], single: true };
  if (Array.isArray(inputs) && inputs.length > 0 && inputs.every((x): x is string => typeof x === 'string' && x.trim() !== '')) {
    return { texts: inputs, single: false };
  }
  return 'Input validation error: `inputs` must be a non-empty string or a non-empty list of strings';
}

/** Token-level rows whose mean is the pooled vector (v+d, v-d, v), so pooling on the client recovers it. */
function tokenRows(pooled: number[]): number[][] {
  const delta = pooled.map((_, i) => (i % 2 === 0 ? 0.25 : -0.25));
  return [pooled.map((x, i) => x + delta[i]!), pooled.map((x, i) => x - delta[i]!), pooled];
}
