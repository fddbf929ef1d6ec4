import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Env } from './env.js';
import { errorBody } from './errors.js';

/** OpenAPI name of the admin bearer scheme; routes list it under `security`. */
export const ADMIN_SECURITY_SCHEME = 'adminToken';

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** Fixed-length digests, so neither the comparison's time nor its early exit says how long the token is. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Guards /api/admin: 404 `admin_disabled` when no ADMIN_TOKEN is configured (the surface stays closed by
 * default), 401 without a well-formed `Authorization: Bearer …`, 403 for a wrong token.
 */
export function adminAuth(token: string | undefined): MiddlewareHandler<Env> {
  const expected = token ? digest(token) : null;
  return async (c, next) => {
    if (!expected) {
      return c.json(errorBody('admin_disabled', 'The admin API is disabled on this instance. Set ADMIN_TOKEN (at least 16 characters) and restart to enable it.'), 404);
    }
    const presented = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (!presented) {
      return c.json(errorBody('unauthorized', 'Send the admin token as "Authorization: Bearer <ADMIN_TOKEN>".'), 401, {
        'WWW-Authenticate': 'Bearer realm="jobmatch-admin"',
      });
    }
    if (!timingSafeEqual(digest(presented), expected)) {
      return c.json(errorBody('forbidden', 'The admin token is not valid.'), 403);
    }
    await next();
  };
}
