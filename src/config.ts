import { resolve } from 'node:path';
import { z } from 'zod';
import { providerSettings, type ProviderSettings } from './providers/settings.js';
import { routingFromEnv, type RoutingConfig } from './routing/config.js';
import { ResilienceSettingsSchema, type ResilienceSettings } from './routing/resilience.js';
import { CacheSettingsSchema, type CacheSettings } from './cache/result-cache.js';
import { budgetRulesFromEnv, type BudgetRule } from './telemetry/budget.js';
import { ledgerRetentionDaysFromEnv } from './telemetry/ledger.js';
import { sloTargetsFromEnv, type SloTargets } from './telemetry/slo.js';

/**
 * Service configuration, read from the environment with safe defaults so `npm start` needs nothing set.
 * Validated once at start-up: a bad value stops the process with one line naming the variable to fix.
 */
const MB = 1024 * 1024;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  JOBMATCH_DATA_DIR: z.string().min(1).default('.jobmatch'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JOBMATCH_MAX_UPLOAD_MB: z.coerce.number().positive().max(200).default(10),
  JOBMATCH_MAX_PDF_PAGES: z.coerce.number().int().positive().max(500).default(20),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  JOBMATCH_SAMPLE_JOBS: z.enum(['true', 'false', '1', '0']).default('true'),
  /** Enables /api/admin; without it those routes answer that they are disabled. */
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  JOBMATCH_ALERT_WEBHOOK_URL: z.url().optional(),
  /** Whether this instance runs the rollout guard's analysis loop (run it on one instance of several). */
  JOBMATCH_GUARD: z.enum(['true', 'false', '1', '0']).default('true'),
  JOBMATCH_ROUTING_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** CloudWatch Embedded Metric Format lines on stdout, one per provider call. */
  JOBMATCH_CLOUDWATCH_EMF: z.enum(['true', 'false', '1', '0']).default('false'),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the directory holding the embedded database and caches. */
  dataDir: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  maxUploadBytes: number;
  maxPdfPages: number;
  /** PostgreSQL (with pgvector) instead of the embedded database. */
  databaseUrl: string | undefined;
  /** Load the sample job corpus when the database has no jobs. */
  sampleJobs: boolean;
  /** Which provider serves each capability, and their non-secret settings. */
  providers: ProviderSettings;
  /** The initial routing (the database's copy wins once anyone changes it). */
  routing: RoutingConfig;
  resilience: ResilienceSettings;
  adminToken: string | undefined;
  alertWebhookUrl: string | undefined;
  runGuard: boolean;
  routingPollMs: number;
  cloudwatchEmf: boolean;
  /** The success metrics SLO status and the dashboard measure against. */
  sloTargets: SloTargets;
  /** Daily and monthly spending caps (JOBMATCH_BUDGETS). */
  budgets: BudgetRule[];
  /** Days of usage ledger kept; 0 keeps it forever. */
  ledgerRetentionDays: number;
  /** The exact-match result cache. */
  cache: CacheSettings;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    // Never echo DATABASE_URL: it carries a password.
    const secret = variable === 'DATABASE_URL' || variable === 'ADMIN_TOKEN' || variable === 'JOBMATCH_ALERT_WEBHOOK_URL';
    const got = secret ? '' : ` (got "${env[variable] ?? ''}")`;
    throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}${got}`);
  }
  const e = parsed.data;
  let providers: ProviderSettings;
  let routing: RoutingConfig;
  let resilience: ResilienceSettings;
  let sloTargets: SloTargets;
  let budgets: BudgetRule[];
  let ledgerRetentionDays: number;
  let cache: CacheSettings;
  try {
    providers = providerSettings(env);
    routing = routingFromEnv(env);
    resilience = ResilienceSettingsSchema.parse(env);
    sloTargets = sloTargetsFromEnv(env);
    budgets = budgetRulesFromEnv(env);
    ledgerRetentionDays = ledgerRetentionDaysFromEnv(env);
    cache = CacheSettingsSchema.parse(env);
  } catch (err) {
    const message = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') : (err as Error).message;
    throw new ConfigError(`Invalid configuration: ${message}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.JOBMATCH_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    maxUploadBytes: Math.round(e.JOBMATCH_MAX_UPLOAD_MB * MB),
    maxPdfPages: e.JOBMATCH_MAX_PDF_PAGES,
    databaseUrl: e.DATABASE_URL,
    sampleJobs: e.JOBMATCH_SAMPLE_JOBS === 'true' || e.JOBMATCH_SAMPLE_JOBS === '1',
    providers,
    routing,
    resilience,
    adminToken: e.ADMIN_TOKEN,
    alertWebhookUrl: e.JOBMATCH_ALERT_WEBHOOK_URL,
    runGuard: e.JOBMATCH_GUARD === 'true' || e.JOBMATCH_GUARD === '1',
    routingPollMs: e.JOBMATCH_ROUTING_POLL_MS,
    cloudwatchEmf: e.JOBMATCH_CLOUDWATCH_EMF === 'true' || e.JOBMATCH_CLOUDWATCH_EMF === '1',
    sloTargets,
    budgets,
    ledgerRetentionDays,
    cache,
  };
}
