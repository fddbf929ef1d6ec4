import { isOrganisationLike, titleScore } from '../entities.js';
import type { Line } from '../normalise.js';
import type { NumericDateOrder } from '../dates.js';
import type { Experience } from '../../../domain/index.js';
import { splitParts, lineParts, isLocationLine, partScore, isCompleteHeader } from './header.js';
import { type Row, withoutUninformativeBlocks, withLabelledValues, annotate, continuesBullet, proseRole, withMarkedHeaders } from './rows.js';
import { type Draft, assign, fillFromLeftovers, fillFromWindow, labelledTitleBelow, withUndatedSubRoles, groupUnderCompanies, withCoTitles, perTitle, toExperience, withUnitOrParent } from './roles.js';

/**
 * Roles from the lines of experience sections. Every role is anchored on a date range ("2019 – Present"):
 * the short, non-bullet lines next to the anchor (and the anchor line itself) are its header, where the title,
 * company and location are; the lines after the header, up to the next role, are its body. Whether headers
 * come before or after the date is decided once per section, from the first role, because a resume keeps
 * one layout throughout. A few resumes put each date after the role's text ("trailing"): there the header
 * opens the role and its text runs down to the date.
 */

type Layout = 'before' | 'after' | 'trailing';

const MAX_HEADER_LINES = 3;

/** "5 years", "1 year 3 months": how long the person was at the company named above, as LinkedIn writes. */
const TENURE_RE = /^\d{1,2}\s+(?:years?|yrs?|months?|mos?)(?:\s+\d{1,2}\s+(?:months?|mos?))?$/i;

const MONTH_ONLY_RE = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*[-–—/]?$/i;

export interface ExperienceOptions {
  referenceDate: Date;
  /** How the resume writes "01/03/2020"; month-first unless told. */
  dateOrder?: NumericDateOrder;
  /** Read roles without dates when the lines hold none: only for a section headed as experience. */
  undated?: boolean;
}

export function parseExperience(lines: readonly Line[], options: ExperienceOptions): Experience[] {
  const rows = withoutUninformativeBlocks(withLabelledValues(lines)).map((line) => annotate(line, options.referenceDate, options.dateOrder ?? 'month-first'));
  rows.forEach((row, i) => {
    if (row.range !== null && continuesBullet(rows[i - 1], row)) rows[i] = { ...row, range: null, rest: row.line.text, proseParts: null };
  });
  withMarkedHeaders(rows);
  const anchors = rows.flatMap((row, i) => (row.range !== null ? [i] : []));
  if (anchors.length === 0) return options.undated === true ? undatedRoles(rows) : [];
  const layout = decideLayout(rows, anchors);
  // Roles are read in order, each claiming its header lines so the next role cannot take them again.
  const claimed = new Set<number>(anchors);
  const roles: Draft[] = [];
  const firstRow: number[] = [];
  const reserved = layout === 'before' ? reservedHeaders(rows, anchors) : layout === 'trailing' ? trailingHeaders(rows, anchors) : new Set<number>();
  /** Roles of header lines stacked over role k's date line, which go before role k. */
  const stackedOver: Draft[][] = [];
  for (let k = 0; k < anchors.length; k++) {
    const a = anchors[k]!;
    const next = anchors[k + 1] ?? rows.length;
    const header = headerRows(rows, anchors, k, layout, claimed);
    const [own, stacked] = layout === 'before' ? splitStackedHeaders(rows, header) : [header, []];
    stackedOver[k] = stacked.map((i) => stackedRole(rows[i]!, rows[a]!));
    const anchorParts = rows[a]!.proseParts ?? splitParts(rows[a]!.rest);
    const ownParts = own.flatMap((i) => lineParts(rows[i]!.line.text));
    // "Product Manager, Doctolib / 2022 – present · Paris": under a header line that names both title and
    // company, a name left on the date line is the place, so the header's names are read first.
    const headerFirst = layout === 'before' && own.some((i) => isCompleteHeader(rows[i]!.line.text));
    const parts = headerFirst ? [...ownParts, ...anchorParts] : [...anchorParts, ...ownParts];
    // The look-ahead must not take the next role's own "Title, Company" line from above its date.
    const taken = new Set([...claimed, ...[...reserved].filter((i) => i > a)]);
    // A title the role's lines label as one ("Position: Advisor") outranks a header phrase that merely reads
    // as one, which is then free to be the company ("Harbour Telephone Banking, Melbourne").
    const labelled = parts.some((p) => p.kind === 'title') ? null : labelledTitleBelow(rows, a, next, taken, parts);
    if (labelled !== null) parts.unshift({ text: labelled, kind: 'title' });
    // A role on a bullet of its own ("• 2004–2006: Legal Officer…") is a role of its own, not a sub-role.
    const draft = assign(parts, rows[a]!.range!, own.length === 0 && !rows[a]!.line.bullet);
    draft.opensGroup = own.some((i) => TENURE_RE.test(rows[i]!.line.text));
    if (draft.title === null) fillFromWindow(draft, rows, a, next, 'title', own, taken);
    if (draft.company === null) fillFromWindow(draft, rows, a, next, 'company', own, taken);
    fillFromLeftovers(draft);
    if (draft.company !== null) draft.company = withUnitOrParent(draft.company, [rows[a]!.rest, ...own.map((i) => rows[i]!.line.text)]);
    for (const i of [...header, ...draft.usedRows]) claimed.add(i);
    roles.push(draft);
    firstRow.push(Math.min(a, ...header));
  }
  markBlocks(rows, roles, firstRow);
  roles.forEach((draft, k) => {
    const [from, end] = layout === 'trailing' ? [firstRow[k]!, anchors[k]!] : [anchors[k]! + 1, firstRow[k + 1] ?? rows.length];
    for (let i = from; i < end; i++) if (!claimed.has(i)) draft.body.push(rows[i]!);
  });
  // Stacked roles go before the role whose date they share, in the order of the text.
  const ordered = roles.flatMap((draft, k) => [...stackedOver[k]!, draft]);
  // A date with neither title, company nor bullets is a year in a list (an award, a paper), not a role.
  return groupUnderCompanies(ordered.flatMap(withUndatedSubRoles))
    .flatMap(withCoTitles)
    .flatMap(perTitle)
    .filter((e) => (e.title !== null || e.company !== null || e.highlights.length > 0) && !isCareerBreak(e));
}

/** "Career break – family caregiving", "Sabbatical": time accounted for, not a job held anywhere. */
const CAREER_BREAK_RE = /^(?:career\s+(?:break|gap)|sabbatical|gap\s+year|(?:parental|maternity|paternity|family|medical)\s+leave|travell?ing)\b/i;

function isCareerBreak(role: Experience): boolean {
  const named = [role.title, role.company].filter((n): n is string => n !== null);
  return named.length > 0 && named.every((n) => CAREER_BREAK_RE.test(n));
}

/**
 * Roles whose lines carry on the block the role before them opened. Only in sections that part roles by blank
 * lines (some later role opens a block of its own): where no line is blank, every role is in one block.
 */
function markBlocks(rows: readonly Row[], roles: readonly Draft[], firstRow: readonly number[]): void {
  const opensBlock = (k: number): boolean => rows[firstRow[k]!]!.line.blockStart;
  if (!firstRow.some((_, k) => k > 0 && opensBlock(k))) return;
  for (let k = 1; k < roles.length; k++) {
    if (!opensBlock(k - 1)) continue;
    let inBlock = true;
    for (let i = firstRow[k - 1]! + 1; i <= firstRow[k]! && inBlock; i++) inBlock = !rows[i]!.line.blockStart;
    roles[k]!.inBlock = inBlock;
  }
}

/** In a "header above the date" layout, the complete header line right above each later date is that role's. */
function reservedHeaders(rows: readonly Row[], anchors: readonly number[]): Set<number> {
  const out = new Set<number>();
  for (const a of anchors.slice(1)) {
    const above = rows[a - 1];
    if (above !== undefined && above.header && isCompleteHeader(above.line.text)) out.add(a - 1);
    // "Acme Law Group, PA / Tampa, Florida / Paralegal (2006 – 2013)": the name above the place line is that
    // role's as well.
    const name = rows[a - 2];
    if (above?.header === true && name?.header === true && isLocationLine(above.line.text) && partScore(name.line.text) > 0) out.add(a - 2);
  }
  return out;
}

/**
 * "Sales Associate, Cheap & Tacky Clothing, Lincoln, NE / Produce Clerk, Expensive Foods, Pretend, NE /
 * Jan 2019 – Jun 2019 Jan 2020 – Aug 2020": complete header lines stacked over one date line are one role
 * each. The line nearest the date keeps the role; the ones above it are roles of their own, sharing its dates.
 */
function splitStackedHeaders(rows: readonly Row[], header: readonly number[]): [readonly number[], readonly number[]] {
  // The line nearest the date is tested first: most roles have no complete header line above it.
  if (header.length < 2 || !isCompleteHeader(rows[header.at(-1)!]!.line.text)) return [header, []];
  const stacked = header.slice(0, -1).filter((i) => isCompleteHeader(rows[i]!.line.text));
  return stacked.length === 0 ? [header, []] : [header.filter((i) => !stacked.includes(i)), stacked];
}

function stackedRole(row: Row, anchor: Row): Draft {
  const draft = assign(lineParts(row.line.text), anchor.range!, false);
  fillFromLeftovers(draft);
  return draft;
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

/** "A. Higher Education", "2) Industry", "Teaching:": a numbered or labelled group inside the section. */
const SUB_HEADING_RE = /^(?:[A-H]|[IVX]{1,4}|\d{1,2})[.)]\s+\S|[:：]$/;

/**
 * Headers before the first date ("Company / Title / 2019 – 2021") or after it ("2019 – 2021 / Company")?
 * Header-like lines right above the first date can only belong to the first role, and a resume keeps one
 * layout throughout.
 */
function decideLayout(rows: readonly Row[], anchors: readonly number[]): Layout {
  const first = anchors[0]!;
  const above = rows[first - 1];
  if (isTrailing(rows, anchors)) return 'trailing';
  if (above === undefined || !above.header) return 'after';
  // "A. Higher Education / 2015 – present / Professor, Acme University": a sub-heading that names nothing
  // sits above the first date, and the complete header line is the one below it.
  const below = rows[first + 1];
  if (SUB_HEADING_RE.test(above.line.text) && partScore(above.line.text) <= 0 && below?.header === true && isCompleteHeader(below.line.text)) return 'after';
  return 'before';
}

/**
 * "Teacher / Bonham Elementary / • Taught… / August 2020 – Present / Tutor / …": every date stands alone after
 * its role's text, the section opens with a header and closes with a date, and each other date is followed by
 * the next role's header. Anything less regular is read as one of the usual layouts.
 */
function isTrailing(rows: readonly Row[], anchors: readonly number[]): boolean {
  if (anchors.length < 2 || anchors.at(-1) !== rows.length - 1 || rows[0]?.header !== true) return false;
  return anchors.every((a, k) => {
    const before = rows[a - 1];
    const after = rows[a + 1];
    const bare = splitParts(rows[a]!.rest).every((p) => p.text === '' || p.kind === 'location');
    return bare && before !== undefined && !before.header && before.range === null && (k === anchors.length - 1 || after?.header === true);
  });
}

/** In the trailing layout, every role's header lines, so that no role's look-ahead takes the next one's. */
function trailingHeaders(rows: readonly Row[], anchors: readonly number[]): Set<number> {
  return new Set(anchors.flatMap((_, k) => headerRows(rows, anchors, k, 'trailing', new Set())));
}

/** A long line of text that is no header: a role's description. */
function isParagraph(row: Row | undefined): boolean {
  return row !== undefined && !row.header && row.range === null && row.line.text.length >= 60;
}

function headerRows(rows: readonly Row[], anchors: readonly number[], k: number, layout: Layout, claimed: ReadonlySet<number>): number[] {
  const a = anchors[k]!;
  const prev = k > 0 ? anchors[k - 1]! : -1;
  const next = k + 1 < anchors.length ? anchors[k + 1]! : rows.length;
  if (layout === 'trailing') {
    const found: number[] = [];
    for (let j = prev + 1; j < a && rows[j]!.header && found.length < MAX_HEADER_LINES; j++) found.push(j);
    return found;
  }
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
    // something, follows the previous role's bullets or a paragraph ("…runbooks. / Corvana Health / Software
    // Engineer / 2017 – 2019", as LinkedIn exports read), or sits on a "City, ST" line ("Acme / Denver, CO / 2019").
    if (k === 0) return found;
    return found.filter(
      (j, i) =>
        i > 0 ||
        found.length === 1 ||
        partScore(rows[j]!.line.text) > 0 ||
        rows[j]!.line.blockStart ||
        rows[j - 1]?.line.bullet === true ||
        (isParagraph(rows[j - 1]) && !/[.,;:]$/.test(rows[j]!.line.text)) ||
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
