import type { ProviderErrorCode } from '../../domain/index.js';

/** Node network failures: the service was not reached, so another try (or provider) may work. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_HTTP2_STREAM_ERROR', 'ERR_HTTP2_SESSION_ERROR']);

/**
 * Our code for an AWS SDK failure that no exception name explained: by network error code, then HTTP status.
 * Without a status the service was not reached (unavailable); a 2xx here is an answer the SDK could not
 * deserialize — the service answered, but not with what the model should produce.
 */
export function isNetworkFailure(code: string | undefined): boolean {
  return code !== undefined && NETWORK_CODES.has(code);
}

export function classifyAwsFailure(status: number | undefined, code: string | undefined): ProviderErrorCode {
  if (isNetworkFailure(code)) return 'unavailable';
  if (status === undefined) return 'unavailable';
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'unavailable';
  if (status >= 400) return 'invalid_request';
  return 'model_error';
}
