import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import type { CapabilityRouting } from '../src/routing/config.js';
import { setRouting } from '../src/services/routing-admin.js';
import { startServer, type RunningServer } from '../src/server/main.js';
import { startOpenAiEmulator, type OpenAiEmulator, type OpenAiFault } from './emulators/openai.js';
import { captureLogs } from './helpers/logs.js';

/** Planted in requests, resumes, keys and headers; none may reach a log line. */
const PLANTED = {
  email: 'priya.natarajan+jobs@example.org',
  phone: '+91 98765 43210',
  openaiKey: 'sk-proj-Zq8vN3kLp0wXr5tY7uBcD2eF',
  adminToken: 'adm-Tr7Kq2Vx9Lm4Np6Rs8',
  wrongToken: 'sk-live-Hh3Jj5Kk7Ll9Mm1Nn3Pp',
};
/** A sentence only this resume has: if it shows up, resume text was logged (redaction cannot catch prose). */
const DISTINCTIVE = 'Reduced quarterly churn by modelling lighthouse customers with gradient-boosted survival curves';

const RESUME = `Priya Natarajan
Pune, India | ${PLANTED.email} | ${PLANTED.phone}

Summary
${DISTINCTIVE}.

Experience
Data Analyst, Lotus Analytics — 2020 – Present
- Built dashboards in Tableau and SQL

Education
BSc Statistics, University of Pune, 2019

Skills
SQL, Tableau, Python, Excel
`;

/**
 * The request path at debug level, through routing and the real OpenAI SDK against the emulator, under every
 * fault the emulator has (each one logged as a provider failure and fallen back from), in full and shadow
 * mode, plus admin calls with bearer tokens: the captured log output holds none of the planted values.
 */
describe('logs through routing', () => {
  let emulator: OpenAiEmulator;
  let server: RunningServer;
  let dataDir: string;
  const { lines, logger } = captureLogs('trace');
  const savedKey = process.env.OPENAI_API_KEY;

  before(async () => {
    emulator = await startOpenAiEmulator({ apiKey: PLANTED.openaiKey });
    process.env.OPENAI_API_KEY = PLANTED.openaiKey;
    dataDir = mkdtempSync(join(tmpdir(), 'jobmatch-logs-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      JOBMATCH_DATA_DIR: dataDir,
      JOBMATCH_SAMPLE_JOBS: 'false',
      JOBMATCH_GUARD: 'false',
      OPENAI_BASE_URL: emulator.url,
      OPENAI_API_KEY: PLANTED.openaiKey,
      ADMIN_TOKEN: PLANTED.adminToken,
      // Every fault should reach the provider; an open breaker would skip the interesting ones.
      JOBMATCH_BREAKER_FAILURES: '1000',
    });
    server = await startServer(config, logger);
  });
  after(async () => {
    await server.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (savedKey === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = savedKey;
  });

  const setParseRouting = (patch: Partial<CapabilityRouting>) => setRouting(server.services.router.source, { body: patch, capability: 'parse' }, 'test');

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': PLANTED.email, authorization: `Bearer ${PLANTED.wrongToken}`, ...headers },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  };

  it('keeps resumes, contact details, keys and bearer tokens out of the logs', async () => {
    await setParseRouting({ mode: 'full', control: 'local', candidate: 'openai', retries: 0, shadowSampleRate: 0 });
    const faults: OpenAiFault['kind'][] = ['refusal', 'bad_key', 'http_error', 'malformed_body', 'malformed_content', 'truncated', 'schema_violation', 'hallucination'];
    for (const kind of faults) {
      emulator.setFault(kind === 'http_error' ? { kind, status: 400, times: 1 } : { kind, times: 1 } as OpenAiFault);
      const status = await post('/api/parse-resume', { text: RESUME });
      assert.ok(status === 200 || status === 400, `${kind}: ${status}`);
    }
    emulator.setFault(null);
    assert.equal(await post('/api/parse-resume', { text: RESUME }), 200);
    assert.equal(await post('/api/match-jobs', { text: RESUME }), 200);
    assert.equal(await post('/api/test-ai', { text: RESUME, providers: ['local', 'openai'] }), 200);
    // Refused at the edge, with the resume in the body.
    assert.equal(await post('/api/parse-resume', { text: RESUME, referenceDate: 'yesterday' }), 400);

    // Shadow mode: the candidate's failures and disagreements are logged without their content.
    await setParseRouting({ mode: 'shadow', control: 'local', candidate: 'openai', shadowSampleRate: 1, retries: 0 });
    emulator.setFault([{ kind: 'hallucination', times: 1 }, { kind: 'schema_violation', times: 1 }, { kind: 'none', times: 1 }]);
    for (let i = 0; i < 3; i++) assert.equal(await post('/api/parse-resume', { text: RESUME }), 200);
    await server.services.router.shadow.idle();

    // Admin calls with a wrong and a right bearer token.
    const admin = (token: string) => fetch(`${server.url}/api/admin/routing`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    assert.ok([401, 403].includes(await admin(PLANTED.wrongToken)));
    assert.equal(await admin(PLANTED.adminToken), 200);

    // The emulator saw the key and the resume, so both really went through the logged code paths.
    assert.ok(emulator.requests.some((r) => JSON.stringify(r).includes(PLANTED.openaiKey)), 'the SDK never sent the planted key');
    assert.ok(emulator.requests.some((r) => JSON.stringify(r).includes('lighthouse customers')));

    const out = lines.join('');
    assert.match(out, /parse provider failed/, 'the fallback path was not logged at all');
    assert.match(out, /"msg":"request"/);
    for (const [name, value] of Object.entries(PLANTED)) assert.ok(!out.includes(value), `${name} leaked into the logs`);
    assert.ok(!out.includes(PLANTED.phone.replace(/\s/g, '')), 'phone (digits) leaked');
    assert.ok(!out.includes('lighthouse customers'), 'resume text leaked into the logs');
    assert.ok(!/Bearer (?!\[redacted\])/.test(out), 'a bearer credential leaked');
  });

  // Redaction must not cost us correlation: the PHONE pattern also matches digit runs inside UUIDs
  // ("…-8570-aeb123456789" → "…-8570-aeb[phone]"), so some request ids in the logs cannot be searched for.
  it('keeps request ids intact', () => {
    const ids = lines.map((l) => (JSON.parse(l) as { requestId?: string }).requestId).filter((id): id is string => id !== undefined);
    assert.ok(ids.length > 10);
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
