import type { ErrorCode, Usage } from '../domain/index.js';
import type { Capability, RoutingMode } from './config.js';

/** Which side of an experiment a request is on: the control provider's users or the candidate's. */
export type Cohort = 'control' | 'candidate';

/** Why a provider was called: to serve the user, to serve them after another failed, or to compare. */
export type CallRole = 'primary' | 'fallback' | 'shadow';

/**
 * Who an error belongs to (Bifrost's split): the caller's bad input, our own policy (open breaker, full
 * bulkhead, budget), or the provider. Provider error rate — the rollback signal — counts only the last.
 */
export type ErrorType = 'caller' | 'policy' | 'provider';

/** One provider call as routing saw it: the unit of every metric, guard check and ledger row. */
export interface ProviderCall {
  /** Epoch milliseconds when the call ended. */
  at: number;
  requestId: string | null;
  /** A hash of the user id, never the id itself. */
  userKey: string | null;
  capability: Capability;
  provider: string;
  model: string;
  cohort: Cohort;
  role: CallRole;
  outcome: 'ok' | 'error';
  errorCode: ErrorCode | null;
  errorType: ErrorType | null;
  latencyMs: number;
  usage: Usage;
  /** Attempts beyond the first made by our retry policy. */
  retries: number;
  cached?: boolean;
}

export type ShadowOutcome = 'matched' | 'mismatched' | 'error' | 'timeout' | 'skipped';

/** One shadow run: the candidate's answer compared with what the user was actually given. */
export interface ShadowResult {
  at: number;
  requestId: string | null;
  capability: Capability;
  control: string;
  candidate: string;
  outcome: ShadowOutcome;
  /** 0..1, capability-specific (field agreement for parse, top-k overlap for embed and match). */
  agreement: number | null;
  /** Redacted: field names and values with e-mails and phone numbers masked, or job ids. */
  differences: readonly string[];
  candidateLatencyMs: number | null;
}

/** How one request was served: written to response headers and the request log. */
export interface RouteInfo {
  capability: Capability;
  mode: RoutingMode;
  provider: string;
  cohort: Cohort;
  /** The user's sticky bucket 1..100, or null without a user id. */
  bucket: number | null;
  /** The providers that failed before `provider` served, in order; empty when the first one did. */
  fallbackFrom: string[];
  shadow: string | null;
  /** Flag variant from OpenFeature, for reproducing cohorts offline. */
  variant: string;
}

/** Receives what routing observes. Telemetry (metrics, ledger, SLO windows) implements it. */
export interface RoutingObserver {
  onCall?(call: ProviderCall): void;
  onShadow?(result: ShadowResult): void;
  onRoute?(route: RouteInfo, requestId: string | null): void;
}
