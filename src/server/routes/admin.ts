import { createRoute } from '@hono/zod-openapi';
import { RolloutPlanSchema } from '../../routing/guard.js';
import { rollbackRouting, rolloutAction, routingView, setRouting, type AdminContext } from '../../services/routing-admin.js';
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
} from '../schemas.js';


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
