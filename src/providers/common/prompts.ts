import { createHash } from 'node:crypto';
import { strictResumeFieldsSchema } from './json-schema.js';

/**
 * Prompts are versioned like code: `revision` is bumped by hand when the wording changes meaningfully, and the
 * hash covers everything the model sees (system text, templates, output schema), so two results with the same
 * `meta.version` were produced by the same instructions even if someone forgot to bump the revision.
 */
export interface ResumePrompt {
  readonly id: string;
  readonly revision: number;
  readonly system: string;
  /** The user message carrying the resume text. */
  user(resumeText: string, referenceDate: Date): string;
  /** The follow-up message asking the model to fix an answer that failed validation. */
  repair(validationErrors: string): string;
}

export const RESUME_PARSE_PROMPT: ResumePrompt = Object.freeze({
  id: 'resume-parse',
  revision: 1,
  system: [
    'You extract structured data from resumes. Answer with one JSON object that matches the given schema.',
    'Copy values exactly as they are written in the resume: names, companies, titles, schools, e-mails, phones, links.',
    'Never invent, translate or complete a value. When the resume does not state something, use null or an empty list.',
    'Dates are "YYYY" or "YYYY-MM". A role that is ongoing ("Present", "Current", "till date") has end null and current true.',
    'Skills: name is the canonical skill name, surface is the exact form found in the resume, category is a short kind such as',
    '"programming-language", "software", "framework", "database", "cloud", "methodology" or "soft-skill".',
  ].join('\n'),
  user: (resumeText: string, referenceDate: Date) =>
    `Today is ${referenceDate.toISOString().slice(0, 10)}. Extract the resume below.\n\n<resume>\n${resumeText}\n</resume>`,
  repair: (validationErrors: string) =>
    `Your answer did not validate against the schema:\n${validationErrors}\n` +
    'Answer again with the complete corrected JSON object only, keeping every value exactly as written in the resume.',
});

const versions = new WeakMap<ResumePrompt, string>();

/** "resume-parse@1:ab12cd34": the prompt id, its revision and the first 8 hex digits of its content hash. */
export function promptVersion(prompt: ResumePrompt): string {
  let version = versions.get(prompt);
  if (version === undefined) {
    version = computeVersion(prompt);
    versions.set(prompt, version);
  }
  return version;
}

function computeVersion(prompt: ResumePrompt): string {
  const hash = createHash('sha256')
    .update(prompt.system)
    .update('\0')
    // Templates are hashed through a fixed rendering so that any wording change shows up.
    .update(prompt.user('{{resume}}', new Date(0)))
    .update('\0')
    .update(prompt.repair('{{errors}}'))
    .update('\0')
    .update(JSON.stringify(strictResumeFieldsSchema()))
    .digest('hex');
  return `${prompt.id}@${prompt.revision}:${hash.slice(0, 8)}`;
}
