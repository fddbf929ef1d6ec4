import { isKnownTitle } from '../../taxonomy/index.js';
import type { Line } from './normalise.js';
import { detectHeading } from './sections.js';
import { findDegree } from './education.js';
import {
  COMPANY_SUFFIXES,
  INSTITUTION_WORDS,
  NOT_NAME_WORDS,
  REGION_CODES,
  REGION_NAMES,
  STREET_WORDS,
  TITLE_HEADS,
  TITLE_MODIFIERS,
} from './vocab.js';

/** Words of organisations and jobs, which city names do not contain. */
const ORGANISATION_WORDS = new Set([...COMPANY_SUFFIXES, ...INSTITUTION_WORDS, ...TITLE_HEADS].filter((w) => !['st', 'co', 'city'].includes(w)));

/** E-mail addresses, phone numbers, links, the candidate's name and location. */

const EMAIL_RE = /(?<![\w.%+'-])[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){1,4}[A-Za-z]{2,12}(?![\w-])/g;

export function findEmails(text: string): string[] {
  return dedupe(Array.from(text.matchAll(EMAIL_RE), (m) => m[0].replace(/\.$/, '')));
}

/**
 * Phone candidates: an optional "+" or "00", then digits with the separators phones use. Bounded length, so
 * the scan stays linear. Validation (below) rejects dates, year ranges, zip codes and long id numbers.
 */
const PHONE_RE = /(?<![\w+/.-])(?:\+|00)?\(?\d[\d\s().\u2010\u2013\u2014-]{5,22}\d(?![\w/-]|\.\d)/g;
const YEAR_RANGE_RE = /^(?:19|20)\d{2}\s*[-–—\s]\s*(?:(?:19|20)\d{2}|\d{2})$/;
const DATE_LIKE_RE = /^\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})$/;
const YEAR_RE = /^(?:19|20)\d{2}$/;

export function findPhones(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(PHONE_RE)) {
    const candidate = m[0].replace(/[\s(\-–—.]+$/, '').trim();
    if (isPhone(candidate)) found.push(candidate);
  }
  return dedupe(found, (p) => p.replace(/\D/g, ''));
}

export function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  if (YEAR_RANGE_RE.test(candidate) || DATE_LIKE_RE.test(candidate)) return false;
  const groups = candidate.split(/[^\d]+/).filter((g) => g !== '');
  // "2004 2007 2010": a list of years, not a number.
  if (groups.length > 1 && groups.some((g) => YEAR_RE.test(g)) && groups.every((g) => YEAR_RE.test(g) || g.length <= 2)) return false;
  // Without "+" or separators a phone has at least 10 digits; shorter bare runs are ids and zip codes.
  const hasSeparators = groups.length > 1 || candidate.startsWith('+');
  if (!hasSeparators && digits.length < 10) return false;
  if (/^(\d)\1+$/.test(digits)) return false;
  return true;
}

const URL_RE = /(?<![\w@/.])(?:https?:\/\/|www\.)[^\s|,;<>"'[\]{}]{3,200}/gi;
const PROFILE_RE = /(?<![\w@/.])(?:[a-z]{2,3}\.)?(?:linkedin\.com\/(?:in|pub|profile)\/|github\.com\/|gitlab\.com\/|twitter\.com\/|behance\.net\/|dribbble\.com\/|stackoverflow\.com\/users\/)[^\s|,;<>"'[\]{}]{1,120}/gi;

export function findLinks(text: string): string[] {
  const links: string[] = [];
  for (const m of text.matchAll(URL_RE)) links.push(trimUrl(m[0]));
  for (const m of text.matchAll(PROFILE_RE)) links.push(trimUrl(m[0]));
  const unique = dedupe(links.filter((l) => l.length > 6 && !l.includes('@')), (l) => l.toLowerCase().replace(/^https?:\/\//, '').replace(/\/$/, ''));
  // A bare "linkedin.com/in/x" found again inside "https://www.linkedin.com/in/x" is the same link.
  return unique.filter((l) => !unique.some((o) => o !== l && o.toLowerCase().endsWith(l.toLowerCase())));
}

function trimUrl(url: string): string {
  return url.replace(/[.,;:)\]]+$/, '');
}

function dedupe(values: string[], key: (v: string) => string = (v) => v.toLowerCase()): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const k = key(v);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Name

const NAME_LABEL_RE = /^(?:(?:full\s+)?name|candidate|applicant)\s*[:：-]\s*/i;
const NAME_PREFIX_RE = /^(?:resume|résumé|curriculum\s+vitae|cv|vita|bio[- ]?data)(?:\s+of)?\s*[:：-]?\s+/i;
/** Splits a line where contact details or decorations follow the name. */
const NAME_SPLIT_RE = /\s*(?:[|•●·■♦▪~,;:]|\s-\s|\s–\s|\s—\s|\(|\d|@|https?:|www\.)\s*/;
const NAME_TOKEN_RE = /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.(?:\p{Lu}\.)*|(?:de|da|del|der|den|van|von|la|le|di|du|bin|al|el|dos|das|y)|Mc\p{Lu}\p{Ll}+)$/u;
const PLACEHOLDER_TOKEN_RE = /^[Xx*]{2,}$/;
/** "Kumar.S": a surname with an initial glued on. */
const GLUED_INITIAL_RE = /^(\p{Lu}\p{Ll}+)\.\p{Lu}$/u;
const CREDENTIAL_RE = /^(?:ph\.?d\.?|m\.?d\.?|mba|pmp|cpa|m\.?s\.?|m\.?a\.?|b\.?s\.?|b\.?a\.?|ed\.?\s?d\.?|m\.?ed\.?|jd|j\.d\.|esq\.?|rn|csm|cfa|ccna|mcse|dr\.?|mr\.?|mrs\.?|ms\.?|miss|prof\.?|sir|eng\.?|ir\.?)$/i;

/** How many lines from the top a name may be found in, and how far past the first contact line. */
const NAME_WINDOW = 14;
const NAME_AFTER_CONTACT = 3;

export interface NameOptions {
  /** The resume's lines, from the top. */
  lines: readonly Line[];
  emails: readonly string[];
}

/**
 * The first line near the top that reads like a person's name: 1–5 capitalised tokens with no digits,
 * no heading, address, title or template words. "Name: X" labels are honoured; credentials after a comma
 * ("Jane Roe, MBA, PMP") and trailing placeholders ("Jane XXXX") are cut off. Names come before or just
 * after the contact details, so the search stops a few lines past the first e-mail or phone number.
 */
export function findName(options: NameOptions): string | null {
  const contactAt = options.lines.findIndex((l, i) => i < NAME_WINDOW && (l.text.includes('@') || findPhones(l.text).length > 0));
  const end = contactAt < 0 ? NAME_WINDOW : Math.min(NAME_WINDOW, Math.max(4, contactAt + NAME_AFTER_CONTACT));
  const window = options.lines.slice(0, end);
  const labelled = labelledName(options.lines, end);
  if (labelled !== null) return labelled;
  let single: string | null = null;
  for (let i = 0; i < window.length; i++) {
    const candidate = nameCandidate(window[i]!.text);
    if (candidate === null) continue;
    if (candidate.split(' ').length >= 2) return candidate;
    // A lone word is a name only at the very top (e.g. a surname-only heading).
    if (single === null && i <= 1) single = candidate;
  }
  return single ?? nameFromEmail(options.lines, options.emails);
}

/** "Name: Jane Roe" anywhere near the top; a bare "Name" cell followed by the value only within the window. */
function labelledName(lines: readonly Line[], window: number): string | null {
  const limit = Math.min(lines.length, 40);
  for (let i = 0; i < limit; i++) {
    const text = lines[i]!.text;
    const label = NAME_LABEL_RE.exec(text);
    if (label !== null) {
      const c = nameCandidate(text.slice(label[0].length));
      if (c !== null) return c;
      continue;
    }
    if (i < window && /^name\s*[:：]?$/i.test(text)) {
      for (let j = i + 1; j < Math.min(i + 3, lines.length); j++) {
        const next = lines[j]!.text.replace(/^[:：]\s*/, '');
        if (next === '') continue;
        const c = nameCandidate(next);
        if (c !== null && c.includes(' ')) return c;
      }
    }
  }
  return null;
}

/** The cleaned name in a line, or null when the line is not a name. */
export function nameCandidate(text: string): string | null {
  let line = text.trim().replace(NAME_LABEL_RE, '').replace(NAME_PREFIX_RE, '');
  if (line === '' || detectHeading(line) !== null) return null;
  const degree = findDegree(line);
  if (degree !== null && degree.index === 0) return null;
  const [head = '', ...tail] = line.split(NAME_SPLIT_RE);
  line = head.trim();
  const digitsFollow = tail.length > 0 && /\d/.test(text.slice(line.length));
  let tokens = line.split(/\s+/).filter((t) => t !== '');
  // "Jane Roe. Smith": a full stop after a word (not an initial) ends the name.
  const stop = tokens.findIndex((t) => /^\p{L}{2,}\.$/u.test(t) && !CREDENTIAL_RE.test(t));
  if (stop >= 1 && stop < tokens.length - 1) tokens = tokens.slice(0, stop + 1).map((t, i) => (i === stop ? t.slice(0, -1) : t));
  tokens = tokens.map((t) => GLUED_INITIAL_RE.exec(t)?.[1] ?? t);
  // Placeholders and credentials trail names: "Jane XXXX", "John Roe MBA".
  while (tokens.length > 1 && (PLACEHOLDER_TOKEN_RE.test(tokens.at(-1)!) || CREDENTIAL_RE.test(tokens.at(-1)!))) tokens.pop();
  while (tokens.length > 1 && /^(?:dr|mr|mrs|ms|miss|prof|sir)\.?$/i.test(tokens[0]!)) tokens.shift();
  if (tokens.some((t) => NOT_NAME_WORDS.has(t.toLowerCase()))) return null;
  // A street word after the name ends it ("Jane Roe Road") unless an address number follows (a building).
  const cut = tokens.findIndex((t, i) => i > 0 && STREET_WORDS.has(t.toLowerCase()));
  if (cut > 0) {
    if (digitsFollow) return null;
    tokens = tokens.slice(0, cut);
  }
  if (tokens.length > 1 && isKnownTitle(tokens.join(' '))) return null;
  tokens = dropTrailingTitle(tokens);
  tokens = dropTrailingShout(tokens);
  if (tokens.length === 0 || tokens.length > 5) return null;
  if (!tokens.every((t) => NAME_TOKEN_RE.test(t))) return null;
  if (!/\p{Lu}/u.test(tokens[0]!)) return null;
  if (tokens.some((t) => PLACEHOLDER_TOKEN_RE.test(t))) return null;
  if (tokens.every((t) => /^\p{Lu}\.?$/u.test(t))) return null; // "N A M E"
  const first = tokens[0]!.toLowerCase();
  if (TITLE_HEADS.has(first) || TITLE_MODIFIERS.has(first)) return null;
  const name = tokens.join(' ');
  if (name.length < 3 || name.length > 60) return null;
  if (tokens.length === 1 && /\./.test(name)) return null;
  if (isTitleLike(tokens) || isKnownTitle(name)) return null;
  if (tokens.every((t) => REGION_CODES.has(t) || REGION_NAMES.has(t.toLowerCase()) || t.toLowerCase() === 'new')) return null;
  if (tokens.length > 1 && REGION_CODES.has(tokens.at(-1)!)) return null; // "Clayton VIC"
  return name;
}

function isTitleLike(tokens: string[]): boolean {
  return TITLE_HEADS.has(tokens.at(-1)!.toLowerCase().replace(/[.,]$/, ''));
}

/** "Jane Roe Software Engineer" → "Jane Roe": a known title after the name. Two-token lines are left alone (Cook). */
function dropTrailingTitle(tokens: string[]): string[] {
  if (tokens.length < 3 || !isTitleLike(tokens)) return tokens;
  for (let cut = 1; cut < tokens.length; cut++) {
    if (isKnownTitle(tokens.slice(cut).join(' '))) return tokens.slice(0, cut);
  }
  return tokens;
}

/** "Jane Roe PROSPER": an upper-case word after mixed-case name tokens is not part of the name. */
function dropTrailingShout(tokens: string[]): string[] {
  if (tokens.length < 3) return tokens;
  const last = tokens.at(-1)!;
  const mixed = tokens.slice(0, -1).every((t) => /^\p{Lu}\p{Ll}/u.test(t));
  return mixed && /^\p{Lu}{3,}$/u.test(last) ? tokens.slice(0, -1) : tokens;
}

/** Last resort: a line near the e-mail address that holds a name. */
function nameFromEmail(lines: readonly Line[], emails: readonly string[]): string | null {
  const email = emails[0];
  if (email === undefined) return null;
  const at = lines.findIndex((l) => l.text.includes(email));
  if (at < 0) return null;
  for (let i = Math.max(0, at - 3); i < Math.min(lines.length, at + 2); i++) {
    const c = nameCandidate(lines[i]!.text);
    if (c !== null && c.includes(' ')) return c;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Location

const LOCATION_SEGMENT_RE = /\s*(?:[|•●·■♦▪~;]|\s[-–—]\s(?!\d)|\s{2,}|\b(?:phone|tel|mobile|cell|home|work|office|email|e-mail|fax|ph)\s*[:#.]\s*)\s*/i;
const POSTCODE_RE = /\s*(?:\b\d{4,6}(?:-\d{4})?|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})\s*$/;
const PLACE_WORD_RE = /^(?:\p{Lu}[\p{L}'’.-]*|of|de|la|upon|on|the)$/u;
const LOCATION_LABEL_RE = /^(?:address|location|based in|home|residence|city|current location|lives in)\s*[:：-]?\s*/i;
const CONTACT_DETAIL_RE = /[^\s@]{1,64}@\S{1,255}|https?:\/\/\S{1,300}|www\.\S{1,300}|\+?\(?\d[\d\s().-]{6,20}\d/g;

/**
 * The candidate's location in the header block: "City, ST", "City, Region[, Country]", a city before a
 * postcode ("Chennai - 600121"), or a country on its own. Street parts and postcodes are left out.
 */
export function findLocation(lines: readonly Line[]): string | null {
  const segments = lines
    .slice(0, 25)
    .flatMap((l) => l.text.replace(CONTACT_DETAIL_RE, ' | ').split(LOCATION_SEGMENT_RE))
    .map((s) => s.replace(LOCATION_LABEL_RE, '').trim())
    .filter((s) => s !== '');
  for (const segment of segments) {
    const found = locationIn(segment);
    if (found !== null) return found;
  }
  for (const segment of segments) {
    const found = placeBeforePostcode(segment) ?? (isCountry(segment) ? segment : null);
    if (found !== null) return found;
  }
  return null;
}

/** "…, Phoenix, AZ 85006" → "Phoenix, AZ": the first city part followed by a region part. */
export function locationIn(segment: string): string | null {
  const text = segment.replace(LOCATION_LABEL_RE, '').replace(POSTCODE_RE, '').replace(/[,\s]+$/, '').trim();
  if (text === '' || /@|https?:|www\./.test(text)) return null;
  const raw = text.split(/\s*,\s*/);
  // A part that loses a postcode can only end the location: the result must be a contiguous run of the text.
  const parts = raw.map((p) => p.replace(POSTCODE_RE, '').trim());
  const whole = (i: number): boolean => parts[i] === raw[i];
  for (let i = 0; i + 1 < parts.length; i++) {
    if (!whole(i) || !isRegion(parts[i + 1]!) || !isCity(parts[i]!)) continue;
    const country = i + 2 < parts.length && whole(i + 1) && isRegion(parts[i + 2]!);
    return parts.slice(i, country ? i + 3 : i + 2).join(', ');
  }
  return null;
}

function isCity(part: string): boolean {
  const words = part.split(/\s+/);
  if (part === '' || words.length > 4 || !words.every((w) => PLACE_WORD_RE.test(w))) return false;
  if (!/^\p{Lu}/u.test(part) || /\d/.test(part)) return false;
  return !words.some((w) => STREET_WORDS.has(w.toLowerCase()) || ORGANISATION_WORDS.has(w.toLowerCase()) || NOT_NAME_WORDS.has(w.toLowerCase()));
}

/** "Chennai - 600121", "Birmingham B18 6NF". */
function placeBeforePostcode(segment: string): string | null {
  const m = /^(\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2})\s*[-–,]?\s*(?<![\p{L}\d])(?:\d{6}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$/u.exec(segment);
  return m !== null && isCity(m[1]!) ? m[1]! : null;
}

function isCountry(segment: string): boolean {
  const words = segment.split(/\s+/);
  return words.length <= 2 && /^\p{Lu}/u.test(segment) && words.every((w) => REGION_NAMES.has(w.toLowerCase())) && !REGION_CODES.has(segment);
}

function isRegion(part: string): boolean {
  const clean = part.replace(/\.$/, '');
  if (REGION_CODES.has(clean.toUpperCase()) && /^[A-Z]{2,3}$|^[A-Z][a-z]$/.test(clean)) return true;
  if (/^[A-Z]\.[A-Z]\.$/.test(part) && REGION_CODES.has(part.replace(/\./g, ''))) return true; // N.J.
  const words = clean.split(/\s+/);
  return words.length <= 3 && words.some((w) => REGION_NAMES.has(w.toLowerCase())) && words.every((w) => /^\p{Lu}/u.test(w));
}
