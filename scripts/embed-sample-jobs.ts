/**
 * Precomputes the local (USE lite) vectors of the sample corpus into data/jobs/sample-jobs.vectors.json.
 * Re-run after regenerating the corpus or changing the local embedding space:
 *   npx tsx scripts/embed-sample-jobs.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { JobSchema } from '../src/domain/index.js';
import { jobEmbeddingText } from '../src/matching/job-text.js';
import { packVectors } from '../src/matching/packed-vectors.js';
import { LocalEmbedder } from '../src/providers/local/embeddings/index.js';
import { contentHash } from '../src/store/jobs.js';

const JOBS = 'data/jobs/sample-jobs.jsonl';
const OUT = 'data/jobs/sample-jobs.vectors.json';

const jobs = readFileSync(JOBS, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JobSchema.parse(JSON.parse(l)));
const embedder = new LocalEmbedder();
const items: Array<{ id: string; contentHash: string; vector: Float32Array }> = [];
const t0 = performance.now();
const BATCH = 16;
for (let i = 0; i < jobs.length; i += BATCH) {
  const batch = jobs.slice(i, i + BATCH);
  const texts = batch.map(jobEmbeddingText);
  const { vectors } = await embedder.embed({ texts, kind: 'document' });
  batch.forEach((job, k) => items.push({ id: job.id, contentHash: contentHash(texts[k]!), vector: vectors[k]! }));
  process.stderr.write(`\r${items.length}/${jobs.length} (${((performance.now() - t0) / items.length).toFixed(0)} ms/job)`);
}
writeFileSync(OUT, `${JSON.stringify(packVectors(embedder.space, items))}\n`);
process.stderr.write(`\nwrote ${OUT}: ${items.length} vectors in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
