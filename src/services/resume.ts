import type { ParsedResume, ResumeParser, Usage } from '../domain/index.js';
import { ingest } from '../ingest/index.js';
import type { DocumentFormat, IngestOptions } from '../ingest/types.js';

export type ResumeInput = { bytes: Uint8Array } | { text: string };

export interface ParseResumeOptions extends IngestOptions {
  referenceDate?: Date;
  signal?: AbortSignal;
}

export interface ParsedResumeResult {
  resume: ParsedResume;
  usage: Usage;
  document: { format: DocumentFormat; pages: number | null };
}

const encoder = new TextEncoder();

/**
 * One resume, bytes or text, to a validated parse. Text goes through the same ingest step as files so
 * that size limits, binary detection and normalisation are identical whatever the entry point.
 */
export async function parseResume(
  input: ResumeInput,
  parser: ResumeParser,
  options: ParseResumeOptions = {},
): Promise<ParsedResumeResult> {
  const bytes = 'bytes' in input ? input.bytes : encoder.encode(input.text);
  const document = await ingest(bytes, { maxBytes: options.maxBytes, maxPages: options.maxPages });
  const { resume, usage } = await parser.parse({
    text: document.text,
    referenceDate: options.referenceDate,
    signal: options.signal,
  });
  if (document.warnings.length > 0) {
    resume.meta.warnings = [...document.warnings, ...resume.meta.warnings];
  }
  return { resume, usage, document: { format: document.format, pages: document.pages } };
}
