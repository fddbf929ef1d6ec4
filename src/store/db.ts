/**
 * The one interface both database drivers implement. Repositories and the migration runner only see this,
 * so the same SQL runs on embedded PGlite and on PostgreSQL. Keep SQL portable: `$1` parameters, and cast
 * counts to `::int` (pg returns bigint as a string, PGlite as a number).
 */
export type Dialect = 'pglite' | 'pg';

export type Row = Record<string, unknown>;

export interface QueryResult<T> {
  rows: T[];
}

export interface Db {
  readonly dialect: Dialect;
  /** One statement, `$n` parameters. */
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Any number of statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Calling
   * `transaction` on the `tx` handle opens a savepoint. Statements on one `tx` must not run concurrently.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The two operations a driver offers inside one open transaction. */
export interface TransactionRunner {
  query<T extends object>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  exec(sql: string): Promise<void>;
}

/** A `Db` bound to one open transaction; nested transactions become savepoints. */
export function transactionScope(dialect: Dialect, runner: TransactionRunner): Db {
  let depth = 0;
  const scope: Db = {
    dialect,
    query: (sql, params) => runner.query(sql, params),
    exec: (sql) => runner.exec(sql),
    async transaction(fn) {
      const savepoint = `jobmatch_sp_${depth + 1}`;
      await runner.exec(`SAVEPOINT ${savepoint}`);
      depth++;
      try {
        const result = await fn(scope);
        await runner.exec(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (e) {
        await runner.exec(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw e;
      } finally {
        depth--;
      }
    },
    close: () => Promise.reject(new Error('close() was called on a transaction handle; close the database instead')),
  };
  return scope;
}
