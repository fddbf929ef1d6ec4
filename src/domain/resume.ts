import { z } from 'zod';

/**
 * The structured resume every provider returns. One schema for all of them: the local parser fills it
 * by rules, LLM providers (later) get it as their JSON schema. Fields are required and nullable rather
 * than optional, because strict structured-output modes (OpenAI json_schema, Bedrock tool input) demand
 * every key be present.
 */

/** "YYYY" or "YYYY-MM": resumes rarely give a day, and inventing one would be a value not in the text. */
export const PartialDateSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'expected YYYY or YYYY-MM')
  .describe('A year ("2019") or year and month ("2019-03")');
export type PartialDate = z.infer<typeof PartialDateSchema>;

export const ContactSchema = z.object({
  name: z.string().nullable().describe("The candidate's full name"),
  emails: z.array(z.string()).describe('E-mail addresses as written'),
  phones: z.array(z.string()).describe('Phone numbers as written'),
  location: z.string().nullable().describe('City, region or country of the candidate'),
  links: z.array(z.string()).describe('Profile and portfolio URLs (LinkedIn, GitHub, personal site)'),
});
export type Contact = z.infer<typeof ContactSchema>;

export const SkillSchema = z.object({
  name: z.string().describe('Canonical skill name from the taxonomy (e.g. "JavaScript")'),
  surface: z.string().describe('The form found in the resume (e.g. "JS")'),
  category: z.string().describe('Taxonomy category (e.g. "programming-language", "software", "soft-skill")'),
});
export type Skill = z.infer<typeof SkillSchema>;

export const ExperienceSchema = z.object({
  title: z.string().nullable(),
  company: z.string().nullable(),
  location: z.string().nullable(),
  start: PartialDateSchema.nullable(),
  end: PartialDateSchema.nullable().describe('Null when the role is current or the end is unknown'),
  current: z.boolean().describe('True for "Present", "till date", "Current" and the like'),
  description: z.string().nullable(),
  highlights: z.array(z.string()).describe('Bullet points of the role'),
});
export type Experience = z.infer<typeof ExperienceSchema>;

export const DEGREE_LEVELS = [
  'high-school',
  'certificate',
  'diploma',
  'associate',
  'bachelor',
  'master',
  'doctorate',
  'other',
] as const;
export const DegreeLevelSchema = z.enum(DEGREE_LEVELS);
export type DegreeLevel = z.infer<typeof DegreeLevelSchema>;

export const EducationSchema = z.object({
  degree: z.string().nullable().describe('The degree as written (e.g. "B.Sc. Computer Science")'),
  degreeLevel: DegreeLevelSchema.nullable(),
  field: z.string().nullable().describe('Field of study'),
  institution: z.string().nullable(),
  graduationYear: z.number().int().min(1900).max(2100).nullable(),
});
export type Education = z.infer<typeof EducationSchema>;

export const CertificationSchema = z.object({
  name: z.string(),
  issuer: z.string().nullable(),
  year: z.number().int().min(1900).max(2100).nullable(),
});
export type Certification = z.infer<typeof CertificationSchema>;

export const LanguageSchema = z.object({
  name: z.string().describe('A spoken language (e.g. "Spanish")'),
  proficiency: z.string().nullable().describe('As written (e.g. "native", "B2", "fluent")'),
});
export type Language = z.infer<typeof LanguageSchema>;

/** What a provider extracts from the text: the part an LLM is asked to produce. */
export const ResumeFieldsSchema = z.object({
  contact: ContactSchema,
  headline: z.string().nullable().describe('The professional title written under the name (e.g. "Senior Data Engineer")'),
  summary: z.string().nullable(),
  skills: z.array(SkillSchema),
  experience: z.array(ExperienceSchema),
  education: z.array(EducationSchema),
  certifications: z.array(CertificationSchema),
  languages: z.array(LanguageSchema),
});
export type ResumeFields = z.infer<typeof ResumeFieldsSchema>;

export const ParseMetaSchema = z.object({
  provider: z.string(),
  model: z.string(),
  version: z.string().describe('Parser or prompt version, recorded so results can be compared across releases'),
  durationMs: z.number().nonnegative(),
  referenceDate: z.string().describe('ISO date that "Present" was resolved against'),
  language: z.string().nullable().describe('Detected language of the resume (ISO 639-1), when known'),
  warnings: z.array(z.string()),
});
export type ParseMeta = z.infer<typeof ParseMetaSchema>;

export const ParsedResumeSchema = ResumeFieldsSchema.extend({
  totalExperienceMonths: z
    .number()
    .int()
    .nonnegative()
    .describe('Months of experience with overlapping roles merged'),
  meta: ParseMetaSchema,
});
export type ParsedResume = z.infer<typeof ParsedResumeSchema>;

/** JSON Schema of the fields an LLM provider must return (draft 2020-12). */
export function resumeFieldsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ResumeFieldsSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
