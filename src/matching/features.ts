import type { Job, Seniority } from '../domain/index.js';

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

/**
 * The candidate's skills, answering "does the candidate have this job skill?". Canonical names match
 * exactly; a multi-word skill also matches when one phrase contains the other as whole words, because job
 * skills are often ESCO phrases ("use electronic health records in nursing") around what a resume says
 * ("Electronic health records"). Answers are memoised: job skills repeat across thousands of postings.
 */
export class ProfileSkills {
  private readonly exact: Set<string>;
  private readonly phrases: string[];
  private readonly memo = new Map<string, boolean>();

  constructor(skills: readonly string[]) {
    this.exact = new Set(skills.map((s) => s.toLowerCase()));
    this.phrases = [...this.exact].map(padded).filter((p) => p.trim().includes(' '));
  }

  has(jobSkill: string): boolean {
    const key = jobSkill.toLowerCase();
    let known = this.memo.get(key);
    if (known === undefined) {
      const p = padded(key);
      const multiWord = p.trim().includes(' ');
      known = this.exact.has(key) || this.phrases.some((q) => p.includes(q) || (multiWord && q.includes(p)));
      this.memo.set(key, known);
    }
    return known;
  }
}

function padded(phrase: string): string {
  return ` ${phrase.toLowerCase().replace(/[^a-z0-9+#]+/g, ' ').trim()} `;
}

/** Share of the job's skills the candidate has, required ones weighing double. */
export function skillFit(profileSkills: ProfileSkills, job: Pick<Job, 'requiredSkills' | 'niceToHaveSkills'>): SkillFit {
  const matched: string[] = [];
  const missingRequired: string[] = [];
  let have = 0;
  let total = 0;
  for (const s of job.requiredSkills) {
    total += REQUIRED_SKILL_WEIGHT;
    if (profileSkills.has(s)) {
      have += REQUIRED_SKILL_WEIGHT;
      matched.push(s);
    } else missingRequired.push(s);
  }
  for (const s of job.niceToHaveSkills) {
    total += NICE_SKILL_WEIGHT;
    if (profileSkills.has(s)) {
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
