import type { DegreeLevel, Education } from '../../domain/index.js';
import { degreeLengthAt, findDegree, type DegreeMatch } from './degrees.js';
import { locationIn } from './location.js';
import { findDateRanges } from './dates.js';
import { institutionRank, isOrganisationLike } from './entities.js';
import { REGION_NAMES, TITLE_HEADS } from './vocab.js';
import type { Line } from './normalise.js';

/**
 * Degrees, institutions and graduation years from education lines. A line may hold any of the three; an
 * entry is closed when a second degree (or a second institution, or a second year) arrives, which handles
 * "Degree / School / Year" and "Year / Degree, School" layouts alike.
 */

/** Where the degree phrase stops: a date, a source ("from", "at"), a separator or a parenthesis. */
const DEGREE_STOP_RE = /(?<=\p{L}{4})(?<!\bUniv)\.\s+(?=\p{Lu})|\s+(?:from|at)\s+(?=\p{Lu}|the\b)|\s+\(?[12]:[12]\b|\s*[|–—;:(]\s*|\s+-\s+|\s*,?\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?\s+)?(?:19|20)\d{2}\b|\s*,?\s*(?:expected|anticipated|graduated|gpa|cgpa|grade|class of|(?:to\s+be\s+)?(?:conferred|awarded))\b|\s+with\s+(?:an?\s+)?(?:(?:overall|cumulative)\s+)?(?:average|aggregate|percentage|score|\d)|\s+(?:r[ée]sum[ée]|cv|curriculum\s+vitae)\b/iu;

/** "a B.S. in Marketing and expertise in…": "and" before a lower-case word leaves the degree (case-sensitive). */
const PROSE_STOP_RE = /\s+and\s+(?=\p{Ll})/u;

function degreePhrase(text: string, start: number): string {
  // "B.E. (Electronics)", "BS - Behavioral Science": a field right after the abbreviation belongs to it.
  const head = /^(\S{1,12}?)\s*(\((?!\s*\d)[^()]{2,60}\)|-\s+\p{Lu}[^,;|()]{2,60})/u.exec(text.slice(start));
  // "Highers - Paisley Grammar School - 2011": a school after the dash is where, not what, was studied.
  const dashedSchool = head !== null && head[2]!.startsWith('-') && schoolRank(head[2]!) > 0;
  if (head !== null && !dashedSchool && (findDegree(head[1]!)?.index === 0 || findDegree(head[0])?.index === 0)) return head[0].trim();
  const tail = text.slice(start);
  const stop = DEGREE_STOP_RE.exec(tail.slice(1));
  const prose = PROSE_STOP_RE.exec(tail);
  const end = Math.min(stop === null ? tail.length : stop.index + 1, prose?.index ?? tail.length);
  const cut = tail.slice(0, end);
  const kept: string[] = [];
  for (const part of cut.split(/\s*,\s*/)) {
    if (part === '') continue;
    if (kept.length > 0 && (/^\p{Ll}/u.test(part) || schoolRank(part.replace(/\.$/, '')) > 0 || locationIn(`${part}, XX`) !== null || kept.length >= 2 || /\d/.test(part))) break;
    kept.push(part);
  }
  // "B.E Northfield University": the school's name ends the degree.
  const first = kept[0] ?? '';
  const school = findInstitution(first);
  if (school !== null && first.endsWith(school) && first.length > school.length) kept.splice(0, kept.length, first.slice(0, -school.length).trim());
  const after = tail.slice(end);
  const whole = kept.length === 1 && cut.trim() === kept[0];
  // "Master of Science (M.S.) in Physics": the degree's own abbreviation sits between it and its field.
  const restated = whole ? abbreviationThenField(after) : null;
  // "Bachelor of Education (Primary)": a short parenthesised field right after the degree belongs to it
  // (an acronym such as "(KCE)" only restates the degree).
  const paren = whole && restated === null ? /^\s*(\((?=[^()]*\p{Ll})[^()\d]{2,50}\))/u.exec(after) : null;
  // "Bachelor of Science - Mathematics": a field after a dash, when it names no school, place or date.
  const dashed = whole && restated === null ? dashedField(after) : null;
  if (restated !== null) kept[0] = tail.slice(0, end + restated);
  else if (paren !== null) kept[0] = `${kept[0]} ${paren[1]!}`;
  else if (dashed !== null) kept[0] = tail.slice(0, end + dashed);
  // "Masters in 2007", "PhD degree of Kenyatta University": the year or the school cut the rest away.
  const joined = kept.join(', ').replace(/\s+(?:in|of)$/, '');
  // A closing dot stays when it ends an abbreviation ("B.S.", "Ph.D."), not a sentence.
  const phrase = joined.replace(/[\s,.;:]+$/, (m) => (m.startsWith('.') && /(?:^|[\s.])\p{L}{1,4}$/u.test(joined.slice(0, -m.length)) ? '.' : ''));
  const words = phrase.split(/\s+/);
  return words.length > 12 ? words.slice(0, 12).join(' ') : phrase;
}

/** "(all Masters coursework completed)": a degree read from inside brackets ends before the bracket closes. */
function withoutStrayBracket(phrase: string): string {
  let depth = 0;
  for (let k = 0; k < phrase.length; k++) {
    if (phrase[k] === '(') depth++;
    else if (phrase[k] === ')' && --depth < 0) return phrase.slice(0, k).trimEnd();
  }
  return phrase;
}

/** The length of "(M.S.) in Physics" after a degree: its abbreviation in brackets, then "in" and the field. */
function abbreviationThenField(after: string): number | null {
  const m = /^\s*\(([^()]{2,12})\)\s+in\s+(?=\p{Lu})/u.exec(after);
  if (m === null || findDegree(m[1]!)?.index !== 0) return null;
  const field = after.slice(m[0].length);
  const stop = DEGREE_STOP_RE.exec(field);
  const end = Math.min(stop?.index ?? field.length, field.search(/,|$/));
  return end > 0 ? m[0].length + field.slice(0, end).trimEnd().length : null;
}

/** The length of " - Mathematics" after a written-out degree, or null when the dash leads to anything else. */
function dashedField(after: string): number | null {
  const m = /^\s+[-–]\s+(\p{Lu}[\p{L}&/ ]{2,50}?)\s*(?=,|\(|$|(?:19|20)\d{2}\b)/u.exec(after);
  if (m === null) return null;
  const field = m[1]!;
  if (schoolRank(field) > 0 || findDegree(field) !== null || DISTINCTION_RE.test(field)) return null;
  // "- Denver, CO": the dash leads to the place of study.
  const place = locationIn(after.slice(m[0].indexOf(field)));
  if ((place !== null && place.startsWith(field)) || !isOrganisationLike(field)) return null;
  return m[0].trimEnd().length;
}

/**
 * Where a line names a degree: from the degree to the end of its phrase ("B.S. in Computer Science"), or
 * null. A field of study named there is what was studied, not a skill.
 */
export function degreeSpan(line: string): [number, number] | null {
  const degree = findDegree(line);
  return degree === null ? null : [degree.index, degree.index + degreePhrase(line, degree.index).length];
}

const GENERIC_FIELDS = /^(?:science|sciences|arts|art|engineering|education|laws?|commerce|technology|business administration|fine arts|philosophy|medicine|letters)$/i;

/** The field of study inside a degree phrase: "B.Sc. in Computer Science" → "Computer Science". */
export function fieldOf(degree: string, matchEnd: number): string | null {
  const lastIn = /\sin\s+([^,]+)$/i.exec(degree);
  const parenthesised = /^\S+\s*\(([^()]+)\)$/.exec(degree);
  const dashed = /\s[-–]\s+([^-–,]+)$/.exec(degree); // "Bachelor of Arts - English"
  let field: string;
  if (parenthesised !== null) field = parenthesised[1]!;
  else if (lastIn !== null) field = lastIn[1]!;
  else if (dashed !== null) field = dashed[1]!;
  else if (degree.includes(',')) field = degree.slice(degree.indexOf(',') + 1);
  else field = degree.slice(matchEnd).replace(/^\s*(?:degree\s+)?(?:of|in)?\s+/i, '');
  const clean = field.replace(/^[\s.,:-]+|[\s.,:-]+$/g, '').replace(/^(?:degree|honou?rs|hons\.?)\s+(?:in\s+)?/i, '');
  if (clean === '' || GENERIC_FIELDS.test(clean) || !/\p{Lu}/u.test(clean[0]!) || clean.split(/\s+/).length > 8) return null;
  if (/^(?:candidate|degree|honou?rs|hons\.?|program(?:me)?|student)$/i.test(clean)) return null;
  return clean;
}

/** Separators between a line's parts; "from" too, also right after a bracket ("B.E. (Mechanical) from X"). */
const INSTITUTION_SPLIT_RE = /\s*[,|–—;:()·•]\s*(?:from\s+(?:the\s+)?)?|\s+-\s+|\s+from\s+(?:the\s+)?/i;

/** The best institution name in a line: universities outrank colleges, colleges outrank schools. */
export function findInstitution(text: string): string | null {
  let best: { name: string; rank: number } | null = null;
  for (const raw of text.split(INSTITUTION_SPLIT_RE)) {
    const part = namedAfterPreposition(
      raw
        .replace(/^[\s\-–—]+/, '') // "BS(CS) - FAST National University": the dash after a bracket
        .trim()
        .replace(LEADING_DATES_RE, '') // "2008-2009 The University of X"
        .replace(/(?:\s+(?:in|since|during))?\s+(?:19|20)\d{2}\b.*$/, '') // "University of X in 2007 with …"
        .replace(/\s+degree$/i, '') // "X University Degree"
        .replace(/\s+(?:ph|tel|phone|fax|mob|mobile)\.?$/i, '') // "X University Ph: 9911 1122" (a referee's line)
        .replace(/(?<!\bUniv)\.$/, ''),
    );
    if (part === '' || part.split(/\s+/).length > 10) continue;
    if (!/^(?:\p{Lu}|the\s)/u.test(part)) continue;
    const rank = schoolRank(part);
    if (rank === 0 || !(hasCapitalisedInstitutionWord(part) || isNamedLowerCase(part))) continue;
    // "High School Diploma, Harlandale High School": a part that is a degree names a school's kind, not a
    // school. Only school-ranked parts can be, so the degree scan runs on those alone.
    // "Senior School Certificate Examination" is one too: the degree's school word is all it has.
    if (rank === 2 && degreeLengthAt(part) > 0 && schoolRank(part.slice(degreeLengthAt(part))) === 0) continue;
    const name = trimDegreeFromInstitution(part);
    if (name === null || !isSchoolName(name)) continue;
    if (best === null || rank > best.rank) best = { name, rank };
  }
  return best?.name ?? null;
}

/**
 * Schools the shared vocabulary does not rank: a state university system by its acronym ("SUNY Oneonta"), a
 * university abbreviated ("Ohio State Univ.", "Univ. of Kent"),
 * a faculty ("Faculty of Law and Economics") and a training centre ("Harbour Nursing Training Centre").
 */
const UNIVERSITY_SYSTEM_RE = /\b(?:SUNY|CUNY)\b|(?<=\p{Lu}\p{L}+\s)(?:Univ|UNIV)\b|\b(?:Univ|UNIV)\.?\s+of\s+\p{Lu}/u;
const OTHER_SCHOOL_RE = /\b(?:Faculty\s+of|Training\s+Cent(?:re|er))\b/;
/**
 * Schools named in their own language: "Université Lumière", "Universität Erlangen", "Universiteit Gent",
 * "Technische Hochschule", "Politecnico di Milano", "Universiti Teknologi Malaysia", "Faculdade de Informática",
 * "Cégep du Vieux Montréal", "École Centrale", "Escuela de Negocios", a "Gymnasium", "Lycée", Irish "Coláiste"
 * or Malaysian "SMK" (Sekolah Menengah Kebangsaan). Upper-case forms too ("ECOLE IRIS").
 */
const FOREIGN_UNIVERSITY_RE = /(?<!\p{L})(?:Universit(?:é|e|ä|ät|a|à|eit|et|at|atea|i)|Univerzit(?:et|a)|Uniwersytet|Hochschule|Fachhochschule|Politecnico|Polit[eé]cnica|Politehnica|Faculdade|Facultad|C[ée]gep|UNIVERSIT[ÉEI]|HOCHSCHULE|POLITECNICO|C[ÉE]GEP)(?!\p{L})/u;
const FOREIGN_SCHOOL_RE = /(?<!\p{L})(?:[ÉE]cole|[ÉE]COLE|Escuela|ESCUELA|Escola|ESCOLA|Gymnasium|Lyc[ée]e|Liceo|Colegio|Col[áa]iste|Sekolah|SMK)(?!\p{L})/u;

function schoolRank(part: string): number {
  const rank = institutionRank(part);
  if (rank > 0) return rank;
  if (UNIVERSITY_SYSTEM_RE.test(part) || FOREIGN_UNIVERSITY_RE.test(part)) return 5;
  if (FOREIGN_SCHOOL_RE.test(part)) return 2;
  return OTHER_SCHOOL_RE.test(part) ? 1 : 0;
}

/**
 * Where a school's name may start inside a sentence: after "at", "in" or "from", or after the "of" that
 * ties an award to its school ("PhD degree of", "(DAN) of"). Any other "of" joins things that are no
 * school ("a member of the Institute of …", "the fields of Counseling & School Psychology").
 */
const PREPOSITION_RE = /(?:^|\s)(?:at|in|from)\s+(?=(?:the\s+)?\p{Lu})|(?:^|\b(?:[Dd]egree|[Dd]iploma|[Cc]ertificate)\s+)of\s+(?=\p{Lu})/gu;

/**
 * "Spent one year at the University of Rennes" → "the University of Rennes", "Awarded a PhD Degree of
 * Kenyatta University" → "Kenyatta University": a school named inside a sentence starts after a preposition.
 * The shortest such ending that still names a school wins, so "of Rennes" does not cut the name.
 */
function namedAfterPreposition(part: string): string {
  if (isOrganisationLike(part) && !/^(?:[Dd]egree\s+)?of\s/.test(part)) return part;
  const starts = [...part.matchAll(PREPOSITION_RE)].map((m) => m.index + m[0].length).reverse();
  for (const start of starts) {
    const name = part.slice(start);
    if (schoolRank(name) > 0 && isOrganisationLike(name)) return name;
  }
  return part;
}

/**
 * A school's name has two words or more and reads as a name: "School Counselor" is a job, "University/Board"
 * a table heading, "Coordinated the online portion of the School of …" a sentence, "X University Press" a
 * publisher.
 */
function isSchoolName(name: string): boolean {
  const words = name.split(/\s+/);
  // Names in their own language: "École de technologie supérieure" keeps lower-case words, and
  // "Goethe-Gymnasium" is one hyphenated word.
  const foreign = FOREIGN_UNIVERSITY_RE.test(name) || FOREIGN_SCHOOL_RE.test(name);
  if (foreign && words.length <= 8 && (words.length >= 2 || name.includes('-'))) return true;
  return words.length >= 2 && isOrganisationLike(name) && !TITLE_HEADS.has(words.at(-1)!.toLowerCase()) && words.at(-1) !== 'Press';
}

/** Years, ranges and months that open a line before the school's name. */
const LEADING_DATES_RE = /^(?:(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?\s+)?(?:19|20)(?:\d{2}|xx)\s*(?:[-–—/]|to)?\s*)+/iu;

/** "Daffodils college of Arts": a lower-case head word still names a school when the name is capitalised. */
function isNamedLowerCase(part: string): boolean {
  const words = part.split(/\s+/);
  return words.length <= 6 && /^\p{Lu}/u.test(words[0]!) && isOrganisationLike(part) && /\b(?:college|university|institute)\b/.test(part);
}

function hasCapitalisedInstitutionWord(part: string): boolean {
  return (
    /\b(?:Universit|UNIVERSIT|Univ\b|UNIV\b|Universidad|College|COLLEGE|School|SCHOOL|Institut|INSTITUT|Academy|ACADEMY|Polytechnic|POLYTECHNIC|TAFE\b|Conservator|Seminary|IIT|IIM|SUNY|CUNY|Faculty|Training\s+Cent)/.test(part) ||
    FOREIGN_UNIVERSITY_RE.test(part) ||
    FOREIGN_SCHOOL_RE.test(part)
  );
}

/** "B.Sc. Computer Science University of X" → "University of X". */
function trimDegreeFromInstitution(part: string): string | null {
  const degree = findDegree(part);
  if (degree === null) return part;
  const at = part.search(/\b(?:The\s+)?(?:University|Universidad|College|Institute|School|Academy|Polytechnic)\b/i);
  if (at > degree.index) return withOwnWords(part, at);
  // The name first, the degree after it: "Salford College Diploma", "X College Bachelor of Arts".
  const name = part.slice(0, degree.index).trim();
  return institutionRank(name) > 0 ? name : null;
}

/** The school from its head word on, with the capitalised words before it that belong to its name ("State University"). */
function withOwnWords(part: string, at: number): string {
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
  /** The degree text is a "Major: …" line standing in until the degree itself is named. */
  provisional: boolean;
  /** The degree fills its line ("NVQ 3 in Retailing"): a qualification listed, not one mentioned in passing. */
  ownLine: boolean;
}

function emptyDraft(): Draft {
  return { degree: null, degreeLevel: null, field: null, institution: null, year: null, provisional: false, ownLine: false };
}

/** A line that is only an institution's head word, perhaps with a place or a date after it. */
const WRAPPED_HEAD_RE = /^(?:University|College|Institute|Polytechnic|Academy)\b(?!\s+of\b)(?:\s*[,(-].*|\.)?$/;

const LEVEL_LABEL_RE = /^(?:under|post)?[- ]?graduate(?:\s+(?:degrees?|studies|education|qualifications?|programs?))?\s*:?$/i;

/** "Major: Economics", "Majoring in Computer Science", "Specialization: Bio-Informatics", "Minor in Spanish". */
const MAJOR_RE = /^(?:(?:double\s+)?majors?|majoring|minors?|speciali[sz]ations?|concentrations?|emphasis|specialty)\b(?!\s+degree)\s*(?:in\b|:|-)?\s*(?=\p{L})/iu;

/** A major or minor line names the field of study of the entry it sits in, and stands in for its degree. */
function addMajor(draft: Draft, text: string, subjectAt: number): void {
  const line = text.replace(/[,;(]?\s*(?:(?:overall|cumulative|major)\s+)?(?:c?gpa|grade)\b.*$/i, '').replace(/[\s,.;:]+$/, '');
  const subject = line.slice(subjectAt).split(/[,;]\s*(?=minors?\b)/i)[0]!.trim();
  if (draft.field === null && !/^minor/i.test(line) && /^\p{Lu}/u.test(subject)) draft.field = subject;
  if (draft.degree === null) {
    draft.degree = line;
    draft.provisional = true;
  }
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
  if (year !== null && (year < 1900 || year > referenceDate.getUTCFullYear() + 8)) return undefined;
  return year;
}

/**
 * Outside an education section a degree must open its line or follow a separator, a year or its school:
 * "Jane Roe, Ph.D., reviewed the cases" names someone else's degree.
 */
function opensItem(text: string, at: number): boolean {
  const before = text.slice(0, at).trim();
  return before === '' || /[-–—|:•(]$/.test(before) || /(?:19|20)\d{2}$/.test(before) || findInstitution(before) !== null;
}

export interface EducationOptions {
  referenceDate: Date;
  /**
   * For lines outside an education section: keep only entries with both a degree and an institution, or a
   * degree that fills its line.
   */
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
    // "Ph.D." / "M.A." / "B.A." over "X University: Sociology, 1986" lines: two columns read one after the other.
    const columns = degreeColumnAt(lines, i);
    if (columns !== null) {
      flush();
      entries.push(...columns.map(([degreeLine, schoolLine]) => pairedEntry(degreeLine, schoolLine, options.referenceDate)));
      i += 2 * columns.length - 1;
      continue;
    }
    // "BS" / "Electrical Engineering, 1991": an abbreviation alone on its line takes the field below it, but
    // not a label that opens a list ("LLB" / "Subjects include:").
    const next = lines[i + 1]?.text;
    if (next !== undefined && /^\S{2,8}$/.test(text) && findDegree(text)?.index === 0 && findDegree(next) === null && /^\p{Lu}[\p{L}&\s]{2,40}(?:[,;]|$)/u.test(next)) {
      text = `${text} ${next}`;
      i++;
    }
    // "Bachelor of" / "Business Studies", "Institute of" / "Technology": a line cut after a joining word goes on.
    while (/\s(?:of|in|and|&|for)$/i.test(text) && i + 1 < lines.length && lines[i + 1]!.text.length <= 80) {
      text = `${text} ${lines[++i]!.text}`;
    }
    // "… from the Rochester Institute of" / "Technology. Concentrated in …": a school's name finishes at the
    // start of a long line, which is still read on its own.
    const ending = i + 1 < lines.length && /\sof$/.test(text) ? nameEndingAt(lines[i + 1]!.text) : null;
    if (ending !== null) text = `${text} ${ending}`;
    // "…, Michigan Technological" / "University, 2000": a school's name wrapped before its head word.
    if (i + 1 < lines.length && WRAPPED_HEAD_RE.test(lines[i + 1]!.text) && /\p{Lu}\p{L}+$/u.test(text) && findInstitution(text) === null) {
      text = `${text} ${lines[++i]!.text}`;
    }
    // "UNDERGRADUATE DEGREE", "Postgraduate:": a sub-heading over the degrees, not a degree itself.
    // "DOB: 12/09/1985": a birth date beside the degrees is no graduation year.
    if (LEVEL_LABEL_RE.test(text)) continue;
    if (BIRTH_DATE_RE.test(text)) {
      if (/[:：]$/.test(text)) i++; // "Born:" / "16. December 1978"
      continue;
    }
    const major = MAJOR_RE.exec(text);
    if (major !== null) {
      addMajor(current, text, major[0].length);
      continue;
    }
    const institution = findInstitution(text);
    const found = findDegree(text) ?? (options.strict === true ? null : unlistedAbbreviation(text, institution));
    const degree = found !== null && (options.strict !== true || opensItem(text, found.index)) ? found : null;
    const year = graduationYear(text, options.referenceDate);
    const hasContent = degree !== null || institution !== null;
    if (degree !== null && current.degree !== null && !current.provisional) flush();
    else if (institution !== null && current.institution !== null) flush();
    else if (year !== undefined && current.year !== null && !hasContent && (current.degree !== null || current.institution !== null)) flush();
    if (degree !== null && !NAMES_WORK_RE.test(text.slice(degree.index))) {
      // Outside the education section a stray bracket is kept: "Sax, U. (PhD)" names someone else's degree.
      let phrase = options.strict === true ? degreePhrase(text, degree.index) : withoutStrayBracket(degreePhrase(text, degree.index));
      current.ownLine = degree.index === 0 && isOwnLine(text.slice(phrase.length), lines[i]!, lines[i - 1]);
      // "BSc (Hons)" / "Marketing", "Diploma in Business" / "Administration": the field wrapped to the next line.
      const wrapped = lines[i + 1];
      if (text.trim().endsWith(phrase) && wrapped !== undefined && isWrappedField(wrapped)) {
        phrase = `${phrase} ${wrapped.text.trim()}`;
        i++;
      }
      current.degree = phrase;
      current.degreeLevel = degree.level;
      // An abbreviation no list names ("MFS") has no length there: all of it is the degree.
      current.field = fieldOf(phrase, degreeLengthAt(phrase) || phrase.length) ?? (current.provisional ? current.field : null);
      current.provisional = false;
    }
    const school = institution ?? (degree !== null && options.strict !== true ? acronymSchoolAfterFrom(text.slice(degree.index)) : null);
    if (school !== null && current.institution === null) {
      current.institution = institution === null ? school : withNeighbourSchool(text, institution);
      if (current.degreeLevel === null && /high school/i.test(school)) current.degreeLevel = 'high-school';
    }
    if (options.strict !== true && !hasContent && current.degree !== null && !current.provisional && current.institution === null) {
      const unmarked = unmarkedSchool(text, lines[i + 1]?.text);
      if (unmarked !== null) current.institution = unmarked;
    }
    if (year !== undefined && current.year === null && (hasContent || text.length <= 40)) current.year = year;
  }
  flush();
  const kept = options.strict === true ? entries.filter((e, i) => isKeptOutside(e, entries[i - 1], entries[i + 1])) : entries;
  return dedupe(kept.flatMap(splitDoubleDegree)).map((e) => ({
    degree: e.degree,
    degreeLevel: e.degreeLevel,
    field: e.field,
    institution: e.institution,
    graduationYear: e.year,
  }));
}

/**
 * "MFS, Lakeside Motor School": an abbreviation this parser does not list, opening a line of the education
 * section before its school, reads as a degree when it looks like one (a bachelor's or master's initial).
 * Schools' own acronyms ("MIT, Sloan School", "BYU, …", "MSU, …") and the school's initials stay out.
 */
function unlistedAbbreviation(text: string, school: string | null): DegreeMatch | null {
  const m = /^([BM][A-Z]{1,3}),\s+/.exec(text);
  if (m === null || school === null || !text.slice(m[0].length).startsWith(school)) return null;
  const token = m[1]!;
  const initials = school.split(/\s+/).map((w) => w[0]).join('');
  if (/(?:IT|U|C|I)$/.test(token) || initials.includes(token)) return null;
  return { index: 0, level: token.startsWith('M') ? 'master' : 'bachelor' };
}

/**
 * "Diploma in Electronics from NIT, Coimbatore": a degree's school named by its acronym after "from". Two to
 * six capitals, not a place ("from NY") and not an anonymised "XXXXX".
 */
function acronymSchoolAfterFrom(degreeText: string): string | null {
  const m = /\sfrom\s+(?:the\s+)?(\p{Lu}{2,6})(?=\s*(?:[,(]|$))/u.exec(degreeText);
  // A state or country code reads as the place after a town: "Springfield, NY".
  if (m === null || /^X+$/.test(m[1]!) || locationIn(`Springfield, ${m[1]!}`) !== null) return null;
  return m[1]!;
}

/** "Technology. Concentrated in …" → "Technology": one to four capitalised words closed by a stop. */
function nameEndingAt(line: string): string | null {
  return /^(\p{Lu}[\p{L}'’-]*(?:\s+(?:\p{Lu}[\p{L}'’-]*|of|and|&)){0,3})(?=[.,;:]|\s+\(|$)/u.exec(line)?.[1] ?? null;
}

/** A school below university level ("Higher Secondary School") is no part of a university's name. */
const SCHOOL_LEVEL_RE = /\b(?:high|secondary|primary|grammar|elementary|middle)\b/i;

/**
 * "The Wharton School, University of Pennsylvania", "University of Minnesota - School of Kinesiology": a
 * school and the university it belongs to, side by side, are one institution named in full, as written.
 */
function withNeighbourSchool(text: string, name: string): string {
  const parts: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(/\s*[,|;·•]\s*|\s+[-–—]\s+/g)) {
    parts.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  parts.push({ start, end: text.length });
  const at = parts.findIndex((p) => text.slice(p.start, p.end).includes(name));
  if (at < 0) return name;
  const isSchool = (k: number): boolean => {
    const part = parts[k];
    if (part === undefined) return false;
    const words = text.slice(part.start, part.end).trim();
    // "Research Assistant at the Institute of X" names a job there, not the school.
    return words.split(/\s+/).length <= 8 && !SCHOOL_LEVEL_RE.test(words) && !/\s(?:at|in|from)\s/.test(words) && findInstitution(words) === words;
  };
  const own = text.slice(parts[at]!.start, parts[at]!.end).trim();
  if (own !== name) return name;
  if (isSchool(at - 1)) return text.slice(parts[at - 1]!.start, parts[at]!.end).trim();
  if (isSchool(at + 1)) return text.slice(parts[at]!.start, parts[at + 1]!.end).trim();
  return name;
}

/**
 * A degree that opens its line and fills it: "NVQ 3 in Retailing", "Ph.D. RESUME" (a document's title after
 * it), but not the end of a sentence begun on the line above ("…while taking my" / "PhD.").
 */
function isOwnLine(rest: string, line: Line, previous: Line | undefined): boolean {
  const after = rest.replace(/^[\s.]+|[\s.]+$/g, '');
  if (after.length > 8 && !/^(?:r[ée]sum[ée]|cv|curriculum\s+vitae)\b/i.test(after)) return false;
  return line.blockStart || previous === undefined || !/\s(?:my|a|an|the|of|in|and|with|for|to|his|her|their)$/i.test(previous.text);
}

/** Words that name a subject, not a school: "Computer Science", "Business Management". */
const SUBJECT_WORD_RE = /\b(?:Science|Sciences|Studies|Engineering|Management|Administration|Education|Arts|Technology|Economics|Psychology|Law|Medicine|Nursing|Design|Honou?rs|Major|Minor)\b/i;

/**
 * "Bachelor of Arts : Business" / "UNC Asheville" / "Asheville, NC": a school without a head word, on its own
 * line under the degree, before its place or with its years ("Oxford Brookes, 2003 - 2004").
 */
function unmarkedSchool(text: string, next: string | undefined): string | null {
  const m = /^(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})(\s*,\s*(?:(?:19|20)\d{2}\b.*))?$/u.exec(text.trim());
  if (m === null) return null;
  const name = m[1]!;
  if (SUBJECT_WORD_RE.test(name) || DISTINCTION_RE.test(name) || !isOrganisationLike(name) || locationIn(name) !== null) return null;
  const placeBelow = next !== undefined && locationIn(next) === next.trim().replace(/[.,]$/, '');
  return m[2] !== undefined || placeBelow ? name : null;
}

/** A line that is a degree abbreviation and nothing else: "Ph.D.", "M.S.Ed.", "MBA". */
function isBareDegreeLine(text: string): boolean {
  const line = text.trim();
  return line.length <= 12 && findDegree(line)?.index === 0 && degreeLengthAt(line) >= line.replace(/\.$/, '').length;
}

/**
 * A table whose columns were read one after the other: a run of bare degree lines, then as many lines that
 * each name a school and no degree. Returns the degree and school lines paired in order, or null.
 */
function degreeColumnAt(lines: readonly Line[], at: number): [string, string][] | null {
  let count = 0;
  while (at + count < lines.length && isBareDegreeLine(lines[at + count]!.text)) count++;
  if (count < 2 || at + 2 * count > lines.length) return null;
  const pairs: [string, string][] = [];
  for (let k = 0; k < count; k++) {
    const school = lines[at + count + k]!.text;
    if (findDegree(school) !== null || findInstitution(school) === null) return null;
    pairs.push([lines[at + k]!.text.trim(), school]);
  }
  return pairs;
}

/** The entry a degree line and its school line make: "Stanford University: Sociology, 1986" also names the field. */
function pairedEntry(degreeLine: string, schoolLine: string, referenceDate: Date): Draft {
  const institution = findInstitution(schoolLine);
  const field =
    schoolLine
      .split(/\s*[,:;|]\s*(?![^(]*\))/)
      .map((part) => part.trim())
      .find((part) => /^\p{Lu}/u.test(part) && !part.includes(institution ?? '\u0000') && !/\d/.test(part) && !DISTINCTION_RE.test(part) && locationIn(`${part}, XX`) === null) ?? null;
  return {
    degree: degreeLine,
    degreeLevel: findDegree(degreeLine)!.level,
    field,
    institution,
    year: graduationYear(schoolLine, referenceDate) ?? null,
    provisional: false,
    ownLine: true,
  };
}

/** "Bachelor of Laws/Bachelor of Arts", "BA / MA": a double degree is two degrees from one school. */
function splitDoubleDegree(e: Draft): Draft[] {
  const parts = e.degree?.split(/\s*\/\s*/) ?? [];
  if (parts.length !== 2 || e.provisional) return [e];
  const degrees = parts.map((part) => ({ part, found: findDegree(part) }));
  if (!degrees.every(({ part, found }) => found?.index === 0 && degreePhrase(part, 0) === part)) return [e];
  return degrees.map(({ part, found }) => ({ ...e, degree: part, degreeLevel: found!.level, field: fieldOf(part, degreeLengthAt(part)) }));
}

const BIRTH_DATE_RE = /^(?:d\.?o\.?b\b|date\s+of\s+birth|birth\s*date|born\b)/i;
const DISTINCTION_RE = /\b(?:laude|honou?rs|hons|distinction|merit|class|graduated?|expected|candidate)\b/i;

/**
 * A line that only finishes the degree above it: one to three capitalised words ("Marketing", "Information
 * Technology", "Administration") that name no school, place, date, degree or heading.
 */
function isWrappedField(line: Line): boolean {
  const text = line.text.trim();
  if (line.bullet || line.blockStart || text.length > 40 || !/^\p{Lu}[\p{L}&\s]*$/u.test(text)) return false;
  const words = text.split(/\s+/);
  if (words.length > 3 || !words.every((w) => /^(?:\p{Lu}|&|and$|of$|in$)/u.test(w))) return false;
  if (DISTINCTION_RE.test(text) || findDegree(text) !== null || schoolRank(text) > 0) return false;
  return locationIn(`${text}, XX`) === null && locationIn(text) === null && !words.every((w) => REGION_NAMES.has(w.toLowerCase()));
}

const isHeld = (e: Draft): boolean => e.degree !== null && !e.provisional && isHeldDegree(e.degree);

/**
 * Outside an education section a degree counts with its school beside it, or next to one that has it: in
 * "Master of Arts, May 2015 / Bachelor of Science, May 2013 / Towson University" the school closes the list.
 */
function isSureEntry(e: Draft | undefined): boolean {
  return e !== undefined && e.institution !== null && isHeld(e);
}

/**
 * Outside an education section an entry counts when sure of itself (see isSureEntry), when its degree fills its
 * line ("NVQ 3 in Retailing" under "Qualifications", read as skills), or next to a sure entry. School-leaving
 * examinations ("GCSE Mathematics") count only with their school.
 */
function isKeptOutside(e: Draft, before: Draft | undefined, after: Draft | undefined): boolean {
  if (isSureEntry(e)) return true;
  if (!isHeld(e)) return false;
  return (e.ownLine && e.degreeLevel !== 'high-school') || isSureEntry(before) || isSureEntry(after);
}

/** "Masters Research Project", "Masters Thesis: …": work done for a degree, listed under it. */
const NAMES_WORK_RE = /^\S+\s+(?:research\s+)?(?:thesis|project|dissertation)\b/i;

/** "Masters Thesis", "PhD researcher", "Bachelor of": a degree word that names no degree held. */
const DEGREE_NOT_HELD_RE =
  /\sof$|\b(?:thesis|dissertation|project|coursework|courses?|students?|candidate|researcher|fellow|program(?:me)?s?|advisory|committee|board|levels|alumni|areas|scholarships?|awards?|grants?|prizes?)\b/i;

/** A degree phrase found outside an education section that reads as a degree someone holds. */
export function isHeldDegree(phrase: string): boolean {
  const open = phrase.split('(').length;
  return !DEGREE_NOT_HELD_RE.test(phrase) && open === phrase.split(')').length;
}

const SEEKING_RE = /\b(?:seek|seeking|looking|require|requires|required|pursuing|pursue|toward|towards)\b/i;

/**
 * Degrees the candidate states outside an education section: after the name ("Jane Roe, MBA") or in the
 * summary ("Holds a B.S. in Marketing"). Only the degree itself; sentences about wanting one are skipped.
 */
export function mentionedDegrees(lines: readonly Line[], referenceDate: Date): Education[] {
  const out: Education[] = [];
  for (const line of lines) {
    if (line.text.length > 400 || SEEKING_RE.test(line.text)) continue;
    // Sentences end at a dot after a word, not one closing an abbreviation ("B.S. in", "M. Ed. Special").
    for (const piece of line.text.split(/[,;|]\s*|(?<=\p{L}{4}|\d|\))\.\s+/u)) {
      const degree = findDegree(piece);
      if (degree === null) continue;
      const phrase = degreePhrase(piece, degree.index);
      if (phrase.split(/\s+/).length > 8 || !isHeldDegree(phrase)) continue;
      const school = schoolAfter(piece.slice(degree.index + phrase.length));
      out.push({
        degree: phrase,
        degreeLevel: degree.level,
        field: fieldOf(phrase, degreeLengthAt(phrase)),
        institution: school,
        // A year counts only in a full statement of the degree ("Masters in 2007 from X University").
        graduationYear: school === null ? null : (graduationYear(piece, referenceDate) ?? null),
      });
    }
  }
  return out;
}

/** "… from the University of X", "… at X College": the school named right after a degree in prose. */
function schoolAfter(rest: string): string | null {
  const from = /^[^.]{0,20}?\b(?:from|at)\s+(?:the\s+)?/i.exec(rest);
  return from === null ? null : findInstitution(rest.slice(from[0].length));
}

const degreeKey = (degree: string): string => degree.toLowerCase().replace(/[.'’‘\\]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Adds degrees stated elsewhere (after the name, in the summary) to the entries of the education section.
 * A restatement in other words ("a B.S. in Marketing" beside "Bachelor of Science in Marketing") is kept:
 * it is how the candidate wrote it there. The same words already present are not added twice.
 */
export function withStatedDegrees(entries: readonly Education[], stated: readonly Education[]): Education[] {
  const out = [...entries];
  const seen = new Set(entries.flatMap((e) => (e.degree === null ? [] : [degreeKey(e.degree)])));
  for (const degree of stated) {
    const key = degreeKey(degree.degree ?? '');
    if (key === '' || [...seen].some((k) => ` ${k} `.includes(` ${key} `))) continue;
    seen.add(key);
    out.push(degree);
  }
  return out;
}

/**
 * "Received a Bachelor of Science from…" restates "Bachelor of Science": one phrase holds the other. Two
 * different certificates of one level ("Certificate in Commercial Law", "Certificate of Education") are two.
 */
function restates(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  const [x, y] = [` ${degreeKey(a)} `, ` ${degreeKey(b)} `];
  return x.includes(y) || y.includes(x);
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
        (o.field === null || e.field === null || o.field.toLowerCase() === e.field.toLowerCase()) &&
        restates(o.degree, e.degree),
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
