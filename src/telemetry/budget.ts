import { z } from 'zod';
import { ProviderError } from '../domain/index.js';
import { DEFAULT_PRICE_TABLE, findPrice, type PriceTable } from '../providers/common/pricing.js';
import { CAPABILITIES, type Capability } from '../routing/config.js';
import type { BudgetGate, BudgetReservation, CallIdentity } from '../routing/hooks.js';
import { holdBudget, readBudgetUsage, reserveBudget, settleBudget, type ScopeCap } from '../store/budget.js';
import type { Db } from '../store/db.js';
import type { Logger } from './logger.js';

/**
 * Daily and monthly spending caps on provider calls, enforced by reservation (reserve an estimate before the
 * call, settle with the actual cost after it), so concurrent calls can't all slip past a nearly-spent budget.
 *
 * Configuration: JOBMATCH_BUDGETS, a JSON array of rules, at most one per (provider, capability) pair:
 *
 *   JOBMATCH_BUDGETS='[{"provider":"openai","capability":"parse","daily":5,"monthly":100,"action":"reject"},
 *                      {"monthly":300,"action":"alert"}]'
 *
 *   provider    a provider name, or "*" (default) for the sum over all providers
 *   capability  parse | embed | match, or "*" (default) for all
 *   daily       USD per UTC day       } at least one of the two
 *   monthly     USD per UTC month     }
 *   action      reject (default): the call fails with budget_exceeded (HTTP 429), no provider is tried after it;
 *               reroute: the same error, but parsing moves on to the next provider of its fallback chain
 *                        (configure one, e.g. the free local parser, or reroute behaves like reject);
 *               alert: the call goes through; one alert per scope and period when the cap is crossed.
 *
 * A call counts against every rule that matches it: {"provider":"openai"} and {"capability":"parse"} both
 * hold an OpenAI parse. The local provider is free and never reserved.
 *
 * Overrun bound. A call is admitted only if, for each of its scopes, spent + reserved + estimate ≤ cap,
 * where `reserved` holds the estimates of the calls in flight. When all calls have settled, spending
 * exceeds the cap by at most the sum of (actual − estimate), where positive, over the calls that were in
 * flight when the last call was admitted: at that moment their estimates fitted under the cap, and only
 * their overshoot comes on top. With actual ≤ estimate the cap holds exactly. The estimate takes the
 * provider's maximum output (parse: max_tokens), so overshoot comes from a parser's repair call, from
 * input that tokenises denser than 4 characters per token, and from float slack of a nano-dollar. A process
 * that dies mid-call leaves its estimate reserved until the period ends (the next period starts clean).
 */

export const BUDGET_ACTIONS = ['reject', 'reroute', 'alert'] as const;
export type BudgetAction = (typeof BUDGET_ACTIONS)[number];

const BudgetRuleSchema = z
  .strictObject({
    provider: z.string().trim().min(1).default('*'),
    capability: z.enum([...CAPABILITIES, '*']).default('*'),
    daily: z.number().positive().finite().optional(),
    monthly: z.number().positive().finite().optional(),
    action: z.enum(BUDGET_ACTIONS).default('reject'),
  })
  .refine((r) => r.daily !== undefined || r.monthly !== undefined, 'give a daily or monthly cap in USD (or both)');

export type BudgetRule = z.infer<typeof BudgetRuleSchema>;

export const BudgetRulesSchema = z.array(BudgetRuleSchema).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  for (const [i, r] of rules.entries()) {
    const key = `${r.capability}:${r.provider}`;
    // Two rules on one pair would share a scope row with different caps and actions: say which one wins instead.
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: `a second rule for provider "${r.provider}", capability "${r.capability}": merge them` });
    seen.add(key);
  }
});

/**
 * The rules in JOBMATCH_BUDGETS (none when unset). A malformed value throws an Error naming the variable and
 * every problem; loadConfig-style callers wrap it in a ConfigError.
 */
export function budgetRulesFromEnv(env: Record<string, string | undefined> = process.env): BudgetRule[] {
  const raw = env.JOBMATCH_BUDGETS?.trim();
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new Error(`JOBMATCH_BUDGETS is not valid JSON (${(e as Error).message})`);
  }
  const parsed = BudgetRulesSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? `[${i.path.join('.')}] ` : ''}${i.message}`);
    throw new Error(`JOBMATCH_BUDGETS ${problems.join('; ')}`);
  }
  return parsed.data;
}

type Period = 'day' | 'month';

/** 'day:2026-11-24:parse:openai', 'month:2026-11:*:*': one row of spending per budget and period (UTC). */
export function budgetScope(period: Period, at: Date, capability: string, provider: string): string {
  const iso = at.toISOString();
  return `${period}:${period === 'day' ? iso.slice(0, 10) : iso.slice(0, 7)}:${capability}:${provider}`;
}

interface ScopedCap extends ScopeCap {
  action: BudgetAction;
}

function scopesOf(rules: readonly BudgetRule[], at: Date, matches: (r: BudgetRule) => boolean): ScopedCap[] {
  const out: ScopedCap[] = [];
  for (const r of rules) {
    if (!matches(r)) continue;
    if (r.daily !== undefined) out.push({ scope: budgetScope('day', at, r.capability, r.provider), capUsd: r.daily, action: r.action });
    if (r.monthly !== undefined) out.push({ scope: budgetScope('month', at, r.capability, r.provider), capUsd: r.monthly, action: r.action });
  }
  return out;
}

export interface BudgetStatus {
  scope: string;
  capUsd: number;
  spentUsd: number;
  reservedUsd: number;
  action: BudgetAction;
}

/** Every budget's current day and month: what `GET /api/costs` and `jobmatch costs` show. */
export async function budgetStatus(db: Db, rules: readonly BudgetRule[], now: Date = new Date()): Promise<BudgetStatus[]> {
  const scopes = scopesOf(rules, now, () => true);
  const usage = await readBudgetUsage(db, scopes.map((s) => s.scope));
  return scopes.map((s, i) => ({ scope: s.scope, capUsd: s.capUsd, spentUsd: usage[i]!.spentUsd, reservedUsd: usage[i]!.reservedUsd, action: s.action }));
}

export interface BudgetGateOptions {
  db: Db;
  rules: readonly BudgetRule[];
  prices?: PriceTable;
  /** Most output tokens one call may produce, per capability (the parsers' max_tokens is 4096; embeddings have none). */
  maxOutputTokens?: Partial<Record<Capability, number>>;
  /** Told once per scope and period when a cap is reached, whatever the action. */
  alert?: (message: string, details: Record<string, unknown>) => void;
  logger?: Pick<Logger, 'warn'>;
  /**
   * When the budget table can't be reached: let calls through (default: a budget outage shouldn't be a
   * service outage, and the ledger still records the spend) or refuse them.
   */
  failOpen?: boolean;
  now?: () => Date;
}

const DEFAULT_MAX_OUTPUT_TOKENS: Record<Capability, number> = { parse: 4096, embed: 0, match: 0 };

/** About four characters per token, as estimateTokens in providers/common/pricing.ts. */
const CHARS_PER_TOKEN = 4;

const NOTHING_HELD: BudgetReservation = { settle: async () => undefined, release: async () => undefined };

/** Reserved scopes of one call. settle/release act once, whichever comes first; later calls do nothing. */
class Reservation implements BudgetReservation {
  private done = false;

  constructor(
    private readonly db: Db,
    private readonly scopes: readonly string[],
    private readonly estimateUsd: number,
    private readonly logger: Pick<Logger, 'warn'> | undefined,
  ) {}

  settle(actualCostUsd: number): Promise<void> {
    return this.finish(actualCostUsd);
  }

  release(): Promise<void> {
    return this.finish(0);
  }

  /** Never throws: the call it belongs to has already succeeded or failed on its own terms. */
  private async finish(actualUsd: number): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await settleBudget(this.db, this.scopes, this.estimateUsd, actualUsd);
    } catch (err) {
      this.logger?.warn({ err, scopes: this.scopes, estimateUsd: this.estimateUsd, actualUsd }, 'budget: could not settle a reservation');
    }
  }
}

export class DatabaseBudgetGate implements BudgetGate {
  private readonly prices: PriceTable;
  private readonly maxOutputTokens: Record<Capability, number>;
  private readonly now: () => Date;
  /** Scopes (which carry their period) already alerted on by this instance. */
  private readonly alerted = new Set<string>();

  constructor(private readonly options: BudgetGateOptions) {
    this.prices = options.prices ?? DEFAULT_PRICE_TABLE;
    this.maxOutputTokens = { ...DEFAULT_MAX_OUTPUT_TOKENS, ...options.maxOutputTokens };
    this.now = options.now ?? (() => new Date());
  }

  get rules(): readonly BudgetRule[] {
    return this.options.rules;
  }

  status(now: Date = this.now()): Promise<BudgetStatus[]> {
    return budgetStatus(this.options.db, this.options.rules, now);
  }

  /** Input at ~4 characters per token plus the most output the call may produce, at list price; 0 for unpriced models. */
  estimateUsd(call: Pick<CallIdentity, 'capability' | 'model'>, inputChars: number): number {
    const price = findPrice(call.model, this.prices);
    if (!price) return 0;
    const inputTokens = Math.ceil(inputChars / CHARS_PER_TOKEN);
    return (inputTokens * price.input + this.maxOutputTokens[call.capability] * price.output) / 1_000_000;
  }

  async reserve(call: CallIdentity, inputChars: number): Promise<BudgetReservation> {
    if (call.provider === 'local') return NOTHING_HELD;
    const scopes = scopesOf(this.options.rules, this.now(), (r) => (r.provider === '*' || r.provider === call.provider) && (r.capability === '*' || r.capability === call.capability));
    if (scopes.length === 0) return NOTHING_HELD;
    const estimateUsd = this.estimateUsd(call, inputChars);
    const enforced = scopes.filter((s) => s.action !== 'alert');
    const alerting = scopes.filter((s) => s.action === 'alert');
    const { db } = this.options;

    let admitted: boolean;
    try {
      admitted = await reserveBudget(db, enforced, estimateUsd);
    } catch (err) {
      return this.storeFailed(err, call);
    }
    if (!admitted) {
      await this.alertOverCap(enforced, estimateUsd, call);
      throw this.refusal(call, enforced, estimateUsd);
    }
    try {
      const usage = await holdBudget(db, alerting.map((s) => s.scope), estimateUsd);
      for (const s of alerting) {
        const u = usage.find((x) => x.scope === s.scope);
        if (u && u.spentUsd + u.reservedUsd > s.capUsd) this.alertOnce(s, u.spentUsd + u.reservedUsd, call);
      }
    } catch (err) {
      await new Reservation(db, enforced.map((s) => s.scope), estimateUsd, this.options.logger).release();
      return this.storeFailed(err, call);
    }
    return new Reservation(db, scopes.map((s) => s.scope), estimateUsd, this.options.logger);
  }

  /** When both reject and reroute rules hold the call, reject wins: rerouting is opt-in. */
  private refusal(call: CallIdentity, scopes: readonly ScopedCap[], estimateUsd: number): ProviderError {
    const reroute = scopes.every((s) => s.action === 'reroute');
    return new ProviderError(
      'budget_exceeded',
      // Caps stay out of the message: it reaches API clients.
      `The ${call.capability} budget for ${call.provider} is used up for now; try again in the next budget period.`,
      {
        provider: call.provider,
        retryable: false,
        // `fallback` tells the router whether another provider may take the call (reroute) or not (reject).
        details: { policy: 'budget', action: reroute ? 'reroute' : 'reject', fallback: reroute, scopes: scopes.map((s) => s.scope), estimateUsd },
      },
    );
  }

  /** After a refusal, which of the scopes was full (another may have had room): alert on those. */
  private async alertOverCap(scopes: readonly ScopedCap[], estimateUsd: number, call: CallIdentity): Promise<void> {
    if (!this.options.alert || scopes.every((s) => this.alerted.has(s.scope))) return;
    try {
      const usage = await readBudgetUsage(this.options.db, scopes.map((s) => s.scope));
      for (const [i, s] of scopes.entries()) {
        const used = usage[i]!.spentUsd + usage[i]!.reservedUsd;
        if (used + estimateUsd > s.capUsd) this.alertOnce(s, used, call);
      }
    } catch (err) {
      this.options.logger?.warn({ err }, 'budget: could not read usage for an alert');
    }
  }

  private alertOnce(s: ScopedCap, usedUsd: number, call: CallIdentity): void {
    if (!this.options.alert || this.alerted.has(s.scope)) return;
    // Scopes name their period, so old ones are never hit again; a bounded set is enough.
    if (this.alerted.size >= 1000) this.alerted.clear();
    this.alerted.add(s.scope);
    const verb = s.action === 'alert' ? 'crossed; calls continue' : s.action === 'reroute' ? 'reached; calls go to the fallback provider' : 'reached; calls are refused';
    try {
      this.options.alert(`Budget ${s.scope} ${verb} ($${usedUsd.toFixed(4)} of $${s.capUsd}).`, {
        scope: s.scope,
        capUsd: s.capUsd,
        usedUsd,
        action: s.action,
        capability: call.capability,
        provider: call.provider,
      });
    } catch (err) {
      this.options.logger?.warn({ err }, 'budget: the alert callback failed');
    }
  }

  private storeFailed(err: unknown, call: CallIdentity): BudgetReservation {
    this.options.logger?.warn({ err, capability: call.capability, provider: call.provider }, `budget: the budget table is unreachable; ${this.options.failOpen === false ? 'refusing' : 'allowing'} the call`);
    if (this.options.failOpen === false) {
      throw new ProviderError('unavailable', 'Budgets cannot be checked right now.', { provider: call.provider, retryable: false, details: { policy: 'budget' } });
    }
    return NOTHING_HELD;
  }
}
