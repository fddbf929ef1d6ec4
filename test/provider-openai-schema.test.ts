import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { strictSchemaViolations, toStrictJsonSchema } from '../src/providers/common/index.js';
import { OpenAIResumeParser } from '../src/providers/openai/index.js';
import { startOpenAiEmulator, type OpenAiEmulator } from './emulators/openai.js';

/**
 * OpenAI's "Structured model outputs" guide, section "Supported schemas" (checked 2026-11-24), written out here
 * independently of the schema builder so the two are checked against each other.
 */
const DOCUMENTED = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', 'description', '$ref', '$defs',
  'pattern', 'format', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'minItems', 'maxItems',
]);
const DOCUMENTED_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);

/** Every schema keyword in use, with the path where it appears; property names are skipped as data. */
function keywords(node: unknown, path = '$', out: Array<{ key: string; value: unknown; path: string }> = []): typeof out {
  if (Array.isArray(node)) node.forEach((n, i) => keywords(n, `${path}[${i}]`, out));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      out.push({ key, value, path });
      if (key === 'properties' || key === '$defs') for (const [name, sub] of Object.entries(value as object)) keywords(sub, `${path}.${name}`, out);
      else if (key !== 'enum' && key !== 'const') keywords(value, `${path}.${key}`, out);
    }
  }
  return out;
}

let emulator: OpenAiEmulator;
before(async () => {
  emulator = await startOpenAiEmulator();
});
after(() => emulator.close());

describe('the strict json_schema sent to OpenAI', () => {
  it('uses only keywords and formats strict mode documents, and no regex lookarounds', async () => {
    const parser = new OpenAIResumeParser({ apiKey: 'sk-test', baseURL: emulator.url, maxRetries: 0 });
    await parser.parse({ text: 'Ada Lovelace\nada@example.com\n\nSkills: TypeScript, SQL', referenceDate: new Date('2026-01-01') });
    const body = emulator.requests[0]!.body as { response_format: { json_schema: { schema: unknown } } };
    const schema = body.response_format.json_schema.schema as Record<string, unknown>;
    assert.equal(schema.type, 'object', 'the root is an object, not anyOf');
    const used = keywords(schema);
    assert.ok(used.length > 50);
    for (const { key, value, path } of used) {
      assert.ok(DOCUMENTED.has(key), `${path}: "${key}" is not a documented strict-mode keyword`);
      if (key === 'format') assert.ok(DOCUMENTED_FORMATS.has(value as string), `${path}: format ${String(value)}`);
      if (key === 'pattern') assert.doesNotMatch(value as string, /\(\?<?[=!]/, `${path}: lookaround in ${String(value)}`);
    }
    assert.deepEqual(strictSchemaViolations(schema), []);
  });
});

describe('toStrictJsonSchema', () => {
  const loose = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Person',
    type: 'object',
    properties: {
      // Property names that look like keywords are data and stay.
      title: { type: 'string', minLength: 1, maxLength: 80, default: 'x', examples: ['Engineer'] },
      email: { type: 'string', format: 'email' },
      site: { type: 'string', format: 'uri' },
      code: { type: 'string', pattern: '^[A-Z]{3}$' },
      password: { type: 'string', pattern: '^(?=.*\\d).+$' },
      year: { type: 'integer', minimum: 1900, maximum: 2100 },
      tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, minItems: 1 },
      kind: { enum: ['a', 'b'], allOf: [{ type: 'string' }] },
      ref: { $ref: '#/$defs/Thing' },
    },
    $defs: { Thing: { type: 'object', properties: { id: { type: 'string' } }, patternProperties: { '^x': {} } } },
  };

  it('drops what strict mode does not document and keeps what it does', () => {
    const strict = toStrictJsonSchema(loose);
    const p = strict.properties as Record<string, Record<string, unknown>>;
    assert.equal('$schema' in strict, false);
    assert.equal('title' in strict, false);
    assert.deepEqual(p.title, { type: 'string' });
    assert.deepEqual(p.email, { type: 'string', format: 'email' });
    assert.deepEqual(p.site, { type: 'string' }, 'format uri is not in the documented list');
    assert.deepEqual(p.code, { type: 'string', pattern: '^[A-Z]{3}$' });
    assert.deepEqual(p.password, { type: 'string' }, 'lookahead patterns go');
    assert.deepEqual(p.year, { type: 'integer', minimum: 1900, maximum: 2100 });
    assert.deepEqual(p.tags, { type: 'array', items: { type: 'string' }, minItems: 1 });
    assert.deepEqual(p.kind, { enum: ['a', 'b'] });
    assert.deepEqual(p.ref, { $ref: '#/$defs/Thing' });
    assert.deepEqual(strict.$defs, { Thing: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false } });
    assert.deepEqual(strict.required, Object.keys(loose.properties));
    assert.deepEqual(strictSchemaViolations(strict), []);
  });

  it('reports the keywords the API would reject', () => {
    const problems = strictSchemaViolations(loose);
    for (const expected of ['"minLength"', '"uniqueItems"', '"allOf"', '"patternProperties"', '"format" "uri"', '"$schema"']) {
      assert.ok(problems.some((p) => p.includes(expected)), `expected a problem mentioning ${expected}: ${problems.join('; ')}`);
    }
  });
});
