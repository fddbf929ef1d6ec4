import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParsedResumeSchema, ProviderError, ResumeFieldsSchema, type ResumeFields } from '../src/domain/index.js';
import {
  DEFAULT_PRICE_TABLE,
  findPrice,
  groundResumeFields,
  priceUsage,
  promptVersion,
  RESUME_PARSE_PROMPT,
  strictResumeFieldsSchema,
  strictSchemaViolations,
  toParsedResume,
  validateWithRepair,
  withDeadline,
} from '../src/providers/common/index.js';

const EMPTY: ResumeFields = {
  contact: { name: null, emails: [], phones: [], location: null, links: [] },
  headline: null,
  summary: null,
  skills: [],
  experience: [],
  education: [],
  certifications: [],
  languages: [],
};

const role = (start: string, end: string | null, current = false): ResumeFields['experience'][number] => ({
  title: 'Engineer',
  company: 'Acme',
  location: null,
  start,
  end,
  current,
  description: null,
  highlights: [],
});

/** Every object node in a JSON schema, with its path. */
function objectNodes(node: unknown, path = '$'): [string, Record<string, unknown>][] {
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own: [string, Record<string, unknown>][] = record.type === 'object' ? [[path, record]] : [];
  return [...own, ...Object.entries(record).flatMap(([k, v]) => objectNodes(v, `${path}.${k}`))];
}

describe('strict JSON schema for LLM output', () => {
  const schema = strictResumeFieldsSchema();

  it('lists every property as required and forbids extra ones in every object', () => {
    const nodes = objectNodes(schema);
    // The root, contact, and the items of skills, experience, education, certifications and languages.
    assert.equal(nodes.length, 7);
    for (const [path, node] of nodes) {
      assert.deepEqual(node.required, Object.keys(node.properties as object), path);
      assert.equal(node.additionalProperties, false, path);
    }
    assert.deepEqual(strictSchemaViolations(schema), []);
  });

  it('drops $schema and keeps nullability as type unions', () => {
    assert.equal('$schema' in schema, false);
    const contact = (schema.properties as Record<string, { properties: Record<string, { type: unknown }> }>).contact!;
    assert.deepEqual(contact.properties.name!.type, ['string', 'null']);
  });

  it('flags a schema that strict mode would reject', () => {
    const loose = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'] };
    assert.deepEqual(strictSchemaViolations(loose), ['$: required is missing b', '$: additionalProperties must be false']);
  });
});

describe('prompt versions', () => {
  it('names the prompt, its revision and a content hash', () => {
    assert.match(promptVersion(RESUME_PARSE_PROMPT), /^resume-parse@1:[0-9a-f]{8}$/);
  });

  it('changes when the wording changes, even at the same revision', () => {
    const edited = { ...RESUME_PARSE_PROMPT, system: `${RESUME_PARSE_PROMPT.system}\nBe brief.` };
    assert.notEqual(promptVersion(edited), promptVersion(RESUME_PARSE_PROMPT));
    assert.equal(promptVersion(edited).split(':')[0], 'resume-parse@1');
  });
});

describe('validateWithRepair', () => {
  const noRepair = async (): Promise<never> => assert.fail('no repair expected');

  it('accepts a valid answer without a second call', async () => {
    const result = await validateWithRepair({ raw: JSON.stringify(EMPTY), attempt: noRepair, provider: 'test' });
    assert.deepEqual(result, { fields: EMPTY, repaired: false, repairUsage: null });
  });

  it('feeds the validation errors back once and takes the repaired answer', async () => {
    const broken = { ...EMPTY, experience: [{ ...role('2020-01', null, true), start: 'March 2019' }] };
    const prompts: string[] = [];
    const result = await validateWithRepair({
      raw: JSON.stringify(broken),
      provider: 'test',
      attempt: async (repairPrompt) => {
        prompts.push(repairPrompt);
        return { text: JSON.stringify(EMPTY), usage: { inputTokens: 10, outputTokens: 5 } };
      },
    });
    assert.equal(prompts.length, 1);
    assert.match(prompts[0]!, /experience\.0\.start: expected YYYY or YYYY-MM/);
    assert.equal(result.repaired, true);
    assert.deepEqual(result.repairUsage, { inputTokens: 10, outputTokens: 5 });
  });

  it('repairs an answer that is not JSON at all, code fences aside', async () => {
    const fenced = await validateWithRepair({ raw: '```json\n' + JSON.stringify(EMPTY) + '\n```', attempt: noRepair, provider: 'test' });
    assert.equal(fenced.repaired, false);
    const result = await validateWithRepair({
      raw: 'Sure! Here is the JSON:',
      provider: 'test',
      attempt: async (repairPrompt) => {
        assert.match(repairPrompt, /not valid JSON/);
        return { text: JSON.stringify(EMPTY), usage: { inputTokens: 1, outputTokens: 1 } };
      },
    });
    assert.equal(result.repaired, true);
  });

  it('fails with output_invalid when the repair is invalid too', async () => {
    await assert.rejects(
      validateWithRepair({ raw: '{}', provider: 'test', attempt: async () => ({ text: '{"contact":1}', usage: { inputTokens: 1, outputTokens: 1 } }) }),
      (e: unknown) => e instanceof ProviderError && e.code === 'output_invalid' && !e.retryable && /contact/.test(e.message),
    );
  });
});

describe('grounding', () => {
  it('drops values that are not in the resume text and counts them', () => {
    const text = 'Jane Doe\nSenior Engineer at Acme\nSkills: JS, Go';
    const fields: ResumeFields = {
      ...EMPTY,
      contact: { ...EMPTY.contact, name: 'Jane Doe', emails: ['jane@invented.example'] },
      headline: 'Chief Quantum Officer',
      skills: [
        { name: 'JavaScript', surface: 'JS', category: 'programming-language' },
        { name: 'Rust', surface: 'Rust', category: 'programming-language' },
      ],
    };
    const grounded = groundResumeFields(fields, text);
    assert.equal(grounded.fields.contact.name, 'Jane Doe');
    assert.deepEqual(grounded.fields.contact.emails, []);
    assert.equal(grounded.fields.headline, null);
    assert.deepEqual(grounded.fields.skills.map((s) => s.name), ['JavaScript']);
    assert.equal(grounded.dropped, 3);
    assert.match(grounded.warnings[0]!, /^3 value\(s\) .* dropped/);
  });
});

describe('prices', () => {
  it('prices input, cached input and output per million tokens', () => {
    const usage = priceUsage('gpt-4o-mini', { inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 1_000_000 });
    // 600k uncached × 0.15 + 400k cached × 0.075 + 1M × 0.60
    assert.equal(usage.inputTokens, 1_000_000);
    assert.ok(Math.abs(usage.costUsd - (0.09 + 0.03 + 0.6)) < 1e-12, String(usage.costUsd));
  });

  it('finds dated snapshots, inference profiles and ARNs by their base model', () => {
    assert.equal(findPrice('gpt-4o-mini-2024-07-18'), DEFAULT_PRICE_TABLE.models['gpt-4o-mini']);
    assert.equal(findPrice('gpt-4o-2024-08-06'), DEFAULT_PRICE_TABLE.models['gpt-4o']);
    const haiku = DEFAULT_PRICE_TABLE.models['anthropic.claude-3-haiku-20240307-v1:0'];
    assert.equal(findPrice('us.anthropic.claude-3-haiku-20240307-v1:0'), haiku);
    assert.equal(findPrice('arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0'), haiku);
  });

  it('charges cache writes at their own rate and takes an override table', () => {
    const table = { asOf: '2030-01-01', models: { m: { input: 1, output: 2, cacheWriteInput: 10 } } };
    const usage = priceUsage('m', { inputTokens: 1_000_000, cacheWriteInputTokens: 100_000, outputTokens: 0 }, table);
    assert.ok(Math.abs(usage.costUsd - (0.9 + 1)) < 1e-12, String(usage.costUsd));
    assert.equal(priceUsage('unknown-model', { inputTokens: 5, outputTokens: 5 }).costUsd, 0);
  });
});

describe('toParsedResume', () => {
  it('computes total experience with overlapping roles merged', () => {
    const fields = { ...EMPTY, experience: [role('2020-01', '2020-12'), role('2020-07', '2021-06'), role('2023-01', null, true)] };
    const resume = toParsedResume(fields, {
      provider: 'p',
      model: 'm',
      version: 'resume-parse@1:00000000',
      durationMs: 1,
      referenceDate: new Date('2023-12-15T00:00:00Z'),
      language: 'en',
      warnings: [],
    });
    // 2020-01..2021-06 is 18 months; 2023-01..2023-12 is 12.
    assert.equal(resume.totalExperienceMonths, 30);
    assert.equal(resume.meta.referenceDate, '2023-12-15T00:00:00.000Z');
    ParsedResumeSchema.parse(resume);
    ResumeFieldsSchema.parse(fields);
  });
});

describe('withDeadline', () => {
  const never = (signal: AbortSignal): Promise<never> =>
    new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted by signal'))));

  it('turns its own deadline into a retryable timeout', async () => {
    await assert.rejects(withDeadline({ provider: 'p', timeoutMs: 20 }, never), (e: unknown) => e instanceof ProviderError && e.code === 'timeout' && e.retryable);
  });

  it("rethrows the caller's abort reason untouched", async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 5);
    await assert.rejects(withDeadline({ provider: 'p', timeoutMs: 10_000, signal: controller.signal }, never), (e: unknown) => e === reason);
  });
});
