import type { Capability } from './config.js';
import type { CallRole } from './observations.js';

/**
 * Extension points on the provider call path, in the order a call meets them: the exact-match cache, then the
 * budget, then the provider under its resilience policies. Implementations live in cache/ and telemetry/;
 * routing depends only on these shapes.
 */
export interface CallIdentity {
  capability: Capability;
  provider: string;
  model: string;
  role: CallRole;
  requestId: string | null;
  /** Hashed user id (never the id). */
  userKey: string | null;
}

/** Exact-match result cache. Keys are built by the router from the normalised input, provider, model, version and parameters. */
export interface ResultCache {
  /**
   * The cached value for `key`, or the result of `compute` (stored when it succeeds). Concurrent calls with one
   * key share one `compute`. `bypass` skips the lookup but still stores the fresh result.
   */
  getOrCompute<T>(key: string, compute: () => Promise<T>, options: { bypass: boolean; call: CallIdentity }): Promise<{ value: T; cached: boolean }>;
}

/** A reserved slice of a budget: settled with the real cost after the call, or released when it failed. */
export interface BudgetReservation {
  settle(actualCostUsd: number): Promise<void>;
  release(): Promise<void>;
}

/**
 * Daily and monthly spending caps. `reserve` holds the estimate atomically before the call, so concurrent
 * calls can't all pass a nearly-spent budget; it throws a ProviderError (code `budget_exceeded`,
 * details.policy = 'budget') when the cap would be crossed and the configured action is to reject or reroute.
 */
export interface BudgetGate {
  /** `inputChars`: the size of what will be sent, from which the gate estimates the call's cost (input + max output). */
  reserve(call: CallIdentity, inputChars: number): Promise<BudgetReservation>;
}
