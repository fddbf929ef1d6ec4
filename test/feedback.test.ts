import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { twoProportionZTest, wilsonInterval } from '../src/eval/ab-stats.js';
import { runParses } from '../src/eval/compare-run.js';
import { parseDataset } from '../src/eval/dataset.js';
import { parseDocument } from '../src/eval/document.js';
import { storeDocument } from '../src/eval/output.js';
import { buildParseComparison } from '../src/eval/parse-comparison.js';
import { LocalResumeParser } from '../src/providers/local/parser.js';
import { SAMPLE_RESUME as RESUME, startServerWithOpenAi, type ServerWithOpenAi } from './helpers/openai-server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The real server: the route memory subscribed to routing observations, the feedback and eval routes on the app.
 */
describe('feedback and experiments through the real server', () => {
  let running: ServerWithOpenAi;
  let services: ServerWithOpenAi['server']['services'];
  let url: string;

  before(async () => {
    running = await startServerWithOpenAi();
    ({ services, url } = running.server);
    // Half the users (by sticky bucket) are parsed by the candidate, OpenAI (emulated).
    await services.router.source.update((c) => ({ ...c, parse: { ...c.parse, mode: 'canary', candidate: 'openai', rolloutPercent: 50 } }), 'test', 'rollout-step');
  });
  after(() => running.stop());

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };

  it('attributes feedback to the provider and cohort that served the request, and aggregates it per cohort', async () => {
    const served: { requestId: string; cohort: string; provider: string }[] = [];
    for (let i = 0; served.filter((s) => s.cohort === 'candidate').length < 4 || served.filter((s) => s.cohort === 'control').length < 4; i++) {
      assert.ok(i < 200, 'both cohorts reached');
      const res = await post('/api/parse-resume', { text: RESUME }, { 'x-user-id': `user-${i}` });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const route = res.headers.get('x-jobmatch-route-parse') ?? '';
      const cohort = /cohort=(\w+)/.exec(route)?.[1] ?? '';
      served.push({ requestId: res.headers.get('x-request-id') ?? '', cohort, provider: res.body.meta.provider });
    }
    const control = served.filter((s) => s.cohort === 'control').slice(0, 4);
    const candidate = served.filter((s) => s.cohort === 'candidate').slice(0, 4);
    assert.ok(control.every((s) => s.provider === 'local') && candidate.every((s) => s.provider === 'openai'));

    // Control: 3 up, 1 down. Candidate: 1 up, 3 down — the last first rated up, then changed to down.
    const ratings: [typeof served[number], 'up' | 'down'][] = [
      [control[0]!, 'up'], [control[1]!, 'up'], [control[2]!, 'up'], [control[3]!, 'down'],
      [candidate[0]!, 'up'], [candidate[1]!, 'down'], [candidate[2]!, 'down'], [candidate[3]!, 'up'], [candidate[3]!, 'down'],
    ];
    for (const [s, rating] of ratings) {
      const res = await post('/api/feedback', { requestId: s.requestId, rating, ...(rating === 'down' ? { corrections: { 'contact.name': 'Priya Natarajan' } } : {}) }, { 'x-user-id': 'rater' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.deepEqual(res.body.data, { requestId: s.requestId, capability: 'parse', provider: s.provider, cohort: s.cohort, rating });
    }

    const rows = await services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback');
    assert.equal(rows.rows[0]?.n, 8, 'a changed rating replaces the earlier one');

    const res = await fetch(`${url}/api/experiments/parse`);
    assert.equal(res.status, 200);
    const data = ((await res.json()) as Json).data;
    assert.equal(data.routing.mode, 'canary');
    assert.equal(data.routing.candidate, 'openai');
    const [c, k] = data.cohorts as Json[];
    assert.deepEqual([c!.cohort, c!.providers, c!.feedback.up, c!.feedback.down, c!.feedback.corrected], ['control', ['local'], 3, 1, 1]);
    assert.deepEqual([k!.cohort, k!.providers, k!.feedback.up, k!.feedback.down, k!.feedback.corrected], ['candidate', ['openai'], 1, 3, 3]);
    assert.equal(c!.live.requests, served.filter((s) => s.cohort === 'control').length);
    assert.equal(k!.live.requests, served.filter((s) => s.cohort === 'candidate').length);
    assert.equal(k!.live.errorRate, 0);
    assert.ok(k!.live.costPerRequestUsd > 0 && c!.live.costPerRequestUsd === 0);
    assert.deepEqual(c!.feedback.ci95, wilsonInterval(3, 4));
    assert.equal(c!.feedback.positiveRate, 0.75);
    const expected = twoProportionZTest(3, 4, 1, 4)!;
    assert.equal(data.comparison.difference, -0.5);
    assert.equal(data.comparison.pValue, expected.pValue);
    assert.match(data.comparison.test, /two-proportion z-test/);
  });

  it('refuses feedback it cannot attribute, and bad bodies', async () => {
    const unknown = await post('/api/feedback', { requestId: 'never-served', rating: 'up' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'not_found');
    const parsed = await post('/api/parse-resume', { text: RESUME });
    const wrongCapability = await post('/api/feedback', { requestId: parsed.headers.get('x-request-id'), rating: 'up', capability: 'match' });
    assert.equal(wrongCapability.status, 404);
    assert.match(wrongCapability.body.error.message, /not served a match answer; it used parse/);
    const bad = await post('/api/feedback', { requestId: 'x', rating: 'meh' });
    assert.equal(bad.status, 400);
  });

  it('serves stored evaluation reports as a list, JSON and HTML', async () => {
    const records = [{ id: 'r1', text: RESUME, gold: { ...parseDataset('{"id":"x","text":"","gold":{}}').records[0]!.gold, name: 'Priya Natarajan' } }];
    const doc = parseDocument(buildParseComparison(records, await runParses({ records, parsers: [new LocalResumeParser()] }), { resamples: 100 }));
    await storeDocument(services.db, doc);

    const list = await fetch(`${url}/api/eval/reports?kind=parse`);
    assert.equal(list.status, 200);
    const reports = ((await list.json()) as Json).data.reports as Json[];
    assert.deepEqual(reports.map((r) => [r.id, r.kind, r.providers]), [[doc.id, 'parse', ['local']]]);
    assert.equal(reports[0]!.summary[0].metrics.microF1, 1);

    const json = await fetch(`${url}/api/eval/reports/${doc.id}`);
    assert.deepEqual(((await json.json()) as Json).data, doc);
    const html = await fetch(`${url}/api/eval/reports/${doc.id}.html`);
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(html.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(await html.text(), /<svg [^>]*aria-label="F1 per field \(%\)"/);

    const missing = await fetch(`${url}/api/eval/reports/parse-none.html`);
    assert.equal(missing.status, 404);
    const invalid = await fetch(`${url}/api/eval/reports/${encodeURIComponent('../etc')}`);
    assert.equal(invalid.status, 400);
  });
});
