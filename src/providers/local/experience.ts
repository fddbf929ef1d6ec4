import type { Experience } from '../../domain/index.js';
import { locationIn } from './location.js';
import { findDateRanges, type DateRange } from './dates.js';
import { companyScore, endsInJobNoun, isOrganisationLike, titleScore } from './entities.js';
import type { Line } from './normalise.js';
import { COMPANY_SUFFIXES, REGION_CODES, TITLE_HEADS } from './vocab.js';

/**
 * Roles from the lines of experience sections. Every role is anchored on a date range ("2019 – Present"):
 * the short, non-bullet lines next to the anchor (and the anchor line itself) are its header, where the title,
 * company and location are; the lines after the header, up to the next role, are its body. Whether headers
 * come before or after the date is decided once per section, from the first role, because a resume keeps
 * one layout throughout.
 */

interface Row {
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

type Layout = 'before' | 'after';

interface Part {
  text: string;
  kind: 'title' | 'company' | 'client' | 'location' | null;
  /** The only name on its line ("Lanternfish"), not one of a line's comma parts ("Director, Mobile"). */
  alone?: boolean;
}

const MAX_HEADER_LINES = 3;
const CITY_CODE_RE = /^\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){0,2}\s([A-Z]{2})$/u;
const MONTH_ONLY_RE = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*[-–—/]?$/i;
const COMPANY_LABEL_RE = /^(?:company|employer|organi[sz]ation|firm|agency|institution)(?:\s+name)?\s*[:：]\s*/i;
/** "Client: X" names whom a consultant served: the company only when the header names no employer. */
const CLIENT_LABEL_RE = /^(?:client|customer|end\s+client)(?:\s+name)?\s*[:：]\s*/i;
const TITLE_LABEL_RE = /^(?:position(?:\s+held)?|post|job\s+title|title|role|designation|occupation)\s*(?:[:：]|\|(?=.*\p{L}))\s*/iu;
const OTHER_LABEL_RE = /^(?:duration|period|dates?|location|place|since|from|tenure)\s*[:：]\s*/i;
/** Lines that introduce a list inside a role; never a title or company. */
const BODY_LABEL_RE = /^(?:(?:key|main|major|primary|job|roles?\s+and)\s+)?(?:responsibilities|duties|achievements|accomplishments|tasks|highlights|projects|environment|tools|technologies|skills|description|summary|clients|reference)(?:\s+(?:&\s+)?\w+){0,2}\s*[:：]?$/i;
/** "Key Responsibilities", "Projects Handled": a body label, unless it ends in a job noun ("Reference Librarian"). */
function isBodyLabel(text: string): boolean {
  if (!BODY_LABEL_RE.test(text)) return false;
  const last = text.trim().replace(/[:：]$/, '').split(/\s+/).at(-1)!.toLowerCase();
  return !TITLE_HEADS.has(last);
}
/** Department words that belong to the title before them: "Vice President, Sales". */
const DEPARTMENT_RE = /^(?:sales|marketing|operations|engineering|finance|hr|human resources|it|technology|product|research|development|administration|qa|quality|support|customer service|business development|strategy|communications|legal|compliance|procurement|logistics|design|training|education|accounting|r&d)$/i;
/**
 * Separators between a header's parts. A dash spaced on one side only ("Clearwire- Kansas City, MO") is one
 * too; a dash inside a word ("Coca-Cola", "Hewlett-Packard") is not.
 */
const PART_SPLIT_RE = /\s+(?:\||·|•|●|—|–|-{1,2}|~)\s+|\s*\|\s*|(?<=[\p{L}\d.)])[-–—]\s+(?=\p{Lu})|\s+[-–—](?=\p{Lu}\p{Ll})|\s+at\s+(?=\p{Lu})|\s+@\s+/u;

export interface ExperienceOptions {
  referenceDate: Date;
  /** Read roles without dates when the lines hold none: only for a section headed as experience. */
  undated?: boolean;
}

export function parseExperience(lines: readonly Line[], options: ExperienceOptions): Experience[] {
  const rows = withoutUninformativeBlocks(lines).map((line) => annotate(line, options.referenceDate));
  const anchors = rows.flatMap((row, i) => (row.range !== null ? [i] : []));
  if (anchors.length === 0) return options.undated === true ? undatedRoles(rows) : [];
  const layout = decideLayout(rows, anchors);
  // Roles are read in order, each claiming its header lines so the next role cannot take them again.
  const claimed = new Set<number>(anchors);
  const roles: Draft[] = [];
  const firstRow: number[] = [];
  const reserved = layout === 'before' ? reservedHeaders(rows, anchors) : new Set<number>();
  for (let k = 0; k < anchors.length; k++) {
    const a = anchors[k]!;
    const next = anchors[k + 1] ?? rows.length;
    const own = headerRows(rows, anchors, k, layout, claimed);
    const parts = [...(rows[a]!.proseParts ?? splitParts(rows[a]!.rest)), ...own.flatMap((i) => lineParts(rows[i]!.line.text))];
    // A role on a bullet of its own ("• 2004–2006: Legal Officer…") is a role of its own, not a sub-role.
    const draft = assign(parts, rows[a]!.range!, own.length === 0 && !rows[a]!.line.bullet);
    // The look-ahead must not take the next role's own "Title, Company" line from above its date.
    const taken = new Set([...claimed, ...[...reserved].filter((i) => i > a)]);
    // A title the role's lines label as one ("Position | Associate") outranks a phrase that merely reads as one.
    if (draft.title === null) draft.title = labelledTitleBelow(rows, a, next, taken);
    if (draft.title === null) fillFromWindow(draft, rows, a, next, 'title', own, taken);
    if (draft.company === null) fillFromWindow(draft, rows, a, next, 'company', own, taken);
    fillFromLeftovers(draft);
    for (const i of [...own, ...draft.usedRows]) claimed.add(i);
    roles.push(draft);
    firstRow.push(Math.min(a, ...own));
  }
  roles.forEach((draft, k) => {
    const end = firstRow[k + 1] ?? rows.length;
    for (let i = anchors[k]! + 1; i < end; i++) if (!claimed.has(i)) draft.body.push(rows[i]!);
  });
  // A date with neither title, company nor bullets is a year in a list (an award, a paper), not a role.
  return groupUnderCompanies(roles.flatMap(withUndatedSubRoles))
    .flatMap(withCoTitles)
    .flatMap(perTitle)
    .filter((e) => e.title !== null || e.company !== null || e.highlights.length > 0);
}

/** A header line that names a role on its own: "Assistant Principal, Elm Park School, Spring, TX". */
function isCompleteHeader(text: string): boolean {
  const named = splitParts(text).filter((p) => p.kind !== 'location' && p.text !== '');
  return named.length >= 2 && named.some((p) => p.kind === 'title' || titleScore(p.text) >= 1);
}

/** In a "header above the date" layout, the complete header line right above each later date is that role's. */
function reservedHeaders(rows: readonly Row[], anchors: readonly number[]): Set<number> {
  const out = new Set<number>();
  for (const a of anchors.slice(1)) {
    const above = rows[a - 1];
    if (above !== undefined && above.header && isCompleteHeader(above.line.text)) out.add(a - 1);
  }
  return out;
}

/**
 * Some extractions put a blank line after every line ("Intern / / ACME, INC. / / Durham, NC / / 2016"):
 * there a block break separates nothing, and reading it as the edge of a role's header would cut the
 * header to its last line.
 */
function withoutUninformativeBlocks(lines: readonly Line[]): readonly Line[] {
  const plain = lines.filter((l) => !l.bullet);
  if (plain.length < 6 || plain.filter((l) => l.blockStart).length < plain.length * 0.7) return lines;
  return lines.map((l) => (l.blockStart ? { ...l, blockStart: false } : l));
}

/**
 * An experience section without a single date ("Acme Tutoring, Miami, FL / English Teacher / • Taught…"):
 * each run of header lines before a role's text is a role, kept only when it names both a title and a
 * company, since without a date nothing else says it is one.
 */
function undatedRoles(rows: readonly Row[]): Experience[] {
  const out: Experience[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i]!.header || (i > 0 && rows[i - 1]!.header)) continue;
    let end = i;
    while (end < rows.length && rows[end]!.header && end - i < MAX_HEADER_LINES) end++;
    // The run must end where the role's text starts, or with the section.
    if (end - i < 2 || (end < rows.length && rows[end]!.header)) continue;
    const draft = assign(
      rows.slice(i, end).flatMap((r) => lineParts(r.line.text)),
      { start: null, end: null, current: false, closed: false, index: 0, length: 0 },
      false,
    );
    fillFromLeftovers(draft);
    // A lone word in capitals ("PROFESSIONAL") is a sub-heading, not a title.
    const subHeading = draft.title !== null && /^\p{Lu}+$/u.test(draft.title);
    if (draft.title !== null && draft.company !== null && !subHeading) out.push(toExperience(draft));
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

function annotate(line: Line, referenceDate: Date): Row {
  const text = line.text;
  let range: DateRange | null = null;
  let rest = text;
  let proseParts: Part[] | null = null;
  // A long line is a paragraph unless its date sits in a short header at its front:
  // "Senior Project Manager (2001–2004) - Promoted to manage…".
  const long = text.length > 160;
  if ((!line.bullet || LEADING_RANGE_RE.test(text)) && !PAGE_FURNITURE_RE.test(text)) {
    const ranges = findDateRanges(long ? text.slice(0, 100) : text, referenceDate).filter((r) => !long || r.index < 3 || (r.index <= 80 && isLeadingHeader(text.slice(0, r.index))));
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
  return { line, range, rest, proseParts, header: range === null && isHeaderLike(line) };
}

/**
 * "Field Campus, Northern State University, Oregon, IL, Spring 2019": a lone date closing a list of
 * capitalised names is a role's date, however many words the names take.
 */
function endsHeaderList(text: string, date: DateRange): boolean {
  if (text.slice(date.index + date.length).trim() !== '') return false;
  const before = text.slice(0, date.index).replace(/[\s,;(\-–—]+$/, '');
  return before.includes(',') && before.split(/\s+/).length <= 16 && !isSentence(before);
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

function proseRole(text: string): Part[] | null {
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

/**
 * Roles a resume states in sentences without dates ("Currently working as a Trainer in Acme Institute.",
 * "Currently employed with Acme as a Business Teacher"), added unless a dated role already names the same
 * title or company (whose missing half the sentence then fills). Only sentences that open with an
 * employment verb count: one that merely mentions a title ("worked closely with Project Managers") does not.
 */
export function withStatedRoles(roles: readonly Experience[], lines: readonly Line[]): Experience[] {
  const out = [...roles];
  const key = (s: string | null): string => (s ?? '').toLowerCase().replace(/[^\p{L}\d]+/gu, ' ').trim();
  for (const line of lines) {
    for (const sentence of line.text.split(/(?<=[.!?;])\s+/)) {
      const parts = proseRole(sentence);
      if (parts === null) continue;
      const [title, company] = [parts[0]!.text, parts[1]!.text];
      if (!isOrganisationLike(company) || titleScore(title) < 1) continue;
      // A dated role at the same company without a title (or the reverse) gets the sentence's half.
      const same = out.findIndex((e) => key(e.title) === key(title) || key(e.company) === key(company));
      if (same >= 0) {
        const role = out[same]!;
        out[same] = { ...role, title: role.title ?? title, company: role.company ?? company };
        continue;
      }
      out.push({
        title,
        company,
        location: null,
        start: null,
        end: null,
        current: /^\W*(?:currently|presently|now)\b/i.test(sentence),
        description: null,
        highlights: [],
      });
    }
  }
  return out;
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
  // "ACME, Sometown, NY — a PR firm serving small businesses": the description after a dash does not count.
  const text = line.text.split(/\s+[—–|]\s+/)[0]!;
  if (line.bullet || text.length > 100 || PAGE_FURNITURE_RE.test(text)) return false;
  const words = text.split(/\s+/);
  const wordCount = words.length;
  if (wordCount > 10) return false;
  // Sentences open with a verb: "Managed the …", "Developing new …". A capital after it makes a name
  // instead: "Marketing Director, …", "Shelving Clerk, …".
  if (wordCount >= 4 && /^\p{Lu}\p{Ll}+(?:ed|ing)$/u.test(words[0]!) && !/^\p{Lu}/u.test(words[1]!) && !/^(?:United|Limited|Red|Bing|King|Sterling|Reading|Ming|Wing)$/.test(words[0]!)) return false;
  if (wordCount >= 6 && words.filter((w) => /^(?:the|and|with|for|to|of|in|on|by|a|an|from|as|that|which|were|was|is|are)$/.test(w)).length >= 3) return false;
  if (/^[\p{Ll}]/u.test(text) && !/^(?:e|i)[A-Z]/.test(text)) return false;
  // A full stop ends sentences, but also a header whose extraction kept one: "Systems Designer, Acme Media Lab."
  if (/[.!?]$/.test(text) && !/\b(?:inc|ltd|co|corp|llc|jr|sr|st|[A-Z])\.$/i.test(text) && wordCount > 8 && !isTitleCase(words)) return false;
  return !isBodyLabel(text);
}

/** Every word capitalised but the small joining ones: a run of names, not a sentence. */
function isTitleCase(words: readonly string[]): boolean {
  return words.every((w) => /^[\p{Lu}\d&("“]/u.test(w) || /^(?:of|and|for|the|in|at|on|de|du|la|y|&|-|–|—)$/.test(w));
}

/**
 * Headers before the first date ("Company / Title / 2019 – 2021") or after it ("2019 – 2021 / Company")?
 * Header-like lines right above the first date can only belong to the first role, and a resume keeps one
 * layout throughout.
 */
/** "A. Higher Education", "2) Industry", "Teaching:": a numbered or labelled group inside the section. */
const SUB_HEADING_RE = /^(?:[A-H]|[IVX]{1,4}|\d{1,2})[.)]\s+\S|[:：]$/;

function decideLayout(rows: readonly Row[], anchors: readonly number[]): Layout {
  const first = anchors[0]!;
  const above = rows[first - 1];
  if (above === undefined || !above.header) return 'after';
  // "A. Higher Education / 2015 – present / Professor, Acme University": a sub-heading that names nothing
  // sits above the first date, and the complete header line is the one below it.
  const below = rows[first + 1];
  if (SUB_HEADING_RE.test(above.line.text) && partScore(above.line.text) <= 0 && below?.header === true && isCompleteHeader(below.line.text)) return 'after';
  return 'before';
}

function partScore(text: string): number {
  const open = splitParts(text).filter((p) => p.kind !== 'location');
  return Math.max(0, ...open.map((p) => (p.kind !== null ? 2 : Math.max(titleScore(p.text), companyScore(p.text)))));
}

function headerRows(rows: readonly Row[], anchors: readonly number[], k: number, layout: Layout, claimed: ReadonlySet<number>): number[] {
  const a = anchors[k]!;
  const prev = k > 0 ? anchors[k - 1]! : -1;
  const next = k + 1 < anchors.length ? anchors[k + 1]! : rows.length;
  if (layout === 'before') {
    const found: number[] = [];
    // "Principal, Cedar School, Houston, TX / Raised scores by 50 points. / 2007 – 2009": the date slipped
    // below the role's first line of text (a sentence or a bullet); the complete header line just above that
    // line is still its own.
    const slipped = a - 2;
    if (k > 0 && slipped > prev && !rows[a - 1]!.header && rows[slipped]!.header && !claimed.has(slipped) && isCompleteHeader(rows[slipped]!.line.text)) {
      return [slipped];
    }
    for (let j = a - 1; j > prev && found.length < MAX_HEADER_LINES; j--) {
      const row = rows[j]!;
      // "January" over "May 2011": the first half of a range split over two lines, not a header.
      if (j === a - 1 && MONTH_ONLY_RE.test(row.line.text)) continue;
      if (!row.header || claimed.has(j)) break;
      found.unshift(j);
      // A block break ends the header once it names something; a lone "City, ST" line above the date
      // does not, so the look-back goes on to the title and company above it.
      if (row.line.blockStart && !isLocationLine(row.line.text)) break;
    }
    // After the first role, the previous body may end in short lines: keep the top line only if it names
    // something, follows the previous role's bullets, or sits on a "City, ST" line ("Acme / Denver, CO / 2019").
    if (k === 0) return found;
    return found.filter(
      (j, i) =>
        i > 0 ||
        found.length === 1 ||
        partScore(rows[j]!.line.text) > 0 ||
        rows[j]!.line.blockStart ||
        rows[j - 1]?.line.bullet === true ||
        isLocationLine(rows[found[1]!]!.line.text),
    );
  }
  const found: number[] = [];
  for (let j = a + 1; j < next && found.length < MAX_HEADER_LINES; j++) {
    const row = rows[j]!;
    if (!row.header || claimed.has(j) || (row.line.blockStart && found.length > 0)) break;
    found.push(j);
  }
  // The last role's lines run into whatever follows the section: keep only what names something.
  if (k < anchors.length - 1) return found;
  const kept: number[] = [];
  for (const j of found) {
    if (partScore(rows[j]!.line.text) <= 0 && kept.length > 0) break;
    kept.push(j);
  }
  return kept;
}

/** A header line's parts: "Title, Company, City, ST" → three parts, the location kept whole. */
function splitParts(text: string): Part[] {
  if (text === '') return [];
  const labelled = labelledPart(text);
  if (labelled !== null) return [labelled];
  // "Acme L.P. (Designation: Software Intern)": the bracketed label names the title.
  const bracketed = BRACKETED_TITLE_RE.exec(text);
  if (bracketed !== null) {
    return [{ text: bracketed[1]!.trim(), kind: 'title' }, ...splitParts((text.slice(0, bracketed.index) + text.slice(bracketed.index + bracketed[0].length)).trim())];
  }
  const titled = titleColonRest(text);
  if (titled !== null) return [{ text: titled.title, kind: 'title' }, ...splitParts(titled.rest)];
  const parts: Part[] = [];
  for (const chunk of text.split(PART_SPLIT_RE)) {
    const clean = cleanValue(chunk);
    if (clean === '' || isSentence(clean)) continue;
    parts.push(...splitCommas(clean));
  }
  return parts;
}

/**
 * More than ten words is a sentence, unless commas cut it into capitalised names: "Principal, Oak Ridge
 * High School, Lake County Public Schools, Springfield, IL" is five short parts, not eleven words of prose.
 */
function isSentence(chunk: string): boolean {
  const trimmed = chunk.trim();
  if (trimmed.split(/\s+/).length <= 10) return false;
  const pieces = trimmed.split(/\s*[,;]\s*/).filter((p) => p !== '');
  return pieces.length < 2 || pieces.some((p) => p.split(/\s+/).length > 6 || !/^[\p{Lu}\d]/u.test(p));
}

/** A header line's parts, a lone name marked as such. */
function lineParts(text: string): Part[] {
  const parts = splitParts(text);
  const named = parts.filter((p) => p.kind !== 'location');
  if (named.length === 1) named[0]!.alone = true;
  return parts;
}

/** Trims separators and a final full stop or colon, but keeps the dot of "Inc.", "Co." or "S.A.". */
function cleanValue(text: string): string {
  const trimmed = text.replace(/^[\s,;:()|·•\-–—]+|[\s,;:(|·•\-–—]+$/g, '');
  if (/\.$/.test(trimmed) && !/(?:\b\p{L}{1,4}|\b(?:\p{L}\.)+)\.$/u.test(trimmed)) return trimmed.slice(0, -1).trim();
  return trimmed.replace(/\s*\)$/, (m) => (trimmed.includes('(') ? m : ''));
}

/**
 * "Teacher Assistant: Smithville Primary School", "Full-time Instructor: Acme Training Centre, Springfield":
 * a colon after a job title introduces where it was held. Only when the left side reads as a title and the
 * right side as a name, so "Team Size: 8" or "Technologies: Java, SQL" stay what they are.
 */
const TITLE_COLON_RE = /^([^:：]{2,60}?)\s*[:：]\s+(\p{Lu}.{1,120})$/u;

function titleColonRest(text: string): { title: string; rest: string } | null {
  const m = TITLE_COLON_RE.exec(text);
  if (m === null) return null;
  const title = cleanValue(m[1]!);
  const rest = m[2]!.trim();
  if (isBodyLabel(title) || titleScore(title) < 1 || companyScore(title) > 0) return null;
  const first = rest.split(/\s*[,|(]\s*/)[0]!;
  return isNameLike(first) && isOrganisationLike(first) && titleScore(first) < titleScore(title) ? { title, rest } : null;
}

function labelledPart(text: string): Part | null {
  const company = COMPANY_LABEL_RE.exec(text);
  if (company !== null) return { text: cleanValue(text.slice(company[0].length)), kind: 'company' };
  const client = CLIENT_LABEL_RE.exec(text);
  if (client !== null) return { text: cleanValue(text.slice(client[0].length)), kind: 'client' };
  const title = TITLE_LABEL_RE.exec(text);
  if (title !== null) return { text: cleanValue(text.slice(title[0].length)), kind: 'title' };
  if (OTHER_LABEL_RE.test(text)) {
    const location = locationIn(text.replace(OTHER_LABEL_RE, ''));
    return location !== null ? { text: location, kind: 'location' } : { text: '', kind: null };
  }
  return null;
}

function splitCommas(chunk: string): Part[] {
  // "Trainer, Nutritionist, and Coach": the list's last "and" belongs to no name.
  const pieces = outsideBrackets(chunk, /\s*,\s*(?:(?:and|&)\s+)?/).filter((p) => p !== '');
  // Re-attach legal suffixes ("Acme, Inc.") and departments ("Vice President, Sales") to what precedes them.
  const merged: string[] = [];
  for (const piece of pieces) {
    const prev = merged.at(-1);
    // "Denver, CO" is Colorado, not "Acme, Co.": a bare state code is never a legal suffix.
    // "Inc. (became Acme, Inc.)": a bracketed aside after the suffix stays with it.
    const suffix = piece.replace(/\s*\([^()]*\)$/, '');
    const isSuffix =
      COMPANY_SUFFIXES.has(suffix.toLowerCase()) &&
      suffix.split(/\s+/).length === 1 &&
      /^(?:inc|ltd|llc|llp|plc|corp|co|gmbh|ag|s\.?a|pvt|pty|l\.l\.c)\.?$/i.test(suffix) &&
      !isBareRegion(suffix);
    const isDepartment = prev !== undefined && DEPARTMENT_RE.test(piece) && titleScore(prev) > 0;
    if (prev !== undefined && (isSuffix || isDepartment)) merged[merged.length - 1] = `${prev}, ${piece}`;
    else merged.push(piece);
  }
  // A trailing "City, ST" (or "City, Country") is the location.
  for (let n = Math.min(3, merged.length); n >= 1; n--) {
    const tail = merged.slice(merged.length - n).join(', ');
    const location = n === 1 ? (isBareRegion(tail) ? tail : null) : locationIn(tail);
    if (location !== null && location === tail) {
      return [...merged.slice(0, merged.length - n).map((text) => ({ text, kind: null })), { text: tail, kind: 'location' as const }];
    }
  }
  return merged.map((text) => ({ text, kind: null }));
}

/** A private-use character, which extracted text does not hold, standing in for a comma inside brackets. */
const BRACKETED_COMMA = '\uE000';

/**
 * The pieces of a chunk between separators, keeping bracketed asides whole: "Ratio Labs, Inc. (became
 * Acme, Inc.), Atlanta" has three pieces, not four.
 */
function outsideBrackets(chunk: string, separator: RegExp): string[] {
  const masked = chunk.replace(/[([][^()[\]]*[)\]]/g, (aside) => aside.replaceAll(',', BRACKETED_COMMA));
  return masked.split(separator).map((piece) => piece.replaceAll(BRACKETED_COMMA, ','));
}

/** A line that is only a place: "Denver, Colorado", "Austin, TX". */
function isLocationLine(text: string): boolean {
  const parts = splitParts(text);
  return parts.length === 1 && parts[0]!.kind === 'location';
}

function isBareRegion(text: string): boolean {
  if (REGION_CODES.has(text) && /^[A-Z]{2}$/.test(text)) return true;
  // "Pittsburgh PA", "San Antonio TX": a city and state code without the comma.
  const code = CITY_CODE_RE.exec(text)?.[1];
  return code !== undefined && REGION_CODES.has(code) && !COMPANY_SUFFIXES.has(code.toLowerCase());
}

interface Draft {
  title: string | null;
  company: string | null;
  location: string | null;
  range: DateRange;
  /** Rows consumed as header by a look-ahead (not body). */
  usedRows: number[];
  /** No header lines of its own: the role sits on the anchor line (a sub-role under a company). */
  bare: boolean;
  body: Row[];
  /** Header phrases neither recognised as a title nor as a company. */
  leftovers: string[];
  /** Those of them that stand alone on their line. */
  aloneLeftovers: string[];
}

function assign(parts: Part[], range: DateRange, bare: boolean): Draft {
  const draft: Draft = { title: null, company: null, location: null, range, usedRows: [], bare, body: [], leftovers: [], aloneLeftovers: [] };
  const open: Part[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    if (p.kind === 'title' && draft.title === null) draft.title = p.text;
    else if (p.kind === 'company' && draft.company === null) draft.company = p.text;
    else if (p.kind === 'location' && draft.location === null) draft.location = p.text;
    else if (p.kind === null && isNameLike(p.text)) open.push(p);
  }
  const scored = open.map((p) => ({ text: p.text, t: titleScore(p.text), c: companyScore(p.text), alone: p.alone === true }));
  const client = parts.find((p) => p.kind === 'client' && p.text !== '');
  if (draft.title === null) {
    const best = scored.filter((s) => s.t >= 1 && s.t >= s.c).sort((x, y) => y.t - x.t)[0];
    if (best !== undefined) draft.title = best.text;
  }
  if (draft.company === null) {
    const best = scored.filter((s) => s.text !== draft.title && s.c >= 1 && s.c > s.t && isOrganisationLike(s.text)).sort((x, y) => y.c - x.c)[0];
    if (best !== undefined) draft.company = best.text;
  }
  if (draft.company === null && client !== undefined && !scored.some((s) => s.text !== draft.title && isOrganisationLike(s.text) && s.t < 1)) {
    draft.company = client.text;
  }
  // Digits cost a phrase its title score, but a name may carry them: "Rapid9", "Studio 54".
  const named = (x: { text: string; t: number }): boolean => x.t > -1 || /^\p{Lu}[\p{L}&' ]*\d{1,2}$/u.test(x.text);
  const left = scored.filter((s) => s.text !== draft.title && s.text !== draft.company && named(s));
  draft.leftovers = left.map((s) => s.text);
  draft.aloneLeftovers = left.filter((s) => s.alone).map((s) => s.text);
  return draft;
}

/**
 * Unrecognised phrases of the header fill the slots still empty. Titles are the recognisable half (the
 * taxonomy knows tens of thousands), so a lone unknown phrase is the company; two are "Title, Company".
 */
function fillFromLeftovers(draft: Draft): void {
  const rest = draft.leftovers.filter(isOrganisationLike);
  // A name alone on its line is the likelier company than a comma part after the title ("Director, Mobile").
  const company = draft.aloneLeftovers.find(isOrganisationLike) ?? rest[0];
  if (draft.company === null && draft.title !== null && company !== undefined) draft.company = company;
  // A second organisation ("Field Campus, State University") is not the title the header left out.
  else if (draft.title === null && draft.company !== null) draft.title = rest.find((text) => !/\d/.test(text) && companyScore(text) < 1) ?? null;
  else if (draft.title === null && draft.company === null) {
    if (rest.length >= 2) {
      draft.title = rest[0]!;
      draft.company = rest[1]!;
    } else if (rest.length === 1) {
      draft.company = rest[0]!;
    }
  }
}

function isNameLike(text: string): boolean {
  if (text.length < 2 || text.length > 90) return false;
  if (!/^[\p{Lu}\d"“'(&]/u.test(text)) return false;
  return /\p{L}{2}/u.test(text);
}

/** The missing title (or company) on a short line among the first lines of the role's body. */
function fillFromWindow(
  draft: Draft,
  rows: readonly Row[],
  anchor: number,
  next: number,
  want: 'title' | 'company',
  own: readonly number[],
  claimed: ReadonlySet<number>,
): void {
  const start = Math.max(anchor, ...own, ...draft.usedRows) + 1;
  for (let j = start; j < Math.min(next, start + 4); j++) {
    const row = rows[j]!;
    if (row.line.bullet) break;
    if (!row.header && want === 'title' && !claimed.has(j)) {
      // The role's text opens with the title: "Senior Paralegal. Drafted pleadings…", "Vice President – Led…".
      const lead = titleLead(row.line.text);
      if (lead !== null) {
        draft.title = lead;
        return;
      }
    }
    if (!row.header || claimed.has(j) || draft.usedRows.includes(j)) continue;
    for (const p of splitParts(row.line.text)) {
      if (p.kind !== null && p.kind !== want) continue;
      const score = want === 'title' ? titleScore(p.text) : companyScore(p.text);
      const other = want === 'title' ? companyScore(p.text) : titleScore(p.text);
      // "Title / 2009 – 2014 / Acme Learning / City, ST": the line right under the date names the company
      // even when nothing marks it as one, as long as it is not a title.
      const adjacent = want === 'company' && j === start && p.kind === null && draft.title !== null && other < 1 && isNameLike(p.text) && isOrganisationLike(p.text) && !FIELD_ROW_RE.test(row.line.text);
      const scored = score >= 1.5 && score > other && (want === 'title' || isOrganisationLike(p.text));
      if ((p.kind === want || adjacent || scored) && p.text !== draft.title && p.text !== draft.company) {
        draft[want] = p.text;
        draft.usedRows.push(j);
        return;
      }
    }
  }
}

const BRACKETED_TITLE_RE = /\(\s*(?:designation|position|role|title)\s*[:：]\s*([^()]{2,60})\)/i;

/** "Salary | $89,000", "Hours: 40/Week": a field of a form, never a name. */
const FIELD_ROW_RE = /^\p{L}[\p{L} ]{1,24}\s*[:：|]\s*[$€£\d]/u;

/** "Position | Associate", "(Designation: Software Intern)", "Key Role: UI Designer". */
const TITLE_FIELD_RE = /(?:^|\()(?:(?:key\s+)?role|position(?:\s+held)?|job\s+title|designation)\s*[:：|]\s*([^()|]{2,60}?)\s*(?:[.)|]|$)/i;

/**
 * A title labelled as one within the role's first ten lines: form-like resumes put salary, hours and manager
 * lines before it, out of reach of the header look-ahead.
 */
function labelledTitleBelow(rows: readonly Row[], anchor: number, next: number, claimed: ReadonlySet<number>): string | null {
  for (let j = anchor + 1; j < Math.min(next, anchor + 10); j++) {
    const row = rows[j]!;
    if (row.line.bullet || claimed.has(j)) continue;
    const title = TITLE_FIELD_RE.exec(row.line.text)?.[1]?.trim();
    if (title !== undefined && titleScore(title) >= 1 && isNameLike(title)) return title;
  }
  return null;
}

const TITLE_LEAD_RE = /^(\p{Lu}[^.:;!?–—]{1,60}?)(?:\.\s+|\s+[-–—]\s+|:\s+)\p{Lu}/u;

/** "Senior Litigation Paralegal. Assigned to…": the title that opens a paragraph, when it reads as one. */
function titleLead(text: string): string | null {
  const lead = TITLE_LEAD_RE.exec(text)?.[1]?.trim();
  if (lead === undefined || lead.split(/\s+/).length > 7) return null;
  return titleScore(lead) >= 2 && companyScore(lead) < 1 && isOrganisationLike(lead) ? lead : null;
}

/**
 * "Acme Ltd, 2010 – Present / Senior Manager / • … / Project Lead / • …": a line naming only a job title,
 * between paragraphs of the role's text, is another position held at the same company; a title line and an
 * organisation line together there are a position elsewhere (see undatedPair). Their dates are not written,
 * so they keep none; each takes the text that follows it.
 */
function withUndatedSubRoles(draft: Draft): Draft[] {
  const out: Draft[] = [draft];
  const body = draft.body;
  draft.body = [];
  for (let i = 0; i < body.length; i++) {
    const row = body[i]!;
    const prev = body[i - 1];
    const next = body[i + 1];
    const opens = prev === undefined ? row.line.blockStart : row.line.blockStart || !prev.header;
    const pair = opens ? undatedPair(body, i) : null;
    if (pair !== null) {
      out.push({ ...draft, ...pair, location: null, range: NO_RANGE, usedRows: [], bare: false, body: [], leftovers: [], aloneLeftovers: [] });
      i++;
    } else if (draft.company !== null && opens && next !== undefined && !next.header && isTitleOnly(row)) {
      out.push({ ...draft, title: cleanValue(row.line.text), range: NO_RANGE, usedRows: [], bare: false, body: [], leftovers: [], aloneLeftovers: [] });
    } else {
      out.at(-1)!.body.push(row);
    }
  }
  return out;
}

const NO_RANGE: DateRange = { start: null, end: null, current: false, closed: false, index: 0, length: 0 };

/**
 * "MICROSOFT CORPORATION / Software Design Engineer, Intern / Implemented…" inside another role's text: two
 * header lines, one a plain job title and the other an organisation, before text of their own, are a role
 * whose dates were not written next to it (or were extracted elsewhere).
 */
function undatedPair(body: readonly Row[], i: number): { title: string; company: string } | null {
  const [a, b, after] = [body[i]!, body[i + 1], body[i + 2]];
  if (b === undefined || after === undefined || !a.header || !b.header || after.header || b.line.blockStart) return null;
  const titleFirst = titleOfLine(a.line.text);
  const title = titleFirst ?? titleOfLine(b.line.text);
  const company = companyOfLine((titleFirst !== null ? b : a).line.text);
  return title !== null && company !== null ? { title, company } : null;
}

/** "Software Design Engineer, Intern": a line of job titles only, its first one returned. */
function titleOfLine(text: string): string | null {
  const parts = splitParts(text).filter((p) => p.kind !== 'location');
  if (parts.length === 0 || /["“”()]/.test(text)) return null;
  const ok = parts.every((p) => p.kind === null && titleScore(p.text) >= 1.5 && companyScore(p.text) < 1 && isNameLike(p.text));
  const first = parts[0]!.text;
  return ok && titleScore(first) >= 2 && endsInJobNoun(first) ? first : null;
}

/**
 * "MICROSOFT CORPORATION", "Acme Labs, Austin, TX", "Hale Library, Northfield College of Medicine": one
 * organisation (or a unit and its parent), a place at most; the first name is the company.
 */
function companyOfLine(text: string): string | null {
  const parts = splitParts(text).filter((p) => p.kind !== 'location');
  if (parts.length === 0 || parts.length > 2) return null;
  const names = parts.every((p) => p.kind === null && isNameLike(p.text) && isOrganisationLike(p.text) && titleScore(p.text) < 1);
  return names ? parts[0]!.text : null;
}

/** A header row that is nothing but a job title: "Technical Lead", "Oracle Developer/Application Architect". */
function isTitleOnly(row: Row): boolean {
  const text = row.line.text;
  if (!row.header || row.line.bullet || /[.:：]$/.test(text) || text.split(/\s+/).length > 8) return false;
  const parts = splitParts(text);
  return parts.length === 1 && parts[0]!.kind === null && titleScore(parts[0]!.text) >= 2 && companyScore(parts[0]!.text) < 1;
}

/**
 * "Company, City / 1999 – 2005" followed by "Senior Manager 2002 – 2005", "Manager 2000 – 2002": the
 * company-only role is a group, and its company belongs to the titled roles inside it. A bare sub-role
 * (title on the date line, no header of its own) continues the company of the role before it.
 */
function groupUnderCompanies(roles: Draft[]): Draft[] {
  const out: Draft[] = [];
  let group: Draft | null = null;
  for (const role of roles) {
    if (role.company !== null && role.title === null) {
      group = role;
      out.push(role);
      continue;
    }
    if (role.company === null && role.title !== null) {
      const parent = group ?? (role.bare ? (out.at(-1) ?? null) : null);
      if (parent !== null && parent.company !== null) {
        role.company = parent.company;
        role.location ??= parent.location;
        const at = parent.title === null ? out.indexOf(parent) : -1;
        if (at >= 0) {
          // The group's own entry gives way to its first titled role, which inherits its text.
          out.splice(at, 1);
          role.body = [...parent.body, ...role.body];
        }
      }
    } else {
      group = null;
    }
    out.push(role);
  }
  return out;
}

/**
 * "Personal Trainer, Nutritionist, Boxing Coach, Acme Gym": the header names more than one position. The
 * title chosen keeps the role's text; each further phrase that reads plainly as a job title (it ends in one)
 * is a role of its own at the same company and dates.
 */
function withCoTitles(draft: Draft): Experience[] {
  const role = toExperience(draft);
  if (draft.title === null) return [role];
  const others = draft.leftovers.filter((t) => t !== draft.company && isPlainTitle(t));
  return [role, ...others.map((title) => ({ ...role, title, description: null, highlights: [] }))];
}

/** "Head Boxing Coach": capitalised words ending in a job noun, nothing else (no digits, brackets or "&"). */
function isPlainTitle(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length > 6 || /[\d()&]/.test(text) || !TITLE_HEADS.has(words.at(-1)!.toLowerCase())) return false;
  if (!words.every((w) => /^\p{Lu}/u.test(w) || /^(?:of|and|for|the|in)$/.test(w))) return false;
  return titleScore(text) >= 2 && companyScore(text) < 1;
}

/**
 * "Paralegal/Bookkeeper", "Founder and CEO", "Owner, Trainer & Consultant": one header naming several
 * positions held over the same period. Each becomes a role of its own, at the same company and dates, the
 * first keeping the role's text. Only when every part reads as a job title: "Java/J2EE Developer" or
 * "Director of Finance / Program Management" is one title.
 */
function perTitle(role: Experience): Experience[] {
  const titles = role.title === null ? [] : titleParts(role.title);
  if (titles.length < 2) return [role];
  return titles.map((title, i) => (i === 0 ? { ...role, title } : { ...role, title, description: null, highlights: [] }));
}

const TITLE_JOIN_RE = /\s*\/\s*|\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+/;

function titleParts(title: string): string[] {
  // Joins inside brackets are part of one title: "Teacher (1st & 3rd Grade)".
  if (/[()[\]]/.test(title)) return [title];
  const parts = title.split(TITLE_JOIN_RE).map((p) => p.trim());
  if (parts.length < 2 || parts.length > 4) return [title];
  return parts.every((p) => p.length > 1 && titleScore(p) >= 1.5 && companyScore(p) < 1) ? parts : [title];
}

function toExperience(draft: Draft): Experience {
  const highlights: string[] = [];
  const prose: string[] = [];
  for (const row of draft.body) {
    if (row.line.bullet) highlights.push(row.line.text);
    else if (highlights.length > 0 && /^[\p{Ll}]/u.test(row.line.text)) highlights[highlights.length - 1] += ` ${row.line.text}`;
    else prose.push(row.line.text);
  }
  return {
    title: draft.title,
    company: draft.company,
    location: draft.location,
    start: draft.range.start,
    end: draft.range.current ? null : draft.range.end,
    current: draft.range.current,
    description: prose.length > 0 ? prose.join('\n') : null,
    highlights,
  };
}
