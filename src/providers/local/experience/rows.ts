import { findDateRanges, type DateRange, type NumericDateOrder } from '../dates.js';
import { isOrganisationLike } from '../entities.js';
import type { Line } from '../normalise.js';
import { isSubHeading } from '../sections.js';
import { type Part, isBodyLabel, isFieldLabel, PART_SPLIT_RE, splitParts, isSentence, isTitleCase, partScore, TITLE_LABEL_RE } from './header.js';

/**
 * The rows of an experience section: each line, the date range that makes it a role's anchor (if any), and
 * whether it is short enough to be a header line. Also the roles told in sentences ("Working as X in Y").
 */

/** One line of the section, read once. */
export interface Row {
  line: Line;
  /** The date range that makes this row an anchor, if any. */
  range: DateRange | null;
  /** The row's text without the date range. */
  rest: string;
  /** Title and company read from a sentence ("Working as X in Y from 2019"), when the row is one. */
  proseParts: Part[] | null;
  /** Short, non-bullet, not prose: may hold a title or company. */
  header: boolean;
}

/**
 * Some extractions put a blank line after every line ("Intern / / ACME, INC. / / Durham, NC / / 2016"):
 * there a block break separates nothing, and reading it as the edge of a role's header would cut the
 * header to its last line.
 */
export function withoutUninformativeBlocks(lines: readonly Line[]): readonly Line[] {
  const plain = lines.filter((l) => !l.bullet);
  if (plain.length < 6 || plain.filter((l) => l.blockStart).length < plain.length * 0.7) return lines;
  return lines.map((l) => (l.blockStart ? { ...l, blockStart: false } : l));
}

/**
 * "Position:" / "Teacher of English" / "Period:" / "January 2019 – Present": a form whose columns came out
 * as lines puts each field's value on the line after its label. Each label is joined back to its value.
 */
export function withLabelledValues(lines: readonly Line[]): readonly Line[] {
  if (!lines.some((l) => isFieldLabel(l.text))) return lines;
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const value = lines[i + 1];
    if (isFieldLabel(line.text) && value !== undefined && !value.bullet && !value.blockStart && !/[:：]$/.test(value.text)) {
      out.push({ ...line, text: `${line.text.trim()} ${value.text.trim()}` });
      i++;
    } else {
      out.push(line);
    }
  }
  return out;
}

/**
 * "• 2004–2006: PRINCIPAL LEGAL OFFICER, Acme Services…": a bullet that opens with a year range and a
 * separator is a role's header, not a point of the role before.
 */
const LEADING_RANGE_RE = /^\(?(?:19|20)\d\d\s*(?:[-–—]|to)\s*(?:(?:19|20)?\d\d|present|current|date|now)\)?\s*[:\-–—,|]/i;

/** "Jane Doe, Curriculum Vitae, April 2013", "Resume – Page 2": a page's running header, dated but no role. */
const PAGE_FURNITURE_RE = /\b(?:curriculum\s+vitae|r[ée]sum[ée]|page\s+\d{1,2})\b/i;

export function annotate(line: Line, referenceDate: Date, order: NumericDateOrder): Row {
  const text = line.text;
  let range: DateRange | null = null;
  let rest = text;
  let proseParts: Part[] | null = null;
  // A long line is a paragraph unless its date sits in a short header at its front:
  // "Senior Project Manager (2001–2004) - Promoted to manage…".
  const long = text.length > 160;
  if ((!line.bullet || LEADING_RANGE_RE.test(text)) && !PAGE_FURNITURE_RE.test(text)) {
    const ranges = findDateRanges(long ? text.slice(0, 100) : text, referenceDate, order)
      .filter((r) => !long || r.index < 3 || (r.index <= 80 && isLeadingHeader(text.slice(0, r.index))))
      .filter((r) => !isLabelledTitleAside(text, r));
    const full = ranges.find((r) => r.closed || r.current);
    const candidate = full ?? (ranges.length === 1 ? ranges[0] : undefined);
    if (candidate !== undefined) {
      // The date becomes a separator: "MANAGER (8/01 to Present) Acme, Austin" → "MANAGER | Acme, Austin".
      // Other dates on the line ("Summers 20XX, 20XX, 20XX") are separators too, never names.
      const without = cleanRest(ranges.reduceRight((t, r) => t.slice(0, r.index) + ' | ' + t.slice(r.index + r.length), text));
      const restWords = without === '' ? 0 : without.replace(/\|/g, ' ').trim().split(/\s+/).length;
      const prose = proseRole(text);
      // A lone date in a sentence is a mention; one opening a line of names is a role's start, full stop or
      // not: "April 2013 Senior Software Engineer, Acme."
      const isAnchor =
        full !== undefined
          ? restWords <= 14 || candidate.index < 3 || long
          : (restWords <= 8 || endsHeaderList(text, candidate)) && (!/[.!?]$/.test(text) || (candidate.index < 3 && partScore(without) >= 1)) && !isClause(without);
      if (prose !== null) {
        range = candidate;
        proseParts = prose;
      } else if (isAnchor) {
        range = candidate;
        // A sentence after the date ("2019 – 2021. Coach. Led the team…") hides the header in front of it.
        const sentence = without.split(PART_SPLIT_RE).some(isSentence);
        rest = restWords <= 14 && !sentence ? without : leadingHeader(without);
      }
    }
  }
  return { line, range, rest, proseParts, header: range === null && isHeaderLike(line) && !isSubHeading(line.text) };
}

/**
 * "▶ Al Noor General Trading LLC – Dubai / Senior Accountant / Jan 2018 – Till Date": a glyph marking each
 * employer line, which opens its block over plain title and date lines, makes no bullet point of it.
 */
export function withMarkedHeaders(rows: Row[]): void {
  rows.forEach((row, i) => {
    const [next, after] = [rows[i + 1], rows[i + 2]];
    if (!row.line.bullet || !row.line.blockStart || row.range !== null || next === undefined || next.line.bullet) return;
    const dated = next.range !== null || (next.header && after?.range !== null && after?.line.bullet === false);
    const plain = { ...row.line, bullet: false };
    if (dated && isHeaderLike(plain) && partScore(row.line.text) > 0) rows[i] = { ...row, header: !isSubHeading(row.line.text) };
  });
}

/**
 * "Position: Customer Service Advisor (part time to 2011, full time from 2013)": dates in an aside of a
 * labelled title tell how the job changed, under the role's own date; they do not start another role.
 */
function isLabelledTitleAside(text: string, range: DateRange): boolean {
  if (!TITLE_LABEL_RE.test(text)) return false;
  const open = text.lastIndexOf('(', range.index);
  return open >= 0 && text.indexOf(')', open) >= range.index + range.length - 1 && !text.slice(open, range.index).includes(')');
}

/**
 * "• Part of the team that won / Best Overall Company in Mobile 2012": a bare year on the line that finishes
 * a bullet's sentence is something the point mentions, not the start of a role. Only a bare year: a line
 * after a bullet that dates itself to the month or season ("Acme School: Hoover, AL (Fall 2003)") is a
 * header whose bullets simply end without a full stop.
 */
export function continuesBullet(prev: Row | undefined, row: Row): boolean {
  if (prev === undefined || !prev.line.bullet || row.line.blockStart || row.range === null) return false;
  const date = row.line.text.slice(row.range.index, row.range.index + row.range.length).trim();
  return !row.range.closed && !row.range.current && /^(?:19|20)\d\d$/.test(date) && /\p{Ll}$/u.test(prev.line.text);
}

/**
 * "Field Campus, Northern State University, Oregon, IL, Spring 2019": a lone date closing a list of
 * capitalised names (parted by commas or bars) is a role's date, however many words the names take.
 */
function endsHeaderList(text: string, date: DateRange): boolean {
  // A bracketed aside may follow the date: "…, Laval, QC | Winter 2021 (Jan.–Apr.)".
  if (!/^(?:\s*\([^()]*\))?\s*$/.test(text.slice(date.index + date.length))) return false;
  const before = text.slice(0, date.index).replace(/[\s,;|(\-–—]+$/, '');
  return /[,|]/.test(before) && before.split(/\s+/).length <= 16 && !before.split(/\s*\|\s*/).some(isSentence);
}

/** "Teamcenter was used starting [2000]": words of a sentence around a lone date, not the names of a role. */
function isClause(rest: string): boolean {
  const lower = rest.split(/\s+/).filter((w) => /^\p{Ll}{2,}$/u.test(w) && !/^(?:of|and|the|for|in|at|on|to|a|an|de)$/.test(w));
  return lower.length >= 2 && splitParts(rest).every((p) => p.kind === null && !isOrganisationLike(p.text));
}

/** Up to eight words with no sentence end: the front of "Title (2001–2004) - Promoted to…". */
function isLeadingHeader(text: string): boolean {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  return words.length >= 1 && words.length <= 8 && !/[.!?;]\s/.test(text);
}

/**
 * The header at the front of a long dated line: "Aug 2011 – Aug 2012. Assistant Program Manager. Developed
 * radio playlists…" or "Senior Project Manager (2001–2004) - Promoted to manage…": the short segments
 * before the first sentence.
 */
const CAPITALS_RUN_RE = /^((?:[\p{Lu}&][\p{Lu}\d&.'-]*[,;]?\s+){2,8})(?=\p{Lu}?\p{Ll}|\()/u;

function leadingHeader(text: string): string {
  const kept: string[] = [];
  for (const piece of text.split(/\s*\|\s*|(?<=\p{L}{2})\.\s+(?=\p{Lu})|\s+[-–—]\s+/u)) {
    const segment = piece.replace(/^[\s.,;:]+|[\s.,;:]+$/g, '');
    const words = segment.split(/\s+/);
    if (words.length > 10) {
      // "SELF-EMPLOYED LEGAL PRACTITIONER principally working in…": a header in capitals runs into the prose.
      const capitals = CAPITALS_RUN_RE.exec(segment);
      if (capitals !== null) kept.push(capitals[1]!.replace(/[\s,;:]+$/, ''));
      break;
    }
    if (segment === '' || /^\p{Ll}/u.test(segment) || /^\p{Lu}\p{Ll}+ed$/u.test(words[0]!)) break;
    kept.push(segment);
  }
  return kept.join(' | ');
}

/**
 * A role told in a sentence: "Working as a Software Engineer in Acme Software Pvt Ltd, Bangalore from May
 * 2007" or "associated with Acme India as a Software Programmer since July 2009".
 */
const PROSE_ROLE_RE =
  /\bas\s+(?:an?\s+|the\s+)?(?<title>\p{Lu}[\p{L}\d/&.\- ]{2,50}?)\s+(?:in|at|with|for)\s+(?:the\s+)?(?<company>[\p{L}\d][\p{L}\d&.'\- ]{1,60}?)(?=\s*(?:[,(.]|\bfrom\b|\bsince\b|\bduring\b|\bbetween\b|$))|\b(?:with|at|in)\s+(?<company2>\p{Lu}[\p{L}\d&.'\- ]{1,60}?)\s+as\s+(?:an?\s+|the\s+)?(?<title2>[\p{L}][\p{L}/&.\- ]{2,50}?)(?=\s*(?:[,(.]|\bfrom\b|\bsince\b|\bfor\b|$))/u;

/** The sentence opens with the verb: "Working as…", "Currently working as…", "Presently I am associated…". */
const PROSE_START_RE = /^\W*(?:(?:currently|presently|previously|now|i|am|have|been|was|has)\s+){0,3}(?:work|working|worked|employed|serving|served|associated|joined|engaged)\b/i;

/**
 * A duration spent in a role, anywhere in the sentence: "5 years as Senior Accountant with Acme Ltd",
 * "1.5 years of work experience as a Lecturer in …". The duration makes it a role held, not one sought.
 */
const PROSE_TENURE_RE = /\b(?:\d{1,2}(?:\.\d)?\+?|one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+(?:years?|months?)\s+(?:of\s+)?(?:(?:professional|work|working|industry|teaching|relevant)\s+)?(?:experience\s+)?(?=as\s)/i;

export function proseRole(text: string): Part[] | null {
  const tenure = PROSE_TENURE_RE.exec(text);
  if (!PROSE_START_RE.test(text) && tenure === null) return null;
  const g = PROSE_ROLE_RE.exec(tenure === null ? text : text.slice(tenure.index + tenure[0].length))?.groups;
  if (g === undefined) return null;
  const title = (g.title ?? g.title2 ?? '').trim();
  // "… a Lecturer in the Department of Mathematics at" (the line broke): the name ends before the preposition.
  const company = (g.company ?? g.company2 ?? '').replace(/(?:\s+(?:at|in|of|for|with|and|the))+$/i, '').trim();
  if (title === '' || company === '') return null;
  return [
    { text: title, kind: 'title' },
    { text: company, kind: 'company' },
  ];
}

function cleanRest(text: string): string {
  return text
    .replace(/\(\s*\|?\s*\)|\[\s*\|?\s*\]/g, ' | ')
    .replace(/\s*\|\s*(?:\|\s*)+/g, ' | ')
    .replace(/\b(?:from|since|until|till|to|through|dates?|duration|period)\s*[:：]?\s*$/i, '')
    .replace(/^\s*(?:from|since|duration|period|dates?)\s*[:：]?\s*/i, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:|·•\-–—()[\]]+|[\s,;:|·•\-–—([]+$/g, '')
    .trim();
}

function isHeaderLike(line: Line): boolean {
  // "ACME, Sometown, NY — a PR firm serving small businesses": the description after a spaced dash or hyphen
  // does not count.
  const text = line.text.split(/\s+[—–|-]\s+/)[0]!;
  if (line.bullet || text.length > 100 || PAGE_FURNITURE_RE.test(text)) return false;
  // A bracketed aside does not make the line longer: "Bookkeeper (part-time, 20 hrs/wk) at Feld & Marsh, RI".
  const words = text.replace(/\s*\([^()]*\)/g, '').split(/\s+/);
  const wordCount = words.length;
  // "Supply Sergeant, HHC, 1st Battalion, 325th Airborne Infantry Regiment, Fort Bragg, NC": a longer line
  // is still a header when it is nothing but a few capitalised names: not a list ("C#, ASP.NET, PHP, C++, …"),
  // nor one a label introduces ("Clients: …").
  if (wordCount > 10 && (wordCount > 16 || !isTitleCase(words) || text.includes(':') || text.split(',').length > 6)) return false;
  // Sentences open with a verb: "Managed the …", "Developing new …". A capital after it makes a name
  // instead: "Marketing Director, …", "Shelving Clerk, …".
  if (wordCount >= 4 && /^\p{Lu}\p{Ll}+(?:ed|ing)$/u.test(words[0]!) && !/^\p{Lu}/u.test(words[1]!) && !/^(?:United|Limited|Red|Bing|King|Sterling|Reading|Ming|Wing)$/.test(words[0]!)) return false;
  // A name may hold a few small words too: "U.S. District Court for the District of Minnesota".
  if (wordCount >= 6 && words.filter((w) => /^(?:the|and|with|for|to|of|in|on|by|a|an|from|as|that|which|were|was|is|are)$/.test(w)).length >= 3 && !isTitleCase(words)) return false;
  if (/^[\p{Ll}]/u.test(text) && !/^(?:e|i)[A-Z]/.test(text)) return false;
  // A full stop ends sentences, but also a header whose extraction kept one: "Systems Designer, Acme Media Lab."
  if (/[.!?]$/.test(text) && !/\b(?:inc|ltd|co|corp|llc|jr|sr|st|[A-Z])\.$/i.test(text) && wordCount > 8 && !isTitleCase(words)) return false;
  return !isBodyLabel(text);
}

