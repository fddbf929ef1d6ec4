import { meanVector, normalizeInPlace } from '../local/embeddings/index.js';

/**
 * One unit vector per input from a feature-extraction answer to a batch: pooled `[batch][dim]` as
 * sentence-transformers models return it, or token-level `[batch][tokens][dim]` from models without a pooling
 * head, which we mean-pool. Returns a description of the problem instead when the shape is neither.
 */
export function toSentenceVectors(output: unknown, batchSize: number): Float32Array[] | string {
  if (!Array.isArray(output) || output.length !== batchSize) {
    return `expected ${batchSize} embeddings, got ${Array.isArray(output) ? output.length : typeof output}`;
  }
  const vectors: Float32Array[] = [];
  for (const item of output) {
    const vector = sentenceVector(item);
    if (!vector) return 'expected [batch][dim] or [batch][tokens][dim] numbers';
    vectors.push(normalizeInPlace(vector));
  }
  return vectors;
}

function sentenceVector(item: unknown): Float32Array | undefined {
  if (isNumbers(item)) return Float32Array.from(item);
  if (Array.isArray(item) && item.length > 0 && item.every(isNumbers)) return meanVector(item.map((row) => Float32Array.from(row)));
  return undefined;
}

function isNumbers(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'number' && Number.isFinite(x));
}
