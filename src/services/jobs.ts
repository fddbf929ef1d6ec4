import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { AppError, type Embedder, type EmbeddingSpace, type Job } from '../domain/index.js';
import { JobIndex } from '../matching/job-index.js';
import { enrichJob, JobDraftSchema, type JobDraft } from '../matching/job-enrich.js';
import { jobEmbeddingText } from '../matching/job-text.js';
import { currentSampleVectors, loadSampleJobs, loadSampleVectors } from '../matching/sample-corpus.js';
import {
  clearCheckpoint,
  contentHash,
  countJobs,
  coverage,
  currentEmbeddings,
  deleteJobs,
  ensureSpace,
  getCheckpoint,
  getJob,
  getJobs,
  jobsNeedingEmbedding,
  listJobs,
  listSpaces,
  saveCheckpoint,
  upsertEmbeddings,
  upsertJobs,
  type Db,
  type StoredJob,
} from '../store/index.js';

export interface ReindexOptions {
  /** Texts per embed call. */
  batchSize?: number;
  /** Embed calls in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: { processed: number; total: number }) => void;
}

export interface ReindexReport {
  spaceId: string;
  embedded: number;
  resumedFrom: string | null;
}

export interface SpaceStatus {
  space: EmbeddingSpace;
  embedded: number;
  stale: number;
  total: number;
  /** Share of jobs with a current vector in this space, 0–1. */
  coverage: number;
  /** Where an interrupted reindex will resume, if one was interrupted. */
  checkpoint: string | null;
}

const PAGE = 1000;

/**
 * From this many vectors a space is searched through an IVF index (exact search costs ~1 ms per 1k
 * vectors; the index ~12 s to build at 100k, so small spaces are better off exact).
 */
export const APPROXIMATE_INDEX_MIN_VECTORS = 20_000;

/**
 * Jobs and their vectors: the write path (database) and the read path (the in-memory JobIndex) kept in
 * step. Every change goes to the database first, then to the index.
 */
export class JobService {
  readonly index = new JobIndex();

  constructor(
    private readonly db: Db,
    /** Embedders by space id: the spaces this instance can fill and query. */
    readonly embedders: ReadonlyMap<string, Embedder>,
  ) {}

  /** Rebuilds the in-memory index from the database. */
  async load(): Promise<void> {
    for (let offset = 0; ; offset += PAGE) {
      const page = await listJobs(this.db, { limit: PAGE, offset });
      this.index.upsertJobs(page.map(toJob));
      if (page.length < PAGE) break;
    }
    for (const space of await listSpaces(this.db)) await this.loadVectors(space);
  }

  private async loadVectors(space: EmbeddingSpace): Promise<void> {
    const vectors = this.index.space(space.id, space.dimensions);
    for (let after: string | null = null; ; ) {
      const page = await currentEmbeddings(this.db, space.id, after, PAGE);
      for (const { jobId, vector } of page) vectors.upsert(jobId, vector);
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.jobId;
    }
    this.refreshApproximateIndex(space.id);
  }

  /** Builds the approximate index of a large space; any later change drops it until the next reindex. */
  private refreshApproximateIndex(spaceId: string): void {
    const vectors = this.index.vectors(spaceId);
    if (vectors && vectors.size >= APPROXIMATE_INDEX_MIN_VECTORS) vectors.buildApproximateIndex();
  }

  /** Validates, enriches and stores jobs; their vectors in every space become stale until reindexed. */
  async upsert(drafts: readonly JobDraft[]): Promise<Job[]> {
    const jobs = drafts.map((d, i) => {
      const parsed = JobDraftSchema.safeParse(d);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError('invalid_request', `Job ${i + 1}: ${issue?.path.join('.') || 'job'}: ${issue?.message ?? 'invalid'}`);
      }
      return enrichJob(parsed.data, () => `job-${randomUUID()}`);
    });
    await this.store(jobs);
    return jobs;
  }

  private async store(jobs: readonly Job[]): Promise<void> {
    await upsertJobs(this.db, jobs.map((job) => ({ ...job, contentHash: contentHash(jobEmbeddingText(job)) })));
    const changed = jobs.filter((j) => {
      const before = this.index.get(j.id);
      return !before || jobEmbeddingText(before) !== jobEmbeddingText(j);
    });
    // A changed job must not be found by its old vector: drop it from the vector indexes until reindexed.
    this.index.removeJobs(changed.map((j) => j.id));
    this.index.upsertJobs(jobs);
  }

  async get(id: string): Promise<Job | undefined> {
    const row = await getJob(this.db, id);
    return row && toJob(row);
  }

  async list(page: { limit: number; offset: number }): Promise<{ jobs: Job[]; total: number }> {
    const [rows, total] = await Promise.all([listJobs(this.db, page), countJobs(this.db)]);
    return { jobs: rows.map(toJob), total };
  }

  async delete(ids: readonly string[]): Promise<number> {
    const n = await deleteJobs(this.db, ids);
    this.index.removeJobs(ids);
    return n;
  }

  embedderFor(spaceId: string): Embedder {
    const embedder = this.embedders.get(spaceId);
    if (!embedder) {
      throw new AppError('unknown_embedding_space', `No embedder is configured for space "${spaceId}". Configured: ${[...this.embedders.keys()].join(', ') || 'none'}.`);
    }
    return embedder;
  }

  /**
   * Embeds every job that has no current vector in the space. Checkpointed after each page, so a run that
   * is killed resumes where it stopped; idempotent, since jobs with a current vector are skipped.
   */
  async reindex(spaceId: string, options: ReindexOptions = {}): Promise<ReindexReport> {
    const { batchSize = 32, concurrency = 2, signal, onProgress } = options;
    const embedder = this.embedderFor(spaceId);
    await ensureSpace(this.db, embedder.space);
    const vectors = this.index.space(spaceId, embedder.space.dimensions);

    const start = await coverage(this.db, spaceId);
    const total = start.total - start.embedded + start.stale;
    const checkpoint = await getCheckpoint(this.db, spaceId);
    let after = checkpoint?.lastJobId ?? null;
    let processed = checkpoint?.processed ?? 0;
    let embedded = 0;
    const limit = pLimit(concurrency);
    onProgress?.({ processed: 0, total });

    for (let wrapped = after === null; ; ) {
      signal?.throwIfAborted();
      const todo = await jobsNeedingEmbedding(this.db, spaceId, after, batchSize * concurrency);
      if (todo.length === 0) {
        // A resumed run also sweeps the ids before its checkpoint: jobs may have changed meanwhile.
        if (wrapped) break;
        wrapped = true;
        after = null;
        continue;
      }
      const jobs = new Map((await getJobs(this.db, todo.map((t) => t.jobId))).map((j) => [j.id, j]));
      const batches: StoredJob[][] = [];
      const ordered = todo.map((t) => jobs.get(t.jobId)).filter((j): j is StoredJob => j !== undefined);
      for (let i = 0; i < ordered.length; i += batchSize) batches.push(ordered.slice(i, i + batchSize));

      const results = await Promise.all(
        batches.map((batch) =>
          limit(async () => {
            const texts = batch.map(jobEmbeddingText);
            const { vectors: out } = await embedder.embed({ texts, kind: 'document', signal });
            return batch.map((job, k) => ({ jobId: job.id, contentHash: contentHash(texts[k]!), vector: out[k]! }));
          }),
        ),
      );
      const items = results.flat();
      await upsertEmbeddings(this.db, spaceId, items);
      for (const item of items) vectors.upsert(item.jobId, item.vector);
      after = todo[todo.length - 1]!.jobId;
      processed += items.length;
      embedded += items.length;
      await saveCheckpoint(this.db, { spaceId, lastJobId: after, processed });
      onProgress?.({ processed: embedded, total });
    }
    await clearCheckpoint(this.db, spaceId);
    this.refreshApproximateIndex(spaceId);
    return { spaceId, embedded, resumedFrom: checkpoint?.lastJobId ?? null };
  }

  async indexStatus(): Promise<SpaceStatus[]> {
    const stored = new Map((await listSpaces(this.db)).map((s) => [s.id, s]));
    const spaces = new Map(stored);
    for (const e of this.embedders.values()) if (!spaces.has(e.space.id)) spaces.set(e.space.id, e.space);
    const total = await countJobs(this.db);
    const out: SpaceStatus[] = [];
    for (const space of spaces.values()) {
      const c = stored.has(space.id) ? await coverage(this.db, space.id) : { embedded: 0, stale: 0, total };
      out.push({
        space,
        embedded: c.embedded,
        stale: c.stale,
        total: c.total,
        coverage: c.total === 0 ? 1 : +((c.embedded - c.stale) / c.total).toFixed(4),
        checkpoint: stored.has(space.id) ? ((await getCheckpoint(this.db, space.id))?.lastJobId ?? null) : null,
      });
    }
    return out;
  }

  /**
   * First start: loads the sample corpus and its precomputed vectors when the database has no jobs.
   * Returns how many jobs were loaded (0 when the database already had some).
   */
  async seedSampleJobs(): Promise<number> {
    if ((await countJobs(this.db)) > 0) return 0;
    const [jobs, packed] = await Promise.all([loadSampleJobs(), loadSampleVectors()]);
    await this.store(jobs);
    // Vectors are only usable where this build embeds queries in the very same space.
    if (packed && this.embedders.has(packed.space.id)) {
      await ensureSpace(this.db, packed.space);
      const current = currentSampleVectors(jobs, packed);
      await upsertEmbeddings(this.db, packed.space.id, current.map((v) => ({ jobId: v.id, contentHash: v.contentHash, vector: v.vector })));
      const index = this.index.space(packed.space.id, packed.space.dimensions);
      for (const v of current) index.upsert(v.id, v.vector);
    }
    return jobs.length;
  }
}

function toJob(row: StoredJob): Job {
  const { contentHash: _hash, createdAt: _created, updatedAt: _updated, ...job } = row;
  return job;
}
