/**
 * JSON encoding for cached values that keeps typed vectors typed. JSON has no Float32Array: without this an
 * EmbedResult read back from the database would hold `{ "0": 0.1, … }` objects. Every Float32Array becomes
 * `{ "__f32": [numbers] }` and comes back as a Float32Array. Float32 values are exact as doubles, and
 * JSON.stringify writes doubles in their shortest round-trip form, so vectors survive bit for bit (but for
 * -0, which JSON reads back as 0: no distance or similarity tells them apart).
 *
 * Only plain objects and arrays are walked; anything else is left to JSON.stringify (Dates become strings).
 * A plain object whose only key is `__f32` with an array value is reserved for this marker.
 */
const F32 = '__f32';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A JSON-safe copy of `value` with Float32Arrays as `{ __f32: number[] }`. */
export function encodeValue(value: unknown): unknown {
  if (value instanceof Float32Array) return { [F32]: Array.from(value) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeValue(v);
    return out;
  }
  return value;
}

/** The inverse of encodeValue, on parsed JSON. */
export function decodeValue(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(decodeValue);
  if (isPlainObject(json)) {
    const keys = Object.keys(json);
    const numbers = json[F32];
    if (keys.length === 1 && Array.isArray(numbers)) return Float32Array.from(numbers as number[]);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decodeValue(json[k]);
    return out;
  }
  return json;
}
