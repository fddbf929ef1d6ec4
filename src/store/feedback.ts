import type { Db } from './db.js';

/** One rating of one served answer, attributed to the provider and cohort that served it. */
export interface FeedbackRow {
  requestId: string;
  /** A hash of the user id, never the id. */
  userKey: string | null;
  capability: string;
  provider: string;
  cohort: string;
  rating: 1 | -1;
  /** Field → corrected value, as the user gave it; null when none. */
  corrections: Record<string, unknown> | null;
}

/**
 * Records a rating; a second rating of the same answer (request id and capability) replaces the first, so a
 * person who changes their mind is counted once.
 */
export async function upsertFeedback(db: Db, row: FeedbackRow): Promise<void> {
  await db.query(
    `INSERT INTO feedback (request_id, user_key, capability, provider, cohort, rating, corrections)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (request_id, capability) DO UPDATE
       SET at = now(), user_key = $2, provider = $4, cohort = $5, rating = $6, corrections = $7`,
    [row.requestId, row.userKey, row.capability, row.provider, row.cohort, row.rating, row.corrections === null ? null : JSON.stringify(row.corrections)],
  );
}

export interface FeedbackCounts {
  cohort: string;
  provider: string;
  up: number;
  down: number;
  /** Ratings that came with corrections. */
  corrected: number;
}

/** Up and down counts of one capability per cohort and provider, over [since, until). */
export async function feedbackCounts(db: Db, capability: string, window: { since?: Date; until?: Date } = {}): Promise<FeedbackCounts[]> {
  const { rows } = await db.query<FeedbackCounts>(
    `SELECT cohort, provider,
            count(*) FILTER (WHERE rating = 1)::int AS up,
            count(*) FILTER (WHERE rating = -1)::int AS down,
            count(*) FILTER (WHERE corrections IS NOT NULL)::int AS corrected
     FROM feedback
     WHERE capability = $1 AND ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3)
     GROUP BY cohort, provider ORDER BY cohort, provider`,
    [capability, window.since ?? null, window.until ?? null],
  );
  return rows;
}
