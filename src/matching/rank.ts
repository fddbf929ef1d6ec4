import type { Job, JobMatch, MatchFilters, MatchProfile, MatchResult, RankingStrategy, ScoreBreakdown } from '../domain/index.js';
import { experienceFit, occupationFit, passesFilters, ProfileSkills, skillFit } from './features.js';
import type { JobIndex } from './job-index.js';

/**
 * Weights of the hybrid score, chosen by a grid search on the matching benchmark (`npm run eval:match`;
 * the top of the surface is flat, NDCG@10 0.90 ± 0.003 across its best dozen points). Semantic similarity
 * finds related work worded differently, BM25 rewards the occupation's own vocabulary, skill overlap is what
 * a recruiter checks first. Experience gets a small weight the benchmark cannot see (it does not grade
 * seniority) because people do care whether they qualify.
 */
export const HYBRID_WEIGHTS: Readonly<Record<keyof ScoreBreakdown, number>> = {
  semantic: 0.45,
  lexical: 0.2,
  skills: 0.2,
  title: 0.1,
  experience: 0.05,
};

/** Without vectors: BM25 carries most of the weight, occupation fit matters more. */
const LEXICAL_WEIGHTS: Readonly<Record<keyof ScoreBreakdown, number>> = {
  semantic: 0,
  lexical: 0.5,
  skills: 0.25,
  title: 0.2,
  experience: 0.05,
};

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
  if ((strategy === 'hybrid' || strategy === 'semantic') && (!vectors || !request.queryVector)) {
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

  // Each retriever nominates candidates; then every candidate gets both its real scores, so a job found
  // by one retriever is not scored 0 by the other.
  const lexical = strategy === 'semantic' ? undefined : index.lexical.score(request.queryText);
  const useVectors = (strategy === 'hybrid' || strategy === 'semantic') && vectors && request.queryVector;
  if (useVectors) for (const hit of vectors.search(request.queryVector!, pool, accept)) take(hit.id);
  const lexicalTop = lexical?.top(pool, accept) ?? [];
  for (const hit of lexicalTop) take(hit.id);
  const bestLexical = lexicalTop[0]?.score || 1;
  const similarity = useVectors ? vectors.similarityTo(request.queryVector!) : undefined;
  for (const c of candidates.values()) {
    if (similarity) c.semantic = Math.max(0, similarity(c.job.id) ?? 0);
    if (lexical) c.lexical = Math.min(1, lexical.of(c.job.id) / bestLexical);
  }

  const skills = new ProfileSkills(profile.skills);
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
        : strategy === 'bm25'
          ? breakdown.lexical
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
  return { matches: matches.slice(0, limit), strategy, spaceId: useVectors ? request.spaceId : null, warnings };
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
