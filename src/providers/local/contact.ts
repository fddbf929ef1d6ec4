/** E-mail addresses, phone numbers and profile links, as written. */

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
