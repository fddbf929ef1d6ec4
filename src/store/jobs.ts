import { createHash } from 'node:crypto';
import type { Job, Seniority, Workplace } from '../domain/job.js';
import type { Db } from './db.js';

/** A job with the hash of the text that gets embedded for it, as written to the store. */
export type JobInput = Job & { contentHash: string };

export type StoredJob = JobInput & { createdAt: Date; updatedAt: Date };

/** sha256 hex of the text embedded for a job; an embedding with another hash is stale. */
export function contentHash(embeddedText: string): string {
  return createHash('sha256').update(embeddedText, 'utf8').digest('hex');
}

interface JobRow {
  id: string;
  title: string;
  company: string | null;
  description: string;
  location: string | null;
  workplace: string;
  seniority: string | null;
  required_skills: string[];
  nice_to_have_skills: string[];
  occupation_code: string | null;
  min_years_experience: number | null;
  content_hash: string;
  created_at: Date;
  updated_at: Date;
}

const JOB_COLUMNS = `id, title, company, description, location, workplace, seniority, required_skills,
  nice_to_have_skills, occupation_code, min_years_experience, content_hash, created_at, updated_at`;

/** Rows per INSERT: keeps each statement's parameter (one JSON document) to a few megabytes. */
const UPSERT_BATCH = 500;

/**
 * Inserts or updates jobs, one statement per batch of 500, all in one transaction. The batch travels as a
 * single JSON parameter expanded by jsonb_to_recordset, which both drivers handle and which needs no
 * per-row placeholders. A row whose content did not change keeps its updated_at. Later duplicates of an id
 * win.
 */
export async function upsertJobs(db: Db, jobs: readonly JobInput[]): Promise<void> {
  const unique = [...new Map(jobs.map((j) => [j.id, j])).values()];
  if (unique.length === 0) return;
  await db.transaction(async (tx) => {
    for (let start = 0; start < unique.length; start += UPSERT_BATCH) {
      await tx.query(UPSERT_SQL, [JSON.stringify(unique.slice(start, start + UPSERT_BATCH).map(toRecord))]);
    }
  });
}

const UPSERT_SQL = `
  INSERT INTO jobs (id, title, company, description, location, workplace, seniority, required_skills,
                    nice_to_have_skills, occupation_code, min_years_experience, content_hash)
  SELECT id, title, company, description, location, workplace, seniority, required_skills,
         nice_to_have_skills, occupation_code, min_years_experience, content_hash
  FROM jsonb_to_recordset($1::jsonb) AS r(
    id text, title text, company text, description text, location text, workplace text, seniority text,
    required_skills text[], nice_to_have_skills text[], occupation_code text,
    min_years_experience double precision, content_hash text)
  ON CONFLICT (id) DO UPDATE SET
    title = EXCLUDED.title, company = EXCLUDED.company, description = EXCLUDED.description,
    location = EXCLUDED.location, workplace = EXCLUDED.workplace, seniority = EXCLUDED.seniority,
    required_skills = EXCLUDED.required_skills, nice_to_have_skills = EXCLUDED.nice_to_have_skills,
    occupation_code = EXCLUDED.occupation_code, min_years_experience = EXCLUDED.min_years_experience,
    content_hash = EXCLUDED.content_hash, updated_at = now()
  WHERE (jobs.title, jobs.company, jobs.description, jobs.location, jobs.workplace, jobs.seniority,
         jobs.required_skills, jobs.nice_to_have_skills, jobs.occupation_code, jobs.min_years_experience,
         jobs.content_hash)
    IS DISTINCT FROM
        (EXCLUDED.title, EXCLUDED.company, EXCLUDED.description, EXCLUDED.location, EXCLUDED.workplace,
         EXCLUDED.seniority, EXCLUDED.required_skills, EXCLUDED.nice_to_have_skills, EXCLUDED.occupation_code,
         EXCLUDED.min_years_experience, EXCLUDED.content_hash)`;

export async function getJob(db: Db, id: string): Promise<StoredJob | undefined> {
  const { rows } = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1`, [id]);
  return rows[0] && fromRow(rows[0]);
}

/** The jobs among `ids` that exist, in `ids` order. */
export async function getJobs(db: Db, ids: readonly string[]): Promise<StoredJob[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ANY($1::text[])`, [ids]);
  const byId = new Map(rows.map((r) => [r.id, fromRow(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A page of jobs in id order. */
export async function listJobs(db: Db, page: { limit: number; offset?: number }): Promise<StoredJob[]> {
  const { rows } = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs ORDER BY id LIMIT $1 OFFSET $2`, [
    page.limit,
    page.offset ?? 0,
  ]);
  return rows.map(fromRow);
}

export async function countJobs(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs');
  return rows[0]?.n ?? 0;
}

/** Deletes jobs (their embeddings go with them); returns how many existed. */
export async function deleteJobs(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { rows } = await db.query('DELETE FROM jobs WHERE id = ANY($1::text[]) RETURNING id', [ids]);
  return rows.length;
}

/**
 * Up to `limit` job ids after `after` (exclusive; null starts at the beginning), in id order. Keyset
 * paging: stable while jobs are added or removed, so a back-fill can checkpoint the last id and resume.
 */
export async function jobIdsAfter(db: Db, after: string | null, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM jobs WHERE $1::text IS NULL OR id > $1::text ORDER BY id LIMIT $2',
    [after, limit],
  );
  return rows.map((r) => r.id);
}

function toRecord(job: JobInput) {
  return {
    id: job.id,
    title: job.title,
    company: job.company,
    description: job.description,
    location: job.location,
    workplace: job.workplace,
    seniority: job.seniority,
    required_skills: job.requiredSkills,
    nice_to_have_skills: job.niceToHaveSkills,
    occupation_code: job.occupationCode,
    min_years_experience: job.minYearsExperience,
    content_hash: job.contentHash,
  };
}

function fromRow(row: JobRow): StoredJob {
  return {
    id: row.id,
    title: row.title,
    company: row.company,
    description: row.description,
    location: row.location,
    // Only ever written from validated Jobs.
    workplace: row.workplace as Workplace,
    seniority: row.seniority as Seniority | null,
    requiredSkills: row.required_skills,
    niceToHaveSkills: row.nice_to_have_skills,
    occupationCode: row.occupation_code,
    minYearsExperience: row.min_years_experience,
    contentHash: row.content_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
