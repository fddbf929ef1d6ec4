import { z } from 'zod';
import type { EmbedRequest } from '../../domain/index.js';

/**
 * The two embedding families Bedrock serves, each with its own InvokeModel body (Bedrock user guide,
 * "Amazon Titan Embeddings Text" and "Cohere Embed" model parameters). Titan takes one text per call and
 * reports its tokens in the body; Cohere takes up to 96 texts and reports tokens only in the
 * `x-amzn-bedrock-input-token-count` response header.
 */
export interface EmbeddingFamily {
  readonly name: 'titan-v2' | 'cohere-v3';
  /** Texts per InvokeModel call. */
  readonly batchSize: number;
  body(texts: string[], kind: EmbedRequest['kind']): Record<string, unknown>;
  /** Vectors and, when the body carries it, the input token count. */
  parse(json: unknown): { vectors: number[][]; inputTokens: number | undefined };
}

export const TITAN_V2_DIMENSIONS = [256, 512, 1024] as const;
export type TitanV2Dimensions = (typeof TITAN_V2_DIMENSIONS)[number];
export const COHERE_V3_DIMENSIONS = 1024;

const TitanResponseSchema = z.object({ embedding: z.array(z.number()), inputTextTokenCount: z.number().int().nonnegative() });

export function titanV2(dimensions: TitanV2Dimensions, normalize: boolean): EmbeddingFamily {
  return {
    name: 'titan-v2',
    batchSize: 1,
    body: ([inputText]) => ({ inputText, dimensions, normalize }),
    parse: (json) => {
      const r = TitanResponseSchema.parse(json);
      return { vectors: [r.embedding], inputTokens: r.inputTextTokenCount };
    },
  };
}

/** Cohere's maximum texts per call, and characters per text before `truncate` applies. */
export const COHERE_MAX_TEXTS = 96;

const CohereResponseSchema = z.object({
  embeddings: z.union([z.array(z.array(z.number())), z.object({ float: z.array(z.array(z.number())) })]),
});

/**
 * `truncate: END` keeps long documents embeddable (Cohere's default, NONE, rejects texts over its limit);
 * the start of a resume or posting carries the most signal.
 */
export function cohereV3(truncate: 'NONE' | 'START' | 'END'): EmbeddingFamily {
  return {
    name: 'cohere-v3',
    batchSize: COHERE_MAX_TEXTS,
    body: (texts, kind) => ({ texts, input_type: kind === 'query' ? 'search_query' : 'search_document', truncate }),
    parse: (json) => {
      const { embeddings } = CohereResponseSchema.parse(json);
      return { vectors: Array.isArray(embeddings) ? embeddings : embeddings.float, inputTokens: undefined };
    },
  };
}
