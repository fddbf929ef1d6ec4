import type { Db } from './db.js';

/**
 * Budget accounting per scope (a budget and its period, e.g. 'day:2026-11-24:parse:openai'). A call first
 * reserves its estimated cost, atomically against every cap it falls under, then settles with the actual
 * cost (or releases the reservation when it failed). The policy (which scopes, what caps, what to do when
 * one is reached) lives in telemetry/budget.ts.
 */
export interface ScopeCap {
  scope: string;
  capUsd: number;
}

export interface BudgetUsage {
  scope: string;
  spentUsd: number;
  reservedUsd: number;
}

/**
 * Float sums of cents drift (twenty 0.05s add up to 1.0000000000000002): a nano-dollar of slack keeps a
 * budget that is exactly used up from refusing its last call.
 */
const CAP_SLACK_USD = 1e-9;

/** Thrown inside the transaction to roll it back; never escapes this module. */
class OverCap extends Error {}

/** Creates missing rows, in scope order: concurrent first inserts of the same scopes then wait, not deadlock. */
async function ensureRows(tx: Db, scopes: readonly string[]): Promise<void> {
  await tx.query(
    'INSERT INTO budget_usage (scope, spent_usd, reserved_usd) SELECT s, 0, 0 FROM unnest($1::text[]) AS s ON CONFLICT (scope) DO NOTHING',
    [[...scopes].sort()],
  );
}

/**
 * Adds `amountUsd` to the reservation of every scope, only if each of them stays within its cap
 * (spent + reserved + amount ≤ cap); otherwise changes nothing and returns false. The rows are locked in
 * scope order first, so two calls over overlapping scopes queue instead of deadlocking.
 */
export async function reserveBudget(db: Db, scopes: readonly ScopeCap[], amountUsd: number): Promise<boolean> {
  if (scopes.length === 0) return true;
  const names = scopes.map((s) => s.scope);
  if (new Set(names).size !== names.length) throw new TypeError(`reserveBudget: duplicate scopes in ${names.join(', ')}`);
  try {
    return await db.transaction(async (tx) => {
      await ensureRows(tx, names);
      await tx.query('SELECT scope FROM budget_usage WHERE scope = ANY($1::text[]) ORDER BY scope FOR UPDATE', [names]);
      const { rows } = await tx.query<{ scope: string }>(
        `UPDATE budget_usage AS b SET reserved_usd = b.reserved_usd + $3, updated_at = now()
         FROM unnest($1::text[], $2::double precision[]) AS c(scope, cap)
         WHERE b.scope = c.scope AND b.spent_usd + b.reserved_usd + $3 <= c.cap + ${CAP_SLACK_USD}
         RETURNING b.scope`,
        [names, scopes.map((s) => s.capUsd), amountUsd],
      );
      if (rows.length < names.length) throw new OverCap();
      return true;
    });
  } catch (e) {
    if (e instanceof OverCap) return false;
    throw e;
  }
}

/**
 * Adds `amountUsd` to the reservation of every scope whatever the caps (for budgets that only alert) and
 * returns the usage after it, for the caller to compare with its caps.
 */
export async function holdBudget(db: Db, scopes: readonly string[], amountUsd: number): Promise<BudgetUsage[]> {
  if (scopes.length === 0) return [];
  return db.transaction(async (tx) => {
    await ensureRows(tx, scopes);
    const { rows } = await tx.query<RawUsage>(
      `UPDATE budget_usage SET reserved_usd = reserved_usd + $2, updated_at = now()
       WHERE scope = ANY($1::text[]) RETURNING scope, spent_usd, reserved_usd`,
      [scopes, amountUsd],
    );
    return rows.map(toUsage).sort((a, b) => a.scope.localeCompare(b.scope));
  });
}

/**
 * Ends a reservation: its `reservedUsd` leaves the reservation and `actualUsd` joins what was spent.
 * Clamped at zero so float drift can't leave a negative reservation behind.
 */
export async function settleBudget(db: Db, scopes: readonly string[], reservedUsd: number, actualUsd: number): Promise<void> {
  if (scopes.length === 0) return;
  await db.query(
    `UPDATE budget_usage SET reserved_usd = greatest(reserved_usd - $2, 0), spent_usd = spent_usd + $3, updated_at = now()
     WHERE scope = ANY($1::text[])`,
    [scopes, reservedUsd, actualUsd],
  );
}

/** Ends a reservation without spending: the call failed before costing anything. */
export function releaseBudget(db: Db, scopes: readonly string[], reservedUsd: number): Promise<void> {
  return settleBudget(db, scopes, reservedUsd, 0);
}

interface RawUsage {
  scope: string;
  spent_usd: number;
  reserved_usd: number;
}

const toUsage = (r: RawUsage): BudgetUsage => ({ scope: r.scope, spentUsd: r.spent_usd, reservedUsd: r.reserved_usd });

/** Usage of the given scopes; a scope nobody has spent in yet is reported at zero. */
export async function readBudgetUsage(db: Db, scopes: readonly string[]): Promise<BudgetUsage[]> {
  if (scopes.length === 0) return [];
  const { rows } = await db.query<RawUsage>('SELECT scope, spent_usd, reserved_usd FROM budget_usage WHERE scope = ANY($1::text[])', [scopes]);
  const found = new Map(rows.map((r) => [r.scope, toUsage(r)]));
  return scopes.map((scope) => found.get(scope) ?? { scope, spentUsd: 0, reservedUsd: 0 });
}
