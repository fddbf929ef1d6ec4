import { performance } from 'node:perf_hooks';
import {
  ZERO_USAGE,
  type ParseRequest,
  type ParseResult,
  type ResumeFields,
  type ResumeParser,
} from '../../domain/index.js';
import { findEmails, findLinks, findPhones } from './contact.js';
import { totalMonths } from './dates.js';
import { mentionedDegrees, parseEducation, withStatedDegrees } from './education.js';
import { parseExperience, withStatedRoles } from './experience.js';
import { parseCertifications, parseLanguages } from './extras.js';
import { Grounding, groundFields } from './grounding.js';
import { detectLanguage } from './language.js';
import { findLocation } from './location.js';
import { findHeadline, findName, statedTitle, titleUnderName } from './name.js';
import { toLines, type Line } from './normalise.js';
import { splitSections, type Section, type SectionKind } from './sections.js';
import { extractSkills, keywordLines, toolListLines } from './skills.js';

/**
 * The local, offline resume parser: rules over the resume's structure (sections, date anchors, list items)
 * with the skills and titles taxonomy. Deterministic, synchronous inside, no I/O.
 */

/** Bump whenever a rule changes what the parser returns, so evaluations can be compared across releases. */
export const LOCAL_PARSER_VERSION = '1.4.0';

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

export function parseResumeText(text: string, options: ParseTextOptions = {}): ParsedText {
  const referenceDate = options.referenceDate ?? new Date();
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
    }),
    experience: withStatedRoles(experienceOf(sections, referenceDate), of('summary', 'objective', 'experience')),
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

function experienceOf(sections: readonly Section[], referenceDate: Date): ResumeFields['experience'] {
  const dated: ResumeFields['experience'] = [];
  const undated: ResumeFields['experience'] = [];
  for (const lines of experienceBlocks(sections)) {
    const roles = parseExperience(lines, { referenceDate });
    if (roles.length > 0) dated.push(...roles);
    else undated.push(...parseExperience(lines, { referenceDate, undated: true }));
  }
  // Undated roles alone do not prove the section was read right: the headerless search still runs.
  if (dated.length > 0) return [...dated, ...undated];
  // Headerless resumes: roles are wherever date ranges sit next to title- or company-like lines.
  const found = sections
    .filter((s) => UNLABELLED.has(s.kind))
    .flatMap((s) => parseExperience(s.lines, { referenceDate }))
    .filter((e) => e.title !== null && e.company !== null);
  return [...undated, ...found];
}

/** Each experience section with the in-role sections that follow it. */
function experienceBlocks(sections: readonly Section[]): Line[][] {
  const blocks: Line[][] = [];
  sections.forEach((section, i) => {
    if (section.kind !== 'experience') return;
    const lines = [...section.lines];
    for (let j = i + 1; j < sections.length && sections[j]!.kind !== 'experience' && IN_ROLE_HEADING_RE.test(sections[j]!.heading ?? ''); j++) {
      lines.push(...sections[j]!.lines);
    }
    blocks.push(lines);
  });
  return blocks;
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
