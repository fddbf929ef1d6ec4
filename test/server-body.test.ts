import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startTestServer } from './helpers/server.js';

/**
 * Request bodies over a real socket: declared-length JSON is read straight from Node's stream, chunked bodies
 * take Hono's streaming path, and the upload limit holds on both. Response headers are set before the
 * response is built, so routed responses carry them whichever way the body came in.
 */

const RESUME = 'Mara Lindqvist\nmara@example.org\n\nExperience\nData Analyst, Quillon Metrics, 2019 - 2023\n\nSkills\nSQL, Python';
const LIMIT_MB = 0.25;
const LIMIT_BYTES = LIMIT_MB * 1024 * 1024 + 64 * 1024;

function chunked(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(encoder.encode(p));
      controller.close();
    },
  });
}

/** Sends headers declaring `length` bytes and no body: a server that waits for the body would hang. */
function declareOnly(url: string, length: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(length) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

describe('HTTP request bodies', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let url: string;

  before(async () => {
    server = await startTestServer({ JOBMATCH_MAX_UPLOAD_MB: String(LIMIT_MB), JOBMATCH_SAMPLE_JOBS: 'false' });
    url = `${server.url}/api/parse-resume`;
  });
  after(() => server.stop());

  it('parses a JSON body with a declared length, and says how it was routed', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-user-id': 'u-1' }, body: JSON.stringify({ text: RESUME }) });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { data: { contact: { name: string } }; meta: { requestId: string } };
    assert.equal(body.data.contact.name, 'Mara Lindqvist');
    assert.equal(res.headers.get('x-request-id'), body.meta.requestId);
    assert.match(res.headers.get('x-jobmatch-route-parse') ?? '', /^provider=local; mode=control; cohort=control; bucket=\d+; fallback=none; variant=/);
  });

  it('reads a JSON body that starts with a byte-order mark, as Request.text() would', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `\uFEFF${JSON.stringify({ text: RESUME })}` });
    assert.equal(res.status, 200);
  });

  it('parses a chunked JSON body (no declared length)', async () => {
    const json = JSON.stringify({ text: RESUME });
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunked([json.slice(0, 20), json.slice(20)]), duplex: 'half' } as RequestInit);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('x-jobmatch-route-parse') ?? '', /provider=local/);
  });

  it('answers malformed JSON with 400 invalid_request', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": "unterminated' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'invalid_request');
  });

  it('refuses a declared length over the limit from the header alone', async () => {
    const res = await declareOnly(url, LIMIT_BYTES + 1);
    assert.equal(res.status, 413);
    assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'file_too_large');
  });

  it('refuses an oversized body on any other API route before reading it', async () => {
    const res = await declareOnly(`${server.url}/api/match-jobs`, 65 * 1024 * 1024);
    assert.equal(res.status, 413);
    assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'request_too_large');
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const filler = 'x'.repeat(64 * 1024);
    const parts = ['{"text": "', ...Array.from({ length: Math.ceil(LIMIT_BYTES / filler.length) + 1 }, () => filler), '"}'];
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunked(parts), duplex: 'half' } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'file_too_large');
  });
});
