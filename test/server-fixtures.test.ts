import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ERROR_STATUS, ParsedResumeSchema } from '../src/domain/index.js';
import { FIXTURES, INJECTION_LINE } from './fixtures/generate.js';
import { startTestServer } from './helpers/server.js';

/** Every generated fixture uploaded to the real server as a user would: multipart, with a misleading name. */
describe('resume uploads through the real HTTP server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    server = await startTestServer({ JOBMATCH_SAMPLE_JOBS: 'false' });
  });
  after(async () => {
    await server.stop();
  });

  const upload = async (bytes: Uint8Array) => {
    const form = new FormData();
    // The name says .txt whatever the content: the type must come from the bytes.
    form.set('file', new File([bytes], 'resume.txt'));
    form.set('referenceDate', '2026-11-24');
    const res = await fetch(`${server.url}/api/parse-resume`, { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  for (const [name, fixture] of Object.entries(FIXTURES)) {
    const expected = fixture.expected as { format?: string; error?: keyof typeof ERROR_STATUS; facts?: (typeof FIXTURES)['docx']['expected']['facts'] };
    if (expected.error) {
      it(`${name}: ${ERROR_STATUS[expected.error]} ${expected.error}`, async () => {
        const { status, body } = await upload(await fixture.generate());
        assert.equal(status, ERROR_STATUS[expected.error!]);
        assert.equal(body.success, false);
        assert.equal(body.error.code, expected.error);
        assert.ok(body.error.message.length > 20, 'a message a person can act on');
      });
      continue;
    }
    it(`${name}: parsed as ${expected.format} with the candidate's facts`, async () => {
      const { status, body } = await upload(await fixture.generate());
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.meta.document.format, expected.format);
      const resume = ParsedResumeSchema.parse(body.data);
      const facts = expected.facts!;
      assert.equal(resume.contact.name, facts.name);
      assert.deepEqual(resume.contact.emails, [facts.email]);
      const titles = resume.experience.map((e) => e.title);
      const companies = resume.experience.map((e) => e.company);
      for (const t of facts.titles) assert.ok(titles.includes(t), `title ${t} in ${JSON.stringify(titles)}`);
      for (const c of facts.companies) assert.ok(companies.includes(c), `company ${c} in ${JSON.stringify(companies)}`);
      for (const i of facts.institutions) assert.ok(resume.education.some((e) => e.institution === i), `institution ${i}`);
      const skills = new Set(resume.skills.map((s) => s.name));
      const found = facts.skills.filter((s) => skills.has(s));
      assert.ok(found.length >= facts.skills.length * 0.8, `skills ${found.length}/${facts.skills.length}: ${[...skills].join(', ')}`);
      // Prompt-injection text is just text: it is not taken for any field.
      const values = JSON.stringify({ ...resume, summary: null, meta: null });
      assert.ok(!values.includes(INJECTION_LINE.slice(0, 30)), 'injection line leaked into a field');
    });
  }
});
