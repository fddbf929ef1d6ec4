import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI, { BadRequestError } from 'openai';
import { AppError, ParsedResumeSchema, ProviderError, type ProviderErrorCode } from '../src/domain/index.js';
import { OpenAIEmbedder, OpenAIResumeParser, type OpenAIParserOptions } from '../src/providers/openai/index.js';
import { promptVersion, RESUME_PARSE_PROMPT, strictResumeFieldsSchema } from '../src/providers/common/index.js';
import { HALLUCINATED_HEADLINE, startOpenAiEmulator, type OpenAiEmulator } from './emulators/openai.js';

const REFERENCE = new Date('2024-06-15T00:00:00Z');
const RESUME = `Jane Q. Doe
Senior Software Engineer
San Francisco, CA | +1 (415) 555-0100 | jane.doe@example.com

Experience
Acme Payments Inc. — San Francisco, CA
Senior Software Engineer | Jan 2021 – Present
• Led the migration of the ledger service to Kubernetes.

Globex Corporation, Austin, TX
Software Engineer, June 2016 - Dec 2020

Education
University of Texas at Austin
B.S. in Computer Science, 2016

Skills
Go, Python, PostgreSQL, Kubernetes
`;

interface ChatBody {
  model: string;
  temperature: number;
  max_completion_tokens: number;
  messages: { role: string; content: string }[];
  response_format: { type: string; json_schema: { name: string; strict: boolean; schema: unknown } };
}

let emulator: OpenAiEmulator;
before(async () => {
  emulator = await startOpenAiEmulator();
});
after(() => emulator.close());
beforeEach(() => {
  emulator.setFault(null);
  emulator.requests.length = 0;
});

const parser = (options: OpenAIParserOptions = {}): OpenAIResumeParser =>
  new OpenAIResumeParser({ apiKey: 'sk-test', baseURL: emulator.url, maxRetries: 0, ...options });
const parse = (options: OpenAIParserOptions = {}) => parser(options).parse({ text: RESUME, referenceDate: REFERENCE });
const retryCounts = (): string[] => emulator.requests.map((r) => String(r.headers['x-stainless-retry-count']));

async function rejectsWith(promise: Promise<unknown>, code: ProviderErrorCode, retryable: boolean): Promise<ProviderError> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  assert.equal(error.retryable, retryable);
  assert.equal(error.provider, 'openai');
  return error;
}

describe('OpenAIResumeParser at the wire', () => {
  it('sends a strict json_schema request at temperature 0 with the domain schema', async () => {
    await parse({ model: 'gpt-4o-mini' });
    assert.equal(emulator.requests.length, 1);
    const request = emulator.requests[0]!;
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.headers.authorization, 'Bearer sk-test');
    const body = request.body as ChatBody;
    assert.equal(body.model, 'gpt-4o-mini');
    assert.equal(body.temperature, 0);
    assert.equal(body.max_completion_tokens, 4096);
    assert.equal(body.response_format.type, 'json_schema');
    assert.equal(body.response_format.json_schema.strict, true);
    assert.deepEqual(body.response_format.json_schema.schema, strictResumeFieldsSchema());
    assert.deepEqual(body.messages.map((m) => m.role), ['system', 'user']);
    assert.equal(body.messages[0]!.content, RESUME_PARSE_PROMPT.system);
    assert.ok(body.messages[1]!.content.includes(RESUME));
  });

  it('maps the answer to a valid ParsedResume with prompt version, usage and cost', async () => {
    const { resume, usage } = await parse();
    ParsedResumeSchema.parse(resume);
    assert.equal(resume.contact.name, 'Jane Q. Doe');
    assert.deepEqual(resume.contact.emails, ['jane.doe@example.com']);
    assert.equal(resume.experience[0]?.company, 'Acme Payments Inc.');
    assert.equal(resume.experience[0]?.current, true);
    // June 2016 – Dec 2020 (55 months) + Jan 2021 – Jun 2024 (42 months).
    assert.equal(resume.totalExperienceMonths, 97);
    assert.equal(resume.meta.provider, 'openai');
    assert.equal(resume.meta.model, 'gpt-4o-mini');
    assert.equal(resume.meta.version, promptVersion(RESUME_PARSE_PROMPT));
    assert.equal(resume.meta.referenceDate, REFERENCE.toISOString());
    assert.deepEqual(resume.meta.warnings, []);

    const wire = (emulator.requests[0]!.response!.body as { usage: { prompt_tokens: number; completion_tokens: number } }).usage;
    assert.equal(usage.inputTokens, wire.prompt_tokens);
    assert.equal(usage.outputTokens, wire.completion_tokens);
    const expected = (wire.prompt_tokens * 0.15 + wire.completion_tokens * 0.6) / 1e6;
    assert.ok(Math.abs(usage.costUsd - expected) < 1e-12, `${usage.costUsd} vs ${expected}`);
  });

  it('prices cached prompt tokens at the cached rate', async () => {
    const cached = await startOpenAiEmulator({ cachedPromptTokens: 100 });
    try {
      const { usage } = await new OpenAIResumeParser({ apiKey: 'sk-test', baseURL: cached.url, maxRetries: 0 }).parse({ text: RESUME, referenceDate: REFERENCE });
      const expected = ((usage.inputTokens - 100) * 0.15 + 100 * 0.075 + usage.outputTokens * 0.6) / 1e6;
      assert.ok(Math.abs(usage.costUsd - expected) < 1e-12, `${usage.costUsd} vs ${expected}`);
    } finally {
      await cached.close();
    }
  });

  it('repairs a schema-violating answer in a second call that shows the errors', async () => {
    emulator.setFault({ kind: 'schema_violation', times: 1 });
    const { resume, usage } = await parse();
    assert.equal(emulator.requests.length, 2);
    const repair = emulator.requests[1]!.body as ChatBody;
    assert.deepEqual(repair.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.match(repair.messages[3]!.content, /experience\.0\.start: expected YYYY or YYYY-MM/);
    assert.match(repair.messages[3]!.content, /languages/);
    assert.equal(resume.contact.name, 'Jane Q. Doe');
    assert.ok(resume.meta.warnings.some((w) => /repaired/.test(w)));
    // Both calls are counted.
    const first = (emulator.requests[0]!.body as ChatBody).messages.map((m) => m.content).join('\n').length;
    assert.ok(usage.inputTokens > Math.ceil(first / 4));
  });

  it('repairs an answer that is not JSON', async () => {
    emulator.setFault({ kind: 'malformed_content', times: 1 });
    const { resume } = await parse();
    assert.equal(emulator.requests.length, 2);
    assert.equal(resume.contact.name, 'Jane Q. Doe');
  });

  it('fails with output_invalid when the repair fails too', async () => {
    emulator.setFault({ kind: 'schema_violation', times: 2 });
    await rejectsWith(parse(), 'output_invalid', false);
    assert.equal(emulator.requests.length, 2);
  });

  it('drops a hallucinated value and says so', async () => {
    emulator.setFault({ kind: 'hallucination', times: 1 });
    const { resume } = await parse();
    assert.notEqual(resume.headline, HALLUCINATED_HEADLINE);
    assert.equal(resume.headline, null);
    assert.ok(resume.meta.warnings.some((w) => /1 value\(s\) .* dropped/.test(w)), resume.meta.warnings.join('; '));
  });

  it('reports truncation at max_tokens as output_invalid without a repair call', async () => {
    emulator.setFault({ kind: 'truncated', times: 1 });
    const error = await rejectsWith(parse(), 'output_invalid', false);
    assert.match(error.message, /truncated at max_tokens/);
    assert.equal(emulator.requests.length, 1);
  });

  it('reports a refusal as model_error', async () => {
    emulator.setFault({ kind: 'refusal', times: 1 });
    await rejectsWith(parse(), 'model_error', false);
  });
});

describe('OpenAI errors and retries', () => {
  it('retries 429 with the SDK and counts attempts in x-stainless-retry-count', async () => {
    emulator.setFault({ kind: 'rate_limit', times: 2 });
    const { resume } = await parse({ maxRetries: 2 });
    assert.equal(resume.contact.name, 'Jane Q. Doe');
    assert.deepEqual(retryCounts(), ['0', '1', '2']);
  });

  it('maps 429 after the last retry to throttled, with retry-after', async () => {
    emulator.setFault({ kind: 'rate_limit', retryAfter: '0.01' });
    const error = await rejectsWith(parse({ maxRetries: 1 }), 'throttled', true);
    assert.equal(error.retryAfterSeconds, 0.01);
    assert.deepEqual(retryCounts(), ['0', '1']);
  });

  it('marks insufficient_quota as throttled but not retryable', async () => {
    emulator.setFault({ kind: 'rate_limit', code: 'insufficient_quota', shouldRetry: false });
    await rejectsWith(parse({ maxRetries: 2 }), 'throttled', false);
    assert.equal(emulator.requests.length, 1);
  });

  it('maps 5xx to unavailable after retries', async () => {
    emulator.setFault({ kind: 'server_error' });
    await rejectsWith(parse({ maxRetries: 1 }), 'unavailable', true);
    assert.deepEqual(retryCounts(), ['0', '1']);
  });

  it('maps 401 and 403 to auth without retrying', async () => {
    emulator.setFault({ kind: 'bad_key' });
    await rejectsWith(parse({ maxRetries: 2 }), 'auth', false);
    assert.equal(emulator.requests.length, 1);
    emulator.setFault({ kind: 'http_error', status: 403, type: 'invalid_request_error', code: 'unsupported_country_region_territory' });
    await rejectsWith(parse({ maxRetries: 2 }), 'auth', false);
  });

  it('says what to set when there is no API key at all', () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      assert.throws(() => new OpenAIResumeParser({ baseURL: emulator.url }), (e: unknown) => e instanceof ProviderError && e.code === 'auth' && /OPENAI_API_KEY/.test(e.message));
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  it('rejects a wrong API key with auth', async () => {
    await rejectsWith(parse({ apiKey: 'sk-wrong' }), 'auth', false);
  });

  it('maps 400 and 404 to invalid_request without retrying', async () => {
    emulator.setFault({ kind: 'http_error', status: 400 });
    const error = await rejectsWith(parse({ maxRetries: 2 }), 'invalid_request', false);
    assert.equal(error.details?.status, 400);
    assert.equal(emulator.requests.length, 1);
    emulator.setFault({ kind: 'http_error', status: 404, code: 'model_not_found' });
    await rejectsWith(parse(), 'invalid_request', false);
  });

  it('maps 408 to timeout and 409 to unavailable, both retryable', async () => {
    emulator.setFault({ kind: 'http_error', status: 408, times: 1 });
    await rejectsWith(parse(), 'timeout', true);
    emulator.setFault({ kind: 'http_error', status: 409, times: 1 });
    await rejectsWith(parse(), 'unavailable', true);
  });

  it('maps a malformed response body to unavailable', async () => {
    emulator.setFault({ kind: 'malformed_body', times: 1 });
    await rejectsWith(parse(), 'unavailable', true);
  });

  it('maps a hang to timeout (per-attempt SDK timeout, retried)', async () => {
    emulator.setFault({ kind: 'hang' });
    await rejectsWith(parse({ requestTimeoutMs: 100, maxRetries: 1 }), 'timeout', true);
    assert.equal(emulator.requests.length, 2);
  });

  it('maps a hang to timeout (overall deadline)', async () => {
    emulator.setFault({ kind: 'hang' });
    await rejectsWith(parse({ timeoutMs: 100, requestTimeoutMs: 10_000 }), 'timeout', true);
  });

  it("passes the caller's abort through", async () => {
    emulator.setFault({ kind: 'hang' });
    const controller = new AbortController();
    const reason = new Error('cancelled by caller');
    setTimeout(() => controller.abort(reason), 50);
    await assert.rejects(parser().parse({ text: RESUME, signal: controller.signal }), (e: unknown) => e === reason);
  });

  it('maps a refused connection to unavailable', async () => {
    const closed = await startOpenAiEmulator();
    const url = closed.url;
    await closed.close();
    await rejectsWith(new OpenAIResumeParser({ apiKey: 'sk-test', baseURL: url, maxRetries: 0 }).parse({ text: RESUME }), 'unavailable', true);
  });
});

describe('OpenAIEmbedder at the wire', () => {
  const embedder = (dimensions = 256) => new OpenAIEmbedder({ apiKey: 'sk-test', baseURL: emulator.url, maxRetries: 0, dimensions });

  it('requests text-embedding-3-small with dimensions and decodes the base64 answer', async () => {
    const e = embedder(256);
    assert.equal(e.space.id, 'openai:text-embedding-3-small:256:1');
    const { vectors, usage } = await e.embed({ texts: ['Senior Go engineer', 'Pastry chef'] });
    const body = emulator.requests[0]!.body as Record<string, unknown>;
    assert.deepEqual(body, { model: 'text-embedding-3-small', input: ['Senior Go engineer', 'Pastry chef'], dimensions: 256, encoding_format: 'base64' });
    assert.equal(vectors.length, 2);
    for (const v of vectors) {
      assert.ok(v instanceof Float32Array);
      assert.equal(v.length, 256);
      assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-4);
    }
    assert.notDeepEqual(vectors[0], vectors[1]);
    assert.equal(usage.inputTokens, Math.ceil(18 / 4) + Math.ceil(11 / 4));
    assert.ok(Math.abs(usage.costUsd - (usage.inputTokens * 0.02) / 1e6) < 1e-15);
  });

  it('refuses an empty text before calling the API', async () => {
    await assert.rejects(embedder().embed({ texts: ['ok', '  '] }), (e: unknown) => e instanceof AppError && e.code === 'invalid_request');
    assert.equal(emulator.requests.length, 0);
  });

  it('maps embedding errors like parse errors', async () => {
    emulator.setFault({ kind: 'rate_limit', times: 1 });
    await rejectsWith(embedder().embed({ texts: ['x'] }), 'throttled', true);
    emulator.setFault({ kind: 'bad_key' });
    await rejectsWith(embedder().embed({ texts: ['x'] }), 'auth', false);
  });
});

describe('the emulator itself', () => {
  const raw = (): OpenAI => new OpenAI({ apiKey: 'sk-test', baseURL: emulator.url, maxRetries: 0 });

  it('rejects a json_schema that strict mode would reject, like the API', async () => {
    const loose = { type: 'object', properties: { score: { type: 'number' }, note: { type: 'string' } }, required: ['score'] };
    await assert.rejects(
      raw().chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: { type: 'json_schema', json_schema: { name: 'loose', strict: true, schema: loose } },
      }),
      (e: unknown) => e instanceof BadRequestError && e.param === 'response_format',
    );
  });

  it('answers float embeddings when asked and refuses dimensions beyond the native size', async () => {
    const response = await raw().embeddings.create({ model: 'text-embedding-3-small', input: 'Go', dimensions: 8, encoding_format: 'float' });
    assert.equal(response.data[0]!.embedding.length, 8);
    assert.ok(Array.isArray((emulator.requests[0]!.response!.body as { data: { embedding: unknown }[] }).data[0]!.embedding));
    await assert.rejects(raw().embeddings.create({ model: 'text-embedding-3-small', input: 'Go', dimensions: 4096 }), BadRequestError);
  });
});
