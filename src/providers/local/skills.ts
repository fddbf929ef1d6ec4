import type { Skill } from '../../domain/index.js';
import { canonicalSkill, findSkills, isKnownTitle, isSpokenLanguage } from '../../taxonomy/index.js';
import { degreeSpan } from './education.js';
import { institutionRank } from './entities.js';
import type { Line } from './normalise.js';
import { detectHeading, type Section, type SectionKind } from './sections.js';
import { REGION_CODES, REGION_NAMES } from './vocab.js';

/**
 * Skills: every taxonomy skill mentioned anywhere (ambiguous ones like "C" or "Go", and soft skills like
 * "Communication", only inside skills sections, which the taxonomy decides with `skillContext`), plus the
 * short list items of skills sections as written ("Meeting coordination", "Budgets & Forecasting"), which
 * no taxonomy lists in full.
 */

const ITEM_SPLIT = new Set([',', ';', '|', '•', '·', '●', '▪', '♦', '■', '►', '✓', '/', '~']);
/** "Languages: C#, Java" / "Frameworks - .NET, Qt": the label is not a skill. */
const LABEL_RE = /^([\p{L}][\p{L}\s&/-]{1,40}?)\s*[:：]\s+/u;
/** "Proficient in", "Strong", "Hands-on": words that grade a skill, before its name. */
const FILLER_WORD = '(?:expert|expertise|experienced|experience|proficient|proficiency|skilled|knowledge|familiar|familiarity|strong|excellent|good|advanced|basic|working|solid|hands[- ]on|understanding)\\s+(?:in|of|with|at)?\\s*';
/** "Extensive knowledge of", "High skills in": these adjectives count only with their preposition ("Deep Learning"). */
const FILLER_PHRASE = '(?:extensive|thorough|outstanding|sound|in[- ]depth|deep|broad|high|well[- ]versed|fluent|(?:highly\\s+)?knowledgeable)\\s+(?:(?:knowledge|familiarity|skills?|experience|understanding)\\s+)?(?:in|of|with)\\s+';
const LEADING_FILLER_RE = new RegExp(`^(?:${FILLER_WORD}|${FILLER_PHRASE})+`, 'i');
const TRAILING_FILLER_RE = /\s+(?:skills?|etc\.?|and more)$/i;
const MAX_ITEM_WORDS = 5;
/** A piece that opens with a function word or a verb is the tail of a sentence ("and more", "worked on a"). */
const FRAGMENT_START_RE = /^(?:and|or|including|includes?|for|from|with|of|in|on|to|using|used|worked|working|the|a|an|as|by|at|such|like|via|etc)(?=\s|$)/i;
/**
 * Addresses, links and dates are not skills. A date by slashes has a month of 1-12 and a year ("06/2010",
 * "3/15/2012"); "RAD 6/7", "Action Script 2/3" and "Win 95/98" are versions.
 */
const NOT_SKILL_TEXT_RE = /@|\bwww\.|https?:|\.(?:com|org|edu|gov|co\.uk)\b|\b(?:0?[1-9]|1[0-2])\/(?:\d{1,2}\/)?(?:19|20)?\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?\s+(?:19|20)\d{2}\b/iu;
const SOFT_SKILL = 'soft-skill';

export interface SkillOptions {
  /** The whole resume text, searched for unambiguous taxonomy skills. */
  text: string;
  /** Lines of skills sections. */
  skillLines: readonly Line[];
  /** The candidate's name: a page header repeating it inside a skills list is not a skill. */
  candidateName?: string | null;
  /**
   * The resume's sections: those whose lists are not skills (interests, publications, references) are left
   * out of the search of the whole text, where "Reading, Travel, Chess" or co-authors would read as skills.
   */
  sections?: readonly Section[];
}

export function extractSkills(options: SkillOptions): Skill[] {
  const skills = new Map<string, Skill>();
  const add = (skill: Skill): void => {
    const key = skill.name.toLowerCase();
    if (!skills.has(key)) skills.set(key, skill);
  };
  const candidateName = options.candidateName ?? null;
  const sections = options.sections ?? [];
  const claims = claimLines(sections);
  /** A listed or claimed item: its canonical skill, or the item itself unless it is clearly no skill. */
  const addItem = (item: string, canonical = canonicalSkill(item)): void => {
    const pair = canonical === null ? skillPair(item) : null;
    if (pair !== null) {
      for (const [half, skill] of pair) add({ name: skill.name, surface: half, category: skill.category });
      return;
    }
    if (canonical === null && isNotSkillItem(item, candidateName)) return;
    add(canonical === null ? { name: item, surface: item, category: 'other' } : { name: canonical.name, surface: item, category: canonical.category });
  };
  const skillLines = withoutDescriptions(options.skillLines, sections);
  const sectionText = skillLines.map((l) => l.text).join('\n');
  for (const hit of findSkills(bounded(sectionText), { skillContext: true })) {
    // "Excellent communication skills" is self-description; a soft skill counts as a list item of its own.
    if (hit.category !== SOFT_SKILL) add({ name: hit.name, surface: hit.surface, category: hit.category });
  }
  for (const line of skillLines) {
    for (const item of listItems(line.text)) {
      // A lone verb form ("Analyzing", "Installing") names an activity unless the taxonomy knows it ("Accounting").
      if (/^\p{Lu}\p{Ll}+ing$/u.test(item) && canonicalSkill(item) === null) continue;
      addItem(item);
    }
  }
  for (const line of keywordRuns(sections)) for (const item of listItems(line.text)) addItem(item);
  for (const item of claimedItems(claimText([...options.skillLines, ...claims]))) addItem(item);
  for (const item of semicolonItems(sections)) addItem(item);
  for (const line of [...skillLines, ...claims]) {
    const term = definedTerm(line.text);
    if (term !== null) addItem(term);
  }
  const text = withoutSections(bounded(options.text), sections);
  for (const { item, canonical } of proseListItems(text)) addItem(item, canonical);
  for (const item of namedExamples(text)) addItem(item);
  for (const item of subjectsTaught(text)) addItem(item);
  const studied = new FieldsOfStudy(text);
  for (const hit of findSkills(text)) {
    // "excellent communication skills" in prose is self-description; soft skills count when listed.
    if (hit.category === SOFT_SKILL) continue;
    // "B.S. in Computer Science": the field of a degree is what was studied, not a skill.
    if (studied.covers(hit.start)) continue;
    add({ name: hit.name, surface: hit.surface, category: hit.category });
  }
  return [...skills.values()];
}

/**
 * "MSWorks & MSWord", "HTML and CSS", "Python/Excel": two tools the taxonomy knows, joined by "and", "&",
 * "or" or a slash, which together it does not know. Null unless both halves are known tools: two
 * competencies joined ("Budgets & Forecasting", "Mergers & Acquisitions") name one area of practice.
 */
function skillPair(item: string): [string, { name: string; category: string }][] | null {
  const m = /^(.+?)(?:\s+(?:&|and|or)\s+|\s*\/\s*)(.+)$/i.exec(item);
  if (m === null) return null;
  const left = canonicalSkill(m[1]!);
  const right = canonicalSkill(m[2]!);
  if (left === null || right === null) return null;
  if (PRACTICE_CATEGORIES.has(left.category) || PRACTICE_CATEGORIES.has(right.category)) return null;
  return [
    [m[1]!, left],
    [m[2]!, right],
  ];
}

/** Categories of competencies rather than tools. */
const PRACTICE_CATEGORIES: ReadonlySet<string> = new Set(['professional-skill', 'knowledge', 'soft-skill']);

/**
 * "Tools:" / "PHP, MySQL" / "Details:" / "This is a web based system…": a project's tool list read as a
 * skills heading takes the project's description with it. A label that opens a description ("Details:",
 * "Role:", "Responsibilities:") ends the list; the lines after it, up to the next heading, are no skills.
 */
function withoutDescriptions(lines: readonly Line[], sections: readonly Section[]): readonly Line[] {
  const dropped = new Set<Line>();
  for (const section of sections) {
    if (section.kind !== 'skills') continue;
    const at = section.lines.findIndex((l) => DESCRIPTION_LABEL_RE.test(l.text.trim()));
    if (at === -1) continue;
    // A list among the description still names tools: "Environment: Java, Oracle", "Testing, Design, Documentation".
    for (const line of section.lines.slice(at)) if (!LIST_LINE_RE.test(line.text)) dropped.add(line);
  }
  return dropped.size === 0 ? lines : lines.filter((l) => !dropped.has(l));
}

const LIST_LINE_RE = /^[^:：]{1,40}[:：]\s*\S|,[^,]+,/;
const DESCRIPTION_LABEL_RE = /^(?:(?:project\s+)?(?:details|description)|roles?|responsibilities|duties)\s*[:：]?$/i;

/**
 * Sections whose sentences say what their writer knows ("Experienced in …", "Knowledge of …"). Not the
 * roles: "experience with the client's new team" there tells a story more often than it names a skill.
 */
const CLAIM_KINDS: ReadonlySet<SectionKind> = new Set(['header', 'summary', 'objective']);

/** The text searched for claims (skills lines and CLAIM_KINDS sections), with wrapped sentences rejoined. */
function claimText(lines: readonly Line[]): string {
  let out = '';
  for (const line of lines) {
    // A line that opens in lower case, or follows one left open, goes on the sentence before it.
    const joins = out !== '' && !line.bullet && (/^\p{Ll}/u.test(line.text) || /(?:,|\b(?:and|or|of|in|with|&))$/.test(out));
    out += (out === '' ? '' : joins ? ' ' : '\n') + line.text;
  }
  return bounded(out);
}

function claimLines(sections: readonly Section[]): Line[] {
  return sections.filter((s) => CLAIM_KINDS.has(s.kind)).flatMap((s) => s.lines);
}

/**
 * "Project Administration - Provide project estimates and surveys …": a short Title Case term, a dash and
 * a sentence explaining it. The term names a competency, as a glossary entry names a word. Only a dash: a
 * colon opens labels of every kind ("Environment:", "Tel:", "Performance Summary:").
 */
export function definedTerm(text: string): string | null {
  const m = DEFINED_TERM_RE.exec(text);
  return m === null ? null : m[1]!;
}

/** One to four Title Case words (joined by "and", "of", "&"), a spaced dash, then five words or more. */
const DEFINED_TERM_RE = /^((?:\p{Lu}[\p{L}/&-]*|and|of|&)(?:\s+(?:\p{Lu}[\p{L}/&-]*|and|of|&)){0,3})\s+[-–—]\s+\S+(?:\s+\S+){4}/u;

/** The opening sections, where a column of competencies often stands without a heading of its own. */
const KEYWORD_RUN_KINDS: ReadonlySet<SectionKind> = new Set(['header', 'summary', 'objective']);
/** A keyword: one to five words in Title Case ("Risk & Issue Management"), no digits, no sentence end. */
const KEYWORD_LINE_RE = /^(?:\p{Lu}[\p{L}'’/+#.-]*|&|and|of|in|for|to|the|[/|•·♦▪]+)(?:\s+(?:\p{Lu}[\p{L}'’/+#.-]*|&|and|of|in|for|to|the|[/|•·♦▪]+)){0,7}$/u;
const MIN_KEYWORD_RUN = 3;

/**
 * Columns of competencies under the name or the summary with no heading ("Conflict Management" /
 * "Turnaround Operations" / "Cost/Benefit Analysis"): three or more lines in a row, each a short phrase
 * in Title Case. Titles and names stand alone or in pairs; three in a row are a list.
 */
export function keywordRuns(sections: readonly Section[]): Line[] {
  const found: Line[] = [];
  for (const section of sections) {
    if (!KEYWORD_RUN_KINDS.has(section.kind)) continue;
    let run: Line[] = [];
    const flush = (): void => {
      if (run.length >= MIN_KEYWORD_RUN) found.push(...run);
      run = [];
    };
    for (const line of section.lines) {
      const text = line.text.trim();
      // "Risk & Issue Management ♦ Financial Modeling": two keywords on one line carry the run on.
      const keyword = text.split(KEYWORD_SEPARATOR_RE).every((part) => part === '' || isKeyword(part)) && /\p{L}/u.test(text);
      if (keyword) run.push(line);
      else flush();
    }
    flush();
  }
  return found;
}

const KEYWORD_SEPARATOR_RE = /\s*[♦•|·▪]\s*/;

/** A short phrase in Title Case that is not a heading in capitals. */
function isKeyword(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return words >= 1 && words <= 5 && KEYWORD_LINE_RE.test(text) && !/^[\p{Lu}\s&/-]+$/u.test(text);
}

/**
 * "liability insurance coverage; unfair competition; construction; arbitration and mediation": phrases
 * between semicolons. Prose seldom strings three semicolons in a row; a list of practice areas or duties
 * does. Pieces with commas inside are sentences or nested lists, left to the other rules.
 */
export function semicolonItems(sections: readonly Section[]): string[] {
  const items: string[] = [];
  for (const section of sections) {
    if (NOT_SKILL_KINDS.has(section.kind) || section.kind === 'skills') continue;
    for (const line of section.lines) {
      const pieces = line.text.split(';').map((p) => p.trim()).filter((p) => p !== '');
      if (pieces.length < 3) continue;
      const short = pieces.filter((p) => !p.includes(',') && p.split(/\s+/).length <= MAX_PROSE_ITEM_WORDS);
      if (short.length < 3) continue;
      for (const piece of short) {
        const item = cleanItem(piece);
        if (item !== null && !PROSE_NOT_ITEM_RE.test(item) && !OPENS_CLAUSE_RE.test(item)) items.push(item);
      }
    }
  }
  return items;
}

/**
 * Sections whose lists are hobbies, co-authors or referees ("Reading, Travel, Chess" is no skills list), and
 * certifications, whose subjects ("First Aid", "PMP") are credentials held, listed there and not as skills.
 */
const NOT_SKILL_KINDS: ReadonlySet<SectionKind> = new Set(['interests', 'publications', 'references', 'certifications']);

/**
 * The text with the lines of NOT_SKILL_KINDS sections blanked out (same length, so offsets still point into
 * the original). Headings anchor the search, so a line is found in its own section and not earlier; words
 * are matched with any whitespace between them, since normalisation rebuilds lines (bullets, wraps). A line
 * not found is left in place.
 */
export function withoutSections(text: string, sections: readonly Section[]): string {
  if (!sections.some((s) => NOT_SKILL_KINDS.has(s.kind))) return text;
  const blanked: [number, number][] = [];
  let cursor = 0;
  const find = (line: string): [number, number] | null => findWords(text, line.trim().split(/\s+/).filter((w) => w !== ''), cursor);
  for (const section of sections) {
    const heading = section.heading === null ? null : find(section.heading);
    if (heading !== null) cursor = heading[1];
    if (!NOT_SKILL_KINDS.has(section.kind)) continue;
    for (const line of section.lines) {
      const span = find(line.text);
      if (span === null) continue;
      blanked.push(span);
      cursor = span[1];
    }
  }
  if (blanked.length === 0) return text;
  // Spans come in text order (the cursor only moves forward): one pass builds the result.
  let out = '';
  let from = 0;
  for (const [start, end] of blanked) {
    out += text.slice(from, start) + ' '.repeat(end - start);
    from = end;
  }
  return out + text.slice(from);
}

/**
 * Where `words` occur in `text` at or after `from`, separated by any whitespace: [start, end), or null. A
 * plain scan rather than a RegExp built per line, which cost more than the rest of skill extraction.
 */
function findWords(text: string, words: readonly string[], from: number): [number, number] | null {
  const first = words[0];
  if (first === undefined) return null;
  for (let start = text.indexOf(first, from); start !== -1; start = text.indexOf(first, start + 1)) {
    let end = start + first.length;
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) {
      let next = end;
      while (next < text.length && WHITESPACE_RE.test(text[next]!)) next++;
      const word = words[k]!;
      ok = next > end && text.startsWith(word, next);
      end = next + word.length;
    }
    if (ok) return [start, end];
  }
  return null;
}

const WHITESPACE_RE = /\s/;

/** The degree phrases of a text's lines, looked up only for lines that hold a skill. */
class FieldsOfStudy {
  private readonly spans = new Map<number, [number, number] | null>();

  constructor(private readonly text: string) {}

  covers(offset: number): boolean {
    const start = lineStart(this.text, offset);
    let span = this.spans.get(start);
    if (span === undefined) {
      const end = lineEnd(this.text, offset);
      const local = degreeSpan(this.text.slice(start, end));
      span = local === null ? null : [start + local[0], start + local[1]];
      this.spans.set(start, span);
    }
    return span !== null && offset >= span[0] && offset < span[1];
  }
}

/** Line bounds in raw text, where flattened text marks a line break with a run of spaces. */
function lineStart(text: string, offset: number): number {
  for (let i = offset - 1; i > 0; i--) {
    if (text[i] === '\n' || (text[i] === ' ' && text[i - 1] === ' ')) return i + 1;
  }
  return 0;
}

function lineEnd(text: string, offset: number): number {
  for (let i = offset; i < text.length - 1; i++) {
    if (text[i] === '\n' || (text[i] === ' ' && text[i + 1] === ' ')) return i;
  }
  return text.length;
}

/**
 * Lists written into sentences: "Developed the app with Retrofit, Picasso, Volley and Git", "Became
 * proficient in Internet, Fetch, Pagemaker, Clarisworks". A run of three or more short phrases between
 * commas counts when at least two of them are skills the taxonomy knows: the known ones vouch for their
 * neighbours, as a skills heading vouches for its items.
 */
export function proseListItems(text: string): ProseItem[] {
  const items: ProseItem[] = [];
  const joined = rejoinWraps(text);
  // "testing (BVT, Functional, Regression, UAT)": the parentheses announce a list of their own, which may
  // wrap onto the next line, so they are read before the text is cut into clauses.
  const rest = joined.replace(PARENTHESES_RE, (whole: string, inner: string, offset: number) => {
    if (inner.split(',').length < 3) return whole;
    const head = joined.slice(Math.max(0, offset - 60), offset);
    items.push(...listOfClause(inner.replace(/\s+/g, ' '), true, namesSkill(head)));
    return ' '.repeat(whole.length);
  });
  for (const clause of rest.split(CLAUSE_SPLIT_RE)) items.push(...listOfClause(clause, false));
  return items;
}

/**
 * "tools such as Remedy, JIRA and ClearQuest", "libraries including OkHttpClient and Picasso": examples
 * after a noun that names a kind of tool. The noun vouches for the names after it, even one alone, as a
 * skills heading vouches for its items. Only names count: lower-case phrases there are activities
 * ("systems, including the impact of change").
 */
export function namedExamples(text: string): string[] {
  return clauseItems(text, EXAMPLES_RE, EXAMPLES_END_RE, (piece) => {
    const item = cleanItem(piece);
    return item === null || item.split(' ').length > MAX_PROSE_ITEM_WORDS || !/^[\p{Lu}\d.]/u.test(item) ? null : item;
  });
}

/**
 * "Taught General Business, Grades 9-10", "teaching Greek as an extra curricular activity": the subject a
 * teacher taught, named in Title Case after the verb. Only the verb: "Teaching Assistant" and "Teaching
 * Award" open with the word as a noun, so a capital "Teaching" does not count.
 */
export function subjectsTaught(text: string): string[] {
  const subjects = [...text.matchAll(SUBJECT_TAUGHT_RE)].map((m) => m[1]!.replace(COURSE_NUMBER_RE, ''));
  return subjects.filter((s) => s.split(' ').length <= MAX_PROSE_ITEM_WORDS);
}

/**
 * The verb, then Title Case words on one line, joined once by "and", "&", "of" or "to" (at most four words
 * are kept as a subject). A lone "I" ends the match; "II" and "III", course numbers, are cut off after it:
 * the subject of "Accounting II" is the skill.
 */
const SUBJECT_TAUGHT_RE =
  /\b(?:[Tt]aught|teach(?:es|ing)?) ((?:\p{Lu}[\p{L}'’-]+)(?: \p{Lu}[\p{L}'’-]+)*(?: (?:and|&|of|to) \p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)*)?)/gu;
const COURSE_NUMBER_RE = / I{2,3}$/;

/**
 * The items of each clause an opener introduces ("tools such as …", "experienced in …"): the text after the
 * opener up to the clause's end, split at commas and "and", each piece kept as `item` returns it.
 */
function clauseItems(text: string, opener: RegExp, end: RegExp, item: (piece: string) => string | null): string[] {
  const items: string[] = [];
  for (const m of text.matchAll(opener)) {
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 200);
    const stop = end.exec(rest);
    for (const piece of (stop === null ? rest : rest.slice(0, stop.index)).split(CLAIM_SPLIT_RE)) {
      const kept = item(piece);
      if (kept !== null) items.push(kept);
    }
  }
  return items;
}

const EXAMPLES_RE =
  /\b(?:tools?|software|platforms?|applications?|technolog(?:y|ies)|languages?|frameworks?|packages?|databases?|suites?|IDEs?|libraries|utilities)\s*,?\s+(?:such\s+as|including|like|e\.g\.,?)\s+/gi;
/** The examples end with the clause: punctuation, a line break (two spaces in flattened text), a verb or "to". */
const EXAMPLES_END_RE = /[.;:!?()[\]\n]|\s{2,}|\s(?:to|for|that|which|who|where|when|while|from|as|is|are|was|were|etc)\b/i;

/** The items of one clause when it holds a list of skills; `announced` when no leading sentence precedes it. */
function listOfClause(clause: string, announced: boolean, vouched = false): ProseItem[] {
  // Three items need two commas, or a comma and a closing "and".
  const commas = clause.split(',').length - 1;
  if (commas === 0 || (commas === 1 && !/\s(?:and|or|&)\s/.test(clause)) || CITATION_RE.test(clause)) return [];
  const trigger = LIST_TRIGGER_RE.exec(clause);
  const body = trigger === null ? clause : clause.slice(trigger[0].length);
  if (GRADED_RE.test(body)) return [];
  // "…, Volley and Git": the last "and" separates the last two items.
  const pieces = splitOutsideParentheses(body.replace(/\s+(?:and|or|&)\s+(?=[^,]*$)/, ', '));
  // Without an announcing word the first piece is the sentence leading into the list.
  if (trigger === null && !announced) pieces.shift();
  const kept: string[] = [];
  for (const piece of pieces) {
    const item = piece.trim().split(/\s+/).length <= MAX_PROSE_ITEM_WORDS ? cleanItem(piece) : null;
    if (item !== null && !/\d{3}/.test(item) && !PROSE_NOT_ITEM_RE.test(item)) kept.push(item);
  }
  if (kept.length < 3) return [];
  const found = kept.map((item) => ({ item, canonical: canonicalSkill(item) }));
  const known = found.filter((f) => f.canonical !== null).length;
  // A word that announces the list ("including", "such as", "experience with") vouches as one known skill does.
  const needed = trigger === null ? 2 : 1;
  const subjects = trigger !== null && SUBJECTS_LABEL_RE.test(trigger[0]);
  return vouched || subjects || (known >= needed && known * 3 >= kept.length) ? found : [];
}

/**
 * "Units taught:", "Areas of law:", "in the following areas:": a label naming what the list's items are subjects
 * of. Not any "areas" ("Sales areas: Texas, Oklahoma" names places).
 */
const SUBJECTS_LABEL_RE =
  /\b(?:(?:following|key|practice|subject|focus|specialty|teaching)\s+areas?|areas?\s+of\s+(?:law|practice|expertise|speciali[sz]ation|focus)|(?:units|courses|subjects|modules)\s+taught)\s*:\s*$/i;

/** "testing (BVT, Functional, Regression)": the text before a parenthesis ends with a known skill, the head of its list. */
function namesSkill(before: string): boolean {
  const words = before.trimEnd().split(/\s+/).slice(-3);
  for (let n = words.length; n >= 1; n--) {
    const skill = canonicalSkill(words.slice(-n).join(' '));
    if (skill !== null && skill.category !== SOFT_SKILL) return true;
  }
  return false;
}

/**
 * The text with the line breaks inside a sentence or a list turned into spaces: a list wrapped after a comma
 * ("Requirement Analysis, Test Strategy, Test" / "Plan, …"), a sentence wrapped between two lower-case words
 * ("company" / "law and secretarial practice"), and a prose line wrapped just before a list goes on ("Areas
 * of law: Business" / "Contracts, Criminal defense, …"). A line without a lower-case word ("Windows 7, XP" /
 * "IPv4, IPv6, …") is a list of its own, as in a column of lists, and keeps its break.
 */
function rejoinWraps(text: string): string {
  return text
    .replace(WRAPPED_LIST_RE, ', ')
    .replace(WRAPPED_WORDS_RE, '$1 ')
    .replace(WRAPPED_ITEM_RE, (wrap: string, letter: string, at: number, joined: string) =>
      PROSE_WORD_RE.test(joined.slice(lineStart(joined, at), at + 1)) ? `${letter} ` : wrap,
    );
}

/** A line break (newline, or a short run of spaces in flattened text) right after a list's comma. */
const WRAPPED_LIST_RE = /,(?:[ \t]*\n[ \t]*| {2,3})(?=[\p{L}.#])/gu;
// The letter before a break is matched, not looked behind at: a lookbehind tried at every offset of the
// text cost more than the rest of the rejoining.
const WRAPPED_WORDS_RE = /(\p{Ll})(?:[ \t]*\n[ \t]*| {2,3})(?=\p{Ll})/gu;
/** A break after a word, before a capital and a line holding two commas (its first within 40 characters). */
const WRAPPED_ITEM_RE = /(\p{L})(?:[ \t]*\n[ \t]*| {2,3})(?=\p{Lu}(?:(?! {2})[^,:\n]){0,40},(?:(?! {2})[^\n])*,)/gu;
const PROSE_WORD_RE = /\b\p{Ll}{3,}\b/u;
/** "(BVT, Functional, Regression)": a parenthesis, read as a list when it holds two commas at least. */
const PARENTHESES_RE = /\(([^()]{1,400})\)/g;

export interface ProseItem {
  item: string;
  canonical: { name: string; category: string } | null;
}

const MAX_PROSE_ITEM_WORDS = 4;
/** A piece that opens with a verb ("directed Finance", "is fully unit tested") is a clause, not an item. */
const PROSE_NOT_ITEM_RE = /^(?:\p{Ll}+ed|is|are|was|were|has|have|had)\s/u;
/** Grades after subjects ("Mathematics (B), Physics (A)") make a school report, not a skills list. */
const GRADED_RE = /\([A-E][*+]?\)\s*,[^,]*\([A-E][*+]?\)/;
/** Lines (runs of spaces in flattened text) and sentences bound a list. */
// The stop comes before its lookbehind, so the lookbehind runs at stops only, not at every offset.
const CLAUSE_SPLIT_RE = /\s{2,}|\n|[.!?](?<=(?:\p{Ll}{2}|\))[.!?])\s+/u;
/** Surnames with initials and years: a reference list ("Baer, R.M., Simmons, T.J. (1996)"), not skills. */
const CITATION_RE = /(?:^|[\s,])\p{Lu}\.(?:\s?\p{Lu}\.)*(?=[,\s]|$)|\((?:19|20)\d{2}\)/u;
/** Words that announce a list inside a sentence ("experience in", "such as") or a label ("Tools:"). */
const LIST_TRIGGER_RE =
  /^.*?\b(?:including|includes|include|such as|using|(?:experience|experienced|expertise|skilled|proficient|proficiency|knowledge|familiar|familiarity|competent|background|speciali[sz]ing|speciali[sz]ed|trained|work(?:ed|ing)?)\s+(?:in|of|with|on|at))\s+|^[^:]{1,40}:\s+/i;

/** Form labels and template words that share a list line with skills ("Role", "Date of Birth", "JOB TITLE"). */
const FORM_LABEL_RE =
  /^(?:roles?|details|duties|dates?|description|responsibilities|(?:father'?s?|mother'?s?|company|full|first|last)\s+name|name|date\s+of\s+birth|dob|nationality|sex|gender|marital\s+status|religion|address|city|state|zip(?:\s+code)?|postcode|country|job\s+title|title|location|e-?mail|phone|mobile|languages?\s+known|(?:relevant\s+)?cours(?:es?|e?\s*work)|subjects?\s+taught)$/iu;
/** Words that describe a person, not what they can do ("Passionate", "Hard working", "Goal oriented"). */
const TRAIT_RE =
  /^(?:(?:very|highly|extremely)\s+)?(?:passionate|focused|hard[- ]?working|proactive|pro-active|autonomous|dedicated|motivated|self[- ]motivated|reliable|punctual|honest|enthusiastic|energetic|flexible|adaptable|dependable|hardworking|diligent|friendly|confident|ambitious|positive\s+attitude|team\s+spirit|team\s+player|forward[- ]thinking|quick\s+learner|fast\s+learner|goals?[- ](?:orientated|oriented|driven)|results?[- ](?:orientated|oriented|driven)|detail[- ]oriented)$/i;
/** Counts and amounts that tables put next to skills: "4x", "2-3 lines", "Less than 1 year", "many others". */
const QUANTITY_RE = /^(?:\d+\s*[xk]|\d+(?:-\d+)?\s+lines?|(?:less|more)\s+than\b.*|many\s+others?|years?\s+of\s+experience)$/i;
const LEGAL_SUFFIX_RE = /\b(?:inc|ltd|llc|llp|plc|corp|pvt|gmbh)\.?$/i;
/**
 * A street ("Reverie Road"), a post box, template text ("Editor Resume Template", "Room for key
 * qualifications"), marital status or sex.
 */
const STREET_RE = /^(?:\p{Lu}[\p{L}.]*\s+){1,3}(?:Street|Road|Avenue|Lane|Boulevard|Crescent)$|^(?:P\.?\s?O\.?\s+)?Box\b/u;
const TEMPLATE_RE = /\b(?:resume|résumé|curriculum\s+vitae|template|cover\s+letter)\b|^room\s+for\b|\bpage\s+\d+$/i;
const PERSONAL_RE = /^(?:married|single|unmarried|divorced|widowed|male|female|none|n\/a)$/i;
/**
 * Contact details, dates and counts that table cells and template text put between skills: template
 * placeholders ("xxx-xxxx", "123 Your Address"), street addresses, "ST 12345" zip codes, phone numbers,
 * ordinal days ("21st March"), year ranges and month-year dates ("2013-Present", "Jul 11 Sept 13"), and
 * a bare number opening a count ("4 persons", "2.5 years"). Versions ("Oracle 9i", "3D modeling") pass.
 */
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\b\\.?';
const NOT_SKILL_DETAIL_RE = new RegExp(
  [
    '\\bx{3,}\\b',
    '\\byour\\s+(?:address|name|city|phone|e-?mail)\\b',
    '\\bzip\\s+code\\b',
    '\\b\\d+\\s+(?:[\\p{L}.]+\\s+){1,3}(?:street|st|avenue|ave|road|rd|drive|lane|boulevard|blvd)\\b\\.?',
    '\\b\\p{Lu}{2}\\s+\\d{5}\\b',
    '\\d{3}[\\s.)-]+\\d{3}[\\s.-]\\d{4}',
    `^\\d{1,2}(?:st|nd|rd|th)$|\\b\\d{1,2}(?:st|nd|rd|th)\\s+${MONTH}`,
    `\\b(?:19|20)(?:\\d{2}|xx)\\s*(?:[-–]|to)\\s*(?:present|current|now|date|(?:19|20)(?:\\d{2}|xx)|${MONTH})`,
    `\\b(?:19|20)(?:\\d{2}|xx)\\s+${MONTH}(?:\\s|$)`,
    `\\b${MONTH}\\s*(?:[-–]\\s*${MONTH}\\s*)?(?:'?\\d{2}|(?:19|20)(?:\\d{2}|xx))\\b`,
    '^\\d[\\d.,]*\\+?\\s',
  ].join('|'),
  'iu',
);

/**
 * A list item the taxonomy does not know that is still clearly no skill: a form label, a sub-heading
 * ("PROJECT DETAILS", "TRAININGS"), a place, a school or a company, a personality trait, a count, or the
 * candidate's own name repeated by a page header.
 */
function isNotSkillItem(item: string, candidateName: string | null): boolean {
  if (FORM_LABEL_RE.test(item) || TRAIT_RE.test(item) || QUANTITY_RE.test(item) || NOT_SKILL_DETAIL_RE.test(item)) return true;
  if (candidateName !== null && item.toLowerCase() === candidateName.toLowerCase()) return true;
  const words = item.split(/\s+/);
  // Unknown phrases in capitals are headings, not tools: tools in capitals are acronyms ("VLSI", "ROI").
  const capitals = /^[\p{Lu}\s&/-]+$/u.test(item);
  if (capitals && (words.length >= 2 || item.length >= 7)) return true;
  if (detectHeading(item) !== null) return true;
  // "Project Manager", "Team Lead" in a list name a role held, not a skill (the taxonomy knows skills first).
  if (isKnownTitle(item) && !isProductEdition(words)) return true;
  if (STREET_RE.test(item) || TEMPLATE_RE.test(item) || PERSONAL_RE.test(item)) return true;
  // A stray letter ("S", "o") or a month left over from a table of dates; "NY", "CA" of "City, ST".
  if (/^\p{L}$/u.test(item) || MONTH_ONLY_RE.test(item) || REGION_CODES.has(item)) return true;
  if (isLanguageProficiency(words)) return true;
  if (words.every((w) => REGION_NAMES.has(w.toLowerCase()))) return true;
  return institutionRank(item) >= 2 || LEGAL_SUFFIX_RE.test(item);
}

const MONTH_ONLY_RE = new RegExp(`^${MONTH}$`, 'i');

/**
 * "Flash Builder", "SharePoint Designer", "Lotus Notes Designer": a product's name and an edition or companion tool
 * whose last word reads like a job ("Builder", "Designer"). A tool's name first marks a product; a person is
 * named by the work they do ("Java Developer", "Drupal Consultant").
 */
function isProductEdition(words: readonly string[]): boolean {
  if (words.length < 2 || PERSON_ROLE_NOUNS.has(words[words.length - 1]!.toLowerCase())) return false;
  const product = canonicalSkill(words[0]!);
  return product !== null && PRODUCT_CATEGORIES.has(product.category);
}

const PRODUCT_CATEGORIES: ReadonlySet<string> = new Set(['software', 'developer-tool', 'database', 'cloud-platform']);
const PERSON_ROLE_NOUNS: ReadonlySet<string> = new Set([
  'developer', 'developers', 'engineer', 'engineers', 'consultant', 'consultants', 'administrator', 'administrators', 'admin',
  'analyst', 'analysts', 'manager', 'managers', 'specialist', 'specialists', 'programmer', 'programmers', 'architect',
  'architects', 'expert', 'experts', 'lead', 'trainer', 'tester', 'testers', 'technician', 'officer', 'coordinator', 'instructor',
]);
const PROFICIENCY_WORDS = new Set(['fluent', 'native', 'basic', 'conversational', 'spoken', 'written', 'command', 'of', 'in', 'and', '&', 'language', 'languages', 'speaker']);

/**
 * "Fluent English", "French and Japanese", "command of English": how well a language is spoken, which the
 * resume's languages record. A language named alone is left to the list it stands in.
 */
function isLanguageProficiency(words: readonly string[]): boolean {
  if (words.length < 2) return false;
  const rest = words.map((w) => w.toLowerCase()).filter((w) => !PROFICIENCY_WORDS.has(w));
  return rest.length > 0 && rest.every((w) => isSpokenLanguage(w));
}

/**
 * Keyword banners outside a skills section: "Budgets & Forecasting | Site Supervision | Estimating", three
 * or more short items between bars or bullets, with no contact details or dates among them.
 */
export function keywordLines(lines: readonly Line[]): Line[] {
  return lines.filter((line) => {
    const items = line.text.split(/\s*[|•·●▪♦■]\s*/).filter((i) => i !== '');
    return (
      items.length >= 3 &&
      items.every((i) => i.split(/\s+/).length <= 4 && /^\p{Lu}/u.test(i)) &&
      !/@|\d{3}|https?:|www\./.test(line.text)
    );
  });
}

/**
 * "Environment: Java, Spring, Oracle", "Tools used: Jira, Git", "Operating Systems: Windows, Linux": a list
 * whose label says it names tools, wherever it stands (inside a role, a project, the header). The label
 * vouches for the items as a skills heading does.
 */
const TOOL_LABEL_RE =
  /^(?:(?:key|main|primary|other)\s+)?(?:tools?|technolog(?:y|ies)|environment|software|programming\s+languages?|(?:scripting|computer)\s+languages?|tech(?:nical)?\s+stack|platforms?|frameworks?|databases?|operating\s+systems?|libraries|ides?|web\s+technologies|skills)(?:\s+(?:used|applied|involved))?\s*[:：]\s*\S/i;

export function toolListLines(lines: readonly Line[]): Line[] {
  return lines.filter((line) => line.text.length <= 300 && TOOL_LABEL_RE.test(line.text));
}

/**
 * What a sentence says its writer knows: "Experienced in planning and budgeting", "Knowledge of injury
 * prevention techniques", "5 years of experience with kiln operation, glaze mixing and firing schedules".
 * The claim word vouches for the phrase after it, up to the end of its clause, split at commas and "and";
 * prose names most such skills only this way, in words no taxonomy lists.
 */
export function claimedItems(text: string): string[] {
  return clauseItems(text, CLAIM_RE, CLAIM_END_RE, (piece) => {
    const item = cleanItem(piece.replace(DETERMINER_RE, ''));
    if (item === null || item.split(' ').length > MAX_PROSE_ITEM_WORDS || PROSE_NOT_ITEM_RE.test(item)) return null;
    return GENERIC_OBJECT_RE.test(item) || OPENS_CLAUSE_RE.test(item) ? null : item;
  });
}

/**
 * Claim words before the phrase they vouch for. Not "proficient in", "background in", "adept at": those
 * mostly introduce tools the taxonomy finds anyway, or a whole field ("a background in finance"). But
 * "comfortable with" and "worked in" do name what was done ("worked in payroll and benefits").
 */
const CLAIM_RE =
  /\b(?:experience[ds]?|expert|expertise|skilled|knowledge|competen(?:t|ce)|understanding|trained|familiar(?:ity)?|speciali[sz](?:ed|ing))\s+(?:in|of|with|at)\s+(?:the\s+)?(?:use\s+of\s+|using\s+)?|\b(?:comfortable\s+with|worked\s+in)\s+(?:the\s+)?/gi;
/**
 * A clause ends at punctuation (a full stop only before a space or the end: "Node.js", "CS5.5" go on), a
 * line break, or a word that starts a new phrase ("… in PHP to build …"), such as a verb in -ed ("… kiln
 * loading improved output"). Adjectives in -ed stay inside the phrase ("internet related principles",
 * "distributed systems", "embedded software").
 */
const ED_ADJECTIVES =
  'related|based|advanced|distributed|embedded|automated|integrated|detailed|speciali[sz]ed|customi[sz]ed|oriented|applied|computed|enhanced|accelerated|structured|unstructured|animated|assisted|aided|managed|hosted|shared|licensed|regulated|centered|centred';
const CLAIM_END_RE = new RegExp(
  `[;:!?()[\\]\\n]|\\.(?!\\S)|\\s[-–—]\\s|\\s(?:to|for|that|which|who|where|when|while|through|by|within|across|from|as|under|since|so|because|at|on|into|over|via|is|are|was|were|has|have|i|we|he|she|but|etc|between|seeks?|seeking|(?!(?:${ED_ADJECTIVES})\\b)\\p{Ll}{3,}ed)\\b`,
  'iu',
);
/** Parts of the claimed phrase: "X, Y and Z", "X as well as Y", and examples after "such as"/"including". */
const CLAIM_SPLIT_RE = /,|\s(?:and|or|&|as\s+well\s+as|plus|including|such\s+as|like|especially|particularly|e\.g\.?)\s/i;
const DETERMINER_RE = /^\s*(?:(?:all|various|many|several|multiple|different|diverse|numerous|most|some|both|a|an|the|current|latest|modern|related|relevant|(?:a\s+)?(?:wide|broad|diverse)\s+(?:range|variety|array)\s+of|(?:a\s+)?variety\s+of|range\s+of|(?:a\s+)?number\s+of|areas?\s+of|fields?\s+of|aspects?\s+of|phases?\s+of|types?\s+of|kinds?\s+of)\s+)+/i;
/** A possessive or an adverb opens a clause, not a name: "my area of interest", "consistently exceeding goals". */
const OPENS_CLAUSE_RE = /^(?:my|our|his|her|its|their|your|this|these|those|can|could|will|would|\p{Ll}+ly)\s/iu;
/** Objects that name no skill: "knowledge of it", "experience in this field", "expertise in the industry". */
const GENERIC_OBJECT_RE =
  /^(?:it|this|that|them|these|those|both|how|what|use|such|field|area|industry|sector|business|work|job|role|company|organi[sz]ation|environment|team|people|years?|months?|\p{Ll}+ly|[\p{L}\s-]+\s(?:of|in|with|for|to|the|a|an|such|related|based))$/iu;

/** No resume needs more than this much text searched; a pasted novel should not cost seconds. */
const MAX_TEXT = 100_000;

function bounded(text: string): string {
  return text.length <= MAX_TEXT ? text : text.slice(0, MAX_TEXT);
}

/** Short phrases of a list line; sentences give none (their skills come from the taxonomy). */
export function listItems(text: string): string[] {
  const body = text.replace(LABEL_RE, '');
  const items: string[] = [];
  for (const raw of splitOutsideParentheses(body)) {
    const { outer, inner } = parenthetical(raw);
    for (const candidate of [outer, ...splitOutsideParentheses(inner)]) {
      const item = cleanItem(candidate);
      if (item !== null) items.push(item);
    }
  }
  // A sentence split at its commas is not a list: every piece would be long.
  if (items.length > 0 && items.every((i) => i.split(' ').length >= 4) && /[.!?]$/.test(text)) return [];
  if (isProse(body, items)) return [];
  return items;
}

/** Ten words or more in pieces averaging three words or more: a sentence with commas, not a list. */
function isProse(body: string, items: readonly string[]): boolean {
  const words = body.split(/\s+/).length;
  const perItem = items.reduce((n, i) => n + i.split(' ').length, 0) / Math.max(items.length, 1);
  return words >= 10 && perItem >= 3;
}

function splitOutsideParentheses(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (depth === 0 && ITEM_SPLIT.has(ch)) {
      // "/" joins alternatives only between words ("CI/CD", "TCP/IP" stay whole).
      if (ch === '/' && !(text[i - 1] === ' ' && text[i + 1] === ' ')) continue;
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function parenthetical(text: string): { outer: string; inner: string } {
  const m = /^([^(]*)\(([^)]*)\)?(.*)$/.exec(text);
  if (m === null) return { outer: text, inner: '' };
  return { outer: `${m[1]} ${m[3] ?? ''}`, inner: m[2] ?? '' };
}

function cleanItem(raw: string): string | null {
  const item = raw
    // A trailing "+" after a letter belongs to the name ("C++", "Google+", "Notepad++"), a lone one does not.
    .replace(/^[\s\-–—*+.:]+|(?<![\p{L}\d+])\++$|[\s\-–—*.,:;"”’]+$/gu, '')
    // A bullet from a symbol font read as a stray letter or sign ("Ⴙ Budget Control", "¾ Logistics", "‘make").
    .replace(/^[^\p{Script=Latin}\d\s.#(@&]{1,2}\s*(?=[\p{Script=Latin}\d])/u, '')
    .replace(/^\d{1,2}[.)]\s+/, '') // "1. Feature Films": a numbered list
    .replace(LEADING_FILLER_RE, '')
    .replace(/^(?:and|or|&)\s+/i, '') // "Java, and Python": the last item of a list in prose
    .replace(/\s+(?:and|or|&)$/i, '') // "Oracle, Toad and": a list cut at the line's end
    .replace(/^\p{L}[\p{L} ]{1,20}?\s*[:：]\s+(?=[\p{Lu}\d.#])/u, '') // "Platform: JBoss": a label inside a list
    .replace(TRAILING_FILLER_RE, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (item.length < 1 || item.length > 50) return null;
  if (FRAGMENT_START_RE.test(item) || NOT_SKILL_TEXT_RE.test(item)) return null;
  const words = item.split(' ');
  if (words.length > MAX_ITEM_WORDS) return null;
  if (!/\p{L}/u.test(item)) return null;
  if (/^(?:and|or|etc|e\.g|i\.e|other|others|various|more|including|the|a|an)$/i.test(item)) return null;
  // Durations and levels next to skills in tables ("2+ years", "Very Proficient") are not skills, nor are
  // the levels of spoken languages next to them ("German (native), English (C1)"). Fewer levels than the
  // languages parser's (extras.ts): its "Basic" is also the language BASIC here.
  if (/^\d+\+?\s*(?:years?|yrs?|months?)\b/i.test(item) || /^(?:very\s+)?(?:proficient|expert|advanced|intermediate|beginner|familiar|native|fluent|conversational|bilingual)$|^[ABC][12]$/i.test(item)) return null;
  return item;
}
