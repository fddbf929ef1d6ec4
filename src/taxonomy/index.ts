/**
 * Skills and job-title taxonomy (built by `npm run build:taxonomy` into data/taxonomy.json).
 * PLACEHOLDER INTERFACE — the taxonomy work fills this in; keep the exported signatures.
 */

export interface SkillHit {
  /** Canonical name, e.g. "JavaScript". */
  name: string;
  /** The text as it occurs in the input, e.g. "JS". */
  surface: string;
  /** Taxonomy category, e.g. "programming-language". */
  category: string;
  /** Offsets of `surface` in the input text. */
  start: number;
  end: number;
}

export interface FindSkillsOptions {
  /**
   * True when the text is a skills section or a list of skills: ambiguous short skills (C, R, Go, Swift,
   * Spark, Excel…) count there without further evidence.
   */
  skillContext?: boolean;
}

/** Every taxonomy skill mentioned in `text`, canonicalised, de-duplicated by canonical name. */
export function findSkills(_text: string, _options: FindSkillsOptions = {}): SkillHit[] {
  return [];
}

/** Canonical form of one skill phrase ("k8s" → Kubernetes), or null when the taxonomy has no entry. */
export function canonicalSkill(_phrase: string): { name: string; category: string } | null {
  return null;
}

export interface Occupation {
  /** O*NET-SOC code, e.g. "15-1252.00". */
  code: string;
  /** O*NET occupation title, e.g. "Software Developers". */
  title: string;
}

/** The occupation a job title normalises to ("Sr. Backend Engineer" → Software Developers), or null. */
export function normaliseTitle(_title: string): Occupation | null {
  return null;
}

/** True when the phrase looks like a job title (it, or its head noun, is a known title). */
export function isKnownTitle(_phrase: string): boolean {
  return false;
}
