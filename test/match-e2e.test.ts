import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer } from './helpers/server.js';

const RESUME = `Alex Morgan
Seattle, WA | alex.morgan@example.com | (206) 555-0142

Summary
Software developer building backend services and APIs.

Experience
Senior Software Developer, Harbor Systems — Jan 2019 – Present
- Designed REST APIs in Java and Python backed by PostgreSQL
- Ran services on AWS with Docker and Kubernetes
Software Developer, Bluefin Labs — 2014 – 2018
- Wrote data pipelines in Python and SQL

Education
BSc Computer Science, University of Washington, 2014

Skills
Java, Python, SQL, PostgreSQL, Docker, Kubernetes, AWS, Git, Linux
`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('jobs and matching through the real server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('comes up with the sample corpus indexed in the local space', async () => {
    const { status, body } = await call('GET', '/api/jobs/index-status');
    assert.equal(status, 200);
    assert.ok(body.data.jobs >= 2000);
    const local = body.data.spaces.find((s: Json) => s.space.provider === 'local');
    assert.equal(local.coverage, 1);
  });

  it('ships sample vectors that the live model reproduces', async () => {
    const { body: page } = await call('GET', '/api/jobs?limit=1');
    const job = page.data.jobs[0];
    const text = [job.title, [...job.requiredSkills, ...job.niceToHaveSkills].join(', '), job.description].join('\n');
    const { status, body } = await call('POST', '/api/embeddings', { texts: [text] });
    assert.equal(status, 200);
    const live: number[] = body.data.vectors[0];
    assert.equal(live.length, 512);
    // The stored vector ranks this very job first for its own text.
    const match = await call('POST', '/api/match-jobs', { profile: { title: null, skills: [], yearsExperience: null, location: null, summary: text }, strategy: 'semantic', limit: 1 });
    assert.equal(match.body.data.matches[0].job.id, job.id);
    assert.ok(match.body.data.matches[0].breakdown.semantic > 0.99);
  });

  it('ranks jobs for resume text with explanations', async () => {
    const { status, body } = await call('POST', '/api/match-jobs', { text: RESUME, limit: 10 });
    assert.equal(status, 200, JSON.stringify(body));
    const result = body.data;
    assert.equal(result.strategy, 'hybrid');
    assert.equal(result.matches.length, 10);
    const top = result.matches[0];
    assert.match(top.job.occupationCode, /^15-/, `top match should be a computer occupation, got ${top.job.title}`);
    assert.ok(top.matchedSkills.length > 0);
    assert.ok(Array.isArray(top.missingRequiredSkills));
    assert.ok(top.reasons.length > 0);
    for (const k of ['semantic', 'lexical', 'skills', 'title', 'experience']) assert.equal(typeof top.breakdown[k], 'number');
    const scores = result.matches.map((m: Json) => m.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  });

  it('imports a job, finds it, then deletes it', async () => {
    const created = await call('POST', '/api/jobs', {
      jobs: [{ id: 'acme-nurse', title: 'Night Shift Registered Nurse', description: 'Provide patient care on a surgical ward. Requires 2 years of clinical experience.', location: 'Leeds, UK' }],
    });
    assert.equal(created.status, 201);
    const stored = created.body.data.jobs[0];
    assert.equal(stored.minYearsExperience, 2);
    assert.ok(stored.occupationCode, 'occupation derived from the title');
    const status = await call('GET', '/api/jobs/index-status');
    const local = status.body.data.spaces.find((s: Json) => s.space.provider === 'local');
    assert.ok(local.coverage < 1, 'the new job has no vector yet');
    const got = await call('GET', '/api/jobs/acme-nurse');
    assert.equal(got.body.data.title, 'Night Shift Registered Nurse');
    const match = await call('POST', '/api/match-jobs', {
      profile: { title: 'Registered Nurse', skills: ['Patient care'], yearsExperience: 4, location: 'Leeds', summary: 'surgical ward nurse' },
      filters: { location: 'Leeds' },
      strategy: 'lexical',
    });
    assert.equal(match.body.data.strategy, 'lexical');
    assert.ok(match.body.data.matches.some((m: Json) => m.job.id === 'acme-nurse'));
    assert.equal((await call('DELETE', '/api/jobs/acme-nurse')).status, 200);
    assert.equal((await call('GET', '/api/jobs/acme-nurse')).status, 404);
    assert.equal((await call('DELETE', '/api/jobs/acme-nurse')).status, 404);
  });

  const errors: Array<[string, string, string, unknown, number, string]> = [
    ['an unknown space', 'POST', '/api/match-jobs', { text: RESUME, space: 'openai:text-embedding-3-small:1536:1' }, 404, 'unknown_embedding_space'],
    ['two inputs at once', 'POST', '/api/match-jobs', { text: RESUME, profile: { title: 'x', skills: [], yearsExperience: null, location: null, summary: null } }, 400, 'invalid_request'],
    ['a job without a title', 'POST', '/api/jobs', { jobs: [{ description: 'no title' }] }, 400, 'invalid_request'],
    ['an empty text to embed', 'POST', '/api/embeddings', { texts: [''] }, 400, 'invalid_request'],
    ['a bad page size', 'GET', '/api/jobs?limit=100000', undefined, 400, 'invalid_request'],
  ];
  for (const [name, method, path, body, status, code] of errors) {
    it(`answers ${status} ${code} for ${name}`, async () => {
      const res = await call(method, path, body);
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.equal(res.body.error.code, code);
    });
  }
});
