import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { ParsedResumeSchema, ProviderError } from '../src/domain/index.js';
import { BedrockResumeParser, createBedrockClient, toProviderError, type BedrockParserOptions } from '../src/providers/bedrock/index.js';
import { startBedrockEmulator, type BedrockEmulator, type RecordedBedrockRequest } from './emulators/bedrock.js';

delete process.env.AWS_BEARER_TOKEN_BEDROCK;

const CREDENTIALS = { accessKeyId: 'AKIDBEDROCKTEST', secretAccessKey: 'bedrock-test-secret' };
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const REFERENCE_DATE = new Date('2026-11-24T00:00:00Z');
const RESUME = `Jane Q. Example
London, United Kingdom | jane.example@example.com | +44 20 7946 0958
linkedin.com/in/jane-example

Summary
Backend engineer with eight years building payment systems in TypeScript and Go.

Experience
Senior Software Engineer, Northwind Payments — Jan 2021 – Present
- Led the migration of the ledger service to PostgreSQL
Software Engineer | Contoso Ltd | 2016 - 2020
- Built REST APIs in Node.js and TypeScript

Education
BSc Computer Science, University of Leeds, 2016

Skills
TypeScript, Node.js, Go, PostgreSQL, Redis, Docker, Kubernetes
`;

let emulator: BedrockEmulator;
/** Every body any test sent, to prove at the end that none had the legacy Text Completions shape. */
const allRequests: RecordedBedrockRequest[] = [];
before(async () => {
  emulator = await startBedrockEmulator(CREDENTIALS);
});
after(() => emulator.close());
beforeEach(() => {
  allRequests.push(...emulator.requests);
  emulator.setFault(null);
  emulator.requests.length = 0;
});

function parser(options: Partial<BedrockParserOptions> = {}): BedrockResumeParser {
  const maxAttempts = options.maxAttempts ?? 1;
  return new BedrockResumeParser({
    modelId: HAIKU,
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: CREDENTIALS,
    maxAttempts,
    timeoutMs: 5_000,
    clientConfig: { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, 1) },
    ...options,
  });
}

function parse(p: BedrockResumeParser): ReturnType<BedrockResumeParser['parse']> {
  return p.parse({ text: RESUME, referenceDate: REFERENCE_DATE });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
  return error;
}

type ConverseBody = {
  system: Array<{ text?: string; cachePoint?: unknown }>;
  messages: Array<{ role: string; content: Array<{ text: string }> }>;
  inferenceConfig: { maxTokens: number; temperature: number };
  toolConfig: { tools: Array<{ toolSpec: { name: string; inputSchema: { json: { properties: Record<string, unknown> } } } }>; toolChoice: unknown };
};

describe('BedrockResumeParser over Converse', () => {
  it('sends a forced tool whose input schema is the domain schema, signed, and maps the tool input', async () => {
    const { resume, usage } = await parse(parser());
    assert.equal(emulator.requests.length, 1);
    const request = emulator.requests[0]!;
    assert.equal(request.rawPath, '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse');
    assert.equal(request.auth.ok, true);
    const body = request.body as ConverseBody;
    assert.deepEqual(body.toolConfig.toolChoice, { tool: { name: 'emit_resume' } });
    assert.deepEqual(Object.keys(body.toolConfig.tools[0]!.toolSpec.inputSchema.json.properties).sort(), [
      'certifications', 'contact', 'education', 'experience', 'headline', 'languages', 'skills', 'summary',
    ]);
    assert.equal(body.messages.length, 1);
    assert.match(body.messages[0]!.content[0]!.text, /<resume>\nJane Q\. Example/);
    assert.equal(body.inferenceConfig.temperature, 0);
    assert.equal(body.system.some((b) => 'cachePoint' in b), false, 'no cache point unless asked');

    assert.ok(ParsedResumeSchema.safeParse(resume).success);
    assert.equal(resume.contact.name, 'Jane Q. Example');
    assert.deepEqual(resume.contact.emails, ['jane.example@example.com']);
    assert.equal(resume.experience.length, 2);
    assert.ok(resume.totalExperienceMonths > 100);
    assert.equal(resume.meta.provider, 'bedrock');
    assert.equal(resume.meta.model, HAIKU);
    assert.match(resume.meta.version, /^resume-parse@\d+:[0-9a-f]{8}$/);
    assert.ok(usage.inputTokens > 0 && usage.outputTokens > 0);
    const expected = (usage.inputTokens * 0.25 + usage.outputTokens * 1.25) / 1e6;
    assert.ok(Math.abs(usage.costUsd - expected) < 1e-12, `cost ${usage.costUsd} vs ${expected}`);
  });

  it('accepts inference-profile ids and ARNs; a profile-only model by bare id is invalid_request', async () => {
    const profile = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';
    const viaProfile = await parse(parser({ modelId: profile }));
    assert.equal(viaProfile.resume.meta.model, 'anthropic.claude-3-5-haiku-20241022-v1:0');
    const arn = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${profile}`;
    await parse(parser({ modelId: arn }));
    assert.equal(emulator.requests[1]!.rawPath, `/model/${encodeURIComponent(arn)}/converse`);
    assert.equal(emulator.requests[1]!.auth.ok, true);

    const error = await failure(parse(parser({ modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0' })));
    assert.equal(error.code, 'invalid_request');
    assert.match(error.message, /inference profile/);
  });

  it('counts prompt-cache writes and reads in usage and prices them at their own rates', async () => {
    // Rates chosen so the cost reveals the split: uncached input 1, cache write 2, cache read 0 (USD per 1M).
    const priceTable = { asOf: '2026-11-24', models: { 'anthropic.claude-3-5-haiku-20241022-v1:0': { input: 1, cacheWriteInput: 2, cachedInput: 0, output: 0 } } };
    const p = parser({ modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0', promptCaching: true, priceTable });
    const first = await parse(p);
    const second = await parse(p);
    const body = emulator.requests[0]!.body as ConverseBody;
    assert.deepEqual(body.system.at(-1), { cachePoint: { type: 'default' } });
    assert.equal(first.usage.inputTokens, second.usage.inputTokens, 'input counts cache traffic in, both times');
    const cachedPrefix = ((first.usage.costUsd - second.usage.costUsd) * 1e6) / 2;
    const uncached = second.usage.costUsd * 1e6;
    assert.ok(cachedPrefix > 0, 'the first call wrote the cache, the second read it');
    assert.ok(Math.abs(uncached + cachedPrefix - second.usage.inputTokens) < 1e-6);
  });

  it('repairs a schema-violating tool input once, feeding the errors back', async () => {
    emulator.setFault({ kind: 'schema-violation', times: 1 });
    const { resume } = await parse(parser());
    assert.equal(emulator.requests.length, 2);
    const repair = emulator.requests[1]!.body as ConverseBody;
    assert.deepEqual(repair.messages.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.match(repair.messages[2]!.content[0]!.text, /did not validate/);
    assert.match(repair.messages[2]!.content[0]!.text, /skills/);
    assert.equal(resume.contact.name, 'Jane Q. Example');
    assert.ok(resume.meta.warnings.some((w) => /repaired/.test(w)));
  });

  it('fails with output_invalid when the repair is invalid too', async () => {
    emulator.setFault({ kind: 'schema-violation' });
    const error = await failure(parse(parser()));
    assert.equal(error.code, 'output_invalid');
    assert.equal(error.retryable, false);
    assert.equal(emulator.requests.length, 2);
  });

  it('fails with output_invalid on a truncated answer (stopReason max_tokens), without a pointless repair', async () => {
    emulator.setFault({ kind: 'truncated' });
    const error = await failure(parse(parser()));
    assert.equal(error.code, 'output_invalid');
    assert.match(error.message, /max_tokens/);
    assert.equal(emulator.requests.length, 1);
  });

  it('maps a malformed response body to model_error', async () => {
    emulator.setFault({ kind: 'malformed-json' });
    assert.equal((await failure(parse(parser()))).code, 'model_error');
  });

  it('retries throttling through the SDK: attempts 1, 2, 3 then success', async () => {
    emulator.setFault({ kind: 'throttle', times: 2, retryAfterSeconds: 0 });
    await parse(parser({ maxAttempts: 3 }));
    assert.deepEqual(emulator.requests.map((r) => r.headers['amz-sdk-request']), ['attempt=1; max=3', 'attempt=2; max=3', 'attempt=3; max=3']);
  });

  it('maps a wrong secret to auth and a hang to timeout (deadline over the whole parse)', async () => {
    const wrong = await failure(parse(parser({ credentials: { ...CREDENTIALS, secretAccessKey: 'nope' } })));
    assert.equal(wrong.code, 'auth');
    emulator.setFault({ kind: 'hang' });
    const hung = await failure(parse(parser({ timeoutMs: 200 })));
    assert.equal(hung.code, 'timeout');
  });
});

describe('BedrockResumeParser over InvokeModel (Anthropic Messages)', () => {
  it('sends the Messages body with anthropic_version and a forced tool', async () => {
    const { resume, usage } = await parse(parser({ api: 'invoke' }));
    const request = emulator.requests[0]!;
    assert.equal(request.rawPath, '/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke');
    const body = request.body as Record<string, unknown>;
    assert.equal(body.anthropic_version, 'bedrock-2023-05-31');
    assert.equal(body.max_tokens, 4096);
    assert.deepEqual(body.tool_choice, { type: 'tool', name: 'emit_resume' });
    assert.equal(resume.contact.name, 'Jane Q. Example');
    assert.ok(usage.inputTokens > 0 && usage.costUsd > 0);
  });

  it('maps truncation to output_invalid', async () => {
    emulator.setFault({ kind: 'truncated' });
    assert.equal((await failure(parse(parser({ api: 'invoke' })))).code, 'output_invalid');
  });
});

describe('the legacy Text Completions body', () => {
  it('is rejected by Claude 3 (as emulated) with a ValidationException, mapped to invalid_request', async () => {
    const client = createBedrockClient({ region: 'us-east-1', endpoint: emulator.url, credentials: CREDENTIALS, maxAttempts: 1 });
    for (const legacy of [{ prompt: '\n\nHuman: hi\n\nAssistant:', max_tokens: 300, temperature: 0 }, { prompt: '\n\nHuman: hi\n\nAssistant:', max_tokens_to_sample: 300 }]) {
      const error = await client
        .send(new InvokeModelCommand({ modelId: HAIKU, contentType: 'application/json', body: JSON.stringify(legacy) }))
        .then(() => assert.fail('legacy body accepted'), (e: unknown) => e);
      assert.equal((error as Error).name, 'ValidationException');
      assert.match((error as Error).message, /"claude-3-haiku-20240307" is not supported on this API\. Please use the Messages API instead\./);
      assert.equal(toProviderError(error).code, 'invalid_request');
    }
    emulator.requests.length = 0; // these were ours, not the adapter's
  });

  it('is never sent by the adapter, on either API, first call or repair', async () => {
    emulator.setFault({ kind: 'schema-violation', times: 1 });
    await parse(parser({ api: 'invoke' }));
    emulator.setFault({ kind: 'schema-violation', times: 1 });
    await parse(parser({ api: 'converse' }));
    const sent = [...allRequests, ...emulator.requests].filter((r) => r.operation !== 'other');
    assert.ok(sent.length >= 15, `expected the whole file's requests, got ${sent.length}`);
    for (const request of sent) {
      const body = request.body as Record<string, unknown>;
      assert.equal(typeof body, 'object');
      for (const legacyKey of ['prompt', 'max_tokens_to_sample']) assert.equal(legacyKey in body, false, `${request.rawPath} sent "${legacyKey}"`);
      if (request.operation === 'invoke') assert.equal(body.anthropic_version, 'bedrock-2023-05-31');
      else assert.ok(Array.isArray(body.messages));
    }
  });
});
