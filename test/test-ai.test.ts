import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OpenAPIHono } from '@hono/zod-openapi';
import { ParsedResumeSchema, type ResumeParser } from '../src/domain/index.js';
import type { Env } from '../src/server/env.js';
import { registerTestAiRoutes } from '../src/server/routes/test-ai.js';
import { createLogger } from '../src/telemetry/logger.js';
import type { OpenAiEmulator } from './emulators/openai.js';
import { SAMPLE_RESUME as RESUME, startServerWithOpenAi, type ServerWithOpenAi } from './helpers/openai-server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Side-by-side parser trials: each provider called directly, nothing shared touched. */
describe('POST /api/test-ai', () => {
  let running: ServerWithOpenAi;
  let emulator: OpenAiEmulator;
  let server: ServerWithOpenAi['server'];

  before(async () => {
    running = await startServerWithOpenAi();
    ({ emulator, server } = running);
  });
  after(() => running.stop());

  const trial = async (body: unknown) => {
    const res = await fetch(`${server.url}/api/test-ai`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-user-id': 'u-1' }, body: JSON.stringify(body) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };

  it('parses with each provider and compares them field by field, without changing routing', async () => {
    const routingBefore = structuredClone(server.services.router.source.current());
    const { status, headers, body } = await trial({ text: RESUME, providers: ['local', 'openai'], referenceDate: '2026-01-15' });
    assert.equal(status, 200, JSON.stringify(body));
    const [local, openai] = body.data.results as Json[];
    assert.equal(local!.provider, 'local');
    assert.equal(openai!.provider, 'openai');
    for (const r of [local!, openai!]) {
      assert.equal(r.ok, true, JSON.stringify(r.error));
      assert.equal(typeof r.model, 'string');
      assert.equal(r.costUsd, r.usage.costUsd);
      const resume = ParsedResumeSchema.parse(r.resume);
      assert.equal(resume.contact.name, 'Priya Natarajan');
      assert.equal(resume.meta.referenceDate.slice(0, 10), '2026-01-15');
    }
    assert.ok(openai!.usage.inputTokens > 0);
    const [diff] = body.data.differences as Json[];
    assert.equal(diff!.provider, 'openai');
    assert.equal(diff!.against, 'local');
    assert.ok(diff!.agreement >= 0 && diff!.agreement <= 1);
    assert.ok(diff!.fields.some((f: Json) => f.field === 'contact.name' && f.agreement === 1));

    // Not routed: no routing header, no routing change, no breaker, no call statistics.
    assert.equal(headers.get('x-jobmatch-route-parse'), null);
    assert.deepEqual(server.services.router.source.current(), routingBefore);
    assert.deepEqual(server.services.router.resilience.breakerStates(), []);
    assert.equal(server.services.stats.summarise({ capability: 'parse' }).requests, 0);
  });

  it('reports a failing provider on its own line and still returns the others', async () => {
    emulator.setFault({ kind: 'bad_key', times: 5 });
    const { status, body } = await trial({ text: RESUME, providers: ['openai', 'local'] });
    emulator.setFault(null);
    assert.equal(status, 200);
    const [openai, local] = body.data.results as Json[];
    assert.equal(openai!.ok, false);
    assert.equal(openai!.error.code, 'auth');
    assert.equal(openai!.resume, undefined);
    assert.equal(openai!.costUsd, 0);
    assert.equal(local!.ok, true);
    assert.deepEqual(body.data.differences, []);
    assert.deepEqual(server.services.router.resilience.breakerStates(), []);
  });

  it('validates the request', async () => {
    for (const bad of [
      { text: RESUME, providers: [] },
      { text: RESUME, providers: ['local', 'local'] },
      { text: RESUME, providers: ['nope'] },
      { text: '', providers: ['local'] },
      { text: RESUME, providers: ['local'], referenceDate: 'tomorrow' },
    ]) {
      const { status, body } = await trial(bad);
      assert.equal(status, 400, JSON.stringify(bad));
      assert.equal(body.error.code, 'invalid_request');
    }
  });
});

describe('test-ai deadline', () => {
  it('cuts off a provider that ignores its abort signal, and keeps the others', async () => {
    const hanging: ResumeParser = { provider: 'openai', model: 'stuck-1', parse: () => new Promise(() => undefined) };
    const local = (await import('../src/providers/registry.js')).createParser('local');
    const router = { parserOf: (name: string) => (name === 'local' ? local : hanging) };
    const app = new OpenAPIHono<Env>();
    registerTestAiRoutes(app, { logger: createLogger('silent'), services: { router } as never, limits: { maxUploadBytes: 1 << 20, maxPdfPages: 5 } }, { timeoutMs: 50 });
    // AbortSignal.timeout's timer doesn't hold the event loop open; a listening server does, this stands in for it.
    const keepAlive = setInterval(() => undefined, 1000);
    const res = await app.request('/api/test-ai', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: RESUME, providers: ['local', 'openai'] }) });
    clearInterval(keepAlive);
    assert.equal(res.status, 200);
    const [ok, stuck] = ((await res.json()) as Json).data.results as Json[];
    assert.equal(ok!.ok, true);
    assert.equal(stuck!.ok, false);
    assert.equal(stuck!.model, 'stuck-1');
    assert.equal(stuck!.error.code, 'timeout');
  });
});
