import { readFile } from 'node:fs/promises';
import { JobSchema, type Job } from '../domain/index.js';
import { packageFile } from '../package-root.js';
import { JobIndex } from './job-index.js';
import { PackedVectorsSchema, unpackVectors, type PackedVectors } from './packed-vectors.js';
import { contentHash } from '../store/jobs.js';
import { jobEmbeddingText } from './job-text.js';

/** The sample corpus shipped in data/jobs (generated from O*NET and ESCO; see its README). */
export async function loadSampleJobs(): Promise<Job[]> {
  const text = await readFile(packageFile('data/jobs/sample-jobs.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JobSchema.parse(JSON.parse(l)));
}

/** The corpus's precomputed vectors, or null when the package ships none (then: reindex). */
export async function loadSampleVectors(): Promise<PackedVectors | null> {
  let path: string;
  try {
    path = packageFile('data/jobs/sample-jobs.vectors.json');
  } catch {
    return null;
  }
  return PackedVectorsSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

/** Shipped vectors whose content hash still matches the job's text: the others would be stale. */
export function currentSampleVectors(jobs: readonly Job[], packed: PackedVectors) {
  const hashes = new Map(jobs.map((j) => [j.id, contentHash(jobEmbeddingText(j))]));
  return [...unpackVectors(packed)].filter((v) => hashes.get(v.id) === v.contentHash);
}

/** An in-memory index of the sample corpus with its vectors, for benchmarks and evaluation (no database). */
export async function sampleJobIndex(): Promise<{ index: JobIndex; spaceId: string | null }> {
  const [jobs, packed] = await Promise.all([loadSampleJobs(), loadSampleVectors()]);
  const index = new JobIndex();
  index.upsertJobs(jobs);
  if (!packed) return { index, spaceId: null };
  const space = index.space(packed.space.id, packed.space.dimensions);
  for (const v of currentSampleVectors(jobs, packed)) space.upsert(v.id, v.vector);
  return { index, spaceId: packed.space.id };
}
