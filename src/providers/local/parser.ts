import { performance } from 'node:perf_hooks';
import {
  ZERO_USAGE,
  type Experience,
  type ParseRequest,
  type ParseResult,
  type ResumeFields,
  type ResumeParser,
} from '../../domain/index.js';
import { findEmails, findLinks, findPhones } from './contact.js';
import { numericDateOrder, totalMonths } from './dates.js';
import { findDegree } from './degrees.js';
import { mentionedDegrees, parseEducation, withStatedDegrees } from './education.js';
import { companyScore, endsInJobNoun, titleScore } from './entities.js';
import { TITLE_HEADS } from './vocab.js';
import { parseExperience, withStatedRoles, type ExperienceOptions } from './experience/index.js';
import { parseCertifications, parseLanguages } from './extras.js';
import { Grounding, groundFields } from './grounding.js';
import { detectLanguage } from './language.js';
import { findLocation } from './location.js';
import { findHeadline, findName, statedTitle, titleUnderName } from './name.js';
import { toLines, type Line } from './normalise.js';
import { markdownToText, textFormat } from '../../ingest/text.js';
import { splitSections, type Section, type SectionKind } from './sections.js';
import { extractSkills, keywordLines, toolListLines } from './skills.js';

/**
 * The local, offline resume parser: rules over the resume's structure (sections, date anchors, list items)
 * with the skills and titles taxonomy. Deterministic, synchronous inside, no I/O.
 */

/** Bump whenever a rule changes what the parser returns, so evaluations can be compared across releases. */
export const LOCAL_PARSER_VERSION = '1.15.0';

export interface ParseTextOptions {
  /** "Present" resolves against this; defaults to now. */
  referenceDate?: Date;
}

export interface ParsedText {
  fields: ResumeFields;
  /**
   * The title stated under the name, when there is one. Not part of ParsedResume (yet): returned here so a
   * caller, or a future schema field, can use it for matching when the experience section gives no title.
   */
  headline: string | null;
  totalExperienceMonths: number;
  warnings: string[];
  /** ISO 639-1 code of the resume's language, or null when too short to tell. */
  language: string | null;
}

/** How many lines at the top hold contact details when no heading ends the header block earlier. */
const CONTACT_WINDOW = 30;
/** Sections where a headerless resume keeps its roles and degrees. */
const UNLABELLED: ReadonlySet<SectionKind> = new Set(['header', 'other', 'summary', 'personal']);
/**
 * Headings that label a list inside a role ("Achievements:", "Technologies:", "Key Projects"): read as
 * headings of their own, they would cut the roles after them out of the experience section.
 */
const IN_ROLE_HEADING_RE = /^(?:(?:key|major|main|selected|notable|significant)\s+)?(?:achievements?|accomplishments?|technolog(?:y|ies)|tools|environment|projects?|responsibilities|duties|highlights)\b/i;

/** Markdown passed as text (a README resume) is read, and grounded, as the text it renders, as at ingest. */
function readableText(input: string): string {
  return textFormat(input) === 'markdown' ? markdownToText(input) : input;
}

/** The sections of a resume's text as the parser reads them (for tools that explain a parse, like `eval misses`). */
export function readSections(input: string): Section[] {
  return splitSections(toLines(readableText(input)));
}

export function parseResumeText(input: string, options: ParseTextOptions = {}): ParsedText {
  const referenceDate = options.referenceDate ?? new Date();
  const text = readableText(input);
  const lines = toLines(text);
  const sections = splitSections(lines);
  const of = (...kinds: SectionKind[]): Line[] => sections.filter((s) => kinds.includes(s.kind)).flatMap((s) => s.lines);

  const contactLines = contactBlock(sections, lines);
  const emails = findEmails(text);
  const phonesNear = findPhones(contactLines.map((l) => l.text).join('\n'));
  const name = findName({ lines, emails });
  const fields: ResumeFields = {
    contact: {
      name,
      emails,
      phones: phonesNear.length > 0 ? phonesNear : findPhones(lines.slice(0, 60).map((l) => l.text).join('\n')),
      location: findLocation(contactLines, name),
      links: findLinks(text),
    },
    headline: findHeadline(contactLines, name) ?? titleUnderName(lines, name) ?? statedTitle(of('objective', 'summary'), contactLines),
    summary: summaryOf(sections),
    skills: extractSkills({
      text,
      skillLines: [
        ...of('skills'),
        ...keywordLines(of('header', 'summary', 'objective', 'experience', 'other')),
        ...toolListLines(sections.filter((s) => s.kind !== 'skills').flatMap((s) => s.lines)),
      ],
      candidateName: name,
      sections,
    }),
    experience: withStatedRoles(experienceOf(sections, { referenceDate, dateOrder: numericDateOrder(text) }), of('summary', 'objective', 'experience')),
    education: educationOf(sections, referenceDate),
    certifications: parseCertifications(of('certifications'), referenceDate),
    languages: parseLanguages({ sectionLines: of('languages'), allLines: lines }),
  };

  // No address in the header: the current (first listed) role's location is the best evidence left.
  fields.contact.location ??= fields.experience.find((e) => e.location !== null)?.location ?? null;

  const grounded = groundFields(fields, new Grounding(text));
  const detected = detectLanguage(text);
  const warnings: string[] = [];
  if (detected.warning !== null) warnings.push(detected.warning);
  if (lines.length === 0) warnings.push('The resume has no text.');
  else if (sections.length === 1) warnings.push('No section headings were found; sections were inferred from content.');
  if (grounded.fields.contact.name === null) warnings.push('No candidate name was found.');
  if (grounded.dropped > 0) warnings.push(`${grounded.dropped} extracted value(s) did not occur in the text and were dropped.`);
  return {
    fields: grounded.fields,
    headline: grounded.fields.headline,
    totalExperienceMonths: totalMonths(grounded.fields.experience, referenceDate),
    warnings,
    language: detected.code,
  };
}

/** The header block, plus any "Personal details"/"Contact" section, capped at the first lines. */
function contactBlock(sections: readonly Section[], lines: readonly Line[]): Line[] {
  const header = sections[0]?.kind === 'header' ? sections[0].lines : [];
  const personal = sections.filter((s) => s.kind === 'personal').flatMap((s) => s.lines);
  const block = [...header, ...personal];
  return block.length > 0 ? block.slice(0, CONTACT_WINDOW) : lines.slice(0, 10);
}

function summaryOf(sections: readonly Section[]): string | null {
  const pick = (kind: SectionKind): string | null => {
    const text = sections
      .filter((s) => s.kind === kind)
      .flatMap((s) => s.lines.map((l) => l.text))
      .join('\n')
      .trim();
    return text === '' ? null : text;
  };
  return pick('summary') ?? pick('objective');
}

function experienceOf(sections: readonly Section[], dates: ExperienceOptions): ResumeFields['experience'] {
  const dated: ResumeFields['experience'] = [];
  const undated: ResumeFields['experience'] = [];
  const { blocks, read } = experienceBlocks(sections);
  for (const lines of blocks) {
    const roles = parseExperience(lines, dates);
    if (roles.length > 0) dated.push(...roles);
    else undated.push(...parseExperience(lines, { ...dates, undated: true }));
  }
  const unread = sections.filter((_, i) => !read.has(i));
  const parsed = new Map<Section, Experience[]>();
  const rolesOf = (section: Section): Experience[] => {
    let roles = parsed.get(section);
    if (roles === undefined) parsed.set(section, (roles = parseExperience(section.lines, dates)));
    return roles;
  };
  // Undated roles alone do not prove the section was read right: the headerless search still runs.
  // Headerless resumes: roles are wherever date ranges sit next to title- or company-like lines.
  const headerless =
    dated.length > 0
      ? []
      : unread
          .filter((s) => UNLABELLED.has(s.kind))
          .flatMap(rolesOf)
          .filter((e) => e.title !== null && e.company !== null);
  const found = [...dated, ...undated, ...headerless];
  return [...found, ...withoutKnown(historiesElsewhere(unread, rolesOf), found)];
}

/** Each experience section with the in-role sections that follow it, and the indexes of the sections read. */
function experienceBlocks(sections: readonly Section[]): { blocks: Line[][]; read: Set<number> } {
  const blocks: Line[][] = [];
  const read = new Set<number>();
  sections.forEach((section, i) => {
    if (section.kind !== 'experience') return;
    read.add(i);
    const lines = [...section.lines];
    for (let j = i + 1; j < sections.length && sections[j]!.kind !== 'experience' && IN_ROLE_HEADING_RE.test(sections[j]!.heading ?? ''); j++) {
      lines.push(...sections[j]!.lines);
      read.add(j);
    }
    blocks.push(lines);
  });
  return { blocks, read };
}

/**
 * Sections whose dated entries are not positions held: a referee's title, a paper's year, a club's office
 * among memberships and activities.
 */
const NEVER_ROLES: ReadonlySet<SectionKind> = new Set(['experience', 'references', 'publications', 'other', 'interests']);
/** Dated job titles a section must hold before its entries are read as a work history. */
const MIN_ROLES_ELSEWHERE = 2;
/** A year, a template's "20XX", "'19" or "7/95": what any date of a role holds. */
const YEAR_RE = /(?:19|20)(?:\d\d|xx)|'\d\d\b|\b\d{1,2}\/\d\d\b/i;

/**
 * A work history under a heading that does not say so ("Accomplishments", "Academic Career", positions
 * listed inside the education section): dated entries whose title reads plainly as a job title. A section
 * counts only when it holds several of them, so one dated award or course is not a role; entries naming a
 * degree are education, whatever else they hold.
 */
function historiesElsewhere(sections: readonly Section[], rolesOf: (section: Section) => Experience[]): Experience[] {
  const out: Experience[] = [];
  for (const section of sections) {
    if (NEVER_ROLES.has(section.kind) || !mayHoldRoles(section.lines)) continue;
    const roles = rolesOf(section).filter(isPlainRole);
    if (roles.length >= MIN_ROLES_ELSEWHERE) out.push(...roles);
  }
  return out;
}

/** A cheap test before parsing: two dated roles need two lines with a date and two naming a job noun early on. */
function mayHoldRoles(lines: readonly Line[]): boolean {
  let years = 0;
  let jobs = 0;
  for (const { text } of lines) {
    if (YEAR_RE.test(text)) years++;
    if (text.slice(0, 120).split(/[^\p{L}-]+/u).some((w) => TITLE_HEADS.has(w.toLowerCase()))) jobs++;
  }
  return years >= MIN_ROLES_ELSEWHERE && jobs >= MIN_ROLES_ELSEWHERE;
}

function isPlainRole(role: Experience): boolean {
  if (role.title === null || role.start === null) return false;
  if (findDegree(role.title) !== null || (role.company !== null && findDegree(role.company) !== null)) return false;
  return endsInJobNoun(role.title) && titleScore(role.title) >= 1.5 && companyScore(role.title) < 1;
}

/** Roles not already found: the same title at the same company is one role, whichever section gave it. */
function withoutKnown(roles: readonly Experience[], known: readonly Experience[]): Experience[] {
  const key = (e: Experience): string => `${e.title ?? ''}|${e.company ?? ''}`.toLowerCase();
  const seen = new Set(known.map(key));
  return roles.filter((e) => !seen.has(key(e)));
}

function educationOf(sections: readonly Section[], referenceDate: Date): ResumeFields['education'] {
  const labelled = sections.filter((s) => s.kind === 'education').flatMap((s) => parseEducation(s.lines, { referenceDate }));
  // A degree with its school under another heading ("Professional Development", a skills list) still counts.
  const elsewhere = sections.filter((s) => s.kind !== 'education' && s.kind !== 'references').flatMap((s) => parseEducation(s.lines, { referenceDate, strict: true }));
  const entries = withStatedDegrees(labelled, elsewhere);
  // Degrees stated after the name or in the summary, when the education section does not list them.
  const stated = mentionedDegrees(sections.filter((s) => s.kind === 'header' || s.kind === 'summary').flatMap((s) => s.lines.slice(0, 40)), referenceDate);
  return withStatedDegrees(entries, stated);
}

export class LocalResumeParser implements ResumeParser {
  readonly provider = 'local';
  readonly model = 'rules';
  readonly version = LOCAL_PARSER_VERSION;

  async parse(request: ParseRequest): Promise<ParseResult> {
    request.signal?.throwIfAborted();
    const referenceDate = request.referenceDate ?? new Date();
    const started = performance.now();
    const parsed = parseResumeText(request.text, { referenceDate });
    const durationMs = performance.now() - started;
    return {
      resume: {
        ...parsed.fields,
        totalExperienceMonths: parsed.totalExperienceMonths,
        meta: {
          provider: this.provider,
          model: this.model,
          version: LOCAL_PARSER_VERSION,
          durationMs,
          referenceDate: referenceDate.toISOString(),
          language: parsed.language,
          warnings: parsed.warnings,
        },
      },
      usage: { ...ZERO_USAGE },
    };
  }
}
