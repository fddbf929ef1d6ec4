import { StoreError } from './errors.js';

export type Vector = Float32Array | readonly number[];

/**
 * The pgvector text form, '[0.1,0.2,...]'. Both drivers pass it as a plain string parameter cast with
 * `::vector`, which avoids registering a custom type with either driver. `join` on a typed array is native
 * and the fastest way to build it; non-finite values are rejected here with the offending index rather than
 * by pgvector with a bare "NaN not allowed in vector".
 */
export function toVectorLiteral(vector: Vector): string {
  for (let i = 0; i < vector.length; i++) {
    if (!Number.isFinite(vector[i])) {
      throw new StoreError('invalid_vector', `Vector component ${i} is ${String(vector[i])}; embeddings must be finite numbers.`, { index: i });
    }
  }
  return `[${vector.join(',')}]`;
}

/** pgvector's text output is valid JSON. */
export function parseVectorLiteral(text: string): Float32Array {
  return Float32Array.from(JSON.parse(text) as number[]);
}
