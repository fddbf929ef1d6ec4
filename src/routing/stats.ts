import { addUsage, ZERO_USAGE } from '../domain/index.js';
import type { Capability } from './config.js';
import type { CallRole, Cohort, ProviderCall, RoutingObserver, ShadowResult } from './observations.js';

/**
 * Recent provider calls and shadow results, in memory, for on-demand windows: what the rollout guard
 * analyses (error rate, latency percentiles, cost per request, shadow agreement). Bounded per
 * capability+provider, so a busy control provider cannot push a quiet candidate's calls out.
 */

export interface WindowFilter {
  capability: Capability;
  /** For calls, the provider called; for shadow results, the candidate. All providers when absent. */
  provider?: string;
  cohort?: Cohort;
  /** All roles when absent. */
  roles?: readonly CallRole[];
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
  /** Only calls whose `cached` flag equals this (false = real provider calls); all when absent. */
  cached?: boolean;
}

export interface ShadowSummary {
  /** Shadow runs that happened (outcome other than `skipped`). */
  runs: number;
  matched: number;
  /** Mean of the runs' agreement scores (runs that errored or timed out have none); null when none. */
  agreement: number | null;
}

export interface WindowSummary {
  requests: number;
  /** All failed calls, whoever's fault. */
  errors: number;
  /** Failed calls whose error belongs to the provider: the rollback signal. */
  providerErrors: number;
  /** Failed calls that were the caller's fault (bad input): not held against availability. */
  callerErrors: number;
  /** providerErrors / requests; 0 without requests. */
  errorRate: number;
  /** Nearest-rank percentiles over every call's latency (failed calls included: users waited for them); null without requests. */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  costUsd: number;
  /** costUsd / requests; 0 without requests. */
  costPerRequestUsd: number;
  inputTokens: number;
  outputTokens: number;
  shadow: ShadowSummary;
}

export const DEFAULT_STATS_CAPACITY = 20_000;

/** Fixed-size ring: push is O(1), the oldest item is overwritten when full. */
class Ring<T> {
  private readonly items: T[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Order does not matter to any summary, so no unrolling. */
  values(): readonly T[] {
    return this.items;
  }
}

/** Nearest-rank percentile of ascending values: the smallest value with at least p % of values at or below it. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export class CallStats implements RoutingObserver {
  private readonly calls = new Map<string, Ring<ProviderCall>>();
  private readonly shadows = new Map<string, Ring<ShadowResult>>();
  private readonly capacity: number;

  constructor(options: { capacity?: number } = {}) {
    this.capacity = options.capacity ?? DEFAULT_STATS_CAPACITY;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  onCall(call: ProviderCall): void {
    ringFor(this.calls, `${call.capability}\0${call.provider}`, this.capacity).push(call);
  }

  onShadow(result: ShadowResult): void {
    ringFor(this.shadows, `${result.capability}\0${result.candidate}`, this.capacity).push(result);
  }

  summarise(filter: WindowFilter): WindowSummary {
    const since = filter.since ?? -Infinity;
    const until = filter.until ?? Infinity;
    const inWindow = (at: number) => at >= since && at < until;

    const latencies: number[] = [];
    let errors = 0;
    let providerErrors = 0;
    let callerErrors = 0;
    let usage = ZERO_USAGE;
    for (const ring of this.rings(this.calls, filter)) {
      for (const call of ring.values()) {
        if (!inWindow(call.at)) continue;
        if (filter.cohort !== undefined && call.cohort !== filter.cohort) continue;
        if (filter.roles !== undefined && !filter.roles.includes(call.role)) continue;
        if (filter.cached !== undefined && (call.cached === true) !== filter.cached) continue;
        latencies.push(call.latencyMs);
        if (call.outcome === 'error') {
          errors++;
          if (call.errorType === 'provider') providerErrors++;
          else if (call.errorType === 'caller') callerErrors++;
        }
        usage = addUsage(usage, call.usage);
      }
    }

    let runs = 0;
    let matched = 0;
    let agreementSum = 0;
    let scored = 0;
    for (const ring of this.rings(this.shadows, filter)) {
      for (const result of ring.values()) {
        if (!inWindow(result.at) || result.outcome === 'skipped') continue;
        runs++;
        if (result.outcome === 'matched') matched++;
        if (result.agreement !== null) {
          agreementSum += result.agreement;
          scored++;
        }
      }
    }

    const requests = latencies.length;
    latencies.sort((a, b) => a - b);
    return {
      requests,
      errors,
      providerErrors,
      callerErrors,
      errorRate: requests === 0 ? 0 : providerErrors / requests,
      p50Ms: nearestRank(latencies, 50),
      p95Ms: nearestRank(latencies, 95),
      p99Ms: nearestRank(latencies, 99),
      costUsd: usage.costUsd,
      costPerRequestUsd: requests === 0 ? 0 : usage.costUsd / requests,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      shadow: { runs, matched, agreement: scored === 0 ? null : agreementSum / scored },
    };
  }

  /** The rings of one capability, narrowed to one provider when the filter names it. */
  private *rings<T>(map: Map<string, Ring<T>>, filter: WindowFilter): Iterable<Ring<T>> {
    if (filter.provider !== undefined) {
      const ring = map.get(`${filter.capability}\0${filter.provider}`);
      if (ring) yield ring;
      return;
    }
    const prefix = `${filter.capability}\0`;
    for (const [key, ring] of map) if (key.startsWith(prefix)) yield ring;
  }
}

function ringFor<T>(map: Map<string, Ring<T>>, key: string, capacity: number): Ring<T> {
  let ring = map.get(key);
  if (!ring) {
    ring = new Ring<T>(capacity);
    map.set(key, ring);
  }
  return ring;
}
