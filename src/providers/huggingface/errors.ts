import { InferenceClientProviderApiError, InferenceClientProviderOutputError, InferenceClientHubApiError, InferenceClientInputError } from '@huggingface/inference';
import { ProviderError, type ProviderErrorCode } from '../../domain/index.js';

export const PROVIDER = 'huggingface';

/**
 * An SDK failure as a ProviderError. `retryAfterHeader` is the Retry-After the failed response carried: the SDK
 * keeps the status and body on its error but drops the headers, so the embedder's fetch notes it for us.
 * Caller aborts pass through unchanged (withDeadline tells them from our own deadline).
 */
export function toProviderError(e: unknown, retryAfterHeader?: number): unknown {
  if (e instanceof ProviderError) return e;
  if (e instanceof InferenceClientProviderApiError || e instanceof InferenceClientHubApiError) return fromStatus(e, retryAfterHeader);
  if (e instanceof InferenceClientProviderOutputError) return providerError('output_invalid', `Hugging Face returned an unexpected output: ${e.message}`, e);
  if (e instanceof InferenceClientInputError) return providerError('invalid_request', `Hugging Face client rejected the request: ${e.message}`, e);
  // A 200 whose JSON body does not parse: the service answered, but not usably.
  if (e instanceof SyntaxError) return providerError('unavailable', `Hugging Face returned a malformed response: ${e.message}`, e);
  // fetch's own network failure (connection refused, reset).
  if (e instanceof TypeError && e.message === 'fetch failed') return providerError('unavailable', `Could not reach Hugging Face: ${e.message}`, e);
  return e;
}

function fromStatus(e: InferenceClientProviderApiError | InferenceClientHubApiError, retryAfterHeader: number | undefined): ProviderError {
  const { status, body } = e.httpResponse;
  const estimated = estimatedTime(body);
  const retryAfterSeconds = retryAfterHeader ?? estimated;
  if (status === 429) return providerError('throttled', `Hugging Face rate limit: ${e.message}`, e, retryAfterSeconds);
  if (status === 401 || status === 403) return providerError('auth', `Hugging Face rejected the token (${status}); check HF_TOKEN and its inference permission.`, e);
  if (status === 408 || status === 504) return providerError('timeout', `Hugging Face timed out the request (${status}): ${e.message}`, e, retryAfterSeconds);
  // 503 is both "overloaded" and "model loading" (with estimated_time): either way, worth waiting for.
  if (status >= 500) return providerError('unavailable', `Hugging Face is unavailable (${status}): ${e.message}`, e, retryAfterSeconds);
  return providerError('invalid_request', `Hugging Face rejected the request (${status}): ${e.message}`, e);
}

/** HF's model-loading 503 says how long the load should take: `{"error":"...","estimated_time":20.0}`. */
function estimatedTime(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || !('estimated_time' in body)) return undefined;
  const seconds = body.estimated_time;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function providerError(code: ProviderErrorCode, message: string, cause: Error, retryAfterSeconds?: number): ProviderError {
  const details: Record<string, unknown> = {};
  if (cause instanceof InferenceClientProviderApiError || cause instanceof InferenceClientHubApiError) {
    details.status = cause.httpResponse.status;
    if (cause.httpResponse.requestId) details.requestId = cause.httpResponse.requestId;
  }
  const error = new ProviderError(code, message, { provider: PROVIDER, details, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
  error.cause = cause;
  return error;
}

/** Seconds from a `retry-after` header (seconds or an HTTP date). */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(seconds, 0);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max((date - Date.now()) / 1000, 0);
}
