import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ParsedResumeSchema } from '../src/domain/index.js';
import { startTestServer } from './helpers/server.js';

const RESUME = `Jane Q. Example
London, United Kingdom | jane.example@example.com | +44 20 7946 0958
linkedin.com/in/jane-example

Summary
Backend engineer with eight years building payment systems in TypeScript and Go.

Experience
Senior Software Engineer, Northwind Payments — Jan 2021 – Present
- Led the migration of the ledger service to PostgreSQL
- Cut p95 latency by 40% with Redis caching
Software Engineer | Contoso Ltd | 2016 - 2020
- Built REST APIs in Node.js and TypeScript

Education
BSc Computer Science, University of Leeds, 2016

Skills
TypeScript, Node.js, Go, PostgreSQL, Redis, Docker, Kubernetes
`;

describe('HTTP API', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  const post = (body: RequestInit['body'], headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/parse-resume`, { method: 'POST', body, headers });

  it('answers /healthz', async () => {
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string };
    assert.equal(body.status, 'ok');
  });

  it('parses JSON text into a valid ParsedResume', async () => {
    const res = await post(JSON.stringify({ text: RESUME, referenceDate: '2026-11-24' }), { 'content-type': 'application/json' });
    assert.equal(res.status, 200);
    assert.ok(res.headers.get('x-request-id'));
    const body = (await res.json()) as { success: boolean; data: unknown; meta: { provider: string; document: { format: string } } };
    assert.equal(body.success, true);
    const resume = ParsedResumeSchema.parse(body.data);
    assert.equal(resume.contact.name, 'Jane Q. Example');
    assert.deepEqual(resume.contact.emails, ['jane.example@example.com']);
    assert.equal(resume.meta.referenceDate.slice(0, 10), '2026-11-24');
    assert.equal(body.meta.provider, 'local');
    assert.ok(resume.experience.some((e) => e.company?.includes('Northwind Payments') && e.current));
  });

  it('parses a multipart text upload', async () => {
    const form = new FormData();
    form.set('file', new File([RESUME], 'cv.bin'));
    const res = await post(form);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { meta: { document: { format: string } } };
    assert.equal(body.meta.document.format, 'text');
  });

  const errorCases: Array<[string, () => Promise<Response>, number, string]> = [
    ['malformed JSON', () => post('{"text": ', { 'content-type': 'application/json' }), 400, 'invalid_request'],
    ['missing text', () => post('{}', { 'content-type': 'application/json' }), 400, 'invalid_request'],
    ['bad reference date', () => post(JSON.stringify({ text: 'x y z', referenceDate: '2026-13-45' }), { 'content-type': 'application/json' }), 400, 'invalid_request'],
    ['no content type', () => post('hello'), 415, 'unsupported_media_type'],
    ['multipart without a file', () => { const f = new FormData(); f.set('other', 'x'); return post(f); }, 400, 'invalid_request'],
    ['whitespace-only text', () => post(JSON.stringify({ text: '   \n\t  ' }), { 'content-type': 'application/json' }), 422, 'empty_document'],
  ];
  for (const [name, send, status, code] of errorCases) {
    it(`answers ${status} ${code} for ${name}`, async () => {
      const res = await send();
      assert.equal(res.status, status);
      const body = (await res.json()) as { success: boolean; error: { code: string; message: string } };
      assert.equal(body.success, false);
      assert.equal(body.error.code, code);
      assert.ok(body.error.message.length > 10, 'message a person can act on');
    });
  }

  it('refuses an upload over the limit without reading it all', async () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    const form = new FormData();
    form.set('file', new File([big], 'big.pdf'));
    const res = await post(form);
    assert.equal(res.status, 413);
    const body = (await res.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'file_too_large');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${server.url}/nope`);
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found');
  });

  it('publishes an OpenAPI document generated from the schemas, and a docs page', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/parse-resume']);
    assert.ok(doc.components.schemas.ParsedResume);
    const page = await fetch(`${server.url}/docs`);
    assert.match(await page.text(), /swagger-ui-bundle\.js/);
    const asset = await fetch(`${server.url}/docs/assets/swagger-ui-bundle.js`);
    assert.equal(asset.status, 200);
  });
});
