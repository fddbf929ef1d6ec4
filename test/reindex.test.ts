import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JobService } from '../src/services/jobs.js';
import { defaultEmbedders } from '../src/services/runtime.js';
import { getEmbedding, openDatabase, type Db } from '../src/store/index.js';

const TITLES = ['Data Analyst', 'Registered Nurse', 'Backend Developer', 'Electrician', 'Accountant', 'Teacher'];
const drafts = Array.from({ length: 18 }, (_, i) => ({
  id: `job-${String(i).padStart(2, '0')}`,
  title: TITLES[i % TITLES.length]!,
  description: `${TITLES[i % TITLES.length]} role number ${i}. Work with the team on daily operations and reporting.`,
}));

describe('reindex (real local embedder, real PGlite)', () => {
  const dbs: Db[] = [];
  const open = async () => {
    const db = await openDatabase({ inMemory: true });
    dbs.push(db);
    const service = new JobService(db, defaultEmbedders());
    await service.upsert(drafts);
    return { db, service, spaceId: [...service.embedders.keys()][0]! };
  };
  after(async () => {
    await Promise.all(dbs.map((d) => d.close()));
  });

  let interrupted: Awaited<ReturnType<typeof open>>;
  let clean: Awaited<ReturnType<typeof open>>;
  before(async () => {
    [interrupted, clean] = await Promise.all([open(), open()]);
  });

  it('resumes an interrupted run from its checkpoint and ends where one run ends', async () => {
    const { service, spaceId } = interrupted;
    const controller = new AbortController();
    await assert.rejects(
      service.reindex(spaceId, {
        batchSize: 3,
        concurrency: 1,
        signal: controller.signal,
        onProgress: ({ processed }) => {
          if (processed >= 6) controller.abort();
        },
      }),
      { name: 'AbortError' },
    );
    const mid = (await service.indexStatus()).find((s) => s.space.id === spaceId)!;
    assert.equal(mid.embedded, 6);
    assert.equal(mid.checkpoint, 'job-05');

    const resumed = await service.reindex(spaceId, { batchSize: 3, concurrency: 2 });
    assert.equal(resumed.resumedFrom, 'job-05');
    assert.equal(resumed.embedded, 12);

    const oneRun = await clean.service.reindex(spaceId, { batchSize: 5, concurrency: 2 });
    assert.equal(oneRun.embedded, 18);

    for (const d of drafts) {
      const a = await getEmbedding(interrupted.db, spaceId, d.id);
      const b = await getEmbedding(clean.db, spaceId, d.id);
      assert.ok(a && b, `vector for ${d.id}`);
      for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-5, `${d.id}[${i}]`);
    }
    const done = (await service.indexStatus()).find((s) => s.space.id === spaceId)!;
    assert.deepEqual({ embedded: done.embedded, stale: done.stale, coverage: done.coverage, checkpoint: done.checkpoint }, { embedded: 18, stale: 0, coverage: 1, checkpoint: null });
  });

  it('is idempotent, and re-embeds only jobs whose text changed', async () => {
    const { service, spaceId } = interrupted;
    assert.equal((await service.reindex(spaceId)).embedded, 0);
    await service.upsert([{ ...drafts[0]!, description: 'Completely rewritten posting about payroll.' }]);
    const status = (await service.indexStatus()).find((s) => s.space.id === spaceId)!;
    assert.equal(status.stale, 1);
    assert.equal(service.index.vectors(spaceId)!.has('job-00'), false, 'a changed job is not searchable by its old vector');
    assert.equal((await service.reindex(spaceId)).embedded, 1);
    assert.equal(service.index.vectors(spaceId)!.has('job-00'), true);
  });

  it('refuses a space nobody can embed into', async () => {
    await assert.rejects(interrupted.service.reindex('openai:text-embedding-3-small:1536:1'), { code: 'unknown_embedding_space' });
  });
});
