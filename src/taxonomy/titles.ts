/**
 * Job titles: O*NET's ~48k alternate and reported titles, keyed by title-key.ts, each pointing at one
 * occupation; plus the head nouns ("engineer", "nurse") that make an unknown phrase a title.
 */
import { loadTaxonomy } from './data.js';
import { singular, titleHead, titleWords, withoutSeniority } from './title-key.js';

export interface Occupation {
  /** O*NET-SOC code, e.g. "15-1252.00". */
  code: string;
  /** O*NET occupation title, e.g. "Software Developers". */
  title: string;
}

interface TitleIndex {
  occupations: Occupation[];
  byKey: Map<string, number>;
  heads: Set<string>;
}

let index: TitleIndex | undefined;

function titleIndex(): TitleIndex {
  if (index === undefined) {
    const file = loadTaxonomy();
    const byKey = new Map<string, number>();
    const occupations = file.occupations.map(([code, title, keys], occ) => {
      if (keys !== '') for (const key of keys.split('|')) byKey.set(key, occ);
      return { code, title };
    });
    index = { occupations, byKey, heads: new Set(file.titleHeads) };
  }
  return index;
}

/** Builds the title index now rather than on the first call. */
export function warmUpTitles(): void {
  titleIndex();
}

/** "Software Engineer, Payments" / "Developer | Analyst" / "Engineer at Acme": the pieces worth a lookup. */
const PART_SEPARATORS = /\s+[-–—|]\s+|\s*[,|/–—]\s*|\s+(?:at|@)\s+/i;

/** The occupation a job title normalises to ("Sr. Backend Engineer" → Web Developers), or null. */
export function normaliseTitle(title: string): Occupation | null {
  const idx = titleIndex();
  const parts = [title, ...title.split(PART_SEPARATORS)]
    .map((p) => titleWords(p))
    .filter((w) => w.length > 0 && w.length <= 10);
  // Exact forms of every part first; the looser head-noun fallback only when none of them is known.
  for (const words of parts) {
    const occ = exactLookup(words, idx);
    if (occ !== undefined) return { ...idx.occupations[occ]! };
  }
  for (const words of parts) {
    const occ = suffixLookup(withoutSeniority(words), idx);
    if (occ !== undefined) return { ...idx.occupations[occ]! };
  }
  return null;
}

/** "Engineer" and "Developer" name the same software roles; O*NET lists some titles under one only. */
const HEAD_SWAPS: Readonly<Record<string, readonly string[]>> = {
  engineer: ['developer'],
  developer: ['engineer'],
  programmer: ['developer'],
};

function headVariants(words: readonly string[]): string[] {
  const last = words[words.length - 1]!;
  const stem = words.slice(0, -1);
  const heads = [last, singular(last), ...(HEAD_SWAPS[last] ?? [])];
  return [...new Set(heads)].map((head) => [...stem, head].join(' '));
}

function exactLookup(words: readonly string[], idx: TitleIndex): number | undefined {
  for (const form of [words, withoutSeniority(words)]) {
    for (const key of headVariants(form)) {
      const occ = idx.byKey.get(key);
      if (occ !== undefined) return occ;
    }
  }
  return undefined;
}

/**
 * "Payments Backend Engineer" → the longest known tail, "back end engineer". A lone last word counts only
 * when it is a title head, so "Project management" does not become the title "Management".
 */
function suffixLookup(words: readonly string[], idx: TitleIndex): number | undefined {
  for (let start = words.length > 1 ? 1 : 0; start < words.length; start++) {
    if (start === words.length - 1 && !idx.heads.has(words[start]!)) break;
    const occ = exactLookup(words.slice(start), idx);
    if (occ !== undefined) return occ;
  }
  return undefined;
}

/** Words that end company names rather than titles ("Acme Inc", "The Napoli Group"). */
const ORGANISATION_ENDINGS = new Set([
  'inc',
  'llc',
  'ltd',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'plc',
  'limited',
  'pvt',
  'llp',
  'group',
  'ag',
  'bv',
  'sa',
  'pty',
]);

/** Words a sentence has and a job title does not. */
const SENTENCE_WORDS = new Set([
  'i',
  'we',
  'my',
  'our',
  'you',
  'your',
  'he',
  'she',
  'they',
  'was',
  'were',
  'is',
  'are',
  'be',
  'been',
  'will',
  'have',
  'has',
  'had',
  'worked',
  'responsible',
  'including',
  'with',
  'by',
  'from',
  'on',
  'this',
  'that',
]);

/** True when the phrase looks like a job title (it, or its head noun, is a known title). */
export function isKnownTitle(phrase: string): boolean {
  const trimmed = phrase.trim();
  if (trimmed.length === 0 || trimmed.length > 80 || /\d{3,}|@|https?:/i.test(trimmed)) return false;
  const words = titleWords(trimmed);
  if (words.length === 0 || words.length > 8) return false;
  const first = words[0]!;
  const last = words[words.length - 1]!;
  if (first === 'the' || first === 'a' || first === 'an' || ORGANISATION_ENDINGS.has(last)) return false;
  if (words.some((w) => SENTENCE_WORDS.has(w))) return false;
  const idx = titleIndex();
  if (exactLookup(words, idx) !== undefined) return true;
  const head = titleHead(words);
  if (head !== undefined && idx.heads.has(head)) return true;
  // "Secretary General", "Professor Emeritus": an adjective after the head noun.
  return words.length >= 2 && POSTPOSITIVE.has(last) && idx.heads.has(words[words.length - 2]!);
}

/** Adjectives that follow the job noun they qualify. */
const POSTPOSITIVE = new Set(['general', 'emeritus', 'elect', 'designate']);
