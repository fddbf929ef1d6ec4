import type { Job, JobMatch, MatchFilters, MatchProfile, MatchResult, RankingStrategy, ScoreBreakdown } from '../domain/index.js';
import { experienceFit, occupationFit, passesFilters, profileSkillSet, skillFit } from './features.js';
import type { JobIndex } from './job-index.js';

/**
 * Weights of the hybrid score. Chosen on the matching benchmark (`npm run eval:match`): semantic
 * similarity finds related work in other words, BM25 rewards the exact vocabulary of the occupation,
 * skills and occupation fit are what a recruiter checks first, experience breaks ties.
 */
export const HYBRID_WEIGHTS: Readonly<Record<keyof ScoreBreakdown, number>> = {
  semantic: 0.3,
  lexical: 0.2,
  skills: 0.2,
  title: 0.25,
  experience: 0.05,
};

/** Without vectors the semantic share goes to the lexical signal. */
const LEXICAL_WEIGHTS: Readonly<Record<keyof ScoreBreakdown, number>> = { ...HYBRID_WEIGHTS, semantic: 0, lexical: HYBRID_WEIGHTS.lexical + HYBRID_WEIGHTS.semantic };

export interface RankRequest {
  profile: MatchProfile;
  /** O*NET-SOC code of the profile's title, when it normalises. */
  profileOccupation: string | null;
  /** Free text of the profile for BM25. */
  queryText: string;
  /** The profile embedded in `spaceId`; null ranks lexically. */
  queryVector: Float32Array | null;
  spaceId: string | null;
  filters?: MatchFilters;
  limit: number;
  strategy?: RankingStrategy;
}

interface Candidate {
  job: Job;
  semantic: number;
  lexical: number;
}

/** How many candidates each retriever contributes before re-ranking; generous, re-ranking is cheap. */
const CANDIDATES_PER_RETRIEVER = 200;

export function rankJobs(index: JobIndex, request: RankRequest): MatchResult {
  const { profile, filters = {}, limit } = request;
  const warnings: string[] = [];
  const accept = (id: string) => {
    const job = index.get(id);
    return job !== undefined && passesFilters(job, filters);
  };

  let strategy: RankingStrategy = request.strategy ?? 'hybrid';
  const vectors = request.spaceId ? index.vectors(request.spaceId) : undefined;
  if (strategy !== 'lexical' && (!vectors || !request.queryVector)) {
    // Without a query vector the caller has said why; without job vectors, we say it.
    if (!vectors) {
      warnings.push(
        request.spaceId
          ? `No job vectors in space ${request.spaceId} yet; ranked lexically (BM25). Run \`jobmatch jobs reindex --space ${request.spaceId}\`.`
          : 'No embedding space available; ranked lexically (BM25).',
      );
    }
    strategy = 'lexical';
  }

  const pool = Math.max(CANDIDATES_PER_RETRIEVER, limit * 5);
  const candidates = new Map<string, Candidate>();
  const take = (id: string): Candidate => {
    let c = candidates.get(id);
    if (!c) {
      c = { job: index.get(id)!, semantic: 0, lexical: 0 };
      candidates.set(id, c);
    }
    return c;
  };

  if (strategy !== 'lexical' && vectors && request.queryVector) {
    for (const hit of vectors.search(request.queryVector, pool, accept)) take(hit.id).semantic = Math.max(0, hit.similarity);
  }
  if (strategy !== 'semantic') {
    const hits = index.lexical.query(request.queryText, pool * 4).filter((h) => accept(h.id)).slice(0, pool);
    const top = hits[0]?.score ?? 1;
    for (const hit of hits) take(hit.id).lexical = hit.score / top;
  }
  // Semantic candidates that BM25 did not rank still get their lexical similarity as 0: fair, they share no terms.

  const skills = profileSkillSet(profile);
  const weights = strategy === 'hybrid' ? HYBRID_WEIGHTS : LEXICAL_WEIGHTS;
  const matches: JobMatch[] = [];
  for (const c of candidates.values()) {
    const fit = skillFit(skills, c.job);
    const breakdown: ScoreBreakdown = {
      semantic: round(c.semantic),
      lexical: round(c.lexical),
      skills: round(fit.score),
      title: round(occupationFit(request.profileOccupation, c.job.occupationCode)),
      experience: round(experienceFit(profile.yearsExperience, c.job)),
    };
    const score =
      strategy === 'semantic'
        ? breakdown.semantic
        : (Object.keys(weights) as Array<keyof ScoreBreakdown>).reduce((sum, k) => sum + weights[k] * breakdown[k], 0);
    matches.push({
      job: c.job,
      score: round(score),
      breakdown,
      matchedSkills: fit.matched,
      missingRequiredSkills: fit.missingRequired,
      reasons: explain(c.job, breakdown, fit, profile),
    });
  }
  matches.sort((a, b) => b.score - a.score || a.job.id.localeCompare(b.job.id));
  return { matches: matches.slice(0, limit), strategy, spaceId: strategy === 'lexical' ? null : request.spaceId, warnings };
}

function explain(job: Job, b: ScoreBreakdown, fit: ReturnType<typeof skillFit>, profile: MatchProfile): string[] {
  const reasons: string[] = [];
  const required = job.requiredSkills.length;
  if (required > 0) {
    const haveRequired = required - fit.missingRequired.length;
    reasons.push(`Has ${haveRequired} of ${required} required skills${fit.matched.length > 0 ? ` (${fit.matched.slice(0, 5).join(', ')})` : ''}.`);
  }
  if (fit.missingRequired.length > 0) reasons.push(`Missing required: ${fit.missingRequired.slice(0, 5).join(', ')}.`);
  if (b.title === 1) reasons.push('Same occupation as the profile title.');
  else if (b.title >= 0.3) reasons.push('A closely related occupation.');
  if (b.semantic >= 0.5) reasons.push(`Profile and posting read alike (semantic similarity ${b.semantic.toFixed(2)}).`);
  const need = job.minYearsExperience;
  if (need !== null && profile.yearsExperience !== null) {
    const has = formatYears(profile.yearsExperience);
    reasons.push(profile.yearsExperience >= need ? `Asks for ${need}+ years; the profile has ${has}.` : `Asks for ${need}+ years; the profile has only ${has}.`);
  }
  return reasons;
}

function formatYears(y: number): string {
  return `${Math.round(y * 10) / 10} years`;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
