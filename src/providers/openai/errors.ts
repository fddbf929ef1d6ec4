import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import { ProviderError, type ProviderErrorCode } from '../../domain/index.js';

export const PROVIDER = 'openai';

/**
 * An SDK failure as a ProviderError. Called after the SDK has spent its own retries, so `retryable` speaks to
 * the caller's policy (another provider, a later try), not to another immediate attempt. User aborts pass
 * through unchanged: withDeadline tells a deadline from the caller's own cancel.
 */
export function toProviderError(e: unknown): unknown {
  if (e instanceof ProviderError || e instanceof APIUserAbortError) return e;
  // Timeout first: it is a subclass of the connection error.
  if (e instanceof APIConnectionTimeoutError) return providerError('timeout', 'OpenAI did not answer before the request timeout.', e);
  if (e instanceof APIConnectionError) return providerError('unavailable', `Could not reach OpenAI: ${e.message}`, e);
  if (e instanceof APIError) return fromStatus(e);
  // A body that is not the JSON the SDK expects: the service answered, but not usably.
  if (e instanceof SyntaxError) return providerError('unavailable', `OpenAI returned a malformed response: ${e.message}`, e);
  return e;
}

function fromStatus(e: APIError): ProviderError {
  const status = e.status ?? 0;
  const retryAfterSeconds = retryAfter(e.headers);
  if (status === 429) {
    // Out of quota is billing, not load: waiting will not help.
    const quota = e.code === 'insufficient_quota';
    return providerError('throttled', `OpenAI rate limit: ${e.message}`, e, { retryAfterSeconds, retryable: !quota });
  }
  if (status === 401 || status === 403) return providerError('auth', `OpenAI rejected the credentials (${status}); check OPENAI_API_KEY and the project's model access.`, e);
  if (status === 408) return providerError('timeout', `OpenAI timed out the request: ${e.message}`, e, { retryAfterSeconds });
  if (status >= 500 || status === 409) return providerError('unavailable', `OpenAI is unavailable (${status}): ${e.message}`, e, { retryAfterSeconds });
  return providerError('invalid_request', `OpenAI rejected the request (${status}): ${e.message}`, e);
}

function providerError(
  code: ProviderErrorCode,
  message: string,
  cause: Error,
  extra: { retryAfterSeconds?: number | undefined; retryable?: boolean } = {},
): ProviderError {
  const details: Record<string, unknown> = {};
  if (cause instanceof APIError) {
    if (cause.status !== undefined) details.status = cause.status;
    if (cause.code) details.code = cause.code;
    if (cause.param) details.param = cause.param;
    if (cause.requestID) details.requestId = cause.requestID;
  }
  const error = new ProviderError(code, message, { provider: PROVIDER, details, ...extra });
  error.cause = cause;
  return error;
}

/** Seconds from `retry-after-ms` (OpenAI's own) or `retry-after` (seconds or an HTTP date). */
export function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return Math.max(ms / 1000, 0);
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(seconds, 0);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max((date - Date.now()) / 1000, 0);
}
