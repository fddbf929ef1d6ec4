import type { DegreeLevel, Education } from '../../domain/index.js';
import { locationIn } from './location.js';
import { findDateRanges } from './dates.js';
import { institutionRank } from './entities.js';
import type { Line } from './normalise.js';

/**
 * Degrees, institutions and graduation years from education lines. A line may hold any of the three; an
 * entry is closed when a second degree (or a second institution, or a second year) arrives, which handles
 * "Degree / School / Year" and "Year / Degree, School" layouts alike.
 */

interface DegreePattern {
  re: RegExp;
  level: DegreeLevel;
}

// Written-out degrees: any case.
const WORD_DEGREES: DegreePattern[] = [
  { re: /\b(?:doctor(?:ate)?\s+(?:of|in)\s+\p{L}+|doctorate|ph\.?\s?d\.?(?=\W|$)|d\.\s?phil\.?)/iu, level: 'doctorate' },
  { re: /\bmaster(?:'?s|s)?\s+(?:of|in|degree|program(?:me)?)\b|\bmasters\b|\bpost[- ]?graduate\s+degree\b/i, level: 'master' },
  { re: /\bbachelor(?:'?s|s)?\b|\bundergraduate\s+degree\b|\b(?<!post[- ]?)graduat(?:e|ion)\s+in\s+(?=\p{L})/iu, level: 'bachelor' },
  { re: /\bpost[- ]?graduat(?:e|ion)\s+(?:degree\s+)?in\s+(?=\p{L})/iu, level: 'master' },
  { re: /\bdegree\s+in\s+(?=\p{Lu})/u, level: 'other' },
  { re: /\bassociate(?:'?s)?\s+(?:of|in|degree)\b/i, level: 'associate' },
  { re: /\b(?:(?:post[- ]?graduate|higher\s+national|advanced|national)\s+)?diploma(?:do)?\b/i, level: 'diploma' },
  { re: /\b(?:graduate\s+)?certificate\s+(?:in|of)\b/i, level: 'certificate' },
  { re: /\bhigh\s+school\s+(?:diploma|certificate|graduate)\b|\b(?:higher|senior)\s+secondary(?:\s+school)?\s+(?:certificate|education|examination)\b|\bsecondary\s+school\s+certificate\b|\bG\.?E\.?D\.?\b|\bGCSEs?\b|\bA[- ]levels?\b|\bmatriculation\b|\b(?:HSC|SSC|SSLC)\b/i, level: 'high-school' },
];

// Abbreviations: exact case, optional dots, so "MS Word", "Boston, MA" and the word "as" stay out.
const ABBREVIATIONS: DegreePattern[] = [
  { re: /(?<![\w.])(?:Ph\.\s?D\.?|PhD|PHD|Ed\.\s?D\.?|ED\.D\.|EdD|Psy\.?D\.?|Pharm\.?D\.?|D\.B\.A\.|DBA|DNP|M\.D\.|J\.D\.|JD)(?![\w])/, level: 'doctorate' },
  { re: /(?<![\w.])(?:M\.?B\.?A\.?|M\.\s?Sc\.?|MSc\.?|MSC|M\.\s?Tech\.?|M\.\s?S\.(?:S\.W\.|Ed\.)?|M\.\s?A\.|M\.\s?Ed\.?|M\.ED\.|MEd|M\.?Eng\.?|M\.?Tech\.?|M\.?Phil\.?|MFA|MPA|MPH|MSW|MSN|M\.L\.S\.|MLS|LL\.?M\.?|MCA|M\.?Com\.?|MAT|MIS)(?![\w])/, level: 'master' },
  { re: /(?<![\w.])(?:B\.\s?Sc\.?|BSc\.?|BSC|B\.\s?Tech\.?|B\.\s?E\.?(?=\s*[(,]|\s+(?:in|of)\s)|BE(?=\s*\()|B\.\s?S\.(?:Ed\.|W\.)?|B\.\s?A\.|B\.?Tech\.?|B\.E\.|B\.?Eng\.?|BBA|B\.B\.A\.|B\.?Com\.?|BCA|BFA|B\.?Ed\.?|BSW|BSN|B\.Arch\.?|LL\.?B\.?|A\.B\.)(?![\w])/, level: 'bachelor' },
  { re: /(?<![\w.])(?:A\.A\.S\.|A\.A\.|A\.S\.|AAS)(?![\w])/, level: 'associate' },
];

// Bare two-letter forms count only when a field or "in"/"of" follows, or they open the line.
const BARE_ABBREVIATIONS: DegreePattern[] = [
  { re: /(?<![\w.,] ?)(?:MS|MA)(?=\.?(?:\s+(?:in|of)\s|\s*,?\s+\p{Lu}\p{Ll}|\s*\())(?!\s+(?:Word|Excel|Office|Access|Project|PowerPoint|Outlook|Visio|SQL|Dynamics|Windows|Teams|Paint|Publisher|DOS))/u, level: 'master' },
  { re: /(?<![\w.,] ?)(?:BS|BA|BE|AB)(?=\.?(?:\s+(?:in|of)\s|\s*,?\s+\p{Lu}\p{Ll}|\s*\())/u, level: 'bachelor' },
  { re: /^(?:MS|MA|BS|BA)\.?$/u, level: 'other' },
];

export interface DegreeMatch {
  index: number;
  level: DegreeLevel;
}

export function findDegree(text: string): DegreeMatch | null {
  let best: DegreeMatch | null = null;
  for (const list of [WORD_DEGREES, ABBREVIATIONS, BARE_ABBREVIATIONS]) {
    for (const { re, level } of list) {
      const m = re.exec(text);
      if (m !== null && (best === null || m.index < best.index)) {
        best = { index: m.index, level: level === 'other' && list === BARE_ABBREVIATIONS ? levelOfBare(m[0]) : level };
      }
    }
  }
  return best;
}

function levelOfBare(abbreviation: string): DegreeLevel {
  return abbreviation.startsWith('M') ? 'master' : 'bachelor';
}

/** Where the degree phrase stops: a date, a source ("from", "at"), a separator or a parenthesis. */
const DEGREE_STOP_RE = /\s+(?:from|at)\s+(?=\p{Lu}|the\b)|\s*[|–—;:(]\s*|\s+-\s+|\s*,?\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?\s+)?(?:19|20)\d{2}\b|\s*,?\s*(?:expected|anticipated|graduated|gpa|cgpa|grade|class of)\b/iu;

function degreePhrase(text: string, start: number): string {
  // "B.E. (Electronics)", "BS - Behavioral Science": a field right after the abbreviation belongs to it.
  const head = /^(\S{1,12}?)\s*(\([^()]{2,60}\)|-\s+\p{Lu}[^,;|()]{2,60})/u.exec(text.slice(start));
  if (head !== null && findDegree(head[1]!)?.index === 0) return head[0].trim();
  const tail = text.slice(start);
  const stop = DEGREE_STOP_RE.exec(tail.slice(1));
  const cut = stop === null ? tail : tail.slice(0, stop.index + 1);
  const kept: string[] = [];
  for (const part of cut.split(/\s*,\s*/)) {
    if (part === '') continue;
    if (kept.length > 0 && (institutionRank(part) > 0 || locationIn(`${part}, XX`) !== null || kept.length >= 2 || /\d/.test(part))) break;
    kept.push(part);
  }
  const phrase = kept.join(', ').replace(/[\s,.;:]+$/, (m) => (m.startsWith('.') ? '.' : ''));
  const words = phrase.split(/\s+/);
  return words.length > 12 ? words.slice(0, 12).join(' ') : phrase;
}

const GENERIC_FIELDS = /^(?:science|sciences|arts|art|engineering|education|laws?|commerce|technology|business administration|fine arts|philosophy|medicine|letters)$/i;

/** The field of study inside a degree phrase: "B.Sc. in Computer Science" → "Computer Science". */
export function fieldOf(degree: string, matchEnd: number): string | null {
  const lastIn = /\sin\s+([^,]+)$/i.exec(degree);
  const parenthesised = /^\S+\s*\(([^()]+)\)$/.exec(degree);
  let field: string;
  if (parenthesised !== null) field = parenthesised[1]!;
  else if (lastIn !== null) field = lastIn[1]!;
  else if (degree.includes(',')) field = degree.slice(degree.indexOf(',') + 1);
  else field = degree.slice(matchEnd).replace(/^\s*(?:degree\s+)?(?:of|in)?\s+/i, '');
  const clean = field.replace(/^[\s.,:-]+|[\s.,:-]+$/g, '').replace(/^(?:degree|honou?rs|hons\.?)\s+(?:in\s+)?/i, '');
  if (clean === '' || GENERIC_FIELDS.test(clean) || !/\p{Lu}/u.test(clean[0]!) || clean.split(/\s+/).length > 8) return null;
  if (/^(?:candidate|degree|honou?rs|hons\.?|program(?:me)?|student)$/i.test(clean)) return null;
  return clean;
}

const INSTITUTION_SPLIT_RE = /\s*[,|–—;:()]\s*|\s+-\s+|\s+from\s+(?:the\s+)?/i;

/** The best institution name in a line: universities outrank colleges, colleges outrank schools. */
export function findInstitution(text: string): string | null {
  let best: { name: string; rank: number } | null = null;
  for (const raw of text.split(INSTITUTION_SPLIT_RE)) {
    const part = raw.trim().replace(/\s+(?:19|20)\d{2}\b.*$/, '').replace(/\.$/, '');
    if (part === '' || part.split(/\s+/).length > 10) continue;
    if (!/^(?:\p{Lu}|the\s)/u.test(part)) continue;
    const rank = institutionRank(part);
    if (rank === 0 || !hasCapitalisedInstitutionWord(part)) continue;
    const name = trimDegreeFromInstitution(part);
    if (name === null) continue;
    if (best === null || rank > best.rank) best = { name, rank };
  }
  return best?.name ?? null;
}

function hasCapitalisedInstitutionWord(part: string): boolean {
  return /\b(?:Universit|UNIVERSIT|Universidad|College|COLLEGE|School|SCHOOL|Institut|INSTITUT|Academy|ACADEMY|Polytechnic|POLYTECHNIC|Conservator|Seminary|IIT|IIM)/.test(part);
}

/** "B.Sc. Computer Science University of X" → "University of X". */
function trimDegreeFromInstitution(part: string): string | null {
  const degree = findDegree(part);
  if (degree === null) return part;
  const at = part.search(/\b(?:The\s+)?(?:University|Universidad|College|Institute|School|Academy|Polytechnic)\b/i);
  if (at <= degree.index) return null;
  // Keep the words that belong to the institution name ("State University", "Towson University").
  const before = part.slice(0, at).trim().split(/\s+/);
  const own: string[] = [];
  for (let i = before.length - 1; i >= 0 && own.length < 3; i--) {
    const w = before[i]!;
    if (!/^\p{Lu}/u.test(w) || findDegree(w) !== null || /^(?:in|of|from|at)$/i.test(w)) break;
    own.unshift(w);
  }
  return [...own, part.slice(at)].join(' ').trim();
}

interface Draft {
  degree: string | null;
  degreeLevel: DegreeLevel | null;
  field: string | null;
  institution: string | null;
  year: number | null;
}

function emptyDraft(): Draft {
  return { degree: null, degreeLevel: null, field: null, institution: null, year: null };
}

/** The graduation year on a line: the end of a range, else the latest lone year; null if still ongoing. */
function graduationYear(text: string, referenceDate: Date): number | null | undefined {
  const ranges = findDateRanges(text, referenceDate);
  if (ranges.length === 0) return undefined;
  let year: number | null = null;
  for (const r of ranges) {
    if (r.current) return null;
    const date = r.end ?? r.start;
    if (date !== null) year = Math.max(year ?? 0, Number(date.slice(0, 4)));
  }
  if (year !== null && (year < 1940 || year > referenceDate.getUTCFullYear() + 8)) return undefined;
  return year;
}

export interface EducationOptions {
  referenceDate: Date;
  /** Keep only entries that have both a degree and an institution (for lines outside an education section). */
  strict?: boolean;
}

export function parseEducation(lines: readonly Line[], options: EducationOptions): Education[] {
  const entries: Draft[] = [];
  let current = emptyDraft();
  const flush = (): void => {
    if (current.degree !== null || current.institution !== null || current.degreeLevel !== null) entries.push(current);
    current = emptyDraft();
  };
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i]!.text;
    if (text.length > 220) continue;
    // "BS" / "Electrical Engineering, 1991": an abbreviation alone on its line takes the field below it.
    const next = lines[i + 1]?.text;
    if (next !== undefined && /^\S{2,8}$/.test(text) && findDegree(text)?.index === 0 && findDegree(next) === null && /^\p{Lu}[\p{L}&\s]{2,40}(?:[,:;]|$)/u.test(next)) {
      text = `${text} ${next}`;
      i++;
    }
    const degree = findDegree(text);
    const institution = findInstitution(text);
    const year = graduationYear(text, options.referenceDate);
    const hasContent = degree !== null || institution !== null;
    if (degree !== null && current.degree !== null) flush();
    else if (institution !== null && current.institution !== null && degree === null) flush();
    else if (year !== undefined && current.year !== null && !hasContent && (current.degree !== null || current.institution !== null)) flush();
    if (degree !== null) {
      const phrase = degreePhrase(text, degree.index);
      current.degree = phrase;
      current.degreeLevel = degree.level;
      current.field = fieldOf(phrase, matchLength(phrase));
    }
    if (institution !== null && current.institution === null) {
      current.institution = institution;
      if (current.degreeLevel === null && /high school/i.test(institution)) current.degreeLevel = 'high-school';
    }
    if (year !== undefined && current.year === null && (hasContent || text.length <= 40)) current.year = year;
  }
  flush();
  const kept = options.strict === true ? entries.filter((e) => e.degree !== null && e.institution !== null) : entries;
  return dedupe(kept).map((e) => ({
    degree: e.degree,
    degreeLevel: e.degreeLevel,
    field: e.field,
    institution: e.institution,
    graduationYear: e.year,
  }));
}

const SEEKING_RE = /\b(?:seek|seeking|looking|require|requires|required|pursuing|pursue|toward|towards)\b/i;

/**
 * Degrees the candidate states outside an education section: after the name ("Jane Roe, MBA") or in the
 * summary ("Holds a B.S. in Marketing"). Only the degree itself; sentences about wanting one are skipped.
 */
export function mentionedDegrees(lines: readonly Line[]): Education[] {
  const out: Education[] = [];
  for (const line of lines) {
    if (line.text.length > 400 || SEEKING_RE.test(line.text)) continue;
    for (const piece of line.text.split(/[,;|]\s*|\.\s+/)) {
      const degree = findDegree(piece);
      if (degree === null) continue;
      const phrase = degreePhrase(piece, degree.index);
      if (phrase.split(/\s+/).length > 8) continue;
      out.push({ degree: phrase, degreeLevel: degree.level, field: fieldOf(phrase, matchLength(phrase)), institution: null, graduationYear: null });
    }
  }
  return out;
}

function matchLength(phrase: string): number {
  for (const list of [WORD_DEGREES, ABBREVIATIONS, BARE_ABBREVIATIONS]) {
    for (const { re } of list) {
      const m = re.exec(phrase);
      if (m !== null && m.index === 0) return m[0].length;
    }
  }
  return 0;
}

/** The same degree restated in prose ("Received a Bachelor of Science from…") is one entry. */
function dedupe(entries: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const e of entries) {
    const twin = out.find(
      (o) =>
        o.degreeLevel === e.degreeLevel &&
        e.degreeLevel !== null &&
        (o.institution === null || e.institution === null || o.institution.toLowerCase() === e.institution.toLowerCase()) &&
        (o.field === null || e.field === null || o.field.toLowerCase() === e.field.toLowerCase()),
    );
    if (twin === undefined) {
      out.push(e);
      continue;
    }
    twin.institution ??= e.institution;
    twin.field ??= e.field;
    twin.year ??= e.year;
  }
  return out;
}
