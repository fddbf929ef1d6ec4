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
