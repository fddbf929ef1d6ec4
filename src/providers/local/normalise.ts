import { unflattenText } from '../../ingest/normalise.js';
import { findDateRanges, findDateTokens, isDateOnly } from './dates.js';

/**
 * Resume text → lines. Text reaches the parser in two shapes:
 *  - from ingest, with real line breaks and blank lines between blocks;
 *  - copy-pasted or flattened (the dev set), with no newlines at all: a line break became a run of 2–3
 *    spaces and a paragraph break a run of 4 or more.
 * Both come out as the same list of trimmed lines, each knowing whether a block break preceded it and
 * whether it was a bullet point.
 */

export interface Line {
  text: string;
  /** A bullet marker (•, -, *, …) started the line; the marker itself is removed from `text`. */
  bullet: boolean;
  /** A blank line (or a wide gap in flattened text) came before this line. */
  blockStart: boolean;
}

/** Invisible characters that only break words apart in extracted text. */
const INVISIBLE_RE = /[\u200b-\u200d\u2060\ufeff\u00ad\ufffc]/g;
/** Control characters and private-use glyphs (Wingdings bullets, phone/mail icons) act as separators. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
const SEPARATOR_GLYPH_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ue000-\uf8ff]/g;
const BULLET_CHARS = '•●▪■♦◦‣∙·○◆►▶➢➤✓✔❖□◘⦁⁃';
const BULLET_RE = new RegExp(`^(?:[${BULLET_CHARS}]|[-*–—>{](?=\\s)|o(?=\\s+[A-Z])|\\u0001)\\s*`);
const ONLY_BULLETS_RE = new RegExp(`^[${BULLET_CHARS}\\s*\\-–—|]+$`);
/** Rules and decorations that carry no text: "________", "=====", ":", "|", and page furniture ("Page 2 of 3"). */
const DECORATION_RE = /^(?:[\s_=~*#|:;.,\-–—⎯―]*|(?:page\s+)?\d{1,2}\s*(?:of|\/)\s*\d{1,2}|page\s+\d{1,2})$/i;
const SEP_PLACEHOLDER = '\u0001';

export function toLines(raw: string): Line[] {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE_RE, '')
    .replace(/\u00a0/g, ' ')
    .replace(SEPARATOR_GLYPH_RE, ` ${SEP_PLACEHOLDER} `);
  // Flattened text (line breaks turned into runs of spaces) gets its breaks back first, as at ingest.
  const pieces = splitLined(unflattenText(text));
  return mergeWrapped(mergeSplitDateRanges(mergeLabelValues(cleanPieces(pieces))));
}

interface Piece {
  text: string;
  blockStart: boolean;
}

/** A column's label, or an empty cell (a row that opens with a tab). */
const COLUMN_LABEL_RE =
  /^(?:period|dates?|duration|from|to|years?|employer|company|organi[sz]ation|position|(?:job\s+)?title|role|designation|location|place|city|institution|school|university|college|board|degree|qualification|course|grade|percentage|c?gpa|result|marks|subject|major|specialization|year of passing)?$/i;

function splitLined(text: string): Piece[] {
  const pieces: Piece[] = [];
  let block = true;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      block = true;
      continue;
    }
    // Tab stops, wide gaps and dot leaders inside a line separate columns ("Engineer        Jan 2020 – Present",
    // "Director, Acme ........ 2019 – Present").
    const cells = line.split(/\t+| {3,}|\s*(?:\.\s?){4,}\s*|\s*…{2,}\s*/);
    // A flattened table's header row ("Period  Employer  Position") names columns, nothing of the person's.
    if (cells.length >= 2 && cells.every((c) => COLUMN_LABEL_RE.test(c.trim()))) {
      block = true;
      continue;
    }
    for (const cell of cells) {
      pieces.push({ text: cell, blockStart: block });
      block = false;
    }
  }
  return pieces;
}

function cleanPieces(pieces: Piece[]): Line[] {
  const lines: Line[] = [];
  let pendingBullet = false;
  let pendingBlock = false;
  for (const piece of pieces) {
    let text = piece.text.trim();
    const blockStart: boolean = piece.blockStart || pendingBlock;
    if (text === '' || text === SEP_PLACEHOLDER) {
      pendingBlock = blockStart;
      continue;
    }
    if (ONLY_BULLETS_RE.test(text) && /[^\s|]/.test(text) && !DECORATION_RE.test(text)) {
      // A column of bullet glyphs split from its text: the next line is a bullet point.
      pendingBullet = true;
      pendingBlock = blockStart;
      continue;
    }
    if (DECORATION_RE.test(text)) {
      pendingBlock = true;
      continue;
    }
    let bullet = pendingBullet;
    const marker = BULLET_RE.exec(text);
    if (marker !== null) {
      bullet = true;
      text = text.slice(marker[0].length);
    }
    text = text
      .split(SEP_PLACEHOLDER)
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .join(' | ')
      .replace(/\s+/g, ' ')
      .trim();
    pendingBullet = false;
    pendingBlock = false;
    if (text === '' || DECORATION_RE.test(text)) continue;
    lines.push({ text, bullet, blockStart });
  }
  return lines;
}

/**
 * A range whose dash was lost in extraction arrives split over two lines: "2015" / "Present Associate
 * Professor", or "Manager, September 2013" / "Present". When one of the two lines is only a date, the line
 * ends with a date and the next starts with a later one (or "Present"), they are one line again, even when
 * the second line's dash made it look like a bullet point.
 */
function mergeSplitDateRanges(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    // "– February 2019" under "Engineer · June 2016" lost its line to the wrap and looks like a bullet point.
    const continues = next !== undefined && (!next.bullet || isDateOnly(next.text));
    if (continues && endsWithOpenDate(line.text) && startsWithDate(next.text)) {
      if (isDateOnly(line.text) || isDateOnly(next.text)) {
        // Joined with a space, as in the source: the date parser reads "2015 Present" as a range.
        const joined = `${line.text} ${next.text}`;
        out.push({ text: joined, bullet: line.bullet, blockStart: line.blockStart });
        i++;
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

/** The line ends with a single date that does not already close a range. */
function endsWithOpenDate(text: string): boolean {
  const ranges = findDateRanges(text);
  const last = ranges.at(-1);
  if (last === undefined || last.end !== null || last.current) return false;
  return /^[\s,.:;)\-–—]*$/.test(text.slice(last.index + last.length));
}

/** The line starts with "Present" or with a date that does not open a range of its own. */
function startsWithDate(text: string): boolean {
  const tokens = findDateTokens(text);
  const first = tokens[0];
  if (first === undefined || !/^[\s\-–—:(]*$/.test(text.slice(0, first.index))) return false;
  if (first.present) return true;
  const range = findDateRanges(text)[0];
  return range !== undefined && range.end === null && !range.current;
}

/** Table layouts split "Role" and ": Lead Analyst" into two cells; they are one "label: value" line. */
function mergeLabelValues(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^[:：]\s*\S/.test(line.text) && !/[:：]$/.test(prev.text) && prev.text.split(' ').length <= 4) {
      prev.text = `${prev.text} ${line.text}`;
      continue;
    }
    out.push(line);
  }
  return out;
}

const MONTH_END_RE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/i;

/** Width-wrapped prose: a long line without final punctuation continued by a line starting in lower case. */
function mergeWrapped(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    const wrappedProse = prev !== undefined && prev.text.length >= 45 && /^[a-z(&]/.test(line.text) && !/[.:;!?]$/.test(prev.text);
    // "… from July" / "2009.": a date cut in two by the page width.
    const wrappedDate = prev !== undefined && prev.text.length >= 30 && MONTH_END_RE.test(prev.text) && /^(?:19|20)\d{2}\b/.test(line.text);
    if (prev !== undefined && !line.bullet && !line.blockStart && (wrappedProse || wrappedDate)) {
      prev.text = `${prev.text} ${line.text}`;
      continue;
    }
    out.push(line);
  }
  return out;
}
