import pg from 'pg';
import { transactionScope, type Db } from './db.js';
import { StoreError } from './errors.js';

export interface PostgresOptions {
  /** Pool size; the service is I/O bound on the database, so a small pool goes a long way. */
  maxConnections?: number;
}

/** PostgreSQL (with pgvector) through `pg`, for a DATABASE_URL. */
export async function openPostgres(databaseUrl: string, options: PostgresOptions = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  // An idle client losing its connection is reported here; the pool already drops it and the next query
  // reconnects, but an unhandled 'error' event would crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new StoreError(
      'database_unavailable',
      `Cannot connect to the database at ${redactUrl(databaseUrl)}: ${(e as Error).message}. Check DATABASE_URL.`,
      undefined,
      { cause: e },
    );
  }

  return {
    dialect: 'pg',
    query: async (sql, params) => ({ rows: (await pool.query(sql, params as unknown[] | undefined)).rows }),
    exec: async (sql) => {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(
          transactionScope('pg', {
            query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[] | undefined)).rows }),
            exec: async (sql) => {
              await client.query(sql);
            },
          }),
        );
        await client.query('COMMIT');
        return result;
      } catch (e) {
        // A connection that cannot even roll back is not safe to hand to the next caller.
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw e;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** The URL with its password removed, for messages and logs. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
