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

/** What an AWS SDK error carries, whichever class the SDK gave it (Bedrock and SageMaker Runtime alike). */
export interface AwsSdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  /** The raw HTTP response; the SDK keeps it on every service error (non-enumerable). */
  $response?: { headers?: Record<string, string | undefined> };
}

/** Anything thrown, read as an SDK error: a thrown string becomes its message. */
export function asAwsSdkError(error: unknown): AwsSdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as AwsSdkErrorShape) : { message: String(error) };
}

/**
 * Seconds to wait, if the response said. Neither runtime documents one, but the SDK's retry strategy
 * honours `retry-after` (seconds or an HTTP date) and `x-amz-retry-after` (milliseconds) from any AWS
 * service, so we pass on whichever arrived.
 */
export function retryAfterSeconds(headers: Record<string, string | undefined> | undefined): number | undefined {
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
