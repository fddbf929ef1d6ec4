import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { transactionScope, type Db } from './db.js';
import { lockDataDirectory } from './dir-lock.js';

export interface PgliteOptions {
  /** Where jobmatch keeps its data; the database lives in `<dataDir>/pglite`. Omit for an in-memory database. */
  dataDir?: string;
}

/** Embedded Postgres (WASM) with pgvector: the zero-setup default. */
export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  let unlock: () => Promise<void> = async () => undefined;
  let dataDir: string | undefined;
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
    unlock = await lockDataDirectory(join(options.dataDir, 'pglite.lock'));
    dataDir = join(options.dataDir, 'pglite');
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create({ ...(dataDir === undefined ? {} : { dataDir }), extensions: { vector } });
  } catch (e) {
    await unlock();
    throw e;
  }
  return {
    dialect: 'pglite',
    query: (sql, params) => pg.query(sql, params as unknown[] | undefined),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    transaction: (fn) =>
      pg.transaction((tx) =>
        fn(
          transactionScope('pglite', {
            query: (sql, params) => tx.query(sql, params as unknown[] | undefined),
            exec: async (sql) => {
              await tx.exec(sql);
            },
          }),
        ),
      ),
    close: async () => {
      try {
        await pg.close();
      } finally {
        await unlock();
      }
    },
  };
}
