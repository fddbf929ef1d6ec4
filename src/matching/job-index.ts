import { AppError, type Job } from '../domain/index.js';
import { LexicalIndex } from './lexical.js';
import { VectorIndex } from './vector-index.js';

/**
 * The read side of matching, in memory: every job, a BM25 index over them, and one vector index per
 * embedding space. Kept in step with the database by the job service; rebuilt from it at start-up.
 */
export class JobIndex {
  private readonly jobs = new Map<string, Job>();
  readonly lexical = new LexicalIndex();
  private readonly spaces = new Map<string, VectorIndex>();

  get size(): number {
    return this.jobs.size;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  upsertJobs(jobs: readonly Job[]): void {
    for (const job of jobs) this.jobs.set(job.id, job);
    this.lexical.upsert(jobs);
  }

  removeJobs(ids: readonly string[]): void {
    for (const id of ids) {
      this.jobs.delete(id);
      this.lexical.remove(id);
      for (const space of this.spaces.values()) space.remove(id);
    }
  }

  /** The vector index of a space, created on first use with the space's dimensions. */
  space(spaceId: string, dimensions: number): VectorIndex {
    let index = this.spaces.get(spaceId);
    if (!index) {
      index = new VectorIndex(dimensions, Math.max(1024, this.jobs.size));
      this.spaces.set(spaceId, index);
    } else if (index.dimensions !== dimensions) {
      throw new AppError('invalid_request', `Space ${spaceId} holds ${index.dimensions}-dimensional vectors, not ${dimensions}.`);
    }
    return index;
  }

  /** The vector index of a space if it holds any vectors. */
  vectors(spaceId: string): VectorIndex | undefined {
    const index = this.spaces.get(spaceId);
    return index && index.size > 0 ? index : undefined;
  }
}
