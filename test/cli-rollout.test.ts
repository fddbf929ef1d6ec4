import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { openServices } from '../src/services/runtime.js';
import { createLogger } from '../src/telemetry/logger.js';
import { runCli } from './helpers/cli.js';
import { startTestServer } from './helpers/server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Runs `jobmatch rollout …` in this process. */
const rollout = (...args: string[]) => runCli('rollout', ...args);

const saved = { dataDir: process.env.JOBMATCH_DATA_DIR, token: process.env.ADMIN_TOKEN };
function restore(name: 'JOBMATCH_DATA_DIR' | 'ADMIN_TOKEN', value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe('jobmatch rollout, on the database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jobmatch-cli-rollout-'));
  before(() => {
    process.env.JOBMATCH_DATA_DIR = dataDir;
  });
  after(() => {
    restore('JOBMATCH_DATA_DIR', saved.dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the environment routing as JSON', async () => {
    const { stdout, exitCode } = await rollout('status', '--json');
    assert.equal(exitCode, 0);
    const view = JSON.parse(stdout) as Json;
    assert.equal(view.routing.version, 0);
    assert.equal(view.routing.source, 'environment');
    assert.equal(view.routing.config.parse.mode, 'control');
    assert.equal(view.routing.breakers, null);
    assert.deepEqual(view.rollouts, []);
  });

  it('sets a capability’s routing, audited with the actor and reason', async () => {
    const set = await rollout('set', 'parse', '--mode', 'shadow', '--candidate', 'openai', '--shadow-rate', '0.1', '--reason', 'compare OpenAI', '--actor', 'dana');
    assert.equal(set.exitCode, 0);
    assert.match(set.stdout, /routing v1 from the database, by dana/);
    assert.match(set.stdout, /parse\s+shadow\s+local → openai\s+0%\s+0\.10/);
  });

  it('refuses an invalid change without writing it', async () => {
    await assert.rejects(rollout('set', 'embed', '--mode', 'canary'), /embed\.candidate: mode "canary" needs a candidate/);
    const view = JSON.parse((await rollout('status', '--json')).stdout) as Json;
    assert.equal(view.routing.version, 1);
    assert.equal(view.routing.config.embed.mode, 'control');
  });

  it('starts a rollout plan and shows its step in the status table', async () => {
    const plan = await rollout('plan', 'parse', '--steps', '10,100', '--bake', '0', '--interval', '30');
    assert.match(plan.stdout, /parse: openai at 10% \(step 1\/2 of 10, 100%\), running, checked every 30 s/);
    const status = await rollout('status');
    assert.match(status.stdout, /parse\s+canary\s+local → openai\s+10%.*running step 1\/2 \(10%\)/);
    assert.match(status.stdout, /breakers are per server/);
    assert.match((await rollout('pause', 'parse')).stdout, /, paused/);
    assert.match((await rollout('resume', 'parse')).stdout, /, running/);
  });

  it('rolls back: control at 0 %, plan aborted, and the audit shows what changed', async () => {
    const back = await rollout('rollback', 'parse', '--reason', 'latency spike', '--actor', 'oncall');
    assert.equal(back.exitCode, 0);
    assert.match(back.stdout, /parse\s+control\s+local → openai\s+0%.*aborted: latency spike/);
    const entries = JSON.parse((await rollout('audit', '--json', '--limit', '10')).stdout) as Json[];
    const kill = entries.find((e) => e.reason === 'latency spike');
    assert.ok(kill);
    assert.equal(kill.action, 'rollback');
    assert.equal(kill.actor, 'oncall');
    assert.equal(kill.before.parse.mode, 'canary');
    assert.equal(kill.after.parse.mode, 'control');
    const text = (await rollout('audit')).stdout;
    assert.match(text, /rollback\s+latency spike\s+parse\.mode "canary"→"control", parse\.rolloutPercent 10→0/);
    assert.match(text, /set-routing\s+compare OpenAI/);
  });

  it('says to use --url when a server holds the database', async () => {
    const services = await openServices({ ...loadConfig({ JOBMATCH_DATA_DIR: dataDir, JOBMATCH_SAMPLE_JOBS: 'false' }), runGuard: false }, createLogger('silent'));
    try {
      const { stdout, stderr, exitCode } = await rollout('status');
      assert.equal(exitCode, 1);
      assert.equal(stdout, '');
      assert.match(stderr, /in use by a running server: add --url http:\/\/127\.0\.0\.1:3000 \(with ADMIN_TOKEN set\)/);
      assert.equal(stderr.trim().split('\n').length, 1);
    } finally {
      await services.close();
    }
  });
});

describe('jobmatch rollout --url, through the admin API', () => {
  const TOKEN = 'cli-admin-token-0123456789';
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    server = await startTestServer({ ADMIN_TOKEN: TOKEN, JOBMATCH_SAMPLE_JOBS: 'false', JOBMATCH_GUARD: 'false' });
    process.env.ADMIN_TOKEN = TOKEN;
  });
  after(async () => {
    restore('ADMIN_TOKEN', saved.token);
    await server.stop();
  });

  it('changes routing on the server and shows its breakers', async () => {
    // A parse so the server has a circuit breaker to show.
    await fetch(`${server.url}/api/parse-resume`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Jane Doe\nEngineer at Acme, 2020 - Present' }) });
    const set = await rollout('set', 'parse', '--candidate', 'openai', '--shadow-rate', '0.05', '--url', server.url, '--actor', 'erin');
    assert.equal(set.exitCode, 0, set.stderr);
    assert.match(set.stdout, /routing v1 from the database, by erin/);
    assert.match(set.stdout, /parse\s+control\s+local → openai\s+0%\s+0\.05\s+local closed/);
    assert.equal(server.services.router.source.current().config.parse.candidate, 'openai');
    const [entry] = await server.services.router.source.audit(1);
    assert.equal(entry?.actor, 'erin');
  });

  it('fails with the server’s error for a wrong token', async () => {
    process.env.ADMIN_TOKEN = 'wrong-token-0123456789';
    try {
      await assert.rejects(rollout('status', '--url', server.url), (err: Error & { code?: string }) => err.code === 'forbidden');
    } finally {
      process.env.ADMIN_TOKEN = TOKEN;
    }
  });
});
