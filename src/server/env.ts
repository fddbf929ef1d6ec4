import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ResumeParser } from '../domain/index.js';
import type { JobService } from '../services/jobs.js';
import type { Logger } from '../telemetry/logger.js';

export type Env = { Variables: { requestId: string } };
export type App = OpenAPIHono<Env>;

export interface AppDeps {
  logger: Logger;
  parser: ResumeParser;
  /** Absent in a parse-only deployment: job and match routes then answer 404. */
  jobs?: JobService;
  limits: { maxUploadBytes: number; maxPdfPages: number };
}
