import type { ParsedResume } from './resume.js';
import type { EmbeddingSpace } from './job.js';
import type { Usage } from './usage.js';

/**
 * Capability ports. A provider implements the small interfaces it supports; routing and the HTTP/CLI
 * layers depend only on these. Modelled on the Vercel AI SDK provider spec: one method per capability,
 * plain data in and out, an AbortSignal for cancellation.
 */
export interface ParseRequest {
  /** Resume text with line breaks, as produced by ingest. */
  text: string;
  /** "Present" and open-ended dates resolve against this; defaults to now. */
  referenceDate?: Date;
  signal?: AbortSignal;
}

export interface ParseResult {
  resume: ParsedResume;
  usage: Usage;
}

export interface ResumeParser {
  readonly provider: string;
  readonly model: string;
  /** Parser or prompt version: a new one must not be served results cached from the old. */
  readonly version?: string;
  parse(request: ParseRequest): Promise<ParseResult>;
}

export interface EmbedRequest {
  texts: string[];
  /** Queries and documents are embedded differently by some models (Cohere input_type, E5 prefixes). */
  kind?: 'query' | 'document';
  signal?: AbortSignal;
}

export interface EmbedResult {
  /** One vector per input text, in order, each of `space.dimensions` length. */
  vectors: Float32Array[];
  usage: Usage;
}

export interface Embedder {
  readonly provider: string;
  readonly model: string;
  readonly space: EmbeddingSpace;
  embed(request: EmbedRequest): Promise<EmbedResult>;
}
