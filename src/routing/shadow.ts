import murmurhash3js from 'murmurhash3js';
import { isAppError } from '../domain/index.js';
import type { Logger } from '../telemetry/logger.js';
import { redactText } from '../telemetry/redact.js';
import { DEFAULT_MATCH_THRESHOLD, type Comparison } from './compare.js';
import type { Capability } from './config.js';
import type { RoutingObserver, ShadowOutcome, ShadowResult } from './observations.js';

/**
 * Shadow experiments, Scientist-style but fire-and-forget: the user gets the control's answer at once, the
 * candidate runs afterwards on a sample of requests under its own timeout and concurrency cap, and the two
 * answers are compared by a capability-specific comparator. Candidate failures never reach the user; they
 * are recorded. Only redacted differences are kept, never the answers themselves.
 */

export interface ShadowJob<T> {
  requestId: string | null;
  capability: Capability;
  control: string;
  candidate: string;
  timeoutMs: number;
  /** What the user was given. */
  controlValue: T;
  /** Calls the candidate provider; must honour the signal, which aborts on timeout. */
  execute: (signal: AbortSignal) => Promise<T>;
  compare: (control: T, candidate: T) => Comparison;
  /** Agreement at or above which the run counts as matched; DEFAULT_MATCH_THRESHOLD by default. */
  threshold?: number;
}

export interface ShadowSummary {
  capability: Capability;
  candidate: string;
  /** Candidate executions that finished one way or another: matched + mismatched + errors + timeouts. */
  runs: number;
  matched: number;
  mismatched: number;
  errors: number;
  timeouts: number;
  /** Sampled requests not run because the concurrency cap was reached. */
  skipped: number;
  /** Mean agreement over compared runs (matched + mismatched); null before the first. */
  meanAgreement: number | null;
  /** Mean latency of candidate answers that were compared; errors are often instant and would flatter it. */
  meanCandidateLatencyMs: number | null;
}

export interface ShadowRunnerOptions {
  /** Shadow runs in flight at once; more are skipped, not queued (a queue only delays and piles up). */
  maxConcurrent?: number;
  /** Mismatch samples kept, newest replacing oldest. */
  maxSamples?: number;
  observer?: RoutingObserver;
  /** Epoch milliseconds; injectable for tests. */
  now?: () => number;
  logger?: Logger;
}

/**
 * Seed for the sampling hash. Unleash bucketing (bucket.ts) uses seed 0; a different seed, as well as the
 * salt, keeps the shadow sample from being the same users as the first rollout buckets.
 */
const SAMPLING_SEED = 0x5eed;
const UINT32_RANGE = 2 ** 32;
/** Bounds on what a caller-supplied comparator can put into a stored sample. */
const MAX_DIFFERENCES = 20;
const MAX_DIFFERENCE_CHARS = 200;

interface Aggregate {
  capability: Capability;
  candidate: string;
  matched: number;
  mismatched: number;
  errors: number;
  timeouts: number;
  skipped: number;
  agreementSum: number;
  latencySum: number;
}

type Settled<T> = { ok: true; value: T; latencyMs: number } | { ok: false; error: unknown; latencyMs: number };

export class ShadowRunner {
  private readonly maxConcurrent: number;
  private readonly maxSamples: number;
  private readonly observer: RoutingObserver | undefined;
  private readonly now: () => number;
  private readonly logger: Logger | undefined;

  private readonly aggregates = new Map<string, Aggregate>();
  private samples: ShadowResult[] = [];
  /** Candidate executions holding a concurrency slot. */
  private running = 0;
  /** Scheduled work not yet finished, including publishing skips: what idle() waits for. */
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(options: ShadowRunnerOptions = {}) {
    this.maxConcurrent = options.maxConcurrent ?? 4;
    this.maxSamples = options.maxSamples ?? 100;
    this.observer = options.observer;
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
  }

  /**
   * Whether this request joins the shadow sample. With a key (a user id or its hash) the answer is fixed for
   * that key, salt and rate, so a user's requests are all shadowed or none are, and raising the rate only adds
   * keys. Without one there is nothing to be sticky to, so it is a coin toss.
   */
  shouldSample(rate: number, key: string | null, salt: string): boolean {
    if (!(rate > 0)) return false;
    if (rate >= 1) return true;
    if (key === null) return Math.random() < rate;
    return murmurhash3js.x86.hash32(`${salt}:${key}`, SAMPLING_SEED) / UINT32_RANGE < rate;
  }

  /**
   * Starts a shadow run and returns at once: the candidate is called after the current turn of the event
   * loop, so the caller pays for a counter and a setImmediate. Never throws. The concurrency slot is taken
   * now, so a burst of calls in one turn respects the cap.
   */
  run<T>(job: ShadowJob<T>): void {
    this.pending += 1;
    if (this.running >= this.maxConcurrent) {
      setImmediate(() => {
        this.record(this.result(job, 'skipped', null, [], null));
        this.settle();
      });
      return;
    }
    this.running += 1;
    setImmediate(() => {
      this.execute(job)
        .catch((error: unknown) => this.logger?.error({ err: error, capability: job.capability }, 'shadow run failed'))
        .finally(() => {
          this.running -= 1;
          this.settle();
        });
    });
  }

  /**
   * Resolves when no shadow run is in flight, for tests and graceful shutdown. A candidate that ignores its
   * abort signal keeps its slot, and this promise waiting, until it settles: the cap bounds real work in
   * flight, not bookkeeping. Race it with a timer at shutdown.
   */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Aggregates per (capability, candidate), in the order first seen. */
  summary(): ShadowSummary[] {
    return [...this.aggregates.values()].map((a) => {
      const compared = a.matched + a.mismatched;
      return {
        capability: a.capability,
        candidate: a.candidate,
        runs: compared + a.errors + a.timeouts,
        matched: a.matched,
        mismatched: a.mismatched,
        errors: a.errors,
        timeouts: a.timeouts,
        skipped: a.skipped,
        meanAgreement: compared === 0 ? null : a.agreementSum / compared,
        meanCandidateLatencyMs: compared === 0 ? null : a.latencySum / compared,
      };
    });
  }

  /** The most recent mismatches, oldest first, optionally for one capability. Differences are redacted. */
  mismatches(capability?: Capability): ShadowResult[] {
    return capability === undefined ? [...this.samples] : this.samples.filter((s) => s.capability === capability);
  }

  /** Forgets aggregates and samples (runs in flight still record when they finish). */
  reset(): void {
    this.aggregates.clear();
    this.samples = [];
  }

  private async execute<T>(job: ShadowJob<T>): Promise<void> {
    const controller = new AbortController();
    const started = this.now();
    // An async wrapper turns a synchronous throw in execute() into a rejection like any other failure.
    const attempt: Promise<Settled<T>> = (async () => job.execute(controller.signal))().then(
      (value) => ({ ok: true, value, latencyMs: this.now() - started }),
      (error: unknown) => ({ ok: false, error, latencyMs: this.now() - started }),
    );

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), job.timeoutMs);
    });
    const first = await Promise.race([attempt, timedOut]);
    clearTimeout(timer);

    if (first === 'timeout') {
      controller.abort(new DOMException(`shadow candidate ${job.candidate} timed out after ${job.timeoutMs} ms`, 'TimeoutError'));
      this.record(this.result(job, 'timeout', null, [], null));
      // Hold the slot until the candidate really stops: it may still be using a connection.
      await attempt;
      return;
    }
    if (!first.ok) {
      // The candidate's own call policy may time out first: that is still a timeout, not an error.
      const timedOutInside = (first.error as { code?: unknown } | null)?.code === 'timeout';
      this.record(this.result(job, timedOutInside ? 'timeout' : 'error', null, [describeError(first.error)], first.latencyMs));
      return;
    }

    let comparison: Comparison;
    try {
      comparison = job.compare(job.controlValue, first.value);
    } catch (error) {
      this.logger?.warn({ err: error, capability: job.capability, candidate: job.candidate }, 'shadow comparison failed');
      this.record(this.result(job, 'error', null, [`compare: ${describeError(error)}`], first.latencyMs));
      return;
    }
    const threshold = job.threshold ?? DEFAULT_MATCH_THRESHOLD;
    const outcome = comparison.agreement >= threshold ? 'matched' : 'mismatched';
    this.record(this.result(job, outcome, comparison.agreement, comparison.differences, first.latencyMs));
  }

  private result(
    job: Pick<ShadowJob<unknown>, 'requestId' | 'capability' | 'control' | 'candidate'>,
    outcome: ShadowOutcome,
    agreement: number | null,
    differences: readonly string[],
    candidateLatencyMs: number | null,
  ): ShadowResult {
    return {
      at: this.now(),
      requestId: job.requestId,
      capability: job.capability,
      control: job.control,
      candidate: job.candidate,
      outcome,
      agreement,
      // Comparators are supposed to redact; a sample store is the wrong place to find out one did not.
      differences: differences.slice(0, MAX_DIFFERENCES).map((d) => clip(redactText(d), MAX_DIFFERENCE_CHARS)),
      candidateLatencyMs,
    };
  }

  private record(result: ShadowResult): void {
    const a = this.aggregateFor(result.capability, result.candidate);
    switch (result.outcome) {
      case 'matched':
      case 'mismatched':
        if (result.outcome === 'matched') a.matched += 1;
        else a.mismatched += 1;
        a.agreementSum += result.agreement ?? 0;
        a.latencySum += result.candidateLatencyMs ?? 0;
        break;
      case 'error':
        a.errors += 1;
        break;
      case 'timeout':
        a.timeouts += 1;
        break;
      case 'skipped':
        a.skipped += 1;
        break;
    }
    if (result.outcome === 'mismatched' && this.maxSamples > 0) {
      this.samples.push(result);
      if (this.samples.length > this.maxSamples) this.samples.splice(0, this.samples.length - this.maxSamples);
    }
    try {
      this.observer?.onShadow?.(result);
    } catch (error) {
      this.logger?.warn({ err: error, capability: result.capability }, 'shadow observer failed');
    }
  }

  private aggregateFor(capability: Capability, candidate: string): Aggregate {
    const key = `${capability}\u0000${candidate}`;
    let a = this.aggregates.get(key);
    if (!a) {
      a = { capability, candidate, matched: 0, mismatched: 0, errors: 0, timeouts: 0, skipped: 0, agreementSum: 0, latencySum: 0 };
      this.aggregates.set(key, a);
    }
    return a;
  }

  private settle(): void {
    this.pending -= 1;
    if (this.pending > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** Error code and a short, redacted message: provider errors can echo the request, which holds a resume. */
function describeError(error: unknown): string {
  if (isAppError(error)) return clip(`${error.code}: ${redactText(error.message)}`, 80);
  if (error instanceof Error) return clip(`${error.name}: ${redactText(error.message)}`, 80);
  return 'non-error thrown';
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
