/**
 * Scoring of parsed resumes against the labelled dev set. Pure functions, no I/O.
 *
 * WHAT IS SCORED
 *   Ten gold fields. Annotation is partial: a field whose gold is null, [] or holds nothing comparable is
 *   "unlabelled" for that resume and is not scored at all; each field reports n, the number of resumes it
 *   was scored on.
 *
 * WHAT A PREDICTION IS (toPredicted)
 *   name ← contact.name · email ← contact.emails · phone ← contact.phones · location ← contact.location ·
 *   skills ← skills[] (each skill matches by its canonical name or its surface form) ·
 *   companies, titles ← experience[].company, .title · institutions ← education[].institution ·
 *   degrees ← education[].degree (also tried as "degree field" when the parser split the field of study
 *   off, since gold degrees are written whole: "BSc Marketing") · graduationYears ← education[].graduationYear.
 *
 * MATCHING RULES
 *   name, email   case-insensitive exact after whitespace collapse (trim, runs of spaces → one).
 *   phone         digits only ("+1 (415) 555-0100" ≡ "1 415 555 0100"; a missing country code is a miss).
 *   skills        each side canonicalised with the taxonomy (canonicalSkill; "JS" ≡ "JavaScript"), falling
 *                 back to its normalised text when the taxonomy has no entry. Also a match: equal normalised
 *                 texts, token-set similarity ≥ 0.8, or whole-word containment (as below). Skill text keeps
 *                 + and # so "C++" and "C#" stay distinct from "C".
 *   companies, institutions, titles, degrees
 *                 normalised: accents folded, lower-cased, dots and apostrophes deleted ("B.Sc." → "bsc"),
 *                 other punctuation → space, "the" dropped, trailing legal suffixes dropped (Inc, Ltd,
 *                 Limited, LLC, LLP, Pvt, Corp, Corporation, Co, GmbH, PLC, Incorporated; never the last
 *                 word). Then a match if token-set similarity ≥ 0.8 or one contains the other as a run of
 *                 whole words, where the contained side must have a non-stopword and ≥ 3 letters/digits
 *                 (so "of" or "IT" cannot match everything).
 *   graduationYears  exact year. Gold values that are not a 4-digit year (e.g. "2123-456789", a phone number
 *                 mis-annotated as a year in the dev set) are junk and skipped; if none remain the field
 *                 is unlabelled for that resume.
 *   location      normalised (as above, without suffix removal) whole-word containment either way, with
 *                 no length guard: gold "NY" matches "New York, NY", gold "Chennai, India" matches "Chennai".
 *   Token-set similarity is the Sørensen–Dice coefficient of the two distinct-word sets,
 *   2·|A∩B| / (|A|+|B|): one different word among five on each side is exactly 0.8 (a match), among four 0.75.
 *
 * COUNTING
 *   Single-valued fields (name, email, phone, location): the prediction is one answer, even when the parser
 *   lists several e-mails or phones. TP = 1 if any predicted value matches the gold; otherwise FN = 1, and
 *   FP = 1 if something was predicted.
 *   List fields: both sides are de-duplicated by normalised key, then matched one-to-one greedily (best
 *   pair first, exact before fuzzy, ties by order), so a value predicted twice, or two near-identical
 *   values, earn one TP at most. TP = matched pairs, FN = unmatched gold, FP = unmatched predictions.
 *   A resume whose parse failed is scored as predicting nothing (see run.ts): failures cost recall.
 *   Per field: recall = TP/(TP+FN) (the headline), precision = TP/(TP+FP), F1 = 2TP/(2TP+FP+FN); null when
 *   the denominator is 0. Micro average: the same formulas over TP, FP, FN summed over every scored field
 *   of every resume (list fields with many values, skills above all, weigh more than name).
 *   Precision is a lower bound where the gold is incomplete (skills, titles): an unlabelled correct value
 *   counts as FP.
 */
import type { ParsedResume } from '../domain/index.js';
import { canonicalSkill } from '../taxonomy/index.js';
import type { GoldFields } from './dataset.js';
import { digitsKey, entityWords, exactKey, fuzzyMatchScore, containsWords, phrase, words } from './match.js';
import type { Phrase } from './match.js';

export const FIELDS = [
  'name',
  'email',
  'phone',
  'location',
  'skills',
  'companies',
  'titles',
  'degrees',
  'institutions',
  'graduationYears',
] as const;
export type Field = (typeof FIELDS)[number];

/**
 * What the parser predicted, per field: a list of values, each written one or more ways (a skill as its
 * canonical name and its surface form). A value matches when any of its forms does.
 */
export type PredictedFields = Record<Field, string[][]>;

export function toPredicted(resume: ParsedResume): PredictedFields {
  const present = (v: string | null): v is string => v !== null && v.trim() !== '';
  const each = (values: (string | null)[]) => values.filter(present).map((v) => [v]);
  const { contact, experience, education } = resume;
  return {
    name: each([contact.name]),
    email: each(contact.emails),
    phone: each(contact.phones),
    location: each([contact.location]),
    skills: resume.skills.map((s) => [s.name, s.surface].filter(present)),
    companies: each(experience.map((e) => e.company)),
    titles: each([resume.headline, ...experience.map((e) => e.title)]),
    degrees: education.flatMap((e) => (present(e.degree) ? [degreeForms(e.degree, e.field)] : [])),
    institutions: each(education.map((e) => e.institution)),
    graduationYears: each(education.map((e) => (e.graduationYear === null ? null : String(e.graduationYear)))),
  };
}

function degreeForms(degree: string, field: string | null): string[] {
  if (field === null || field.trim() === '' || degree.toLowerCase().includes(field.toLowerCase())) return [degree];
  return [degree, `${degree} ${field}`];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** One field of one resume: the counts, and the values behind them for reading through misses. */
export interface FieldOutcome extends Counts {
  /** Gold values no prediction matched. */
  missed: string[];
  /** Predicted values that matched no gold value. */
  unexpected: string[];
}

/** Outcomes of the fields labelled for one resume; unlabelled fields are absent. */
export type RecordScore = Partial<Record<Field, FieldOutcome>>;

/** A value in comparable form. `key` decides equality and de-duplication; `phrase` feeds fuzzy matching. */
interface Comparable {
  raw: string;
  key: string;
  phrase: Phrase;
}

interface FieldRule {
  /** The gold is one value and the prediction one answer (see COUNTING). */
  single: boolean;
  /** The comparable form of a gold or predicted value; null when it has nothing to compare (or is junk). */
  prepare(value: string): Comparable | null;
  /** > 0 when the two match; higher is a better match. */
  score(gold: Comparable, predicted: Comparable): number;
}

const NO_WORDS = phrase([]);

function comparable(raw: string, key: string, ws: readonly string[] = []): Comparable | null {
  return key === '' ? null : { raw, key, phrase: ws.length > 0 ? phrase(ws) : NO_WORDS };
}

const equalKeys = (a: Comparable, b: Comparable) => (a.key === b.key ? 1 : 0);

const exactRule: FieldRule = {
  single: true,
  prepare: (v) => comparable(v, exactKey(v)),
  score: equalKeys,
};

const phoneRule: FieldRule = {
  single: true,
  prepare: (v) => comparable(v, digitsKey(v)),
  score: equalKeys,
};

function locationComparable(v: string): Comparable | null {
  const ws = words(v);
  return comparable(v, ws.join(' '), ws);
}

const locationRule: FieldRule = {
  single: true,
  prepare: locationComparable,
  score: (g, p) => (containsWords(g.phrase, p.phrase) || containsWords(p.phrase, g.phrase) ? 1 : 0),
};

function entityComparable(v: string): Comparable | null {
  const ws = entityWords(v);
  return comparable(v, ws.join(' '), ws);
}

const entityRule: FieldRule = {
  single: false,
  prepare: entityComparable,
  score: (g, p) => fuzzyMatchScore(g.phrase, p.phrase),
};

/** The taxonomy lookup skills are canonicalised with; replaceable so tests do not depend on the taxonomy. */
export type SkillCanonicaliser = (phrase: string) => { name: string } | null;

function skillRule(canonicalise: SkillCanonicaliser): FieldRule {
  const prepare = (v: string): Comparable | null => {
    const ws = words(v, '+#');
    const canonical = ws.length === 0 ? null : canonicalise(v);
    const key = canonical === null ? ws.join(' ') : words(canonical.name, '+#').join(' ');
    return comparable(v, key || ws.join(' '), ws);
  };
  return {
    single: false,
    prepare,
    score: (g, p) => (g.key === p.key ? 1 : fuzzyMatchScore(g.phrase, p.phrase)),
  };
}

const yearComparable = (v: string): Comparable | null => {
  const year = v.trim();
  return /^\d{4}$/.test(year) ? comparable(v, year) : null;
};

const yearRule: FieldRule = {
  single: false,
  prepare: yearComparable,
  score: equalKeys,
};

function rules(canonicalise: SkillCanonicaliser): Record<Field, FieldRule> {
  return {
    name: exactRule,
    email: exactRule,
    phone: phoneRule,
    location: locationRule,
    skills: skillRule(canonicalise),
    companies: entityRule,
    titles: entityRule,
    degrees: entityRule,
    institutions: entityRule,
    graduationYears: yearRule,
  };
}

const DEFAULT_RULES = rules(canonicalSkill);

export interface ScoreOptions {
  /** Default: the project taxonomy's canonicalSkill. */
  canonicalSkill?: SkillCanonicaliser;
}

function goldValues(gold: GoldFields, field: Field): string[] {
  const value = gold[field];
  if (value === null) return [];
  return typeof value === 'string' ? [value] : value;
}

/** Scores one resume's prediction against its gold, field by field; unlabelled fields are left out. */
export function scoreRecord(gold: GoldFields, predicted: PredictedFields, options: ScoreOptions = {}): RecordScore {
  const fieldRules = options.canonicalSkill === undefined ? DEFAULT_RULES : rules(options.canonicalSkill);
  const score: RecordScore = {};
  for (const field of FIELDS) {
    const outcome = scoreField(fieldRules[field], goldValues(gold, field), predicted[field]);
    if (outcome !== null) score[field] = outcome;
  }
  return score;
}

function scoreField(rule: FieldRule, goldRaw: string[], predictedRaw: string[][]): FieldOutcome | null {
  const gold = dedupe(goldRaw.map((v) => rule.prepare(v)).filter((c) => c !== null), (c) => c.key);
  if (gold.length === 0) return null;
  const predicted = dedupe(
    predictedRaw
      .map((forms) => forms.map((v) => rule.prepare(v)).filter((c) => c !== null))
      .filter((forms) => forms.length > 0),
    (forms) => (forms[0] as Comparable).key,
  );
  const pairScore = (g: Comparable, forms: Comparable[]) => Math.max(...forms.map((p) => rule.score(g, p)));
  const label = (forms: Comparable[]) => (forms[0] as Comparable).raw;

  if (rule.single) {
    const g = gold[0] as Comparable;
    const hit = predicted.some((forms) => pairScore(g, forms) > 0);
    return {
      tp: hit ? 1 : 0,
      fp: !hit && predicted.length > 0 ? 1 : 0,
      fn: hit ? 0 : 1,
      missed: hit ? [] : [g.raw],
      unexpected: hit ? [] : predicted.map(label),
    };
  }

  const candidates = candidateIndex(predicted);
  const pairs: { score: number; g: number; p: number }[] = [];
  gold.forEach((g, gi) => {
    for (const pi of candidates(g)) {
      const s = pairScore(g, predicted[pi] as Comparable[]);
      if (s > 0) pairs.push({ score: s, g: gi, p: pi });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.g - b.g || a.p - b.p);
  const goldMatched = new Set<number>();
  const predictedMatched = new Set<number>();
  for (const { g, p } of pairs) {
    if (goldMatched.has(g) || predictedMatched.has(p)) continue;
    goldMatched.add(g);
    predictedMatched.add(p);
  }
  return {
    tp: goldMatched.size,
    fp: predicted.length - predictedMatched.size,
    fn: gold.length - goldMatched.size,
    missed: gold.filter((_, i) => !goldMatched.has(i)).map((g) => g.raw),
    unexpected: predicted.filter((_, i) => !predictedMatched.has(i)).map(label),
  };
}

/**
 * Every rule matches only values with equal keys or at least one word in common, so only those pairs need
 * scoring: a skills list of 150 against 150 would otherwise be 22,500 comparisons for one resume.
 */
function candidateIndex(predicted: Comparable[][]): (gold: Comparable) => Set<number> {
  const byKey = new Map<string, number[]>();
  const byWord = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, k: string, i: number) => {
    const list = map.get(k);
    if (list === undefined) map.set(k, [i]);
    else list.push(i);
  };
  predicted.forEach((forms, i) => {
    for (const c of forms) {
      add(byKey, c.key, i);
      for (const w of c.phrase.set) add(byWord, w, i);
    }
  });
  return (gold) => {
    const found = new Set(byKey.get(gold.key));
    for (const w of gold.phrase.set) for (const i of byWord.get(w) ?? []) found.add(i);
    return found;
  };
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface Metrics {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export function metrics({ tp, fp, fn }: Counts): Metrics {
  const ratio = (num: number, den: number) => (den === 0 ? null : num / den);
  return { precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), f1: ratio(2 * tp, 2 * tp + fp + fn) };
}

export interface FieldSummary extends Counts, Metrics {
  /** Resumes the field was labelled on, hence scored on. */
  n: number;
}

export interface ScoreSummary {
  micro: Counts & Metrics;
  fields: Record<Field, FieldSummary>;
}

/** Per-field and micro-averaged metrics over many scored resumes. */
export function summarise(scores: readonly RecordScore[]): ScoreSummary {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const fields = {} as Record<Field, FieldSummary>;
  for (const field of FIELDS) {
    const c: Counts & { n: number } = { n: 0, tp: 0, fp: 0, fn: 0 };
    for (const score of scores) {
      const outcome = score[field];
      if (outcome === undefined) continue;
      c.n++;
      c.tp += outcome.tp;
      c.fp += outcome.fp;
      c.fn += outcome.fn;
    }
    fields[field] = { ...c, ...metrics(c) };
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
  }
  return { micro: { ...total, ...metrics(total) }, fields };
}
