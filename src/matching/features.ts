import type { Job, MatchProfile, Seniority } from '../domain/index.js';

/**
 * The non-semantic signals of hybrid ranking, each in 0–1, each explainable to a person.
 * Pure functions: the ranker gathers candidates, these score them.
 */

export const REQUIRED_SKILL_WEIGHT = 2;
export const NICE_SKILL_WEIGHT = 1;

export interface SkillFit {
  score: number;
  matched: string[];
  missingRequired: string[];
}

/** Share of the job's skills the candidate has, required ones weighing double. Compares lower-cased canonical names. */
export function skillFit(profileSkills: ReadonlySet<string>, job: Pick<Job, 'requiredSkills' | 'niceToHaveSkills'>): SkillFit {
  const matched: string[] = [];
  const missingRequired: string[] = [];
  let have = 0;
  let total = 0;
  for (const s of job.requiredSkills) {
    total += REQUIRED_SKILL_WEIGHT;
    if (profileSkills.has(s.toLowerCase())) {
      have += REQUIRED_SKILL_WEIGHT;
      matched.push(s);
    } else missingRequired.push(s);
  }
  for (const s of job.niceToHaveSkills) {
    total += NICE_SKILL_WEIGHT;
    if (profileSkills.has(s.toLowerCase())) {
      have += NICE_SKILL_WEIGHT;
      matched.push(s);
    }
  }
  return { score: total === 0 ? 0 : have / total, matched, missingRequired };
}

/**
 * Occupation fit from O*NET-SOC codes ("15-1252.00"): same occupation 1, same broad occupation
 * (first 6 characters, "15-125") 0.6, same minor group ("15-1") 0.3, same major group ("15") 0.1.
 */
export function occupationFit(profileCode: string | null, jobCode: string | null): number {
  if (!profileCode || !jobCode) return 0;
  if (profileCode === jobCode) return 1;
  if (profileCode.slice(0, 6) === jobCode.slice(0, 6)) return 0.6;
  if (profileCode.slice(0, 4) === jobCode.slice(0, 4)) return 0.3;
  if (profileCode.slice(0, 2) === jobCode.slice(0, 2)) return 0.1;
  return 0;
}

/** Typical years of experience a seniority level asks for, when the posting gives no number. */
const SENIORITY_YEARS: Record<Seniority, number> = { intern: 0, junior: 0, mid: 3, senior: 5, lead: 8, executive: 12 };

/**
 * 1 when the candidate has the years the job asks for; falls off linearly below it (half-way at half the
 * years). Over-qualification costs a little: a 20-year veteran is a poor match for an internship.
 */
export function experienceFit(years: number | null, job: Pick<Job, 'minYearsExperience' | 'seniority'>): number {
  if (years === null) return 0.5;
  const need = job.minYearsExperience ?? (job.seniority ? SENIORITY_YEARS[job.seniority] : null);
  if (need === null) return 0.75;
  if (years < need) return Math.max(0, years / need);
  const surplus = years - need;
  return surplus > 10 && (job.seniority === 'intern' || job.seniority === 'junior') ? 0.5 : 1;
}

/** Canonical, lower-cased skill set of a profile, for skillFit. */
export function profileSkillSet(profile: Pick<MatchProfile, 'skills'>): Set<string> {
  return new Set(profile.skills.map((s) => s.toLowerCase()));
}

/** Jobs the filters let through. Remote jobs pass any location filter. */
export function passesFilters(
  job: Job,
  filters: { location?: string; workplace?: readonly string[]; seniority?: readonly string[] },
): boolean {
  if (filters.workplace && filters.workplace.length > 0 && !filters.workplace.includes(job.workplace)) return false;
  if (filters.seniority && filters.seniority.length > 0 && (!job.seniority || !filters.seniority.includes(job.seniority))) return false;
  if (filters.location && job.workplace !== 'remote') {
    if (!job.location || !job.location.toLowerCase().includes(filters.location.toLowerCase())) return false;
  }
  return true;
}
