import { ProviderError } from '../../domain/index.js';

/** Our retry policy; the SDK's own (re-send every 503 at once, forever) is switched off. */
export interface RetryPolicy {
  /** Attempts after the first. Default 2. */
  maxRetries?: number;
  /** First back-off; doubled each retry. Default 500 ms. */
  baseDelayMs?: number;
  /** No single wait is longer, whatever estimated_time or Retry-After asks for. Default 10 s. */
  maxDelayMs?: number;
}

const DEFAULTS = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 10_000 } as const;

/** Only waiting can fix these: throttling and unavailability (model loading is a 503). */
function isRetryable(e: unknown): e is ProviderError {
  return e instanceof ProviderError && e.retryable && (e.code === 'throttled' || e.code === 'unavailable');
}

/** The wait before retry `attempt` (0-based): the provider's hint when it gave one, else exponential back-off; capped. */
export function retryDelayMs(attempt: number, error: ProviderError, policy: RetryPolicy = {}): number {
  const base = policy.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const cap = policy.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const hinted = error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000;
  return Math.min(hinted ?? base * 2 ** attempt, cap);
}

/** Runs `call` until it succeeds, fails for good, or the retries run out. Waits end early when `signal` aborts. */
export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy, signal: AbortSignal): Promise<T> {
  const maxRetries = policy.maxRetries ?? DEFAULTS.maxRetries;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (attempt >= maxRetries || !isRetryable(e)) throw e;
      await sleep(retryDelayMs(attempt, e, policy), signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
