import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ZERO_USAGE } from '../src/domain/index.js';
import type { ProviderCall } from '../src/routing/observations.js';
import { userKeyOf } from '../src/routing/router.js';
import type { Db } from '../src/store/db.js';
import { insertLedgerRows, purgeLedger, summariseCosts, type LedgerRow } from '../src/store/ledger.js';
import { UsageLedger, ledgerRetentionDaysFromEnv, ledgerRowOf } from '../src/telemetry/ledger.js';
import { DATABASE_BACKENDS } from './helpers/databases.js';
import { providerCall } from './helpers/calls.js';

const backends = DATABASE_BACKENDS;

const DAY = 24 * 60 * 60 * 1000;

function call(overrides: Partial<ProviderCall> = {}): ProviderCall {
  return providerCall({
    at: Date.parse('2026-11-24T12:00:00Z'),
    requestId: 'req-1',
    usage: { inputTokens: 1000, outputTokens: 500, costUsd: 0.01 },
    ...overrides,
  });
}

const row = (overrides: Partial<ProviderCall> = {}): LedgerRow => ledgerRowOf(call(overrides));

for (const backend of backends) {
  describe(`usage ledger on ${backend.name}`, () => {
    let db: Db;
    let stop: () => Promise<void>;

    before(async () => {
      ({ db, stop } = await backend.start());
    });
    after(() => stop());
    beforeEach(async () => {
      await db.query('DELETE FROM usage_ledger');
    });

    it('writes buffered calls with the hashed user key only', async () => {
      const ledger = new UsageLedger({ db, batchSize: 2 });
      const userKey = userKeyOf('alice@example.com');
      ledger.onCall(call({ userKey, requestId: 'a' }));
      ledger.onCall(call({ userKey, requestId: 'b', role: 'shadow', cohort: 'candidate', provider: 'bedrock' }));
      ledger.onCall(call({ userKey, requestId: 'c', outcome: 'error', errorCode: 'timeout', errorType: 'provider', usage: ZERO_USAGE }));
      await ledger.close();

      const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM usage_ledger ORDER BY request_id');
      assert.deepEqual(
        rows.map((r) => [r.request_id, r.provider, r.role, r.shadow, r.outcome, r.error_code]),
        [
          ['a', 'openai', 'primary', false, 'ok', null],
          ['b', 'bedrock', 'shadow', true, 'ok', null],
          ['c', 'openai', 'primary', false, 'error', 'timeout'],
        ],
      );
      assert.ok(rows.every((r) => r.user_key === userKey));
      assert.match(String(userKey), /^[0-9a-f]{16}$/);
      assert.ok(!JSON.stringify(rows).includes('alice'), 'the raw user id never reaches the ledger');
      assert.equal(rows[0]!.input_tokens, 1000);
      assert.equal(rows[0]!.cost_usd, 0.01);
      assert.equal(ledger.dropped, 0);
    });

    it('summarises by day and provider, with the shadow spend apart', async () => {
      const day1 = Date.parse('2026-11-23T08:00:00Z');
      const day2 = Date.parse('2026-11-24T23:59:59Z');
      await insertLedgerRows(db, [
        // Day 1, openai: latencies 1..100 ms, so p95 = 95.05 (linear interpolation); 100 × $0.01.
        ...Array.from({ length: 100 }, (_, i) => row({ at: day1, latencyMs: i + 1 })),
        row({ at: day1, provider: 'local', model: 'local-rules', usage: ZERO_USAGE, latencyMs: 5 }),
        // Day 2: one cached hit, one error, one shadow call on bedrock.
        row({ at: day2, cached: true, usage: ZERO_USAGE, latencyMs: 1 }),
        row({ at: day2, outcome: 'error', errorCode: 'throttled', usage: ZERO_USAGE, latencyMs: 30 }),
        row({ at: day2, provider: 'bedrock', model: 'anthropic.claude-3-haiku-20240307-v1:0', role: 'shadow', usage: { inputTokens: 2000, outputTokens: 100, costUsd: 0.02 } }),
        // Outside the range.
        row({ at: Date.parse('2026-11-25T00:00:00Z') }),
      ]);
      const range = { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-25T00:00:00Z') };

      const byDayProvider = await summariseCosts(db, { ...range, groupBy: ['day', 'provider'] });
      assert.deepEqual(
        byDayProvider.map((r) => [r.day, r.provider, r.requests, r.errors, r.cached, r.shadow]),
        [
          ['2026-11-23', 'local', 1, 0, 0, 0],
          ['2026-11-23', 'openai', 100, 0, 0, 0],
          ['2026-11-24', 'bedrock', 1, 0, 0, 1],
          ['2026-11-24', 'openai', 2, 1, 1, 0],
        ],
      );
      const openaiDay1 = byDayProvider[1]!;
      assert.ok(Math.abs(openaiDay1.costUsd - 1) < 1e-9);
      assert.ok(Math.abs(openaiDay1.costPerRequestUsd - 0.01) < 1e-12);
      assert.equal(openaiDay1.inputTokens, 100_000);
      assert.ok(Math.abs(openaiDay1.p95LatencyMs! - 95.05) < 1e-9);
      assert.equal(byDayProvider[2]!.shadowCostUsd, 0.02);

      const byProvider = await summariseCosts(db, { ...range, groupBy: ['provider'] });
      assert.deepEqual(byProvider.map((r) => [r.provider, r.requests]), [['bedrock', 1], ['local', 1], ['openai', 102]]);

      const [totals] = await summariseCosts(db, { ...range, groupBy: [] });
      assert.equal(totals!.requests, 104);
      assert.ok(Math.abs(totals!.costUsd - 1.02) < 1e-9);
      assert.equal(totals!.day, undefined);

      const [empty] = await summariseCosts(db, { from: new Date('2020-01-01'), to: new Date('2020-01-02'), groupBy: [] });
      assert.deepEqual(empty, { requests: 0, errors: 0, cached: 0, shadow: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, shadowCostUsd: 0, costPerRequestUsd: 0, p95LatencyMs: null });
    });

    it('purges rows past the retention', async () => {
      const now = new Date('2026-11-24T00:00:00Z');
      await insertLedgerRows(db, [
        row({ at: now.getTime() - 100 * DAY, requestId: 'old' }),
        row({ at: now.getTime() - 91 * DAY, requestId: 'old' }),
        row({ at: now.getTime() - 89 * DAY, requestId: 'kept' }),
        row({ at: now.getTime(), requestId: 'kept' }),
      ]);
      const ledger = new UsageLedger({ db, retentionDays: 90 });
      assert.equal(await ledger.purgeExpired(now), 2);
      const { rows } = await db.query<{ request_id: string }>('SELECT request_id FROM usage_ledger');
      assert.deepEqual(rows.map((r) => r.request_id), ['kept', 'kept']);
      assert.equal(await purgeLedger(db, new Date(now.getTime() - 90 * DAY)), 0);
      assert.equal(await new UsageLedger({ db, retentionDays: 0 }).purgeExpired(new Date('2099-01-01')), 0, 'retention 0 keeps everything');
    });

    it('writes more rows than one statement takes in one go', async () => {
      await insertLedgerRows(db, Array.from({ length: 2500 }, (_, i) => row({ requestId: `r${i}` })));
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM usage_ledger');
      assert.equal(rows[0]!.n, 2500);
    });
  });
}

describe('usage ledger when the database fails', () => {
  /** A Db whose inserts fail until `healthy` is set; records what it was sent. */
  function flakyDb() {
    const state = { healthy: false, attempts: 0, written: [] as unknown[][] };
    const db = {
      dialect: 'pglite',
      async query(_sql: string, params: readonly unknown[] = []) {
        state.attempts++;
        if (!state.healthy) throw new Error('connection refused');
        state.written.push([...params]);
        return { rows: [] };
      },
    } as unknown as Db;
    return { db, state };
  }

  it('keeps the newest rows up to the limit, counts the dropped ones, and never throws', async () => {
    const { db, state } = flakyDb();
    const warnings: string[] = [];
    const logger = { warn: (...args: unknown[]) => void warnings.push(String(args[1])), info: () => undefined };
    const ledger = new UsageLedger({ db, logger, batchSize: 100, maxPending: 5 });
    for (let i = 0; i < 8; i++) ledger.onCall(call({ requestId: `r${i}` }));
    await ledger.flush();
    await ledger.flush();
    assert.equal(ledger.dropped, 3);
    assert.equal(ledger.pendingRows, 5);
    assert.equal(warnings.length, 1, 'one warning per outage, not per attempt');

    state.healthy = true;
    await ledger.close();
    assert.equal(ledger.pendingRows, 0);
    const requestIds = state.written.flat().filter((v) => typeof v === 'string' && v.startsWith('r'));
    assert.deepEqual(requestIds, ['r3', 'r4', 'r5', 'r6', 'r7']);
  });

  it('retries failed rows on the timer only, not on every call', async () => {
    const { db, state } = flakyDb();
    const ledger = new UsageLedger({ db, batchSize: 2, maxPending: 1000, flushIntervalMs: 60_000 });
    ledger.onCall(call());
    ledger.onCall(call());
    await ledger.flush();
    const attempts = state.attempts;
    for (let i = 0; i < 50; i++) ledger.onCall(call());
    await Promise.resolve();
    assert.equal(state.attempts, attempts);
    state.healthy = true;
    await ledger.close();
    assert.equal(ledger.pendingRows, 0);
  });
});

describe('ledger retention setting', () => {
  it('defaults to 90 days and validates', () => {
    assert.equal(ledgerRetentionDaysFromEnv({}), 90);
    assert.equal(ledgerRetentionDaysFromEnv({ JOBMATCH_LEDGER_RETENTION_DAYS: '0' }), 0);
    assert.throws(() => ledgerRetentionDaysFromEnv({ JOBMATCH_LEDGER_RETENTION_DAYS: 'soon' }), /JOBMATCH_LEDGER_RETENTION_DAYS/);
  });
});
