import { userInfo } from 'node:os';
import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import { resolveEnv } from '../config-file.js';
import { loadConfig } from '../config.js';
import { AppError, ERROR_STATUS, type ErrorCode } from '../domain/index.js';
import { CAPABILITIES, ROUTING_MODES, type Capability, type CapabilityRouting } from '../routing/config.js';
import { isActive, stepPercent, type RolloutPlanInput, type RolloutState } from '../routing/guard.js';
import type { RoutingSnapshot } from '../routing/source.js';
import { rollbackRouting, rolloutAction, routingView, setRouting, type AdminContext, type RolloutAction, type RoutingView } from '../services/routing-admin.js';
import { openServices, type Services } from '../services/runtime.js';
import { wholeNumber } from './args.js';
import { isStoreError, type AuditEntry } from '../store/index.js';
import { createLogger } from '../telemetry/logger.js';

/**
 * `jobmatch rollout …`: routing and rollout plans from the command line. By default on the database directly
 * (every server polls it, so a change is in force everywhere within a poll interval); with `--url`, through a
 * running server's admin API, which also shows that instance's circuit breakers.
 */

/** Breakers live in each server's memory: the database can't tell them. */
type Breakers = RoutingView['breakers'] | null;

export interface RolloutView {
  routing: RoutingSnapshot & { breakers: Breakers };
  rollouts: RolloutState[];
}

interface RolloutBackend {
  view(): Promise<RolloutView>;
  set(capability: Capability, patch: Partial<CapabilityRouting>, reason?: string): Promise<void>;
  rollback(capability: Capability | undefined, reason?: string): Promise<void>;
  start(capability: Capability, plan: RolloutPlanInput): Promise<RolloutState>;
  act(capability: Capability, action: RolloutAction, reason?: string): Promise<RolloutState>;
  audit(limit: number): Promise<AuditEntry[]>;
}

interface TargetOptions {
  url?: string;
  actor?: string;
}

function defaultActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function httpBackend(baseUrl: string, token: string, actor: string): RolloutBackend {
  const base = baseUrl.replace(/\/+$/, '');
  async function call<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'x-admin-actor': actor, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new AppError('unavailable', `Cannot reach ${base}: ${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message}`);
    }
    const payload = (await res.json().catch(() => null)) as { success?: boolean; data?: T; error?: { code?: string; message?: string } } | null;
    if (!res.ok || !payload?.success) {
      const code = payload?.error?.code;
      throw new AppError(code && code in ERROR_STATUS ? (code as ErrorCode) : 'internal_error', payload?.error?.message ?? `${method} ${path} answered HTTP ${res.status}`);
    }
    return payload.data as T;
  }
  return {
    async view() {
      const [routing, { rollouts }] = await Promise.all([call<RoutingView>('GET', '/api/admin/routing'), call<{ rollouts: RolloutState[] }>('GET', '/api/admin/rollouts')]);
      return { routing, rollouts };
    },
    set: async (capability, patch, reason) => void (await call('PUT', `/api/admin/routing?capability=${capability}`, { ...patch, ...(reason ? { reason } : {}) })),
    rollback: async (capability, reason) => void (await call('POST', '/api/admin/rollback', { capability, reason })),
    start: (capability, plan) => call('POST', `/api/admin/rollouts/${capability}`, plan),
    act: (capability, action, reason) => call('POST', `/api/admin/rollouts/${capability}/${action}`, reason ? { reason } : {}),
    audit: async (limit) => (await call<{ entries: AuditEntry[] }>('GET', `/api/admin/audit?limit=${limit}`)).entries,
  };
}

function databaseBackend(services: Services, actor: string): RolloutBackend {
  const ctx: AdminContext = { router: services.router, guard: services.guard };
  const source = services.router.source;
  return {
    view: async () => ({ routing: { ...routingView(services.router), breakers: null }, rollouts: await services.guard.status() }),
    set: async (capability, patch, reason) => void (await setRouting(source, { body: patch, capability }, actor, reason)),
    rollback: async (capability, reason) => void (await rollbackRouting(ctx, capability, actor, reason)),
    start: async (capability, plan) => {
      await source.refresh();
      return services.guard.start(capability, plan, actor);
    },
    act: (capability, action, reason) => rolloutAction(ctx, capability, action, actor, reason),
    audit: (limit) => source.audit(limit),
  };
}

/** Opens the chosen backend for one command and closes it afterwards. */
async function withBackend(opts: TargetOptions, fn: (backend: RolloutBackend) => Promise<void>): Promise<void> {
  const actor = opts.actor ?? defaultActor();
  if (opts.url) {
    const token = process.env.ADMIN_TOKEN;
    if (!token) throw new AppError('unauthorized', 'Set ADMIN_TOKEN to the server’s admin token to use --url.');
    return fn(httpBackend(opts.url, token, actor));
  }
  // This process only reads and writes the routing state: the server's guard analyses rollouts, and seeding
  // sample jobs is no business of a routing command.
  const config = { ...loadConfig({ LOG_LEVEL: 'warn', ...resolveEnv() }), runGuard: false, sampleJobs: false };
  let services: Services;
  try {
    services = await openServices(config, createLogger(config.logLevel, process.stderr as never));
  } catch (err) {
    if (!isStoreError(err, 'database_locked')) throw err;
    process.stderr.write(`The database is in use by a running server: add --url http://${config.host}:${config.port} (with ADMIN_TOKEN set) to go through its admin API.\n`);
    process.exitCode = 1;
    return;
  }
  try {
    await fn(databaseBackend(services, actor));
  } finally {
    await services.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Output

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

function describePlan(state: RolloutState | undefined): string {
  if (!state) return '-';
  if (!isActive(state)) return `${state.status}${state.reason ? `: ${state.reason}` : ''}`;
  const check = state.lastCheck ? `, last check ${state.lastCheck.verdict} (${state.lastCheck.metrics.requests} req)` : '';
  return `${state.status} step ${state.stepIndex + 1}/${state.plan.steps.length} (${stepPercent(state)}%)${state.plan.dryRun ? ' dry run' : ''}${check}`;
}

export function formatStatus(view: RolloutView): string {
  const { routing, rollouts } = view;
  const at = routing.updatedAt ? ` at ${routing.updatedAt}` : '';
  const head = `routing v${routing.version} from the ${routing.source}, by ${routing.updatedBy}${at}`;
  const rows = [['CAPABILITY', 'MODE', 'CONTROL → CANDIDATE', 'PERCENT', 'SHADOW', 'BREAKERS', 'PLAN']];
  for (const capability of CAPABILITIES) {
    const r = routing.config[capability];
    const breakers = routing.breakers === null
      ? 'n/a'
      : routing.breakers.filter((b) => b.capability === capability).map((b) => `${b.provider} ${b.state}`).join(', ') || '-';
    rows.push([
      capability,
      r.mode,
      r.candidate ? `${r.control} → ${r.candidate}` : r.control,
      `${r.rolloutPercent}%`,
      r.shadowSampleRate.toFixed(2),
      breakers,
      describePlan(rollouts.find((s) => s.capability === capability)),
    ]);
  }
  const note = routing.breakers === null ? '\nbreakers are per server: add --url to see one server’s' : '';
  return `${head}\n${table(rows)}${note}`;
}

/** What changed between two stored configs, one `capability.field before→after` per difference. */
export function describeChange(before: unknown, after: unknown): string {
  const asConfig = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, Record<string, unknown> | undefined>) : {});
  const b = asConfig(before);
  const a = asConfig(after);
  const changes: string[] = [];
  for (const capability of CAPABILITIES) {
    const from = b[capability] ?? {};
    const to = a[capability] ?? {};
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
      const x = JSON.stringify(from[key] ?? null);
      const y = JSON.stringify(to[key] ?? null);
      if (x !== y) changes.push(`${capability}.${key} ${x}→${y}`);
    }
  }
  return before === null || before === undefined ? 'initial' : changes.join(', ') || 'no change';
}

function formatAudit(entries: readonly AuditEntry[]): string {
  if (entries.length === 0) return 'no routing changes yet: the environment config is in force';
  return table([
    ['VERSION', 'AT', 'ACTOR', 'ACTION', 'REASON', 'CHANGE'],
    ...entries.map((e) => [`v${e.version}`, e.at, e.actor, e.action, e.reason ?? '-', describeChange(e.before, e.after)]),
  ]);
}

function describeRollout(state: RolloutState): string {
  const p = state.plan;
  const why = state.reason ? ` (${state.reason})` : '';
  const cadence = isActive(state) ? `, checked every ${p.intervalSeconds} s, at least ${p.bakeSeconds} s per step` : '';
  return `${state.capability}: ${state.candidate} at ${stepPercent(state)}% (step ${state.stepIndex + 1}/${p.steps.length} of ${p.steps.join(', ')}%), ${state.status}${why}${cadence}${p.dryRun ? ', dry run' : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// Options

function numberIn(min: number, max: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected ${what} between ${min} and ${max}`);
    return n;
  };
}

function stepList(value: string): number[] {
  const steps = value.split(',').map((s) => Number(s.trim()));
  if (steps.some((s) => !Number.isInteger(s) || s < 1 || s > 100)) throw new InvalidArgumentError('expected percentages such as 1,5,25,100');
  return steps;
}

const capabilityArgument = () => new Argument('<capability>', 'parse, embed or match').choices(CAPABILITIES);

/** --url and --actor on every subcommand, so they can go anywhere on the line. */
function targeted(command: Command): Command {
  return command
    .option('--url <server>', 'go through a running server’s admin API (ADMIN_TOKEN from the environment) instead of the database')
    .option('--actor <name>', 'recorded in the audit log (default: cli:<user>)');
}

interface SetOptions extends TargetOptions {
  mode?: CapabilityRouting['mode'];
  candidate?: string;
  control?: string;
  percent?: number;
  shadowRate?: number;
  reason?: string;
}

interface PlanOptions extends TargetOptions {
  steps?: number[];
  bake?: number;
  interval?: number;
  failureLimit?: number;
  minRequests?: number;
  maxErrorRate?: number;
  maxP95Ms?: number;
  maxCostUsd?: number;
  minAgreement?: number;
  dryRun?: boolean;
}

function planFrom(opts: PlanOptions): RolloutPlanInput {
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return defined({
    steps: opts.steps,
    bakeSeconds: opts.bake,
    intervalSeconds: opts.interval,
    failureLimit: opts.failureLimit,
    minRequests: opts.minRequests,
    dryRun: opts.dryRun,
    thresholds: defined({ maxErrorRate: opts.maxErrorRate, maxP95Ms: opts.maxP95Ms, maxCostPerRequestUsd: opts.maxCostUsd, minShadowAgreement: opts.minAgreement }),
  });
}

const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

export function registerRolloutCommands(program: Command): void {
  const rollout = program.command('rollout').description('routing between providers: status, changes, kill switch, guarded rollouts, audit');

  targeted(rollout.command('status').description('routing per capability, breakers (with --url) and rollout plans'))
    .option('--json', 'print as JSON')
    .action(async (opts: TargetOptions & { json?: boolean }) =>
      withBackend(opts, async (backend) => {
        const view = await backend.view();
        print(opts.json ? JSON.stringify(view, null, 2) : formatStatus(view));
      }),
    );

  targeted(rollout.command('set').description('change one capability’s routing (audited)'))
    .addArgument(capabilityArgument())
    .addOption(new Option('--mode <mode>', 'routing mode').choices(ROUTING_MODES))
    .option('--candidate <provider>', 'candidate provider ("none" to clear)')
    .option('--control <provider>', 'control provider')
    .option('--percent <n>', 'share of users on the candidate in canary mode', numberIn(0, 100, 'a percentage'))
    .option('--shadow-rate <x>', 'share of control requests also run on the candidate', numberIn(0, 1, 'a rate'))
    .option('--reason <text>', 'why, for the audit log')
    .action(async (capability: Capability, opts: SetOptions) => {
      const patch: Partial<CapabilityRouting> = {};
      if (opts.mode !== undefined) patch.mode = opts.mode;
      if (opts.candidate !== undefined) patch.candidate = opts.candidate === 'none' ? null : opts.candidate;
      if (opts.control !== undefined) patch.control = opts.control;
      if (opts.percent !== undefined) patch.rolloutPercent = opts.percent;
      if (opts.shadowRate !== undefined) patch.shadowSampleRate = opts.shadowRate;
      if (Object.keys(patch).length === 0) throw new AppError('invalid_request', 'nothing to change: give --mode, --candidate, --control, --percent or --shadow-rate');
      await withBackend(opts, async (backend) => {
        await backend.set(capability, patch, opts.reason);
        print(formatStatus(await backend.view()));
      });
    });

  targeted(rollout.command('rollback').description('kill switch: back to the control provider at 0 % and abort rollout plans (all capabilities by default)'))
    .addArgument(new Argument('[capability]', 'parse, embed or match').choices(CAPABILITIES))
    .option('--reason <text>', 'why, for the audit log')
    .action(async (capability: Capability | undefined, opts: TargetOptions & { reason?: string }) =>
      withBackend(opts, async (backend) => {
        await backend.rollback(capability, opts.reason);
        print(formatStatus(await backend.view()));
      }),
    );

  targeted(rollout.command('plan').description('start a guarded rollout of the capability’s candidate (set one first)'))
    .addArgument(capabilityArgument())
    .option('--steps <list>', 'percentages, ending at 100 (default 1,5,10,25,50,100)', stepList)
    .option('--bake <seconds>', 'minimum time at each step', wholeNumber(0))
    .option('--interval <seconds>', 'time between checks', wholeNumber(1))
    .option('--failure-limit <n>', 'consecutive failed checks that roll back', wholeNumber(1))
    .option('--min-requests <n>', 'requests below which a check is inconclusive', wholeNumber(1))
    .option('--max-error-rate <x>', 'provider error rate threshold (0..1)', numberIn(0, 1, 'a rate'))
    .option('--max-p95-ms <n>', 'p95 latency threshold', numberIn(1, 3_600_000, 'milliseconds'))
    .option('--max-cost-usd <x>', 'cost per request threshold', numberIn(0, 1000, 'dollars'))
    .option('--min-agreement <x>', 'shadow agreement threshold (0..1)', numberIn(0, 1, 'an agreement'))
    .option('--dry-run', 'check and alert, but never change routing')
    .action(async (capability: Capability, opts: PlanOptions) =>
      withBackend(opts, async (backend) => print(describeRollout(await backend.start(capability, planFrom(opts))))),
    );

  const actions: [RolloutAction, string][] = [
    ['promote', 'move to the next step now, skipping analysis and bake time'],
    ['pause', 'stop advancing (checks still run and can roll back)'],
    ['resume', 'advance again'],
    ['abort', 'stop the rollout and route back to the control provider'],
  ];
  for (const [action, description] of actions) {
    const command = targeted(rollout.command(action).description(description)).addArgument(capabilityArgument());
    if (action === 'abort') command.option('--reason <text>', 'why, for the audit log');
    command.action(async (capability: Capability, opts: TargetOptions & { reason?: string }) =>
      withBackend(opts, async (backend) => print(describeRollout(await backend.act(capability, action, opts.reason)))),
    );
  }

  targeted(rollout.command('audit').description('routing changes, newest first'))
    .option('-n, --limit <n>', 'entries', wholeNumber(1), 20)
    .option('--json', 'print as JSON')
    .action(async (opts: TargetOptions & { limit: number; json?: boolean }) =>
      withBackend(opts, async (backend) => {
        const entries = await backend.audit(opts.limit);
        print(opts.json ? JSON.stringify(entries, null, 2) : formatAudit(entries));
      }),
    );
}
