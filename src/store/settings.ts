import type { Db } from './db.js';

/**
 * Small persistent key/value settings (e.g. which embedding space serves searches). Values are JSON; the
 * caller owns their shape and validates what it reads back.
 */
export async function getSetting(db: Db, key: string): Promise<unknown> {
  const { rows } = await db.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [key]);
  return rows[0]?.value;
}

export async function setSetting(db: Db, key: string, value: unknown): Promise<void> {
  if (value === undefined) throw new TypeError(`setting ${key}: undefined is not storable; use deleteSetting`);
  await db.query(
    `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, JSON.stringify(value)],
  );
}

export async function deleteSetting(db: Db, key: string): Promise<void> {
  await db.query('DELETE FROM settings WHERE key = $1', [key]);
}
