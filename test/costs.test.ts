import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Command } from 'commander';
import { formatCostReport, registerCostsCommand } from '../src/cli/costs.js';
import { ZERO_USAGE } from '../src/domain/index.js';
import type { ProviderCall } from '../src/routing/observations.js';
import { holdBudget, settleBudget } from '../src/store/budget.js';
import type { Db } from '../src/store/db.js';
import { openDatabase } from '../src/store/index.js';
import { insertLedgerRows } from '../src/store/ledger.js';
import type { Env } from '../src/server/env.js';
import { toErrorResponse } from '../src/server/errors.js';
import { registerCostRoutes, type CostReport } from '../src/server/routes/costs.js';
import { budgetRulesFromEnv, budgetScope } from '../src/telemetry/budget.js';
import { ledgerRowOf } from '../src/telemetry/ledger.js';
import { createLogger } from '../src/telemetry/logger.js';
import { providerCall } from './helpers/calls.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TOKEN = 'a-test-admin-token-0123456789';
const BUDGETS = '[{"provider":"openai","capability":"parse","daily":5,"monthly":100},{"monthly":300,"action":"alert"}]';
const TODAY = new Date().toISOString().slice(0, 10);

function call(overrides: Partial<ProviderCall>): ProviderCall {
  return providerCall({
    at: Date.parse(`${TODAY}T00:00:01Z`),
    requestId: 'r',
    latencyMs: 200,
    usage: { inputTokens: 1000, outputTokens: 400, costUsd: 0.25 },
    ...overrides,
  });
}

/** Four calls today (three openai parses, one error) and one local embed; $1.25 spent on today's openai budget. */
async function seed(db: Db): Promise<void> {
  await insertLedgerRows(db, [
    ledgerRowOf(call({})),
    ledgerRowOf(call({ usage: { inputTokens: 3000, outputTokens: 600, costUsd: 0.75 } })),
    ledgerRowOf(call({ outcome: 'error', errorCode: 'timeout', usage: ZERO_USAGE })),
    ledgerRowOf(call({ capability: 'embed', provider: 'local', model: 'use-lite', usage: ZERO_USAGE, latencyMs: 10 })),
  ]);
  const scope = budgetScope('day', new Date(), 'parse', 'openai');
  await holdBudget(db, [scope], 0);
  await settleBudget(db, [scope], 0, 1.25);
}

function costApp(db: Db, adminToken: string | undefined) {
  const app = new OpenAPIHono<Env>();
  app.onError((err, c) => toErrorResponse(err, c, createLogger('silent')));
  registerCostRoutes(app, { db, budgets: budgetRulesFromEnv({ JOBMATCH_BUDGETS: BUDGETS }), adminToken });
  return app;
}

const auth = { authorization: `Bearer ${TOKEN}` };

describe('GET /api/costs', () => {
  let db: Db;
  before(async () => {
    db = await openDatabase({ inMemory: true });
    await seed(db);
  });
  after(() => db.close());

  it('groups usage and reports budgets for the current day and month', async () => {
    const res = await costApp(db, TOKEN).request(`/api/costs?groupBy=provider,capability&from=${TODAY}&to=${TODAY}`, { headers: auth });
    assert.equal(res.status, 200);
    const { data } = (await res.json()) as { data: CostReport };
    assert.deepEqual(data.groupBy, ['provider', 'capability']);
    assert.deepEqual(
      data.rows.map((r) => [r.provider, r.capability, r.requests, r.errors, r.costUsd]),
      [
        ['local', 'embed', 1, 0, 0],
        ['openai', 'parse', 3, 1, 1],
      ],
    );
    assert.equal(data.totals.requests, 4);
    assert.equal(data.totals.costUsd, 1);
    assert.deepEqual(
      data.budgets.map((b) => [b.scope.split(':')[0], b.capUsd, b.spentUsd, b.action]),
      [
        ['day', 5, 1.25, 'reject'],
        ['month', 100, 0, 'reject'],
        ['month', 300, 0, 'alert'],
      ],
    );
  });

  it('defaults to the last 30 days, totals only', async () => {
    const res = await costApp(db, TOKEN).request('/api/costs', { headers: auth });
    const { data } = (await res.json()) as { data: CostReport };
    assert.equal(data.to, TODAY);
    assert.equal((Date.parse(data.to) - Date.parse(data.from)) / 86_400_000, 29);
    assert.deepEqual(data.rows, [data.totals]);
  });

  it('refuses bad parameters and callers without the admin token', async () => {
    const app = costApp(db, TOKEN);
    const bad = async (query: string) => ((await (await app.request(`/api/costs?${query}`, { headers: auth })).json()) as Json).error;
    assert.match((await bad('groupBy=day,colour')).message, /colour.*day, provider, capability, model/);
    assert.match((await bad('from=2026-11-24&to=2026-11-01')).message, /after/);
    assert.equal((await app.request('/api/costs?from=yesterday', { headers: auth })).status, 400);
    assert.equal((await app.request('/api/costs')).status, 401);
    assert.equal((await app.request('/api/costs', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status, 403);
    assert.equal((await costApp(db, undefined).request('/api/costs', { headers: auth })).status, 404);
  });
});

/** Runs `jobmatch costs …` in this process, capturing what it prints. */
async function costs(...args: string[]): Promise<{ stdout: string; exitCode: number }> {
  const out: string[] = [];
  const original = process.stdout.write;
  // Strings only: the test runner reports to its parent through stdout in binary chunks, which must pass.
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
    typeof chunk === 'string' ? out.push(chunk) > 0 : (original as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest)) as typeof process.stdout.write;
  const program = new Command().exitOverride();
  registerCostsCommand(program);
  try {
    await program.parseAsync(['node', 'jobmatch', 'costs', ...args]);
  } finally {
    process.stdout.write = original;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout: out.join(''), exitCode };
}

describe('jobmatch costs', () => {
  const saved = { dataDir: process.env.JOBMATCH_DATA_DIR, budgets: process.env.JOBMATCH_BUDGETS, token: process.env.ADMIN_TOKEN };
  const restore = (name: 'JOBMATCH_DATA_DIR' | 'JOBMATCH_BUDGETS' | 'ADMIN_TOKEN', value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobmatch-costs-'));
    process.env.JOBMATCH_DATA_DIR = dir;
    process.env.JOBMATCH_BUDGETS = BUDGETS;
    const db = await openDatabase({ dataDir: dir });
    await seed(db);
    await db.close();
  });
  after(() => {
    restore('JOBMATCH_DATA_DIR', saved.dataDir);
    restore('JOBMATCH_BUDGETS', saved.budgets);
    restore('ADMIN_TOKEN', saved.token);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a table from the database', async () => {
    const { stdout, exitCode } = await costs('--by', 'provider');
    assert.equal(exitCode, 0);
    const lines = stdout.split('\n');
    assert.match(lines[0]!, /^usage \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} \(UTC\)$/);
    assert.match(stdout, /PROVIDER\s+REQUESTS\s+ERRORS/);
    assert.match(stdout, /\nopenai\s+3\s+1\s+0\s+4,000\s+1,000\s+\$1\.0000/);
    assert.match(stdout, /\nTOTAL\s+4\s+/);
    assert.match(stdout, /day:\d{4}-\d{2}-\d{2}:parse:openai\s+\$5\.0000\s+\$1\.2500\s+\$0\.0000\s+25\.0%\s+reject/);
  });

  it('prints JSON, and goes through a server with --url', async () => {
    const { stdout } = await costs('--json', '--by', 'day,capability', '--from', TODAY);
    const report = JSON.parse(stdout) as CostReport;
    assert.deepEqual(report.rows.map((r) => [r.day, r.capability, r.requests]), [[TODAY, 'embed', 1], [TODAY, 'parse', 3]]);

    const db = await openDatabase({ inMemory: true });
    await seed(db);
    const app = costApp(db, TOKEN);
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((url: string, init?: RequestInit) => app.request(url.replace('http://server', ''), init)) as typeof fetch;
    process.env.ADMIN_TOKEN = TOKEN;
    try {
      const viaServer = JSON.parse((await costs('--json', '--by', 'day,capability', '--from', TODAY, '--url', 'http://server')).stdout) as CostReport;
      assert.deepEqual(viaServer.rows, report.rows);
    } finally {
      globalThis.fetch = realFetch;
      await db.close();
    }
  });

  it('formats an empty report', () => {
    const empty = { requests: 0, errors: 0, cached: 0, shadow: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, shadowCostUsd: 0, costPerRequestUsd: 0, p95LatencyMs: null };
    const text = formatCostReport({ from: '2026-11-01', to: '2026-11-24', groupBy: [], rows: [empty], totals: empty, budgets: [] });
    assert.equal(text, 'usage 2026-11-01 to 2026-11-24 (UTC)\nno provider calls recorded in this range\n\nno budgets configured (JOBMATCH_BUDGETS)');
  });
});
