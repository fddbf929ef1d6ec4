/** Small vector helpers shared by the embedding providers. Vectors are Float32Array, as the Embedder port returns. */

/** Scales `v` to unit length in place and returns it. A zero vector is left as it is (it has no direction). */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let sumOfSquares = 0;
  for (const x of v) sumOfSquares += x * x;
  if (sumOfSquares === 0) return v;
  const scale = 1 / Math.sqrt(sumOfSquares);
  for (let i = 0; i < v.length; i++) v[i] = v[i]! * scale;
  return v;
}

/** Element-wise mean of equally long vectors, as a new array. */
export function meanVector(vectors: readonly Float32Array[]): Float32Array {
  const first = vectors[0];
  if (!first) throw new RangeError('meanVector needs at least one vector');
  const mean = new Float32Array(first.length);
  for (const v of vectors) for (let i = 0; i < mean.length; i++) mean[i] = mean[i]! + v[i]!;
  for (let i = 0; i < mean.length; i++) mean[i] = mean[i]! / vectors.length;
  return mean;
}

/** Cosine similarity; for unit vectors this is the dot product. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
