import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../domain/index.js';
import type { Db } from '../../store/db.js';
import { COST_DIMENSIONS, summariseCosts, type CostDimension, type CostRow } from '../../store/ledger.js';
import { BUDGET_ACTIONS, budgetStatus, type BudgetRule, type BudgetStatus } from '../../telemetry/budget.js';
import { ADMIN_SECURITY_SCHEME, adminAuth } from '../admin-auth.js';
import type { App } from '../env.js';
import { errorResponses } from '../schemas.js';

// ---------------------------------------------------------------------------------------------------------
// The report, shared with `jobmatch costs` when it reads the database directly.

export interface CostReportQuery {
  /** First day, YYYY-MM-DD (UTC), inclusive. */
  from: string;
  /** Last day, YYYY-MM-DD (UTC), inclusive. */
  to: string;
  groupBy: CostDimension[];
}

export interface CostReport extends CostReportQuery {
  rows: CostRow[];
  totals: CostRow;
  /** Each budget's current UTC day and month. */
  budgets: BudgetStatus[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_REPORT_DAYS = 30;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The last `DEFAULT_REPORT_DAYS` days up to today, for whichever end the caller left out. */
export function reportRange(from: string | undefined, to: string | undefined, now: Date = new Date()): { from: string; to: string } {
  const end = to ?? isoDay(now);
  const start = from ?? isoDay(new Date(Date.parse(`${end}T00:00:00Z`) - (DEFAULT_REPORT_DAYS - 1) * DAY_MS));
  if (start > end) throw new AppError('invalid_request', `from (${start}) is after to (${end}).`);
  return { from: start, to: end };
}

/** "day,provider" → validated dimensions; unknown names are refused with the list of known ones. */
export function parseGroupBy(value: string | undefined): CostDimension[] {
  if (value === undefined || value.trim() === '') return [];
  const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = parts.filter((p) => !(COST_DIMENSIONS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new AppError('invalid_request', `Cannot group by ${unknown.join(', ')}; choose from ${COST_DIMENSIONS.join(', ')}.`);
  return [...new Set(parts as CostDimension[])];
}

export async function costReport(db: Db, budgets: readonly BudgetRule[], query: CostReportQuery): Promise<CostReport> {
  const range = { from: new Date(`${query.from}T00:00:00Z`), to: new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS) };
  const [rows, [totals], status] = await Promise.all([
    summariseCosts(db, { ...range, groupBy: query.groupBy }),
    summariseCosts(db, { ...range, groupBy: [] }),
    budgetStatus(db, budgets),
  ]);
  return { ...query, rows, totals: totals!, budgets: status };
}

// ---------------------------------------------------------------------------------------------------------
// Route

const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real calendar date');

export const CostsQuerySchema = z.object({
  from: DaySchema.optional().openapi({ description: `First day (UTC), inclusive; default ${DEFAULT_REPORT_DAYS - 1} days before \`to\``, example: '2026-11-01' }),
  to: DaySchema.optional().openapi({ description: 'Last day (UTC), inclusive; default today', example: '2026-11-24' }),
  groupBy: z
    .string()
    .optional()
    .openapi({ description: `Comma-separated: ${COST_DIMENSIONS.join(', ')}. Empty: totals only.`, example: 'day,provider,capability' }),
});

const CostRowSchema = z
  .object({
    day: z.string().optional(),
    provider: z.string().optional(),
    capability: z.string().optional(),
    model: z.string().optional(),
    requests: z.number().int().openapi({ description: 'Provider calls, shadow and cached ones included' }),
    errors: z.number().int(),
    cached: z.number().int().openapi({ description: 'Calls answered from the result cache' }),
    shadow: z.number().int().openapi({ description: 'Shadow calls (compared, never served)' }),
    inputTokens: z.number(),
    outputTokens: z.number(),
    costUsd: z.number(),
    shadowCostUsd: z.number().openapi({ description: 'The part of costUsd spent on shadow calls' }),
    costPerRequestUsd: z.number(),
    p95LatencyMs: z.number().nullable(),
  })
  .openapi('CostRow');

const BudgetStatusSchema = z
  .object({ scope: z.string(), capUsd: z.number(), spentUsd: z.number(), reservedUsd: z.number(), action: z.enum(BUDGET_ACTIONS) })
  .openapi('BudgetStatus');

export const CostsResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    from: z.string(),
    to: z.string(),
    groupBy: z.array(z.enum(COST_DIMENSIONS)),
    rows: z.array(CostRowSchema),
    totals: CostRowSchema,
    budgets: z.array(BudgetStatusSchema),
  }),
});

const costsRoute = createRoute({
  method: 'get',
  path: '/api/costs',
  tags: ['admin'],
  security: [{ [ADMIN_SECURITY_SCHEME]: [] }],
  summary: 'Provider usage and cost from the usage ledger, grouped, with budget status',
  description: 'Requests, errors, cache hits, tokens, cost, cost per request and p95 latency per group, over whole UTC days; and each budget’s spending this day and month. Admin token required.',
  request: { query: CostsQuerySchema },
  responses: { 200: { description: 'The cost report', content: { 'application/json': { schema: CostsResponseSchema } } }, ...errorResponses(400, 401, 403, 404) },
});

export interface CostRouteDeps {
  db: Db;
  /** The budget rules in force (JOBMATCH_BUDGETS), whose current usage the report includes. */
  budgets: readonly BudgetRule[];
  /** Spending is operator data: the route sits behind the admin token (and is closed without one). */
  adminToken: string | undefined;
}

export function registerCostRoutes(app: App, deps: CostRouteDeps): void {
  app.use('/api/costs', adminAuth(deps.adminToken));
  app.openapi(costsRoute, async (c) => {
    const query = c.req.valid('query');
    const report = await costReport(deps.db, deps.budgets, { ...reportRange(query.from, query.to), groupBy: parseGroupBy(query.groupBy) });
    return c.json({ success: true as const, data: report }, 200);
  });
}
