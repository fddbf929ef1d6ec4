import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { ProviderError } from '../src/domain/index.js';
import { BedrockEmbedder, type BedrockEmbedderOptions } from '../src/providers/bedrock/index.js';
import { cosineSimilarity } from '../src/providers/local/embeddings/index.js';
import { startBedrockEmulator, type BedrockEmulator, type BedrockFaultKind } from './emulators/bedrock.js';
import { verifySigV4 } from './emulators/sigv4.js';

// Set, it would make the SDK send a bearer token instead of signing (wire-protocols.md §0.2).
delete process.env.AWS_BEARER_TOKEN_BEDROCK;

const CREDENTIALS = { accessKeyId: 'AKIDBEDROCKTEST', secretAccessKey: 'bedrock-test-secret' };
const TITAN = 'amazon.titan-embed-text-v2:0';
const COHERE = 'cohere.embed-english-v3';

let emulator: BedrockEmulator;
before(async () => {
  emulator = await startBedrockEmulator(CREDENTIALS);
});
after(() => emulator.close());
beforeEach(() => {
  emulator.setFault(null);
  emulator.requests.length = 0;
});

/** Through the real SDK; retries wait 1 ms instead of the SDK's 50 ms–20 s back-off. */
function embedder(options: Partial<BedrockEmbedderOptions> = {}): BedrockEmbedder {
  const maxAttempts = options.maxAttempts ?? 1;
  return new BedrockEmbedder({
    modelId: TITAN,
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: CREDENTIALS,
    maxAttempts,
    requestTimeoutMs: 2_000,
    clientConfig: { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, 1) },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('BedrockEmbedder, Titan Text Embeddings V2', () => {
  it('sends the Titan body, signed with SigV4 over HTTP/2, one text per call', async () => {
    const result = await embedder({ dimensions: 512 }).embed({ texts: ['Senior TypeScript engineer', 'Registered nurse'] });
    assert.equal(result.vectors.length, 2);
    assert.equal(emulator.requests.length, 2);
    const [first] = emulator.requests;
    assert.equal(first!.rawPath, '/model/amazon.titan-embed-text-v2%3A0/invoke');
    assert.deepEqual(first!.body, { inputText: 'Senior TypeScript engineer', dimensions: 512, normalize: true });
    assert.match(first!.headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKIDBEDROCKTEST\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    assert.equal(first!.auth.ok, true);
    assert.ok(first!.auth.ok && first!.auth.signedHeaders.includes(':authority'), 'HTTP/2 requests sign :authority');
    assert.equal(first!.headers['amz-sdk-request'], 'attempt=1; max=1');
  });

  it('maps vectors, dimensions, space and usage (inputTextTokenCount, priced)', async () => {
    const e = embedder({ dimensions: 256 });
    assert.equal(e.space.id, 'bedrock:amazon.titan-embed-text-v2:0:256:1');
    assert.equal(e.space.dimensions, 256);
    const { vectors, usage } = await e.embed({ texts: ['Kubernetes platform engineer'] });
    assert.equal(vectors[0]!.length, 256);
    assert.ok(Math.abs(Math.hypot(...vectors[0]!) - 1) < 1e-4, 'normalized');
    assert.ok(usage.inputTokens > 0);
    assert.equal(usage.outputTokens, 0);
    assert.ok(Math.abs(usage.costUsd - usage.inputTokens * 0.02e-6) < 1e-12);
  });

  it('answers meaningfully: related texts are closer than unrelated ones', async () => {
    const { vectors } = await embedder({ dimensions: 1024 }).embed({
      texts: ['Backend developer writing TypeScript and Node.js services', 'Software engineer building Node.js APIs in TypeScript', 'Pastry chef baking bread and croissants'],
    });
    const [a, b, c] = vectors as [Float32Array, Float32Array, Float32Array];
    assert.ok(cosineSimilarity(a, b) > cosineSimilarity(a, c));
  });

  it('sends normalize:false when asked', async () => {
    await embedder({ normalize: false }).embed({ texts: ['Data analyst'] });
    assert.deepEqual(emulator.requests[0]!.body, { inputText: 'Data analyst', dimensions: 1024, normalize: false });
  });

  it('accepts inference-profile ids and ARNs, URL-encoded on the wire, sharing the model space', async () => {
    const arn = `arn:aws:bedrock:us-east-1::foundation-model/${TITAN}`;
    const e = embedder({ modelId: arn });
    assert.equal(e.space.id, embedder().space.id);
    await e.embed({ texts: ['Welder'] });
    assert.equal(emulator.requests[0]!.rawPath, `/model/${encodeURIComponent(arn)}/invoke`);
    assert.equal(emulator.requests[0]!.modelId, arn);
    assert.equal(emulator.requests[0]!.auth.ok, true, 'the double-encoded path still verifies');
  });

  it('rejects unsupported models and dimensions before any call', () => {
    assert.throws(() => embedder({ modelId: 'amazon.titan-embed-text-v1' }), /Unsupported Bedrock embedding model/);
    assert.throws(() => embedder({ dimensions: 768 as 512 }), /256, 512, 1024/);
    assert.equal(emulator.requests.length, 0);
  });

  it('rejects blank texts without calling Bedrock', async () => {
    await assert.rejects(embedder().embed({ texts: ['ok', '  '] }), /texts\[1\]/);
    assert.equal(emulator.requests.length, 0);
  });
});

describe('BedrockEmbedder, Cohere Embed v3', () => {
  it('sends one batch with input_type from the request kind and reads tokens from the header', async () => {
    const e = embedder({ modelId: COHERE });
    assert.equal(e.space.id, 'bedrock:cohere.embed-english-v3:1024:1');
    const docs = await e.embed({ texts: ['Nurse', 'Chef'], kind: 'document' });
    await e.embed({ texts: ['find me a nurse'], kind: 'query' });
    assert.equal(emulator.requests.length, 2);
    assert.deepEqual(emulator.requests[0]!.body, { texts: ['Nurse', 'Chef'], input_type: 'search_document', truncate: 'END' });
    assert.deepEqual(emulator.requests[1]!.body, { texts: ['find me a nurse'], input_type: 'search_query', truncate: 'END' });
    assert.deepEqual(docs.vectors.map((v) => v.length), [1024, 1024]);
    assert.ok(docs.usage.inputTokens > 0);
  });

  it('splits more than 96 texts into batches, keeping order', async () => {
    const texts = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 'Registered nurse' : 'Pastry chef'));
    const { vectors } = await embedder({ modelId: 'us.cohere.embed-multilingual-v3' }).embed({ texts });
    assert.deepEqual(emulator.requests.map((r) => (r.body as { texts: string[] }).texts.length), [96, 4]);
    assert.equal(vectors.length, 100);
    assert.ok(cosineSimilarity(vectors[0]!, vectors[98]!) > 0.999);
    assert.ok(cosineSimilarity(vectors[0]!, vectors[99]!) < 0.999);
  });
});

describe('BedrockEmbedder errors and retries', () => {
  const cases: Array<[BedrockFaultKind, ProviderError['code'], boolean]> = [
    ['throttle', 'throttled', true],
    ['unavailable', 'unavailable', true],
    ['internal', 'unavailable', true],
    ['model-timeout', 'timeout', true],
    ['access-denied', 'auth', false],
    ['bad-credentials', 'auth', false],
    ['malformed-json', 'model_error', false],
  ];
  for (const [kind, code, retryable] of cases) {
    it(`maps the ${kind} fault to ${code}`, async () => {
      emulator.setFault({ kind, retryAfterSeconds: 0 });
      const error = await failure(embedder().embed({ texts: ['Electrician'] }));
      assert.equal(error.code, code);
      assert.equal(error.retryable, retryable);
      assert.equal(error.provider, 'bedrock');
    });
  }

  it('maps a ValidationException to invalid_request, carrying the service message', async () => {
    const error = await failure(embedder({ modelId: COHERE, truncate: 'NONE' }).embed({ texts: ['x'.repeat(3000)] }));
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.retryable, false);
    assert.match(error.message, /ValidationException.*maxLength/);
  });

  it('surfaces the retry-after a throttle asked for', async () => {
    emulator.setFault({ kind: 'throttle', retryAfterSeconds: 7 });
    const error = await failure(embedder().embed({ texts: ['Electrician'] }));
    assert.equal(error.retryAfterSeconds, 7);
  });

  it('retries throttling: twice throttled, then answered, with maxAttempts 3', async () => {
    emulator.setFault({ kind: 'throttle', times: 2, retryAfterSeconds: 0 });
    const { vectors } = await embedder({ maxAttempts: 3 }).embed({ texts: ['Electrician'] });
    assert.equal(vectors.length, 1);
    assert.deepEqual(emulator.requests.map((r) => [r.attempt, r.maxAttempts]), [[1, 3], [2, 3], [3, 3]]);
  });

  it('gives up after maxAttempts on persistent 503s, and does not retry what cannot succeed', async () => {
    emulator.setFault({ kind: 'unavailable' });
    assert.equal((await failure(embedder({ maxAttempts: 3 }).embed({ texts: ['a'] }))).code, 'unavailable');
    assert.equal(emulator.requests.length, 3);

    emulator.requests.length = 0;
    emulator.setFault({ kind: 'access-denied' });
    await failure(embedder({ maxAttempts: 3 }).embed({ texts: ['a'] }));
    assert.equal(emulator.requests.length, 1);

    emulator.requests.length = 0;
    emulator.setFault({ kind: 'model-timeout' });
    await failure(embedder({ maxAttempts: 3 }).embed({ texts: ['a'] }));
    assert.equal(emulator.requests.length, 1, 'the SDK does not retry ModelTimeoutException');
  });

  it('maps a hung request to timeout once the request timeout passes', async () => {
    emulator.setFault({ kind: 'hang' });
    const error = await failure(embedder({ requestTimeoutMs: 200 }).embed({ texts: ['a'] }));
    assert.equal(error.code, 'timeout');
    assert.equal(error.retryable, true);
  });

  it('is rejected by SigV4 verification when signed with the wrong secret (auth, not retried)', async () => {
    const wrong = { ...CREDENTIALS, secretAccessKey: 'wrong-secret' };
    const error = await failure(embedder({ credentials: wrong, maxAttempts: 3 }).embed({ texts: ['a'] }));
    assert.equal(error.code, 'auth');
    assert.equal(error.details?.name, 'InvalidSignatureException');
    assert.equal(emulator.requests.length, 1);
    assert.equal(emulator.requests[0]!.auth.ok, false);
    // Sanity check: the same recorded request verifies against the secret it was actually signed with.
    const recorded = emulator.requests[0]!;
    const raw = Buffer.from(JSON.stringify(recorded.body));
    const verdict = verifySigV4({ method: 'POST', rawPath: recorded.rawPath, headers: recorded.headers, body: raw }, { credentials: wrong, services: ['bedrock'] });
    assert.equal(verdict.ok, true);
  });

  it('maps its own deadline over the whole call to timeout', async () => {
    emulator.setFault({ kind: 'hang' });
    const error = await failure(embedder({ timeoutMs: 100 }).embed({ texts: ['a'] }));
    assert.equal(error.code, 'timeout');
    assert.match(error.message, /within 100 ms/);
  });

  it('honours an AbortSignal, rethrowing the caller\'s reason', async () => {
    emulator.setFault({ kind: 'hang' });
    const controller = new AbortController();
    const pending = embedder().embed({ texts: ['a'], signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 20);
    await assert.rejects(pending, /caller gave up/);
  });
});
