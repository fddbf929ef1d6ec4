import { findDegree } from './degrees.js';
import type { Line } from './normalise.js';

/**
 * Section headings and the blocks under them. A heading is a short line made only of heading words
 * ("Professional Experience", "Career Experience/Job History", "AREAS OF EXPERTISE", "Education:"), in any
 * case, with or without a colon, or such words followed by a colon and content on the same line
 * ("Skills: Java, SQL"). The words decide the kind; unknown headings still close the previous section so
 * that "Awards" does not end up in education.
 */

export type SectionKind =
  | 'header'
  | 'summary'
  | 'objective'
  | 'experience'
  | 'education'
  | 'skills'
  | 'certifications'
  | 'languages'
  | 'projects'
  | 'awards'
  | 'publications'
  | 'references'
  | 'interests'
  | 'personal'
  | 'other';

export interface Section {
  kind: SectionKind;
  /** The heading as written, or null for the block before the first heading. */
  heading: string | null;
  lines: Line[];
}

export interface Heading {
  kind: SectionKind;
  /** Text after "Heading:" on the same line, if any. */
  rest: string;
}

type Key = Exclude<SectionKind, 'header'>;

/** Words that decide a heading's kind. */
const KEYS = new Map<string, Key>();
function keys(kind: Key, words: string): void {
  for (const w of words.split(' ')) KEYS.set(w, kind);
}
keys('experience', 'experience experiences employment positions appointments engagements jobs');
keys('education', 'education educational academic academics scholastic degrees degree schooling studies study');
keys('skills', 'skills skill expertise competencies competences competency strengths proficiencies technologies abilities capabilities toolkit toolbox');
keys('summary', 'summary profile overview about introduction synopsis highlights statement biography bio');
keys('objective', 'objective objectives goal goals aim');
keys('certifications', 'certifications certification certificates certificate certs designations licenses licences licensure license licence accreditations credentials');
keys('languages', 'languages');
keys('projects', 'projects portfolio');
keys('awards', 'awards honors honours achievements accomplishments fellowships scholarships recognition distinctions');
keys('publications', 'publications presentations research grants patents papers conferences talks');
keys('references', 'references referees reference');
keys('interests', 'interests hobbies activities extracurricular pursuits');
keys('personal', 'personal contact');
keys('other', 'memberships affiliations associations societies information additional miscellaneous volunteering involvement courses coursework');

/**
 * Words that may stand in a heading without deciding its kind ("Relevant", "Technical", "Work"). Some are
 * weak keys — "history", "background", "qualifications", "training", "internships" — which decide only when
 * no key word is present (see weakKind).
 */
const MODIFIERS = new Set(
  (
    // qualifiers
    'professional relevant related key core technical top other additional selected recent current previous prior past earlier board ' +
    'applied undertaken ' +
    'detailed brief short main primary secondary specific functional practical formal ongoing continuing ' +
    'partial full list areas area field major minor soft hard transferable special international ' +
    // domains
    'work career job industry computer it software programming data management team leadership volunteer ' +
    'clinical military community teaching taught development executive personal language spoken foreign known ' +
    'people responsibility demonstrated service high school ' +
    // weak keys and record words
    'history background record details particulars info qualifications qualification training internships ' +
    'internship tools technology knowledge certified licensed earned held completed obtained dates set me ' +
    // function words (dropped before matching, listed for completeness)
    'of and the my in for to with as at a an'
  ).split(' '),
);

const STOP = new Set(['and', 'of', 'the', 'my', 'in', 'for', 'to', 'with', 'as', 'at', 'a', 'an']);

/**
 * Headings whose letters were spaced out in extraction: "P ROFESSIONAL E XPERIENCE" (lost small caps),
 * "E D U C AT IO N", "P ROFE SSI ONAL E XPER IENCE". The fragments are joined and cut again into heading
 * words; null when the line is not such a heading.
 */
function respacedHeading(text: string): string[] | null {
  const fragments = text.trim().split(/\s+/);
  // Two fragments only when the first is a lone letter: "C ERTIFICATES", "S KILLS".
  if (fragments.length < (fragments[0]!.length === 1 ? 2 : 3) || !fragments.every((f) => /^\p{Lu}+$/u.test(f) || /^\p{L}{1,3}$/u.test(f))) return null;
  if (fragments.filter((f) => f.length <= 3).length * 3 < fragments.length) return null;
  return segment(fragments.join('').toLowerCase());
}

/** The split of a run of letters into heading words, preferring long words; null when there is none. */
function segment(letters: string): string[] | null {
  if (letters.length > 60) return null;
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= letters.length; end++) {
    best[end] = null;
    for (let start = Math.max(0, end - 16); start < end; start++) {
      const word = letters.slice(start, end);
      const before = best[start];
      if (before === null || before === undefined || !(KEYS.has(word) || MODIFIERS.has(word))) continue;
      if (best[end] === null || before.length + 1 < best[end]!.length) best[end] = [...before, word];
    }
  }
  return best[letters.length] ?? null;
}

function headingWords(text: string): string[] | null {
  const respaced = respacedHeading(text.replace(/[:：]$/, ''));
  if (respaced !== null) return respaced;
  const cleaned = text
    .replace(/^(?:\d{1,2}|[IVX]{1,4}|[A-H])[.)]\s+/, '') // "6. Employment History", "II. Education"
    .replace(/(?<=\S)\s*\([a-z][a-z ]*\)$/, '') // "CURRENT JOBS (held at the same time)", not "Languages (English)"
    .toLowerCase()
    .replace(/[&/+,|]/g, ' ')
    .replace(/[:.\-–—_*#•●■♦▪>()[\]]/g, ' ')
    .trim();
  if (cleaned === '' || cleaned.length > 60) return null;
  const words = cleaned.split(/\s+/);
  if (words.length > 7) return null;
  return words;
}

/** The kind of a heading line, or null when the line is not a heading. */
export function headingKind(text: string): SectionKind | null {
  const words = headingWords(text);
  if (words === null) return null;
  const content = words.filter((w) => !STOP.has(w));
  if (content.length === 0 || content.length > 5) return null;
  const found = new Set<Key>();
  for (const [i, w] of content.entries()) {
    // "Additional Information", "Personal Information" end with it; "Information Technology" is a field of study.
    if (w === 'information' && i < content.length - 1) continue;
    const key = KEYS.get(w);
    if (key !== undefined) found.add(key);
    else if (!MODIFIERS.has(w)) return openHeading(text, content);
  }
  // Lower-case lines are headings only when a key word says so ("related tools" is a wrapped list item).
  if (found.size === 0 && !/^\P{Ll}/u.test(text.trim())) return null;
  // Weak words ending a sentence wrapped onto a line of their own ("…Presented at Oswego High / School.").
  if (found.size === 0 && text.trim().endsWith('.')) return null;
  return resolveKind(found, new Set(content));
}

/**
 * "PREVIOUS", "Earlier Career": heading words written as a heading (capitals, capitalised words or a closing
 * colon) that name no section of their own, a group inside the section they stand in.
 */
export function isSubHeading(text: string): boolean {
  const trimmed = text.trim();
  const capitalised = trimmed.split(/\s+/).every((w) => /^\p{Lu}/u.test(w) || STOP.has(w));
  if (!capitalised && !/[:：]$/.test(trimmed)) return false;
  const words = headingWords(trimmed);
  return words !== null && words.every((w) => MODIFIERS.has(w) || KEYS.has(w));
}

/** The last word of headings like "CLASSROOM EXPERIENCE" or "Coaching Experience:" decides their kind. */
const OPEN_HEADING_ENDS: Record<string, SectionKind> = {
  experience: 'experience',
  employment: 'experience',
  jobs: 'experience',
  education: 'education',
  attended: 'education',
  skills: 'skills',
  certifications: 'certifications',
  projects: 'projects',
  awards: 'awards',
  publications: 'publications',
  references: 'references',
};

/**
 * A heading with a word outside the vocabulary ("CLASSROOM EXPERIENCE", "Coaching Experience:"): only when
 * it is written like a heading (capitals or a closing colon), short, and ends with a deciding word. A list
 * item such as "User Experience" in a skills list has neither, and a full stop ends a sentence wrapped onto
 * its own line ("Dean in special projects."), not a heading.
 */
function openHeading(text: string, content: readonly string[]): SectionKind | null {
  // "INSTITUTIONS ATTENDED WITH DATES": the deciding word may come before qualifiers.
  const last = content.findLast((w) => !MODIFIERS.has(w)) ?? content.at(-1)!;
  const kind = OPEN_HEADING_ENDS[last];
  if (kind === undefined || content.length > 4) return null;
  const trimmed = text.trim();
  const looksLikeHeading = /[:：]$/.test(trimmed) || trimmed === trimmed.toUpperCase();
  return looksLikeHeading ? kind : null;
}

function resolveKind(found: Set<Key>, words: Set<string>): SectionKind | null {
  const has = (w: string): boolean => words.has(w);
  if (found.size === 0) return weakKind(words);
  // "Summary of Qualifications", "Qualifications Profile", "Career Highlights": a summary, not skills.
  if (found.has('summary') && (has('qualifications') || has('qualification') || has('highlights'))) {
    return 'summary';
  }
  if (found.has('languages')) {
    return has('programming') || has('computer') || has('technical') || has('software') ? 'skills' : 'languages';
  }
  const order: Key[] = [
    'experience',
    'education',
    'skills',
    'certifications',
    'objective',
    'summary',
    'projects',
    'awards',
    'publications',
    'references',
    'interests',
    'personal',
    'other',
  ];
  for (const kind of order) if (found.has(kind)) return adjust(kind, words);
  return null;
}

function adjust(kind: Key, words: Set<string>): SectionKind {
  // "Professional Experience Summary" stays experience; "Experience Summary" lists roles often enough.
  if (kind === 'personal' && (words.has('statement') || words.has('summary'))) return 'summary';
  if (kind === 'other' && (words.has('volunteer') || words.has('volunteering'))) return 'experience';
  return kind;
}

/** Headings made only of weak words: "Work History", "Academic Background", "Qualifications", "Training". */
function weakKind(words: Set<string>): SectionKind | null {
  const has = (w: string): boolean => words.has(w);
  if (has('history') || has('background') || has('record')) {
    if (has('academic') || has('educational')) return 'education';
    if (has('work') || has('career') || has('job') || has('employment') || has('professional')) return 'experience';
    if (has('background')) return 'summary';
    return null;
  }
  if (has('qualifications') || has('qualification')) {
    if (has('academic') || has('educational')) return 'education';
    return 'skills';
  }
  if (has('training')) return 'education';
  if (has('employment')) return 'experience';
  if (has('volunteer') && (has('work') || has('history'))) return 'experience';
  if (has('internships') || has('internship')) return 'experience';
  // "TEACHING" alone in an academic CV heads the courses taught, each a position held.
  if (has('teaching')) return 'experience';
  if (has('knowledge') || has('tools')) return 'skills';
  // "WORK" or "SCHOOL" alone; with other words ("Work Ethic", "High School") they are something else.
  if (words.size === 1 && has('work')) return 'experience';
  if (words.size === 1 && has('school')) return 'education';
  return null;
}

const INLINE_HEADING_RE = /^([^:]{2,45}?)\s*[:：]\s*(.*)$/;

/** A heading line, or "Heading: content" with the content returned in `rest`. */
export function detectHeading(text: string): Heading | null {
  const whole = headingKind(text.trim());
  if (whole !== null) return { kind: whole, rest: '' };
  const inline = INLINE_HEADING_RE.exec(text);
  if (inline !== null && inline[2] !== undefined && inline[2] !== '') {
    const kind = headingKind(inline[1]!);
    if (kind !== null) return { kind: statesDegree(inline[1]!, inline[2]) ? 'education' : kind, rest: inline[2] };
  }
  // "EDUCATIONLevel 3 Diploma…", "SKILLSMenu development": extraction lost the break after a capitals heading.
  const fused = FUSED_HEADING_RE.exec(text);
  const fusedKind = fused === null ? null : headingKind(fused[1]!);
  if (fusedKind !== null) return { kind: fusedKind, rest: text.slice(fused![1]!.length) };
  return null;
}

const FUSED_HEADING_RE = /^(\p{Lu}[\p{Lu} &/]{3,40})(?=\p{Lu}\p{Ll})/u;

/** "Qualification: Degree in Engineering", "Qualifications: B.Sc. Physics": the label's degree, not skills. */
function statesDegree(label: string, rest: string): boolean {
  return /\bqualifications?\b/i.test(label) && findDegree(rest)?.index === 0;
}

/** Kinds whose inline sub-headings ("Languages: C#, Java", "Tools: Jira") belong to the section itself. */
const LIST_KINDS = new Set<SectionKind>(['skills']);

/** "• Education": a bullet glyph before a bare main heading, as some templates write it. */
function bulletHeading(text: string): Heading | null {
  if (!/^\p{Lu}/u.test(text) || text.split(/\s+/).length > 3) return null;
  const heading = detectHeading(text);
  return heading !== null && heading.rest === '' && MAIN_KINDS.has(heading.kind) ? heading : null;
}

const MAIN_KINDS = new Set<SectionKind>(['experience', 'education', 'skills', 'summary', 'objective', 'certifications', 'references']);

/**
 * "Marketing Related Experience", "Customer Service Experience": a Title Case line of its own block that
 * ends in "Experience" opens an experience section even with domain words the vocabulary does not know.
 * Not inside a skills list, where "User Experience" is an item.
 */
function blockHeading(line: Line, current: SectionKind): Heading | null {
  if (!line.blockStart || current === 'skills') return null;
  const words = line.text.trim().replace(/[:：]$/, '').split(/\s+/);
  if (words.length < 2 || words.length > 4 || !/^(?:experience|employment)$/i.test(words.at(-1)!)) return null;
  return words.every((w) => /^[\p{Lu}&]/u.test(w) || STOP.has(w)) ? { kind: 'experience', rest: '' } : null;
}

/**
 * A line cut after a joining word ("St Mary Institute of", "Bachelor of Science in") goes on in the next
 * line, which is then no heading even when its words are ("Programming Studies", "Information Systems").
 */
const OPEN_END_RE = /\s(?:of|in|and|for|&)$/i;

function continues(previous: Line | undefined, line: Line): boolean {
  return previous !== undefined && !line.blockStart && !line.bullet && OPEN_END_RE.test(previous.text);
}

/**
 * "Reference: Jane Roe · +1 555 0100 · jane@acme.com" under a role names that role's referee with contact
 * details on the same line; it is part of the role, not the start of a references section.
 */
function isRolesReferee(heading: Heading, current: SectionKind): boolean {
  return current === 'experience' && heading.kind === 'references' && /@|\d{3}/.test(heading.rest);
}

export function splitSections(lines: readonly Line[]): Section[] {
  const sections: Section[] = [];
  let current: Section = { kind: 'header', heading: null, lines: [] };
  let previous: Line | undefined;
  for (const line of lines) {
    const heading = continues(previous, line)
      ? null
      : line.bullet
        ? bulletHeading(line.text)
        : (detectHeading(line.text) ?? blockHeading(line, current.kind));
    previous = line;
    const keepInline =
      heading !== null &&
      heading.rest !== '' &&
      LIST_KINDS.has(current.kind) &&
      heading.kind !== 'experience' &&
      heading.kind !== 'education';
    if (heading === null || keepInline || isRolesReferee(heading, current.kind)) {
      current.lines.push(line);
      continue;
    }
    // "Institution: Unisa / Qualification: BCom": a label inside a section of its own kind is one of the
    // section's fields, so the section (and the entry the label is part of) goes on.
    if (heading.rest !== '' && heading.kind === current.kind && current.heading !== null) {
      current.lines.push({ ...line, text: heading.rest });
      continue;
    }
    if (current.lines.length > 0 || current.heading !== null) sections.push(current);
    current = { kind: heading.kind, heading: line.text, lines: [] };
    if (heading.rest !== '') current.lines.push({ text: heading.rest, bullet: false, blockStart: false });
  }
  sections.push(current);
  return sections.map((s) => (listsDegrees(s) ? { ...s, kind: 'education' } : s));
}

/**
 * "QUALIFICATIONS / MBChB, University of Ghana, 2011": a qualifications heading over degrees heads the
 * education; over anything else ("Qualifications / Ten years in retail…") it heads skills.
 */
function listsDegrees(section: Section): boolean {
  const first = section.lines[0];
  return section.kind === 'skills' && section.heading !== null && first !== undefined && statesDegree(section.heading, first.text);
}
