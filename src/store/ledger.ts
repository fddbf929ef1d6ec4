import type { Db } from './db.js';

/**
 * The usage ledger: one row per provider call, the durable record cost reports are computed from. Rows are
 * written in batches by telemetry/ledger.ts; `user_key` is already a hash when it arrives here.
 */
export interface LedgerRow {
  at: Date;
  requestId: string | null;
  /** A hash of the user id, never the id. */
  userKey: string | null;
  capability: string;
  provider: string;
  model: string;
  role: string;
  cohort: string;
  outcome: 'ok' | 'error';
  errorCode: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  cached: boolean;
  shadow: boolean;
}

const COLUMNS = [
  'at',
  'request_id',
  'user_key',
  'capability',
  'provider',
  'model',
  'role',
  'cohort',
  'outcome',
  'error_code',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'latency_ms',
  'cached',
  'shadow',
] as const;

/** PostgreSQL allows 65,535 parameters per statement; 1,000 rows of 16 stay well below it. */
const ROWS_PER_STATEMENT = 1000;

function values(r: LedgerRow): unknown[] {
  return [
    r.at,
    r.requestId,
    r.userKey,
    r.capability,
    r.provider,
    r.model,
    r.role,
    r.cohort,
    r.outcome,
    r.errorCode,
    Math.round(r.inputTokens),
    Math.round(r.outputTokens),
    r.costUsd,
    r.latencyMs,
    r.cached,
    r.shadow,
  ];
}

/** Multi-row inserts; all rows or none (one transaction), so a retried batch is never half-written. */
export async function insertLedgerRows(db: Db, rows: readonly LedgerRow[]): Promise<void> {
  if (rows.length === 0) return;
  const insert = async (target: Db, chunk: readonly LedgerRow[]) => {
    const placeholders = chunk.map((_, i) => `(${COLUMNS.map((_, j) => `$${i * COLUMNS.length + j + 1}`).join(', ')})`);
    await target.query(`INSERT INTO usage_ledger (${COLUMNS.join(', ')}) VALUES ${placeholders.join(', ')}`, chunk.flatMap(values));
  };
  if (rows.length <= ROWS_PER_STATEMENT) return insert(db, rows);
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) await insert(tx, rows.slice(i, i + ROWS_PER_STATEMENT));
  });
}

export const COST_DIMENSIONS = ['day', 'provider', 'capability', 'model'] as const;
export type CostDimension = (typeof COST_DIMENSIONS)[number];

/** Whitelisted SQL for each dimension: the only way a caller's choice reaches the statement text. */
const DIMENSION_SQL: Record<CostDimension, string> = {
  day: `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  provider: 'provider',
  capability: 'capability',
  model: 'model',
};

export interface CostQuery {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** Dimensions to group by, in output order; empty for one row of totals. */
  groupBy: readonly CostDimension[];
}

export interface CostRow {
  /** The group's value for each requested dimension (day as YYYY-MM-DD, UTC). */
  day?: string;
  provider?: string;
  capability?: string;
  model?: string;
  /** Provider calls, shadow and cached ones included. */
  requests: number;
  errors: number;
  /** Calls answered from the result cache (no provider cost). */
  cached: number;
  /** Shadow calls: paid for, but nobody was served by them. */
  shadow: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** The part of costUsd spent on shadow calls, so experiments are priced separately from serving. */
  shadowCostUsd: number;
  costPerRequestUsd: number;
  /** null when the group has no calls (only for the totals row of an empty range). */
  p95LatencyMs: number | null;
}

interface RawCostRow {
  day?: string;
  provider?: string;
  capability?: string;
  model?: string;
  requests: number;
  errors: number;
  cached: number;
  shadow: number;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  shadow_cost_usd: number | null;
  p95_latency_ms: number | null;
}

/**
 * Requests, errors, tokens, cost and p95 latency over [from, to), grouped by any of day, provider,
 * capability and model. Sums are cast to double precision: pg returns bigint and numeric as strings, and a
 * month of tokens can pass 2^31.
 */
export async function summariseCosts(db: Db, query: CostQuery): Promise<CostRow[]> {
  const dims = [...new Set(query.groupBy)];
  const select = dims.map((d) => `${DIMENSION_SQL[d]} AS ${d}`);
  const groupBy = dims.length ? `GROUP BY ${dims.map((_, i) => i + 1).join(', ')} ORDER BY ${dims.map((_, i) => i + 1).join(', ')}` : '';
  const { rows } = await db.query<RawCostRow>(
    `SELECT ${[
      ...select,
      'count(*)::int AS requests',
      `count(*) FILTER (WHERE outcome = 'error')::int AS errors`,
      'count(*) FILTER (WHERE cached)::int AS cached',
      'count(*) FILTER (WHERE shadow)::int AS shadow',
      'sum(input_tokens)::double precision AS input_tokens',
      'sum(output_tokens)::double precision AS output_tokens',
      'sum(cost_usd)::double precision AS cost_usd',
      'coalesce(sum(cost_usd) FILTER (WHERE shadow), 0)::double precision AS shadow_cost_usd',
      'percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)::double precision AS p95_latency_ms',
    ].join(', ')}
     FROM usage_ledger WHERE at >= $1 AND at < $2 ${groupBy}`,
    [query.from, query.to],
  );
  return rows.map((r) => {
    const costUsd = r.cost_usd ?? 0;
    const row: CostRow = {
      requests: r.requests,
      errors: r.errors,
      cached: r.cached,
      shadow: r.shadow,
      inputTokens: r.input_tokens ?? 0,
      outputTokens: r.output_tokens ?? 0,
      costUsd,
      shadowCostUsd: r.shadow_cost_usd ?? 0,
      costPerRequestUsd: r.requests > 0 ? costUsd / r.requests : 0,
      p95LatencyMs: r.p95_latency_ms,
    };
    for (const d of dims) row[d] = r[d];
    return row;
  });
}

/** Deletes rows older than `olderThan`; returns how many. */
export async function purgeLedger(db: Db, olderThan: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>('WITH gone AS (DELETE FROM usage_ledger WHERE at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone', [olderThan]);
  return rows[0]?.n ?? 0;
}
