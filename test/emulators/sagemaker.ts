import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalEmbedder } from '../../src/providers/local/embeddings/index.js';
import { verifySigV4, type SigV4Credentials, type SigV4Verdict } from './sigv4.js';
import { faultQueue } from './faults.js';

/**
 * SageMaker Runtime InvokeEndpoint over HTTP/1.1 with SigV4 (service `sagemaker`). The endpoint answers in
 * the format its container speaks: TEI, the HF inference toolkit (token-level output) or DJL.
 */
export type SageMakerFaultKind =
  | 'hang'
  | 'malformed-json'
  /** ModelError 424 wrapping a container 500. */
  | 'model-error'
  /** ModelError 424 wrapping a container 429 (TEI "Overloaded"). */
  | 'container-overloaded'
  /** 400 ThrottlingException "Rate exceeded" (retried by the SDK by name). */
  | 'throttle'
  | 'unavailable'
  | 'internal'
  /** 429 ModelNotReadyException (a model or inference component still loading). */
  | 'not-ready'
  /**
   * An endpoint that exists but is not InService (Creating, Updating, Failed): SageMaker answers with the
   * same 400 ValidationError "Endpoint … not found." as for a name that does not exist.
   */
  | 'not-in-service'
  | 'bad-credentials';

export interface SageMakerFault {
  kind: SageMakerFaultKind;
  /** How many requests this fault answers (default: all). */
  times?: number;
  /** `throttle` and `not-ready`: send `retry-after` (seconds). Keep it 0 in tests: the SDK waits at least this long. */
  retryAfterSeconds?: number;
}

export type ContainerFormat = 'tei' | 'hf-pooling' | 'djl';

export interface SageMakerEmulatorOptions extends SigV4Credentials {
  region?: string;
  port?: number;
  faults?: SageMakerFault | SageMakerFault[];
  /** Endpoints that exist and their container format; default `{ 'embed-endpoint': 'tei' }`. */
  endpoints?: Record<string, ContainerFormat>;
}

export interface RecordedSageMakerRequest {
  method: string;
  rawPath: string;
  endpointName: string;
  headers: Record<string, string>;
  body: unknown;
  attempt: number | undefined;
  maxAttempts: number | undefined;
  auth: SigV4Verdict;
}

export interface SageMakerEmulator {
  url: string;
  requests: RecordedSageMakerRequest[];
  setFault(fault: SageMakerFault | SageMakerFault[] | null): void;
  close(): Promise<void>;
}

class SageMakerError extends Error {
  constructor(
    readonly errorType: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The fault's `retry-after` header, when it asks for one. */
function retryAfterHeader(fault: SageMakerFault): Record<string, string> {
  return fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
}

const localEmbedder = new LocalEmbedder();

export async function startSageMakerEmulator(options: SageMakerEmulatorOptions): Promise<SageMakerEmulator> {
  const region = options.region ?? 'us-east-1';
  const endpoints = options.endpoints ?? { 'embed-endpoint': 'tei' };
  const requests: RecordedSageMakerRequest[] = [];
  const faults = faultQueue<SageMakerFault>(options.faults ?? null);
  const setFault = faults.set;
  const nextFault = faults.next;

  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const rawBody = Buffer.concat(chunks);
      const rawPath = req.url ?? '/';
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
      const auth = verifySigV4({ method: req.method ?? 'GET', rawPath, headers, body: rawBody }, { credentials: options, services: ['sagemaker'], region });
      const route = /^\/endpoints\/([^/]+)\/invocations$/.exec(rawPath.split('?')[0] ?? '');
      const endpointName = route ? decodeURIComponent(route[1]!) : '';
      const m = /attempt=(\d+);\s*max=(\d+)/.exec(headers['amz-sdk-request'] ?? '');
      let body: unknown;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        body = rawBody.toString('utf8');
      }
      requests.push({ method: req.method ?? 'GET', rawPath, endpointName, headers, body, attempt: m ? Number(m[1]) : undefined, maxAttempts: m ? Number(m[2]) : undefined, auth });
      try {
        if (!auth.ok) throw new SageMakerError(auth.errorType, 403, auth.message);
        const fault = nextFault();
        if (fault?.kind === 'hang') return;
        const result = await invoke(fault, route !== null, endpointName, body, headers);
        const variant = headers['x-amzn-sagemaker-target-variant'] ?? 'AllTraffic';
        const out: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-invoked-production-variant': variant, 'x-amzn-requestid': randomUUID() };
        const custom = headers['x-amzn-sagemaker-custom-attributes'];
        if (custom !== undefined) out['x-amzn-sagemaker-custom-attributes'] = custom;
        send(res, 200, result, out);
      } catch (e) {
        const err = e instanceof SageMakerError ? e : new SageMakerError('InternalFailure', 500, String(e));
        send(res, err.status, JSON.stringify({ message: err.message, ...err.extra }), {
          'content-type': 'application/json',
          'x-amzn-errortype': `${err.errorType}:http://internal.amazon.com/coral/com.amazon.sagemaker/`,
          'x-amzn-requestid': randomUUID(),
          ...err.headers,
        });
      }
    })();
  });

  async function invoke(fault: SageMakerFault | undefined, routed: boolean, endpointName: string, body: unknown, headers: Record<string, string>): Promise<string> {
    if (fault?.kind === 'bad-credentials') throw new SageMakerError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.');
    if (!routed) throw new SageMakerError('UnknownOperationException', 404, 'Unknown operation.');
    const format = endpoints[endpointName];
    if (format === undefined || fault?.kind === 'not-in-service') {
      throw new SageMakerError('ValidationError', 400, `Endpoint ${endpointName} of account 123456789012 not found.`);
    }
    const variant = headers['x-amzn-sagemaker-target-variant'];
    if (variant !== undefined && variant !== 'AllTraffic' && variant !== 'variant-b') {
      throw new SageMakerError('ValidationError', 400, `The variant ${variant} is not a production variant of endpoint ${endpointName}.`);
    }
    switch (fault?.kind) {
      case 'throttle':
        throw new SageMakerError('ThrottlingException', 400, 'Rate exceeded', {}, retryAfterHeader(fault));
      case 'unavailable':
        throw new SageMakerError('ServiceUnavailable', 503, 'Service is unavailable. Please try again later.');
      case 'internal':
        throw new SageMakerError('InternalFailure', 500, 'An internal failure occurred.');
      case 'not-ready':
        throw new SageMakerError('ModelNotReadyException', 429, 'Model is not ready yet.', {}, retryAfterHeader(fault));
      case 'container-overloaded':
        throw new SageMakerError('ModelError', 424, 'Received client error (429) from primary with message "{\\"error\\":\\"Model is overloaded\\",\\"error_type\\":\\"overloaded\\"}".', {
          OriginalStatusCode: 429,
          OriginalMessage: '{"error":"Model is overloaded","error_type":"overloaded"}',
        });
      case 'model-error':
        throw new SageMakerError('ModelError', 424, `Received server error (500) from primary with message "boom". See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=${region}#logEventViewer:group=/aws/sagemaker/Endpoints/${endpointName} in account 123456789012 for more information.`, {
          OriginalStatusCode: 500,
          OriginalMessage: 'boom',
          LogStreamArn: `arn:aws:logs:${region}:123456789012:log-group:/aws/sagemaker/Endpoints/${endpointName}`,
        });
      case 'malformed-json':
        return '[[0.1, 0.2';
      default:
    }
    const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const inputs = record['inputs'] ?? record['text_inputs'];
    const texts = typeof inputs === 'string' ? [inputs] : inputs;
    if (!Array.isArray(texts) || texts.length === 0 || texts.some((t) => typeof t !== 'string')) {
      throw new SageMakerError('ModelError', 424, 'Received client error (422) from primary with message "inputs must be a string or a list of strings".', { OriginalStatusCode: 422 });
    }
    const { vectors } = await localEmbedder.embed({ texts: texts as string[] });
    const plain = vectors.map((v) => Array.from(v));
    if (format === 'tei') return JSON.stringify(plain);
    if (format === 'djl') return JSON.stringify({ embedding: plain });
    // The inference toolkit returns token-level vectors: emit two "tokens" whose mean is the sentence vector.
    return JSON.stringify(plain.map((v) => [v.map((x) => x * 1.5), v.map((x) => x * 0.5)]));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFault,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}
