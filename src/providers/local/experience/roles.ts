import type { DateRange } from '../dates.js';
import { companyScore, endsInJobNoun, isOrganisationLike, titleScore } from '../entities.js';
import { isKnownTitle } from '../../../taxonomy/index.js';
import { TITLE_HEADS } from '../vocab.js';
import type { Experience } from '../../../domain/index.js';
import { type Part, DEPARTMENT_RE, splitParts, cleanValue, isNameLike, isEmployerName, isMarkedOrganisation } from './header.js';
import type { Row } from './rows.js';

/**
 * From a role's header parts to its title and company (assign, then the look-ahead and leftovers that fill
 * what is still missing), and the roles one header holds: undated sub-roles, co-titles, split titles.
 */

export interface Draft {
  title: string | null;
  company: string | null;
  location: string | null;
  range: DateRange;
  /** Rows consumed as header by a look-ahead (not body). */
  usedRows: number[];
  /** No header lines of its own: the role sits on the anchor line (a sub-role under a company). */
  bare: boolean;
  /** Its lines carry on the block of the role before it, in a section whose blank lines part employers. */
  inBlock: boolean;
  /** Its company heads the roles after it: a tenure line ("5 years") follows the company, as LinkedIn writes. */
  opensGroup: boolean;
  body: Row[];
  /** Header phrases neither recognised as a title nor as a company. */
  leftovers: string[];
  /** Those of them that stand alone on their line. */
  aloneLeftovers: string[];
}

const NO_RANGE: DateRange = { start: null, end: null, current: false, closed: false, index: 0, length: 0 };

export function assign(parts: Part[], range: DateRange, bare: boolean): Draft {
  const draft: Draft = { title: null, company: null, location: null, range, usedRows: [], bare, inBlock: false, opensGroup: false, body: [], leftovers: [], aloneLeftovers: [] };
  const open: Part[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    if (p.kind === 'title' && draft.title === null) draft.title = p.text;
    else if (p.kind === 'company' && draft.company === null) draft.company = p.text;
    else if (p.kind === 'location' && draft.location === null) draft.location = p.text;
    else if (p.kind === null && isNameLike(p.text)) open.push(p);
  }
  const scored = open.map((p) => ({ text: p.text, t: titleScore(p.text), c: companyScore(p.text), alone: p.alone === true }));
  const client = parts.find((p) => p.kind === 'client' && p.text !== '');
  if (draft.title === null) {
    const best = scored.filter((s) => s.t >= 1 && s.t >= s.c).sort((x, y) => y.t - x.t)[0];
    if (best !== undefined) draft.title = best.text;
  }
  if (draft.company === null) {
    // "Clinical Nurse – Emergency Department / Fiona Stanley Hospital": the organisation outranks a unit
    // named by its kind ("… Department", "… Unit"); "Institute for Public Health" names the employer itself.
    const best = scored
      .filter((s) => s.text !== draft.title && s.c >= 1 && s.c > s.t && isOrganisationLike(s.text))
      .sort((x, y) => Number(UNIT_END_RE.test(x.text)) - Number(UNIT_END_RE.test(y.text)) || y.c - x.c)[0];
    if (best !== undefined) draft.company = best.text;
  }
  if (draft.company === null && client !== undefined && !scored.some((s) => s.text !== draft.title && isOrganisationLike(s.text) && s.t < 1)) {
    draft.company = client.text;
  }
  // Digits cost a phrase its title score, but a name may carry them: "Rapid9", "Studio 54", "News 24/7".
  // A long number is a reference ("Patent Application 12345678"), not a name.
  const named = (x: { text: string; t: number }): boolean => x.t > -1 || (/^\p{Lu}[\p{L}\d&' ]*\d[\p{L}\d&' /]*$/u.test(x.text) && !/\d{5}/.test(x.text));
  const left = scored.filter((s) => s.text !== draft.title && s.text !== draft.company && named(s));
  draft.leftovers = left.map((s) => s.text);
  draft.aloneLeftovers = left.filter((s) => s.alone).map((s) => s.text);
  return draft;
}

const UNIT_START_RE = /^(?:the\s+)?(?:department|dept\.?|office|division|faculty|school|college|cent(?:er|re)|institute|bureau)\s+(?:of|for)\b/i;
const UNIT_END_RE = /\b(?:department|dept\.?|office|division|section|unit|group|lab|laboratory|programme|program|bureau|branch)$/i;

const isUnit = (text: string): boolean => UNIT_START_RE.test(text) || UNIT_END_RE.test(text);

/**
 * "Office of Undergraduate Admissions, Columbia University", "NASA, Voice and Navigation Aids Section": a
 * unit and the organisation it belongs to, next to each other on a header line, are one employer, named
 * whole as the line writes it.
 */
export function withUnitOrParent(company: string, headerTexts: readonly string[]): string {
  for (const text of headerTexts) {
    const parts = splitParts(text);
    const i = parts.findIndex((p) => p.text === company);
    if (i < 0) continue;
    for (const j of [i - 1, i + 1]) {
      const other = parts[j];
      if (other === undefined || other.kind !== null || !isNameLike(other.text)) continue;
      // "Office of Student Admissions" opens like a unit, whatever job nouns ("Student") it holds.
      const organisation = isOrganisationLike(other.text) && companyScore(other.text) >= 1 && (titleScore(other.text) < 1 || UNIT_START_RE.test(other.text));
      if (!organisation || !(isUnit(other.text) || isUnit(company))) continue;
      const [first, second] = j < i ? [other.text, company] : [company, other.text];
      const from = text.indexOf(first);
      const to = text.indexOf(second, from + first.length);
      if (from >= 0 && to >= 0) return text.slice(from, to + second.length);
    }
  }
  return company;
}

/**
 * "Special Education Teacher Maple Elementary School": a known job title run into the organisation's name
 * with no separator. Only a title the taxonomy knows, so "Northeast Teacher Academy" stays whole.
 */
function titleBeforeName(text: string): [string, string] | null {
  const words = text.split(/\s+/);
  for (let n = Math.min(5, words.length - 2); n >= 1; n--) {
    const title = words.slice(0, n).join(' ');
    const name = words.slice(n).join(' ');
    if (isKnownTitle(title) && endsInJobNoun(title) && /^\p{Lu}/u.test(name) && isMarkedOrganisation(name)) return [title, name];
  }
  return null;
}

/**
 * Unrecognised phrases of the header fill the slots still empty. Titles are the recognisable half (the
 * taxonomy knows tens of thousands), so a lone unknown phrase is the company; two are "Title, Company".
 */
export function fillFromLeftovers(draft: Draft): void {
  if (draft.title === null && draft.company !== null) {
    const split = titleBeforeName(draft.company);
    if (split !== null) [draft.title, draft.company] = split;
  }
  // "Cashier, Healthy Eating Ambassador": a second job title is a co-title, never the company.
  const rest = draft.leftovers.filter((text) => isOrganisationLike(text) && !isPlainJobTitle(text));
  // A name alone on its line is the likelier company than a comma part after the title ("Director, Mobile").
  const company = draft.aloneLeftovers.find(isOrganisationLike) ?? rest[0];
  if (draft.company === null && draft.title !== null && company !== undefined) draft.company = company;
  // A second organisation ("Field Campus, State University") is not the title the header left out.
  else if (draft.title === null && draft.company !== null) draft.title = rest.find((text) => !/\d/.test(text) && companyScore(text) < 1) ?? null;
  else if (draft.title === null && draft.company === null) {
    if (rest.length >= 2) {
      draft.title = rest[0]!;
      draft.company = rest[1]!;
    } else if (rest.length === 1) {
      draft.company = rest[0]!;
    }
  }
}

/** The missing title (or company) on a short line among the first lines of the role's body. */
export function fillFromWindow(
  draft: Draft,
  rows: readonly Row[],
  anchor: number,
  next: number,
  want: 'title' | 'company',
  own: readonly number[],
  claimed: ReadonlySet<number>,
): void {
  // "Intern for the Evening Show.": a header line of the role's own that is a title and what it was for.
  for (const i of want === 'title' ? own : []) {
    const text = rows[i]!.line.text;
    const lead = titleLead(text);
    if (lead === null) continue;
    draft.title = lead;
    draft.leftovers = draft.leftovers.filter((l) => !text.includes(l));
    draft.aloneLeftovers = draft.aloneLeftovers.filter((l) => !text.includes(l));
    return;
  }
  const start = Math.max(anchor, ...own, ...draft.usedRows) + 1;
  // "Korle Bu Hospital / Physician (2018 – present) / Senior Resident (2014 – 2018) / / Ridge Hospital…": a
  // role right under another's lines is one more held there; the next block is another employer's.
  const continues = own.length === 0 && draft.title !== null && anchor > 0 && !rows[anchor]!.line.blockStart && claimed.has(anchor - 1);
  for (let j = start; j < Math.min(next, start + 4); j++) {
    const row = rows[j]!;
    if (row.line.bullet || (continues && row.line.blockStart)) break;
    if (!row.header && want === 'title' && !claimed.has(j)) {
      // The role's text opens with the title: "Senior Paralegal. Drafted pleadings…", "Vice President – Led…".
      const lead = titleLead(row.line.text);
      if (lead !== null) {
        draft.title = lead;
        return;
      }
    }
    if (!row.header || claimed.has(j) || draft.usedRows.includes(j)) continue;
    const parts = splitParts(row.line.text);
    for (const p of parts) {
      if (p.kind !== null && p.kind !== want) continue;
      const score = want === 'title' ? titleScore(p.text) : companyScore(p.text);
      const other = want === 'title' ? companyScore(p.text) : titleScore(p.text);
      // "Title / 2009 – 2014 / Acme Learning / City, ST": the line right under the date names the company
      // even when nothing marks it as one, as long as it is not a title.
      const adjacent =
        want === 'company' &&
        j === start &&
        p.kind === null &&
        draft.title !== null &&
        !draft.aloneLeftovers.some(isOrganisationLike) &&
        other < 1 &&
        isNameLike(p.text) &&
        isOrganisationLike(p.text) &&
        !FIELD_ROW_RE.test(row.line.text);
      const scored = score >= 1.5 && score > other && (want === 'title' || isOrganisationLike(p.text));
      if ((p.kind === want || adjacent || scored) && p.text !== draft.title && p.text !== draft.company) {
        draft[want] = p.text;
        draft.usedRows.push(j);
        // "India / 2007 – 2008 / Programme Manager - Dream a Dream": the line that names the title names
        // where it was held too, and the company look-ahead will not read a used line again.
        // A name left over in the role's own header ("Best Buy / July 2019 – present / Sales Associate,
        // City, MD") is still the likelier company.
        if (want === 'title' && draft.company === null && !draft.leftovers.some(isOrganisationLike)) draft.company = otherOrganisation(parts, p) ?? null;
        return;
      }
    }
  }
}

/** The one other name on a header line beside its title, when it reads as an organisation and not a title. */
function otherOrganisation(parts: readonly Part[], title: Part): string | undefined {
  const others = parts.filter((q) => q !== title && q.kind !== 'location');
  const [only] = others;
  if (others.length !== 1 || only!.kind === 'title') return undefined;
  return only!.kind === 'company' || isEmployerName(only!.text) ? only!.text : undefined;
}

/** "Salary | $89,000", "Hours: 40/Week": a field of a form, never a name. */
const FIELD_ROW_RE = /^\p{L}[\p{L} ]{1,24}\s*[:：|]\s*[$€£\d]/u;

/** "Position | Associate", "(Designation: Software Intern)", "Key Role: UI Designer". */
const TITLE_FIELD_RE = /(?:^|\()((?:key\s+)?role|position(?:\s+held)?|job\s+title|designation)\s*[:：|]\s*([^()|]{2,60}?)\s*(?:[.()|]|$)/i;

/**
 * A title labelled as one within the role's first ten lines: form-like resumes put salary, hours and manager
 * lines before it, out of reach of the header look-ahead. A "Role:" may be the part played in one of the
 * job's projects ("Project: Banking Portal / Role: Backend developer"), so a plain job title in the role's
 * header parts or on a line above the label outranks it; "Position:" and "Designation:" name the job itself.
 */
export function labelledTitleBelow(rows: readonly Row[], anchor: number, next: number, claimed: ReadonlySet<number>, header: readonly Part[]): string | null {
  for (let j = anchor + 1; j < Math.min(next, anchor + 10); j++) {
    const row = rows[j]!;
    if (row.line.bullet || claimed.has(j)) continue;
    const m = TITLE_FIELD_RE.exec(row.line.text);
    if (m === null) continue;
    // "Infosys, Bangalore / July 2020 – Present / Senior Systems Engineer / Project: … / Role: …".
    const titledAbove = (): boolean => header.some(isPlainTitlePart) || rows.slice(anchor + 1, j).some((r) => r.header && isPlainJobTitle(r.line.text));
    if (/role$/i.test(m[1]!) && titledAbove()) continue;
    const title = m[2]!.trim();
    if (titleScore(title) >= 1 && isNameLike(title)) return title;
  }
  return null;
}

/** "Senior Systems Engineer": a part of a role's header that reads plainly as a job title. */
function isPlainTitlePart(part: Part): boolean {
  return part.kind === null && isPlainJobTitle(part.text);
}

const TITLE_LEAD_RE = /^(\p{Lu}[^.:;!?–—]{1,60}?)(?:\.\s+|\s+[-–—]\s+|:\s+)\p{Lu}/u;

/** "Lead engineer on the payments team.", "Intern for the morning show.": the title, then what it was for. */
const TITLE_FOR_RE = /^(\p{Lu}[\p{L} .'/&-]{1,50}?)\s+(?:for|on|with|in)\s+(?:the|a|an|our|its|their|\p{Lu})/u;

/** "Senior Litigation Paralegal. Assigned to…": the title that opens a paragraph, when it reads as one. */
function titleLead(text: string): string | null {
  const lead = (TITLE_LEAD_RE.exec(text) ?? TITLE_FOR_RE.exec(text))?.[1]?.trim();
  // "Sun Certified Developer for Java Web Services" names a credential, not a position.
  if (lead === undefined || lead.split(/\s+/).length > 7 || /\bcertified\b/i.test(lead)) return null;
  return isPlainJobTitle(lead) && isOrganisationLike(lead) ? lead : null;
}

/**
 * "Acme Ltd, 2010 – Present / Senior Manager / • … / Project Lead / • …": a line naming only a job title,
 * between paragraphs of the role's text, is another position held at the same company; a title line and an
 * organisation line together there are a position elsewhere (see undatedPair). Their dates are not written,
 * so they keep none; each takes the text that follows it.
 */
export function withUndatedSubRoles(draft: Draft): Draft[] {
  const out: Draft[] = [draft];
  const body = draft.body;
  draft.body = [];
  let lead: string | null;
  for (let i = 0; i < body.length; i++) {
    const row = body[i]!;
    const prev = body[i - 1];
    const next = body[i + 1];
    const opens = prev === undefined ? row.line.blockStart : row.line.blockStart || !prev.header;
    const pair = opens ? undatedPair(body, i) : null;
    const single = pair === null ? undatedLine(row) : null;
    if (pair !== null) {
      out.push(undatedRole(draft, { ...pair, location: null }));
      i++;
    } else if (single !== null) {
      out.push(undatedRole(draft, { ...single, location: null }));
    } else if (draft.company !== null && opens && next !== undefined && !next.header && isTitleOnly(row)) {
      out.push(undatedRole(draft, { title: cleanValue(row.line.text) }));
    } else if (draft.company !== null && row.line.blockStart && !row.header && (lead = titleLead(row.line.text)) !== null) {
      // "Senior Paralegal. Assigned to…" opening a paragraph: the role's title if it has none yet, else
      // another position at the same company.
      const current = out.at(-1)!;
      if (current.title === null) current.title = lead;
      else if (current.title !== lead) out.push(undatedRole(draft, { title: lead }));
      out.at(-1)!.body.push(row);
    } else {
      out.at(-1)!.body.push(row);
    }
  }
  return out;
}

/** A position held at the draft's company (or at the one given), its dates not written: it keeps none. */
function undatedRole(draft: Draft, fields: Partial<Draft>): Draft {
  return { ...draft, ...fields, range: NO_RANGE, usedRows: [], bare: false, inBlock: false, body: [], leftovers: [], aloneLeftovers: [] };
}

/** "Senior Paralegal", "Lecturer in Law": a phrase that reads plainly as a job title and not as a name. */
function isPlainJobTitle(text: string): boolean {
  return titleScore(text) >= 2 && endsInJobNoun(text) && companyScore(text) < 1;
}

/**
 * "MICROSOFT CORPORATION / Software Design Engineer, Intern / Implemented…" inside another role's text: two
 * header lines, one a plain job title and the other an organisation, before text of their own, are a role
 * whose dates were not written next to it (or were extracted elsewhere).
 */
function undatedPair(body: readonly Row[], i: number): { title: string; company: string } | null {
  const [a, b, after] = [body[i]!, body[i + 1], body[i + 2]];
  if (b === undefined || after === undefined || !a.header || !b.header || after.header || b.line.blockStart) return null;
  const titleFirst = titleOfLine(a.line.text);
  const title = titleFirst ?? titleOfLine(b.line.text);
  const company = companyOfLine((titleFirst !== null ? b : a).line.text);
  return title !== null && company !== null ? { title, company } : null;
}

/**
 * "• Lecturer in Law, Kenyatta University", "Receptionist, Heritage Bank of Huntsville, AL": one short line
 * naming a plain job title, then an organisation that reads as one (a place at most after it), is a position
 * of its own listed without dates.
 */
function undatedLine(row: Row): { title: string; company: string } | null {
  const text = row.line.text;
  if (!(row.header || row.line.bullet) || text.length > 90 || /[.:：;]$/.test(text)) return null;
  const parts = splitParts(text).filter((p) => p.kind !== 'location');
  if (parts.length !== 2 || parts.some((p) => p.kind !== null || !isNameLike(p.text))) return null;
  const [title, company] = [parts[0]!.text, parts[1]!.text];
  return isPlainJobTitle(title) && isMarkedOrganisation(company) ? { title, company } : null;
}

/** "Software Design Engineer, Intern": a line of job titles only, its first one returned. */
function titleOfLine(text: string): string | null {
  const parts = splitParts(text).filter((p) => p.kind !== 'location');
  if (parts.length === 0 || /["“”()]/.test(text)) return null;
  const ok = parts.every((p) => p.kind === null && titleScore(p.text) >= 1.5 && companyScore(p.text) < 1 && isNameLike(p.text));
  const first = parts[0]!.text;
  return ok && isPlainJobTitle(first) ? first : null;
}

/**
 * "MICROSOFT CORPORATION", "Acme Labs, Austin, TX", "Hale Library, Northfield College of Medicine": one
 * organisation (or a unit and its parent), a place at most; the first name is the company.
 */
function companyOfLine(text: string): string | null {
  const parts = splitParts(text).filter((p) => p.kind !== 'location');
  if (parts.length === 0 || parts.length > 2) return null;
  const names = parts.every((p) => p.kind === null && isEmployerName(p.text));
  return names ? parts[0]!.text : null;
}

/** A header row that is nothing but a job title: "Technical Lead", "Oracle Developer/Application Architect". */
function isTitleOnly(row: Row): boolean {
  const text = row.line.text;
  if (!row.header || row.line.bullet || /[.:：]$/.test(text) || text.split(/\s+/).length > 8) return false;
  const parts = splitParts(text);
  return parts.length === 1 && parts[0]!.kind === null && titleScore(parts[0]!.text) >= 2 && companyScore(parts[0]!.text) < 1;
}

/**
 * "Company, City / 1999 – 2005" followed by "Senior Manager 2002 – 2005", "Manager 2000 – 2002": the
 * company-only role is a group, and its company belongs to the titled roles inside it. A bare sub-role
 * (title on the date line, no header of its own), or one whose title line carries on the block of the role
 * before it ("Acme LLP / Partner / 2024 – present / Associate / 2017 – 2023"), continues that role's company.
 * So does a titled role after one whose company opened a group ("Lumenfield / 5 years / Senior Engineer / …").
 */
export function groupUnderCompanies(roles: Draft[]): Draft[] {
  const out: Draft[] = [];
  let group: Draft | null = null;
  for (const role of roles) {
    if (role.company !== null && role.title === null) {
      group = role;
      out.push(role);
      continue;
    }
    if (role.company === null && role.title !== null) {
      const parent = group ?? (role.bare || role.inBlock ? (out.at(-1) ?? null) : null);
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
      group = role.opensGroup && role.company !== null ? role : null;
    }
    out.push(role);
  }
  return out;
}

/**
 * "Personal Trainer, Nutritionist, Boxing Coach, Acme Gym": the header names more than one position. The
 * title chosen keeps the role's text; each further phrase that reads plainly as a job title (it ends in one)
 * is a role of its own at the same company and dates.
 */
export function withCoTitles(draft: Draft): Experience[] {
  const role = toExperience(draft);
  if (draft.title === null) return [role];
  const others = draft.leftovers.filter((t) => t !== draft.company && isPlainTitle(t));
  return [role, ...others.map((title) => ({ ...role, title, description: null, highlights: [] }))];
}

/** "Head Boxing Coach": capitalised words ending in a job noun, nothing else (no digits, brackets or "&"). */
function isPlainTitle(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length > 6 || /[\d()&]/.test(text) || !TITLE_HEADS.has(words.at(-1)!.toLowerCase())) return false;
  if (!words.every((w) => /^\p{Lu}/u.test(w) || /^(?:of|and|for|the|in)$/.test(w))) return false;
  return titleScore(text) >= 2 && companyScore(text) < 1;
}

/**
 * "Paralegal/Bookkeeper", "Founder and CEO", "Owner, Trainer & Consultant": one header naming several
 * positions held over the same period. Each becomes a role of its own, at the same company and dates, the
 * first keeping the role's text. Only when every part reads as a job title: "Java/J2EE Developer" or
 * "Director of Finance / Program Management" is one title.
 */
export function perTitle(role: Experience): Experience[] {
  const titles = role.title === null ? [] : titleParts(role.title);
  if (titles.length < 2) return [role];
  return titles.map((title, i) => (i === 0 ? { ...role, title } : { ...role, title, description: null, highlights: [] }));
}

/** Between titles: slashes, commas, "and", and the arrow of a promotion ("Team Member → Team Leader"). */
const TITLE_JOIN_RE = /\s*\/\s*|\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+|\s*(?:→|->)\s*/;

function titleParts(title: string): string[] {
  // Joins inside brackets are part of one title: "Teacher (1st & 3rd Grade)".
  if (/[()[\]]/.test(title)) return [title];
  // "Test Lead / People Manager, QA": the department after the last title is that title's.
  const department = /,\s*([^,/&]+)$/.exec(title);
  const titles = department !== null && DEPARTMENT_RE.test(department[1]!.trim()) ? title.slice(0, department.index) : title;
  const parts = titles.split(TITLE_JOIN_RE).map((p) => p.trim());
  if (parts.length < 2 || parts.length > 4) return [title];
  const slashed = isTitleBesideSlash(titles);
  if (!parts.every((p) => p.length > 1 && companyScore(p) < 1 && (titleScore(p) >= 1.5 || (slashed && isFunctionPhrase(p))))) return [title];
  // "Management and Program Analyst": words joined by "and" share the job noun unless each part has its own.
  if (/\s(?:and|&)\s/.test(titles) && !parts.every(endsInJobNoun)) return [title];
  if (titles !== title) parts[parts.length - 1] += title.slice(titles.length);
  return parts;
}

/**
 * "Customer Service/Deputy Manager", "Director of Finance / Program Management": between slashes, a
 * function of two words or more stands for the post that does it, beside a title. One word before a slash
 * qualifies the noun after it ("Java/J2EE Developer", "Sales/Marketing Manager"), so it does not count.
 */
function isTitleBesideSlash(titles: string): boolean {
  return /^[^,&]+$/.test(titles) && !/\s(?:and|or)\s/i.test(titles) && titles.split('/').some((p) => titleScore(p.trim()) >= 1.5);
}

/** Two to four capitalised words: a function named as a heading names it ("Customer Service"). */
function isFunctionPhrase(part: string): boolean {
  const words = part.split(/\s+/);
  return words.length >= 2 && words.length <= 4 && words.every((w) => /^\p{Lu}/u.test(w) || /^(?:of|and|for|the|in)$/.test(w));
}

/**
 * "(part time basis)", "(4 hours a week)", "(Seasonal)", "(P/T)": how much the job was worked, not its name.
 * The aside may have lost its closing bracket to the date it held: "(part-time employment Jan. 2004)".
 */
const WORKING_TIME_RE = /\s*\((?=[^()]*\b(?:part[- ]time|full[- ]time|[pf]\/t|seasonal|temporary|temp|casual|contract|internship|volunteer|voluntary|hours?|weekends?|summers?)\b)[^()]{1,40}\)?$/i;

/**
 * "Paris", "Windows", "Class of", "Bachelors Thesis": one or two words without any sign of a job in them
 * (no job noun, no title word) are a place, a product or a stray phrase beside the dates, not a title.
 */
function isStrayWord(title: string): boolean {
  return title.split(/\s+/).length <= 2 && titleScore(title) <= 0;
}

function withoutWorkingTime(title: string): string {
  const plain = title.replace(WORKING_TIME_RE, '');
  return plain === '' ? title : plain;
}

export function toExperience(draft: Draft): Experience {
  const highlights: string[] = [];
  const prose: string[] = [];
  for (const row of draft.body) {
    if (row.line.bullet) highlights.push(row.line.text);
    else if (highlights.length > 0 && /^[\p{Ll}]/u.test(row.line.text)) highlights[highlights.length - 1] += ` ${row.line.text}`;
    else prose.push(row.line.text);
  }
  return {
    title: draft.title === null || isStrayWord(draft.title) ? null : withoutWorkingTime(draft.title),
    company: draft.company,
    location: draft.location,
    start: draft.range.start,
    end: draft.range.current ? null : draft.range.end,
    current: draft.range.current,
    description: prose.length > 0 ? prose.join('\n') : null,
    highlights,
  };
}
