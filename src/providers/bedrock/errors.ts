import { ProviderError, type ProviderErrorCode } from '../../domain/index.js';
import { asAwsSdkError, classifyAwsFailure, isNetworkFailure, retryAfterSeconds } from '../common/aws-errors.js';

const CODE_BY_NAME: Readonly<Record<string, ProviderErrorCode>> = {
  ThrottlingException: 'throttled',
  ModelNotReadyException: 'throttled',
  TooManyRequestsException: 'throttled',
  ServiceQuotaExceededException: 'throttled',
  ModelTimeoutException: 'timeout',
  TimeoutError: 'timeout',
  RequestTimeout: 'timeout',
  RequestTimeoutException: 'timeout',
  AccessDeniedException: 'auth',
  UnrecognizedClientException: 'auth',
  InvalidSignatureException: 'auth',
  IncompleteSignatureException: 'auth',
  MissingAuthenticationTokenException: 'auth',
  ExpiredTokenException: 'auth',
  CredentialsProviderError: 'auth',
  ValidationException: 'invalid_request',
  ResourceNotFoundException: 'invalid_request',
  ConflictException: 'invalid_request',
  ServiceUnavailableException: 'unavailable',
  InternalServerException: 'unavailable',
  ModelErrorException: 'model_error',
  ModelStreamErrorException: 'model_error',
};

/**
 * Classifies a Bedrock Runtime failure into our stable codes. The SDK has already spent its own retries by
 * the time this runs, so `retryable` speaks to callers with a wider view (fallback to another provider,
 * a later job run): a quota error is throttling that waiting will not fix soon, hence not retryable.
 */
export function toProviderError(error: unknown, provider = 'bedrock'): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = asAwsSdkError(error);
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const code = classify(name, status, e.code);
  const retryAfter = retryAfterSeconds(e.$response?.headers);
  return new ProviderError(code, `Bedrock ${name}${status === undefined ? '' : ` (HTTP ${status})`}: ${e.message ?? 'no message'}`, {
    provider,
    ...(name === 'ServiceQuotaExceededException' ? { retryable: false } : {}),
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    details: { name, status, requestId: e.$metadata?.requestId, ...(e.code === undefined ? {} : { code: e.code }) },
  });
}

function classify(name: string, status: number | undefined, code: string | undefined): ProviderErrorCode {
  if (CODE_BY_NAME[name]) return CODE_BY_NAME[name];
  // A body the SDK could not parse, with no network failure behind it: the model's answer, not the service.
  if (status === undefined && name === 'SyntaxError' && !isNetworkFailure(code)) return 'model_error';
  return classifyAwsFailure(status, code);
}
