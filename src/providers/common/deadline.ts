import { ProviderError } from '../../domain/index.js';

/**
 * Runs `call` under one deadline covering all its attempts (SDK retries, a repair round trip), combined with
 * the caller's signal. The SDK reports both as a generic abort; here they part ways: our deadline becomes a
 * retryable `timeout`, the caller's own abort is rethrown with the caller's reason, untouched.
 */
export async function withDeadline<T>(
  options: { provider: string; timeoutMs: number; signal?: AbortSignal | undefined },
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const caller = options.signal;
  caller?.throwIfAborted();
  // Not AbortSignal.timeout(): its timer is unref'd, so a call waiting on nothing else (a stalled socket is
  // enough to keep the process alive, a stalled promise is not) could see the process exit before the deadline.
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(new DOMException('deadline exceeded', 'TimeoutError')), options.timeoutMs);
  const deadline = timer.signal;
  const signal = caller ? AbortSignal.any([caller, deadline]) : deadline;
  try {
    return await call(signal);
  } catch (e) {
    if (caller?.aborted) throw caller.reason;
    if (deadline.aborted) {
      throw new ProviderError('timeout', `${options.provider} did not answer within ${options.timeoutMs} ms.`, {
        provider: options.provider,
        details: { timeoutMs: options.timeoutMs },
      });
    }
    throw e;
  } finally {
    clearTimeout(handle);
  }
}
