import { z } from 'zod';
import { CAPABILITIES, type Capability, type RoutingConfig } from '../routing/config.js';
import type { CallStats, WindowSummary } from '../routing/stats.js';

/**
 * Service level status per capability and provider over recent windows, against the migration guide's
 * targets: p95 latency, provider error rate, cost per request and availability. Only calls that served a
 * user count (primary and fallback): shadow calls are experiments, not service.
 */

/** Targets from the environment; every one has the guide's value as its default. */
export const SloEnvSchema = z.object({
  JOBMATCH_SLO_P95_MS: z.coerce.number().positive().default(3000),
  JOBMATCH_SLO_MAX_ERROR_RATE: z.coerce.number().min(0).max(1).default(0.01),
  JOBMATCH_SLO_MAX_COST_USD: z.coerce.number().min(0).default(0.01),
  JOBMATCH_SLO_MIN_AVAILABILITY: z.coerce.number().min(0).max(1).default(0.999),
});

export interface SloTargets {
  /** p95 latency must stay below this. */
  p95Ms: number;
  /** Provider error rate must stay below this (0..1). */
  maxErrorRate: number;
  /** Mean cost per request must stay below this. */
  maxCostPerRequestUsd: number;
  /** Availability must stay above this (0..1). */
  minAvailability: number;
}

export function sloTargetsFromEnv(env: Record<string, string | undefined> = process.env): SloTargets {
  const e = SloEnvSchema.parse(env);
  return {
    p95Ms: e.JOBMATCH_SLO_P95_MS,
    maxErrorRate: e.JOBMATCH_SLO_MAX_ERROR_RATE,
    maxCostPerRequestUsd: e.JOBMATCH_SLO_MAX_COST_USD,
    minAvailability: e.JOBMATCH_SLO_MIN_AVAILABILITY,
  };
}

export const DEFAULT_SLO_WINDOWS: readonly number[] = [300, 3600];

export interface SloWindow {
  seconds: number;
  requests: number;
  /** Null without requests. */
  p95Ms: number | null;
  errorRate: number;
  costPerRequestUsd: number;
  /** 1 − share of calls that failed for any reason but the caller's; 1 without requests. */
  availability: number;
  /** A window without requests breaks nothing: every check is true. */
  ok: { latency: boolean; errors: boolean; cost: boolean; availability: boolean };
}

export interface SloCapabilityStatus {
  capability: Capability;
  provider: string;
  windows: SloWindow[];
}

export interface SloStatus {
  targets: SloTargets;
  capabilities: SloCapabilityStatus[];
}

export interface SloOptions {
  /** Window lengths in seconds, each ending now. */
  windows?: readonly number[];
  /** Epoch ms; Date.now() by default. */
  now?: number;
  targets?: SloTargets;
  /** Which providers to report; each is listed even without traffic, so a silent candidate is visible. */
  providers: readonly { capability: Capability; provider: string }[];
}

/** The summary fields the SLO reads; availability leaves out failures that were the caller's fault. */
type Summary = Pick<WindowSummary, 'requests' | 'errors' | 'callerErrors' | 'errorRate' | 'p95Ms' | 'costPerRequestUsd'>;
type StatsSource = { summarise(filter: Parameters<CallStats['summarise']>[0]): Summary };

export function sloStatus(stats: StatsSource, options: SloOptions): SloStatus {
  const now = options.now ?? Date.now();
  const targets = options.targets ?? sloTargetsFromEnv();
  const windows = options.windows ?? DEFAULT_SLO_WINDOWS;
  const capabilities = options.providers.map(({ capability, provider }) => ({
    capability,
    provider,
    windows: windows.map((seconds) => {
      // (now − seconds, now]: `until` is exclusive, so a call that ended this millisecond still counts.
      const s = stats.summarise({ capability, provider, roles: ['primary', 'fallback'], since: now - seconds * 1000 + 1, until: now + 1 });
      return judge(seconds, s, targets);
    }),
  }));
  return { targets, capabilities };
}

function judge(seconds: number, s: Summary, targets: SloTargets): SloWindow {
  const unavailable = s.errors - s.callerErrors;
  const availability = s.requests === 0 ? 1 : 1 - unavailable / s.requests;
  return {
    seconds,
    requests: s.requests,
    p95Ms: s.p95Ms,
    errorRate: s.errorRate,
    costPerRequestUsd: s.costPerRequestUsd,
    availability,
    ok: {
      latency: s.p95Ms === null || s.p95Ms < targets.p95Ms,
      errors: s.errorRate < targets.maxErrorRate || s.requests === 0,
      cost: s.costPerRequestUsd < targets.maxCostPerRequestUsd || s.requests === 0,
      availability: availability > targets.minAvailability || s.requests === 0,
    },
  };
}

/** Every provider the routing config names per capability (control, candidate, fallbacks), in that order. */
export function routedProviders(config: RoutingConfig): { capability: Capability; provider: string }[] {
  return CAPABILITIES.flatMap((capability) => {
    const c = config[capability];
    const names = new Set([c.control, c.candidate, ...c.fallbacks].filter((p): p is string => p !== null));
    return [...names].map((provider) => ({ capability, provider }));
  });
}
