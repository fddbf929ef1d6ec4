import type { ParsedResume } from '../domain/index.js';
import { redactText } from '../telemetry/redact.js';

/**
 * Capability-aware comparators for shadow runs. Two models never produce equal output, so "equal" is the
 * wrong question (Scientist's default compare is useless here): parses are compared field by field after
 * normalisation, rankings by top-k overlap. Both give an agreement in 0..1 that a threshold turns into
 * matched / mismatched.
 */

/** Agreement at or above which a shadow run counts as matched, unless the caller sets its own. */
export const DEFAULT_MATCH_THRESHOLD = 0.8;

export interface FieldAgreement {
  field: string;
  /** 0..1 */
  agreement: number;
}

export interface Comparison {
  /** 0..1: the mean over the compared fields (or the top-k overlap for rankings). */
  agreement: number;
  fields: FieldAgreement[];
  /** Human-readable, already redacted: safe to log and keep as a mismatch sample. */
  differences: string[];
}

export interface RankingComparison extends Comparison {
  /** |top-k(control) ∩ top-k(candidate)| / min(k, longer list length); the same number as `agreement`. */
  overlap: number;
  /** Kendall's τ on the items both top-k lists share; null with fewer than two shared items. */
  kendallTau: number | null;
}

/** Longest value shown in a difference: enough to recognise a title, too little to carry a resume. */
const MAX_VALUE_CHARS = 80;
/** Parsers disagree by a few months on "2019" vs "2019-06"; half a year is the same career length. */
const EXPERIENCE_MONTHS_TOLERANCE = 6;

// ---------------------------------------------------------------------------------------------------------
// Parses

/** Case, accents, punctuation and spacing differ between models without changing meaning. */
function normaliseText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'’]/g, '') // "B.Sc." = "BSc", "O'Neil" = "ONeil"
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Skill names keep their punctuation: "C", "C#" and "C++" are different skills. */
function normaliseSkill(value: string): string {
  return value.toLowerCase().replace(/\s+/g, ' ').trim();
}

function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * The last ten digits: "+1 (555) 123-4567" and "555.123.4567" are one number, whether or not a model kept
 * the country code.
 */
function normalisePhone(value: string): string {
  return value.replace(/\D/g, '').slice(-10);
}

type Normalise = (value: string) => string;

interface ScalarField {
  kind: 'scalar';
  field: string;
  get: (r: ParsedResume) => string | null;
  normalise: Normalise;
  /** Values a sample must never show even redacted, such as a person's name. */
  mask?: string;
}

interface SetField {
  kind: 'set';
  field: string;
  get: (r: ParsedResume) => readonly (string | null)[];
  normalise: Normalise;
  mask?: string;
}

/** The fields that decide whether a parse is usable for matching and for a person reading it. */
const PARSE_FIELDS: readonly (ScalarField | SetField)[] = [
  { kind: 'scalar', field: 'contact.name', get: (r) => r.contact.name, normalise: normaliseText, mask: '[name]' },
  { kind: 'set', field: 'contact.email', get: (r) => r.contact.emails, normalise: normaliseEmail, mask: '[email]' },
  { kind: 'set', field: 'contact.phone', get: (r) => r.contact.phones, normalise: normalisePhone, mask: '[phone]' },
  { kind: 'scalar', field: 'contact.location', get: (r) => r.contact.location, normalise: normaliseText },
  { kind: 'scalar', field: 'headline', get: (r) => r.headline, normalise: normaliseText },
  { kind: 'set', field: 'experience.title', get: (r) => r.experience.map((e) => e.title), normalise: normaliseText },
  { kind: 'set', field: 'experience.company', get: (r) => r.experience.map((e) => e.company), normalise: normaliseText },
  { kind: 'set', field: 'education.degree', get: (r) => r.education.map((e) => e.degree), normalise: normaliseText },
  { kind: 'set', field: 'education.institution', get: (r) => r.education.map((e) => e.institution), normalise: normaliseText },
  {
    kind: 'set',
    field: 'education.graduationYear',
    get: (r) => r.education.map((e) => (e.graduationYear === null ? null : String(e.graduationYear))),
    normalise: (v) => v,
  },
  { kind: 'set', field: 'skills', get: (r) => r.skills.map((s) => s.name), normalise: normaliseSkill },
];

/**
 * Field-by-field agreement of two parses of the same resume. Scalars agree (1) or not (0) after
 * normalisation; lists are compared as order-insensitive sets by Jaccard index; total experience agrees
 * within six months. Fields empty on both sides say nothing about the candidate and are skipped.
 */
export function compareParses(control: ParsedResume, candidate: ParsedResume): Comparison {
  const fields: FieldAgreement[] = [];
  const differences: string[] = [];

  for (const spec of PARSE_FIELDS) {
    if (spec.kind === 'scalar') {
      const a = normaliseNullable(spec.get(control), spec.normalise);
      const b = normaliseNullable(spec.get(candidate), spec.normalise);
      if (a === null && b === null) continue;
      const agreement = a === b ? 1 : 0;
      fields.push({ field: spec.field, agreement });
      if (agreement < 1) differences.push(`${spec.field}: ${shown(spec.get(control), spec.mask)} vs ${shown(spec.get(candidate), spec.mask)}`);
    } else {
      const a = normaliseSet(spec.get(control), spec.normalise);
      const b = normaliseSet(spec.get(candidate), spec.normalise);
      if (a.size === 0 && b.size === 0) continue;
      const agreement = jaccard(a, b);
      fields.push({ field: spec.field, agreement });
      if (agreement < 1) {
        const onlyControl = [...a].filter((v) => !b.has(v));
        const onlyCandidate = [...b].filter((v) => !a.has(v));
        differences.push(`${spec.field}: ${shownList(onlyControl, spec.mask)} vs ${shownList(onlyCandidate, spec.mask)}`);
      }
    }
  }

  const monthsApart = Math.abs(control.totalExperienceMonths - candidate.totalExperienceMonths);
  const monthsAgree = monthsApart <= EXPERIENCE_MONTHS_TOLERANCE ? 1 : 0;
  fields.push({ field: 'totalExperienceMonths', agreement: monthsAgree });
  if (monthsAgree < 1) {
    differences.push(`totalExperienceMonths: ${control.totalExperienceMonths} vs ${candidate.totalExperienceMonths}`);
  }

  const agreement = fields.reduce((sum, f) => sum + f.agreement, 0) / fields.length;
  return { agreement, fields, differences };
}

function normaliseNullable(value: string | null, normalise: Normalise): string | null {
  if (value === null) return null;
  const n = normalise(value);
  return n === '' ? null : n;
}

function normaliseSet(values: readonly (string | null)[], normalise: Normalise): Set<string> {
  const out = new Set<string>();
  for (const v of values) {
    const n = v === null ? null : normaliseNullable(v, normalise);
    if (n !== null) out.add(n);
  }
  return out;
}

/** |A ∩ B| / |A ∪ B|; callers skip the case where both are empty. */
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const v of a) if (b.has(v)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Redact first, then cut: cutting first could split an e-mail address so the pattern no longer sees it. */
function clip(value: string): string {
  const redacted = redactText(value);
  return redacted.length > MAX_VALUE_CHARS ? `${redacted.slice(0, MAX_VALUE_CHARS - 1)}…` : redacted;
}

function shown(value: string | null, mask: string | undefined): string {
  if (value === null || value.trim() === '') return 'null';
  return JSON.stringify(mask ?? clip(value));
}

function shownList(values: readonly string[], mask: string | undefined): string {
  if (values.length === 0) return '[]';
  return JSON.stringify(clip(values.map((v) => mask ?? v).join(', ')));
}

// ---------------------------------------------------------------------------------------------------------
// Rankings

/**
 * Agreement of two rankings of job ids (best first), judged on their top k:
 * - overlap = |top-k(control) ∩ top-k(candidate)| / min(k, length of the longer list), so two short lists
 *   that hold the same jobs agree fully; two empty lists agree trivially (1);
 * - Kendall's τ over the shared items, in the order each list gives them. Within one ranking every item has
 *   its own rank, so there are no ties and τ-a = τ-b = (concordant − discordant) / (n(n−1)/2).
 * The agreement is the overlap: which jobs a user is shown matters more than their order among themselves.
 * Duplicate ids keep their first (best) position.
 */
export function compareRankings(control: readonly string[], candidate: readonly string[], k = 10): RankingComparison {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const a = topK(control, k);
  const b = topK(candidate, k);
  const denominator = Math.min(k, Math.max(a.length, b.length));

  const inB = new Set(b);
  const inA = new Set(a);
  const shared = a.filter((id) => inB.has(id));
  const overlap = denominator === 0 ? 1 : shared.length / denominator;
  const kendallTau = kendallTauOfShared(shared, b);

  const differences: string[] = [];
  const onlyControl = a.filter((id) => !inB.has(id));
  const onlyCandidate = b.filter((id) => !inA.has(id));
  if (onlyControl.length > 0) differences.push(`only in control top ${k}: ${onlyControl.join(', ')}`);
  if (onlyCandidate.length > 0) differences.push(`only in candidate top ${k}: ${onlyCandidate.join(', ')}`);

  const fields: FieldAgreement[] = [{ field: `top${k}.overlap`, agreement: overlap }];
  return { agreement: overlap, overlap, kendallTau, fields, differences };
}

function topK(ids: readonly string[], k: number): string[] {
  return [...new Set(ids)].slice(0, k);
}

/**
 * τ between the order of `shared` (as the control ranks them) and their order in `candidate`. O(n²), fine
 * for n ≤ k.
 */
function kendallTauOfShared(shared: readonly string[], candidate: readonly string[]): number | null {
  const n = shared.length;
  if (n < 2) return null;
  const rankInCandidate = new Map(candidate.map((id, i) => [id, i]));
  const ranks = shared.map((id) => rankInCandidate.get(id) ?? 0);
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // i precedes j in the control order, so the pair is concordant when the candidate agrees.
      if ((ranks[j] ?? 0) > (ranks[i] ?? 0)) concordant += 1;
      else discordant += 1;
    }
  }
  return (concordant - discordant) / ((n * (n - 1)) / 2);
}
