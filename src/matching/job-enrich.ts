import { z } from 'zod';
import { JobSchema, SenioritySchema, WorkplaceSchema, type Job, type Seniority, type Workplace } from '../domain/index.js';
import { canonicalSkill, findSkills, normaliseTitle } from '../taxonomy/index.js';

/**
 * A job as people send it: only a title and a description are required. Everything else, when missing,
 * is derived from the text (skills through the taxonomy, seniority from the title, occupation from the
 * title, workplace and years from the description) so imported jobs match as well as curated ones.
 */
export const JobDraftSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  title: z.string({ error: 'title is required' }).trim().min(1, 'title is required').max(300),
  company: z.string().max(300).nullish(),
  description: z.string().max(50_000).default(''),
  location: z.string().max(300).nullish(),
  workplace: WorkplaceSchema.nullish(),
  seniority: SenioritySchema.nullish(),
  requiredSkills: z.array(z.string().max(200)).max(200).nullish(),
  niceToHaveSkills: z.array(z.string().max(200)).max(200).nullish(),
  occupationCode: z.string().max(20).nullish(),
  minYearsExperience: z.number().nonnegative().max(60).nullish(),
});
export type JobDraft = z.input<typeof JobDraftSchema>;

const SENIORITY_WORDS: Array<[RegExp, Seniority]> = [
  [/\b(intern|internship|trainee|apprentice)\b/i, 'intern'],
  [/\b(chief|vp|vice president|director|head of)\b/i, 'executive'],
  [/\b(lead|principal|staff|manager)\b/i, 'lead'],
  [/\b(senior|sr\.?)\b/i, 'senior'],
  [/\b(junior|jr\.?|entry[- ]level|graduate|associate)\b/i, 'junior'],
];

export function seniorityFromTitle(title: string): Seniority | null {
  for (const [re, level] of SENIORITY_WORDS) if (re.test(title)) return level;
  return null;
}

export function workplaceFromText(text: string): Workplace {
  if (/\bhybrid\b/i.test(text)) return 'hybrid';
  if (/\b(fully remote|remote[- ]first|100% remote|work from home|remote)\b/i.test(text)) return 'remote';
  return 'onsite';
}

/** "5+ years", "at least 3 years", "3-5 years of experience" → the lower bound. */
export function yearsFromText(text: string): number | null {
  const m = /\b(?:at least |minimum (?:of )?)?(\d{1,2})\s*(?:\+|-\s*\d{1,2}|to \d{1,2})?\s*(?:years?|yrs)\b(?: of)?(?: \w+){0,3}? experience/i.exec(text);
  return m ? Number(m[1]) : null;
}

const NICE_TO_HAVE = /\b(nice[- ]to[- ]have|preferred|a plus|bonus|desirable|ideally|good to have)\b/i;

/** Skills named in a description, split by whether their sentence or section marks them optional. */
export function skillsFromDescription(description: string): { required: string[]; niceToHave: string[] } {
  const required = new Set<string>();
  const nice = new Set<string>();
  let inNiceSection = false;
  for (const line of description.split(/\n+/)) {
    const isHeading = line.trim().length < 60 && /:\s*$|^#+\s/.test(line.trim());
    if (isHeading) inNiceSection = NICE_TO_HAVE.test(line);
    for (const sentence of line.split(/(?<=[.!?;])\s+/)) {
      const optional = inNiceSection || NICE_TO_HAVE.test(sentence);
      for (const hit of findSkills(sentence)) (optional ? nice : required).add(hit.name);
    }
  }
  for (const s of required) nice.delete(s);
  return { required: [...required], niceToHave: [...nice] };
}

function canonical(skills: readonly string[]): string[] {
  return [...new Set(skills.map((s) => canonicalSkill(s)?.name ?? s.trim()).filter((s) => s !== ''))];
}

/** A complete Job from a draft; `makeId` supplies an id when the draft has none. */
export function enrichJob(draft: z.output<typeof JobDraftSchema>, makeId: () => string): Job {
  const fromText = draft.requiredSkills || draft.niceToHaveSkills ? null : skillsFromDescription(`${draft.title}.\n${draft.description}`);
  return JobSchema.parse({
    id: draft.id ?? makeId(),
    title: draft.title,
    company: draft.company ?? null,
    description: draft.description,
    location: draft.location ?? null,
    workplace: draft.workplace ?? workplaceFromText(`${draft.title} ${draft.location ?? ''} ${draft.description}`),
    seniority: draft.seniority ?? seniorityFromTitle(draft.title),
    requiredSkills: canonical(draft.requiredSkills ?? fromText?.required ?? []),
    niceToHaveSkills: canonical(draft.niceToHaveSkills ?? fromText?.niceToHave ?? []),
    occupationCode: draft.occupationCode ?? normaliseTitle(draft.title)?.code ?? null,
    minYearsExperience: draft.minYearsExperience ?? yearsFromText(draft.description),
  });
}
