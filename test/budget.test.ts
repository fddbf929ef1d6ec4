import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ProviderError } from '../src/domain/index.js';
import type { PriceTable } from '../src/providers/common/pricing.js';
import type { CallIdentity } from '../src/routing/hooks.js';
import { errorTypeOf } from '../src/routing/resilience.js';
import { readBudgetUsage, releaseBudget, reserveBudget, settleBudget } from '../src/store/budget.js';
import type { Db } from '../src/store/db.js';
import { DatabaseBudgetGate, budgetRulesFromEnv, budgetScope, type BudgetGateOptions, type BudgetRule } from '../src/telemetry/budget.js';
import { DATABASE_BACKENDS } from './helpers/databases.js';

const backends = DATABASE_BACKENDS;

const EPS = 1e-9;
const NOW = new Date('2026-11-24T12:00:00Z');
const DAY_SCOPE = budgetScope('day', NOW, 'parse', 'acme');

/** $50,000 per 1M input tokens and 4 characters: every call is estimated at exactly $0.05. */
const PRICES: PriceTable = { asOf: 'test', models: { 'acme-1': { input: 50_000, output: 0 } } };
const INPUT_CHARS = 4;
const CALL: CallIdentity = { capability: 'parse', provider: 'acme', model: 'acme-1', role: 'primary', requestId: null, userKey: null };

function gate(db: Db, rules: BudgetRule[], extra: Partial<BudgetGateOptions> = {}): DatabaseBudgetGate {
  return new DatabaseBudgetGate({ db, rules, prices: PRICES, now: () => NOW, ...extra });
}

const rule = (r: Partial<BudgetRule>): BudgetRule => ({ provider: 'acme', capability: 'parse', action: 'reject', ...r });

async function usageOf(db: Db, scope: string) {
  const [u] = await readBudgetUsage(db, [scope]);
  return u!;
}

for (const backend of backends) {
  describe(`budgets on ${backend.name}`, () => {
    let db: Db;
    let stop: () => Promise<void>;

    before(async () => {
      ({ db, stop } = await backend.start());
    });
    after(() => stop());
    beforeEach(async () => {
      await db.query('DELETE FROM budget_usage');
    });

    it('admits exactly as many concurrent reservations as fit under the cap', async () => {
      const scopes = [{ scope: 'day:x', capUsd: 1 }, { scope: 'month:x', capUsd: 10 }];
      const results = await Promise.all(Array.from({ length: 50 }, () => reserveBudget(db, scopes, 0.05)));
      assert.equal(results.filter(Boolean).length, 20);
      assert.ok(Math.abs((await usageOf(db, 'day:x')).reservedUsd - 1) < EPS);
      assert.ok(Math.abs((await usageOf(db, 'month:x')).reservedUsd - 1) < EPS, 'a refused reservation changes no scope');

      await Promise.all(results.filter(Boolean).map(() => settleBudget(db, ['day:x', 'month:x'], 0.05, 0.05)));
      const day = await usageOf(db, 'day:x');
      assert.ok(day.spentUsd <= 1 + EPS);
      assert.ok(Math.abs(day.spentUsd - 1) < EPS);
      assert.ok(Math.abs(day.reservedUsd) < EPS);
      assert.equal(await reserveBudget(db, scopes, 0.05), false);
      await releaseBudget(db, ['day:x'], 5);
      assert.equal((await usageOf(db, 'day:x')).reservedUsd, 0, 'a reservation never goes negative');
    });

    it('gate: 50 concurrent calls at $0.05 under a $1.00 cap: 20 pass, spending stays under the cap', async () => {
      const g = gate(db, [rule({ daily: 1 })]);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, async () => {
          const reservation = await g.reserve(CALL, INPUT_CHARS);
          await reservation.settle(0.05);
        }),
      );
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 20);
      const usage = await usageOf(db, DAY_SCOPE);
      assert.ok(usage.spentUsd <= 1 + EPS, `spent ${usage.spentUsd}`);
      assert.ok(Math.abs(usage.reservedUsd) < EPS);

      const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!.reason as ProviderError;
      assert.ok(refused instanceof ProviderError);
      assert.equal(refused.code, 'budget_exceeded');
      assert.equal(refused.status, 429);
      assert.equal(refused.retryable, false);
      assert.equal(refused.details?.['policy'], 'budget');
      assert.equal(refused.details?.['fallback'], false);
      assert.equal(errorTypeOf(refused), 'policy');
    });

    /**
     * The documented bound: once everything settles, spending exceeds the cap by at most the sum of
     * (actual − estimate) over the calls in flight when the last call was admitted. Calls run in waves: all
     * of a wave reserve together, then all settle at twice their estimate, so `wave` calls are in flight.
     */
    for (const wave of [1, 4, 50]) {
      it(`gate: actual cost 2× the estimate, waves of ${wave}: overrun ≤ calls in flight × $0.05`, async () => {
        const g = gate(db, [rule({ daily: 1 })]);
        let admitted = 0;
        let inFlight = 0;
        for (let i = 0; i < 50; i += wave) {
          const reservations = await Promise.allSettled(Array.from({ length: Math.min(wave, 50 - i) }, () => g.reserve(CALL, INPUT_CHARS)));
          const held = reservations.filter((r) => r.status === 'fulfilled').map((r) => r.value);
          admitted += held.length;
          inFlight = Math.max(inFlight, held.length);
          await Promise.all(held.map((r) => r.settle(0.1)));
        }
        const { spentUsd } = await usageOf(db, DAY_SCOPE);
        const bound = 1 + inFlight * (0.1 - 0.05);
        assert.ok(spentUsd <= bound + EPS, `spent ${spentUsd} > bound ${bound}`);
        // Sequential calls stop at $1.00 (10 × $0.10); in waves of 4, the third wave fits four estimates
        // into the last $0.20 and overshoots to $1.20; fifty at once all reserve before any settles.
        assert.equal(admitted, { 1: 10, 4: 12, 50: 20 }[wave]);
      });
    }

    it('settle and release act once, whichever comes first', async () => {
      const g = gate(db, [rule({ daily: 1 })]);
      const r = await g.reserve(CALL, INPUT_CHARS);
      await Promise.all([r.settle(0.03), r.settle(0.03), r.release()]);
      await r.release();
      const usage = await usageOf(db, DAY_SCOPE);
      assert.ok(Math.abs(usage.spentUsd - 0.03) < EPS);
      assert.ok(Math.abs(usage.reservedUsd) < EPS);

      const failed = await g.reserve(CALL, INPUT_CHARS);
      await failed.release();
      await failed.settle(0.04);
      assert.ok(Math.abs((await usageOf(db, DAY_SCOPE)).spentUsd - 0.03) < EPS, 'a released reservation spends nothing');
    });

    it('reroute fails the call the same way, but lets the router fall back', async () => {
      const g = gate(db, [rule({ daily: 0.04, action: 'reroute' })]);
      const err = await g.reserve(CALL, INPUT_CHARS).then(
        () => assert.fail('expected a refusal'),
        (e: ProviderError) => e,
      );
      assert.equal(err.code, 'budget_exceeded');
      assert.equal(err.details?.['action'], 'reroute');
      assert.equal(err.details?.['fallback'], true);
    });

    it('alert lets calls through and alerts once per scope and period; reject alerts once too', async () => {
      const alerts: { message: string; details: Record<string, unknown> }[] = [];
      let now = NOW;
      const g = gate(db, [rule({ daily: 0.12, action: 'alert' })], { alert: (message, details) => void alerts.push({ message, details }), now: () => now });
      for (let i = 0; i < 5; i++) await (await g.reserve(CALL, INPUT_CHARS)).settle(0.05);
      assert.ok(Math.abs((await usageOf(db, DAY_SCOPE)).spentUsd - 0.25) < EPS, 'every call went through');
      assert.equal(alerts.length, 1);
      assert.equal(alerts[0]!.details['scope'], DAY_SCOPE);
      assert.equal(alerts[0]!.details['action'], 'alert');
      assert.match(alerts[0]!.message, /crossed/);

      now = new Date('2026-11-25T12:00:00Z');
      for (let i = 0; i < 3; i++) await (await g.reserve(CALL, INPUT_CHARS)).settle(0.05);
      assert.equal(alerts.length, 2, 'a new day is a new period');

      const rejecting = gate(db, [rule({ provider: '*', monthly: 0.05 })], { alert: (message, details) => void alerts.push({ message, details }) });
      await (await rejecting.reserve(CALL, INPUT_CHARS)).settle(0.05);
      for (let i = 0; i < 3; i++) await assert.rejects(rejecting.reserve(CALL, INPUT_CHARS), { code: 'budget_exceeded' });
      assert.equal(alerts.length, 3);
      assert.equal(alerts[2]!.details['scope'], 'month:2026-11:parse:*');
      assert.match(alerts[2]!.message, /refused/);
    });

    it('counts a call against every matching rule, never reserves local calls, and reports status', async () => {
      const g = gate(db, [rule({ daily: 1, monthly: 10 }), { provider: '*', capability: '*', monthly: 100, action: 'alert' }, rule({ capability: 'embed', daily: 1 })]);
      await (await g.reserve(CALL, INPUT_CHARS)).settle(0.02);
      const held = await g.reserve(CALL, INPUT_CHARS);
      await g.reserve({ ...CALL, provider: 'local', model: 'local-rules' }, 10_000);

      const status = await g.status();
      assert.deepEqual(
        status.map((s) => [s.scope, s.capUsd, +s.spentUsd.toFixed(6), +s.reservedUsd.toFixed(6), s.action]),
        [
          ['day:2026-11-24:parse:acme', 1, 0.02, 0.05, 'reject'],
          ['month:2026-11:parse:acme', 10, 0.02, 0.05, 'reject'],
          ['month:2026-11:*:*', 100, 0.02, 0.05, 'alert'],
          ['day:2026-11-24:embed:acme', 1, 0, 0, 'reject'],
        ],
      );
      await held.release();
      const { rows } = await db.query<{ scope: string }>('SELECT scope FROM budget_usage ORDER BY scope');
      assert.ok(rows.every((r) => !r.scope.includes('local')));
    });
  });
}

describe('budget gate without its database', () => {
  const broken = { dialect: 'pglite', query: () => Promise.reject(new Error('down')), transaction: () => Promise.reject(new Error('down')) } as unknown as Db;

  it('lets calls through by default and refuses them with failOpen: false', async () => {
    const warnings: string[] = [];
    const logger = { warn: (...args: unknown[]) => void warnings.push(String(args[1])) };
    const open = gate(broken, [rule({ daily: 1 })], { logger });
    const r = await open.reserve(CALL, INPUT_CHARS);
    await r.settle(0.05);
    assert.equal(warnings.length, 1);

    const closed = gate(broken, [rule({ daily: 1 })], { logger, failOpen: false });
    await assert.rejects(closed.reserve(CALL, INPUT_CHARS), (e: ProviderError) => e.code === 'unavailable' && e.details?.['policy'] === 'budget');
  });

  it('estimates input at 4 characters a token plus the maximum output', () => {
    const g = new DatabaseBudgetGate({ db: broken, rules: [] });
    // gpt-4o-mini: $0.15 in, $0.60 out per 1M; 4,000 characters = 1,000 tokens; parse may write 4,096 tokens.
    assert.ok(Math.abs(g.estimateUsd({ capability: 'parse', model: 'gpt-4o-mini' }, 4000) - (1000 * 0.15 + 4096 * 0.6) / 1e6) < 1e-15);
    assert.ok(Math.abs(g.estimateUsd({ capability: 'embed', model: 'text-embedding-3-small' }, 4000) - (1000 * 0.02) / 1e6) < 1e-15);
    assert.equal(g.estimateUsd({ capability: 'parse', model: 'unknown-model' }, 4000), 0);
  });
});

describe('JOBMATCH_BUDGETS', () => {
  it('parses rules with defaults', () => {
    assert.deepEqual(budgetRulesFromEnv({}), []);
    assert.deepEqual(budgetRulesFromEnv({ JOBMATCH_BUDGETS: '[{"provider":"openai","capability":"parse","daily":5,"monthly":100},{"monthly":300,"action":"alert"}]' }), [
      { provider: 'openai', capability: 'parse', daily: 5, monthly: 100, action: 'reject' },
      { provider: '*', capability: '*', monthly: 300, action: 'alert' },
    ]);
  });

  it('names what is wrong', () => {
    assert.throws(() => budgetRulesFromEnv({ JOBMATCH_BUDGETS: '{' }), /JOBMATCH_BUDGETS is not valid JSON/);
    assert.throws(() => budgetRulesFromEnv({ JOBMATCH_BUDGETS: '[{"provider":"openai"}]' }), /daily or monthly/);
    assert.throws(() => budgetRulesFromEnv({ JOBMATCH_BUDGETS: '[{"daily":1,"action":"panic"}]' }), /\[0\.action\]/);
    assert.throws(() => budgetRulesFromEnv({ JOBMATCH_BUDGETS: '[{"daily":1,"dialy":2}]' }), /dialy/);
    assert.throws(() => budgetRulesFromEnv({ JOBMATCH_BUDGETS: '[{"daily":1},{"monthly":2}]' }), /a second rule/);
  });
});
