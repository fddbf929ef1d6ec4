import type { Line } from './normalise.js';
import {
  COMPANY_SUFFIXES,
  INSTITUTION_WORDS,
  NOT_NAME_WORDS,
  REGION_CODES,
  REGION_NAMES,
  STREET_WORDS,
  TITLE_HEADS,
} from './vocab.js';

/** Where the candidate lives: "City, ST", "City, Region[, Country]", or a city or country on its own. */

const DOTTED_DEGREES = new Set(['M.A.', 'B.A.', 'M.S.', 'B.S.', 'A.A.', 'A.S.', 'M.D.', 'J.D.']);

/** Words of organisations and jobs, which city names do not contain. */
const ORGANISATION_WORDS = new Set([...COMPANY_SUFFIXES, ...INSTITUTION_WORDS, ...TITLE_HEADS].filter((w) => !['st', 'co', 'city'].includes(w)));

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
  // "N.J.", but not the degrees written the same way ("M.A.", "B.S.").
  if (/^[A-Z]\.[A-Z]\.$/.test(part) && REGION_CODES.has(part.replace(/\./g, '')) && !DOTTED_DEGREES.has(part)) return true;
  const words = clean.split(/\s+/);
  return words.length <= 3 && words.some((w) => REGION_NAMES.has(w.toLowerCase())) && words.every((w) => /^\p{Lu}/u.test(w));
}
