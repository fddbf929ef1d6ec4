import { ProviderError, type ProviderErrorCode } from '../../domain/index.js';
import { asAwsSdkError, classifyAwsFailure, retryAfterSeconds, type AwsSdkErrorShape } from '../common/aws-errors.js';

interface SageMakerErrorShape extends AwsSdkErrorShape {
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
  const e: SageMakerErrorShape = asAwsSdkError(error);
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const code = name === 'ModelError' ? fromContainerStatus(e.OriginalStatusCode) : (CODE_BY_NAME[name] ?? classifyAwsFailure(status, e.code));
  const endpointNotFound = name === 'ValidationError' && ENDPOINT_NOT_FOUND_RE.test(e.message ?? '');
  let message = `SageMaker ${name}${status === undefined ? '' : ` (HTTP ${status})`}: ${e.message ?? 'no message'}`;
  if (endpointNotFound) message += ' — check the endpoint name, the region, and that the endpoint is InService.';
  const retryAfter = retryAfterSeconds(e.$response?.headers);
  return new ProviderError(code, message, {
    provider,
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
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
