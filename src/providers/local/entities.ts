import { isKnownTitle } from '../../taxonomy/index.js';
import { PRESENT_WORD_RE } from './dates.js';
import { COMPANY_SUFFIXES, INSTITUTION_WORDS, STREET_WORDS, TITLE_HEADS, TITLE_MODIFIERS } from './vocab.js';

/**
 * Is this phrase a job title, an organisation, or neither? Scores rather than yes/no, so a line's parts can
 * be ranked against each other: the taxonomy's title list counts most, then the shape of the phrase (a title
 * ends in a head noun like "Manager"; an organisation ends in "Inc", "Agency", "University" or is written in
 * capitals).
 */

function words(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .split(/[\s/,()]+/)
    .map((w) => w.replace(/^[^\p{L}\d]+|[^\p{L}\d.]+$/gu, ''))
    .filter((w) => w !== '');
}

function bare(word: string): string {
  return word.replace(/\.$/, '');
}

/** "Texas Army National Guard", "U.S. Coast Guard", "Singapore Armed Forces": a service, not a guard's job. */
const ARMED_FORCES_RE = /\b(?:army|navy|air\s+force|marine\s+corps|national\s+guard|coast\s+guard|armed\s+forces|defen[cs]e\s+forces?)$/i;

export function titleScore(phrase: string): number {
  const ws = words(phrase);
  if (ws.length === 0 || ws.length > 9 || ARMED_FORCES_RE.test(phrase.trim())) return 0;
  const last = bare(ws.at(-1)!);
  let score = 0;
  if (isKnownTitle(phrase)) score += 3;
  if (TITLE_HEADS.has(last) || TITLE_HEADS.has(ws.at(-1)!)) score += 2;
  else if (ws.some((w) => TITLE_HEADS.has(bare(w))) && ws.length <= 7) score += 1.5;
  if (TITLE_MODIFIERS.has(ws[0]!)) score += 0.5;
  if (COMPANY_SUFFIXES.has(ws.at(-1)!) || COMPANY_SUFFIXES.has(last)) score -= 1.5;
  if (ws.length > 6) score -= 1;
  if (/\d/.test(phrase)) score -= 1;
  return score;
}

export function companyScore(phrase: string): number {
  const ws = words(phrase);
  if (ws.length === 0 || ws.length > 10) return 0;
  const last = ws.at(-1)!;
  let score = 0;
  if (COMPANY_SUFFIXES.has(last) || COMPANY_SUFFIXES.has(bare(last)) || ARMED_FORCES_RE.test(phrase.trim())) score += 2;
  else if (ws.some((w) => COMPANY_SUFFIXES.has(w) || COMPANY_SUFFIXES.has(bare(w)) || INSTITUTION_WORDS.has(w))) score += 1;
  const letters = phrase.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 2 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters)) score += 1;
  if (/&|'s\b|’s\b|\.com\b/i.test(phrase)) score += 0.5;
  if (/^the\s/i.test(phrase)) score += 0.5;
  if ((isKnownTitle(phrase) || TITLE_HEADS.has(bare(last))) && !ARMED_FORCES_RE.test(phrase.trim())) score -= 2;
  return score;
}

/**
 * "Finance Manager", "Assistant Professor of Higher Education", "Senior Vice-President": the phrase, or its
 * part before "of"/"for"/"to", ends in a job noun. Stricter than a title score: the taxonomy also knows
 * titles that are common nouns ("Server", "Grip"), which outside a role's header are mostly not titles.
 */
export function endsInJobNoun(title: string): boolean {
  const plain = title.replace(/\([^()]*\)/g, ' ');
  const front = plain.split(/\s+(?:of|for|in|at|to|on)\s+|\s*[,:;(]\s*|\s+[-–—]\s+/i)[0]!;
  const last = (phrase: string): string =>
    phrase.toLowerCase().split(/[\s/-]+/).filter((w) => /\p{L}/u.test(w)).at(-1)?.replace(/[^\p{L}]/gu, '') ?? '';
  return TITLE_HEADS.has(last(plain)) || TITLE_HEADS.has(last(front));
}

export function institutionRank(phrase: string): number {
  const ws = words(phrase);
  if (ws.some((w) => /^(?:university|universidad|universidade|universit[eé]|universit[aä]t|universit[aà]|universiteit|universitet)$/.test(w))) return 5;
  // "Punjab Group of Colleges" is one school; "Historically Black Colleges" are many.
  if (ws.includes('college') || /\bgroup of colleges\b/i.test(phrase) || ws.includes('polytechnic') || ws.includes('tafe')) return 4;
  if (ws.some((w) => /^(?:institute|institut|instituto|iit|iim)$/.test(w))) return 3;
  if (ws.some((w) => INSTITUTION_WORDS.has(w))) return ws.includes('school') || ws.includes('academy') ? 2 : 1;
  return 0;
}

const FUNCTION_WORDS = new Set(['of', 'and', 'the', 'for', 'in', 'at', 'on', 'de', 'du', 'la', 'le', 'y', '&', 'a', 'an', 'to']);
const NOT_ORGANISATION_RE =
  /^(?:\d+\+?\s*(?:years?|yrs?|months?)\b.*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|location|duration|period|client|project|role|team size|page \d+.*)$/i;

const PLACEHOLDER_DATE_RE = /^(?:spring|summer|fall|autumn|winter|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s.*(?:\[year\]|\b(?:19|20)xx\b)/i;
const FIELD_VALUE_RE = /^[\p{L}][\p{L}./ ]{0,24}\s*[:：]\s*\S/u;

/**
 * Could the phrase name an organisation? Names are mostly capitalised words ("Bank of America", "Acme
 * Learning Center"); a phrase with several lower-case words is a sentence fragment ("Successfully managed
 * small projects"), and durations, months and field labels are not names either.
 */
export function isOrganisationLike(phrase: string): boolean {
  const trimmed = phrase.trim();
  if (NOT_ORGANISATION_RE.test(trimmed) || PRESENT_WORD_RE.test(trimmed)) return false;
  // "Team Size : 8", "DBMS: Oracle": a field and its value, not a name.
  if (FIELD_VALUE_RE.test(phrase)) return false;
  // "Spring [year]", "May 20XX - August 20XX": a date written with a template placeholder.
  if (PLACEHOLDER_DATE_RE.test(phrase)) return false;
  const ws = trimmed.split(/\s+/);
  // "6595 Springfield Center Drive": a street address (a number, then a street word last).
  if (ws.length >= 2 && /^\d{1,6}[A-Za-z]?$/.test(ws[0]!) && STREET_WORDS.has(ws.at(-1)!.toLowerCase().replace(/,$/, ''))) return false;
  const lower = ws.filter((w) => /^\p{Ll}/u.test(w) && !FUNCTION_WORDS.has(w));
  return !(ws.length >= 3 && lower.length >= 2) && !(ws.length === 2 && lower.length === 2);
}
