import type { Db } from './db.js';

/**
 * The database tier of the exact-match result cache (table result_cache). Values are JSON whose shape the
 * cache owns (src/cache/codec.ts); this module only stores, expires and erases them. Expiry is decided by
 * the caller's clock (`now`), the same clock that set `expires_at`, so tests and instances agree on it.
 */
export interface CachedResultInput {
  key: string;
  capability: string;
  provider: string;
  /** Hashed user id of the request that stored the entry (for erasure); null when anonymous. */
  userKey: string | null;
  /** JSON-safe value. */
  value: unknown;
  expiresAt: Date;
}

export interface CachedResult {
  value: unknown;
  userKey: string | null;
  expiresAt: Date;
}

/** The live entry for `key`, or null when there is none or it has expired. */
export async function getCachedResult(db: Db, key: string, now: Date): Promise<CachedResult | null> {
  const { rows } = await db.query<{ value: unknown; user_key: string | null; expires_at: Date | string }>(
    'SELECT value, user_key, expires_at FROM result_cache WHERE key = $1 AND expires_at > $2::timestamptz',
    [key, now.toISOString()],
  );
  const r = rows[0];
  return r ? { value: r.value, userKey: r.user_key, expiresAt: new Date(r.expires_at) } : null;
}

/** Inserts or replaces the entry for `key` (a fresh result replaces an old one, its expiry restarts). */
export async function putCachedResult(db: Db, entry: CachedResultInput): Promise<void> {
  await db.query(
    `INSERT INTO result_cache (key, capability, provider, user_key, value, expires_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::timestamptz)
     ON CONFLICT (key) DO UPDATE SET capability = EXCLUDED.capability, provider = EXCLUDED.provider,
       user_key = EXCLUDED.user_key, value = EXCLUDED.value, created_at = now(), expires_at = EXCLUDED.expires_at`,
    [entry.key, entry.capability, entry.provider, entry.userKey, JSON.stringify(entry.value), entry.expiresAt.toISOString()],
  );
}

/** Erases a person's entries; returns the deleted keys. */
export async function deleteCachedResultsOfUser(db: Db, userKey: string): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>('DELETE FROM result_cache WHERE user_key = $1 RETURNING key', [userKey]);
  return rows.map((r) => r.key);
}

/** Returns whether an entry was deleted. */
export async function deleteCachedResult(db: Db, key: string): Promise<boolean> {
  const { rows } = await db.query('DELETE FROM result_cache WHERE key = $1 RETURNING key', [key]);
  return rows.length > 0;
}

/** Deletes entries expired at `now`; returns how many. */
export async function purgeExpiredCachedResults(db: Db, now: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'WITH gone AS (DELETE FROM result_cache WHERE expires_at <= $1::timestamptz RETURNING 1) SELECT count(*)::int AS n FROM gone',
    [now.toISOString()],
  );
  return rows[0]?.n ?? 0;
}
