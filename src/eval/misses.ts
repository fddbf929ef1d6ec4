/**
 * Where the values a parser missed sit in their resumes, so that a recall figure can be read: a miss in an
 * experience line is the parser's to fix; a miss that only a referee's line, a sentence of prose or a
 * second gold entry for the same role holds is a labelling convention that no structured parse meets.
 * Pure functions; the caller supplies the resume's sections (the local parser's reading of the text).
 *
 * CLASSES (first that applies)
 *   repeats-gold   the value matches (by the scorer's fuzzy rule) another gold value of the same field that
 *                  was found: "Paralegal" beside a found "Paralegal Volunteer". The scorer pairs one to one,
 *                  so one structured value cannot earn both.
 *   not-in-text    its words do not occur in the text in that order: no grounded parser can return it.
 *   across-lines   its words occur in the text, but in no single line (wrapped or split by the layout).
 *   own-section    a line of a section where the field belongs, that is not prose (see OWN_SECTIONS).
 *   in-prose       only lines that read as sentences (PROSE_*), wherever they stand.
 *   other-section  only lines of sections where the field does not belong (references, skills, awards…).
 * A structurally correct parser can reach own-section and across-lines misses; `ceiling` is the recall it
 * would have if it found all of them and lost nothing it finds now: an upper bound, generous on purpose
 * (headers and summaries count as own sections, so a headline or a stated role is "reachable").
 */
import { containsWords, entityWords, fuzzyMatchScore, phrase, words } from './match.js';
import type { Phrase } from './match.js';

export const MISS_CLASSES = ['repeats-gold', 'not-in-text', 'across-lines', 'own-section', 'in-prose', 'other-section'] as const;
export type MissClass = (typeof MISS_CLASSES)[number];

/** The entity fields whose misses are classified: the ones a parser reads from a resume's structure. */
export const ENTITY_FIELDS = ['titles', 'companies', 'degrees', 'institutions'] as const;
export type EntityField = (typeof ENTITY_FIELDS)[number];

/** A resume's text as sections of lines; `kind` uses the local parser's section names. */
export interface TextSection {
  kind: string;
  lines: readonly string[];
}

/** Sections where each field belongs. The unheaded ones are included, since many resumes have no headings. */
const UNHEADED = ['header', 'summary', 'other', 'personal'];
const OWN_SECTIONS: Record<EntityField, ReadonlySet<string>> = {
  titles: new Set(['experience', ...UNHEADED]),
  companies: new Set(['experience', ...UNHEADED]),
  degrees: new Set(['education', ...UNHEADED]),
  institutions: new Set(['education', ...UNHEADED]),
};

/** A sentence: at least this many words, of which at least this share start in lower case. */
const PROSE_MIN_WORDS = 8;
const PROSE_LOWER_SHARE = 0.3;

export function isProse(line: string): boolean {
  const ws = line.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (ws.length < PROSE_MIN_WORDS) return false;
  const lower = ws.filter((w) => /^[^\p{L}]*\p{Ll}/u.test(w)).length;
  return lower / ws.length >= PROSE_LOWER_SHARE;
}

export interface ResumeMisses {
  /** Every gold value of the field, as labelled. */
  gold: readonly string[];
  /** The gold values the parser missed (a subset of `gold`). */
  missed: readonly string[];
}

/** Classifies one field's misses in one resume; the result is aligned with `misses.missed`. */
export function classifyMisses(field: EntityField, misses: ResumeMisses, sections: readonly TextSection[]): MissClass[] {
  if (misses.missed.length === 0) return [];
  const missedKeys = new Set(misses.missed.map((m) => entityWords(m).join(' ')));
  const found = misses.gold.map((g) => phrase(entityWords(g))).filter((p) => p.key !== '' && !missedKeys.has(p.key));
  const lines = sections.flatMap((s) => s.lines.map((text) => ({ kind: s.kind, text, phrase: phrase(words(text)) })));
  const whole = phrase(lines.flatMap((l) => l.phrase.words));
  const own = OWN_SECTIONS[field];

  return misses.missed.map((value): MissClass => {
    const p = phrase(entityWords(value));
    if (found.some((f) => f.key !== p.key && fuzzyMatchScore(f, p) > 0)) return 'repeats-gold';
    const inner: Phrase = phrase(words(value));
    if (!containsWords(whole, inner)) return 'not-in-text';
    const holding = lines.filter((l) => containsWords(l.phrase, inner));
    if (holding.length === 0) return 'across-lines';
    if (holding.some((l) => own.has(l.kind) && !isProse(l.text))) return 'own-section';
    if (holding.every((l) => isProse(l.text))) return 'in-prose';
    return 'other-section';
  });
}

export interface FieldMissSummary {
  /** Gold values scored (after the scorer's de-duplication), found and missed. */
  gold: number;
  found: number;
  classes: Record<MissClass, number>;
  /** Recall now, and the most a structurally correct parser could reach (see the module comment). */
  recall: number | null;
  ceiling: number | null;
}

/** One resume's field: `found` is the scorer's TP, `gold` its TP + FN, `classes` its misses' classes. */
export interface MissRow {
  found: number;
  gold: number;
  classes: readonly MissClass[];
}

/** Adds up one field's rows over a dataset. */
export function summariseMisses(rows: readonly MissRow[]): FieldMissSummary {
  const classes = Object.fromEntries(MISS_CLASSES.map((c) => [c, 0])) as Record<MissClass, number>;
  let gold = 0;
  let found = 0;
  for (const row of rows) {
    gold += row.gold;
    found += row.found;
    for (const c of row.classes) classes[c]++;
  }
  const reachable = classes['own-section'] + classes['across-lines'];
  return {
    gold,
    found,
    classes,
    recall: gold === 0 ? null : found / gold,
    ceiling: gold === 0 ? null : (found + reachable) / gold,
  };
}
