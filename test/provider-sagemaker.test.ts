import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { ProviderError } from '../src/domain/index.js';
import { LOCAL_EMBEDDING_SPACE } from '../src/providers/local/embeddings/index.js';
import { SageMakerEmbedder, type SageMakerEmbedderOptions } from '../src/providers/sagemaker/index.js';
import { startSageMakerEmulator, type SageMakerEmulator } from './emulators/sagemaker.js';

const CREDENTIALS = { accessKeyId: 'AKIDSAGEMAKERTEST', secretAccessKey: 'sagemaker-test-secret' };
const DIMS = LOCAL_EMBEDDING_SPACE.dimensions;

let emulator: SageMakerEmulator;
before(async () => {
  emulator = await startSageMakerEmulator({ ...CREDENTIALS, endpoints: { tei: 'tei', hf: 'hf-pooling', djl: 'djl' } });
});
after(() => emulator.close());
beforeEach(() => {
  emulator.setFault(null);
  emulator.requests.length = 0;
});

/** Through the real SDK; retries wait 1 ms instead of the SDK's back-off. */
function embedder(options: Partial<SageMakerEmbedderOptions> = {}): SageMakerEmbedder {
  const maxAttempts = options.maxAttempts ?? 1;
  return new SageMakerEmbedder({
    endpointName: 'tei',
    format: 'tei',
    dimensions: DIMS,
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: CREDENTIALS,
    maxAttempts,
    // The emulator embeds with the local model, whose first load can take seconds on a busy machine; the
    // hang test sets its own short timeout.
    requestTimeoutMs: 15_000,
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

describe('SageMakerEmbedder', () => {
  it('sends the TEI body, SigV4-signed for sagemaker, with variant and custom attributes', async () => {
    const e = embedder({ targetVariant: 'variant-b', customAttributes: 'trace=1' });
    const result = await e.embed({ texts: ['Senior TypeScript engineer', 'Registered nurse'] });
    assert.equal(e.space.id, `sagemaker:tei:${DIMS}:1`);
    assert.equal(result.vectors.length, 2);
    assert.equal(result.vectors[0]!.length, DIMS);
    assert.equal(result.usage.costUsd, 0);
    assert.ok(result.usage.inputTokens > 0);
    const [request] = emulator.requests;
    assert.equal(request!.rawPath, '/endpoints/tei/invocations');
    assert.deepEqual(request!.body, { inputs: ['Senior TypeScript engineer', 'Registered nurse'], truncate: true, normalize: true });
    assert.equal(request!.auth.ok, true);
    assert.match(request!.headers.authorization ?? '', /\/us-east-1\/sagemaker\/aws4_request/);
    assert.equal(request!.headers['x-amzn-sagemaker-target-variant'], 'variant-b');
    assert.equal(request!.headers['x-amzn-sagemaker-custom-attributes'], 'trace=1');
  });

  it('mean-pools and normalises token-level HF toolkit output, and reads DJL {embedding}', async () => {
    const tei = await embedder().embed({ texts: ['Data analyst'] });
    const hf = await embedder({ endpointName: 'hf', format: 'hf-pooling' }).embed({ texts: ['Data analyst'] });
    const djl = await embedder({ endpointName: 'djl', format: 'djl', djlInputKey: 'text_inputs' }).embed({ texts: ['Data analyst'] });
    assert.deepEqual(emulator.requests[1]!.body, { inputs: ['Data analyst'] });
    assert.deepEqual(emulator.requests[2]!.body, { text_inputs: ['Data analyst'] });
    const norm = Math.hypot(...hf.vectors[0]!);
    assert.ok(Math.abs(norm - 1) < 1e-5);
    tei.vectors[0]!.forEach((x, i) => assert.ok(Math.abs(x - hf.vectors[0]![i]!) < 1e-4));
    assert.deepEqual(djl.vectors[0], tei.vectors[0]);
  });

  it('reports a dimension mismatch clearly', async () => {
    const error = await failure(embedder({ dimensions: 7 }).embed({ texts: ['x y'] }));
    assert.equal(error.code, 'model_error');
    assert.match(error.message, /configured 7/);
  });

  const cases = [
    ['model-error', 'model_error', 1],
    ['throttle', 'throttled', 3],
    ['unavailable', 'unavailable', 3],
    ['internal', 'unavailable', 3],
    ['malformed-json', 'model_error', 1],
    ['bad-credentials', 'auth', 1],
    ['not-ready', 'throttled', 3],
  ] as const;
  for (const [kind, code, attempts] of cases) {
    it(`maps ${kind} to ${code} after ${attempts} attempt(s)`, async () => {
      emulator.setFault({ kind });
      const error = await failure(embedder({ maxAttempts: 3 }).embed({ texts: ['hello'] }));
      assert.equal(error.code, code);
      assert.equal(emulator.requests.length, attempts);
      assert.equal(emulator.requests.at(-1)!.attempt, attempts);
    });
  }

  it('maps a missing endpoint to invalid_request with a hint', async () => {
    const error = await failure(embedder({ endpointName: 'nope' }).embed({ texts: ['hello'] }));
    assert.equal(error.code, 'invalid_request');
    assert.match(error.message, /endpoint name, the region, and that the endpoint is InService/);
  });

  it('maps an endpoint that is not InService to invalid_request, marked endpoint_not_found', async () => {
    emulator.setFault({ kind: 'not-in-service', times: 1 });
    const error = await failure(embedder({ maxAttempts: 3 }).embed({ texts: ['hello'] }));
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.retryable, false);
    assert.equal(error.details?.reason, 'endpoint_not_found');
    assert.match(error.message, /Endpoint tei of account \d+ not found/);
    assert.equal(emulator.requests.length, 1, 'a ValidationError is not retried');
  });

  it('passes Retry-After through on throttling', async () => {
    emulator.setFault({ kind: 'throttle', retryAfterSeconds: 0 });
    const throttled = await failure(embedder().embed({ texts: ['hello'] }));
    assert.equal(throttled.code, 'throttled');
    assert.equal(throttled.retryAfterSeconds, 0);
    emulator.setFault({ kind: 'not-ready', retryAfterSeconds: 0 });
    const notReady = await failure(embedder().embed({ texts: ['hello'] }));
    assert.equal(notReady.code, 'throttled');
    assert.equal(notReady.retryAfterSeconds, 0);
    emulator.setFault({ kind: 'throttle' });
    assert.equal((await failure(embedder().embed({ texts: ['hello'] }))).retryAfterSeconds, undefined);
  });

  it('classifies a ModelError by the status the container answered', async () => {
    emulator.setFault({ kind: 'container-overloaded' });
    const error = await failure(embedder().embed({ texts: ['hello'] }));
    assert.equal(error.code, 'throttled');
    assert.equal(error.details?.originalStatus, 429);
    emulator.setFault({ kind: 'model-error' });
    assert.equal((await failure(embedder().embed({ texts: ['hello'] }))).details?.originalStatus, 500);
  });

  it('maps a wrong secret to auth (SigV4 rejected)', async () => {
    const error = await failure(embedder({ credentials: { ...CREDENTIALS, secretAccessKey: 'wrong' } }).embed({ texts: ['hello'] }));
    assert.equal(error.code, 'auth');
    assert.equal(emulator.requests[0]!.auth.ok, false);
  });

  it('maps a hang to timeout', async () => {
    emulator.setFault({ kind: 'hang' });
    const error = await failure(embedder({ requestTimeoutMs: 200, timeoutMs: 3_000 }).embed({ texts: ['hello'] }));
    assert.equal(error.code, 'timeout');
  });
});
