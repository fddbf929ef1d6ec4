import { AppError } from '../domain/index.js';
import { CAPABILITIES, CapabilityRoutingSchema, RoutingConfigSchema, type Capability } from '../routing/config.js';
import { isActive, type RolloutGuard, type RolloutState } from '../routing/guard.js';
import type { BreakerState } from '../routing/resilience.js';
import type { Router } from '../routing/router.js';
import type { RoutingSnapshot, RoutingSource } from '../routing/source.js';
import type { Logger } from '../telemetry/logger.js';

/**
 * Routing administration: the operations behind /api/admin and `jobmatch rollout` (which works on the
 * database directly when no server URL is given), so both entry points behave identically.
 */
export const ROLLOUT_ACTIONS = ['promote', 'pause', 'resume', 'abort'] as const;
export type RolloutAction = (typeof ROLLOUT_ACTIONS)[number];

export interface AdminContext {
  router: Router;
  guard: RolloutGuard;
  logger?: Logger;
}

export type RoutingView = RoutingSnapshot & { breakers: { capability: Capability; provider: string; state: BreakerState }[] };

export function routingView(router: Router): RoutingView {
  return { ...router.source.current(), breakers: router.resilience.breakerStates() };
}

const CAPABILITY_FIELDS = new Set(Object.keys(CapabilityRoutingSchema.shape));
const CONFIG_FIELDS = new Set(Object.keys(RoutingConfigSchema.shape));

/**
 * Keys the schema would silently drop (a typo such as `rolloutPercnt` must not "succeed" unchanged) and, for a
 * whole config, capabilities left out (which would otherwise reset to their defaults).
 */
function shapeProblems(body: Record<string, unknown>, capability: Capability | undefined): string[] {
  const problems: string[] = [];
  const check = (value: Record<string, unknown>, allowed: Set<string>, prefix: string) => {
    for (const key of Object.keys(value)) if (!allowed.has(key)) problems.push(`${prefix}${key}: unknown field (allowed: ${[...allowed].join(', ')})`);
  };
  if (capability) {
    check(body, CAPABILITY_FIELDS, `${capability}.`);
    return problems;
  }
  check(body, CONFIG_FIELDS, '');
  for (const c of CAPABILITIES) {
    const value = body[c];
    if (value === undefined) problems.push(`${c}: missing (send the whole config, or one capability's fields with ?capability=${c})`);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) check(value as Record<string, unknown>, CAPABILITY_FIELDS, `${c}.`);
  }
  return problems;
}

/**
 * Replaces the whole config, or patches one capability, through the source's compare-and-set. `ifMatch` makes
 * the write conditional on the version the caller read: checked inside the change, which `update` computes
 * from a freshly read base and recomputes after a lost race, so a stale caller is refused, never merged.
 */
export async function setRouting(
  source: RoutingSource,
  change: { body: Record<string, unknown>; capability?: Capability; ifMatch?: number },
  actor: string,
  reason?: string,
): Promise<RoutingSnapshot> {
  const problems = shapeProblems(change.body, change.capability);
  if (problems.length > 0) throw new AppError('invalid_request', `Invalid routing config: ${problems.join('; ')}`, { problems });
  return source.update(
    (config) => {
      const { version } = source.current();
      if (change.ifMatch !== undefined && version !== change.ifMatch) {
        throw new AppError('version_conflict', `The routing config is at version ${version}, not ${change.ifMatch}; read it again and retry.`, { version });
      }
      return change.capability ? { ...config, [change.capability]: { ...config[change.capability], ...change.body } } : change.body;
    },
    actor,
    'set-routing',
    reason,
  );
}

/**
 * The kill switch: the capability (or every one) goes back to its control provider, 0 %, no shadow traffic,
 * in one audited write, in force on this instance at once and on the others within a poll interval. Then
 * any rollout plan for it is aborted so the guard doesn't try again; routing comes first because it is what
 * protects users, and a plan that can't be aborted here stops itself at its next check (routing drifted).
 */
export async function rollbackRouting(ctx: AdminContext, capability: Capability | undefined, actor: string, reason = 'kill switch'): Promise<RoutingSnapshot> {
  const targets: readonly Capability[] = capability ? [capability] : CAPABILITIES;
  const source = ctx.router.source;
  await source.update(
    (config) => {
      for (const c of targets) config[c] = { ...config[c], mode: 'control', rolloutPercent: 0 };
      return config;
    },
    actor,
    'rollback',
    reason,
  );
  for (const state of await ctx.guard.status()) {
    if (!targets.includes(state.capability) || !isActive(state)) continue;
    try {
      await ctx.guard.abort(state.capability, actor, reason);
    } catch (err) {
      ctx.logger?.warn({ err, capability: state.capability }, 'rollback: could not abort the rollout plan; it stops at its next check');
    }
  }
  return source.current();
}

/** Plan operations act on the routing the guard reads, so it is refreshed first (another instance may have changed it). */
export async function rolloutAction(ctx: AdminContext, capability: Capability, action: RolloutAction, actor: string, reason?: string): Promise<RolloutState> {
  await ctx.router.source.refresh();
  switch (action) {
    case 'promote':
      return ctx.guard.promote(capability, actor);
    case 'pause':
      return ctx.guard.pause(capability, actor);
    case 'resume':
      return ctx.guard.resume(capability, actor);
    case 'abort':
      return ctx.guard.abort(capability, actor, reason ?? `aborted by ${actor}`);
  }
}
