import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { RoutingConfigSchema, type Capability, type RoutingConfig, type RoutingMode } from '../src/routing/config.js';
import {
  InMemoryRolloutStateStore,
  RolloutGuard,
  RolloutPlanSchema,
  type RolloutAlert,
  type RolloutEvent,
  type RolloutPlanInput,
  type RoutingControl,
} from '../src/routing/guard.js';
import type { ProviderCall } from '../src/routing/observations.js';
import { CallStats } from '../src/routing/stats.js';
import { createAlertSink } from '../src/telemetry/alerts.js';
import { captureLogs } from './helpers/logs.js';

const MINUTE = 60_000;

interface SetRolloutCall {
  capability: Capability;
  mode: RoutingMode | undefined;
  rolloutPercent: number;
  actor: string;
  reason: string;
}

/** A guard over a fake clock, in-memory routing that records every change, and stats fed by hand. */
function harness(plan: RolloutPlanInput = {}) {
  let clock = 1_700_000_000_000;
  let config: RoutingConfig = RoutingConfigSchema.parse({
    parse: { control: 'openai', candidate: 'bedrock', mode: 'shadow', shadowSampleRate: 0.1 },
  });
  const routingChanges: SetRolloutCall[] = [];
  const control: RoutingControl = {
    current: () => config,
    async setRollout(capability, patch, actor, reason) {
      routingChanges.push({ capability, mode: patch.mode, rolloutPercent: patch.rolloutPercent, actor, reason });
      config = { ...config, [capability]: { ...config[capability], ...patch } };
    },
  };
  const stats = new CallStats();
  const alerts: RolloutAlert[] = [];
  const events: RolloutEvent[] = [];
  const guard = new RolloutGuard({
    stats,
    control,
    states: new InMemoryRolloutStateStore(),
    alert: (a) => {
      alerts.push(a);
    },
    now: () => clock,
    onEvent: (e) => events.push(e),
  });

  /** `count` candidate calls ending now; the first `errors` of them failed through the provider's fault. */
  const feed = (count: number, opts: { errors?: number; latencyMs?: number; costUsd?: number } = {}) => {
    for (let i = 0; i < count; i++) {
      const failed = i < (opts.errors ?? 0);
      const call: ProviderCall = {
        at: clock,
        requestId: null,
        userKey: null,
        capability: 'parse',
        provider: 'bedrock',
        model: 'claude',
        cohort: 'candidate',
        role: 'primary',
        outcome: failed ? 'error' : 'ok',
        errorCode: failed ? 'unavailable' : null,
        errorType: failed ? 'provider' : null,
        latencyMs: opts.latencyMs ?? 800,
        usage: { inputTokens: 1000, outputTokens: 200, costUsd: opts.costUsd ?? 0.002 },
        retries: 0,
      };
      stats.onCall(call);
    }
  };

  /** Lets a minute pass with the given traffic, then runs one analysis tick. */
  const minute = async (count: number, opts: Parameters<typeof feed>[1] = {}) => {
    clock += MINUTE / 2;
    feed(count, opts);
    clock += MINUTE / 2;
    return guard.check();
  };

  const state = async () => (await guard.status('parse'))[0];
  const percents = () => routingChanges.map((c) => c.rolloutPercent);
  return { guard, stats, alerts, events, routingChanges, percents, minute, feed, state, plan, routing: () => config.parse, setConfig: (c: RoutingConfig) => (config = c) };
}

describe('RolloutPlanSchema', () => {
  it('fills the Flagger-like defaults', () => {
    const plan = RolloutPlanSchema.parse({});
    assert.deepEqual(plan.steps, [1, 5, 10, 25, 50, 100]);
    assert.equal(plan.bakeSeconds, 300);
    assert.equal(plan.minRequests, 20);
    assert.deepEqual(plan.thresholds, { maxErrorRate: 0.01, maxP95Ms: 3000, maxCostPerRequestUsd: 0.01, minShadowAgreement: 0.8 });
    assert.equal(plan.dryRun, false);
    assert.equal(RolloutPlanSchema.parse({ thresholds: { maxP95Ms: 500 } }).thresholds.maxErrorRate, 0.01);
  });

  it('refuses steps that are not strictly increasing or do not end at 100', () => {
    assert.equal(RolloutPlanSchema.safeParse({ steps: [1, 5, 5, 100] }).success, false);
    assert.equal(RolloutPlanSchema.safeParse({ steps: [10, 5, 100] }).success, false);
    assert.equal(RolloutPlanSchema.safeParse({ steps: [1, 50] }).success, false);
    assert.equal(RolloutPlanSchema.safeParse({ steps: [0, 100] }).success, false);
  });
});

describe('RolloutGuard', () => {
  it('advances a healthy candidate one step per bake time, then serves it to everyone', async () => {
    const h = harness();
    await h.guard.start('parse', {}, 'alice');
    assert.deepEqual(h.routingChanges[0], { capability: 'parse', mode: 'canary', rolloutPercent: 1, actor: 'alice', reason: 'rollout started to 1%' });

    // 30 healthy calls a minute: the first check (30 requests) already passes, but the step must bake 5 minutes.
    for (let m = 1; m <= 4; m++) await h.minute(30);
    assert.deepEqual(h.percents(), [1]);
    assert.equal((await h.state())?.lastCheck?.verdict, 'pass');
    await h.minute(30);
    assert.deepEqual(h.percents(), [1, 5]);

    for (let m = 0; m < 20; m++) await h.minute(30);
    assert.deepEqual(h.percents(), [1, 5, 10, 25, 50, 100]);
    assert.equal(h.routing().mode, 'full');
    const done = await h.state();
    assert.equal(done?.status, 'completed');
    assert.equal(done?.actor, 'rollout-guard');
    assert.deepEqual(h.alerts.map((a) => a.kind), ['completed']);
    assert.deepEqual(
      h.events.filter((e) => e.kind !== 'check').map((e) => e.kind),
      ['started', 'promoted', 'promoted', 'promoted', 'promoted', 'completed'],
    );
    assert.deepEqual(await h.guard.check(), [], 'a completed rollout is no longer checked');
  });

  it('rolls back to the control provider after three failed checks, with one alert', async () => {
    const h = harness();
    await h.guard.start('parse', {}, 'alice');
    await h.minute(100, { errors: 5 });
    await h.minute(100, { errors: 5 });
    const twice = await h.state();
    assert.equal(twice?.status, 'running');
    assert.equal(twice?.failedChecks, 2);
    assert.deepEqual(twice?.lastCheck?.failures, ['error rate 5.0% > 1.0%']);

    await h.minute(100, { errors: 5 });
    const after = await h.state();
    assert.equal(after?.status, 'rolled_back');
    assert.match(after?.reason ?? '', /3 consecutive failed checks at 1%: error rate 5\.0%/);
    assert.deepEqual(h.routingChanges.at(-1), {
      capability: 'parse',
      mode: 'control',
      rolloutPercent: 0,
      actor: 'rollout-guard',
      reason: `automatic rollback: ${after?.reason}`,
    });
    assert.equal(h.alerts.length, 1);
    assert.equal(h.alerts[0]?.kind, 'rolled_back');
    assert.equal(h.alerts[0]?.metrics?.errorRate, 0.05);
    assert.equal(h.alerts[0]?.metrics?.requests, 300);

    await h.minute(100, { errors: 5 });
    assert.equal(h.alerts.length, 1, 'a finished rollout raises no further alerts');
  });

  it('counts only consecutive failures: a passing check resets the count', async () => {
    const h = harness({ bakeSeconds: 3600 });
    await h.guard.start('parse', h.plan, 'alice');
    await h.minute(100, { errors: 5 });
    await h.minute(100, { errors: 5 }); // 10 / 200
    await h.minute(1800); // 10 / 2000 = 0.5 %: pass
    assert.equal((await h.state())?.failedChecks, 0);
    await h.minute(200, { errors: 100 }); // 110 / 2200 = 5 %
    await h.minute(100, { errors: 20 });
    const state = await h.state();
    assert.equal(state?.status, 'running');
    assert.equal(state?.failedChecks, 2);
  });

  it('treats a window below minRequests as inconclusive: no failure, no advance', async () => {
    const h = harness({ bakeSeconds: 60 });
    await h.guard.start('parse', h.plan, 'alice');
    await h.minute(10, { errors: 10 });
    await h.minute(9, { errors: 9 });
    for (let m = 0; m < 3; m++) await h.minute(0);
    const state = await h.state();
    assert.equal(state?.status, 'running');
    assert.equal(state?.failedChecks, 0);
    assert.equal(state?.lastCheck?.verdict, 'inconclusive');
    assert.equal(state?.lastCheck?.metrics.requests, 19);
    assert.deepEqual(h.percents(), [1]);
  });

  it('in dry run evaluates, records and alerts, but never changes routing', async () => {
    const h = harness({ dryRun: true, bakeSeconds: 60, steps: [5, 50, 100] });
    const before = h.routing();
    await h.guard.start('parse', h.plan, 'alice');
    await h.minute(50);
    const promoted = await h.state();
    assert.equal(promoted?.stepIndex, 1);
    assert.equal(h.alerts.at(-1)?.kind, 'would_promote');
    assert.match(h.alerts.at(-1)?.message ?? '', /would promote bedrock to 50%/);

    for (let m = 0; m < 3; m++) await h.minute(50, { errors: 10 });
    const ended = await h.state();
    assert.equal(ended?.status, 'rolled_back');
    assert.equal(h.alerts.at(-1)?.kind, 'would_roll_back');
    assert.match(h.alerts.at(-1)?.message ?? '', /^parse: would roll back bedrock/);
    assert.deepEqual(h.routingChanges, []);
    assert.deepEqual(h.routing(), before);
  });

  it('promotes, pauses, resumes and aborts on request', async () => {
    const h = harness({ bakeSeconds: 120 });
    await h.guard.start('parse', h.plan, 'alice');
    await assert.rejects(h.guard.start('parse', h.plan, 'bob'), /already running/);

    await h.guard.promote('parse', 'bob'); // no analysis, no bake
    assert.deepEqual(h.percents(), [1, 5]);
    assert.equal((await h.state())?.actor, 'bob');

    await h.guard.pause('parse', 'bob');
    for (let m = 0; m < 4; m++) await h.minute(30);
    assert.equal((await h.state())?.status, 'paused');
    assert.deepEqual(h.percents(), [1, 5], 'a paused rollout does not advance');
    await assert.rejects(h.guard.pause('parse', 'bob'), /not running/);

    await h.guard.resume('parse', 'bob');
    await h.minute(30);
    assert.deepEqual(h.percents(), [1, 5, 10]);

    const aborted = await h.guard.abort('parse', 'carol', 'latency complaints');
    assert.equal(aborted.status, 'aborted');
    assert.equal(aborted.reason, 'latency complaints');
    assert.deepEqual(h.routingChanges.at(-1), { capability: 'parse', mode: 'control', rolloutPercent: 0, actor: 'carol', reason: 'rollout aborted: latency complaints' });
    assert.equal(h.alerts.at(-1)?.kind, 'aborted');
    await assert.rejects(h.guard.promote('parse', 'bob'), (e: Error & { code?: string }) => e.code === 'not_found');

    // After an abort the capability can be rolled out again, from the first step.
    h.setConfig({ ...RoutingConfigSchema.parse({}), parse: { ...h.routing(), candidate: 'bedrock' } });
    const again = await h.guard.start('parse', h.plan, 'alice');
    assert.equal(again.stepIndex, 0);
    assert.deepEqual(
      h.events.filter((e) => e.kind !== 'check').map((e) => e.kind),
      ['started', 'promoted', 'paused', 'resumed', 'promoted', 'aborted', 'started'],
    );
  });

  it('refuses to start without a candidate or with an invalid plan', async () => {
    const h = harness();
    await assert.rejects(h.guard.start('embed', {}, 'alice'), /no candidate/);
    await assert.rejects(h.guard.start('parse', { steps: [5, 1, 100] }, 'alice'), /strictly increasing/);
    assert.deepEqual(h.routingChanges, []);
  });

  it('fails a check on p95 latency', async () => {
    const h = harness({ failureLimit: 1 });
    await h.guard.start('parse', h.plan, 'alice');
    await h.minute(18, { latencyMs: 900 });
    h.feed(2, { latencyMs: 4000 }); // 2 of 20: the 19th-ranked latency is 4000 ms
    await h.minute(0);
    const state = await h.state();
    assert.equal(state?.status, 'rolled_back');
    assert.deepEqual(state?.lastCheck?.failures, ['p95 4000 ms > 3000 ms']);
    assert.equal(h.alerts[0]?.metrics?.p95Ms, 4000);
  });

  it('fails a check on cost per request', async () => {
    const h = harness({ failureLimit: 1 });
    await h.guard.start('parse', h.plan, 'alice');
    await h.minute(40, { costUsd: 0.015 });
    const state = await h.state();
    assert.equal(state?.status, 'rolled_back');
    assert.deepEqual(state?.lastCheck?.failures, ['cost per request $0.0150 > $0.0100']);
  });

  it('fails a check on shadow agreement only when there were shadow runs', async () => {
    const h = harness({ failureLimit: 1, bakeSeconds: 3600 });
    await h.guard.start('parse', h.plan, 'alice');
    await h.minute(30);
    const unshadowed = (await h.state())?.lastCheck;
    assert.equal(unshadowed?.verdict, 'pass');
    assert.equal(unshadowed?.metrics.shadowAgreement, null);
    const at = (await h.state())?.stepStartedAt ?? 0;
    for (const agreement of [0.9, 0.5, 0.6]) {
      h.stats.onShadow({ at, requestId: null, capability: 'parse', control: 'openai', candidate: 'bedrock', outcome: 'mismatched', agreement, differences: [], candidateLatencyMs: 900 });
    }
    await h.minute(30);
    const state = await h.state();
    assert.equal(state?.status, 'rolled_back');
    assert.deepEqual(state?.lastCheck?.failures, ['shadow agreement 0.67 < 0.80']);
  });

  it('stops without touching routing when someone else changed it (kill switch)', async () => {
    const h = harness();
    await h.guard.start('parse', h.plan, 'alice');
    h.setConfig({ ...RoutingConfigSchema.parse({}), parse: { ...h.routing(), mode: 'control', rolloutPercent: 0 } });
    await h.minute(30);
    const state = await h.state();
    assert.equal(state?.status, 'aborted');
    assert.match(state?.reason ?? '', /routing changed outside the rollout \(mode control at 0%, expected canary at 1%\)/);
    assert.deepEqual(h.percents(), [1]);
  });

  it('checks each rollout once per interval however often check() runs', async () => {
    const h = harness({ intervalSeconds: 120 });
    await h.guard.start('parse', h.plan, 'alice');
    await h.minute(30);
    const first = (await h.state())?.lastCheck?.at;
    await h.minute(30);
    assert.equal((await h.state())?.lastCheck?.at, first, 'not due yet');
    await h.minute(30);
    assert.notEqual((await h.state())?.lastCheck?.at, first);
    assert.equal((await h.guard.check({ force: true })).length, 1);
  });

  it('keeps going when the alert sink throws', async () => {
    const h = harness();
    const throwing = new RolloutGuard({
      stats: h.stats,
      control: { current: () => RoutingConfigSchema.parse({ parse: { candidate: 'bedrock' } }), setRollout: async () => undefined },
      states: new InMemoryRolloutStateStore(),
      alert: () => {
        throw new Error('webhook down');
      },
      now: () => 1_700_000_000_000,
    });
    await throwing.start('parse', { dryRun: true, failureLimit: 1 }, 'alice');
    h.feed(30, { errors: 30 });
    const [state] = await throwing.check();
    assert.equal(state?.status, 'rolled_back');
  });
});

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

const rollback: RolloutAlert = {
  kind: 'rolled_back',
  capability: 'parse',
  message: 'parse: rolled back bedrock',
  metrics: { requests: 300, errorRate: 0.05, p95Ms: 900, costPerRequestUsd: 0.002, shadowAgreement: null },
  at: Date.UTC(2025, 0, 2, 3, 4, 5),
};

describe('createAlertSink', () => {
  it('posts the alert as JSON to the webhook and never logs its query string', async () => {
    const received: { body: unknown; type: string | undefined; auth?: string | undefined }[] = [];
    const server = createServer((req, res) => {
      void readBody(req).then((body) => {
        received.push({ body: JSON.parse(body), type: req.headers['content-type'], ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
        res.writeHead(req.url?.startsWith('/ok') ? 204 : 500).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const { lines, logger } = captureLogs();
      await createAlertSink({ webhookUrl: `http://127.0.0.1:${port}/ok?token=s3cret`, logger })(rollback);
      assert.deepEqual(received[0], {
        type: 'application/json',
        body: { kind: 'rolled_back', capability: 'parse', message: 'parse: rolled back bedrock', text: 'parse: rolled back bedrock', metrics: rollback.metrics, at: '2025-01-02T03:04:05.000Z' },
      });
      assert.match(lines[0] ?? '', /"level":40/, 'a rollback is logged as a warning');

      await createAlertSink({ webhookUrl: `http://127.0.0.1:${port}/fail?token=s3cret`, logger })({ ...rollback, kind: 'completed' });
      const refused = lines.find((l) => l.includes('refused'));
      assert.match(refused ?? '', /"status":500/);
      assert.match(refused ?? '', new RegExp(`"endpoint":"http://127.0.0.1:${port}/fail"`));
      assert.ok(!lines.join('').includes('s3cret'));

      // fetch refuses user:password in URLs; the sink sends them as Basic credentials.
      await createAlertSink({ webhookUrl: `http://hook:pa%20ss@127.0.0.1:${port}/ok`, logger })(rollback);
      assert.equal(received.at(-1)?.auth, `Basic ${Buffer.from('hook:pa ss').toString('base64')}`);
      assert.ok(!lines.join('').includes('pa%20ss'));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('logs an unreachable webhook instead of throwing', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve)); // nothing listens there now
    const { lines, logger } = captureLogs();
    await createAlertSink({ webhookUrl: `http://user:pw@127.0.0.1:${port}/hook?token=s3cret`, logger, timeoutMs: 2000 })(rollback);
    const failed = lines.find((l) => l.includes('alert webhook failed'));
    assert.match(failed ?? '', /ECONNREFUSED/);
    assert.ok(!lines.join('').includes('s3cret') && !lines.join('').includes('pw@'));
  });

  it('only logs without a webhook, and refuses a malformed URL at startup', async () => {
    const { lines, logger } = captureLogs();
    await createAlertSink({ logger, webhookUrl: '' })({ ...rollback, kind: 'completed' });
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /"level":30/);
    assert.throws(() => createAlertSink({ logger, webhookUrl: 'not a url?token=x' }), /not a valid URL/);
  });
});
