import type { PartialDate } from '../../domain/index.js';

/**
 * Dates as resumes write them: "Jan 2021", "01/2019", "2/1/2012", "Summer 2018", "'19", "2019", and the
 * words that mean "still there" (Present, Current, till date…). Everything resolves to a PartialDate
 * ("YYYY" or "YYYY-MM"): a day is never kept, and a season keeps only its year, because inventing a month
 * would be a value that is not in the text.
 */

export interface DateToken {
  /** Null for "Present" and its synonyms. */
  date: PartialDate | null;
  present: boolean;
  index: number;
  end: number;
}

export interface DateRange {
  start: PartialDate | null;
  end: PartialDate | null;
  /** True when the range is open ("– Present", "since 2019"). */
  current: boolean;
  /**
   * Both ends were written, even when a template left their years unknown ("20XX – 20XX", "May 19xx –
   * June 19xx"): a span of time, not a lone date.
   */
  closed: boolean;
  /** Where the range (or lone date) is in the line. */
  index: number;
  length: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
/** Every dash a range is written with: hyphen-minus, en and em dashes, and the Unicode hyphens and minus sign. */
const DASHES = String.raw`\-–—‒―‐‑−`;
const YEAR4 = String.raw`(?:19[4-9]\d|20[0-4]\d)`;
/** Templates write "20XX" or "[Year]": still a date position (an anchor for a role), but no value. */
const PLACEHOLDER = String.raw`(?:(?:19|20)[xX]{2}|\[\s*(?:year|yyyy)\s*\])`;
const YEAR_OR_PLACEHOLDER = String.raw`(?:19[4-9]\d|20[0-4]\d|${PLACEHOLDER})`;
const SEASON = String.raw`(spring|summers?|fall|autumn|winters?)`;
const PRESENT = String.raw`(present|current(?:ly)?|now|today|ongoing|(?:till|til|until|to)\s+(?:the\s+)?(?:date|now|present))`;

/** "Present", "Ongoing", "till date": the word alone, an open end with no date. */
export const PRESENT_WORD_RE = new RegExp(`^${PRESENT}$`, 'i');

/**
 * One alternation, tried left to right at each position; the order matters (longest, most specific first).
 * Every branch is anchored on fixed text or bounded digit runs, so the scan stays linear.
 */
const TOKEN_RE = new RegExp(
  [
    // 5 January 2021, 1st September 2014
    String.raw`(?<![\w/])(?<dm_day>${DAY})\s+${MONTH.replace('(jan', '(?<dm_mon>jan')}[\s,]*(?<dm_year>${YEAR4})(?!\d)`,
    // January 5, 2021 / Jan 2021 / Jan. '19 / Sept, 2013 / Jan-2021
    String.raw`(?<![\w])${MONTH.replace('(jan', '(?<m_mon>jan')}(?:[\s,.\-/]{0,3}${DAY},?)??[\s,.\-/]{0,3}(?:(?<m_year>${YEAR_OR_PLACEHOLDER})|['’](?<m_yy>\d{2}))(?!\d)`,
    // Sept 13 (month and two-digit year, as Indian and British resumes write it)
    String.raw`(?<![\w])${MONTH.replace('(jan', '(?<my2_mon>jan')}\s{1,2}(?<my2_yy>\d{2})(?![\d:]|\s*(?:st|nd|rd|th)\b|,?\s*(?:19|20)\d{2})`,
    // Summer 2018
    String.raw`(?<![\w])${SEASON.replace('(spring', '(?<s_season>spring')}[\s,]{0,3}(?<s_year>${YEAR_OR_PLACEHOLDER})(?!\d)`,
    // 2/1/2012, 18/06/2014, 10.04.1978 (day kept out)
    String.raw`(?<![\d/.])(?<n3_a>\d{1,2})[/.\-](?<n3_b>\d{1,2})[/.\-](?<n3_year>${YEAR4}|\d{2})(?!\d|[/.]\d)`,
    // 01/2019, 3-2020, 08 / 2008, 2019/03, 2019.03
    String.raw`(?<![\d/.])(?<n2_mon>0?[1-9]|1[0-2])(?:[/.\-]|\s?/\s?)(?<n2_year>${YEAR4})(?!\d)`,
    String.raw`(?<![\d/.\-])(?<n2r_year>${YEAR4})[/.](?<n2r_mon>0?[1-9]|1[0-2])(?!\d|[/.]\d)`,
    // 7/95 (month/two-digit year; slash only, to keep fractions and scores out)
    String.raw`(?<![\d/.])(?<my_mon>0?[1-9]|1[0-2])/(?<my_yy>\d{2})(?![\d/])`,
    // '19
    String.raw`(?<![\w'’])['’](?<yy>\d{2})(?![\d'’])`,
    // 2019-03, 2019-03-15: ISO year and month (and day, kept out), except an academic year ("2011-12").
    String.raw`(?<![\d.$€£/\-])(?<iso_year>${YEAR4})-(?<iso_mon>0[1-9]|1[0-2])(?<iso_day>-(?:0[1-9]|[12]\d|3[01]))?(?![\d%]|-\d|:\d|[/.]\d)`,
    // 1984-86, 2019 – 20: a year range whose end keeps two digits.
    String.raw`(?<![\d.$€£/])(?<yr_a>${YEAR4})(?<yr_gap>\s*[${DASHES}]\s*)(?<yr_b>\d{2})(?![\d%]|:\d|[/.]\d|\s*(?:st|nd|rd|th)\b)`,
    // 20132015: two years whose dash was lost
    String.raw`(?<![\d.,$€£])(?<gl_a>${YEAR4})(?<gl_b>${YEAR4})(?![\d%])`,
    // 2019
    String.raw`(?<![\d.$€£])(?<year>${YEAR4})(?![\d%]|,\d)`,
    String.raw`(?<![\w])(?<ph_year>${PLACEHOLDER})(?!\w)`,
    // Present, Current, till date…
    String.raw`(?<![\p{L}])${PRESENT.replace('(present', '(?<present>present')}(?!\w)`,
  ].join('|'),
  'giu',
);

/** What may stand between the two ends of a range: dashes, "to", "till", "until"…, or nothing at all. */
const RANGE_GAP_RE = new RegExp(
  String.raw`^[\s,:;()[\]]*(?:(?:[${DASHES}]+|~|to|till|til|until|through|thru|upto|up to|and|->|-->|→|»|\/)[\s,:;()[\]]*(?:until:?\s*)?)?$`,
  'iu',
);

const SINCE_RE = /(?:since|from)[\s:]*$/i;
/** "2018 – Date": a dash before the bare word "Date" is short for "to date". */
const DASH_DATE_RE = new RegExp(String.raw`^\s*[${DASHES}]+\s*date\b(?!\s+of\b)`, 'i');
/** "May 2014 onwards": an open range written after its start. */
const ONWARDS_RE = /^[\s,]*(?:onwards?|forward|and\s+ongoing)\b/i;
/** "January - May 2011": a start month whose year is the end's. */
const MONTH_ONLY_START_RE = new RegExp(String.raw`(?<![\w])${MONTH}[\s,]*(?:[${DASHES}]+|to|till|until|through)\s*$`, 'iu');

function pad(month: number): string {
  return month < 10 ? `0${month}` : String(month);
}

function yearFromTwoDigits(yy: number, referenceYear: number): number {
  // "'19" is 2019 unless that is more than a few years ahead of the reference date.
  const century = yy + 2000 <= referenceYear + 5 ? 2000 : 1900;
  return century + yy;
}

/**
 * "1984-86" → 1986, "1998-02" → 2002. Null when the end would be more than a few decades after the start, or
 * when a plain "2019-03" could be an ISO year-month (ends up to 12 need spaces or a dash other than "-").
 */
function twoDigitEndYear(start: number, yy: number, gap: string): number | undefined {
  if (yy <= 12 && gap === '-') return undefined;
  let end = start - (start % 100) + yy;
  if (end < start) end += 100;
  return end - start <= 30 ? end : undefined;
}

function isPlaceholder(year: string): boolean {
  return !/^\d+$/.test(year);
}

function monthNumber(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? 0;
}

/** Null for a placeholder year ("20XX"). */
function partial(year: number, month: number | null): PartialDate | null {
  if (Number.isNaN(year)) return null;
  return month === null ? String(year) : `${year}-${pad(month)}`;
}

/**
 * Which number of "01/03/2020" is the month. US resumes write the month first; Europass, British, Indian and
 * most European ones the day. One resume keeps one order, so it is decided once per document.
 */
export type NumericDateOrder = 'month-first' | 'day-first';

const NUMERIC_DATE_RE = /(?<![\d/.])(\d{1,2})([/.-])(\d{1,2})\2(?:19|20)\d\d(?!\d)/g;

/**
 * The document's order, from the dates that settle it: "29/02/2020" can only be day-first, "12/31/2019" only
 * month-first, and a dotted "01.03.2020" is European. Month-first (the US reading) when nothing settles it.
 */
export function numericDateOrder(text: string): NumericDateOrder {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const m of text.matchAll(NUMERIC_DATE_RE)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 31 || b > 31) continue;
    if (a > 12 && b <= 12) dayFirst++;
    else if (b > 12 && a <= 12) monthFirst++;
    else if (m[2] === '.') dayFirst++;
  }
  return dayFirst > monthFirst ? 'day-first' : 'month-first';
}

/** Every date-like token in a line, in order. */
export function findDateTokens(text: string, referenceDate: Date = new Date(), order: NumericDateOrder = 'month-first'): DateToken[] {
  const referenceYear = referenceDate.getUTCFullYear();
  const tokens: DateToken[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const g = m.groups ?? {};
    if (g.yr_a !== undefined && g.yr_b !== undefined) {
      const end = twoDigitEndYear(Number(g.yr_a), Number(g.yr_b), g.yr_gap ?? '');
      const bIndex = m.index + 4 + (g.yr_gap ?? '').length;
      tokens.push({ date: g.yr_a, present: false, index: m.index, end: m.index + 4 });
      if (end !== undefined && end <= referenceYear + 10) {
        tokens.push({ date: String(end), present: false, index: bIndex, end: bIndex + 2 });
      }
      continue;
    }
    // "2011-12" is a school or financial year: a month that is the year's next year is read as that year.
    if (g.iso_year !== undefined && g.iso_day === undefined && Number(g.iso_mon) === (Number(g.iso_year) % 100) + 1) {
      tokens.push({ date: g.iso_year, present: false, index: m.index, end: m.index + 4 });
      tokens.push({ date: String(Number(g.iso_year) + 1), present: false, index: m.index + 5, end: m.index + 7 });
      continue;
    }
    if (g.gl_a !== undefined && g.gl_b !== undefined) {
      if (g.gl_a > g.gl_b) continue; // an id number, not a range
      tokens.push({ date: g.gl_a, present: false, index: m.index, end: m.index + 4 });
      tokens.push({ date: g.gl_b, present: false, index: m.index + 4, end: m.index + 8 });
      continue;
    }
    const token = tokenFromGroups(g, referenceYear, order);
    if (token === undefined) continue;
    tokens.push({ date: token.date, present: token.present, index: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

function tokenFromGroups(
  g: Record<string, string | undefined>,
  referenceYear: number,
  order: NumericDateOrder,
): { date: PartialDate | null; present: boolean } | undefined {
  if (g.present !== undefined) return { date: null, present: true };
  if (g.dm_mon !== undefined) return { date: partial(Number(g.dm_year), monthNumber(g.dm_mon)), present: false };
  if (g.m_mon !== undefined) {
    const year = g.m_year !== undefined ? (isPlaceholder(g.m_year) ? NaN : Number(g.m_year)) : yearFromTwoDigits(Number(g.m_yy), referenceYear);
    return { date: partial(year, monthNumber(g.m_mon)), present: false };
  }
  if (g.my2_mon !== undefined) {
    return { date: partial(yearFromTwoDigits(Number(g.my2_yy), referenceYear), monthNumber(g.my2_mon)), present: false };
  }
  if (g.s_season !== undefined) {
    const year = g.s_year === undefined || isPlaceholder(g.s_year) ? NaN : Number(g.s_year);
    return { date: partial(year, null), present: false };
  }
  if (g.n3_a !== undefined) {
    const a = Number(g.n3_a);
    const b = Number(g.n3_b);
    const rawYear = g.n3_year ?? '';
    const year = rawYear.length === 2 ? yearFromTwoDigits(Number(rawYear), referenceYear) : Number(rawYear);
    // The document's order, unless the number it names cannot be a month.
    const [first, second] = order === 'day-first' ? [b, a] : [a, b];
    const month = first >= 1 && first <= 12 ? first : second >= 1 && second <= 12 ? second : 0;
    if (month === 0 || a === 0 || b === 0 || a > 31 || b > 31) return undefined;
    if (year < 1940 || year > referenceYear + 10) return undefined;
    return { date: partial(year, month), present: false };
  }
  if (g.n2_mon !== undefined) return { date: partial(Number(g.n2_year), Number(g.n2_mon)), present: false };
  if (g.n2r_year !== undefined) return { date: partial(Number(g.n2r_year), Number(g.n2r_mon)), present: false };
  if (g.iso_year !== undefined) return { date: partial(Number(g.iso_year), Number(g.iso_mon)), present: false };
  if (g.my_mon !== undefined) {
    return { date: partial(yearFromTwoDigits(Number(g.my_yy), referenceYear), Number(g.my_mon)), present: false };
  }
  if (g.ph_year !== undefined) return { date: null, present: false };
  if (g.yy !== undefined) return { date: partial(yearFromTwoDigits(Number(g.yy), referenceYear), null), present: false };
  if (g.year !== undefined) {
    const year = Number(g.year);
    if (year > referenceYear + 10) return undefined;
    return { date: partial(year, null), present: false };
  }
  return undefined;
}

/**
 * Date ranges and lone dates in a line. Two tokens joined by a dash, "to", "till"… (or by nothing, since
 * dashes are often lost in extraction) form a range; "Present" as the second end makes it current. A lone
 * date after "since"/"from" is an open range. Other lone dates come back as start-only ranges.
 */
export function findDateRanges(text: string, referenceDate: Date = new Date(), order: NumericDateOrder = 'month-first'): DateRange[] {
  const tokens = findDateTokens(text, referenceDate, order);
  const ranges: DateRange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1];
    if (a.present) continue; // a "Present" with no start is not a date of ours
    if (b !== undefined && RANGE_GAP_RE.test(text.slice(a.end, b.index)) && rangeIsOrdered(a, b)) {
      ranges.push({
        start: a.date,
        end: b.present ? null : b.date,
        current: b.present,
        closed: true,
        index: a.index,
        length: b.end - a.index,
      });
      i++;
      continue;
    }
    const toDate = DASH_DATE_RE.exec(text.slice(a.end));
    if (toDate !== null) {
      ranges.push({ start: a.date, end: null, current: true, closed: true, index: a.index, length: a.end + toDate[0].length - a.index });
      continue;
    }
    const monthOnly = monthOnlyRange(text, a);
    if (monthOnly !== undefined) {
      ranges.push(monthOnly);
      continue;
    }
    const onwards = ONWARDS_RE.exec(text.slice(a.end));
    const open = onwards !== null || SINCE_RE.test(text.slice(Math.max(0, a.index - 8), a.index));
    const end = a.end + (onwards?.[0].length ?? 0);
    ranges.push({ start: a.date, end: null, current: open, closed: false, index: a.index, length: end - a.index });
  }
  return ranges;
}

/**
 * "January - May 2011": the start month borrows the end's year ("November - February 2011" starts in the
 * year before); "August – November 20XX" is a span whose years a template left out. Undefined unless `end`
 * is a month-precise date (or a placeholder) preceded by a bare month and a dash or "to".
 */
function monthOnlyRange(text: string, end: DateToken): DateRange | undefined {
  if (end.present || (end.date !== null && end.date.length !== 7)) return undefined;
  const before = text.slice(Math.max(0, end.index - 24), end.index);
  const m = MONTH_ONLY_START_RE.exec(before);
  if (m === null) return undefined;
  const index = end.index - before.length + m.index;
  // "August – November 20XX": a template's span, both years unknown.
  if (end.date === null) return { start: null, end: null, current: false, closed: true, index, length: end.end - index };
  const startMonth = monthNumber(m[1]!);
  const endYear = Number(end.date.slice(0, 4));
  const year = startMonth <= Number(end.date.slice(5, 7)) ? endYear : endYear - 1;
  return { start: partial(year, startMonth), end: end.date, current: false, closed: true, index, length: end.end - index };
}

function rangeIsOrdered(a: DateToken, b: DateToken): boolean {
  if (b.present || a.date === null || b.date === null) return true;
  return a.date.slice(0, 4) <= b.date.slice(0, 4);
}

/** A single date ("May 2010", "2019", "03/2020") or null. */
export function parsePartialDate(text: string, referenceDate: Date = new Date()): PartialDate | null {
  const token = findDateTokens(text, referenceDate).find((t) => !t.present);
  return token?.date ?? null;
}

const ONLY_DATE_WORDS_RE = new RegExp(
  String.raw`^[\s,:;()[\]${DASHES}~|/.]*(?:(?:to|till|until|through|since|from|and|expected|graduated|graduation|date)[\s,:;()[\]${DASHES}~|/.]*)*$`,
  'iu',
);

/** True when the text holds nothing but dates, separators and "Present" words. */
export function isDateOnly(text: string, referenceDate: Date = new Date()): boolean {
  const tokens = findDateTokens(text, referenceDate);
  if (tokens.length === 0) return false;
  let rest = '';
  let at = 0;
  for (const t of tokens) {
    rest += text.slice(at, t.index);
    at = t.end;
  }
  rest += text.slice(at);
  return ONLY_DATE_WORDS_RE.test(rest);
}

/** Month index (months since year 0) of a partial date; a year alone counts as January. */
export function monthIndex(date: PartialDate): number {
  const year = Number(date.slice(0, 4));
  const month = date.length > 4 ? Number(date.slice(5, 7)) : 1;
  return year * 12 + month - 1;
}

export function referenceMonthIndex(referenceDate: Date): number {
  return referenceDate.getUTCFullYear() * 12 + referenceDate.getUTCMonth();
}

export interface Interval {
  start: PartialDate | null;
  end: PartialDate | null;
  current: boolean;
}

/**
 * Months covered by a set of roles, overlaps counted once. A role with month precision at both ends counts
 * both months (Jan–Mar is 3 months); a year-only end counts up to January of that year, so "2004–2007" is 36
 * months, not 48. Roles without a start, or ending before they start, are ignored.
 */
export function totalMonths(intervals: readonly Interval[], referenceDate: Date): number {
  const now = referenceMonthIndex(referenceDate) + 1;
  const spans: [number, number][] = [];
  for (const r of intervals) {
    if (r.start === null) continue;
    const from = monthIndex(r.start);
    let to: number;
    if (r.current) to = now;
    else if (r.end === null) continue;
    else to = monthIndex(r.end) + (r.end.length > 4 && r.start.length > 4 ? 1 : 0);
    to = Math.min(to, now);
    if (to > from) spans.push([from, to]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  let total = 0;
  let curFrom = -1;
  let curTo = -1;
  for (const [from, to] of spans) {
    if (from > curTo) {
      total += curTo - curFrom;
      curFrom = from;
      curTo = to;
    } else if (to > curTo) {
      curTo = to;
    }
  }
  total += curTo - curFrom;
  return total;
}
