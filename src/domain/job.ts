import { z } from 'zod';

export const SENIORITIES = ['intern', 'junior', 'mid', 'senior', 'lead', 'executive'] as const;
export const SenioritySchema = z.enum(SENIORITIES);
export type Seniority = z.infer<typeof SenioritySchema>;

export const WORKPLACES = ['onsite', 'hybrid', 'remote'] as const;
export const WorkplaceSchema = z.enum(WORKPLACES);
export type Workplace = z.infer<typeof WorkplaceSchema>;

/** A job posting as stored and matched. Skills are canonical taxonomy names. */
export const JobSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().min(1).max(300),
  company: z.string().max(300).nullable(),
  description: z.string().max(50_000),
  location: z.string().max(300).nullable(),
  workplace: WorkplaceSchema,
  seniority: SenioritySchema.nullable(),
  requiredSkills: z.array(z.string()),
  niceToHaveSkills: z.array(z.string()),
  /** O*NET-SOC code of the occupation the title normalises to, when known. */
  occupationCode: z.string().nullable(),
  minYearsExperience: z.number().nonnegative().nullable(),
});
export type Job = z.infer<typeof JobSchema>;

/**
 * Where a vector lives. Similarity is only ever computed within one space: vectors of two models (or two
 * dimension settings of one model) are not comparable, so the migration keeps both side by side.
 */
export const EmbeddingSpaceSchema = z.object({
  id: z.string().describe('Stable id, "<provider>:<model>:<dimensions>:<version>"'),
  provider: z.string(),
  model: z.string(),
  dimensions: z.number().int().positive(),
  version: z.string(),
});
export type EmbeddingSpace = z.infer<typeof EmbeddingSpaceSchema>;

export function embeddingSpaceId(s: Omit<EmbeddingSpace, 'id'>): string {
  return `${s.provider}:${s.model}:${s.dimensions}:${s.version}`;
}

/** A space with its id, frozen: what every embedder exposes. Dimensions must be a positive integer. */
export function embeddingSpace(s: Omit<EmbeddingSpace, 'id'>): EmbeddingSpace {
  if (!Number.isInteger(s.dimensions) || s.dimensions < 1) throw new RangeError('dimensions must be a positive integer');
  return Object.freeze({ id: embeddingSpaceId(s), ...s });
}
