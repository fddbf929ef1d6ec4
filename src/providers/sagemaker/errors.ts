import { ProviderError, type ProviderErrorCode } from '../../domain/index.js';
import { classifyAwsFailure } from '../common/aws-errors.js';

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  /** The raw HTTP response; the SDK keeps it on every service error (non-enumerable). */
  $response?: { headers?: Record<string, string | undefined> };
  /** ModelError only: the status the container itself answered with. */
  OriginalStatusCode?: number;
}

/**
 * Error names as SageMaker Runtime sends them (wire-protocols.md §2) plus the signing and credential
 * failures every AWS endpoint can answer with (both spellings: the SDK keeps whichever the wire carried).
 */
const CODE_BY_NAME: Readonly<Record<string, ProviderErrorCode>> = {
  ModelError: 'model_error',
  ValidationError: 'invalid_request',
  ThrottlingException: 'throttled',
  // 429: a model in a multi-model endpoint or an inference component still loading; waiting fixes it.
  ModelNotReadyException: 'throttled',
  ServiceUnavailable: 'unavailable',
  InternalFailure: 'unavailable',
  // 530, which the SDK does not retry; a dependency of the endpoint failed, so a later try may work.
  InternalDependencyException: 'unavailable',
  TimeoutError: 'timeout',
  RequestTimeout: 'timeout',
  AccessDeniedException: 'auth',
  UnrecognizedClientException: 'auth',
  InvalidSignatureException: 'auth',
  IncompleteSignature: 'auth',
  IncompleteSignatureException: 'auth',
  MissingAuthenticationToken: 'auth',
  MissingAuthenticationTokenException: 'auth',
  ExpiredTokenException: 'auth',
  CredentialsProviderError: 'auth',
};

/**
 * SageMaker answers "Endpoint <name> of account <id> not found." both for a name that does not exist in the
 * region and for an endpoint that is not (yet, or any longer) InService.
 */
const ENDPOINT_NOT_FOUND_RE = /endpoint .* not found/i;

/** Classifies a SageMaker Runtime failure (after the SDK's own retries) into our stable codes. */
export function toProviderError(error: unknown, provider = 'sagemaker'): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorShape;
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const code = name === 'ModelError' ? fromContainerStatus(e.OriginalStatusCode) : (CODE_BY_NAME[name] ?? classifyAwsFailure(status, e.code));
  const endpointNotFound = name === 'ValidationError' && ENDPOINT_NOT_FOUND_RE.test(e.message ?? '');
  let message = `SageMaker ${name}${status === undefined ? '' : ` (HTTP ${status})`}: ${e.message ?? 'no message'}`;
  if (endpointNotFound) message += ' — check the endpoint name, the region, and that the endpoint is InService.';
  const retryAfterSeconds = retryAfter(e.$response?.headers);
  return new ProviderError(code, message, {
    provider,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    details: {
      name,
      status,
      requestId: e.$metadata?.requestId,
      ...(e.code === undefined ? {} : { code: e.code }),
      ...(e.OriginalStatusCode === undefined ? {} : { originalStatus: e.OriginalStatusCode }),
      ...(endpointNotFound ? { reason: 'endpoint_not_found' } : {}),
    },
  });
}

/**
 * A ModelError wraps the container's own answer. An overloaded container (TEI answers 429 "Overloaded") or an
 * unhealthy one (503) is load or availability, worth another try; a 4xx is our input, rejected; the rest is
 * the model failing.
 */
function fromContainerStatus(original: number | undefined): ProviderErrorCode {
  if (original === 429) return 'throttled';
  if (original === 503) return 'unavailable';
  if (original !== undefined && original >= 400 && original < 500) return 'invalid_request';
  return 'model_error';
}


/**
 * Seconds to wait, if the response said. SageMaker documents no Retry-After, but the SDK's retry strategy
 * honours `retry-after` (seconds or an HTTP date) and `x-amz-retry-after` (milliseconds) from any AWS
 * service, so we pass on whichever arrived.
 */
function retryAfter(headers: Record<string, string | undefined> | undefined): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = Number.parseFloat(lower['x-amz-retry-after'] ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms / 1000;
  const value = lower['retry-after'];
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(seconds, 0);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max((date - Date.now()) / 1000, 0);
}
