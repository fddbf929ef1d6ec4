import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CapabilityRouting } from '../src/routing/config.js';
import { setRouting } from '../src/services/routing-admin.js';
import type { OpenAiEmulator, OpenAiFault } from './emulators/openai.js';
import { SAMPLE_RESUME as RESUME, startServerWithOpenAi, type ServerWithOpenAi } from './helpers/openai-server.js';

/**
 * Migration control under faults, end to end: the real server, routing parse between the local parser
 * (control) and OpenAI (candidate) through the real SDK against the emulator, which fails on demand.
 */
describe('routing under faults', () => {
  let running: ServerWithOpenAi;
  let emulator: OpenAiEmulator;
  let server: ServerWithOpenAi['server'];

  before(async () => {
    running = await startServerWithOpenAi({ JOBMATCH_BREAKER_FAILURES: '3', JOBMATCH_BREAKER_HALF_OPEN_MS: '300' });
    ({ emulator, server } = running);
  });
  after(() => running.stop());
  beforeEach(async () => {
    emulator.setFault(null);
    // Each test starts with closed breakers: an open one from the test before would reroute its calls.
    if (server.services.router.resilience.breakerStates().some((b) => b.state === 'open')) await new Promise((r) => setTimeout(r, 350));
  });

  const setParseRouting = (patch: Partial<CapabilityRouting>) => setRouting(server.services.router.source, { body: patch, capability: 'parse' }, 'test');

  const parse = async (userId: string) => {
    const res = await fetch(`${server.url}/api/parse-resume`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': userId },
      body: JSON.stringify({ text: RESUME }),
    });
    const route = Object.fromEntries((res.headers.get('x-jobmatch-route-parse') ?? '').split('; ').map((kv) => kv.split('=') as [string, string]));
    return { status: res.status, route, body: (await res.json()) as { data?: { meta: { provider: string } } } };
  };

  it('keeps user-visible errors under 1 % while the candidate fails 30 % of calls, by falling back', async () => {
    await setParseRouting({ mode: 'full', control: 'local', candidate: 'openai', retries: 0 });
    // 3 in every 10 candidate calls refused (model_error): spread out, so the breaker never trips.
    const pattern: OpenAiFault[] = [];
    for (let i = 0; i < 10; i++) pattern.push(...(['refusal', 'none', 'none', 'refusal', 'none', 'none', 'refusal', 'none', 'none', 'none'] as const).map((kind) => ({ kind, times: 1 })));
    emulator.setFault(pattern);

    const results = [];
    for (let i = 0; i < 100; i++) results.push(await parse(`user-${i}`));
    const failed = results.filter((r) => r.status !== 200);
    const fellBack = results.filter((r) => r.route.fallback === 'openai');
    assert.ok(failed.length / results.length < 0.01, `${failed.length} user-visible errors`);
    assert.equal(fellBack.length, 30);
    for (const r of fellBack) {
      assert.equal(r.route.provider, 'local');
      assert.equal(r.body.data?.meta.provider, 'local');
    }
    assert.ok(results.filter((r) => r.route.provider === 'openai').every((r) => r.body.data?.meta.provider === 'openai'));
  });

  it('opens the breaker after repeated failures, stops calling the provider, and recovers through a half-open probe', async () => {
    await setParseRouting({ mode: 'full', control: 'local', candidate: 'openai', retries: 0 });
    emulator.setFault({ kind: 'bad_key' });
    for (let i = 0; i < 3; i++) assert.equal((await parse(`b-${i}`)).route.fallback, 'openai');
    assert.equal(server.services.router.resilience.breakerState('parse', 'openai'), 'open');

    const calls = emulator.requests.length;
    const whileOpen = await parse('b-open');
    assert.equal(whileOpen.status, 200);
    assert.equal(whileOpen.route.provider, 'local');
    assert.equal(emulator.requests.length, calls, 'an open breaker must not call the provider');

    emulator.setFault(null);
    await new Promise((r) => setTimeout(r, 350));
    const probe = await parse('b-probe');
    assert.equal(probe.route.provider, 'openai');
    assert.equal(server.services.router.resilience.breakerState('parse', 'openai'), 'closed');
  });

  it('never makes the user wait for the shadow candidate', async () => {
    await setParseRouting({ mode: 'shadow', control: 'local', candidate: 'openai', shadowSampleRate: 1, shadowTimeoutMs: 500 });
    const { shadow } = server.services.router;
    shadow.reset();
    emulator.setFault({ kind: 'hang' });
    // The candidate never answers; every response still arrives, served by the control provider.
    for (let i = 0; i < 4; i++) {
      const r = await parse(`s-${i}`);
      assert.equal(r.status, 200);
      assert.equal(r.route.provider, 'local');
    }
    await shadow.idle();
    const summary = shadow.summary().find((s) => s.capability === 'parse' && s.candidate === 'openai');
    assert.equal(summary?.timeouts, 4, JSON.stringify(shadow.summary()));

    emulator.setFault(null);
    shadow.reset();
    await new Promise((r) => setTimeout(r, 350)); // the timeouts opened the candidate's breaker
    for (let i = 0; i < 3; i++) await parse(`s2-${i}`);
    await shadow.idle();
    const compared = shadow.summary().find((s) => s.capability === 'parse');
    assert.equal((compared?.matched ?? 0) + (compared?.mismatched ?? 0), 3);
    // The emulator answers with the local parser's output, so the candidate agrees field by field.
    assert.ok((compared?.meanAgreement ?? 0) > 0.9, `agreement ${compared?.meanAgreement}`);
  });

  it('keeps a user in their cohort as the percentage moves, and sends users without an id to the control', async () => {
    await setParseRouting({ mode: 'canary', control: 'local', candidate: 'openai', rolloutPercent: 20 });
    const users = Array.from({ length: 30 }, (_, i) => `sticky-${i}`);
    const at20 = new Map<string, string>();
    for (const u of users) at20.set(u, (await parse(u)).route.provider!);
    await setParseRouting({ rolloutPercent: 60 });
    for (const u of users) {
      const now = (await parse(u)).route;
      if (at20.get(u) === 'openai') assert.equal(now.provider, 'openai', `${u} left the candidate cohort`);
      assert.equal(now.provider === 'openai', Number(now.bucket) <= 60);
    }
    const anonymous = await fetch(`${server.url}/api/parse-resume`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: RESUME }) });
    assert.match(anonymous.headers.get('x-jobmatch-route-parse') ?? '', /provider=local; mode=canary; cohort=control; bucket=none/);
  });
  it('rolls the candidate back by itself when its error rate breaks the threshold', async () => {
    await setParseRouting({ mode: 'canary', control: 'local', candidate: 'openai', rolloutPercent: 0, retries: 0 });
    const { guard, router, db } = server.services;
    await guard.start('parse', { steps: [50, 100], bakeSeconds: 3600, intervalSeconds: 1, failureLimit: 2, minRequests: 5 }, 'test');
    assert.equal(router.source.current().config.parse.rolloutPercent, 50);

    // Fails in a way the breaker ignores (a caller-side 400 would not count): refusals, every time.
    emulator.setFault({ kind: 'refusal' });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 40; i++) await parse(`g-${round}-${i}`);
      await guard.check({ force: true });
    }
    const [state] = await guard.status('parse');
    assert.equal(state?.status, 'rolled_back', JSON.stringify(state));
    const parse_ = router.source.current().config.parse;
    assert.equal(parse_.mode, 'control');
    assert.equal(parse_.rolloutPercent, 0);
    // Every user is back on the control provider, and the change is in the audit log.
    assert.equal((await parse('g-after')).route.provider, 'local');
    const { rows } = await db.query<{ actor: string; action: string }>('SELECT actor, action FROM routing_audit ORDER BY id DESC LIMIT 1');
    assert.deepEqual(rows[0], { actor: 'rollout-guard', action: 'rollback' });
  });
});
