import type { Db } from './db.js';
import { StoreError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/**
 * Arbitrary, fixed advisory-lock key shared by every jobmatch instance. Taken in each migration
 * transaction so two instances starting together against one PostgreSQL apply each step once. (PGlite is
 * single-connection, where the lock is harmless.)
 */
const MIGRATION_LOCK_KEY = 7_271_600_117;

export interface MigrationReport {
  /** Schema version after the run: the highest applied migration id, 0 for an empty database. */
  version: number;
  /** Ids this run applied, in order; empty when the schema was already current. */
  applied: number[];
}

/**
 * Brings the schema up to date. Refuses to touch a database that has migrations this build does not know
 * (a newer release wrote it) and one where pgvector cannot be enabled, each with a message saying what to do.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.id ?? 0;

  const applied = await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        id         integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const ids = await appliedIds(tx);
    const known = new Set(migrations.map((m) => m.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw schemaTooNew(db, Math.max(...ids), latest);
    await ensureVectorExtension(tx);
    return new Set(ids);
  });

  const report: MigrationReport = { version: Math.max(0, ...applied), applied: [] };
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    const ran = await db.transaction(async (tx) => {
      await lock(tx);
      // Another instance may have applied it while we waited for the lock.
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [migration.id]);
      if (done.rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      return true;
    });
    if (ran) report.applied.push(migration.id);
    report.version = migration.id;
  }
  return report;
}

/** The highest applied migration id, 0 when none ran yet. */
export async function schemaVersion(db: Db): Promise<number> {
  const table = await db.query<{ exists: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`);
  if (!table.rows[0]?.exists) return 0;
  return Math.max(0, ...(await appliedIds(db)));
}

async function lock(tx: Db): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
}

async function appliedIds(db: Db): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
  return rows.map((r) => r.id);
}

function schemaTooNew(db: Db, version: number, latest: number): StoreError {
  const elsewhere = db.dialect === 'pg' ? 'point DATABASE_URL at another database' : 'use another data directory (JOBMATCH_DATA_DIR)';
  return new StoreError(
    'schema_too_new',
    `Database schema is at version ${version}, newer than this release (${latest}); upgrade jobmatch or ${elsewhere}.`,
    { version, latest },
  );
}

/**
 * pgvector must be enabled per database. Creating it needs elevated rights on most servers, so when that
 * fails we say whether the server lacks pgvector altogether or only this user may not enable it.
 */
export async function ensureVectorExtension(tx: Db): Promise<void> {
  const present = await tx.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`);
  if (present.rows.length > 0) return;
  try {
    // A savepoint keeps the outer transaction usable for the follow-up question below.
    await tx.transaction((sp) => sp.exec('CREATE EXTENSION IF NOT EXISTS vector'));
  } catch (e) {
    const available = await tx.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
    const reason = (e as Error).message;
    throw new StoreError(
      'vector_extension_missing',
      available.rows.length === 0
        ? `The pgvector extension is not installed on this PostgreSQL server (${reason}). Install pgvector ` +
            '(https://github.com/pgvector/pgvector) or use a managed PostgreSQL that ships it, then start jobmatch again.'
        : `The pgvector extension is not enabled in this database and this user may not enable it (${reason}). ` +
            'Run CREATE EXTENSION vector; in this database as a superuser (on Amazon RDS/Aurora: as a user with the ' +
            'rds_superuser role, which enables pgvector), then start jobmatch again.',
      { installed: available.rows.length > 0 },
      { cause: e },
    );
  }
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (!Number.isInteger(m.id) || m.id < 1 || (previous !== undefined && m.id <= previous.id)) {
      throw new Error(`Migrations must have increasing positive integer ids; ${m.id} (${m.name}) is out of order`);
    }
  });
}
