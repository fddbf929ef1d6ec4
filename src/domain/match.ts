import { z } from 'zod';
import { JobSchema, SenioritySchema, WorkplaceSchema } from './job.js';

/** What matching needs to know about a candidate; derived from a ParsedResume or given directly. */
export const MatchProfileSchema = z.object({
  title: z.string().max(300).nullable().describe('Current or target job title'),
  skills: z.array(z.string().max(200)).max(500).describe('Skill names; canonicalised through the taxonomy'),
  yearsExperience: z.number().nonnegative().max(80).nullable(),
  location: z.string().max(300).nullable(),
  summary: z.string().max(20_000).nullable().describe('Free text describing the candidate, used for semantic similarity'),
});
export type MatchProfile = z.infer<typeof MatchProfileSchema>;

export const MatchFiltersSchema = z.object({
  location: z.string().max(300).optional().describe('Case-insensitive substring of the job location; remote jobs always pass'),
  workplace: z.array(WorkplaceSchema).optional(),
  seniority: z.array(SenioritySchema).optional(),
});
export type MatchFilters = z.infer<typeof MatchFiltersSchema>;

export const ScoreBreakdownSchema = z.object({
  semantic: z.number().describe('Cosine similarity of profile and job embeddings, 0–1 (0 when ranking lexically)'),
  lexical: z.number().describe('BM25 score of the profile text against the job, scaled 0–1 within the result set'),
  skills: z.number().describe('Weighted share of the job skills the candidate has; required skills weigh double'),
  title: z.number().describe('Occupation fit: same occupation 1, close relative less, unrelated 0'),
  experience: z.number().describe('Years of experience against the seniority the job asks for'),
});
export type ScoreBreakdown = z.infer<typeof ScoreBreakdownSchema>;

export const JobMatchSchema = z.object({
  job: JobSchema,
  score: z.number().describe('Overall fit, 0–1'),
  breakdown: ScoreBreakdownSchema,
  matchedSkills: z.array(z.string()),
  missingRequiredSkills: z.array(z.string()),
  reasons: z.array(z.string()).describe('Short sentences a person can read'),
});
export type JobMatch = z.infer<typeof JobMatchSchema>;

/**
 * hybrid: every signal. semantic: embedding similarity alone. lexical: every signal but embeddings — what
 * hybrid degrades to when a space has no vectors. bm25: BM25 alone (a baseline for evaluation).
 */
export const RANKING_STRATEGIES = ['hybrid', 'semantic', 'lexical', 'bm25'] as const;
export type RankingStrategy = (typeof RANKING_STRATEGIES)[number];

export const MatchResultSchema = z.object({
  matches: z.array(JobMatchSchema),
  strategy: z.enum(RANKING_STRATEGIES).describe('How the ranking was made; "lexical" when no vectors exist in the space'),
  spaceId: z.string().nullable(),
  warnings: z.array(z.string()),
});
export type MatchResult = z.infer<typeof MatchResultSchema>;
