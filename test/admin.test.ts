import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PARSER_PROVIDERS } from '../src/providers/registry.js';
import { DEFAULT_ROUTING } from '../src/routing/config.js';
import { RoutingSource } from '../src/routing/source.js';
import { createApp } from '../src/server/app.js';
import { createLogger } from '../src/telemetry/logger.js';
import type { OpenAiEmulator } from './emulators/openai.js';
import { SAMPLE_RESUME as RESUME, startServerWithOpenAi, type ServerWithOpenAi } from './helpers/openai-server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TOKEN = 'test-admin-token-0123456789';
describe('admin API', () => {
  let running: ServerWithOpenAi;
  let emulator: OpenAiEmulator;
  let server: ServerWithOpenAi['server'];

  before(async () => {
    running = await startServerWithOpenAi({ ADMIN_TOKEN: TOKEN, JOBMATCH_ROUTING_POLL_MS: '200' });
    ({ emulator, server } = running);
  });
  after(() => running.stop());

  const admin = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };
  const routing = async () => (await admin('GET', '/api/admin/routing')).body.data;
  const parseAs = async (userId: string) => {
    const res = await fetch(`${server.url}/api/parse-resume`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': userId },
      body: JSON.stringify({ text: RESUME }),
    });
    assert.equal(res.status, 200);
    return res.headers.get('x-jobmatch-route-parse') ?? '';
  };

  it('is closed (404 admin_disabled) when the instance has no ADMIN_TOKEN', async () => {
    const app = createApp({ logger: createLogger('silent'), services: server.services, limits: { maxUploadBytes: 1 << 20, maxPdfPages: 5 } });
    for (const [method, path] of [['GET', '/api/admin/routing'], ['POST', '/api/admin/rollback'], ['GET', '/api/admin/audit']] as const) {
      const res = await app.request(path, { method, headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.status, 404);
      const body = (await res.json()) as Json;
      assert.equal(body.error.code, 'admin_disabled');
      assert.match(body.error.message, /ADMIN_TOKEN/);
    }
  });

  it('answers 401 without a bearer token and 403 for a wrong one', async () => {
    const none = await fetch(`${server.url}/api/admin/routing`);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as Json).error.code, 'unauthorized');
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    const basic = await fetch(`${server.url}/api/admin/routing`, { headers: { authorization: `Basic ${TOKEN}` } });
    assert.equal(basic.status, 401);
    for (const wrong of ['x', `${TOKEN}x`, TOKEN.replace(/.$/, 'Z')]) {
      const res = await fetch(`${server.url}/api/admin/routing`, { headers: { authorization: `Bearer ${wrong}` } });
      assert.equal(res.status, 403);
      assert.equal(((await res.json()) as Json).error.code, 'forbidden');
    }
  });

  it('documents the admin routes with a bearer security scheme', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as Json;
    assert.deepEqual(doc.components.securitySchemes.adminToken, { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN the instance was started with' });
    for (const path of ['/api/admin/routing', '/api/admin/rollback', '/api/admin/rollouts', '/api/admin/rollouts/check', '/api/admin/rollouts/{capability}', '/api/admin/rollouts/{capability}/{action}', '/api/admin/audit', '/api/admin/shadow']) {
      const ops = Object.values(doc.paths[path] ?? {}) as Json[];
      assert.ok(ops.length > 0, path);
      for (const op of ops) {
        assert.deepEqual(op.tags, ['admin']);
        assert.deepEqual(op.security, [{ adminToken: [] }]);
      }
    }
  });

  it('shows the environment routing as version 0 with an ETag', async () => {
    const res = await admin('GET', '/api/admin/routing');
    assert.equal(res.status, 200);
    assert.equal(res.body.data.version, 0);
    assert.equal(res.body.data.source, 'environment');
    assert.equal(res.body.data.config.parse.control, 'local');
    assert.ok(Array.isArray(res.body.data.breakers));
    assert.equal(res.headers.get('etag'), '"0"');
  });

  it('refuses an invalid config with 400 listing every problem, and changes nothing', async () => {
    const bad = await admin('PUT', '/api/admin/routing', {
      parse: { mode: 'canary', control: 'local', candidate: 'nope', rolloutPercent: 150 },
      embed: { control: 'local', fallbacks: ['openai'] },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid_request');
    assert.match(bad.body.error.message, /match: missing/);
    const typo = await admin('PUT', '/api/admin/routing?capability=parse', { rolloutPercnt: 5 });
    assert.equal(typo.status, 400);
    assert.match(typo.body.error.message, /parse\.rolloutPercnt: unknown field/);
    const schema = await admin('PUT', '/api/admin/routing', {
      parse: { mode: 'canary', control: 'local', candidate: 'nope', rolloutPercent: 150 },
      embed: { control: 'local', fallbacks: ['openai'] },
      match: { mode: 'shadow' },
    });
    assert.equal(schema.status, 400);
    for (const problem of [/parse\.rolloutPercent/, /embed\.fallbacks/, /match\.candidate: mode "shadow" needs a candidate/]) assert.match(schema.body.error.message, problem);
    const unknown = await admin('PUT', '/api/admin/routing?capability=parse', { mode: 'full', candidate: 'nope' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /parse: unknown provider "nope"/);
    assert.equal((await routing()).version, 0);
  });

  it('applies a change at once: the next request is routed to the new provider and says so', async () => {
    assert.match(await parseAs('user-1'), /provider=local/);
    const res = await admin('PUT', '/api/admin/routing?capability=parse', { mode: 'full', candidate: 'openai', reason: 'try OpenAI' }, { 'x-admin-actor': 'alice' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.data.version, 1);
    assert.equal(res.body.data.source, 'database');
    assert.equal(res.body.data.updatedBy, 'alice');
    assert.equal(res.headers.get('etag'), '"1"');
    const chats = emulator.requests.length;
    const route = await parseAs('user-1');
    assert.match(route, /provider=openai; mode=full; cohort=candidate/);
    assert.ok(emulator.requests.length > chats);
    const [entry] = (await admin('GET', '/api/admin/audit?limit=1')).body.data.entries;
    assert.equal(entry.actor, 'alice');
    assert.equal(entry.action, 'set-routing');
    assert.equal(entry.reason, 'try OpenAI');
    assert.equal(entry.before, null);
    assert.equal(entry.after.parse.candidate, 'openai');
  });

  it('refuses a stale If-Match with 409 version_conflict and accepts the current one', async () => {
    const { version } = await routing();
    const stale = await admin('PUT', '/api/admin/routing?capability=parse', { shadowSampleRate: 0.5 }, { 'if-match': `"${version - 1}"` });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'version_conflict');
    assert.equal((await routing()).version, version);
    const fresh = await admin('PUT', '/api/admin/routing?capability=parse', { shadowSampleRate: 0.5 }, { 'if-match': `"${version}"` });
    assert.equal(fresh.status, 200);
    assert.equal(fresh.body.data.version, version + 1);
    const malformed = await admin('PUT', '/api/admin/routing?capability=parse', { shadowSampleRate: 0.5 }, { 'if-match': 'yesterday' });
    assert.equal(malformed.status, 400);
  });

  it('serialises concurrent changes: both land, as consecutive versions, both audited', async () => {
    const { version } = await routing();
    const [a, b] = await Promise.all([
      admin('PUT', '/api/admin/routing?capability=embed', { timeoutMs: 12_000, reason: 'first' }, { 'x-admin-actor': 'ann' }),
      admin('PUT', '/api/admin/routing?capability=match', { timeoutMs: 13_000, reason: 'second' }, { 'x-admin-actor': 'bob' }),
    ]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.deepEqual([a.body.data.version, b.body.data.version].sort(), [version + 1, version + 2]);
    const now = await routing();
    assert.equal(now.version, version + 2);
    assert.equal(now.config.embed.timeoutMs, 12_000);
    assert.equal(now.config.match.timeoutMs, 13_000);
    const entries = (await admin('GET', '/api/admin/audit?limit=2')).body.data.entries as Json[];
    assert.deepEqual(entries.map((e) => e.version), [version + 2, version + 1]);
    assert.deepEqual(entries.map((e) => e.actor).sort(), ['ann', 'bob']);
  });

  it('runs a rollout plan over HTTP: start, pause, resume, check, promote', async () => {
    await admin('PUT', '/api/admin/routing?capability=parse', { mode: 'shadow', candidate: 'openai', rolloutPercent: 0, shadowSampleRate: 0 });
    const started = await admin('POST', '/api/admin/rollouts/parse', { steps: [10, 50, 100], bakeSeconds: 3600 }, { 'x-admin-actor': 'carol' });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    assert.equal(started.body.data.status, 'running');
    assert.equal(started.body.data.candidate, 'openai');
    assert.equal((await routing()).config.parse.mode, 'canary');
    assert.equal((await routing()).config.parse.rolloutPercent, 10);

    const again = await admin('POST', '/api/admin/rollouts/parse', {});
    assert.equal(again.status, 400);
    assert.equal((await admin('POST', '/api/admin/rollouts/parse/pause')).body.data.status, 'paused');
    assert.equal((await admin('POST', '/api/admin/rollouts/parse/resume')).body.data.status, 'running');
    const checked = await admin('POST', '/api/admin/rollouts/check');
    assert.equal(checked.status, 200);
    assert.equal(checked.body.data.rollouts[0].lastCheck.verdict, 'inconclusive');
    const promoted = await admin('POST', '/api/admin/rollouts/parse/promote');
    assert.equal(promoted.body.data.stepIndex, 1);
    assert.equal((await routing()).config.parse.rolloutPercent, 50);
    const listed = await admin('GET', '/api/admin/rollouts');
    assert.equal(listed.body.data.rollouts.find((s: Json) => s.capability === 'parse').status, 'running');
    assert.equal((await admin('POST', '/api/admin/rollouts/embed/promote')).status, 404);
    assert.equal((await admin('POST', '/api/admin/rollouts/parse/explode')).status, 400);
  });

  it('rolls back instantly: control at 0 %, the plan aborted, audited with before and after', async () => {
    const res = await admin('POST', '/api/admin/rollback', { capability: 'parse', reason: 'error spike' }, { 'x-admin-actor': 'oncall' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.data.config.parse.mode, 'control');
    assert.equal(res.body.data.config.parse.rolloutPercent, 0);
    assert.match(await parseAs('user-1'), /provider=local; mode=control; cohort=control/);
    const plan = (await admin('GET', '/api/admin/rollouts')).body.data.rollouts.find((s: Json) => s.capability === 'parse');
    assert.equal(plan.status, 'aborted');
    assert.equal(plan.actor, 'oncall');
    const entries = (await admin('GET', '/api/admin/audit?limit=5')).body.data.entries as Json[];
    const kill = entries.find((e) => e.reason === 'error spike');
    assert.ok(kill, JSON.stringify(entries));
    assert.equal(kill.action, 'rollback');
    assert.equal(kill.actor, 'oncall');
    assert.equal(kill.before.parse.mode, 'canary');
    assert.equal(kill.before.parse.rolloutPercent, 50);
    assert.equal(kill.after.parse.mode, 'control');
    assert.equal(kill.after.parse.rolloutPercent, 0);
  });

  it('rolls every capability back when none is named, even without a body', async () => {
    await admin('PUT', '/api/admin/routing?capability=parse', { mode: 'full' });
    const res = await fetch(`${server.url}/api/admin/rollback`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200);
    const { config } = (await routing()) as Json;
    for (const c of ['parse', 'embed', 'match']) assert.equal(config[c].mode, 'control');
  });

  it('sees a change written by another instance within the poll interval', async () => {
    const other = new RoutingSource(server.services.db, DEFAULT_ROUTING, { parse: PARSER_PROVIDERS, embed: ['local'] });
    const written = await other.update((c) => ({ ...c, parse: { ...c.parse, shadowSampleRate: 0.25 } }), 'other-instance', 'set-routing', 'from elsewhere');
    let seen: Json = await routing();
    for (let i = 0; i < 50 && seen.version !== written.version; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await routing();
    }
    assert.equal(seen.version, written.version);
    assert.equal(seen.updatedBy, 'other-instance');
    assert.equal(seen.config.parse.shadowSampleRate, 0.25);
  });

  it('reports shadow results', async () => {
    const res = await admin('GET', '/api/admin/shadow');
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.body.data.summary));
    assert.ok(Array.isArray(res.body.data.mismatches));
  });
});
