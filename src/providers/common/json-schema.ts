import { resumeFieldsJsonSchema } from '../../domain/index.js';

type JsonSchema = Record<string, unknown>;

/**
 * A JSON schema that OpenAI's strict structured output accepts (and Bedrock tool input takes as is): every
 * object lists all its properties as required and forbids others. Nullability stays as zod emits it, a type
 * union (["string","null"]) or anyOf with {type:"null"}, both of which strict mode supports; the meta keyword
 * `$schema` is dropped because the API does not expect it inside response_format.
 */
export function toStrictJsonSchema(schema: JsonSchema): JsonSchema {
  const { $schema: _ignored, ...rest } = schema;
  return strictNode(rest) as JsonSchema;
}

function strictNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictNode);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    // Property names are data, not schema keywords: walk their schemas without treating the names as keywords.
    out[key] = key === 'properties' ? mapValues(value as JsonSchema, strictNode) : strictNode(value);
  }
  if (out.type === 'object' || out.properties !== undefined) {
    const properties = (out.properties ?? {}) as JsonSchema;
    out.properties = properties;
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  return out;
}

function mapValues(record: JsonSchema, fn: (v: unknown) => unknown): JsonSchema {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}

let cached: JsonSchema | undefined;

/** The strict schema of ResumeFields, built once (callers must not mutate it). */
export function strictResumeFieldsSchema(): JsonSchema {
  cached ??= deepFreeze(toStrictJsonSchema(resumeFieldsJsonSchema()));
  return cached;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * Violations of the strict-mode rules, as the API would reject them; empty when the schema is acceptable.
 * Exported so emulators and tests check a schema the same way.
 */
export function strictSchemaViolations(schema: unknown, path = '$'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => strictSchemaViolations(s, `${path}[${i}]`));
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as JsonSchema;
  const problems: string[] = [];
  if (node.type === 'object') {
    const keys = Object.keys((node.properties ?? {}) as JsonSchema);
    const required = Array.isArray(node.required) ? (node.required as unknown[]) : [];
    const missing = keys.filter((k) => !required.includes(k));
    if (missing.length > 0) problems.push(`${path}: required is missing ${missing.join(', ')}`);
    if (node.additionalProperties !== false) problems.push(`${path}: additionalProperties must be false`);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties') {
      for (const [name, sub] of Object.entries(value as JsonSchema)) problems.push(...strictSchemaViolations(sub, `${path}.${name}`));
    } else if (typeof value === 'object') {
      problems.push(...strictSchemaViolations(value, `${path}.${key}`));
    }
  }
  return problems;
}
