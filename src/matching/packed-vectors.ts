import { z } from 'zod';
import { EmbeddingSpaceSchema } from '../domain/index.js';

/**
 * Precomputed vectors shipped with the sample corpus, so a first start is indexed in seconds rather than
 * the minutes USE lite needs for 2,400 postings on two cores. Int8 with one scale per vector: a quarter of
 * the size of float32, cosine error ~1e-4. Each vector carries the content hash of the text it embeds;
 * a job whose text changed does not get a stale vector, it gets re-embedded.
 */
export const PackedVectorsSchema = z.object({
  space: EmbeddingSpaceSchema,
  ids: z.array(z.string()),
  contentHashes: z.array(z.string()),
  scales: z.array(z.number()),
  int8: z.string().describe('base64 of ids.length × dimensions signed bytes'),
});
export type PackedVectors = z.infer<typeof PackedVectorsSchema>;

export function packVectors(
  space: PackedVectors['space'],
  items: ReadonlyArray<{ id: string; contentHash: string; vector: Float32Array }>,
): PackedVectors {
  const d = space.dimensions;
  const bytes = new Int8Array(items.length * d);
  const scales: number[] = [];
  items.forEach(({ vector }, row) => {
    let max = 0;
    for (const x of vector) max = Math.max(max, Math.abs(x));
    const scale = max > 0 ? max / 127 : 1;
    scales.push(scale);
    for (let j = 0; j < d; j++) bytes[row * d + j] = Math.round(vector[j]! / scale);
  });
  return {
    space,
    ids: items.map((i) => i.id),
    contentHashes: items.map((i) => i.contentHash),
    scales,
    int8: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  };
}

export function* unpackVectors(packed: PackedVectors): Generator<{ id: string; contentHash: string; vector: Float32Array }> {
  const d = packed.space.dimensions;
  const raw = Buffer.from(packed.int8, 'base64');
  const bytes = new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  for (let row = 0; row < packed.ids.length; row++) {
    const scale = packed.scales[row]!;
    const vector = new Float32Array(d);
    for (let j = 0; j < d; j++) vector[j] = bytes[row * d + j]! * scale;
    yield { id: packed.ids[row]!, contentHash: packed.contentHashes[row]!, vector };
  }
}
