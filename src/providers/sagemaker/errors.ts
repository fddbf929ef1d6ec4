import { ProviderError, type ProviderErrorCode } from '../../domain/index.js';

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

const CODE_BY_NAME: Readonly<Record<string, ProviderErrorCode>> = {
  ModelError: 'model_error',
  ValidationError: 'invalid_request',
  ThrottlingException: 'throttled',
  ModelNotReadyException: 'throttled',
  ServiceUnavailable: 'unavailable',
  InternalFailure: 'unavailable',
  InternalDependencyException: 'unavailable',
  TimeoutError: 'timeout',
  RequestTimeout: 'timeout',
  AccessDeniedException: 'auth',
  UnrecognizedClientException: 'auth',
  InvalidSignatureException: 'auth',
  IncompleteSignature: 'auth',
  MissingAuthenticationToken: 'auth',
  ExpiredTokenException: 'auth',
  CredentialsProviderError: 'auth',
};

/** Classifies a SageMaker Runtime failure (after the SDK's own retries) into our stable codes. */
export function toProviderError(error: unknown, provider = 'sagemaker'): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorShape;
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const code = CODE_BY_NAME[name] ?? byStatus(status);
  let message = `SageMaker ${name}${status === undefined ? '' : ` (HTTP ${status})`}: ${e.message ?? 'no message'}`;
  if (name === 'ValidationError' && /endpoint .* not found/i.test(e.message ?? '')) {
    message += ' — check the endpoint name, the region, and that the endpoint is InService.';
  }
  return new ProviderError(code, message, { provider, details: { name, status, requestId: e.$metadata?.requestId } });
}

function byStatus(status: number | undefined): ProviderErrorCode {
  if (status === undefined) return 'unavailable';
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'unavailable';
  if (status >= 400) return 'invalid_request';
  return 'model_error';
}
