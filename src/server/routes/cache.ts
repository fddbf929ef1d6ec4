import { createRoute, z } from '@hono/zod-openapi';
import { userKeyOf } from '../../routing/router.js';
import { ADMIN_SECURITY_SCHEME, adminAuth } from '../admin-auth.js';
import type { App, AppDeps } from '../env.js';
import { errorResponses } from '../schemas.js';

/** What erasure needs of the cache: a ManagedResultCache, or the store function when the cache is off. */
export interface CacheEraser {
  erase(userKey: string): Promise<number>;
}

const UserParamSchema = z.object({
  userId: z.string().min(1).max(1024).openapi({ description: 'The user id as sent in X-User-Id', example: 'user-42' }),
});

const EraseResponseSchema = z
  .object({ success: z.literal(true), data: z.object({ deleted: z.number().int().nonnegative().openapi({ description: 'Cached results erased' }) }) })
  .openapi('CacheEraseResponse');

const eraseRoute = createRoute({
  method: 'delete',
  path: '/api/cache/users/{userId}',
  tags: ['admin'],
  security: [{ [ADMIN_SECURITY_SCHEME]: [] }],
  summary: 'Erase the cached results stored for a person',
  description:
    'Deletes every cached parse and embedding that requests with this X-User-Id stored, from this instance’s memory and from the shared database. ' +
    'Other instances drop their in-memory copies when those expire (JOBMATCH_CACHE_TTL_SECONDS). Requests without a user id are cached anonymously and cannot be erased by person. ' +
    'To skip the cache for one request instead, send `Cache-Control: no-cache` (the fresh result is still stored).',
  request: { params: UserParamSchema },
  responses: { 200: { description: 'How many entries were erased', content: { 'application/json': { schema: EraseResponseSchema } } }, ...errorResponses(401, 403, 404, 503) },
});

/** The id as the request middleware reads X-User-Id (trimmed, capped at 256), so the hash matches the router's. */
function normaliseUserId(id: string): string {
  return id.trim().slice(0, 256);
}

export function registerCacheRoutes(app: App, deps: Pick<AppDeps, 'adminToken'>, cache: CacheEraser): void {
  app.use('/api/cache/*', adminAuth(deps.adminToken));
  app.openapi(eraseRoute, async (c) => {
    const userKey = userKeyOf(normaliseUserId(c.req.valid('param').userId));
    const deleted = userKey ? await cache.erase(userKey) : 0;
    return c.json({ success: true as const, data: { deleted } }, 200);
  });
}
