import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ParsedResumeSchema } from '../src/domain/index.js';
import { startOpenAiEmulator, type OpenAiEmulator } from './emulators/openai.js';
import { SAMPLE_RESUME as RESUME } from './helpers/openai-server.js';
import { startTestServer } from './helpers/server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The real server, configured by environment for OpenAI, talking to the OpenAI emulator through the real SDK. */
describe('a server configured for OpenAI', () => {
  let emulator: OpenAiEmulator;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const savedKey = process.env.OPENAI_API_KEY;

  before(async () => {
    emulator = await startOpenAiEmulator({ apiKey: 'sk-test' });
    // The SDK reads the key from its own environment variable, as in production: it never passes through our config.
    process.env.OPENAI_API_KEY = 'sk-test';
    server = await startTestServer({
      JOBMATCH_SAMPLE_JOBS: 'false',
      JOBMATCH_PARSE_PROVIDER: 'openai',
      JOBMATCH_EMBED_PROVIDERS: 'openai,local',
      OPENAI_BASE_URL: emulator.url,
      OPENAI_EMBED_DIMENSIONS: '256',
    });
  });
  after(async () => {
    await server.stop();
    await emulator.close();
    if (savedKey === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = savedKey;
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('parses through OpenAI and says so', async () => {
    const { status, body } = await post('/api/parse-resume', { text: RESUME });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.meta.provider, 'openai');
    const resume = ParsedResumeSchema.parse(body.data);
    assert.equal(resume.contact.name, 'Priya Natarajan');
    assert.match(resume.meta.version, /^resume-parse@\d+:[0-9a-f]{8}$/);
    const chat = emulator.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.equal(chat.length, 1);
  });

  it('keeps spaces apart: jobs embedded in the OpenAI space, matching in it, the local space untouched', async () => {
    const created = await post('/api/jobs', { jobs: [{ id: 'da-1', title: 'Data Analyst', description: 'SQL and Tableau dashboards for the finance team.' }] });
    assert.equal(created.status, 201);
    const status = (await (await fetch(`${server.url}/api/jobs/index-status`)).json()) as Json;
    const spaces = status.data.spaces.map((s: Json) => s.space.id);
    assert.deepEqual(spaces.sort(), ['local:use-lite:512:1', 'openai:text-embedding-3-small:256:1']);
    // No vectors yet in the default (OpenAI) space: matching degrades to lexical and says so.
    const before = await post('/api/match-jobs', { text: RESUME });
    assert.equal(before.body.data.strategy, 'lexical');
    assert.match(before.body.data.warnings.join(' '), /No job vectors in space openai:text-embedding-3-small:256:1/);
    const embedded = await post('/api/embeddings', { texts: ['Data Analyst'] });
    assert.equal(embedded.body.data.space.id, 'openai:text-embedding-3-small:256:1');
    assert.equal(embedded.body.data.vectors[0].length, 256);
  });
});
