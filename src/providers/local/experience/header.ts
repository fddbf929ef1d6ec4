import { isCountry, locationIn } from '../location.js';
import { companyScore, isOrganisationLike, titleScore } from '../entities.js';
import { COMPANY_SUFFIXES, REGION_CODES, TITLE_HEADS } from '../vocab.js';

/**
 * A role's header lines cut into parts: "Title, Company, City, ST" → a title, a company and a location,
 * with labelled fields ("Position: …", "Company: …") taken at their word.
 */

export interface Part {
  text: string;
  kind: 'title' | 'company' | 'client' | 'location' | null;
  /** The only name on its line ("Lanternfish"), not one of a line's comma parts ("Director, Mobile"). */
  alone?: boolean;
}

const CITY_CODE_RE = /^\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){0,2}\s([A-Z]{2})$/u;

const COMPANY_LABEL_RE = /^(?:company|employer|organi[sz]ation|firm|agency|institution)(?:\s+name)?\s*[:：]\s*/i;

/** "Client: X" names whom a consultant served: the company only when the header names no employer. */
const CLIENT_LABEL_RE = /^(?:client|customer|end\s+client)(?:\s+name)?\s*[:：]\s*/i;

/** "Position: Advisor", "Job Title | Analyst": a label naming the title after it. */
export const TITLE_LABEL_RE = /^(?:position(?:\s+held)?|post|job\s+title|title|role|designation|occupation)\s*(?:[:：]|\|(?=.*\p{L}))\s*/iu;

const OTHER_LABEL_RE = /^(?:duration|period|dates?|location|place|since|from|tenure)\s*[:：]\s*/i;

/** "Position:", "Company Name:", "Period:" alone on a line: a form's label, its value on the next line. */
export function isFieldLabel(text: string): boolean {
  const trimmed = text.trim();
  return [COMPANY_LABEL_RE, TITLE_LABEL_RE, OTHER_LABEL_RE].some((re) => re.exec(trimmed)?.[0].length === trimmed.length);
}

/** Lines that introduce a list inside a role; never a title or company. */
const BODY_LABEL_RE = /^(?:(?:key|main|major|primary|job|roles?\s+and)\s+)?(?:responsibilities|duties|achievements|accomplishments|tasks|highlights|projects|environment|tools|technologies|skills|description|summary|clients|reference)(?:\s+(?:&\s+)?\w+){0,2}\s*[:：]?$/i;

/** "Key Responsibilities", "Projects Handled": a body label, unless it ends in a job noun ("Reference Librarian"). */
export function isBodyLabel(text: string): boolean {
  if (!BODY_LABEL_RE.test(text)) return false;
  const last = text.trim().replace(/[:：]$/, '').split(/\s+/).at(-1)!.toLowerCase();
  return !TITLE_HEADS.has(last);
}

/** Department words that belong to the title before them: "Vice President, Sales". */
export const DEPARTMENT_RE = /^(?:sales|marketing|operations|engineering|finance|hr|human resources|it|technology|product|research|development|administration|qa|quality|support|customer service|business development|strategy|communications|legal|compliance|procurement|logistics|design|training|education|accounting|r&d)$/i;

/**
 * Separators between a header's parts. A dash spaced on one side only ("Clearwire- Kansas City, MO") is one
 * too; a dash inside a word ("Coca-Cola", "Hewlett-Packard") is not.
 */
export const PART_SPLIT_RE = /\s+(?:\||·|•|●|—|–|-{1,2}|~)\s+|\s*\|\s*|(?<=[\p{L}\d.)])[-–—]\s+(?=\p{Lu})|\s+[-–—](?=\p{Lu}\p{Ll})|\s+at\s+(?=\p{Lu})|\s+@\s+/u;

const BRACKETED_TITLE_RE = /\(\s*(?:designation|position|role|title)\s*[:：]\s*([^()]{2,60})\)/i;

/** A header line's parts: "Title, Company, City, ST" → three parts, the location kept whole. */
export function splitParts(text: string): Part[] {
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
  for (const chunk of splitOutsideBrackets(text).flatMap(titleSlashName).flatMap(nameColonPlace)) {
    const clean = cleanValue(chunk);
    if (clean === '' || isSentence(clean)) continue;
    parts.push(...splitCommas(clean));
  }
  return parts;
}

const PART_SPLIT_GLOBAL_RE = new RegExp(PART_SPLIT_RE.source, 'gu');

/** Parts; an "at" inside brackets is an aside's: "Aspen Talent (placed at Summit Bank)" is one name. */
function splitOutsideBrackets(text: string): string[] {
  if (!text.includes('(')) return text.split(PART_SPLIT_RE);
  const chunks: string[] = [];
  let from = 0;
  for (const m of text.matchAll(PART_SPLIT_GLOBAL_RE)) {
    const before = text.slice(0, m.index);
    if (/^\s+(?:at|@)\s+$/.test(m[0]) && before.split('(').length > before.split(')').length) continue;
    chunks.push(text.slice(from, m.index));
    from = m.index + m[0].length;
  }
  chunks.push(text.slice(from));
  return chunks;
}

/** "Whole Foods Market: Plymouth Meeting, PA": a colon between a name and the place it is in. */
function nameColonPlace(chunk: string): string[] {
  const m = /^([^:：]{2,80}?)\s*[:：]\s+(\p{Lu}.{1,60})$/u.exec(chunk);
  return m !== null && locationIn(m[2]!) === m[2]!.replace(/[\s,.]+$/, '') ? [m[1]!, m[2]!] : [chunk];
}

/** "Program Management", "Web Development": a line of work, which a title names, not an employer. */
const FUNCTION_RE = /\b(?:management|development|administration|planning|analysis|engineering|design|support|programs?|projects?)$/i;

/**
 * "Software developer / FXHome, Leeds", "Intern engineer / SII": a spaced slash after a job title, before a
 * name that is not another title, separates the title from where it was held. "Founder / CEO" or
 * "Director of Finance / Program Management" stay one part, for the titles' own split.
 */
function titleSlashName(chunk: string): string[] {
  const at = chunk.indexOf(' / ');
  if (at < 0) return [chunk];
  const title = chunk.slice(0, at).trim();
  const rest = chunk.slice(at + 3).trim();
  const name = rest.split(/\s*[,(]\s*/)[0]!;
  const isName = isEmployerName(name) && !DEPARTMENT_RE.test(name) && !FUNCTION_RE.test(name);
  return isName && titleScore(title) >= 2 && companyScore(title) < 1 ? [title, rest] : [chunk];
}

/**
 * More than ten words is a sentence, unless commas cut it into capitalised names: "Principal, Oak Ridge
 * High School, Lake County Public Schools, Springfield, IL" is five short parts, not eleven words of prose.
 */
export function isSentence(chunk: string): boolean {
  const trimmed = chunk.trim();
  if (trimmed.split(/\s+/).length <= 10) return false;
  const pieces = trimmed.split(/\s*[,;]\s*/).filter((p) => p !== '');
  return pieces.length < 2 || pieces.some((p) => !/^[\p{Lu}\d]/u.test(p) || (p.split(/\s+/).length > 6 && !isTitleCase(p.split(/\s+/))));
}

/** Every word capitalised but the small joining ones: a run of names, not a sentence. */
export function isTitleCase(words: readonly string[]): boolean {
  return words.every((w) => /^[\p{Lu}\d&("“]/u.test(w) || /^(?:of|and|for|the|in|at|on|de|du|la|y|&|-|–|—)$/.test(w));
}

/** A header line's parts, a lone name marked as such. */
export function lineParts(text: string): Part[] {
  const parts = splitParts(text);
  const named = parts.filter((p) => p.kind !== 'location');
  if (named.length === 1) named[0]!.alone = true;
  return parts;
}

/** Trims separators and a final full stop or colon, but keeps the dot of "Inc.", "Co." or "S.A.". */
export function cleanValue(text: string): string {
  // "Kestrel Payments (https://kestrel.example.com)": a Markdown link's address after its name.
  const trimmed = text.replace(/\s*\((?:https?:\/\/|www\.)[^()\s]*\)\s*$/, '').replace(/^[\s,;:()|·•\-–—]+|[\s,;:(|·•\-–—/]+$/g, '');
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
  for (const piece of partnerNames(pieces)) {
    const prev = merged.at(-1);
    // "Denver, CO" is Colorado, not "Acme, Co.": a bare state code is never a legal suffix.
    // "Inc. (became Acme, Inc.)": a bracketed aside after the suffix stays with it.
    const suffix = piece.replace(/\s*\([^()]*\)$/, '');
    const isSuffix =
      COMPANY_SUFFIXES.has(suffix.toLowerCase().replace(/(?<=\p{L}{2})\.$/u, '')) &&
      suffix.split(/\s+/).length === 1 &&
      /^(?:inc|ltd|llc|llp|plc|corp|co|gmbh|ag|s\.?a|pvt|pty|l\.l\.c)\.?$/i.test(suffix) &&
      !isBareRegion(suffix);
    const isFirmSuffix = prev !== undefined && isProfessionalSuffix(suffix, prev, pieces.at(-1) === piece);
    const isDepartment = prev !== undefined && DEPARTMENT_RE.test(piece) && titleScore(prev) > 0;
    if (prev !== undefined && (isSuffix || isDepartment || isFirmSuffix)) merged[merged.length - 1] = `${prev}, ${piece}`;
    else merged.push(piece);
  }
  // "CME Group-Chicago, IL": the place hyphened onto the name is the location's first half. A name of one
  // word is left whole: "Hewlett-Packard, CA".
  const joined = merged.length >= 2 ? /^(\S.*\s.*\p{L}[\p{L}.)])-(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)$/u.exec(merged.at(-2)!) : null;
  if (joined !== null && locationIn(`${joined[2]}, ${merged.at(-1)}`) !== null) merged.splice(merged.length - 2, 1, joined[1]!, joined[2]!);
  // A trailing "City, ST" (or "City, Country") is the location.
  for (let n = Math.min(3, merged.length); n >= 1; n--) {
    const tail = merged.slice(merged.length - n).join(', ');
    const location = n === 1 ? (isBareRegion(tail) || isCountry(tail) ? tail : null) : locationIn(tail);
    if (location !== null && location === tail) {
      // "Solicitors, Main Street, Fermoy, Co. Cork": the street before the place is the address, no name.
      const names = merged.slice(0, merged.length - n);
      if (names.length >= 2 && STREET_RE.test(names.at(-1)!)) names.pop();
      return [...names.map((text) => ({ text, kind: null })), { text: tail, kind: 'location' as const }];
    }
  }
  return merged.map((text) => ({ text, kind: null }));
}

/** "Main Street", "12 Harbour Road": words that name nothing but a street ("Court", "Hall" name institutions too). */
const STREET_RE = /^(?:\d+\s+)?(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Boulevard|Blvd\.?|Drive|Parkway|Highway|Crescent)$/u;

/**
 * "Cohen, Jayson & Foster", "Fuhrer, Flournoy, Hunter & Morton": partners' surnames between commas, the
 * last two joined by "&" or "and", are one firm's name, as law and accounting firms write it.
 */
function partnerNames(pieces: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    let j = i;
    while (j < pieces.length && isSurname(pieces[j]!)) j++;
    // The last pair may carry the firm's kind: "Smith, Jones & Taylor Solicitors", "… & Morton Associates".
    const pair = j > i && j < pieces.length ? /^(\p{Lu}\p{Ll}+)\s+(?:&|and)\s+(\p{Lu}\p{Ll}+)(?:\s+(?:Solicitors|Attorneys|Advocates|Accountants|Architects|Associates|Partners))?$/u.exec(pieces[j]!) : null;
    const names = pair === null ? [] : [...pieces.slice(i, j), pair[1]!, pair[2]!];
    // A surname may be a job noun too ("Hunter, Naser, Corda & Evans"), but "Associate, Smith & Jones" is a
    // title and a firm.
    const titled = names.filter((n) => titleScore(n) >= 1).length;
    if (pair !== null && isSurname(pair[1]!) && isSurname(pair[2]!) && (titled === 0 || (titled === 1 && j - i >= 2))) {
      out.push(pieces.slice(i, j + 1).join(', '));
      i = j + 1;
    } else {
      out.push(pieces[i]!);
      i++;
    }
  }
  return out;
}

/** One capitalised word that is no place or line of work: a surname in a firm's name. */
function isSurname(word: string): boolean {
  return /^\p{Lu}\p{Ll}+$/u.test(word) && !DEPARTMENT_RE.test(word) && !FUNCTION_RE.test(word) && locationIn(word) === null;
}

/**
 * "Jack E. Carter, PA", "Cohen, Jayson & Foster, P.A.", "Smith & Lee, PLLC": the suffix of a professional
 * association or corporation. "P.A.", "P.C." and "PLLC" are never places; a bare "PA" is Pennsylvania after a
 * city ("Pittsburgh, PA"), and a firm's suffix only after a name no city has: partners joined by "&", a
 * person's middle initial, a law office, a run of surnames.
 */
function isProfessionalSuffix(suffix: string, prev: string, isLast: boolean): boolean {
  if (/^(?:p\.a\.|p\.c\.?|pc|pllc|p\.l\.l\.c\.?|l\.l\.p\.?)$/i.test(suffix)) return true;
  if (suffix !== 'PA' || !isLast) return false;
  if (/&|\s\p{Lu}\.\s|\blaw\b|\blegal\b/iu.test(prev)) return true;
  // Partners' surnames in a row ("Sessums Black Caballero"): longer than a city's name.
  return (/^\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){2,}$/u.test(prev) || companyScore(prev) >= 1) && titleScore(prev) < 1;
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
export function isLocationLine(text: string): boolean {
  const parts = splitParts(text);
  return parts.length === 1 && parts[0]!.kind === 'location';
}

function isBareRegion(text: string): boolean {
  if (REGION_CODES.has(text) && /^[A-Z]{2}$/.test(text)) return true;
  // "Pittsburgh PA", "San Antonio TX": a city and state code without the comma.
  const code = CITY_CODE_RE.exec(text)?.[1];
  return code !== undefined && REGION_CODES.has(code) && !COMPANY_SUFFIXES.has(code.toLowerCase());
}

export function isNameLike(text: string): boolean {
  if (text.length < 2 || text.length > 90) return false;
  if (!/^[\p{Lu}\d"“'(&]/u.test(text)) return false;
  // Two letters in a row, or initials joined by hyphens ("H-E-B").
  return /\p{L}{2}|^(?:\p{Lu}-){2,}\p{Lu}$/u.test(text);
}

/** A name that could be an employer and does not read as a job title: "Dream a Dream", "Orvane", "SII". */
export function isEmployerName(text: string): boolean {
  return isNameLike(text) && isOrganisationLike(text) && titleScore(text) < 1;
}

/** An organisation its words mark as one ("Heritage Bank", "Acme Labs Inc"), not a job title. */
export function isMarkedOrganisation(text: string): boolean {
  return companyScore(text) >= 1 && titleScore(text) < 1 && isOrganisationLike(text);
}

export function partScore(text: string): number {
  const open = splitParts(text).filter((p) => p.kind !== 'location');
  return Math.max(0, ...open.map((p) => (p.kind !== null ? 2 : Math.max(titleScore(p.text), companyScore(p.text)))));
}

/** A header line that names a role on its own: "Assistant Principal, Elm Park School, Spring, TX". */
export function isCompleteHeader(text: string): boolean {
  const named = splitParts(text).filter((p) => p.kind !== 'location' && p.text !== '');
  return named.length >= 2 && named.some((p) => p.kind === 'title' || titleScore(p.text) >= 1);
}
