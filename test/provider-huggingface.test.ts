import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ProviderError, type ProviderErrorCode } from '../src/domain/index.js';
import { HuggingFaceEmbedder, retryDelayMs, toSentenceVectors, type HuggingFaceEmbedderOptions } from '../src/providers/huggingface/index.js';
import { cosineSimilarity, LocalEmbedder } from '../src/providers/local/embeddings/index.js';
import { ENDPOINT_PATH, startHuggingFaceEmulator, type HuggingFaceEmulator, type HuggingFaceFault } from './emulators/huggingface.js';

const MODEL = 'BAAI/bge-small-en-v1.5';
/** The emulator answers with the local embedder's vectors. */
const DIMS = 512;
/** Tiny waits: the retry policy is exercised, not its clock. */
const FAST_RETRY = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 };
const TEXTS = ['Senior Go engineer, Kubernetes and PostgreSQL', 'Registered nurse, intensive care'];

let emulator: HuggingFaceEmulator;
before(async () => {
  emulator = await startHuggingFaceEmulator();
});
after(() => emulator.close());
beforeEach(() => {
  emulator.requests.length = 0;
  emulator.setFault(null);
});

function viaEndpoint(options: HuggingFaceEmbedderOptions = {}): HuggingFaceEmbedder {
  return new HuggingFaceEmbedder({ model: MODEL, endpointUrl: emulator.endpointUrl, token: 'hf_test', dimensions: DIMS, retry: FAST_RETRY, ...options });
}

async function rejectsWith(promise: Promise<unknown>, code: ProviderErrorCode): Promise<ProviderError> {
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  assert.equal(error.provider, 'huggingface');
  return error;
}

describe('HuggingFaceEmbedder on a dedicated endpoint', () => {
  it('sends {inputs} with a Bearer token to exactly the endpoint URL and maps the pooled answer', async () => {
    const embedder = viaEndpoint();
    const result = await embedder.embed({ texts: TEXTS });

    assert.equal(emulator.requests.length, 1);
    const [request] = emulator.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, ENDPOINT_PATH);
    assert.equal(request?.headers.authorization, 'Bearer hf_test');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.match(String(request?.headers['user-agent']), /^@huggingface\/inference\//);
    assert.deepEqual(request?.body, { inputs: TEXTS });

    const local = await new LocalEmbedder().embed({ texts: TEXTS });
    assert.equal(result.vectors.length, 2);
    result.vectors.forEach((v, i) => {
      assert.equal(v.length, DIMS);
      assert.ok(cosineSimilarity(v, local.vectors[i]!) > 0.9999);
    });
    assert.equal(embedder.space.id, `huggingface:${MODEL}:${DIMS}:1`);
    // Estimated tokens (the API reports none), no price configured → cost 0.
    assert.equal(result.usage.inputTokens, TEXTS.reduce((n, t) => n + Math.ceil(t.length / 4), 0));
    assert.equal(result.usage.costUsd, 0);
  });

  it('prices the estimated tokens when a price is configured', async () => {
    const priceTable = { asOf: '2026-01-01', models: { [MODEL]: { input: 2, output: 0 } } };
    const result = await viaEndpoint({ priceTable }).embed({ texts: ['abcdefgh'] });
    assert.equal(result.usage.inputTokens, 2);
    assert.equal(result.usage.costUsd, 4 / 1_000_000);
  });

  it('reads the token from HF_TOKEN when none is passed', async () => {
    const saved = process.env.HF_TOKEN;
    process.env.HF_TOKEN = 'hf_test';
    try {
      await viaEndpoint({ token: undefined }).embed({ texts: ['x y z'] });
      assert.equal(emulator.requests[0]?.headers.authorization, 'Bearer hf_test');
    } finally {
      if (saved === undefined) delete process.env.HF_TOKEN;
      else process.env.HF_TOKEN = saved;
    }
  });

  it('mean-pools and normalises token-level output', async () => {
    const tokenLevel = await startHuggingFaceEmulator({ tokenLevel: true });
    try {
      const result = await viaEndpoint({ endpointUrl: tokenLevel.endpointUrl }).embed({ texts: TEXTS });
      const local = await new LocalEmbedder().embed({ texts: TEXTS });
      result.vectors.forEach((v, i) => {
        assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-5);
        assert.ok(cosineSimilarity(v, local.vectors[i]!) > 0.9999);
      });
      assert.ok(Array.isArray((tokenLevel.requests[0]?.response?.body as unknown[][])[0]?.[0]), 'the wire carried [batch][tokens][dim]');
    } finally {
      await tokenLevel.close();
    }
  });

  it('rejects an answer of the wrong size as output_invalid', async () => {
    await rejectsWith(viaEndpoint({ dimensions: 384 }).embed({ texts: TEXTS }), 'output_invalid');
  });
});

describe('HuggingFaceEmbedder by model id (router path)', () => {
  it('looks the model up on the hub, then POSTs the hf-inference feature-extraction pipeline', async () => {
    const model = 'emulator/routing-test';
    const embedder = new HuggingFaceEmbedder({ model, baseUrl: emulator.url, token: 'hf_test', dimensions: DIMS, retry: FAST_RETRY });
    const result = await embedder.embed({ texts: TEXTS });
    assert.equal(result.vectors.length, 2);
    const paths = emulator.requests.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(paths, [
      `GET /api/models/${model}?expand[]=inferenceProviderMapping`,
      `POST /hf-inference/models/${model}/pipeline/feature-extraction`,
    ]);
    assert.equal(emulator.requests[1]?.headers.authorization, 'Bearer hf_test');
    assert.deepEqual(emulator.requests[1]?.body, { inputs: TEXTS });
  });
});

describe('HuggingFaceEmbedder errors and retries', () => {
  const cases: { name: string; fault: HuggingFaceFault; code: ProviderErrorCode; retryAfterSeconds?: number }[] = [
    { name: '401 bad token', fault: { kind: 'bad_token' }, code: 'auth' },
    { name: '400 bad request', fault: { kind: 'http_error', status: 400 }, code: 'invalid_request' },
    { name: '500 server error', fault: { kind: 'http_error', status: 500 }, code: 'unavailable' },
    { name: '429 rate limit', fault: { kind: 'rate_limit', retryAfter: '7' }, code: 'throttled', retryAfterSeconds: 7 },
    { name: '503 model loading', fault: { kind: 'loading', estimatedTime: 20 }, code: 'unavailable', retryAfterSeconds: 20 },
    { name: 'malformed JSON', fault: { kind: 'malformed_json' }, code: 'unavailable' },
  ];
  for (const { name, fault, code, retryAfterSeconds } of cases) {
    it(`maps ${name} to ${code}, one request with retries off`, async () => {
      emulator.setFault(fault);
      const error = await rejectsWith(viaEndpoint({ retry: { maxRetries: 0 } }).embed({ texts: TEXTS }), code);
      assert.equal(error.retryAfterSeconds, retryAfterSeconds);
      assert.equal(emulator.requests.length, 1);
    });
  }

  it('a 503 with retries off is sent once: the SDK retries nothing itself', async () => {
    emulator.setFault({ kind: 'http_error', status: 503, error: 'Service Unavailable' });
    await rejectsWith(viaEndpoint({ retry: { maxRetries: 0 } }).embed({ texts: TEXTS }), 'unavailable');
    assert.equal(emulator.requests.length, 1);
  });

  it('retries model loading twice then succeeds: three requests', async () => {
    emulator.setFault({ kind: 'loading', times: 2, estimatedTime: 0.001 });
    const result = await viaEndpoint().embed({ texts: TEXTS });
    assert.equal(result.vectors.length, 2);
    assert.equal(emulator.requests.length, 3);
  });

  it('retries throttling, then gives up after maxRetries', async () => {
    emulator.setFault({ kind: 'rate_limit', retryAfter: '0' });
    await rejectsWith(viaEndpoint().embed({ texts: TEXTS }), 'throttled');
    assert.equal(emulator.requests.length, 1 + FAST_RETRY.maxRetries);
  });

  it('does not retry what waiting cannot fix', async () => {
    emulator.setFault({ kind: 'bad_token' });
    await rejectsWith(viaEndpoint().embed({ texts: TEXTS }), 'auth');
    assert.equal(emulator.requests.length, 1);
  });

  it('maps a refused connection to unavailable', async () => {
    const gone = await startHuggingFaceEmulator();
    await gone.close();
    await rejectsWith(viaEndpoint({ endpointUrl: gone.endpointUrl, retry: { maxRetries: 0 } }).embed({ texts: TEXTS }), 'unavailable');
  });

  it('times out a hung request', async () => {
    emulator.setFault({ kind: 'hang' });
    await rejectsWith(viaEndpoint({ timeoutMs: 150, retry: { maxRetries: 0 } }).embed({ texts: TEXTS }), 'timeout');
  });

  it("rethrows the caller's own abort unchanged", async () => {
    emulator.setFault({ kind: 'hang' });
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 50);
    await assert.rejects(viaEndpoint().embed({ texts: TEXTS, signal: controller.signal }), (e) => e === reason);
  });
});

describe('retry delays and pooling', () => {
  const error = (retryAfterSeconds?: number): ProviderError =>
    new ProviderError('unavailable', 'x', { provider: 'huggingface', ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });

  it('backs off exponentially, honours the provider hint, and caps every wait', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    assert.deepEqual([0, 1, 2, 3, 4].map((a) => retryDelayMs(a, error(), policy)), [100, 200, 400, 800, 1000]);
    assert.equal(retryDelayMs(0, error(0.3), policy), 300);
    assert.equal(retryDelayMs(0, error(20), policy), 1000);
  });

  it('rejects shapes that are neither pooled nor token-level', () => {
    assert.equal(typeof toSentenceVectors([[1, 2]], 2), 'string');
    assert.equal(typeof toSentenceVectors([['a']], 1), 'string');
    assert.deepEqual(Array.from((toSentenceVectors([[[3, 0], [5, 0]]], 1) as Float32Array[])[0]!), [1, 0]);
  });
});
