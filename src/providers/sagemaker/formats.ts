/**
 * The request/response shapes of the common SageMaker embedding containers. SageMaker itself passes the body
 * through untouched, so the format is a property of the container behind the endpoint, chosen by the user.
 */
export type SageMakerFormat = 'tei' | 'hf-pooling' | 'djl';

export interface FormatOptions {
  /** TEI only: cut inputs at the model's limit instead of failing (default true). */
  truncate?: boolean;
  /** TEI only: unit vectors from the container (default true). */
  normalize?: boolean;
  /** DJL only: the key the handler reads, `inputs` (default) or `text_inputs`. */
  djlInputKey?: 'inputs' | 'text_inputs';
}

export function requestBody(format: SageMakerFormat, texts: string[], options: FormatOptions): unknown {
  switch (format) {
    case 'tei':
      return { inputs: texts, truncate: options.truncate ?? true, normalize: options.normalize ?? true };
    case 'hf-pooling':
      return { inputs: texts };
    case 'djl':
      return { [options.djlInputKey ?? 'inputs']: texts };
  }
}

/** One vector per text. Token-level output ([batch][tokens][dim]) is mean-pooled and normalised here. */
export function parseVectors(format: SageMakerFormat, json: unknown): number[][] {
  const body = format === 'djl' && isRecord(json) ? (json['embedding'] ?? json['embeddings']) : json;
  if (!Array.isArray(body)) throw new Error(`expected an array of vectors, got ${typeof body}`);
  return body.map((item, i) => {
    if (isNumberArray(item)) return item;
    if (Array.isArray(item) && item.every(isNumberArray) && item.length > 0) return normalise(meanPool(item));
    throw new Error(`item ${i} is neither a vector nor token vectors`);
  });
}

function meanPool(tokens: number[][]): number[] {
  const sum = new Array<number>(tokens[0]!.length).fill(0);
  for (const token of tokens) token.forEach((x, d) => (sum[d]! += x));
  return sum.map((x) => x / tokens.length);
}

function normalise(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return norm === 0 ? v : v.map((x) => x / norm);
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'number');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
