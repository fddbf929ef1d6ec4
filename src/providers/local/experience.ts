import type { Experience } from '../../domain/index.js';
import { locationIn } from './location.js';
import { findDateRanges, type DateRange } from './dates.js';
import { companyScore, isOrganisationLike, titleScore } from './entities.js';
import type { Line } from './normalise.js';
import { COMPANY_SUFFIXES, REGION_CODES } from './vocab.js';

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
  kind: 'title' | 'company' | 'location' | null;
}

const MAX_HEADER_LINES = 3;
const COMPANY_LABEL_RE = /^(?:company|employer|organi[sz]ation|firm|client|agency|institution)(?:\s+name)?\s*[:：]\s*/i;
const TITLE_LABEL_RE = /^(?:position(?:\s+held)?|post|job\s+title|title|role|designation|occupation)\s*[:：]\s*/i;
const OTHER_LABEL_RE = /^(?:duration|period|dates?|location|place|since|from|tenure)\s*[:：]\s*/i;
/** Lines that introduce a list inside a role; never a title or company. */
const BODY_LABEL_RE = /^(?:(?:key|main|major|primary|job|roles?\s+and)\s+)?(?:responsibilities|duties|achievements|accomplishments|tasks|highlights|projects|environment|tools|technologies|skills|description|summary|clients|reference)(?:\s+\w+){0,2}\s*[:：]?$/i;
/** Department words that belong to the title before them: "Vice President, Sales". */
const DEPARTMENT_RE = /^(?:sales|marketing|operations|engineering|finance|hr|human resources|it|technology|product|research|development|administration|qa|quality|support|customer service|business development|strategy|communications|legal|compliance|procurement|logistics|design|training|education|accounting|r&d)$/i;
const PART_SPLIT_RE = /\s+(?:\||·|•|●|—|–|-{1,2}|~)\s+|\s*\|\s*|\s+at\s+(?=\p{Lu})|\s+@\s+/u;

export interface ExperienceOptions {
  referenceDate: Date;
}

export function parseExperience(lines: readonly Line[], options: ExperienceOptions): Experience[] {
  const rows = lines.map((line) => annotate(line, options.referenceDate));
  const anchors = rows.flatMap((row, i) => (row.range !== null ? [i] : []));
  if (anchors.length === 0) return [];
  const layout = decideLayout(rows, anchors[0]!);
  // Roles are read in order, each claiming its header lines so the next role cannot take them again.
  const claimed = new Set<number>(anchors);
  const roles: Draft[] = [];
  const firstRow: number[] = [];
  for (let k = 0; k < anchors.length; k++) {
    const a = anchors[k]!;
    const next = anchors[k + 1] ?? rows.length;
    const own = headerRows(rows, anchors, k, layout, claimed);
    const parts = [...(rows[a]!.proseParts ?? splitParts(rows[a]!.rest)), ...own.flatMap((i) => splitParts(rows[i]!.line.text))];
    const draft = assign(parts, rows[a]!.range!, own.length === 0);
    if (draft.title === null) fillFromWindow(draft, rows, a, next, 'title', own, claimed);
    if (draft.company === null) fillFromWindow(draft, rows, a, next, 'company', own, claimed);
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
  return groupUnderCompanies(roles)
    .map(toExperience)
    .filter((e) => e.title !== null || e.company !== null || e.highlights.length > 0);
}

function annotate(line: Line, referenceDate: Date): Row {
  const text = line.text;
  let range: DateRange | null = null;
  let rest = text;
  let proseParts: Part[] | null = null;
  if (!line.bullet && text.length <= 160) {
    const ranges = findDateRanges(text, referenceDate);
    const full = ranges.find((r) => r.end !== null || r.current);
    const candidate = full ?? (ranges.length === 1 ? ranges[0] : undefined);
    if (candidate !== undefined) {
      // The date becomes a separator: "MANAGER (8/01 to Present) Acme, Austin" → "MANAGER | Acme, Austin".
      const without = cleanRest(text.slice(0, candidate.index) + ' | ' + text.slice(candidate.index + candidate.length));
      const restWords = without === '' ? 0 : without.replace(/\|/g, ' ').trim().split(/\s+/).length;
      // A lone date in a sentence is a mention, not an anchor; a range is an anchor if the line is not prose.
      const prose = proseRole(text);
      const isAnchor = full !== undefined ? restWords <= 14 || candidate.index < 3 : restWords <= 8 && !/[.!?]$/.test(text);
      if (prose !== null) {
        range = candidate;
        proseParts = prose;
      } else if (isAnchor) {
        range = candidate;
        rest = restWords <= 14 ? without : '';
      }
    }
  }
  return { line, range, rest, proseParts, header: range === null && isHeaderLike(line) };
}

/**
 * A role told in a sentence: "Working as a Software Engineer in Acme Software Pvt Ltd, Bangalore from May
 * 2007" or "associated with Acme India as a Software Programmer since July 2009".
 */
const PROSE_ROLE_RE =
  /\bas\s+(?:an?\s+|the\s+)?(?<title>\p{Lu}[\p{L}/&.\- ]{2,50}?)\s+(?:in|at|with|for)\s+(?:the\s+)?(?<company>[\p{L}\d][\p{L}\d&.'\- ]{1,60}?)(?=\s*(?:[,(.]|\bfrom\b|\bsince\b|\bduring\b|\bbetween\b|$))|\b(?:with|at|in)\s+(?<company2>\p{Lu}[\p{L}\d&.'\- ]{1,60}?)\s+as\s+(?:an?\s+|the\s+)?(?<title2>[\p{L}][\p{L}/&.\- ]{2,50}?)(?=\s*(?:[,(.]|\bfrom\b|\bsince\b|\bfor\b|$))/u;
/** The sentence opens with the verb: "Working as…", "Currently working as…", "Presently I am associated…". */
const PROSE_START_RE = /^\W*(?:(?:currently|presently|previously|now|i|am|have|been|was|has)\s+){0,3}(?:work|working|worked|employed|serving|served|associated|joined|engaged)\b/i;

function proseRole(text: string): Part[] | null {
  if (!PROSE_START_RE.test(text)) return null;
  const g = PROSE_ROLE_RE.exec(text)?.groups;
  if (g === undefined) return null;
  const title = (g.title ?? g.title2 ?? '').trim();
  const company = (g.company ?? g.company2 ?? '').trim();
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
  // "ACME, Sometown, NY — a PR firm serving small businesses": the description after a dash does not count.
  const text = line.text.split(/\s+[—–|]\s+/)[0]!;
  if (line.bullet || text.length > 100) return false;
  const words = text.split(/\s+/);
  const wordCount = words.length;
  if (wordCount > 10) return false;
  // Sentences open with a verb: "Managed …", "Developing …", "Leads …".
  if (wordCount >= 4 && /^\p{Lu}\p{Ll}+(?:ed|ing)$/u.test(words[0]!) && !/^(?:United|Limited|Red|Bing|King|Sterling|Reading|Ming|Wing)$/.test(words[0]!)) return false;
  if (wordCount >= 6 && words.filter((w) => /^(?:the|and|with|for|to|of|in|on|by|a|an|from|as|that|which|were|was|is|are)$/.test(w)).length >= 3) return false;
  if (/^[\p{Ll}]/u.test(text) && !/^(?:e|i)[A-Z]/.test(text)) return false;
  if (/[.!?]$/.test(text) && !/\b(?:inc|ltd|co|corp|llc|jr|sr|st|[A-Z])\.$/i.test(text) && wordCount > 8) return false;
  if (BODY_LABEL_RE.test(text)) return false;
  return true;
}

/**
 * Headers before the first date ("Company / Title / 2019 – 2021") or after it ("2019 – 2021 / Company")?
 * Header-like lines right above the first date can only belong to the first role, and a resume keeps one
 * layout throughout.
 */
function decideLayout(rows: readonly Row[], firstAnchor: number): Layout {
  return firstAnchor > 0 && rows[firstAnchor - 1]!.header ? 'before' : 'after';
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
    for (let j = a - 1; j > prev && found.length < MAX_HEADER_LINES; j--) {
      const row = rows[j]!;
      if (!row.header || claimed.has(j)) break;
      found.unshift(j);
      if (row.line.blockStart) break;
    }
    // After the first role, the previous body may end in short lines: keep the top line only if it names something.
    return k === 0 ? found : found.filter((j, i) => i > 0 || found.length === 1 || partScore(rows[j]!.line.text) > 0 || rows[j]!.line.blockStart);
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
  const parts: Part[] = [];
  for (const chunk of text.split(PART_SPLIT_RE)) {
    const clean = cleanValue(chunk);
    if (clean === '' || clean.split(/\s+/).length > 10) continue;
    parts.push(...splitCommas(clean));
  }
  return parts;
}

/** Trims separators and a final full stop or colon, but keeps the dot of "Inc.", "Co." or "S.A.". */
function cleanValue(text: string): string {
  const trimmed = text.replace(/^[\s,;:()|·•\-–—]+|[\s,;:(|·•\-–—]+$/g, '');
  if (/\.$/.test(trimmed) && !/(?:\b\p{L}{1,4}|\b(?:\p{L}\.)+)\.$/u.test(trimmed)) return trimmed.slice(0, -1).trim();
  return trimmed.replace(/\s*\)$/, (m) => (trimmed.includes('(') ? m : ''));
}

function labelledPart(text: string): Part | null {
  const company = COMPANY_LABEL_RE.exec(text);
  if (company !== null) return { text: cleanValue(text.slice(company[0].length)), kind: 'company' };
  const title = TITLE_LABEL_RE.exec(text);
  if (title !== null) return { text: cleanValue(text.slice(title[0].length)), kind: 'title' };
  if (OTHER_LABEL_RE.test(text)) {
    const location = locationIn(text.replace(OTHER_LABEL_RE, ''));
    return location !== null ? { text: location, kind: 'location' } : { text: '', kind: null };
  }
  return null;
}

function splitCommas(chunk: string): Part[] {
  const pieces = chunk.split(/\s*,\s*/).filter((p) => p !== '');
  // Re-attach legal suffixes ("Acme, Inc.") and departments ("Vice President, Sales") to what precedes them.
  const merged: string[] = [];
  for (const piece of pieces) {
    const prev = merged.at(-1);
    const isSuffix = COMPANY_SUFFIXES.has(piece.toLowerCase()) && piece.split(/\s+/).length === 1 && /^(?:inc|ltd|llc|llp|plc|corp|co|gmbh|ag|s\.?a|pvt|pty|l\.l\.c)\.?$/i.test(piece);
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

function isBareRegion(text: string): boolean {
  return REGION_CODES.has(text) && /^[A-Z]{2}$/.test(text);
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
}

function assign(parts: Part[], range: DateRange, bare: boolean): Draft {
  const draft: Draft = { title: null, company: null, location: null, range, usedRows: [], bare, body: [], leftovers: [] };
  const open: Part[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    if (p.kind === 'title' && draft.title === null) draft.title = p.text;
    else if (p.kind === 'company' && draft.company === null) draft.company = p.text;
    else if (p.kind === 'location' && draft.location === null) draft.location = p.text;
    else if (p.kind === null && isNameLike(p.text)) open.push(p);
  }
  const scored = open.map((p) => ({ text: p.text, t: titleScore(p.text), c: companyScore(p.text) }));
  if (draft.title === null) {
    const best = scored.filter((s) => s.t >= 1 && s.t >= s.c).sort((x, y) => y.t - x.t)[0];
    if (best !== undefined) draft.title = best.text;
  }
  if (draft.company === null) {
    const best = scored.filter((s) => s.text !== draft.title && s.c >= 1 && s.c > s.t && isOrganisationLike(s.text)).sort((x, y) => y.c - x.c)[0];
    if (best !== undefined) draft.company = best.text;
  }
  draft.leftovers = scored.filter((s) => s.text !== draft.title && s.text !== draft.company && s.t > -1).map((s) => s.text);
  return draft;
}

/**
 * Unrecognised phrases of the header fill the slots still empty. Titles are the recognisable half (the
 * taxonomy knows tens of thousands), so a lone unknown phrase is the company; two are "Title, Company".
 */
function fillFromLeftovers(draft: Draft): void {
  const rest = draft.leftovers.filter(isOrganisationLike);
  if (draft.company === null && draft.title !== null && rest[0] !== undefined) draft.company = rest[0];
  else if (draft.title === null && draft.company !== null && rest[0] !== undefined) draft.title = rest[0];
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
    if (!row.header || claimed.has(j) || draft.usedRows.includes(j)) continue;
    for (const p of splitParts(row.line.text)) {
      if (p.kind !== null && p.kind !== want) continue;
      const score = want === 'title' ? titleScore(p.text) : companyScore(p.text);
      const other = want === 'title' ? companyScore(p.text) : titleScore(p.text);
      // "Title / 2009 – 2014 / Acme Learning / City, ST": the line right under the date names the company
      // even when nothing marks it as one, as long as it is not a title.
      const adjacent = want === 'company' && j === start && p.kind === null && draft.title !== null && other < 1 && isNameLike(p.text) && isOrganisationLike(p.text);
      const scored = score >= 1.5 && score > other && (want === 'title' || isOrganisationLike(p.text));
      if ((p.kind === want || adjacent || scored) && p.text !== draft.title && p.text !== draft.company) {
        draft[want] = p.text;
        draft.usedRows.push(j);
        return;
      }
    }
  }
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
