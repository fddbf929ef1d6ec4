import type { ParsedResume, ResumeFields } from '../../domain/index.js';
import { totalMonths } from '../local/dates.js';

export interface ResultMeta {
  provider: string;
  model: string;
  /** Prompt version (see promptVersion) or parser version. */
  version: string;
  durationMs: number;
  referenceDate: Date;
  language: string | null;
  warnings: string[];
}

/**
 * The ParsedResume every provider returns. Total experience is computed here, never taken from a model: with
 * overlapping roles merged, by the same rule as the local parser, so providers differ only in what they extract.
 */
export function toParsedResume(fields: ResumeFields, meta: ResultMeta): ParsedResume {
  return {
    ...fields,
    totalExperienceMonths: totalMonths(fields.experience, meta.referenceDate),
    meta: {
      provider: meta.provider,
      model: meta.model,
      version: meta.version,
      durationMs: meta.durationMs,
      referenceDate: meta.referenceDate.toISOString(),
      language: meta.language,
      warnings: meta.warnings,
    },
  };
}
