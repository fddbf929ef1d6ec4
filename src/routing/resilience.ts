import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IDefaultPolicyContext,
  type IPolicy,
} from 'cockatiel';
import { z } from 'zod';
import { AppError, ProviderError, isAppError } from '../domain/index.js';
import type { Capability } from './config.js';
import type { ErrorType } from './observations.js';

/** Process-wide resilience settings; per-capability timeouts and retries live in the routing config. */
export const ResilienceSettingsSchema = z.object({
  JOBMATCH_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  JOBMATCH_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  JOBMATCH_BULKHEAD_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  JOBMATCH_BULKHEAD_QUEUE: z.coerce.number().int().min(0).max(10_000).default(64),
});
export type ResilienceSettings = z.infer<typeof ResilienceSettingsSchema>;

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/** Errors that say something about the provider's health, as opposed to the caller's input. */
export function isProviderFault(e: unknown): boolean {
  if (e instanceof ProviderError) return e.code !== 'invalid_request';
  if (e instanceof TaskCancelledError) return true;
  return !isAppError(e);
}

export function errorTypeOf(e: unknown): ErrorType {
  if (e instanceof ProviderError) return e.details?.['policy'] ? 'policy' : e.code === 'invalid_request' ? 'caller' : 'provider';
  if (isAppError(e)) return 'caller';
  return 'provider';
}

/** Worth another attempt: the provider said so, and it wasn't one of our own policies refusing. */
const isRetryable = (e: unknown): boolean => e instanceof ProviderError && e.retryable && e.details?.['policy'] === undefined;

interface Guarded {
  breaker: CircuitBreakerPolicy;
  bulkhead: BulkheadPolicy;
}

export interface AttemptOptions {
  timeoutMs: number;
  retries: number;
  signal?: AbortSignal;
}

/**
 * One circuit breaker and one bulkhead per (capability, provider), shared by every request, composed with a
 * per-request timeout and classified retry (cockatiel). Order, outermost first: bulkhead (caps concurrent
 * work including retries), retry (only retryable provider errors, exponential backoff with jitter), breaker
 * (each attempt counts; an open circuit fails fast and is not retried), timeout (per attempt, aborting the
 * provider call's signal).
 */
export class Resilience {
  private readonly guarded = new Map<string, Guarded>();
  private readonly listeners: ((capability: Capability, provider: string, state: BreakerState) => void)[] = [];

  constructor(private readonly settings: ResilienceSettings = ResilienceSettingsSchema.parse({})) {}

  onBreakerChange(listener: (capability: Capability, provider: string, state: BreakerState) => void): void {
    this.listeners.push(listener);
  }

  private guard(capability: Capability, provider: string): Guarded {
    const key = `${capability}:${provider}`;
    let g = this.guarded.get(key);
    if (!g) {
      const breaker = circuitBreaker(handleWhen(isProviderFault), {
        halfOpenAfter: this.settings.JOBMATCH_BREAKER_HALF_OPEN_MS,
        breaker: new ConsecutiveBreaker(this.settings.JOBMATCH_BREAKER_FAILURES),
      });
      breaker.onStateChange((state) => {
        for (const l of this.listeners) l(capability, provider, STATE_NAMES[state]);
      });
      g = { breaker, bulkhead: bulkhead(this.settings.JOBMATCH_BULKHEAD_CONCURRENCY, this.settings.JOBMATCH_BULKHEAD_QUEUE) };
      this.guarded.set(key, g);
    }
    return g;
  }

  breakerState(capability: Capability, provider: string): BreakerState {
    return STATE_NAMES[this.guard(capability, provider).breaker.state];
  }

  breakerStates(): { capability: Capability; provider: string; state: BreakerState }[] {
    return [...this.guarded.entries()].map(([key, g]) => {
      const [capability, provider] = key.split(':') as [Capability, string];
      return { capability, provider, state: STATE_NAMES[g.breaker.state] };
    });
  }

  /** `attempt` is set by the retry policy, which calls without retries leave out. */
  private readonly composed = new Map<string, IPolicy<IDefaultPolicyContext & { attempt?: number }>>();

  /** The composed policy for a call shape; cached, since building one per request costs more than using it. */
  private policy(capability: Capability, provider: string, timeoutMs: number, retries: number) {
    const key = `${capability}:${provider}:${timeoutMs}:${retries}`;
    let p = this.composed.get(key);
    if (!p) {
      const g = this.guard(capability, provider);
      // abortOnReturn off: once the call has settled there is nothing left to cancel, and aborting builds a
      // DOMException (with its stack) on every successful call.
      const perAttempt = timeout(timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
      p =
        retries > 0
          ? wrap(g.bulkhead, retry(handleWhen(isRetryable), { maxAttempts: retries, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2_000 }) }), g.breaker, perAttempt)
          : wrap(g.bulkhead, g.breaker, perAttempt);
      this.composed.set(key, p);
    }
    return p;
  }

  /** Runs `fn` under the policies; errors come out as our AppErrors. `retries` counts our extra attempts. */
  async execute<T>(capability: Capability, provider: string, options: AttemptOptions, fn: (signal: AbortSignal) => Promise<T>): Promise<{ value: T; retries: number }> {
    let retries = 0;
    try {
      const value = await this.policy(capability, provider, options.timeoutMs, options.retries).execute(({ signal, attempt }) => {
        retries = attempt ?? 0;
        return fn(signal).catch((e: unknown) => Promise.reject(asError(e, provider)));
      }, options.signal);
      return { value, retries };
    } catch (e) {
      throw Object.assign(classify(e, provider, options.timeoutMs), { retries });
    }
  }
}

function asError(e: unknown, provider: string): Error {
  return e instanceof Error ? e : new ProviderError('model_error', `${provider} failed: ${String(e)}`, { provider });
}

function classify(e: unknown, provider: string, timeoutMs: number): Error {
  if (e instanceof BrokenCircuitError) {
    return new ProviderError('unavailable', `${provider} is failing repeatedly; its circuit breaker is open and calls are paused for a few seconds.`, {
      provider,
      retryable: true,
      details: { policy: 'circuit_open' },
    });
  }
  if (e instanceof BulkheadRejectedError) {
    return new ProviderError('throttled', `Too many requests to ${provider} at once; retry shortly.`, { provider, retryable: true, details: { policy: 'bulkhead' } });
  }
  if (e instanceof TaskCancelledError) {
    return new ProviderError('timeout', `${provider} did not answer within ${timeoutMs} ms.`, { provider, retryable: true });
  }
  if (e instanceof AppError) return e;
  return asError(e, provider);
}
