import type { Line } from './normalise.js';
import { detectHeading } from './sections.js';
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
const POSTCODE_RE = /\s*(?:\b\d{4,6}(?:-\d{4})?|\b\d{2,4}[xX]{1,3}|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Za-z]{2})\s*$/;
const PLACE_WORD_RE = /^(?:\p{Lu}[\p{L}'’.-]*|of|de|la|upon|on|the)$/u;
const LOCATION_LABEL_RE = /^(?:address|location|based in|home|residence|city|current location|lives in)\s*[:：-]?\s*/i;
const CONTACT_DETAIL_RE = /[^\s@]{1,64}@\S{1,255}|https?:\/\/\S{1,300}|www\.\S{1,300}|(?<!\bbox\s{0,3}|\d)\+?\(?\d[\d\s().-]{6,20}\d/gi;
/** The same, without the global flag, to test a line (a global regex's test() carries on from its last match). */
const HAS_CONTACT_DETAIL_RE = new RegExp(CONTACT_DETAIL_RE.source, 'i');

/**
 * The candidate's location in the header block: "City, ST", "City, Region[, Country]", a city before a
 * postcode ("Chennai - 600121"), or a country on its own. Street parts and postcodes are left out.
 */
export function findLocation(lines: readonly Line[], name: string | null = null): string | null {
  const labelled = labelledPlace(lines.slice(0, 25));
  if (labelled !== null) return labelled;
  const segments = lines
    .slice(0, 25)
    .flatMap((l) => l.text.replace(CONTACT_DETAIL_RE, ' | ').split(LOCATION_SEGMENT_RE))
    .map((s) => s.replace(LOCATION_LABEL_RE, '').trim())
    .filter((s) => s !== '');
  for (const segment of segments) {
    const found = locationIn(segment) ?? cityWithStateCode(segment);
    if (found !== null) return found;
  }
  for (const segment of segments) {
    const found =
      placeBeforePostcode(segment) ?? placeAfterPostcode(segment) ?? cityWithCountry(segment) ?? placeAfterStreet(segment) ?? (isCountry(segment) ? segment : null);
    if (found !== null) return found;
  }
  return cityLine(lines.slice(0, 15), name) ?? districtAndCity(lines.slice(0, 15));
}

/** LOCATION_LABEL_RE's labels that name a place alone: an "Address:" or "Home:" holds a street and a number. */
const PLACE_LABEL_RE = /^(?:location|based in|city|current location|lives in|residence|place)\s*[:：]\s*/i;

/** "Location: Dobsonville, Soweto": a labelled place is the place, as long as it reads as place names. */
function labelledPlace(lines: readonly Line[]): string | null {
  for (const line of lines) {
    const label = PLACE_LABEL_RE.exec(line.text);
    if (label === null) continue;
    const value = line.text.slice(label[0].length).split(LOCATION_SEGMENT_RE)[0]!.replace(POSTCODE_RE, '').replace(/[\s,.]+$/, '');
    const parts = value.split(/\s*,\s*/);
    if (parts.length <= 3 && parts.every((p) => isCity(p) || isRegion(p))) return value;
  }
  return null;
}

/**
 * "Didsbury, Manchester" / "07700 900 418", "Pontcanna, Cardiff · 07823 556 190": two place names on the
 * contact line, or on a line of their own next to it, are a district and its city, even when neither is
 * known as a region.
 */
function districtAndCity(lines: readonly Line[]): string | null {
  const isContact = (line: Line | undefined): boolean => line !== undefined && HAS_CONTACT_DETAIL_RE.test(line.text);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const near = isContact(line) || isContact(lines[i - 1]) || isContact(lines[i + 1]);
    if (!near) continue;
    for (const segment of line.text.replace(CONTACT_DETAIL_RE, ' | ').split(LOCATION_SEGMENT_RE)) {
      const parts = segment.trim().split(/\s*,\s*/);
      if (parts.length === 2 && parts.every((p) => p.split(/\s+/).length <= 3 && isCity(p) && oneCase(p))) return parts.join(', ');
    }
  }
  return null;
}

/** "San Francisco", "LOS ANGELES", not "Trevor Keeling PROSPER". */
function oneCase(text: string): boolean {
  return text === text.toUpperCase() || text.split(/\s+/).every((w) => /^\p{Lu}\P{Lu}*$/u.test(w));
}

/**
 * An address written one part a line: a city alone on its line after the street ("10 Elm Street" /
 * "Edinburgh" / "EH8 9AB"), before a postcode or country, or just above the phone or e-mail line.
 */
function cityLine(lines: readonly Line[], name: string | null): string | null {
  const nameKey = name?.toLowerCase() ?? null;
  for (let i = 1; i < lines.length; i++) {
    const city = lines[i]!.text.replace(/[\s,.]+$/, '');
    if (city.split(/\s+/).length > 3 || !isCity(city) || !oneCase(city) || detectHeading(city) !== null) continue;
    if (/^(?:mail|web|site|fax|address|details)$/i.test(city) || (nameKey !== null && nameKey.includes(city.toLowerCase()))) continue;
    const before = lines[i - 1]!.text;
    const after = lines[i + 1]?.text ?? '';
    const streetBefore = before.split(/\s+/).some((w) => STREET_WORDS.has(w.toLowerCase().replace(/,$/, '')));
    const postalAfter = POSTCODE_RE.test(after) && after.replace(POSTCODE_RE, '') === '';
    const contactAfter = /@|\d{3}|^(?:phone|e-?mail|tel|mobile|cell)\b/i.test(after);
    if (streetBefore || postalAfter || isCountry(after) || contactAfter) return city;
  }
  return null;
}

/** "Nydalsveien 37, 0467 Oslo", "75019 Paris": continental addresses put the postcode first. */
function placeAfterPostcode(segment: string): string | null {
  const m = /(?:^|,\s*)\d{4,5}\s+(\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2})\s*,?$/u.exec(segment.trim());
  return m !== null && isCity(m[1]!) ? m[1]! : null;
}

/**
 * "Melbourne VIC", "Austin TX": a city and its state's code with no comma, a contact segment of its own.
 * Only here: inside other text "Java ME" or "Windows CE" read the same way.
 */
function cityWithStateCode(segment: string): string | null {
  const m = /^(\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2})\s+([A-Z]{2,3})$/u.exec(segment);
  return m !== null && REGION_CODES.has(m[2]!) && isCity(m[1]!) && oneCase(m[1]!) ? segment : null;
}

/** "Alexandria (Egypt)", "Padua (Italy)". */
function cityWithCountry(segment: string): string | null {
  const m = /(?:^|,\s*)(\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2})\s*\((\p{Lu}[\p{L}\s]{2,30})\)$/u.exec(segment.trim());
  return m !== null && isCity(m[1]!) && isCountry(m[2]!) ? `${m[1]!} (${m[2]!})` : null;
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
    if (!whole(i) || !isRegion(parts[i + 1]!)) continue;
    // "Acme, New York, NY": a state code after a state's name makes that name the city.
    if (i + 2 < parts.length && whole(i + 1) && isCity(parts[i + 1]!) && /^[A-Z]{2}$/.test(parts[i + 2]!) && parts[i + 2] !== 'UK' && REGION_CODES.has(parts[i + 2]!)) continue;
    const city = isCity(parts[i]!) ? parts[i]! : cityAfterStreet(parts[i]!);
    if (city === null) continue;
    const country = i + 2 < parts.length && whole(i + 1) && isRegion(parts[i + 2]!);
    return [city, ...parts.slice(i + 1, country ? i + 3 : i + 2)].join(', ');
  }
  // "Rowville VIC 3178": a state code after the city without a comma, then a postcode.
  const last = /^(.+?)\s+([A-Z]{2,3})$/.exec(parts.at(-1)!);
  if (last !== null && REGION_CODES.has(last[2]!) && (isCity(last[1]!) || cityAfterStreet(last[1]!) !== null) && POSTCODE_RE.test(segment)) {
    return `${isCity(last[1]!) ? last[1]! : cityAfterStreet(last[1]!)!} ${last[2]!}`;
  }
  return null;
}

function isCity(part: string): boolean {
  const words = part.split(/\s+/);
  if (part === '' || words.length > 4 || !words.every((w) => PLACE_WORD_RE.test(w))) return false;
  if (!/^\p{Lu}/u.test(part) || /\d/.test(part)) return false;
  // "ENGIE UK", "Acme USA": a name that ends in a country's or state's code is a branch, not a city.
  if (words.slice(1).some((w) => /^[A-Z]{2,3}$/.test(w) && REGION_CODES.has(w))) return false;
  return !words.some(
    (w, i) => STREET_WORDS.has(w.toLowerCase()) || ORGANISATION_WORDS.has(w.toLowerCase()) || (NOT_NAME_WORDS.has(w.toLowerCase()) && !(i > 0 && /^city$/i.test(w))),
  );
}

/** "2501 N. Blackwelder Ave. #466 Oklahoma City" → "Oklahoma City": the place after the street address. */
function cityAfterStreet(part: string): string | null {
  const words = part.split(/\s+/);
  let start = words.length;
  while (start > 0 && start > words.length - 3 && /^\p{Lu}[\p{L}'’-]*$/u.test(words[start - 1]!) && !STREET_WORDS.has(words[start - 1]!.toLowerCase())) start--;
  if (start === 0 || start === words.length || !/\d|^#|\.$/.test(words[start - 1]!)) return null;
  const city = words.slice(start).join(' ');
  return isCity(city) ? city : null;
}

/**
 * "12 Adeola Odeku Street, Victoria Island, Lagos", "P.O. Box 2045 – 20100, Nakuru", "Bristol, BS6": the
 * place named after a street address or a post box (one or two parts: a district and its city), or before
 * the outward half of a British postcode.
 */
function placeAfterStreet(segment: string): string | null {
  const parts = segment.replace(/[\s,.]+$/, '').split(/\s*,\s*/);
  if (parts.length === 2 && OUTWARD_POSTCODE_RE.test(parts[1]!) && isCity(parts[0]!)) return parts[0]!;
  const street = parts.findLastIndex((p) => /^\d+\s+\p{L}/u.test(p) || p.split(/\s+/).some((w) => STREET_WORDS.has(w.toLowerCase())));
  if (street < 0 || street === parts.length - 1) return null;
  const place = parts.slice(street + 1).slice(-2);
  return place.every(isCity) ? place.join(', ') : null;
}

const OUTWARD_POSTCODE_RE = /^[A-Z]{1,2}\d[A-Z\d]?$/;

/** "Chennai - 600121", "Birmingham B18 6NF". */
function placeBeforePostcode(segment: string): string | null {
  const tail = segment.replace(/[\s,.]+$/, '').split(/\s*,\s*/);
  if (tail.length >= 2 && /^\d{4}$/.test(tail.at(-1)!) && isCity(tail.at(-2)!)) return tail.at(-2)!;
  segment = tail.at(-1)!;
  const m = /^(\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2})\s*[-–,]?\s*(?<![\p{L}\d])(?:\d{6}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$/u.exec(segment);
  return m !== null && isCity(m[1]!) ? m[1]! : null;
}

export function isCountry(segment: string): boolean {
  const words = segment.split(/\s+/);
  return words.length <= 2 && /^\p{Lu}/u.test(segment) && words.every((w) => REGION_NAMES.has(w.toLowerCase())) && !REGION_CODES.has(segment);
}

function isRegion(part: string): boolean {
  const clean = part.replace(/\.$/, '');
  if (REGION_CODES.has(clean.toUpperCase()) && /^[A-Z]{2,3}$|^[A-Z][a-z]$/.test(clean)) return true;
  // "N.J.", but not the degrees written the same way ("M.A.", "B.S.").
  if (/^[A-Z]\.[A-Z]\.$/.test(part) && REGION_CODES.has(part.replace(/\./g, '')) && !DOTTED_DEGREES.has(part)) return true;
  // "Co. Cork", "County Kerry": an Irish or British county; a company writes "Co." after its name, never before.
  if (/^(?:Co\.?|County)\s+\p{Lu}\p{Ll}+$/u.test(clean)) return true;
  // "States" alone is no place name: "United States Army" is an employer.
  if (/^(?:the\s+)?United\s+States(?:\s+of\s+America)?$/i.test(clean)) return true;
  const words = clean.split(/\s+/);
  return words.length <= 3 && words.some((w) => REGION_NAMES.has(w.toLowerCase())) && words.every((w) => /^\p{Lu}/u.test(w));
}
