import { z } from 'zod';
import type { ProviderCall, RoutingObserver } from '../routing/observations.js';
import type { Db } from '../store/db.js';
import { insertLedgerRows, purgeLedger, type LedgerRow } from '../store/ledger.js';
import type { Logger } from './logger.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const RetentionSchema = z.object({
  /** Days of ledger rows to keep; 0 keeps them forever. */
  JOBMATCH_LEDGER_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
});

/** JOBMATCH_LEDGER_RETENTION_DAYS (default 90; 0 = keep forever). Throws an Error naming the variable when invalid. */
export function ledgerRetentionDaysFromEnv(env: Record<string, string | undefined> = process.env): number {
  const parsed = RetentionSchema.safeParse(env);
  if (!parsed.success) throw new Error(`JOBMATCH_LEDGER_RETENTION_DAYS ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
  return parsed.data.JOBMATCH_LEDGER_RETENTION_DAYS;
}

export interface UsageLedgerOptions {
  db: Db;
  logger?: Pick<Logger, 'warn' | 'info'>;
  /** Longest a call waits in memory before it is written (default 1 s). */
  flushIntervalMs?: number;
  /** Rows that trigger a write at once (default 200). */
  batchSize?: number;
  /** Rows kept while the database is failing; beyond it the oldest are dropped and counted (default 10,000). */
  maxPending?: number;
  /** Days of rows to keep; 0 keeps everything (default 90). */
  retentionDays?: number;
}

export function ledgerRowOf(call: ProviderCall): LedgerRow {
  return {
    at: new Date(call.at),
    requestId: call.requestId,
    userKey: call.userKey,
    capability: call.capability,
    provider: call.provider,
    model: call.model,
    role: call.role,
    cohort: call.cohort,
    outcome: call.outcome,
    errorCode: call.errorCode,
    inputTokens: call.usage.inputTokens,
    outputTokens: call.usage.outputTokens,
    costUsd: call.usage.costUsd,
    latencyMs: call.latencyMs,
    cached: call.cached ?? false,
    shadow: call.role === 'shadow',
  };
}

/**
 * Records every provider call in the usage ledger. Calls are buffered and written in batches (after
 * `flushIntervalMs` or at `batchSize` rows, whichever comes first) off the request path: `onCall` only
 * pushes onto an array and never throws. While the database fails, rows wait and are retried with the next
 * batch; past `maxPending` the oldest are dropped (counted in `dropped`), so an outage costs records, not memory.
 */
export class UsageLedger implements RoutingObserver {
  private pending: LedgerRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private purgeTimer: NodeJS.Timeout | undefined;
  /** The write in progress; flushes queue behind it so batches never interleave. */
  private writing: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private failing = false;
  private droppedRows = 0;
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxPending: number;
  private readonly retentionDays: number;

  constructor(private readonly options: UsageLedgerOptions) {
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 200;
    this.maxPending = options.maxPending ?? 10_000;
    this.retentionDays = options.retentionDays ?? 90;
  }

  /** Rows dropped since start because the database was failing for too long. */
  get dropped(): number {
    return this.droppedRows;
  }

  /** Rows waiting to be written. */
  get pendingRows(): number {
    return this.pending.length;
  }

  onCall(call: ProviderCall): void {
    this.pending.push(ledgerRowOf(call));
    this.trim();
    // While the database fails, only the timer retries: one attempt per interval, not one per call.
    if (this.pending.length >= this.batchSize && !this.failing) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs).unref();
  }

  /** Writes everything pending now; resolves when written (or failed and kept for the next try). Never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    // One flush waits behind the write in progress and takes everything pending when it starts.
    if (!this.queued) {
      this.queued = this.writing.then(() => {
        this.queued = undefined;
        return this.writePending();
      });
      this.writing = this.queued;
    }
    return this.queued;
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.batchSize);
      try {
        await insertLedgerRows(this.options.db, batch);
      } catch (err) {
        // Back to the front, ahead of rows that came in meanwhile, and try again on the next flush.
        this.pending.unshift(...batch);
        this.trim();
        if (!this.failing) this.options.logger?.warn({ err, pending: this.pending.length }, 'usage ledger: write failed; keeping rows to retry');
        this.failing = true;
        this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs).unref();
        return;
      }
      if (this.failing) this.options.logger?.info({ dropped: this.droppedRows }, 'usage ledger: writing again');
      this.failing = false;
    }
  }

  private trim(): void {
    const excess = this.pending.length - this.maxPending;
    if (excess <= 0) return;
    this.pending.splice(0, excess);
    this.droppedRows += excess;
  }

  /** Purges rows past the retention now and then daily (a timer that doesn't keep the process alive). */
  startRetention(): void {
    if (this.retentionDays === 0 || this.purgeTimer) return;
    void this.purgeExpired();
    this.purgeTimer = setInterval(() => void this.purgeExpired(), DAY_MS).unref();
  }

  /** Deletes rows older than the retention; returns how many (0 when retention is off or the delete failed). */
  async purgeExpired(now: Date = new Date()): Promise<number> {
    if (this.retentionDays === 0) return 0;
    try {
      const purged = await purgeLedger(this.options.db, new Date(now.getTime() - this.retentionDays * DAY_MS));
      if (purged > 0) this.options.logger?.info({ purged, retentionDays: this.retentionDays }, 'usage ledger: purged old rows');
      return purged;
    } catch (err) {
      this.options.logger?.warn({ err }, 'usage ledger: purge failed');
      return 0;
    }
  }

  /** Stops the timers and writes what is pending: call before closing the database. */
  async close(): Promise<void> {
    clearInterval(this.purgeTimer);
    this.purgeTimer = undefined;
    await this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length > 0) this.options.logger?.warn({ unwritten: this.pending.length }, 'usage ledger: closing with rows the database refused');
  }
}
