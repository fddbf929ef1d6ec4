import { resumeFieldsJsonSchema } from '../../domain/index.js';

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema subset OpenAI's strict structured output documents ("Structured model outputs" guide,
 * "Supported schemas", checked 2026-11-24): types string, number, integer, boolean, object, array, null, enum
 * and anyOf; `properties`, `required`, `additionalProperties: false`, `items`, `$ref`/`$defs`, `const`,
 * `description`; string `pattern` and `format` (the formats below); number `minimum`, `maximum`,
 * `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`; array `minItems`, `maxItems`. Explicitly unsupported:
 * `allOf`, `not`, `if`/`then`/`else`, `dependentRequired`, `dependentSchemas`, regex lookarounds. Anything not
 * listed (`minLength`, `title`, `default`, `examples`, `uniqueItems`, …) is dropped rather than risked: the
 * domain schema still checks every answer, so a dropped constraint costs at most one repair round trip.
 */
export const STRICT_SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', 'description',
  '$ref', '$defs', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minItems', 'maxItems',
]);

/** The string formats strict mode documents. */
export const STRICT_SCHEMA_FORMATS: ReadonlySet<string> = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);

/** Lookahead and lookbehind groups, which strict mode's regex engine does not take. */
const LOOKAROUND_RE = /\(\?<?[=!]/;

/**
 * A JSON schema that OpenAI's strict structured output accepts (and Bedrock tool input takes as is): every
 * object lists all its properties as required and forbids others, and only the documented keywords remain.
 * Nullability stays as zod emits it, a type union (["string","null"]) or anyOf with {type:"null"}, both of
 * which strict mode supports; `$schema` goes with the other undocumented keywords.
 */
export function toStrictJsonSchema(schema: JsonSchema): JsonSchema {
  return strictNode(schema) as JsonSchema;
}

function strictNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictNode);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (!keepKeyword(key, value)) continue;
    // Property and $defs names are data, not schema keywords: walk their schemas without filtering the names.
    out[key] = key === 'properties' || key === '$defs' ? mapValues(value as JsonSchema, strictNode) : key === 'enum' || key === 'const' ? value : strictNode(value);
  }
  if (out.type === 'object' || out.properties !== undefined) {
    const properties = (out.properties ?? {}) as JsonSchema;
    out.properties = properties;
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  return out;
}

function keepKeyword(key: string, value: unknown): boolean {
  if (!STRICT_SCHEMA_KEYWORDS.has(key)) return false;
  if (key === 'format') return typeof value === 'string' && STRICT_SCHEMA_FORMATS.has(value);
  if (key === 'pattern') return typeof value === 'string' && !LOOKAROUND_RE.test(value);
  return true;
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
  if (path === '$' && node.type !== 'object') problems.push('$: the root must be an object (not anyOf)');
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'properties' && key !== '$defs' && !keepKeyword(key, value)) problems.push(`${path}: keyword "${key}"${key === 'format' || key === 'pattern' ? ` ${JSON.stringify(value)}` : ''} is not supported`);
  }
  if (node.type === 'object') {
    const keys = Object.keys((node.properties ?? {}) as JsonSchema);
    const required = Array.isArray(node.required) ? (node.required as unknown[]) : [];
    const missing = keys.filter((k) => !required.includes(k));
    if (missing.length > 0) problems.push(`${path}: required is missing ${missing.join(', ')}`);
    if (node.additionalProperties !== false) problems.push(`${path}: additionalProperties must be false`);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === '$defs') {
      for (const [name, sub] of Object.entries(value as JsonSchema)) problems.push(...strictSchemaViolations(sub, `${path}.${name}`));
    } else if (key === 'enum' || key === 'const') {
      continue;
    } else if (typeof value === 'object') {
      problems.push(...strictSchemaViolations(value, `${path}.${key}`));
    }
  }
  return problems;
}
