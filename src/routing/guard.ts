import { z } from 'zod';
import { AppError } from '../domain/index.js';
import type { Logger } from '../telemetry/logger.js';
import type { Capability, RoutingConfig, RoutingMode } from './config.js';
import type { CallStats, WindowSummary } from './stats.js';

/**
 * Guarded rollout, in the style of Flagger's and Argo Rollouts' automated canary analysis: a capability's
 * candidate provider is served to a growing share of users (`steps`), each step analysed every
 * `intervalSeconds` against thresholds (provider error rate, p95 latency, cost per request, shadow agreement).
 * A step advances once it has baked for `bakeSeconds` and the latest check passed; `failureLimit` consecutive
 * failed checks roll back.
 *
 * Decisions:
 * - The analysis window is the whole current step (since `stepStartedAt`), not a sliding interval: at a 1 %
 *   step a 60 s window rarely holds `minRequests` calls, and every call since the step began was served at
 *   this share. Calls from earlier steps never count against (or for) the current one.
 * - Only the candidate cohort's primary, uncached calls to the candidate are analysed: fallbacks go to other
 *   providers and cache hits say nothing about the provider's health.
 * - Rollback (automatic) and abort (manual) both set the capability to mode `control`, 0 %: the kill-switch
 *   state, which also stops any shadow traffic to the candidate. Re-run `start` to try again.
 * - A paused rollout is still analysed and still rolls back on failure; pausing only stops advancement.
 * - The guard acts only on routing it set itself: if a check finds the capability's routing changed by
 *   someone else (kill switch, another candidate, another percentage), it stops as `aborted` and leaves
 *   routing alone rather than overwrite a human decision at the next step.
 * - Dry run rehearses everything — checks, steps, rollback, the state record, alerts ("would …") — without
 *   ever calling `setRollout`; it analyses whatever candidate traffic routing already sends.
 * - The state store is the source of truth: every operation reloads it, so a rollout started through one
 *   instance's admin API is checked by whichever instance runs the timer.
 */

export const GUARD_ACTOR = 'rollout-guard';

export const RolloutThresholdsSchema = z.object({
  /** Provider errors / requests (caller and policy errors are not the candidate's fault). */
  maxErrorRate: z.number().min(0).max(1).default(0.01),
  maxP95Ms: z.number().positive().default(3000),
  maxCostPerRequestUsd: z.number().nonnegative().default(0.01),
  /** Checked only when the window holds shadow runs. */
  minShadowAgreement: z.number().min(0).max(1).default(0.8),
});
export type RolloutThresholds = z.infer<typeof RolloutThresholdsSchema>;

export const RolloutPlanSchema = z
  .object({
    /** Rollout percentages, strictly increasing, ending at 100 (the candidate then serves everyone: mode `full`). */
    steps: z.array(z.number().int().min(1).max(100)).min(1).default([1, 5, 10, 25, 50, 100]),
    /** Minimum time at each step before it may advance. */
    bakeSeconds: z.number().int().min(0).default(300),
    /** Time between analysis checks. */
    intervalSeconds: z.number().int().min(1).default(60),
    /** Consecutive failed checks that roll back. */
    failureLimit: z.number().int().min(1).default(3),
    /** Below this many requests a check is inconclusive: it neither passes nor fails. */
    minRequests: z.number().int().min(1).default(20),
    thresholds: RolloutThresholdsSchema.prefault({}),
    /** Evaluate, record and alert, but never change routing. */
    dryRun: z.boolean().default(false),
  })
  .superRefine((plan, ctx) => {
    if (plan.steps.some((step, i) => i > 0 && step <= (plan.steps[i - 1] ?? 0))) {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: 'steps must be strictly increasing' });
    }
    if (plan.steps.at(-1) !== 100) {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: 'the last step must be 100 (full rollout)' });
    }
  })
  .meta({ id: 'RolloutPlan' });
export type RolloutPlan = z.infer<typeof RolloutPlanSchema>;
export type RolloutPlanInput = z.input<typeof RolloutPlanSchema>;

export type RolloutStatus = 'running' | 'paused' | 'completed' | 'rolled_back' | 'aborted';
export type Verdict = 'pass' | 'fail' | 'inconclusive';

export interface CheckMetrics {
  requests: number;
  errorRate: number;
  p95Ms: number | null;
  costPerRequestUsd: number;
  shadowAgreement: number | null;
}

export interface RolloutCheck {
  at: number;
  verdict: Verdict;
  metrics: CheckMetrics;
  /** One readable line per threshold crossed; empty unless the verdict is `fail`. */
  failures: string[];
}

export interface RolloutState {
  capability: Capability;
  /** The provider being rolled out, as routing named it at start. */
  candidate: string;
  plan: RolloutPlan;
  status: RolloutStatus;
  stepIndex: number;
  stepStartedAt: number;
  /** Consecutive failed checks at this step; a pass resets it, an inconclusive check leaves it. */
  failedChecks: number;
  lastCheck: RolloutCheck | null;
  startedAt: number;
  updatedAt: number;
  /** Who made the latest transition (start, promote, pause, resume, abort, rollback, completion). */
  actor: string;
  /** Why the rollout ended, when it was rolled back or aborted. */
  reason: string | null;
}

export type RolloutAlertKind = 'rolled_back' | 'would_roll_back' | 'aborted' | 'completed' | 'would_promote';

export interface RolloutAlert {
  kind: RolloutAlertKind;
  capability: Capability;
  message: string;
  metrics: CheckMetrics | null;
  /** Epoch ms. */
  at: number;
}

export type RolloutEventKind = 'started' | 'promoted' | 'paused' | 'resumed' | 'aborted' | 'rolled_back' | 'completed' | 'check';

export interface RolloutEvent {
  kind: RolloutEventKind;
  capability: Capability;
  at: number;
  actor: string;
  /** The state after the event. */
  state: RolloutState;
}

/** Changes routing on the guard's behalf; the lead's implementation writes the versioned routing document. */
export interface RoutingControl {
  current(): RoutingConfig;
  setRollout(capability: Capability, patch: { mode?: RoutingMode; rolloutPercent: number }, actor: string, reason: string): Promise<void>;
}

/** The latest state per capability; `save` replaces the capability's state. */
export interface RolloutStateStore {
  load(): Promise<RolloutState[]>;
  save(state: RolloutState): Promise<void>;
}

export class InMemoryRolloutStateStore implements RolloutStateStore {
  private readonly states = new Map<Capability, RolloutState>();

  async load(): Promise<RolloutState[]> {
    return [...this.states.values()].map((s) => structuredClone(s));
  }

  async save(state: RolloutState): Promise<void> {
    this.states.set(state.capability, structuredClone(state));
  }
}

export type GuardLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface RolloutGuardOptions {
  stats: CallStats;
  control: RoutingControl;
  states: RolloutStateStore;
  alert: (alert: RolloutAlert) => Promise<void> | void;
  now?: () => number;
  logger?: GuardLogger;
  onEvent?: (event: RolloutEvent) => void;
}

/** The percentage a state's step stands for. */
export function stepPercent(state: Pick<RolloutState, 'plan' | 'stepIndex'>): number {
  return state.plan.steps[state.stepIndex] ?? 100;
}

export function isActive(state: RolloutState): boolean {
  return state.status === 'running' || state.status === 'paused';
}

/** One check's verdict from a window summary: pure, so thresholds can be tested without a clock. */
export function evaluateWindow(summary: WindowSummary, plan: RolloutPlan): Omit<RolloutCheck, 'at'> {
  const metrics: CheckMetrics = {
    requests: summary.requests,
    errorRate: summary.errorRate,
    p95Ms: summary.p95Ms,
    costPerRequestUsd: summary.costPerRequestUsd,
    shadowAgreement: summary.shadow.runs > 0 ? summary.shadow.agreement : null,
  };
  if (summary.requests < plan.minRequests) return { verdict: 'inconclusive', metrics, failures: [] };

  const t = plan.thresholds;
  const failures: string[] = [];
  if (metrics.errorRate > t.maxErrorRate) failures.push(`error rate ${percent(metrics.errorRate)} > ${percent(t.maxErrorRate)}`);
  if (metrics.p95Ms !== null && metrics.p95Ms > t.maxP95Ms) failures.push(`p95 ${Math.round(metrics.p95Ms)} ms > ${t.maxP95Ms} ms`);
  if (metrics.costPerRequestUsd > t.maxCostPerRequestUsd) {
    failures.push(`cost per request $${metrics.costPerRequestUsd.toFixed(4)} > $${t.maxCostPerRequestUsd.toFixed(4)}`);
  }
  if (metrics.shadowAgreement !== null && metrics.shadowAgreement < t.minShadowAgreement) {
    failures.push(`shadow agreement ${metrics.shadowAgreement.toFixed(2)} < ${t.minShadowAgreement.toFixed(2)}`);
  }
  return { verdict: failures.length > 0 ? 'fail' : 'pass', metrics, failures };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The timer never sleeps longer than this, so plans with different intervals are each checked close to on time. */
const MAX_TICK_MS = 5_000;

const silent: GuardLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export class RolloutGuard {
  private readonly stats: CallStats;
  private readonly control: RoutingControl;
  private readonly states: RolloutStateStore;
  private readonly sendAlert: RolloutGuardOptions['alert'];
  private readonly now: () => number;
  private readonly logger: GuardLogger;
  private readonly onEvent: RolloutGuardOptions['onEvent'];
  /** Operations run one at a time: a timer tick and an admin request must not interleave on one state. */
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private tickMs = MAX_TICK_MS;

  constructor(options: RolloutGuardOptions) {
    this.stats = options.stats;
    this.control = options.control;
    this.states = options.states;
    this.sendAlert = options.alert;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silent;
    this.onEvent = options.onEvent;
  }

  /** Starts rolling the capability's routing candidate out at the plan's first step. */
  start(capability: Capability, planInput: RolloutPlanInput, actor: string): Promise<RolloutState> {
    return this.exclusive(async () => {
      const parsed = RolloutPlanSchema.safeParse(planInput);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError('invalid_request', `rollout plan: ${issue?.path.join('.') || 'plan'} ${issue?.message ?? 'is invalid'}`);
      }
      const plan = parsed.data;
      const existing = await this.load(capability);
      if (existing && isActive(existing)) throw new AppError('invalid_request', `a rollout of ${capability} is already ${existing.status}`);
      const candidate = this.control.current()[capability].candidate;
      if (!candidate) throw new AppError('invalid_request', `${capability} has no candidate provider to roll out; set one in routing first`);

      const now = this.now();
      const initial: RolloutState = {
        capability,
        candidate,
        plan,
        status: 'running',
        stepIndex: 0,
        stepStartedAt: now,
        failedChecks: 0,
        lastCheck: null,
        startedAt: now,
        updatedAt: now,
        actor,
        reason: null,
      };
      this.tickMs = Math.min(this.tickMs, plan.intervalSeconds * 1000);
      return this.enterStep(initial, 0, actor, 'started', now);
    });
  }

  /** Moves to the next step now, skipping analysis and bake time (Argo's skipAnalysis, Flagger's manual gate). */
  promote(capability: Capability, actor: string): Promise<RolloutState> {
    return this.exclusive(async () => {
      const state = await this.active(capability);
      const drift = this.drift(state);
      if (drift) throw new AppError('invalid_request', `${drift}; abort and start again`);
      return this.enterStep(state, state.stepIndex + 1, actor, 'promoted', this.now());
    });
  }

  /** Stops advancement; checks still run and can still roll back. */
  pause(capability: Capability, actor: string): Promise<RolloutState> {
    return this.exclusive(async () => {
      const state = await this.active(capability);
      if (state.status !== 'running') throw new AppError('invalid_request', `the rollout of ${capability} is ${state.status}, not running`);
      return this.transition({ ...state, status: 'paused', actor, updatedAt: this.now() }, 'paused');
    });
  }

  resume(capability: Capability, actor: string): Promise<RolloutState> {
    return this.exclusive(async () => {
      const state = await this.active(capability);
      if (state.status !== 'paused') throw new AppError('invalid_request', `the rollout of ${capability} is ${state.status}, not paused`);
      return this.transition({ ...state, status: 'running', actor, updatedAt: this.now() }, 'resumed');
    });
  }

  /** Manual stop: routing goes back to the control provider (mode control, 0 %). */
  abort(capability: Capability, actor: string, reason: string): Promise<RolloutState> {
    return this.exclusive(async () => {
      const state = await this.active(capability);
      await this.route(state, { mode: 'control', rolloutPercent: 0 }, actor, `rollout aborted: ${reason}`);
      return this.end(state, 'aborted', actor, reason, this.now());
    });
  }

  /** The latest state of every capability's rollout (or one capability's), active or finished. */
  async status(capability?: Capability): Promise<RolloutState[]> {
    const states = latestPerCapability(await this.states.load());
    return capability ? states.filter((s) => s.capability === capability) : states;
  }

  /**
   * One analysis tick: checks every running or paused rollout whose interval has elapsed since its last
   * check (every one with `force`), and acts on the verdicts. Returns the states after the tick.
   */
  check(options: { force?: boolean } = {}): Promise<RolloutState[]> {
    return this.exclusive(async () => {
      const now = this.now();
      const active = latestPerCapability(await this.states.load()).filter(isActive);
      const after: RolloutState[] = [];
      for (const state of active) {
        const due = options.force || !state.lastCheck || now - state.lastCheck.at >= state.plan.intervalSeconds * 1000;
        if (!due) continue;
        try {
          after.push(await this.checkOne(state, now));
        } catch (error) {
          // One capability's failure (store, routing write) must not stop the others' analysis; the next tick retries.
          this.logger.error({ err: error, capability: state.capability }, 'rollout check failed');
        }
      }
      this.tickMs = Math.min(MAX_TICK_MS, ...active.map((s) => s.plan.intervalSeconds * 1000));
      return after;
    });
  }

  /** Runs `check` on a timer that never keeps the process alive. Tests call `check()` with a fake clock instead. */
  startTimer(): void {
    if (this.ticking) return;
    this.ticking = true;
    const schedule = () => {
      this.timer = setTimeout(() => {
        this.check()
          .catch((error: unknown) => this.logger.error({ err: error }, 'rollout check tick failed'))
          .finally(() => {
            if (this.ticking) schedule();
          });
      }, this.tickMs);
      this.timer.unref();
    };
    schedule();
  }

  stop(): void {
    this.ticking = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async checkOne(state: RolloutState, now: number): Promise<RolloutState> {
    const drift = this.drift(state);
    if (drift) {
      this.logger.warn({ capability: state.capability, reason: drift }, 'rollout stopped: routing changed outside the guard');
      return this.end(state, 'aborted', GUARD_ACTOR, drift, now);
    }

    const summary = this.stats.summarise({
      capability: state.capability,
      provider: state.candidate,
      cohort: 'candidate',
      roles: ['primary'],
      cached: false,
      since: state.stepStartedAt,
    });
    const check: RolloutCheck = { at: now, ...evaluateWindow(summary, state.plan) };
    const failedChecks = check.verdict === 'fail' ? state.failedChecks + 1 : check.verdict === 'pass' ? 0 : state.failedChecks;
    const checked = await this.transition({ ...state, lastCheck: check, failedChecks, updatedAt: now }, 'check', GUARD_ACTOR);

    if (check.verdict === 'fail' && failedChecks >= state.plan.failureLimit) return this.rollBack(checked, now);
    const baked = now - state.stepStartedAt >= state.plan.bakeSeconds * 1000;
    if (check.verdict === 'pass' && baked && checked.status === 'running') {
      return this.enterStep(checked, checked.stepIndex + 1, GUARD_ACTOR, 'promoted', now);
    }
    return checked;
  }

  private async rollBack(state: RolloutState, now: number): Promise<RolloutState> {
    const failures = state.lastCheck?.failures ?? [];
    const reason = `${state.failedChecks} consecutive failed checks at ${stepPercent(state)}%: ${failures.join('; ')}`;
    // Routing first: if the write fails the state stays active with failedChecks at the limit, so the next tick retries.
    await this.route(state, { mode: 'control', rolloutPercent: 0 }, GUARD_ACTOR, `automatic rollback: ${reason}`);
    const done = await this.end(state, 'rolled_back', GUARD_ACTOR, reason, now);
    const dry = state.plan.dryRun;
    this.logger.warn({ capability: state.capability, candidate: state.candidate, dryRun: dry, metrics: state.lastCheck?.metrics, failures }, dry ? 'rollout would roll back (dry run)' : 'rollout rolled back');
    await this.alert({
      kind: dry ? 'would_roll_back' : 'rolled_back',
      capability: state.capability,
      message: `${state.capability}: ${dry ? 'would roll back' : 'rolled back'} ${state.candidate} to the control provider after ${reason}`,
      metrics: state.lastCheck?.metrics ?? null,
      at: now,
    });
    return done;
  }

  /** Routes the step's share to the candidate; the step of 100 % is the full rollout and completes the plan. */
  private async enterStep(state: RolloutState, stepIndex: number, actor: string, kind: 'started' | 'promoted', now: number): Promise<RolloutState> {
    const share = state.plan.steps[stepIndex];
    if (share === undefined) throw new AppError('invalid_request', `the rollout of ${state.capability} has no step after ${stepPercent(state)}%`);
    const full = share >= 100;
    await this.route(state, { mode: full ? 'full' : 'canary', rolloutPercent: share }, actor, `rollout ${kind} to ${share}%`);

    const next: RolloutState = { ...state, stepIndex, stepStartedAt: now, failedChecks: 0, actor, updatedAt: now, status: full ? 'completed' : state.status };
    const saved = await this.transition(next, full ? 'completed' : kind);
    const dry = state.plan.dryRun;
    this.logger.info({ capability: state.capability, candidate: state.candidate, percent: share, actor, dryRun: dry }, `rollout ${kind} to ${share}%`);
    if (full) {
      await this.alert({
        kind: dry ? 'would_promote' : 'completed',
        capability: state.capability,
        message: `${state.capability}: ${dry ? 'would complete' : 'completed'} the rollout of ${state.candidate} (mode full, 100%)`,
        metrics: state.lastCheck?.metrics ?? null,
        at: now,
      });
    } else if (dry && kind === 'promoted') {
      await this.alert({
        kind: 'would_promote',
        capability: state.capability,
        message: `${state.capability}: would promote ${state.candidate} to ${share}%`,
        metrics: state.lastCheck?.metrics ?? null,
        at: now,
      });
    }
    return saved;
  }

  /** Ends a rollout (rolled back or aborted); routing has already been changed, or deliberately left alone. */
  private async end(state: RolloutState, status: 'rolled_back' | 'aborted', actor: string, reason: string, now: number): Promise<RolloutState> {
    const done = await this.transition({ ...state, status, actor, reason, updatedAt: now }, status);
    if (status === 'aborted') {
      await this.alert({ kind: 'aborted', capability: state.capability, message: `${state.capability}: rollout of ${state.candidate} aborted by ${actor}: ${reason}`, metrics: state.lastCheck?.metrics ?? null, at: now });
    }
    return done;
  }

  /** Why the capability's routing is no longer what this rollout set, or null when it is. */
  private drift(state: RolloutState): string | null {
    const routing = this.control.current()[state.capability];
    if (routing.candidate !== state.candidate) return `routing's candidate changed from ${state.candidate} to ${routing.candidate ?? 'none'} outside the rollout`;
    if (state.plan.dryRun) return null;
    const share = stepPercent(state);
    if (routing.mode !== 'canary' || routing.rolloutPercent !== share) {
      return `routing changed outside the rollout (mode ${routing.mode} at ${routing.rolloutPercent}%, expected canary at ${share}%)`;
    }
    return null;
  }

  private async route(state: RolloutState, patch: { mode: RoutingMode; rolloutPercent: number }, actor: string, reason: string): Promise<void> {
    if (state.plan.dryRun) return;
    await this.control.setRollout(state.capability, patch, actor, reason);
  }

  private async transition(state: RolloutState, kind: RolloutEventKind, actor = state.actor): Promise<RolloutState> {
    await this.states.save(state);
    await this.emit(kind, state, actor);
    return state;
  }

  private async emit(kind: RolloutEventKind, state: RolloutState, actor = state.actor): Promise<void> {
    try {
      this.onEvent?.({ kind, capability: state.capability, at: state.updatedAt, actor, state });
    } catch (error) {
      this.logger.error({ err: error, kind }, 'rollout event listener failed');
    }
  }

  /** Alerts are best effort: a broken webhook must never stop a rollback. */
  private async alert(alert: RolloutAlert): Promise<void> {
    try {
      await this.sendAlert(alert);
    } catch (error) {
      this.logger.error({ err: error, kind: alert.kind }, 'rollout alert failed');
    }
  }

  private async load(capability: Capability): Promise<RolloutState | null> {
    return latestPerCapability(await this.states.load()).find((s) => s.capability === capability) ?? null;
  }

  private async active(capability: Capability): Promise<RolloutState> {
    const state = await this.load(capability);
    if (!state || !isActive(state)) throw new AppError('not_found', `no rollout of ${capability} is running`);
    return state;
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function latestPerCapability(states: readonly RolloutState[]): RolloutState[] {
  const latest = new Map<Capability, RolloutState>();
  for (const s of states) {
    const seen = latest.get(s.capability);
    if (!seen || s.updatedAt >= seen.updatedAt) latest.set(s.capability, s);
  }
  return [...latest.values()];
}
