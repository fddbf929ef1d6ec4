import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { AppError } from '../src/domain/index.js';
import { chunkTokens, splitIntoPieces } from '../src/providers/local/embeddings/chunking.js';
import { CHUNK_LIMITS, LOCAL_EMBEDDING_SPACE, LocalEmbedder, cosineSimilarity } from '../src/providers/local/embeddings/index.js';
import { sharedPromise } from '../src/providers/local/embeddings/shared-promise.js';
import { USE_LITE_MAX_TOKENS, loadUseLite } from '../src/providers/local/embeddings/use-lite-model.js';

const BACKEND = 'Senior backend engineer with Node.js and PostgreSQL experience';
const SERVER_SIDE = 'server-side developer skilled in JavaScript and SQL databases';
const NURSE = 'Registered nurse for night shifts';

const COMPANY_BLURB =
  'Founded in 1998, Northwind is a family-owned business serving thousands of clients nationwide. We are passionate about quality and service, and we believe our people are our greatest strength. Join a team that celebrates diversity, rewards initiative and invests in your growth.';
const BENEFITS =
  'We offer a competitive salary, medical, dental and vision insurance, a retirement plan with company match and paid time off. We are an equal opportunity employer.';
const jobPosting = (duties: string[]) => [COMPANY_BLURB, 'Responsibilities:', ...duties.map((d) => `- ${d}`), BENEFITS].join('\n');
const BACKEND_JOB = jobPosting([
  'Design, build and operate REST and GraphQL APIs in TypeScript on Node.js.',
  'Model data and tune queries in PostgreSQL; plan schema migrations.',
  'Run services on Kubernetes and own their monitoring and on-call.',
  'Review code and mentor junior engineers.',
]);
const OTHER_BACKEND_JOB = jobPosting([
  'Develop server-side applications and microservices in JavaScript.',
  'Write and optimise SQL for relational databases such as MySQL.',
  'Deploy with Docker and CI/CD pipelines and fix production incidents.',
]);
const NURSE_JOB = jobPosting([
  'Assess, plan and document patient care on a busy surgical ward.',
  'Administer medication and monitor vital signs during night shifts.',
  'Educate patients and families about treatment and recovery.',
]);

/** Max absolute element difference between two lists of vectors. */
function maxDifference(a: Float32Array[], b: Float32Array[]): number {
  assert.equal(a.length, b.length);
  let max = 0;
  a.forEach((v, i) => v.forEach((x, k) => (max = Math.max(max, Math.abs(x - b[i]![k]!)))));
  return max;
}

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('LocalEmbedder (Universal Sentence Encoder lite from the npm package, offline)', () => {
  const embedder = new LocalEmbedder();

  before(async () => {
    await embedder.embed({ texts: ['load the model once for this file'] });
  });

  it('lives in the local:use-lite:512:1 space', () => {
    assert.equal(embedder.provider, 'local');
    assert.equal(embedder.model, 'use-lite');
    assert.deepEqual(LOCAL_EMBEDDING_SPACE, { id: 'local:use-lite:512:1', provider: 'local', model: 'use-lite', dimensions: 512, version: '1' });
  });

  it('returns one 512-d unit vector per text, in order', async () => {
    const { vectors } = await embedder.embed({ texts: [BACKEND, NURSE, BACKEND_JOB] });
    assert.equal(vectors.length, 3);
    for (const v of vectors) {
      assert.ok(v instanceof Float32Array);
      assert.equal(v.length, 512);
      assert.ok(Math.abs(norm(v) - 1) < 1e-5, `norm ${norm(v)}`);
    }
    const [alone] = (await embedder.embed({ texts: [NURSE] })).vectors;
    assert.ok(cosineSimilarity(alone!, vectors[1]!) > 0.99999);
  });

  it('is deterministic', async () => {
    const first = await embedder.embed({ texts: [BACKEND, BACKEND_JOB] });
    const second = await embedder.embed({ texts: [BACKEND, BACKEND_JOB] });
    assert.deepEqual(second.vectors, first.vectors);
  });

  it('gives the same vectors in batches as one by one', async () => {
    const texts = [BACKEND, NURSE_JOB, SERVER_SIDE, BACKEND_JOB, 'QA', NURSE];
    const oneByOne = [];
    for (const text of texts) oneByOne.push(...(await embedder.embed({ texts: [text] })).vectors);
    const batched = await embedder.embed({ texts });
    const smallBatches = await new LocalEmbedder({ batchSize: 2 }).embed({ texts });
    assert.ok(maxDifference(batched.vectors, oneByOne) < 1e-5);
    assert.ok(maxDifference(smallBatches.vectors, oneByOne) < 1e-5);
  });

  it('places related texts closer than unrelated ones', async () => {
    const [backend, serverSide, nurse] = (await embedder.embed({ texts: [BACKEND, SERVER_SIDE, NURSE] })).vectors;
    assert.ok(cosineSimilarity(backend!, serverSide!) > cosineSimilarity(backend!, nurse!));
    assert.ok(cosineSimilarity(serverSide!, backend!) > cosineSimilarity(serverSide!, nurse!));
  });

  it('tells postings apart by their duties, not by the boilerplate they share', async () => {
    const [backend, otherBackend, nurse] = (await embedder.embed({ texts: [BACKEND_JOB, OTHER_BACKEND_JOB, NURSE_JOB] })).vectors;
    assert.ok(cosineSimilarity(backend!, otherBackend!) > cosineSimilarity(backend!, nurse!));
    assert.ok(cosineSimilarity(otherBackend!, backend!) > cosineSimilarity(otherBackend!, nurse!));
  });

  it('embeds only the first chunks of a very long text and counts the tokens it read', async () => {
    const budget = CHUNK_LIMITS.maxTokensPerChunk * CHUNK_LIMITS.maxChunks;
    const endless = `${BACKEND_JOB}\n${'lorem ipsum dolor sit amet '.repeat(10_000)}`;
    const unpunctuated = 'kubernetes terraform golang '.repeat(2_000);
    const short = await embedder.embed({ texts: [BACKEND] });
    const long = await embedder.embed({ texts: [endless, unpunctuated] });
    assert.ok(short.usage.inputTokens > 5 && short.usage.inputTokens < 30, `${short.usage.inputTokens} tokens`);
    assert.ok(long.usage.inputTokens <= 2 * budget);
    assert.ok(long.usage.inputTokens > budget);
    assert.equal(long.usage.costUsd, 0);
    assert.equal(long.usage.outputTokens, 0);
    assert.ok(Math.abs(norm(long.vectors[1]!) - 1) < 1e-5);
  });

  it('needs chunking: the graph reads only the first 128 tokens of an input', async () => {
    const model = await loadUseLite();
    const ids = model.tokenize(`${BACKEND_JOB} ${NURSE_JOB}`);
    assert.ok(ids.length > 2 * USE_LITE_MAX_TOKENS);
    const [whole, prefix, shorter] = await model.embedTokenized([ids, ids.slice(0, USE_LITE_MAX_TOKENS), ids.slice(0, USE_LITE_MAX_TOKENS - 8)]);
    assert.ok(cosineSimilarity(whole!, prefix!) > 0.99999);
    assert.ok(cosineSimilarity(whole!, shorter!) < 0.9999);
    assert.ok(CHUNK_LIMITS.maxTokensPerChunk <= USE_LITE_MAX_TOKENS);
  });

  it('rejects blank texts with invalid_request', async () => {
    await assert.rejects(embedder.embed({ texts: ['fine', ' \n\t'] }), (e: unknown) => e instanceof AppError && e.code === 'invalid_request' && /texts\[1\]/.test(e.message));
  });

  it('returns nothing for nothing', async () => {
    assert.deepEqual(await embedder.embed({ texts: [] }), { vectors: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } });
  });

  it('stops when the signal is aborted', async () => {
    await assert.rejects(embedder.embed({ texts: [BACKEND], signal: AbortSignal.abort() }), { name: 'AbortError' });
  });

  it('loads the model once per process', () => {
    assert.equal(loadUseLite(), loadUseLite());
  });

  it('writes nothing to stdout (tfjs logging is silenced)', () => {
    const script = `
      import { LocalEmbedder } from './src/providers/local/embeddings/index.ts';
      const { vectors } = await new LocalEmbedder().embed({ texts: ['hello', 'a welding job'] });
      process.stderr.write('embedded ' + vectors.length);`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stderr, /embedded 2/);
    assert.equal(child.stdout, '');
  });
});

describe('sharedPromise', () => {
  it('shares one result between callers', async () => {
    let calls = 0;
    const get = sharedPromise(async () => ++calls);
    assert.deepEqual(await Promise.all([get(), get()]), [1, 1]);
    assert.equal(await get(), 1);
    assert.equal(calls, 1);
  });

  it('retries after a failure instead of caching it', async () => {
    let calls = 0;
    const get = sharedPromise(async () => {
      calls++;
      if (calls === 1) throw new Error('transient');
      return 'loaded';
    });
    await assert.rejects(get(), /transient/);
    assert.equal(await get(), 'loaded');
    assert.equal(await get(), 'loaded');
    assert.equal(calls, 2);
  });
});

describe('chunking', () => {
  // One token per word makes the packing easy to follow.
  const wordIds = (piece: string) => piece.split(' ').map((w) => w.length);

  it('splits at line breaks, bullets and sentence ends, and normalises whitespace', () => {
    assert.deepEqual(splitIntoPieces('About us.  We build\tthings!\n• Write code; test it\r\n\n  Ship it'), [
      'About us.',
      'We build things!',
      'Write code;',
      'test it',
      'Ship it',
    ]);
    assert.deepEqual(splitIntoPieces('Node.js and e.g. v1.2 stay whole'), ['Node.js and e.g.', 'v1.2 stay whole']);
  });

  it('cuts a piece with no punctuation into bounded word runs', () => {
    const pieces = splitIntoPieces('word '.repeat(100));
    assert.deepEqual(pieces.map((p) => p.split(' ').length), [48, 48, 4]);
  });

  it('packs whole pieces into chunks up to the token limit', () => {
    const chunks = chunkTokens('a b c. d e. f g h i. j', wordIds, { maxTokensPerChunk: 5, maxChunks: 10 });
    assert.deepEqual(chunks.map((c) => c.length), [5, 5]);
  });

  it('splits a piece longer than a chunk and stops at the chunk budget', () => {
    const chunks = chunkTokens('w '.repeat(40), wordIds, { maxTokensPerChunk: 8, maxChunks: 3 });
    assert.deepEqual(chunks.map((c) => c.length), [8, 8, 8]);
  });

  it('returns no chunks for a blank text', () => {
    assert.deepEqual(chunkTokens(' \n ', wordIds, { maxTokensPerChunk: 8, maxChunks: 3 }), []);
  });
});
