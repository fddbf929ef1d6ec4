import { AppError } from '../../domain/index.js';

/** Every embedder refuses an empty text up front, with the same code and message, before any call is paid for. */
export function assertEmbeddable(texts: readonly string[]): void {
  texts.forEach((text, i) => {
    if (text.trim() === '') throw new AppError('invalid_request', `Cannot embed an empty text (texts[${i}]).`);
  });
}

/** `items` in consecutive slices of at most `size`: one provider request each. */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/**
 * Why an embedding answer does not fit its request (vectors missing, extra, or of another size), or null
 * when it does. Each provider wraps it in its own error, since what to check next differs between them.
 */
export function vectorShapeProblem(vectors: readonly ArrayLike<number>[], texts: number, dimensions: number): string | null {
  if (vectors.length === texts && vectors.every((v) => v.length === dimensions)) return null;
  const sizes = [...new Set(vectors.map((v) => v.length))].join('/');
  return `${vectors.length} vector(s) of ${sizes || 0} dimensions for ${texts} text(s); configured ${dimensions} dimensions`;
}
