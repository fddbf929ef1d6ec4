import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { EmbeddingSpace, Job } from '../src/domain/job.js';
import {
  MIGRATIONS,
  clearCheckpoint,
  countJobs,
  coverage,
  deleteJobs,
  deleteSpace,
  ensureSpace,
  getCheckpoint,
  getEmbedding,
  getJob,
  getJobs,
  getSetting,
  jobIdsAfter,
  jobsNeedingEmbedding,
  listJobs,
  listSpaces,
  migrate,
  nearestJobs,
  saveCheckpoint,
  schemaVersion,
  setSetting,
  upsertEmbeddings,
  upsertJobs,
  type Db,
  type JobInput,
  type StoreErrorCode,
} from '../src/store/index.js';
import { DATABASE_BACKENDS } from './helpers/databases.js';

/**
 * One suite, two drivers: embedded PGlite, and `pg` over the Postgres wire protocol (a PGlite served by
 * pglite-socket stands in for a PostgreSQL server), so the SQL is proven portable on every run.
 */
interface Backend {
  name: string;
  start(): Promise<{ db: Db; stop(): Promise<void> }>;
}

const backends: readonly Backend[] = DATABASE_BACKENDS.map((b) => ({ name: b.name, start: () => b.start({ migrate: false }) }));


function job(id: string, overrides: Partial<JobInput> = {}): JobInput {
  const base: Job = {
    id,
    title: `Engineer ${id}`,
    company: 'Acme',
    description: `Builds things (${id})`,
    location: 'Berlin',
    workplace: 'hybrid',
    seniority: 'senior',
    requiredSkills: ['TypeScript', 'PostgreSQL'],
    niceToHaveSkills: [],
    occupationCode: '15-1252.00',
    minYearsExperience: 3,
  };
  return { ...base, contentHash: `hash-${id}`, ...overrides };
}

function space(name: string, dimensions: number): EmbeddingSpace {
  return { id: `test:${name}:${dimensions}:1`, provider: 'test', model: name, dimensions, version: '1' };
}

async function rejectsWith(promise: Promise<unknown>, code: StoreErrorCode, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.equal((e as { code?: unknown }).code, code, String(e));
    if (message) assert.match((e as Error).message, message);
    return true;
  });
}

for (const backend of backends) {
  describe(`store on ${backend.name}`, () => {
    let db: Db;
    let stop: () => Promise<void>;
    let firstMigration: Awaited<ReturnType<typeof migrate>>;

    before(async () => {
      ({ db, stop } = await backend.start());
      firstMigration = await migrate(db);
    });
    after(() => stop());
    beforeEach(() => db.exec('TRUNCATE jobs, embedding_spaces, job_embeddings, reindex_checkpoints, settings'));

    test('migrations apply once and re-running them is a no-op', async () => {
      const latest = MIGRATIONS.length;
      assert.deepEqual(firstMigration, { version: latest, applied: MIGRATIONS.map((m) => m.id) });
      assert.deepEqual(await migrate(db), { version: latest, applied: [] });
      assert.equal(await schemaVersion(db), latest);
    });

    test('refuses a database written by a newer release', async () => {
      await db.query(`INSERT INTO schema_migrations (id, name) VALUES (999, 'from the future')`);
      try {
        const hint = db.dialect === 'pg' ? /DATABASE_URL/ : /JOBMATCH_DATA_DIR/;
        await rejectsWith(migrate(db), 'schema_too_new', new RegExp(`version 999, newer than this release \\(${MIGRATIONS.length}\\)`));
        await rejectsWith(migrate(db), 'schema_too_new', hint);
      } finally {
        await db.query('DELETE FROM schema_migrations WHERE id = 999');
      }
    });

    test('jobs: upsert, get, list, count, delete', async () => {
      await upsertJobs(db, [job('b'), job('a', { seniority: null, company: null, minYearsExperience: null }), job('c')]);
      assert.equal(await countJobs(db), 3);

      const a = await getJob(db, 'a');
      assert.ok(a);
      const { createdAt, updatedAt, ...rest } = a;
      assert.deepEqual(rest, job('a', { seniority: null, company: null, minYearsExperience: null }));
      assert.ok(createdAt instanceof Date && updatedAt instanceof Date);
      assert.equal(await getJob(db, 'missing'), undefined);

      assert.deepEqual((await getJobs(db, ['c', 'missing', 'a'])).map((j) => j.id), ['c', 'a']);
      assert.deepEqual((await listJobs(db, { limit: 2 })).map((j) => j.id), ['a', 'b']);
      assert.deepEqual((await listJobs(db, { limit: 2, offset: 2 })).map((j) => j.id), ['c']);

      // Unchanged content keeps updated_at; a change replaces the row's fields.
      const before = await getJob(db, 'b');
      await upsertJobs(db, [job('b')]);
      assert.deepEqual((await getJob(db, 'b'))?.updatedAt, before?.updatedAt);
      await upsertJobs(db, [job('b', { title: 'Staff engineer', requiredSkills: ['Go'], contentHash: 'hash-b2' })]);
      const changed = await getJob(db, 'b');
      assert.equal(changed?.title, 'Staff engineer');
      assert.deepEqual(changed?.requiredSkills, ['Go']);
      assert.equal(changed?.contentHash, 'hash-b2');
      assert.deepEqual(changed?.createdAt, before?.createdAt);

      assert.equal(await deleteJobs(db, ['a', 'missing']), 1);
      assert.equal(await countJobs(db), 2);
    });

    test('jobs: duplicate ids in one batch, the last wins; larger batches', async () => {
      await upsertJobs(db, [job('x', { title: 'first' }), job('x', { title: 'second' })]);
      assert.equal((await getJob(db, 'x'))?.title, 'second');
      const many = Array.from({ length: 1203 }, (_, i) => job(`bulk-${String(i).padStart(4, '0')}`));
      await upsertJobs(db, many);
      assert.equal(await countJobs(db), 1204);
    });

    test('job ids page after a cursor in id order', async () => {
      await upsertJobs(db, ['d', 'a', 'c', 'b', 'e'].map((id) => job(id)));
      assert.deepEqual(await jobIdsAfter(db, null, 2), ['a', 'b']);
      assert.deepEqual(await jobIdsAfter(db, 'b', 2), ['c', 'd']);
      assert.deepEqual(await jobIdsAfter(db, 'd', 2), ['e']);
      assert.deepEqual(await jobIdsAfter(db, 'e', 2), []);
    });

    test('nested transactions roll back to their savepoint; a failed transaction leaves nothing', async () => {
      await db.transaction(async (tx) => {
        await upsertJobs(tx, [job('kept')]);
        await assert.rejects(
          tx.transaction(async (inner) => {
            await upsertJobs(inner, [job('undone')]);
            throw new Error('inner failure');
          }),
          /inner failure/,
        );
      });
      await assert.rejects(
        db.transaction(async (tx) => {
          await upsertJobs(tx, [job('never')]);
          throw new Error('outer failure');
        }),
        /outer failure/,
      );
      assert.deepEqual(await jobIdsAfter(db, null, 10), ['kept']);
    });

    test('spaces of different dimensions coexist in one table', async () => {
      const small = await ensureSpace(db, space('small', 3));
      const large = await ensureSpace(db, space('large', 5));
      assert.deepEqual(await ensureSpace(db, space('small', 3)), small, 'ensureSpace is idempotent');
      assert.deepEqual((await listSpaces(db)).map((s) => s.id).sort(), [large.id, small.id].sort());

      await upsertJobs(db, [job('j1'), job('j2')]);
      await upsertEmbeddings(db, small.id, [
        { jobId: 'j1', contentHash: 'hash-j1', vector: [1, 0, 0] },
        { jobId: 'j2', contentHash: 'hash-j2', vector: [0, 1, 0] },
      ]);
      await upsertEmbeddings(db, large.id, [
        { jobId: 'j1', contentHash: 'hash-j1', vector: new Float32Array([0, 0, 0, 0, 1]) },
        { jobId: 'j2', contentHash: 'hash-j2', vector: new Float32Array([0, 0, 0, 1, 0]) },
      ]);
      assert.deepEqual((await nearestJobs(db, small.id, [0, 1, 0], 1)).map((r) => r.jobId), ['j2']);
      assert.deepEqual((await nearestJobs(db, large.id, [0, 0, 0, 0, 2], 1)).map((r) => r.jobId), ['j1']);
      assert.deepEqual(await getEmbedding(db, large.id, 'j1'), new Float32Array([0, 0, 0, 0, 1]));
      assert.equal(await getEmbedding(db, large.id, 'nope'), undefined);

      const s = space('small', 3);
      await rejectsWith(ensureSpace(db, { ...s, dimensions: 4 }), 'embedding_space_conflict', /dimensions=3.*dimensions=4/);

      // Dropping a space takes its vectors with it and leaves the other space alone.
      assert.equal(await deleteSpace(db, large.id), true);
      assert.equal(await getEmbedding(db, large.id, 'j1'), undefined);
      assert.ok(await getEmbedding(db, small.id, 'j1'));
    });

    test('exact top-k by cosine similarity', async () => {
      const s = await ensureSpace(db, space('topk', 3));
      const vectors: Record<string, number[]> = {
        same: [2, 0, 0],
        close: [0.9, 0.1, 0],
        diagonal: [1, 1, 0],
        orthogonal: [0, 0, 3],
        opposite: [-1, 0, 0],
      };
      await upsertJobs(db, Object.keys(vectors).map((id) => job(id)));
      await upsertEmbeddings(
        db,
        s.id,
        Object.entries(vectors).map(([id, vector]) => ({ jobId: id, contentHash: `hash-${id}`, vector })),
      );

      const top3 = await nearestJobs(db, s.id, [1, 0, 0], 3);
      assert.deepEqual(top3.map((r) => r.jobId), ['same', 'close', 'diagonal']);
      assert.ok(Math.abs((top3[0]?.similarity ?? 0) - 1) < 1e-6);
      assert.ok(Math.abs((top3[1]?.similarity ?? 0) - 0.9 / Math.hypot(0.9, 0.1)) < 1e-6);
      assert.ok(Math.abs((top3[2]?.similarity ?? 0) - Math.SQRT1_2) < 1e-6);

      const all = await nearestJobs(db, s.id, new Float32Array([1, 0, 0]), 10);
      assert.deepEqual(all.map((r) => r.jobId), ['same', 'close', 'diagonal', 'orthogonal', 'opposite']);
      assert.ok(Math.abs((all[4]?.similarity ?? 0) + 1) < 1e-6);

      // Re-embedding replaces the vector.
      await upsertEmbeddings(db, s.id, [{ jobId: 'opposite', contentHash: 'hash-opposite', vector: [5, 0, 0] }]);
      assert.deepEqual((await nearestJobs(db, s.id, [1, 0, 0], 2)).map((r) => r.jobId).sort(), ['opposite', 'same']);
    });

    test('dimension mismatches, unknown or empty spaces and bad vectors are errors', async () => {
      const s = await ensureSpace(db, space('strict', 3));
      await upsertJobs(db, [job('j1')]);
      await rejectsWith(nearestJobs(db, s.id, [1, 0, 0], 5), 'embedding_space_empty', /no job vectors yet/);
      await rejectsWith(
        upsertEmbeddings(db, s.id, [{ jobId: 'j1', contentHash: 'h', vector: [1, 0] }]),
        'dimension_mismatch',
        /2 dimensions but embedding space test:strict:3:1 has 3/,
      );
      await upsertEmbeddings(db, s.id, [{ jobId: 'j1', contentHash: 'h', vector: [1, 0, 0] }]);
      await rejectsWith(nearestJobs(db, s.id, [1, 0, 0, 0], 5), 'dimension_mismatch', /query vector has 4 dimensions/);
      await rejectsWith(nearestJobs(db, 'no:such:space', [1, 0, 0], 5), 'unknown_embedding_space');
      await rejectsWith(coverage(db, 'no:such:space'), 'unknown_embedding_space');
      await rejectsWith(
        upsertEmbeddings(db, 'no:such:space', [{ jobId: 'j1', contentHash: 'h', vector: [1] }]),
        'unknown_embedding_space',
      );
      await rejectsWith(upsertEmbeddings(db, s.id, [{ jobId: 'j1', contentHash: 'h', vector: [1, Number.NaN, 0] }]), 'invalid_vector');
      await rejectsWith(upsertEmbeddings(db, s.id, [{ jobId: 'ghost', contentHash: 'h', vector: [1, 0, 0] }]), 'unknown_job');
      await assert.rejects(nearestJobs(db, s.id, [1, 0, 0], 0), RangeError);
    });

    test('coverage counts embedded and stale vectors; pending lists what to (re-)embed', async () => {
      const s = await ensureSpace(db, space('cover', 2));
      await upsertJobs(db, ['a', 'b', 'c', 'd'].map((id) => job(id)));
      assert.deepEqual(await coverage(db, s.id), { spaceId: s.id, embedded: 0, stale: 0, total: 4 });

      await upsertEmbeddings(
        db,
        s.id,
        ['a', 'b', 'c'].map((id) => ({ jobId: id, contentHash: `hash-${id}`, vector: [1, 1] })),
      );
      assert.deepEqual(await coverage(db, s.id), { spaceId: s.id, embedded: 3, stale: 0, total: 4 });

      await upsertJobs(db, [job('b', { description: 'rewritten', contentHash: 'hash-b2' })]);
      assert.deepEqual(await coverage(db, s.id), { spaceId: s.id, embedded: 3, stale: 1, total: 4 });
      assert.deepEqual(await jobsNeedingEmbedding(db, s.id, null, 10), [
        { jobId: 'b', contentHash: 'hash-b2' },
        { jobId: 'd', contentHash: 'hash-d' },
      ]);
      assert.deepEqual(await jobsNeedingEmbedding(db, s.id, 'b', 10), [{ jobId: 'd', contentHash: 'hash-d' }]);

      await deleteJobs(db, ['a']);
      assert.deepEqual(await coverage(db, s.id), { spaceId: s.id, embedded: 2, stale: 1, total: 3 });
    });

    test('reindex checkpoints save, update, clear, and go with their space', async () => {
      const s = await ensureSpace(db, space('ckpt', 2));
      assert.equal(await getCheckpoint(db, s.id), undefined);
      await saveCheckpoint(db, { spaceId: s.id, lastJobId: null, processed: 0 });
      await saveCheckpoint(db, { spaceId: s.id, lastJobId: 'job-0042', processed: 42 });
      const saved = await getCheckpoint(db, s.id);
      assert.equal(saved?.lastJobId, 'job-0042');
      assert.equal(saved?.processed, 42);
      assert.ok(saved?.updatedAt instanceof Date);
      await clearCheckpoint(db, s.id);
      assert.equal(await getCheckpoint(db, s.id), undefined);

      await saveCheckpoint(db, { spaceId: s.id, lastJobId: 'x', processed: 1 });
      await deleteSpace(db, s.id);
      assert.equal(await getCheckpoint(db, s.id), undefined);
    });

    test('settings hold JSON values', async () => {
      assert.equal(await getSetting(db, 'active_space'), undefined);
      await setSetting(db, 'active_space', { id: 'local:x:3:1', since: '2025-01-01' });
      await setSetting(db, 'active_space', { id: 'local:y:3:1' });
      assert.deepEqual(await getSetting(db, 'active_space'), { id: 'local:y:3:1' });
    });
  });
}
