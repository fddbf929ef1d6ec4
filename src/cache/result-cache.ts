import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { AppError } from '../domain/index.js';
import type { CallIdentity, ResultCache } from '../routing/hooks.js';
import { deleteCachedResultsOfUser, getCachedResult, purgeExpiredCachedResults, putCachedResult } from '../store/cache.js';
import type { Db } from '../store/db.js';
import type { Logger } from '../telemetry/logger.js';
import { decodeValue, encodeValue } from './codec.js';

/**
 * The exact-match result cache the router consults before calling a provider (ResultCache in
 * routing/hooks.ts). Exact only, never semantic: similar-but-different inputs (a negation, another date)
 * must not share an answer.
 *
 * Two tiers: an in-memory LRU per instance, then the database table shared by all instances (optional).
 * Concurrent calls with one key share one lookup and one provider call. Only successful results are stored.
 * Values are cloned in and out: callers mutate results (the router appends warnings), and a cached object
 * must never be shared. The database is an accelerator, not a dependency: when it fails the cache carries on
 * from memory, logs once, and tries the database again after `dbRetryMs`.
 *
 * Per request, `Cache-Control: no-cache` (RequestContext.noCache) skips the lookup; the fresh result is
 * still stored. `erase(userKey)` deletes a person's entries here and in the database; other instances'
 * memory tiers drop theirs when they expire (at most the TTL).
 */

/** Environment settings; parsed by the service config. */
export const CacheSettingsSchema = z.object({
  JOBMATCH_CACHE: z.enum(['true', 'false', '1', '0']).default('true'),
  JOBMATCH_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(366 * 86_400).default(86_400),
  /** Entries held in memory per instance; the database tier is bounded by the TTL instead. */
  JOBMATCH_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(5000),
});
export type CacheSettings = z.infer<typeof CacheSettingsSchema>;

export interface ResultCacheOptions {
  /** The shared tier; without one the cache is memory-only. */
  db?: Db;
  /** In-memory entries (LRU). */
  maxEntries?: number;
  ttlMs?: number;
  logger?: Logger;
  /** Clock in ms since the epoch, for expiry in both tiers (tests inject one). */
  now?: () => number;
  /** After a database failure, how long to serve from memory only before trying the database again. */
  dbRetryMs?: number;
  /** How often expired database rows are deleted; 0 turns the timer off (call purgeExpired yourself). */
  purgeEveryMs?: number;
}

export interface ManagedResultCache extends ResultCache {
  /** Deletes every entry stored for this hashed user id, in memory and in the database; returns how many. */
  erase(userKey: string): Promise<number>;
  /** Drops expired entries from both tiers; returns how many database rows went. */
  purgeExpired(): Promise<number>;
  /** Resolves when queued database writes have finished. */
  idle(): Promise<void>;
  /** Stops the purge timer and waits for queued writes; the database stays open (it isn't ours). */
  close(): Promise<void>;
  /** Entries in the memory tier. */
  readonly size: number;
}

const DAY_MS = 86_400_000;

export function createResultCache(options: ResultCacheOptions = {}): ManagedResultCache {
  return new TieredResultCache(options);
}

/** The cache the settings ask for, or undefined when JOBMATCH_CACHE is off. */
export function resultCacheFromSettings(settings: CacheSettings, deps: { db?: Db; logger?: Logger }): ManagedResultCache | undefined {
  if (settings.JOBMATCH_CACHE === 'false' || settings.JOBMATCH_CACHE === '0') return undefined;
  return createResultCache({ ...deps, ttlMs: settings.JOBMATCH_CACHE_TTL_SECONDS * 1000, maxEntries: settings.JOBMATCH_CACHE_MAX_ENTRIES });
}

interface Entry {
  /** A private copy, never handed out: every read clones it. */
  snapshot: unknown;
  userKey: string | null;
}

interface FlightState {
  userKey: string | null;
  /** Set when the user was erased meanwhile: the result must not be stored. */
  erased: boolean;
}

/** One lookup-then-compute in progress, shared by concurrent callers of its key. */
interface Flight extends FlightState {
  outcome: Promise<{ value: unknown; snapshot: unknown; cached: boolean }>;
}

class TieredResultCache implements ManagedResultCache {
  private readonly memory: LRUCache<string, Entry>;
  /** userKey → keys in memory, so erasure doesn't scan the LRU. Kept in step by the LRU's dispose. */
  private readonly keysByUser = new Map<string, Set<string>>();
  private readonly flights = new Map<string, Flight>();
  /** Every running flight, shared or not (bypassed calls aren't in `flights`), for erasure. */
  private readonly running = new Set<Flight>();
  private readonly writes = new Set<Promise<void>>();
  private readonly db: Db | undefined;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly dbRetryMs: number;
  private readonly logger: Logger | undefined;
  private dbDownUntil = 0;
  private readonly purgeTimer: NodeJS.Timeout | undefined;

  constructor(options: ResultCacheOptions) {
    this.db = options.db;
    this.ttlMs = options.ttlMs ?? DAY_MS;
    this.now = options.now ?? Date.now;
    this.dbRetryMs = options.dbRetryMs ?? 30_000;
    this.logger = options.logger;
    this.memory = new LRUCache<string, Entry>({
      max: options.maxEntries ?? 5000,
      ttl: this.ttlMs,
      // Expiry follows our clock exactly (it is one call per read, and tests inject the clock).
      ttlResolution: 0,
      perf: { now: this.now },
      dispose: (entry, key) => this.unindex(entry.userKey, key),
    });
    const purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
    if (this.db && purgeEveryMs > 0) {
      this.purgeTimer = setInterval(() => {
        this.purgeExpired().catch((err: unknown) => this.logger?.warn({ err }, 'result cache: purging expired entries failed'));
      }, purgeEveryMs);
      this.purgeTimer.unref();
    }
  }

  get size(): number {
    return this.memory.size;
  }

  async getOrCompute<T>(key: string, compute: () => Promise<T>, options: { bypass: boolean; call: CallIdentity }): Promise<{ value: T; cached: boolean }> {
    if (!options.bypass) {
      const hit = this.memory.get(key);
      if (hit) return { value: structuredClone(hit.snapshot) as T, cached: true };
      const shared = this.flights.get(key);
      if (shared) {
        const { snapshot } = await shared.outcome;
        return { value: structuredClone(snapshot) as T, cached: true };
      }
    }
    const state: FlightState = { userKey: options.call.userKey, erased: false };
    const flight: Flight = Object.assign(state, { outcome: this.fly(key, compute, options, state) });
    // A bypassing call never joins a flight, but others may join it when none is running for the key.
    if (!this.flights.has(key)) this.flights.set(key, flight);
    this.running.add(flight);
    try {
      const { value, cached } = await flight.outcome;
      return { value: value as T, cached };
    } finally {
      if (this.flights.get(key) === flight) this.flights.delete(key);
      this.running.delete(flight);
    }
  }

  /** Database lookup (unless bypassed), else compute and store. The caller gets `value`; joiners clone `snapshot`. */
  private async fly<T>(key: string, compute: () => Promise<T>, options: { bypass: boolean; call: CallIdentity }, flight: FlightState) {
    if (!options.bypass) {
      const stored = await this.readDb(key);
      if (stored) {
        if (!flight.erased) this.remember(key, { snapshot: stored.value, userKey: stored.userKey }, stored.expiresAt.getTime() - this.now());
        return { value: structuredClone(stored.value), snapshot: stored.value, cached: true };
      }
    }
    // Errors propagate to every waiter and nothing is stored: the next call tries the provider again.
    const value = await compute();
    const snapshot = this.snapshotOf(value, key);
    // An uncloneable value breaks the ports' plain-data contract: its joiners fail on their own clone.
    if (snapshot === undefined || flight.erased) return { value, snapshot: snapshot ?? value, cached: false };
    const expiresAt = this.now() + this.ttlMs;
    this.remember(key, { snapshot, userKey: options.call.userKey }, this.ttlMs);
    this.writeDb(key, snapshot, options.call, expiresAt);
    return { value, snapshot, cached: false };
  }

  /** A private copy of a fresh result, or undefined when it can't be cloned (then it isn't cached). */
  private snapshotOf(value: unknown, key: string): unknown {
    try {
      return structuredClone(value);
    } catch (err) {
      this.logger?.warn({ err, key }, 'result cache: value cannot be cloned; not cached');
      return undefined;
    }
  }

  private remember(key: string, entry: Entry, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.memory.set(key, entry, { ttl: ttlMs });
    // After set: replacing an entry disposes the old one, which unindexes the key.
    if (entry.userKey) {
      let keys = this.keysByUser.get(entry.userKey);
      if (!keys) this.keysByUser.set(entry.userKey, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindex(userKey: string | null, key: string): void {
    if (!userKey) return;
    const keys = this.keysByUser.get(userKey);
    keys?.delete(key);
    if (keys?.size === 0) this.keysByUser.delete(userKey);
  }

  private dbUsable(): Db | undefined {
    return this.db && this.now() >= this.dbDownUntil ? this.db : undefined;
  }

  private async readDb(key: string): Promise<{ value: unknown; userKey: string | null; expiresAt: Date } | null> {
    const db = this.dbUsable();
    if (!db) return null;
    try {
      const row = await getCachedResult(db, key, new Date(this.now()));
      this.dbRecovered();
      return row && { ...row, value: decodeValue(row.value) };
    } catch (err) {
      this.dbFailed(err, 'read');
      return null;
    }
  }

  /** Write-behind: the caller has its result already; the shared tier catches up. */
  private writeDb(key: string, snapshot: unknown, call: CallIdentity, expiresAt: number): void {
    const db = this.dbUsable();
    if (!db) return;
    const write = putCachedResult(db, {
      key,
      capability: call.capability,
      provider: call.provider,
      userKey: call.userKey,
      value: encodeValue(snapshot),
      expiresAt: new Date(expiresAt),
    })
      .then(() => this.dbRecovered())
      .catch((err: unknown) => this.dbFailed(err, 'write'))
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  private dbFailed(err: unknown, operation: string): void {
    const wasUp = this.dbDownUntil === 0;
    this.dbDownUntil = this.now() + this.dbRetryMs;
    if (wasUp) this.logger?.warn({ err, operation, retryInMs: this.dbRetryMs }, 'result cache: database unavailable; serving from memory only');
  }

  private dbRecovered(): void {
    if (this.dbDownUntil === 0) return;
    this.dbDownUntil = 0;
    this.logger?.info('result cache: database available again');
  }

  async erase(userKey: string): Promise<number> {
    for (const flight of this.running) if (flight.userKey === userKey) flight.erased = true;
    const erased = new Set(this.keysByUser.get(userKey));
    for (const key of erased) this.memory.delete(key);
    if (this.db) {
      // Queued writes first, so none lands after the delete. Erasure must not half-succeed quietly: a
      // database failure here is the caller's error, whatever the tier's health.
      await this.idle();
      try {
        for (const key of await deleteCachedResultsOfUser(this.db, userKey)) erased.add(key);
      } catch (err) {
        this.logger?.error({ err }, 'result cache: erasing a user from the database failed');
        throw new AppError('database_unavailable', 'Cached results could not be erased from the database; nothing is lost by retrying.');
      }
    }
    return erased.size;
  }

  async purgeExpired(): Promise<number> {
    this.memory.purgeStale();
    return this.db ? purgeExpiredCachedResults(this.db, new Date(this.now())) : 0;
  }

  async idle(): Promise<void> {
    while (this.writes.size > 0) await Promise.all(this.writes);
  }

  async close(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.idle();
  }
}
