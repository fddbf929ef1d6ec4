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
const KEYS: Record<string, Key> = {};
function keys(kind: Key, words: string): void {
  for (const w of words.split(' ')) KEYS[w] = kind;
}
keys('experience', 'experience experiences employment positions appointments engagements');
keys('education', 'education educational academic academics degrees degree schooling studies');
keys('skills', 'skills skill expertise competencies competences competency strengths proficiencies technologies abilities capabilities toolkit toolbox');
keys('summary', 'summary profile overview about introduction synopsis highlights statement biography bio');
keys('objective', 'objective objectives goal goals aim');
keys('certifications', 'certifications certification certificates certificate licenses licences licensure license licence accreditations credentials');
keys('languages', 'languages');
keys('projects', 'projects portfolio');
keys('awards', 'awards honors honours achievements accomplishments fellowships scholarships recognition distinctions');
keys('publications', 'publications presentations research grants patents papers conferences talks');
keys('references', 'references referees reference');
keys('interests', 'interests hobbies activities extracurricular pursuits');
keys('personal', 'personal contact');
keys('other', 'memberships affiliations associations information additional miscellaneous volunteering involvement courses coursework');

/**
 * Words that may stand in a heading without deciding its kind. "history", "background", "qualifications"
 * and "training" are weak: they decide only when no key word is present (see weakKind).
 */
const MODIFIERS = new Set(
  (
    'professional work relevant related career job key core technical top other additional selected recent ' +
    'previous prior industry areas area of and the my in for to with as at a an computer it software special ' +
    'programming soft hard transferable history background record details data particulars info qualifications ' +
    'qualification training field practical clinical international military community functional specific ' +
    'language spoken foreign known list partial full summary management team major minor ' +
    'volunteer leadership academic educational professional employment detailed brief short executive ' +
    'personal main primary secondary relevant honors achievements skill knowledge tools technology ' +
    'certified licensed earned held completed continuing development experience me teaching set formal ongoing internships internship'
  ).split(' '),
);

const STOP = new Set(['and', 'of', 'the', 'my', 'in', 'for', 'to', 'with', 'as', 'at', 'a', 'an']);

/**
 * "P ROFESSIONAL E XPERIENCE" (small caps lost in extraction) → "PROFESSIONAL EXPERIENCE", and letter-spaced
 * headings "E D U C AT IO N" → "EDUCATION".
 */
export function compactSmallCaps(text: string): string {
  const fragments = text.trim().split(/\s+/);
  if (fragments.length >= 4 && fragments.every((f) => f.length <= 3 && /^\p{L}+$/u.test(f))) return fragments.join('');
  return text.replace(/\b([A-Z]) (?=[A-Z]{2,})/g, '$1');
}

function headingWords(text: string): string[] | null {
  const cleaned = compactSmallCaps(text)
    .replace(/^(?:\d{1,2}|[IVX]{1,4}|[A-H])[.)]\s+/, '') // "6. Employment History", "II. Education"
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
  for (const w of content) {
    const key = KEYS[w];
    if (key !== undefined) found.add(key);
    else if (!MODIFIERS.has(w)) return null;
  }
  // Lower-case lines are headings only when a key word says so ("related tools" is a wrapped list item).
  if (found.size === 0 && !/^\P{Ll}/u.test(text.trim())) return null;
  return resolveKind(found, new Set(content));
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
  if (has('knowledge') || has('tools')) return 'skills';
  return null;
}

const INLINE_HEADING_RE = /^([^:]{2,45}?)\s*[:：]\s*(.*)$/;

/** A heading line, or "Heading: content" with the content returned in `rest`. */
export function detectHeading(text: string): Heading | null {
  const whole = headingKind(text.replace(/[:：]\s*$/, ''));
  if (whole !== null) return { kind: whole, rest: '' };
  const inline = INLINE_HEADING_RE.exec(text);
  if (inline !== null && inline[2] !== undefined && inline[2] !== '') {
    const kind = headingKind(inline[1]!);
    if (kind !== null) return { kind, rest: inline[2] };
  }
  return null;
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

export function splitSections(lines: readonly Line[]): Section[] {
  const sections: Section[] = [];
  let current: Section = { kind: 'header', heading: null, lines: [] };
  for (const line of lines) {
    const heading = line.bullet ? bulletHeading(line.text) : detectHeading(line.text);
    const keepInline =
      heading !== null &&
      heading.rest !== '' &&
      LIST_KINDS.has(current.kind) &&
      heading.kind !== 'experience' &&
      heading.kind !== 'education';
    if (heading === null || keepInline) {
      current.lines.push(line);
      continue;
    }
    if (current.lines.length > 0 || current.heading !== null) sections.push(current);
    current = { kind: heading.kind, heading: line.text, lines: [] };
    if (heading.rest !== '') current.lines.push({ text: heading.rest, bullet: false, blockStart: false });
  }
  sections.push(current);
  return sections;
}
