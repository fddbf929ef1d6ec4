import { isKnownTitle } from '../../taxonomy/index.js';
import { findPhones } from './contact.js';
import { findDegree } from './degrees.js';
import { locationIn } from './location.js';
import type { Line } from './normalise.js';
import { detectHeading } from './sections.js';
import { NOT_NAME_WORDS, REGION_CODES, REGION_NAMES, STREET_WORDS, TITLE_HEADS, TITLE_MODIFIERS } from './vocab.js';

/** The candidate's name, and the headline title written under it. */

const NAME_LABEL_RE = /^(?:(?:full\s+)?name|candidate|applicant)\s*[:：-]\s*/i;
/** "Dr.", "Mrs", and the professional prefixes of India, Nigeria and the Philippines: "Adv.", "Engr.", "Atty.". */
const HONORIFIC_RE = /^(?:dr|mr|mrs|ms|mx|miss|prof|sir)\.?$|^(?:adv|engr|er|atty|rev)\.$/i;
const NAME_PREFIX_RE = /^(?:resume|résumé|curriculum\s+vitae|cv|vita|bio[- ]?data)(?:\s+of)?\s*[:：-]?\s+/i;
/** Splits a line where contact details or decorations follow the name. */
const NAME_SPLIT_RE = /\s*(?:[|•●·■♦▪~,;:]|\s-\s|\s–\s|\s—\s|\(|\d|@|https?:|www\.)\s*/;
const NAME_TOKEN_RE = /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.(?:\p{Lu}\.)*|(?:de|da|del|der|den|van|von|la|le|di|du|bin|al|el|dos|das|y)|Mc\p{Lu}\p{Ll}+)$/u;
const PLACEHOLDER_TOKEN_RE = /^[Xx*]{2,}$/;
/** "Kumar.S": a surname with an initial glued on. */
const GLUED_INITIAL_RE = /^(\p{Lu}\p{Ll}+)\.\p{Lu}$/u;
/** Letters after a name: degrees, licences and memberships ("RGN", "BEng", "ACCA", "P.Eng."). */
const CREDENTIAL_RE = /^(?:ph\.?d\.?|m\.?d\.?|mba|pmp|cpa|b\.?eng\.?|m\.?eng\.?|b\.?sc\.?|m\.?sc\.?|m\.?phil\.?|d\.?phil\.?|ll\.?b\.?|ll\.?m\.?|rgn|rmn|bsn|msn|lpn|aprn|np|c\.?eng|p\.?eng\.?|aca|acca|cima|fca|cipd|mcipd|mrics|cissp|cfp|sphr|phr|m\.?s\.?|m\.?a\.?|b\.?s\.?|b\.?a\.?|ed\.?\s?d\.?|m\.?ed\.?|jd|j\.d\.|esq\.?|rn|csm|cfa|ccna|mcse|dr\.?|mr\.?|mrs\.?|ms\.?|miss|prof\.?|sir|eng\.?|ir\.?)$/i;

/** Words a name line may end with that are not part of the name. */
const TRAILING_DOCUMENT_WORDS = new Set(['resume', 'résumé', 'cv', 'vitae', 'biodata', 'profile', 'education', 'applicant', 'portfolio']);

const TRAILING_DOCUMENT_RE = new RegExp(`^\\S+\\s+(?:${[...TRAILING_DOCUMENT_WORDS].join('|')})$`, 'i');

/** Common surnames that are also trades; a line "Given Surname" with one of them is still a name. */
const OCCUPATIONAL_SURNAMES = new Set(
  (
    'baker cook painter carpenter mason turner taylor porter carter fisher butler smith cooper miller walker ' +
    'hunter weaver fletcher sawyer thatcher shepherd bishop knight marshall stewart steward chandler parker ' +
    'gardner farmer brewer archer wright potter dyer glover hooper slater tanner barber mercer draper collier ' +
    'fowler chamberlain bailey page clark clarke sadler tyler waller ward warden webber webster wheeler judge ' +
    'dean major sargent sergeant constable forester singer dancer fuller packer roper skinner spencer'
  ).split(' '),
);

/** How many lines from the top a name may be found in, and how far past the first contact line. */
const NAME_WINDOW = 14;
const NAME_AFTER_CONTACT = 3;

export interface NameOptions {
  /** The resume's lines, from the top. */
  lines: readonly Line[];
  emails: readonly string[];
}

/**
 * The first line near the top that reads like a person's name: 1–5 capitalised tokens with no digits,
 * no heading, address, title or template words. "Name: X" labels are honoured; credentials after a comma
 * ("Jane Roe, MBA, PMP") and trailing placeholders ("Jane XXXX") are cut off. Names come before or just
 * after the contact details, so the search stops a few lines past the first e-mail or phone number.
 */
export function findName(options: NameOptions): string | null {
  const contactAt = options.lines.findIndex((l, i) => i < NAME_WINDOW && (l.text.includes('@') || findPhones(l.text).length > 0));
  const end = contactAt < 0 ? NAME_WINDOW : Math.min(NAME_WINDOW, Math.max(4, contactAt + NAME_AFTER_CONTACT));
  const window = options.lines.slice(0, end);
  const labelled = labelledName(options.lines, end);
  if (labelled !== null) return labelled;
  let single: string | null = null;
  for (let i = 0; i < window.length; i++) {
    const candidate = nameCandidate(window[i]!.text);
    if (candidate === null) continue;
    if (candidate.split(' ').length >= 2) return candidate;
    // A lone word is a name only at the very top, or when a document word followed it ("Roe Resume").
    if (single === null && (i <= 1 || TRAILING_DOCUMENT_RE.test(window[i]!.text))) single = candidate;
  }
  return single ?? nameFromEmail(options.lines, options.emails) ?? nameSpelledInEmail(options.lines, options.emails) ?? nameAboveContact(options.lines);
}

/** How far down a resume pasted under other text (a blog post, template notes) may start. */
const LATE_CONTACT_LIMIT = 120;

/**
 * A resume pasted below other text starts late, but still as resumes do: the name, then the address,
 * phone and e-mail. The full name on one of the three lines above the first contact line is the name.
 */
function nameAboveContact(lines: readonly Line[]): string | null {
  const contactAt = lines.findIndex((l, i) => i < LATE_CONTACT_LIMIT && (l.text.includes('@') || findPhones(l.text).length > 0));
  for (let j = contactAt - 1; j >= Math.max(0, contactAt - 3); j--) {
    const candidate = nameCandidate(lines[j]!.text);
    if (candidate !== null && candidate.includes(' ')) return candidate;
  }
  return null;
}

/**
 * Two-column layouts can put the name far below the top ("CONTACT", "SKILLS", … then the name column). A
 * line further down still counts when the e-mail address spells it: "Jane Roe" ↔ jane.roe@….
 */
function nameSpelledInEmail(lines: readonly Line[], emails: readonly string[]): string | null {
  const locals = emails.map((e) => e.split('@')[0]!.toLowerCase().replace(/[^\p{L}]/gu, '')).filter((l) => l.length >= 4);
  if (locals.length === 0) return null;
  for (const line of lines.slice(0, 60)) {
    const c = nameCandidate(line.text);
    if (c === null || !c.includes(' ')) continue;
    const tokens = c.toLowerCase().split(/\s+/).map((t) => t.replace(/[^\p{L}]/gu, '')).filter((t) => t.length > 1);
    if (tokens.length >= 2 && locals.some((local) => tokens.every((t) => local.includes(t)))) return c;
  }
  return null;
}

/** "Name: Jane Roe" anywhere near the top; a bare "Name" cell followed by the value only within the window. */
function labelledName(lines: readonly Line[], window: number): string | null {
  const limit = Math.min(lines.length, 40);
  for (let i = 0; i < limit; i++) {
    const text = lines[i]!.text;
    const label = NAME_LABEL_RE.exec(text);
    if (label !== null && label[0].length < text.length) {
      const c = nameCandidate(text.slice(label[0].length));
      if (c !== null) return c;
      continue;
    }
    if (!/^name\s*[:：]?$/i.test(text)) continue;
    const fromTable = nameFromLabelColumn(lines, i);
    if (fromTable !== null) return fromTable;
    if (i >= window) continue;
    for (let j = i + 1; j < Math.min(i + 3, lines.length); j++) {
      const next = lines[j]!.text.replace(/^[:：]\s*/, '');
      if (next === '') continue;
      const c = nameCandidate(next);
      if (c !== null && c.includes(' ')) return c;
    }
  }
  return null;
}

const LABEL_ONLY_RE = /^[\p{L}][\p{L} .'/-]{0,30}[:：]$/u;

/**
 * Two-column tables extracted column by column: "Name:", "Date of Birth:", "Address:" and then the values in
 * the same order. The name is the value at the label's position in the run.
 */
function nameFromLabelColumn(lines: readonly Line[], at: number): string | null {
  let start = at;
  while (start > 0 && LABEL_ONLY_RE.test(lines[start - 1]!.text)) start--;
  let end = at + 1;
  while (end < lines.length && LABEL_ONLY_RE.test(lines[end]!.text)) end++;
  if (end - start < 2) return null;
  const values = lines.slice(end, end + (end - start) + 3).filter((l) => /\p{L}{2}/u.test(l.text));
  const value = values[at - start];
  return value === undefined ? null : nameCandidate(value.text);
}

/** The cleaned name in a line, or null when the line is not a name. */
export function nameCandidate(text: string): string | null {
  const tokens = nameTokens(text);
  if (tokens === null) return null;
  const name = tokens.join(' ');
  return looksLikeName(tokens, text) ? name : null;
}

/**
 * The tokens of what may be a name, with what surrounds names on resumes cut away: labels and prefixes
 * ("Name:", "Resume of"), contact details after a separator, credentials ("MBA"), placeholders ("XXXX"),
 * a street or a title after the name. Null when the line is clearly something else.
 */
function nameTokens(text: string): string[] | null {
  const line = text.trim().replace(NAME_LABEL_RE, '').replace(NAME_PREFIX_RE, '');
  if (line === '' || detectHeading(line) !== null || findDegree(line)?.index === 0) return null;
  const [head = '', ...tail] = line.split(NAME_SPLIT_RE);
  // "Morris Plains, NJ": a place, not a name.
  const segment = line.split(/\s*[|•●·■♦▪~;]\s*/)[0]!;
  if (tail.length > 0 && locationIn(segment)?.startsWith(head.trim()) === true) return null;
  let tokens = head.trim().split(/\s+/).filter((t) => t !== '');
  // "Jane Roe Resume", "Jane Roe CV": a document word after the name.
  while (tokens.length > 1 && TRAILING_DOCUMENT_WORDS.has(tokens.at(-1)!.toLowerCase())) tokens.pop();
  // "Jane Roe. Smith": a full stop after a word (not an initial) ends the name.
  const stop = tokens.findIndex((t) => /^\p{L}{2,}\.$/u.test(t) && !CREDENTIAL_RE.test(t));
  if (stop >= 1 && stop < tokens.length - 1) tokens = tokens.slice(0, stop + 1).map((t, i) => (i === stop ? t.slice(0, -1) : t));
  tokens = tokens.map((t) => GLUED_INITIAL_RE.exec(t)?.[1] ?? t);
  while (tokens.length > 1 && (PLACEHOLDER_TOKEN_RE.test(tokens.at(-1)!) || CREDENTIAL_RE.test(tokens.at(-1)!))) tokens.pop();
  while (tokens.length > 1 && HONORIFIC_RE.test(tokens[0]!)) tokens.shift();
  if (tokens.some((t) => NOT_NAME_WORDS.has(t.toLowerCase()))) return null;
  // A street word after the name ends it ("Jane Roe Road"), unless a number follows: then it is a building.
  const street = tokens.findIndex((t, i) => i > 0 && STREET_WORDS.has(t.toLowerCase()));
  if (street > 0) {
    if (tail.length > 0 && /\d/.test(line.slice(head.length))) return null;
    tokens = tokens.slice(0, street);
  }
  if (!hasTradeSurname(tokens)) {
    if (tokens.length > 1 && isKnownTitle(tokens.join(' '))) return null;
    tokens = dropTrailingTitle(tokens);
  }
  return dropTrailingShout(tokens);
}

function looksLikeName(tokens: readonly string[], line: string): boolean {
  const name = tokens.join(' ');
  if (tokens.length === 0 || tokens.length > 5 || name.length < 3 || name.length > 60) return false;
  if (!tokens.every((t) => NAME_TOKEN_RE.test(t)) || !/\p{Lu}/u.test(tokens[0]!)) return false;
  if (tokens.every((t) => /^\p{Lu}\.?$/u.test(t))) return false; // "N A M E"
  const first = tokens[0]!.toLowerCase();
  if (TITLE_HEADS.has(first) || TITLE_MODIFIERS.has(first)) return false;
  // A lone word followed by a number is a street ("Peperfeld 55").
  if (tokens.length === 1 && (name.includes('.') || /^\s*\d/.test(line.slice(line.indexOf(name) + name.length)))) return false;
  if (!hasTradeSurname(tokens) && (isTitleLike(tokens) || isKnownTitle(name))) return false;
  if (tokens.every((t) => REGION_CODES.has(t) || REGION_NAMES.has(t.toLowerCase()) || t.toLowerCase() === 'new')) return false;
  return !(tokens.length > 1 && REGION_CODES.has(tokens.at(-1)!)); // "Clayton VIC"
}

/** "Jane Baker", "Mary Cook": a surname that is also a trade does not make the line a job title. */
function hasTradeSurname(tokens: readonly string[]): boolean {
  return tokens.length >= 2 && OCCUPATIONAL_SURNAMES.has(tokens.at(-1)!.toLowerCase()) && /^\p{Lu}\p{Ll}/u.test(tokens[0]!);
}

function isTitleLike(tokens: readonly string[]): boolean {
  return TITLE_HEADS.has(tokens.at(-1)!.toLowerCase().replace(/[.,]$/, ''));
}

/** "Jane Roe Software Engineer" → "Jane Roe": a known title after the name. Two-token lines are left alone (Cook). */
function dropTrailingTitle(tokens: string[]): string[] {
  if (tokens.length < 3 || !isTitleLike(tokens)) return tokens;
  for (let cut = 1; cut < tokens.length; cut++) {
    if (isKnownTitle(tokens.slice(cut).join(' '))) return tokens.slice(0, cut);
  }
  return tokens;
}

/** "Jane Roe PROSPER": an upper-case word after mixed-case name tokens is not part of the name. */
function dropTrailingShout(tokens: string[]): string[] {
  if (tokens.length < 3) return tokens;
  const last = tokens.at(-1)!;
  const mixed = tokens.slice(0, -1).every((t) => /^\p{Lu}\p{Ll}/u.test(t));
  return mixed && /^\p{Lu}{3,}$/u.test(last) ? tokens.slice(0, -1) : tokens;
}

/** Last resort: a line near the e-mail address that holds a name. */
function nameFromEmail(lines: readonly Line[], emails: readonly string[]): string | null {
  const email = emails[0];
  if (email === undefined) return null;
  const at = lines.findIndex((l) => l.text.includes(email));
  if (at < 0) return null;
  for (let i = Math.max(0, at - 3); i < Math.min(lines.length, at + 2); i++) {
    const c = nameCandidate(lines[i]!.text);
    if (c !== null && c.includes(' ')) return c;
  }
  return null;
}

const DOCUMENT_WORD_RE = /\b(?:resume|résumé|cv|curriculum|vitae|template|sample|example)\b/i;

/**
 * The title a resume states under the name ("Senior Data Analyst", "ATTORNEY AT LAW"): the current or target
 * role, useful when the experience section is missing or unparsed. A short line of the header block that the
 * taxonomy knows as a title and that is not the name.
 */
export function findHeadline(lines: readonly Line[], name: string | null): string | null {
  for (const line of lines.slice(0, 12)) {
    const text = line.text.replace(/[,:;]$/, '').trim();
    const words = text.split(/\s+/);
    // One word is a title only when it is a job noun ("Paralegal") or joins several ("ATTORNEY-AT-LAW").
    if (words.length > 6 || (words.length === 1 && !TITLE_HEADS.has(text.toLowerCase()) && !/\p{L}-\p{L}+-\p{L}/u.test(text))) continue;
    if (/@|\b\d+\b/.test(text) || DOCUMENT_WORD_RE.test(text) || (name !== null && text.includes(name))) continue;
    if (detectHeading(text) !== null || nameCandidate(text) !== null) continue;
    if (isKnownTitle(text)) return text;
  }
  // "Sr. Consultant, QA", "Jane Roe, Ph.D., Associate Professor": the title among a line's comma parts.
  for (const line of lines.slice(0, 12)) {
    const parts = line.text.split(/\s*[,|]\s*|\s+[/–—-]\s+/).filter((p) => p !== '');
    if (parts.length < 2 || /@|\d{3,}/.test(line.text) || DOCUMENT_WORD_RE.test(line.text)) continue;
    for (const part of parts) {
      const words = part.split(/\s+/);
      if (words.length < 2 || words.length > 6 || (name !== null && part.includes(name)) || /\d/.test(part)) continue;
      if (detectHeading(part) !== null || nameCandidate(part) !== null || CREDENTIAL_RE.test(part)) continue;
      // The job noun ends the title, or its part before "at"/"of" ("Attorney at Law", "Director of Sales").
      const front = part.split(/\s+(?:at|of|for)\s+/i)[0]!.split(/\s+/);
      const last = front.at(-1)!.toLowerCase().replace(/[^\p{L}]/gu, '');
      if (TITLE_HEADS.has(last) && isKnownTitle(part)) return part;
    }
  }
  for (const line of lines.slice(0, 6)) {
    const title = documentTitle(line.text);
    if (title !== null) return title;
  }
  return null;
}

/** The title on the line right under the name, wherever the layout put the name ("Jane Roe / Data Engineer"). */
export function titleUnderName(lines: readonly Line[], name: string | null): string | null {
  if (name === null) return null;
  const at = lines.findIndex((l, i) => i < 60 && l.text.includes(name));
  const next = at < 0 ? undefined : lines[at + 1]?.text.replace(/[,:;]$/, '').trim();
  if (next === undefined || next.split(/\s+/).length > 6 || /[\d@]/.test(next) || DOCUMENT_WORD_RE.test(next)) return null;
  // "Site Carpenter" also reads like a name; a title head noun at its end decides.
  const last = next.split(/\s+/).at(-1)!.toLowerCase();
  if (detectHeading(next) !== null || (nameCandidate(next) !== null && !TITLE_HEADS.has(last))) return null;
  return isKnownTitle(next) ? next : null;
}

/** "Art Editor Resume Template", "Copy Writer CV", "Entry-Level Analyst - Sample Resume": the title before the document words. */
const TITLE_THEN_DOCUMENT_RE = /^(?<title>.+?)\s*(?:[-–—:|]\s*)?(?:\b(?:sample|example|professional)\s+)?\b(?:resume|résumé|cv|curriculum\s+vitae)\b(?:\s*(?:template|sample|example|format|\/\s*\w+)\b)*(?:\s*\(.*\))?\s*$/iu;
/** "Resume Example - Principal", "Sample Résumé: Social Worker": the title after the document words. */
const DOCUMENT_THEN_TITLE_RE = /\b(?:resume|résumé|cv)(?:\s+(?:template|sample|example))?\s*[-–—:|]\s*(?<title>.+)$/iu;

/** The title named in a resume's document title line, if the named thing is a job title. */
function documentTitle(text: string): string | null {
  const g = TITLE_THEN_DOCUMENT_RE.exec(text)?.groups ?? DOCUMENT_THEN_TITLE_RE.exec(text)?.groups;
  const title = g?.title?.replace(/^(?:sample|example)\s+/i, '').replace(/\s*\([^)]*\)\s*$/, '').trim();
  if (title === undefined || title === '' || title.split(/\s+/).length > 6 || DOCUMENT_WORD_RE.test(title)) return null;
  return isKnownTitle(title) ? title : null;
}

/** Where a statement names the candidate's own or wanted role: "a position as a Nurse", "5 years of experience as an editor". */
const STATED_ROLE_RE =
  /\b(?:(?:position|post|role|job|career|opening|opportunity)\s+(?:\w+\s+){0,2}?(?:as|of)|(?:years?|experience|service|work(?:ing|ed)?|employed|assignments?)\s+(?:\w+\s+){0,3}?as)\s+(?:an?\s+|the\s+)?(?<title>\p{L}[\p{L}/&\- ]{1,60}?)(?=\s*(?:[,;:.(]|\b(?:where|in|at|with|that|which|to|for|and|who|from|since)\b|$))/giu;
/** Words that describe the candidate, not the role: dropped from the front of an opening phrase. */
const DESCRIPTIVE_WORDS = new Set(
  (
    'a an the i am my experienced accomplished seasoned dedicated motivated versatile confident capable reliable ' +
    'energetic trusted enthusiastic passionate talented proven dynamic creative competent qualified skilled ' +
    'successful highly hardworking hard-working results-driven results-oriented detail-oriented self-motivated ' +
    'innovative resourceful diligent committed driven focused organized organised recent young ambitious ' +
    'versatile, and & or with as of'
  ).split(' '),
);

/**
 * The role a summary or objective states, for resumes that write no title under the name: "Seeking a
 * position as an Office Manager", "9 years of experience as a music producer", or the phrase a summary
 * opens with ("Experienced Project Manager with…"). The header block's sentences count too, for resumes whose
 * objective has no heading. Returned as written, so it stays grounded in the text.
 */
export function statedTitle(lines: readonly Line[], header: readonly Line[] = []): string | null {
  for (const line of [...lines.slice(0, 6), ...header]) {
    for (const match of line.text.matchAll(STATED_ROLE_RE)) {
      const stated = match.groups?.title?.trim();
      if (stated !== undefined && isStatedTitle(stated)) return stated;
    }
  }
  const first = lines[0]?.text;
  return first === undefined ? null : openingTitle(first);
}

const VAGUE_HEADS = new Set(['professional', 'member', 'worker', 'expert', 'student']);

function isStatedTitle(phrase: string): boolean {
  const words = phrase.split(/\s+/);
  const last = words.at(-1)!.toLowerCase().replace(/[^\p{L}]/gu, '');
  // "professional" or "member" alone says nothing about the role.
  if (words.length === 1 && VAGUE_HEADS.has(last)) return false;
  if (/^(?:of|and|or|in|at|for)$/i.test(words[0]!)) return false;
  return words.length <= 6 && TITLE_HEADS.has(last) && isKnownTitle(phrase);
}

/** "Exceptionally focused Entry Level Java Developer with…" → "Entry Level Java Developer". */
function openingTitle(text: string): string | null {
  const sentence = text.split(/[.;:!?](?:\s|$)/)[0]!;
  const tokens = sentence.split(/\s+/).filter((t) => t !== '').slice(0, 14);
  const bare = (t: string): string => t.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  let head = tokens.findIndex((t) => TITLE_HEADS.has(bare(t)) && !/^\p{Ll}+ly$/u.test(t));
  if (head < 0) return null;
  while (head + 1 < tokens.length && TITLE_HEADS.has(bare(tokens[head + 1]!)) && !/,$/.test(tokens[head]!)) head++;
  let start = head;
  while (start > 0 && start > head - 4) {
    const prev = tokens[start - 1]!;
    const word = bare(prev);
    // "detail-focused Registered Nurse": a capitalised title starts at its first capital.
    const lowerBeforeCapital = /^\p{Lu}/u.test(tokens[head]!) && /^\p{Ll}/u.test(prev);
    if (/[,;]$/.test(prev) || DESCRIPTIVE_WORDS.has(word) || /^\p{Ll}+(?:ly|ed)$/u.test(prev) || /\d/.test(prev) || lowerBeforeCapital) break;
    start--;
  }
  const phrase = tokens.slice(start, head + 1).join(' ').replace(/[,;]$/, '');
  return isStatedTitle(phrase) ? phrase : null;
}
