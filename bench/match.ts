/**
 * Matching: top-10 hybrid query latency over 10k and 100k jobs (the sample corpus replicated, with its real
 * USE-lite vectors jittered so copies are not identical), and the job ingest rate including embedding.
 */
import { JobIndex } from '../src/matching/job-index.js';
import { jobEmbeddingText, profileEmbeddingText } from '../src/matching/job-text.js';
import { rankJobs } from '../src/matching/rank.js';
import { currentSampleVectors, loadSampleJobs, loadSampleVectors } from '../src/matching/sample-corpus.js';
import { loadMatchQueries } from '../src/eval/match-benchmark.js';
import { packageFile } from '../src/package-root.js';
import { LocalEmbedder } from '../src/providers/local/embeddings/index.js';
import { APPROXIMATE_INDEX_MIN_VECTORS, JobService } from '../src/services/jobs.js';
import { openDatabase } from '../src/store/index.js';
import { normaliseTitle } from '../src/taxonomy/index.js';
import { row, time } from './stats.js';

function jitter(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.02;
}

export async function benchMatch(): Promise<void> {
  const [jobs, packed, queries] = await Promise.all([loadSampleJobs(), loadSampleVectors(), loadMatchQueries(packageFile('data/match-benchmark/queries.jsonl'))]);
  if (!packed) throw new Error('no sample vectors shipped');
  const base = currentSampleVectors(jobs, packed);
  const embedder = new LocalEmbedder();
  const spaceId = embedder.space.id;
  const sample = queries.slice(0, 50).map((q) => ({ ...q.profile, location: null }));
  const queryTexts = sample.map(profileEmbeddingText);
  const queryVectors = (await embedder.embed({ texts: queryTexts, kind: 'query' })).vectors;

  console.log('matching — top-10 hybrid query (BM25 + vector search + re-ranking), one core');
  for (const size of [10_000, 100_000]) {
    const index = new JobIndex();
    const space = index.space(spaceId, packed.space.dimensions);
    const noise = jitter(size);
    const t0 = performance.now();
    for (let copy = 0; copy * jobs.length < size; copy++) {
      const batch = jobs.slice(0, Math.min(jobs.length, size - copy * jobs.length)).map((j) => ({ ...j, id: `${j.id}-${copy}` }));
      index.upsertJobs(batch);
      batch.forEach((j, k) => space.upsert(j.id, base[k]!.vector.map((x) => x + (copy === 0 ? 0 : noise()))));
    }
    const build = performance.now() - t0;
    const query = (i: number) => ({
      profile: sample[i % sample.length]!,
      profileOccupation: normaliseTitle(sample[i % sample.length]!.title ?? '')?.code ?? null,
      queryText: queryTexts[i % sample.length]!,
      queryVector: queryVectors[i % sample.length]!,
      spaceId,
      limit: 10,
    });
    const exact = await time(100, (i) => rankJobs(index, query(i)));
    const heap = (process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0);
    console.log(row(`${size.toLocaleString('en')} jobs, exact`, exact, `(index built in ${(build / 1000).toFixed(1)} s, heap ${heap} MB)`));
    if (size >= APPROXIMATE_INDEX_MIN_VECTORS) {
      const t1 = performance.now();
      space.buildApproximateIndex();
      const ivfBuild = performance.now() - t1;
      const approx = await time(100, (i) => rankJobs(index, query(i)));
      // Recall@10 of the IVF search against exact search, for the profile queries.
      let hits = 0;
      for (const v of queryVectors) {
        const truth = new Set(space.search(v, 10, undefined, { exact: true }).map((h) => h.id));
        hits += space.search(v, 10).filter((h) => truth.has(h.id)).length;
      }
      const recall = hits / (10 * queryVectors.length);
      console.log(row(`${size.toLocaleString('en')} jobs, IVF approximate`, approx, `(IVF built in ${(ivfBuild / 1000).toFixed(1)} s; recall@10 vs exact ${recall.toFixed(3)})`));
    }
  }

  // Ingest: validate + enrich + store + embed, into an in-memory PGlite.
  const db = await openDatabase({ inMemory: true });
  try {
    const service = new JobService(db, new Map([[spaceId, embedder]]));
    const n = 64;
    const drafts = jobs.slice(0, n).map((j) => ({ title: j.title, company: j.company, description: j.description, location: j.location }));
    const t0 = performance.now();
    await service.upsert(drafts);
    const stored = performance.now() - t0;
    const report = await service.reindex(spaceId, { batchSize: 16, concurrency: 1 });
    const total = performance.now() - t0;
    const words = drafts.reduce((sum, d) => sum + jobEmbeddingText({ ...d, requiredSkills: [], niceToHaveSkills: [] }).split(/\s+/).length, 0) / n;
    console.log(
      `  job ingest incl. embedding         ${report.embedded} jobs (~${words.toFixed(0)} words) in ${(total / 1000).toFixed(1)} s: ${((1000 * n) / total).toFixed(1)} jobs/s (store only: ${((1000 * n) / stored).toFixed(0)} jobs/s)`,
    );
  } finally {
    await db.close();
  }
}
