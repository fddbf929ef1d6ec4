import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { migrate as runMigrations, openDatabase, openPostgres, type Db } from '../../src/store/index.js';

export interface DatabaseBackend {
  name: string;
  /** A fresh database; migrated unless `migrate: false`. */
  start(options?: { migrate?: boolean }): Promise<{ db: Db; stop(): Promise<void> }>;
}

/** A PostgreSQL stand-in on loopback: PGlite served over the wire protocol by pglite-socket. */
export async function startPostgresStandIn(options: { withVector?: boolean } = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const pglite = await PGlite.create(options.withVector === false ? {} : { extensions: { vector } });
  // More server slots than pool connections: pg replaces a connection after some errors, and the old
  // socket may not have closed yet when the new one arrives.
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    stop: async () => {
      await server.stop();
      await pglite.close();
    },
  };
}

/**
 * Both drivers the store supports: embedded PGlite, and `pg` against the stand-in, which proves the SQL
 * portable. The pg pool has one connection: pglite-socket multiplexes its clients onto one PGlite session
 * and mixes up concurrent extended-protocol messages outside transactions ("portal cannot be run"), which a
 * real PostgreSQL doesn't; row locking between real connections is PostgreSQL's own guarantee.
 */
export const DATABASE_BACKENDS: readonly DatabaseBackend[] = [
  {
    name: 'pglite in memory',
    async start({ migrate = true } = {}) {
      const db = await openDatabase({ inMemory: true, migrate });
      return { db, stop: () => db.close() };
    },
  },
  {
    name: 'pg over pglite-socket',
    async start({ migrate = true } = {}) {
      const server = await startPostgresStandIn();
      const db = await openPostgres(server.url, { maxConnections: 1 });
      if (migrate) await runMigrations(db);
      return {
        db,
        stop: async () => {
          await db.close();
          await server.stop();
        },
      };
    },
  },
];
