import type { ResumeFields } from '../../domain/index.js';
import { Grounding, groundFields } from '../local/grounding.js';

export interface GroundedFields {
  fields: ResumeFields;
  /** How many values were dropped because they do not occur in the resume text. */
  dropped: number;
  warnings: string[];
}

/**
 * LLMs paraphrase, complete and occasionally invent. The same rule the local parser follows applies to them:
 * a string value that does not occur in the resume text (case and whitespace aside) is dropped, and the count
 * is reported, so a wrong value never passes as extracted. Canonical skill names are exempt; their surface
 * form must occur instead.
 */
export function groundResumeFields(fields: ResumeFields, resumeText: string): GroundedFields {
  const { fields: grounded, dropped } = groundFields(fields, new Grounding(resumeText));
  const warnings = dropped > 0 ? [`${dropped} value(s) returned by the model did not occur in the resume text and were dropped.`] : [];
  return { fields: grounded, dropped, warnings };
}
