import type { Experience } from '../../domain/index.js';
import { locationIn } from './contact.js';
import { findDateRanges, type DateRange } from './dates.js';
import { companyScore, titleScore } from './entities.js';
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
  const layout = decideLayout(rows, anchors);
  const headers = anchors.map((a, k) => headerRows(rows, anchors, k, layout));
  const roles: Draft[] = anchors.map((a, k) => {
    const own = headers[k]!;
    const parts = [rows[a]!.rest, ...own.map((i) => rows[i]!.line.text)].flatMap(splitParts);
    const draft = assign(parts, rows[a]!.range!, own.length === 0);
    if (draft.title === null) fillFromWindow(draft, rows, a, anchors[k + 1] ?? rows.length, 'title', own);
    if (draft.company === null && layout === 'after') fillFromWindow(draft, rows, a, anchors[k + 1] ?? rows.length, 'company', own);
    const bodyStart = Math.max(a, ...own, ...draft.usedRows) + 1;
    const nextHeaderStart = k + 1 < anchors.length ? Math.min(anchors[k + 1]!, ...headers[k + 1]!) : rows.length;
    draft.body = rows.slice(bodyStart, nextHeaderStart).filter((_, i) => !draft.usedRows.includes(bodyStart + i));
    return draft;
  });
  return groupUnderCompanies(roles).map(toExperience);
}

function annotate(line: Line, referenceDate: Date): Row {
  const text = line.text;
  let range: DateRange | null = null;
  let rest = text;
  if (!line.bullet && text.length <= 160) {
    const ranges = findDateRanges(text, referenceDate);
    const full = ranges.find((r) => r.end !== null || r.current);
    const candidate = full ?? (ranges.length === 1 ? ranges[0] : undefined);
    if (candidate !== undefined) {
      const without = cleanRest(text.slice(0, candidate.index) + ' ' + text.slice(candidate.index + candidate.length));
      const restWords = without === '' ? 0 : without.split(/\s+/).length;
      // A lone date in a sentence is a mention, not an anchor; a range is an anchor if the line is not prose.
      const isAnchor = full !== undefined ? restWords <= 14 || candidate.index < 3 : restWords <= 8 && !/[.!?]$/.test(text);
      if (isAnchor) {
        range = candidate;
        rest = restWords <= 14 ? without : '';
      }
    }
  }
  return { line, range, rest, header: range === null && isHeaderLike(line) };
}

function cleanRest(text: string): string {
  return text
    .replace(/\(\s*\)|\[\s*\]/g, ' ')
    .replace(/\b(?:from|since|until|till|to|through|dates?|duration|period)\s*[:：]?\s*$/i, '')
    .replace(/^\s*(?:from|since|duration|period|dates?)\s*[:：]?\s*/i, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:|·•\-–—()[\]]+|[\s,;:|·•\-–—([]+$/g, '')
    .trim();
}

function isHeaderLike(line: Line): boolean {
  const text = line.text;
  if (line.bullet || text.length > 100) return false;
  const wordCount = text.split(/\s+/).length;
  if (wordCount > 12) return false;
  if (/^[\p{Ll}]/u.test(text) && !/^(?:e|i)[A-Z]/.test(text)) return false;
  if (/[.!?]$/.test(text) && !/\b(?:inc|ltd|co|corp|llc|jr|sr|st|[A-Z])\.$/i.test(text) && wordCount > 8) return false;
  if (BODY_LABEL_RE.test(text)) return false;
  return true;
}

/**
 * Headers before the date ("Company / Title / 2019 – 2021") or after it ("2019 – 2021 / Company / Title")?
 * Whichever reading finds more titles and companies over all roles wins; ties go to "before", the commoner.
 */
function decideLayout(rows: readonly Row[], anchors: readonly number[]): Layout {
  const score = (layout: Layout): number => {
    let total = 0;
    for (let k = 0; k < anchors.length; k++) {
      const parts = headerRows(rows, anchors, k, layout).flatMap((i) => splitParts(rows[i]!.line.text));
      const open = parts.filter((p) => p.kind === null);
      const title = Math.max(0, ...open.map((p) => titleScore(p.text)));
      const company = Math.max(0, ...open.map((p) => companyScore(p.text)));
      const labelled = parts.filter((p) => p.kind === 'title' || p.kind === 'company').length * 2;
      total += Math.min(title, 3) + Math.min(company, 3) + labelled;
    }
    return total;
  };
  return score('after') > score('before') ? 'after' : 'before';
}

function partScore(text: string): number {
  const open = splitParts(text).filter((p) => p.kind !== 'location');
  return Math.max(0, ...open.map((p) => (p.kind !== null ? 2 : Math.max(titleScore(p.text), companyScore(p.text)))));
}

function headerRows(rows: readonly Row[], anchors: readonly number[], k: number, layout: Layout): number[] {
  const a = anchors[k]!;
  const prev = k > 0 ? anchors[k - 1]! : -1;
  const next = k + 1 < anchors.length ? anchors[k + 1]! : rows.length;
  const backward = (): number[] => {
    const found: number[] = [];
    for (let j = a - 1; j > prev && found.length < MAX_HEADER_LINES; j--) {
      const row = rows[j]!;
      if (!row.header) break;
      found.unshift(j);
      if (row.line.blockStart) break;
    }
    return found;
  };
  const forward = (): number[] => {
    const found: number[] = [];
    for (let j = a + 1; j < next && found.length < MAX_HEADER_LINES; j++) {
      const row = rows[j]!;
      if (!row.header || (row.line.blockStart && found.length > 0)) break;
      found.push(j);
    }
    return found;
  };
  if (layout === 'before') {
    const own = backward();
    // Roles after the first: the previous role's body may end in short lines. Keep only what scores.
    return k === 0 ? own : own.filter((j, i) => i > 0 || partScore(rows[j]!.line.text) > 0 || rows[j]!.line.blockStart);
  }
  // In the "after" layout the lines after the last role run into whatever follows: keep only what scores.
  const own = forward();
  if (k < anchors.length - 1) return own;
  const kept: number[] = [];
  for (const j of own) {
    if (partScore(rows[j]!.line.text) <= 0 && kept.length > 0) break;
    kept.push(j);
  }
  return kept;
}

/** A header line's parts: "Title, Company, City, ST" → three parts, the location kept whole. */
export function splitParts(text: string): Part[] {
  if (text === '') return [];
  const labelled = labelledPart(text);
  if (labelled !== null) return [labelled];
  const parts: Part[] = [];
  for (const chunk of text.split(PART_SPLIT_RE)) {
    const clean = chunk.replace(/^[\s,;:()]+|[\s,;:(]+$/g, '');
    if (clean === '' || clean.split(/\s+/).length > 10) continue;
    parts.push(...splitCommas(clean));
  }
  return parts;
}

function labelledPart(text: string): Part | null {
  const company = COMPANY_LABEL_RE.exec(text);
  if (company !== null) return { text: text.slice(company[0].length).trim(), kind: 'company' };
  const title = TITLE_LABEL_RE.exec(text);
  if (title !== null) return { text: text.slice(title[0].length).trim(), kind: 'title' };
  if (OTHER_LABEL_RE.test(text)) {
    const value = text.replace(OTHER_LABEL_RE, '').trim();
    return locationIn(value) !== null ? { text: value, kind: 'location' } : { text: '', kind: null };
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
    if (location !== null) {
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
}

function assign(parts: Part[], range: DateRange, bare: boolean): Draft {
  const draft: Draft = { title: null, company: null, location: null, range, usedRows: [], bare, body: [] };
  const open: Part[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    if (p.kind === 'title' && draft.title === null) draft.title = p.text;
    else if (p.kind === 'company' && draft.company === null) draft.company = p.text;
    else if (p.kind === 'location' && draft.location === null) draft.location = p.text;
    else if (p.kind === null && isNameLike(p.text)) open.push(p);
  }
  const scored = open.map((p) => ({ p, t: titleScore(p.text), c: companyScore(p.text) }));
  if (draft.title === null) {
    const best = scored.filter((s) => s.t >= 1 && s.t >= s.c).sort((x, y) => y.t - x.t)[0];
    if (best !== undefined) draft.title = best.p.text;
  }
  const left = scored.filter((s) => s.p.text !== draft.title);
  if (draft.company === null) {
    const best = left.filter((s) => s.c >= 1 && s.c > s.t).sort((x, y) => y.c - x.c)[0];
    if (best !== undefined) draft.company = best.p.text;
  }
  // Whatever is left fills the empty slot: titles are usually recognisable, so an unknown phrase next to a
  // title is the company, and next to a company the title.
  const rest = left.filter((s) => s.p.text !== draft.company && s.t > -1);
  if (draft.company === null && draft.title !== null && rest[0] !== undefined) draft.company = rest[0].p.text;
  else if (draft.title === null && draft.company !== null && rest[0] !== undefined) draft.title = rest[0].p.text;
  else if (draft.title === null && draft.company === null && rest.length > 0) {
    draft.title = rest[0]!.p.text;
    draft.company = rest[1]?.p.text ?? null;
  }
  return draft;
}

function isNameLike(text: string): boolean {
  if (text.length < 2 || text.length > 90) return false;
  if (!/^[\p{Lu}\d"“'(&]/u.test(text)) return false;
  return /\p{L}{2}/u.test(text);
}

/** The missing title (or company) on a short line among the first lines of the role's body. */
function fillFromWindow(draft: Draft, rows: readonly Row[], anchor: number, next: number, want: 'title' | 'company', own: number[]): void {
  const start = Math.max(anchor, ...own) + 1;
  for (let j = start; j < Math.min(next, start + 4); j++) {
    const row = rows[j]!;
    if (row.line.bullet) break;
    if (!row.header) continue;
    const parts = splitParts(row.line.text).filter((p) => p.kind === null || p.kind === want);
    for (const p of parts) {
      const score = want === 'title' ? titleScore(p.text) : companyScore(p.text);
      const other = want === 'title' ? companyScore(p.text) : titleScore(p.text);
      if ((p.kind === want || (score >= 1.5 && score > other)) && p.text !== draft.title && p.text !== draft.company) {
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
