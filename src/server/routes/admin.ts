import { createRoute } from '@hono/zod-openapi';
import { AppError } from '../../domain/index.js';
import { CAPABILITIES, CapabilityRoutingSchema, RoutingConfigSchema, type Capability } from '../../routing/config.js';
import { isActive, RolloutPlanSchema, type RolloutGuard, type RolloutState } from '../../routing/guard.js';
import type { BreakerState } from '../../routing/resilience.js';
import type { Router } from '../../routing/router.js';
import type { RoutingSnapshot, RoutingSource } from '../../routing/source.js';
import type { Logger } from '../../telemetry/logger.js';
import { ADMIN_SECURITY_SCHEME, adminAuth } from '../admin-auth.js';
import type { App, AppDeps } from '../env.js';
import {
  AdminHeadersSchema,
  AuditQuerySchema,
  AuditResponseSchema,
  CapabilityParamSchema,
  errorResponses,
  ReasonBodySchema,
  RollbackBodySchema,
  RolloutActionParamSchema,
  RolloutListResponseSchema,
  RolloutStateResponseSchema,
  RoutingSnapshotResponseSchema,
  RoutingUpdateBodySchema,
  RoutingUpdateHeadersSchema,
  RoutingUpdateQuerySchema,
  ShadowResponseSchema,
  type RolloutAction,
} from '../schemas.js';

// ---------------------------------------------------------------------------------------------------------
// Operations, shared with `jobmatch rollout` when it works on the database directly.

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

// ---------------------------------------------------------------------------------------------------------
// Routes

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const security = [{ [ADMIN_SECURITY_SCHEME]: [] }];
const adminErrors = errorResponses(400, 401, 403, 404);

const getRoutingRoute = createRoute({
  method: 'get',
  path: '/api/admin/routing',
  tags: ['admin'],
  security,
  summary: 'Current routing config, its version and this instance’s circuit breakers',
  responses: { 200: { description: 'The routing in force here (ETag: its version)', ...json(RoutingSnapshotResponseSchema) }, ...errorResponses(401, 403, 404) },
});

const putRoutingRoute = createRoute({
  method: 'put',
  path: '/api/admin/routing',
  tags: ['admin'],
  security,
  summary: 'Replace the routing config, or patch one capability',
  description: 'Validated against the schema and the providers this instance can build; every problem is listed. Audited with the actor (X-Admin-Actor) and reason. In force on this instance at once, on others within their poll interval.',
  request: { headers: RoutingUpdateHeadersSchema, query: RoutingUpdateQuerySchema, body: { required: true, ...json(RoutingUpdateBodySchema) } },
  responses: { 200: { description: 'The new routing', ...json(RoutingSnapshotResponseSchema) }, ...adminErrors, ...errorResponses(409) },
});

const rollbackRoute = createRoute({
  method: 'post',
  path: '/api/admin/rollback',
  tags: ['admin'],
  security,
  summary: 'Kill switch: back to the control provider, 0 %, and abort rollout plans',
  request: { headers: AdminHeadersSchema, body: { required: false, ...json(RollbackBodySchema) } },
  responses: { 200: { description: 'The routing after the rollback', ...json(RoutingSnapshotResponseSchema) }, ...adminErrors },
});

const listRolloutsRoute = createRoute({
  method: 'get',
  path: '/api/admin/rollouts',
  tags: ['admin'],
  security,
  summary: 'Latest rollout plan state per capability',
  responses: { 200: { description: 'Rollout states', ...json(RolloutListResponseSchema) }, ...errorResponses(401, 403, 404) },
});

const checkRolloutsRoute = createRoute({
  method: 'post',
  path: '/api/admin/rollouts/check',
  tags: ['admin'],
  security,
  summary: 'Run one analysis tick now for every running or paused rollout',
  responses: { 200: { description: 'The states after the check', ...json(RolloutListResponseSchema) }, ...errorResponses(401, 403, 404) },
});

const startRolloutRoute = createRoute({
  method: 'post',
  path: '/api/admin/rollouts/{capability}',
  tags: ['admin'],
  security,
  summary: 'Start a guarded rollout of the capability’s candidate provider',
  description: 'The body is a rollout plan; every field has a default (steps 1, 5, 10, 25, 50, 100 %).',
  request: { params: CapabilityParamSchema, headers: AdminHeadersSchema, body: { required: false, ...json(RolloutPlanSchema) } },
  responses: { 201: { description: 'The rollout, at its first step', ...json(RolloutStateResponseSchema) }, ...adminErrors },
});

const rolloutActionRoute = createRoute({
  method: 'post',
  path: '/api/admin/rollouts/{capability}/{action}',
  tags: ['admin'],
  security,
  summary: 'Promote (next step now), pause, resume or abort a rollout',
  request: { params: RolloutActionParamSchema, headers: AdminHeadersSchema, body: { required: false, ...json(ReasonBodySchema) } },
  responses: { 200: { description: 'The rollout after the action', ...json(RolloutStateResponseSchema) }, ...adminErrors },
});

const auditRoute = createRoute({
  method: 'get',
  path: '/api/admin/audit',
  tags: ['admin'],
  security,
  summary: 'Routing changes, newest first: when, who, what, why, before and after',
  request: { query: AuditQuerySchema },
  responses: { 200: { description: 'Audit entries', ...json(AuditResponseSchema) }, ...adminErrors },
});

const shadowRoute = createRoute({
  method: 'get',
  path: '/api/admin/shadow',
  tags: ['admin'],
  security,
  summary: 'Shadow comparison results on this instance: aggregates and recent (redacted) mismatches',
  responses: { 200: { description: 'Shadow results', ...json(ShadowResponseSchema) }, ...errorResponses(401, 403, 404) },
});

const DEFAULT_ACTOR = 'admin';

function parseIfMatch(header: string | undefined): number | undefined {
  return header === undefined ? undefined : Number(header.replace(/^W\//, '').replaceAll('"', ''));
}

export function registerAdminRoutes(app: App, deps: AppDeps): void {
  const { router, guard } = deps.services;
  const ctx: AdminContext = { router, guard, logger: deps.logger };
  const source = router.source;

  app.openAPIRegistry.registerComponent('securitySchemes', ADMIN_SECURITY_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'The ADMIN_TOKEN the instance was started with',
  });
  app.use('/api/admin/*', adminAuth(deps.adminToken));

  /** The routing body every routing route answers with; its version doubles as the ETag for If-Match. */
  const snapshot = (setHeader: (name: string, value: string) => void) => {
    const view = routingView(router);
    setHeader('ETag', `"${view.version}"`);
    return { success: true as const, data: view };
  };
  const actorOf = (headers: { 'x-admin-actor'?: string | undefined }) => headers['x-admin-actor'] ?? DEFAULT_ACTOR;

  app.openapi(getRoutingRoute, (c) => c.json(snapshot(c.header), 200));

  app.openapi(putRoutingRoute, async (c) => {
    const { reason, ...body } = c.req.valid('json');
    const headers = c.req.valid('header');
    const { capability } = c.req.valid('query');
    await setRouting(source, { body, capability, ifMatch: parseIfMatch(headers['if-match']) }, actorOf(headers), reason);
    return c.json(snapshot(c.header), 200);
  });

  app.openapi(rollbackRoute, async (c) => {
    const { capability, reason } = c.req.valid('json');
    await rollbackRouting(ctx, capability, actorOf(c.req.valid('header')), reason);
    return c.json(snapshot(c.header), 200);
  });

  app.openapi(listRolloutsRoute, async (c) => c.json({ success: true as const, data: { rollouts: await guard.status() } }, 200));

  // Before /rollouts/{capability}: "check" is not a capability.
  app.openapi(checkRolloutsRoute, async (c) => {
    await source.refresh();
    return c.json({ success: true as const, data: { rollouts: await guard.check({ force: true }) } }, 200);
  });

  app.openapi(startRolloutRoute, async (c) => {
    const { capability } = c.req.valid('param');
    await source.refresh();
    const state = await guard.start(capability, c.req.valid('json'), actorOf(c.req.valid('header')));
    return c.json({ success: true as const, data: state }, 201);
  });

  app.openapi(rolloutActionRoute, async (c) => {
    const { capability, action } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const state = await rolloutAction(ctx, capability, action, actorOf(c.req.valid('header')), reason);
    return c.json({ success: true as const, data: state }, 200);
  });

  app.openapi(auditRoute, async (c) => {
    const { limit } = c.req.valid('query');
    return c.json({ success: true as const, data: { entries: await source.audit(limit) } }, 200);
  });

  app.openapi(shadowRoute, (c) =>
    c.json({ success: true as const, data: { summary: router.shadow.summary(), mismatches: router.shadow.mismatches() } }, 200),
  );
}
