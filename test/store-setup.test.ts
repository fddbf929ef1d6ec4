import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { MIGRATIONS, countJobs, getJob, migrate, openDatabase, redactUrl, upsertJobs, type JobInput, type StoreErrorCode } from '../src/store/index.js';

async function rejectsWith(promise: Promise<unknown>, code: StoreErrorCode, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.equal((e as { code?: unknown }).code, code, String(e));
    if (message) assert.match((e as Error).message, message);
    return true;
  });
}

const aJob: JobInput = {
  id: 'persisted',
  title: 'Data engineer',
  company: null,
  description: 'Pipelines',
  location: null,
  workplace: 'remote',
  seniority: null,
  requiredSkills: ['SQL'],
  niceToHaveSkills: [],
  occupationCode: null,
  minYearsExperience: null,
  contentHash: 'h',
};

describe('embedded database in a data directory', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'jobmatch-store-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('persists across restarts, and one process at a time holds the directory', async () => {
    const first = await openDatabase({ dataDir });
    try {
      await upsertJobs(first, [aJob]);
      await rejectsWith(openDatabase({ dataDir }), 'database_locked', new RegExp(`pid ${process.pid}`));
    } finally {
      await first.close();
    }
    assert.equal(existsSync(join(dataDir, 'pglite.lock')), false, 'close releases the lock');

    // A lock left behind by a process that is gone does not block start-up.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(dataDir, 'pglite.lock'), String(gone));
    const second = await openDatabase({ dataDir });
    try {
      assert.equal(await countJobs(second), 1);
      assert.equal((await getJob(second, 'persisted'))?.title, 'Data engineer');
      assert.deepEqual(await migrate(second), { version: MIGRATIONS.length, applied: [] });
    } finally {
      await second.close();
    }
  });
});

describe('PostgreSQL start-up failures', () => {
  test('a server without pgvector gets instructions, not a stack trace', async () => {
    const pglite = await PGlite.create();
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
    try {
      await rejectsWith(
        openDatabase({ databaseUrl: `postgres://postgres@${server.getServerConn()}/postgres` }),
        'vector_extension_missing',
        /pgvector extension is not installed on this PostgreSQL server/,
      );
    } finally {
      await server.stop();
      await pglite.close();
    }
  });

  test('an unreachable server is named without its password', async () => {
    const port = await closedPort();
    const url = `postgres://jobmatch:s3cret@127.0.0.1:${port}/jobs`;
    await assert.rejects(openDatabase({ databaseUrl: url }), (e: unknown) => {
      assert.equal((e as { code?: unknown }).code, 'database_unavailable');
      assert.match((e as Error).message, new RegExp(`Cannot connect to the database at postgres://jobmatch:\\*\\*\\*@127\\.0\\.0\\.1:${port}/jobs`));
      assert.doesNotMatch((e as Error).message, /s3cret/);
      return true;
    });
    assert.equal(redactUrl('not a url'), '(unparseable DATABASE_URL)');
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
