import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { startBedrockEmulator, type BedrockEmulator } from './emulators/bedrock.js';

/** The emulator's raw wire format, seen without the SDK in between (the SDK would hide the header details). */

delete process.env.AWS_BEARER_TOKEN_BEDROCK;

const CREDENTIALS = { accessKeyId: 'AKIDBEDROCKTEST', secretAccessKey: 'bedrock-test-secret' };

let emulator: BedrockEmulator;
before(async () => {
  emulator = await startBedrockEmulator({ ...CREDENTIALS, embed: async (texts) => ({ vectors: texts.map(() => Float32Array.from([1, 0, 0, 0])), inputTokens: 3 * texts.length }) });
});
after(() => emulator.close());
beforeEach(() => {
  emulator.setFault(null);
  emulator.requests.length = 0;
});

/** One unsigned HTTP/2 POST; answers are status, headers and text. */
async function rawPost(path: string, body: string): Promise<{ status: number; headers: http2.IncomingHttpHeaders; text: string }> {
  const session = http2.connect(emulator.url);
  try {
    return await new Promise((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/json' });
      let headers: http2.IncomingHttpHeaders = {};
      let text = '';
      stream.on('response', (h) => (headers = h));
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (text += chunk));
      stream.on('end', () => resolve({ status: Number(headers[':status']), headers, text }));
      stream.on('error', reject);
      stream.end(body);
    });
  } finally {
    session.close();
  }
}

function client(): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ region: 'us-east-1', endpoint: emulator.url, credentials: CREDENTIALS, maxAttempts: 1 });
}

async function invoke(modelId: string, body: unknown): Promise<{ json: Record<string, unknown>; headers: Record<string, string> }> {
  const command = new InvokeModelCommand({ modelId, contentType: 'application/json', body: JSON.stringify(body) });
  let headers: Record<string, string> = {};
  command.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      headers = (out.response as { headers: Record<string, string> }).headers;
      return out;
    },
    { step: 'deserialize', name: 'captureHeaders' },
  );
  const output = await client().send(command);
  return { json: JSON.parse(new TextDecoder().decode(output.body)) as Record<string, unknown>, headers };
}

describe('Bedrock emulator wire format', () => {
  it('answers an unsigned request 403 with the AWS error shape', async () => {
    const { status, headers, text } = await rawPost('/model/amazon.titan-embed-text-v2%3A0/invoke', '{"inputText":"x"}');
    assert.equal(status, 403);
    assert.equal(headers['content-type'], 'application/json');
    assert.match(String(headers['x-amzn-errortype']), /^MissingAuthenticationTokenException:http:\/\/internal\.amazon\.com\/coral\/com\.amazon\.bedrock\/$/);
    assert.match(String(headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
    assert.deepEqual(JSON.parse(text), { message: 'Missing Authentication Token' });
  });

  it('sends Titan V2 and Cohere v3 bodies back in their own shapes, with token headers', async () => {
    const titan = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'hello', dimensions: 256 });
    assert.deepEqual(Object.keys(titan.json).sort(), ['embedding', 'embeddingsByType', 'inputTextTokenCount']);
    assert.equal((titan.json.embedding as number[]).length, 256);
    assert.equal(titan.headers['x-amzn-bedrock-input-token-count'], '3');

    const cohere = await invoke('cohere.embed-english-v3', { texts: ['a', 'b'], input_type: 'search_query' });
    assert.deepEqual(Object.keys(cohere.json).sort(), ['embeddings', 'id', 'response_type', 'texts']);
    assert.equal(cohere.json.response_type, 'embeddings_floats');
    assert.equal((cohere.json.embeddings as number[][]).length, 2);
    const byType = await invoke('cohere.embed-english-v3', { texts: ['a'], input_type: 'search_document', embedding_types: ['float'] });
    assert.equal(byType.json.response_type, 'embeddings_by_type');
  });

  it('validates bodies like the service: unknown keys, bad dimensions, missing input_type, wrong anthropic_version', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['amazon.titan-embed-text-v2:0', { inputText: 'x', dimensions: 300 }, /dimensions/],
      ['amazon.titan-embed-text-v2:0', { inputText: 'x', stream: true }, /extraneous key \[stream\]/],
      ['cohere.embed-english-v3', { texts: ['x'] }, /input_type/],
      ['anthropic.claude-3-haiku-20240307-v1:0', { anthropic_version: '2023-06-01', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }, /anthropic_version/],
      ['anthropic.claude-3-haiku-20240307-v1:0', { anthropic_version: 'bedrock-2023-05-31', messages: [{ role: 'user', content: 'hi' }] }, /max_tokens/],
      ['meta.llama3-8b-instruct-v1:0', { prompt: 'hi' }, /model identifier is invalid/],
    ];
    for (const [modelId, body, message] of cases) {
      const error = await invoke(modelId, body).then(() => assert.fail(`${modelId} accepted ${JSON.stringify(body)}`), (e: unknown) => e as Error & { $metadata: { httpStatusCode: number } });
      assert.equal(error.name, 'ValidationException');
      assert.equal(error.$metadata.httpStatusCode, 400);
      assert.match(error.message, message);
    }
  });

  it('gives each error fault its status and error type', async () => {
    const expected: Array<[Parameters<BedrockEmulator['setFault']>[0], number, string]> = [
      [{ kind: 'throttle', retryAfterSeconds: 0 }, 429, 'ThrottlingException'],
      [{ kind: 'unavailable' }, 503, 'ServiceUnavailableException'],
      [{ kind: 'internal' }, 500, 'InternalServerException'],
      [{ kind: 'model-timeout' }, 408, 'ModelTimeoutException'],
      [{ kind: 'access-denied' }, 403, 'AccessDeniedException'],
      [{ kind: 'bad-credentials' }, 403, 'UnrecognizedClientException'],
    ];
    for (const [fault, status, name] of expected) {
      emulator.setFault(fault);
      const error = (await invoke('amazon.titan-embed-text-v2:0', { inputText: 'x' }).catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
      assert.equal(error.name, name);
      assert.equal(error.$metadata.httpStatusCode, status);
    }
  });

  it('consumes a fault with `times`, then answers normally', async () => {
    emulator.setFault({ kind: 'internal', times: 1 });
    await assert.rejects(invoke('amazon.titan-embed-text-v2:0', { inputText: 'x' }), { name: 'InternalServerException' });
    const ok = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'x' });
    assert.ok(Array.isArray(ok.json.embedding));
  });
});
