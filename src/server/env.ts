import type { OpenAPIHono } from '@hono/zod-openapi';
import type { RequestContext } from '../routing/router.js';
import type { Services } from '../services/runtime.js';
import type { Logger } from '../telemetry/logger.js';
import type { SloTargets } from '../telemetry/slo.js';

export type Env = { Variables: { requestId: string; routing: RequestContext } };
export type App = OpenAPIHono<Env>;

export interface AppDeps {
  logger: Logger;
  services: Pick<Services, 'db' | 'router' | 'jobs' | 'stats' | 'guard' | 'metrics' | 'budget' | 'cache' | 'feedback'>;
  limits: { maxUploadBytes: number; maxPdfPages: number };
  /** Enables /api/admin; without it those routes say they are disabled. */
  adminToken?: string;
  sloTargets?: SloTargets;
}
