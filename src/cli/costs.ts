import { InvalidArgumentError, type Command } from 'commander';
import { resolveEnv } from '../config-file.js';
import { loadConfig } from '../config.js';
import { AppError, ERROR_STATUS, type ErrorCode } from '../domain/index.js';
import { costReport, parseGroupBy, reportRange, type CostReport, type CostReportQuery } from '../server/routes/costs.js';
import { isStoreError, openDatabase } from '../store/index.js';
import type { CostDimension, CostRow } from '../store/ledger.js';

/**
 * `jobmatch costs`: provider usage and cost from the usage ledger, and budget status. Reads the database
 * directly by default; with `--url`, asks a running server (whose embedded database this process can't open).
 */

interface CostsOptions {
  from?: string;
  to?: string;
  by: CostDimension[];
  json?: boolean;
  url?: string;
}

async function fromServer(baseUrl: string, query: CostReportQuery): Promise<CostReport> {
  const token = process.env.ADMIN_TOKEN;
  if (!token) throw new AppError('unauthorized', 'Set ADMIN_TOKEN to the server’s admin token to use --url.');
  const base = baseUrl.replace(/\/+$/, '');
  const params = new URLSearchParams({ from: query.from, to: query.to, groupBy: query.groupBy.join(',') });
  let res: Response;
  try {
    res = await fetch(`${base}/api/costs?${params}`, { headers: { authorization: `Bearer ${token}` } });
  } catch (err) {
    throw new AppError('unavailable', `Cannot reach ${base}: ${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message}`);
  }
  const payload = (await res.json().catch(() => null)) as { success?: boolean; data?: CostReport; error?: { code?: string; message?: string } } | null;
  if (!res.ok || !payload?.success || !payload.data) {
    const code = payload?.error?.code;
    throw new AppError(code && code in ERROR_STATUS ? (code as ErrorCode) : 'internal_error', payload?.error?.message ?? `GET /api/costs answered HTTP ${res.status}`);
  }
  return payload.data;
}

/** Null when the embedded database is held by a running server (the message says what to do instead). */
async function fromDatabase(query: CostReportQuery): Promise<CostReport | null> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...resolveEnv() });
  let db;
  try {
    db = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  } catch (err) {
    if (!isStoreError(err, 'database_locked')) throw err;
    process.stderr.write(`The database is in use by a running server: add --url http://${config.host}:${config.port} (with ADMIN_TOKEN set) to ask it instead.\n`);
    return null;
  }
  try {
    return await costReport(db, config.budgets, query);
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Output

function table(rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]!) : i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}

const usd = (n: number) => `$${n < 0.01 && n > 0 ? n.toFixed(6) : n.toFixed(4)}`;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

function costCells(r: CostRow): string[] {
  return [
    count(r.requests),
    count(r.errors),
    count(r.cached),
    count(r.inputTokens),
    count(r.outputTokens),
    usd(r.costUsd),
    usd(r.shadowCostUsd),
    usd(r.costPerRequestUsd),
    r.p95LatencyMs === null ? '-' : r.p95LatencyMs.toFixed(0),
  ];
}

const COST_HEADERS = ['REQUESTS', 'ERRORS', 'CACHED', 'IN TOKENS', 'OUT TOKENS', 'COST', 'SHADOW COST', 'PER REQUEST', 'P95 MS'];

export function formatCostReport(report: CostReport): string {
  const dims = report.groupBy;
  const right = new Set(COST_HEADERS.map((_, i) => dims.length + i));
  const lines = [`usage ${report.from} to ${report.to} (UTC)`];
  if (report.totals.requests === 0) lines.push('no provider calls recorded in this range');
  else {
    const head = [...dims.map((d) => d.toUpperCase()), ...COST_HEADERS];
    const body = report.rows.map((r) => [...dims.map((d) => r[d] ?? '-'), ...costCells(r)]);
    const total = dims.length > 0 ? [[...dims.map((_, i) => (i === 0 ? 'TOTAL' : '')), ...costCells(report.totals)]] : [costCells(report.totals)];
    lines.push(table([head, ...(dims.length > 0 ? body : []), ...total], right));
  }
  lines.push('');
  if (report.budgets.length === 0) lines.push('no budgets configured (JOBMATCH_BUDGETS)');
  else {
    lines.push(
      table(
        [
          ['BUDGET', 'CAP', 'SPENT', 'RESERVED', 'USED', 'ACTION'],
          ...report.budgets.map((b) => [b.scope, usd(b.capUsd), usd(b.spentUsd), usd(b.reservedUsd), `${((100 * (b.spentUsd + b.reservedUsd)) / b.capUsd).toFixed(1)}%`, b.action]),
        ],
        new Set([1, 2, 3, 4]),
      ),
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Command

function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return value;
}

function dimensions(value: string): CostDimension[] {
  try {
    return parseGroupBy(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

export function registerCostsCommand(program: Command): void {
  program
    .command('costs')
    .description('provider calls, tokens and cost from the usage ledger, and budget status')
    .option('--from <day>', 'first day (UTC), inclusive (default: 29 days before --to)', day)
    .option('--to <day>', 'last day (UTC), inclusive (default: today)', day)
    .option('--by <dimensions>', 'group by any of day, provider, capability, model (comma-separated; "" for totals only)', dimensions, ['day', 'provider'] as CostDimension[])
    .option('--json', 'print as JSON')
    .option('--url <server>', 'ask a running server (ADMIN_TOKEN from the environment) instead of reading the database')
    .action(async (opts: CostsOptions) => {
      const query: CostReportQuery = { ...reportRange(opts.from, opts.to), groupBy: opts.by };
      const report = opts.url ? await fromServer(opts.url, query) : await fromDatabase(query);
      if (!report) {
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${opts.json ? JSON.stringify(report, null, 2) : formatCostReport(report)}\n`);
    });
}
