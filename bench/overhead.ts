/**
 * What our embedding adapters add on top of the raw SDK call: for OpenAI and Bedrock, the same text is embedded
 * against the same in-process wire emulator (answering a constant vector, so the server side costs next to
 * nothing) by (a) the bare SDK call and (b) our adapter's embed(): validation, deadline, batching, response
 * checks, pricing. Calls alternate between the two, starting with each in turn, so drift (GC, JIT, a busy
 * neighbour) hits both alike. Both share one process with the emulator: figures are loopback round trips.
 */
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';
import { BedrockEmbedder } from '../src/providers/bedrock/index.js';
import { OpenAIEmbedder } from '../src/providers/openai/index.js';
import { startBedrockEmulator } from '../test/emulators/bedrock.js';
import { startOpenAiEmulator } from '../test/emulators/openai.js';
import { summariseLatency } from '../src/eval/stats.js';

const RUNS = 300;
const WARMUP = 30;
const TEXT = 'Senior TypeScript engineer with PostgreSQL and AWS experience';
const DIMENSIONS = 512;
const AWS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };

/** A unit vector, the same every call: the emulator's side of the round trip stays constant and tiny. */
const constant = new Float32Array(DIMENSIONS).fill(1 / Math.sqrt(DIMENSIONS));
const fixedVectors = async (texts: string[]) => ({ vectors: texts.map(() => constant), inputTokens: Math.ceil(texts.join(' ').length / 4) });

export async function benchOverhead(): Promise<void> {
  console.log(`adapter overhead — raw SDK call vs our embed(), same text and emulator, ${RUNS} calls each, interleaved`);
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;

  const openaiEmu = await startOpenAiEmulator({ apiKey: 'sk-bench', embedder: { embed: ({ texts }) => fixedVectors(texts) } });
  try {
    const client = new OpenAI({ apiKey: 'sk-bench', baseURL: openaiEmu.url, maxRetries: 0, timeout: 10_000 });
    const adapter = new OpenAIEmbedder({ apiKey: 'sk-bench', baseURL: openaiEmu.url, maxRetries: 0, dimensions: DIMENSIONS });
    await compare(
      'openai   text-embedding-3-small',
      () => client.embeddings.create({ model: 'text-embedding-3-small', input: [TEXT], dimensions: DIMENSIONS }),
      () => adapter.embed({ texts: [TEXT] }),
    );
  } finally {
    await openaiEmu.close();
  }

  const bedrockEmu = await startBedrockEmulator({ ...AWS, embed: fixedVectors });
  const client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: bedrockEmu.url, credentials: AWS, maxAttempts: 1 });
  const adapter = new BedrockEmbedder({ region: 'us-east-1', endpoint: bedrockEmu.url, credentials: AWS, maxAttempts: 1, modelId: 'amazon.titan-embed-text-v2:0', dimensions: DIMENSIONS });
  try {
    await compare(
      'bedrock  amazon.titan-embed-text-v2:0',
      async () => {
        const out = await client.send(
          new InvokeModelCommand({
            modelId: 'amazon.titan-embed-text-v2:0',
            contentType: 'application/json',
            accept: 'application/json',
            body: JSON.stringify({ inputText: TEXT, dimensions: DIMENSIONS, normalize: true }),
          }),
        );
        // Decoding the body is part of any real use of the raw call.
        return JSON.parse(new TextDecoder().decode(out.body)) as unknown;
      },
      () => adapter.embed({ texts: [TEXT] }),
    );
  } finally {
    client.destroy();
    await bedrockEmu.close();
  }
}

async function compare(label: string, raw: () => Promise<unknown>, ours: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) {
    await raw();
    await ours();
  }
  const rawMs: number[] = [];
  const oursMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const pair: Array<[() => Promise<unknown>, number[]]> = [
      [raw, rawMs],
      [ours, oursMs],
    ];
    if (i % 2 === 1) pair.reverse();
    for (const [fn, into] of pair) {
      const t0 = performance.now();
      await fn();
      into.push(performance.now() - t0);
    }
  }
  const r = summariseLatency(rawMs);
  const o = summariseLatency(oursMs);
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(3)).padStart(7);
  const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? '—' : (a / b).toFixed(2));
  console.log(`  ${label}`);
  console.log(`    raw SDK        p50 ${f(r.p50)} ms  p99 ${f(r.p99)} ms`);
  console.log(`    our embed()    p50 ${f(o.p50)} ms  p99 ${f(o.p99)} ms`);
  console.log(`    ratio          p50 ${ratio(o.p50, r.p50)}x     p99 ${ratio(o.p99, r.p99)}x   (p50 difference ${((o.p50 ?? 0) - (r.p50 ?? 0)).toFixed(3)} ms)`);
}
