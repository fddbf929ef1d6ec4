/**
 * Text normalisation and the similarity tests the scorer is built from. The rules themselves (which field
 * uses which test) are documented at the top of score.ts.
 */

/** Lower-case, accents folded, NFKC so full-width and ligature forms compare equal. */
function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC').toLowerCase();
}

/** Case-insensitive, whitespace collapsed: the exact-match key of names and e-mails. */
export function exactKey(s: string): string {
  return s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Digits only: "+1 (415) 555-0100" → "14155550100". */
export function digitsKey(s: string): string {
  return s.replace(/\D/g, '');
}

/**
 * Words of a phrase. Dots and apostrophes are deleted rather than split on, so abbreviations keep one
 * token ("B.Sc." → "bsc", "Bachelor's" → "bachelors", "T.J" → "tj"); every other non-alphanumeric run
 * separates tokens. `keep` lists symbols that are part of a word (skills: "c++", "c#").
 */
export function words(s: string, keep: '' | '+#' = ''): string[] {
  const separators = keep === '' ? /[^\p{L}\p{N}]+/u : /[^\p{L}\p{N}+#]+/u;
  return fold(s)
    .replace(/[.'’]/g, '')
    .split(separators)
    .filter((w) => w !== '');
}

/** Registration forms that say nothing about which organisation is meant ("Acme Pvt. Ltd." = "Acme"). */
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'pvt', 'corp', 'corporation', 'co', 'gmbh', 'plc',
]);

/**
 * Words of an organisation, title or degree: "the" dropped anywhere, legal suffixes dropped from the end
 * (repeatedly: "Pvt Ltd"), but never the last word, so "Co." alone stays a value.
 */
export function entityWords(s: string): string[] {
  const ws = words(s).filter((w) => w !== 'the');
  while (ws.length > 1 && LEGAL_SUFFIXES.has(ws[ws.length - 1] as string)) ws.pop();
  return ws;
}

/** Short function words: a phrase made only of these is never "contained" in another. */
const STOPWORDS = new Set(['a', 'an', 'and', 'at', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** A comparable phrase: its words, joined key and distinct-word set, computed once per value. */
export interface Phrase {
  key: string;
  words: readonly string[];
  set: ReadonlySet<string>;
}

export function phrase(ws: readonly string[]): Phrase {
  return { key: ws.join(' '), words: ws, set: new Set(ws) };
}

/** Sørensen–Dice coefficient of the two word sets: 2·|A∩B| / (|A| + |B|), in [0, 1]. */
export function tokenSetSimilarity(a: Phrase, b: Phrase): number {
  if (a.set.size + b.set.size === 0) return 0;
  let shared = 0;
  for (const w of a.set) if (b.set.has(w)) shared++;
  return (2 * shared) / (a.set.size + b.set.size);
}

/** `inner` occurs in `outer` as a run of whole words ("new york" in "new york city", not "york c"). */
export function containsWords(outer: Phrase, inner: Phrase): boolean {
  return inner.key !== '' && ` ${outer.key} `.includes(` ${inner.key} `);
}

/**
 * Containment that cannot be won by a trivial phrase: the contained side needs a content word and at least
 * three letters or digits, so "of" or "IT" does not match every institution that includes it.
 */
export function containsSubstantial(outer: Phrase, inner: Phrase): boolean {
  if (inner.key.replace(/ /g, '').length < 3) return false;
  if (!inner.words.some((w) => !STOPWORDS.has(w))) return false;
  return containsWords(outer, inner);
}

export const MIN_TOKEN_SET_SIMILARITY = 0.8;
/** Float slack so that a ratio of exactly 0.8 (8/10) is never lost to rounding. */
const EPSILON = 1e-9;

/** Below 1 for every inexact match, so an exact pair always wins the one-to-one matching over a reordered one. */
const INEXACT_WEIGHT = 0.99;

/**
 * Fuzzy phrase match used for organisations, titles, degrees and skills: equal keys score 1; otherwise the
 * token-set similarity (weighted just below 1), if it reaches 0.8 or one phrase contains the other
 * substantially; else 0. The score only orders competing pairs in the one-to-one matching; any score > 0
 * is a match.
 */
export function fuzzyMatchScore(a: Phrase, b: Phrase): number {
  if (a.key === '' || b.key === '') return 0;
  if (a.key === b.key) return 1;
  const similarity = tokenSetSimilarity(a, b);
  const matches =
    similarity + EPSILON >= MIN_TOKEN_SET_SIMILARITY || containsSubstantial(a, b) || containsSubstantial(b, a);
  return matches ? similarity * INEXACT_WEIGHT : 0;
}
