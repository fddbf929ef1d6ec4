import { normalizeInPlace } from '../local/embeddings/vector.js';

/**
 * Sentence vectors from a transformer's token vectors: the mean of the hidden states of the real tokens (the
 * attention mask is 1) of each row, scaled to unit length. This is the pooling sentence-transformers models
 * such as all-MiniLM-L6-v2 were trained with. Padding positions must not count, or a short text batched with
 * a long one would get a different vector than on its own.
 *
 * @param hidden   last_hidden_state, row-major [batch, sequence, dimensions]
 * @param mask     attention_mask, row-major [batch, sequence]; transformers.js gives int64 (bigint) values
 * @param dims     [batch, sequence, dimensions]
 */
export function meanPoolNormalized(hidden: ArrayLike<number>, mask: ArrayLike<number | bigint>, dims: readonly number[]): Float32Array[] {
  const [batch, sequence, dimensions] = dims;
  if (dims.length !== 3 || batch === undefined || sequence === undefined || dimensions === undefined) {
    throw new RangeError(`Expected hidden states of shape [batch, sequence, dimensions], got [${dims.join(', ')}]`);
  }
  if (hidden.length !== batch * sequence * dimensions || mask.length !== batch * sequence) {
    throw new RangeError(`Hidden states (${hidden.length}) or mask (${mask.length}) do not match shape [${dims.join(', ')}]`);
  }
  const vectors: Float32Array[] = [];
  for (let row = 0; row < batch; row++) {
    const sum = new Float32Array(dimensions);
    for (let position = 0; position < sequence; position++) {
      if (Number(mask[row * sequence + position]) === 0) continue;
      const offset = (row * sequence + position) * dimensions;
      for (let d = 0; d < dimensions; d++) sum[d] = sum[d]! + hidden[offset + d]!;
    }
    // The mean and the sum point the same way, so normalising the sum is enough. A row without tokens stays
    // a zero vector.
    vectors.push(normalizeInPlace(sum));
  }
  return vectors;
}

/** Real (unmasked) tokens in a batch: what the model actually read, reported as usage. */
export function countTokens(mask: ArrayLike<number | bigint>): number {
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (Number(mask[i]) !== 0) count++;
  return count;
}
