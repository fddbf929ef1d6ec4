import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface OpenDatabaseOptions {
  /** PostgreSQL with pgvector; when set, the other options are ignored. */
  databaseUrl?: string;
  /** Embedded PGlite persisted in `<dataDir>/pglite`. */
  dataDir?: string;
  /** Embedded PGlite in memory (tests, one-off runs). */
  inMemory?: boolean;
  /** Bring the schema up to date before returning (default true). */
  migrate?: boolean;
}

/**
 * Opens the configured database with its schema current. Fails with a StoreError saying what to do when
 * the database is unreachable, locked by another process, newer than this release, or lacks pgvector.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  const db = await connect(options);
  if (options.migrate === false) return db;
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return db;
}

function connect(options: OpenDatabaseOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.inMemory) return openPglite();
  if (options.dataDir) return openPglite({ dataDir: options.dataDir });
  throw new Error('openDatabase needs a databaseUrl, a dataDir or inMemory: true');
}
