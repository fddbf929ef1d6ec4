import type { Db } from './db.js';

/** How far a back-fill of one embedding space has got. */
export interface ReindexCheckpoint {
  spaceId: string;
  /** The last job id whose batch was committed; null before the first batch. */
  lastJobId: string | null;
  processed: number;
  updatedAt: Date;
}

export async function getCheckpoint(db: Db, spaceId: string): Promise<ReindexCheckpoint | undefined> {
  const { rows } = await db.query<{ space_id: string; last_job_id: string | null; processed: number; updated_at: Date }>(
    'SELECT space_id, last_job_id, processed, updated_at FROM reindex_checkpoints WHERE space_id = $1',
    [spaceId],
  );
  const row = rows[0];
  return row && { spaceId: row.space_id, lastJobId: row.last_job_id, processed: row.processed, updatedAt: row.updated_at };
}

/**
 * Records progress. Write it in the same transaction as the batch's embeddings so a crash can never leave
 * the checkpoint ahead of (or behind) the stored vectors.
 */
export async function saveCheckpoint(db: Db, checkpoint: { spaceId: string; lastJobId: string | null; processed: number }): Promise<void> {
  await db.query(
    `INSERT INTO reindex_checkpoints (space_id, last_job_id, processed) VALUES ($1, $2, $3)
     ON CONFLICT (space_id) DO UPDATE SET
       last_job_id = EXCLUDED.last_job_id, processed = EXCLUDED.processed, updated_at = now()`,
    [checkpoint.spaceId, checkpoint.lastJobId, checkpoint.processed],
  );
}

/** Forgets progress, when a back-fill finished or should start over. */
export async function clearCheckpoint(db: Db, spaceId: string): Promise<void> {
  await db.query('DELETE FROM reindex_checkpoints WHERE space_id = $1', [spaceId]);
}
