/**
 * Generates the sample job corpus (data/jobs/sample-jobs.jsonl) from O*NET 29.2 and ESCO 1.1.1.
 *
 *   tsx scripts/generate-jobs.ts [--shared <path>] [--count N] [--seed S] [--out <file>]
 *
 * Every posting is built from one O*NET occupation: its alternate/reported titles, task statements,
 * technology skills (Hot Technology first) and, through a hand-checked crosswalk, the essential/optional
 * skills of the closest ESCO occupation. Output is a pure function of (sources, count, seed): each job
 * draws from its own PRNG stream keyed by (seed, occupation, index), so the same inputs always give the
 * same bytes. The benchmark generator imports the loaders and helpers exported here.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JobSchema } from '../src/domain/job.js';
import type { Job, Seniority, Workplace } from '../src/domain/job.js';
import { mulberry32 } from '../src/random.js';

export const DEFAULT_JOB_COUNT = 2400;
export const DEFAULT_SEED = 20_240_529;
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SHARED_DIR = resolve(PROJECT_ROOT, '../shared');
export const JOBS_FILE = join(PROJECT_ROOT, 'data/jobs/sample-jobs.jsonl');

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness. Math.random is never used: every draw comes from a stream derived from the seed.

export type Rng = () => number;

export { mulberry32 };

/** FNV-1a: turns a stream name into a 32-bit PRNG seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** An independent stream per purpose, so adding one job or occupation does not reshuffle all others. */
export function rngFor(seed: number, ...keys: (string | number)[]): Rng {
  return mulberry32(hash32(`${seed}|${keys.join('|')}`));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Picks a key of `weights` with probability proportional to its weight. */
export function pickWeighted<K extends string>(rng: Rng, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return (entries.at(-1) as [K, number])[0];
}

/** A weighted random order (Efraimidis–Spirakis keys): heavy items tend to come first, but not always. */
export function weightedOrder<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T[] {
  return items
    .map((item) => ({ item, key: Math.pow(rng(), 1 / Math.max(weight(item), 1e-6)) }))
    .sort((a, b) => b.key - a.key)
    .map((x) => x.item);
}

// ---------------------------------------------------------------------------------------------------------
// Source files.

export interface TechSkill {
  name: string;
  hot: boolean;
  inDemand: boolean;
}

export interface EscoSkill {
  name: string;
  kind: 'knowledge' | 'competence';
}

export interface EscoProfile {
  /** ESCO preferred label of the occupation this O*NET occupation was mapped to. */
  label: string;
  essential: EscoSkill[];
  optional: EscoSkill[];
}

export interface OccupationSource {
  code: string;
  title: string;
  description: string;
  tasks: string[];
  tech: TechSkill[];
  /** O*NET "Sample of Reported Titles": the titles incumbents actually use. */
  reportedTitles: string[];
  alternateTitles: string[];
  esco: EscoProfile | null;
}

export interface Sources {
  /** Every O*NET occupation (ESCO skills only for the ones in OCCUPATION_PLAN). */
  occupations: Map<string, OccupationSource>;
  /** For each technology skill: how many O*NET occupations list it, overall and per SOC major group. */
  techUsage: TechUsage;
  /** Lower-cased first words of all O*NET task statements: the imperative verbs O*NET writes with. */
  taskVerbs: Set<string>;
}

export interface TechUsage {
  occupationsWithTech: number;
  occupationsWithTechByGroup: Map<string, number>;
  byName: Map<string, { total: number; byGroup: Map<string, number> }>;
}

function readTsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const columns = (header ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

/** RFC 4180 CSV (ESCO files quote multi-line label lists). Returns rows keyed by header. */
export function parseCsv(text: string): Record<string, string>[] {
  // One match per field: a quoted field (with "" escapes) or a bare one, then its delimiter.
  const field = /(?:"((?:[^"]|"")*)"|([^,\r\n]*))(,|\r?\n|$)/g;
  const rows: string[][] = [];
  let row: string[] = [];
  for (const m of text.matchAll(field)) {
    row.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''));
    if (m[3] !== ',') {
      rows.push(row);
      row = [];
      if (m[3] === '' || (m.index ?? 0) + m[0].length >= text.length) break;
    }
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  const columns = header ?? [];
  return body.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])));
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

const majorGroup = (code: string): string => code.slice(0, 2);
const firstWord = (sentence: string): string => (sentence.split(/[\s,]/)[0] ?? '').toLowerCase();

/**
 * Reads O*NET and the ESCO occupations named in OCCUPATION_PLAN from `sharedDir` (the `shared/` folder).
 * Throws when a crosswalk label is missing from ESCO, so a typo cannot silently drop a mapping.
 */
export function loadSources(sharedDir: string = DEFAULT_SHARED_DIR): Sources {
  const onet = join(sharedDir, 'data/skills/onet');
  const escoDir = join(sharedDir, 'data/skills/esco-1.1.1');
  const col = (name: string) => (row: Record<string, string>) => row[name] ?? '';
  const code = col('O*NET-SOC Code');

  const tasks = groupBy(readTsv(join(onet, 'task-statements.tsv')), code);
  const tech = groupBy(readTsv(join(onet, 'technology-skills.tsv')), code);
  const alternates = groupBy(readTsv(join(onet, 'alternate-titles.tsv')), code);
  const reported = groupBy(readTsv(join(onet, 'sample-of-reported-titles.tsv')), code);
  const esco = loadEscoProfiles(escoDir, OCCUPATION_PLAN.map((o) => o.esco).filter((l) => l !== null));
  const escoByCode = new Map(OCCUPATION_PLAN.map((o) => [o.code, o.esco]));

  const occupations = new Map<string, OccupationSource>();
  for (const row of readTsv(join(onet, 'occupation-data.tsv'))) {
    const c = code(row);
    const escoLabel = escoByCode.get(c) ?? null;
    occupations.set(c, {
      code: c,
      title: col('Title')(row),
      description: col('Description')(row),
      tasks: (tasks.get(c) ?? []).map(col('Task')),
      tech: uniqueBy(
        (tech.get(c) ?? []).map((r) => ({
          name: col('Example')(r).trim(),
          hot: col('Hot Technology')(r) === 'Y',
          inDemand: col('In Demand')(r) === 'Y',
        })),
        (t) => t.name,
      ),
      reportedTitles: (reported.get(c) ?? []).map(col('Reported Job Title')),
      alternateTitles: (alternates.get(c) ?? []).map(col('Alternate Title')),
      esco: escoLabel === null ? null : (esco.get(escoLabel) ?? null),
    });
  }
  const taskVerbs = new Set([...occupations.values()].flatMap((o) => o.tasks.map(firstWord)));
  return { occupations, techUsage: countTechUsage(occupations), taskVerbs };
}

function loadEscoProfiles(escoDir: string, labels: string[]): Map<string, EscoProfile> {
  const wanted = new Set(labels);
  const uriByLabel = new Map<string, string>();
  for (const row of parseCsv(readFileSync(join(escoDir, 'occupations_en.csv'), 'utf8'))) {
    const label = row['preferredLabel'] ?? '';
    if (wanted.has(label)) uriByLabel.set(label, row['conceptUri'] ?? '');
  }
  const missing = labels.filter((l) => !uriByLabel.has(l));
  if (missing.length > 0) throw new Error(`ESCO occupations not found: ${missing.join(', ')}`);

  const skillNames = new Map<string, string>();
  for (const row of parseCsv(readFileSync(join(escoDir, 'skills_en.csv'), 'utf8'))) {
    skillNames.set(row['conceptUri'] ?? '', (row['preferredLabel'] ?? '').trim());
  }

  const labelByUri = new Map([...uriByLabel].map(([label, uri]) => [uri, label]));
  const profiles = new Map<string, EscoProfile>(
    [...uriByLabel.keys()].map((label) => [label, { label, essential: [], optional: [] }]),
  );
  // The relations file has no quoted fields (URIs and enum words only), so a line split is enough.
  const relations = readFileSync(join(escoDir, 'occupationSkillRelations.csv'), 'utf8').split(/\r?\n/);
  for (const line of relations.slice(1)) {
    const [occupationUri = '', relation, skillType, skillUri = ''] = line.split(',');
    const label = labelByUri.get(occupationUri);
    const name = skillNames.get(skillUri);
    if (label === undefined || !name) continue;
    const profile = profiles.get(label) as EscoProfile;
    const skill: EscoSkill = { name, kind: skillType === 'knowledge' ? 'knowledge' : 'competence' };
    if (relation === 'essential') profile.essential.push(skill);
    else if (relation === 'optional') profile.optional.push(skill);
  }
  return profiles;
}

function countTechUsage(occupations: Map<string, OccupationSource>): TechUsage {
  const usage: TechUsage = { occupationsWithTech: 0, occupationsWithTechByGroup: new Map(), byName: new Map() };
  for (const occ of occupations.values()) {
    if (occ.tech.length === 0) continue;
    const group = majorGroup(occ.code);
    usage.occupationsWithTech++;
    usage.occupationsWithTechByGroup.set(group, (usage.occupationsWithTechByGroup.get(group) ?? 0) + 1);
    for (const t of occ.tech) {
      const entry = usage.byName.get(t.name) ?? { total: 0, byGroup: new Map<string, number>() };
      entry.total++;
      entry.byGroup.set(group, (entry.byGroup.get(group) ?? 0) + 1);
      usage.byName.set(t.name, entry);
    }
  }
  return usage;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item).toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Which occupations the corpus covers, how often, and the ESCO occupation each one maps to.
//
// ESCO occupations carry no SOC code. An automatic label match (O*NET title and alternate titles against
// ESCO preferred/alt labels) got most of these right but also produced misses like Elementary School
// Teachers → "music teacher" and Registered Nurses → nothing, so the crosswalk is this hand-checked table,
// seeded from that label match. `null` means no ESCO occupation is close enough: those jobs use O*NET only.
// Weight is relative posting volume: the corpus is tech-heavy on purpose.

export interface PlannedOccupation {
  code: string;
  weight: number;
  esco: string | null;
}

const plan = (code: string, weight: number, esco: string | null): PlannedOccupation => ({ code, weight, esco });

export const OCCUPATION_PLAN: readonly PlannedOccupation[] = [
  // Computer and mathematical
  plan('15-1211.00', 3, 'ICT system analyst'),
  plan('15-1211.01', 1, null),
  plan('15-1212.00', 3, 'ICT security administrator'),
  plan('15-1221.00', 2, 'computer scientist'),
  plan('15-1231.00', 2, 'ICT network technician'),
  plan('15-1232.00', 3, 'ICT help desk agent'),
  plan('15-1241.00', 2, 'ICT network architect'),
  plan('15-1242.00', 2, 'database administrator'),
  plan('15-1243.00', 2, 'database designer'),
  plan('15-1243.01', 1, 'data warehouse designer'),
  plan('15-1244.00', 3, 'ICT system administrator'),
  plan('15-1251.00', 2, 'ICT application developer'),
  plan('15-1252.00', 10, 'software developer'),
  plan('15-1253.00', 4, 'software tester'),
  plan('15-1254.00', 5, 'web developer'),
  plan('15-1255.00', 3, 'user interface designer'),
  plan('15-1255.01', 1, 'digital games designer'),
  plan('15-1299.01', 1, 'webmaster'),
  plan('15-1299.02', 1, 'geographic information systems specialist'),
  plan('15-1299.03', 1, 'document management officer'),
  plan('15-1299.04', 1, 'ethical hacker'),
  plan('15-1299.05', 2, 'ICT security engineer'),
  plan('15-1299.06', 1, 'digital forensics expert'),
  plan('15-1299.07', 1, 'blockchain developer'),
  plan('15-1299.08', 4, 'ICT system architect'),
  plan('15-1299.09', 3, 'ICT project manager'),
  plan('15-2031.00', 1, null),
  plan('15-2041.00', 1, 'statistician'),
  plan('15-2051.00', 5, 'data scientist'),
  plan('15-2051.01', 3, 'data analyst'),
  plan('15-2051.02', 1, null),
  plan('11-3021.00', 2, 'ICT operations manager'),
  plan('17-2061.00', 1, 'computer hardware engineer'),
  plan('17-2072.00', 1, 'electronics engineer'),
  // Management, business and financial
  plan('11-1021.00', 2, 'operations manager'),
  plan('11-2021.00', 1, 'marketing manager'),
  plan('11-2022.00', 1, 'sales manager'),
  plan('11-3031.00', 1, 'financial manager'),
  plan('11-3071.00', 1, 'logistics and distribution manager'),
  plan('11-3121.00', 1, 'human resources manager'),
  plan('11-9021.00', 1, 'construction manager'),
  plan('11-9111.00', 1, 'healthcare institution manager'),
  plan('13-1023.00', 1, 'purchaser'),
  plan('13-1041.00', 1, null),
  plan('13-1071.00', 2, 'human resources officer'),
  plan('13-1081.00', 1, 'logistics analyst'),
  plan('13-1082.00', 2, 'project manager'),
  plan('13-1111.00', 2, 'business consultant'),
  plan('13-1151.00', 1, 'corporate trainer'),
  plan('13-1161.00', 2, 'market research analyst'),
  plan('13-2011.00', 3, 'accountant'),
  plan('13-2051.00', 2, 'financial analyst'),
  plan('13-2072.00', 1, 'loan officer'),
  // Engineering, science, legal, education, media
  plan('17-1011.00', 1, 'architect'),
  plan('17-2051.00', 1, 'civil engineer'),
  plan('17-2071.00', 1, 'electrical engineer'),
  plan('17-2112.00', 1, 'industrial engineer'),
  plan('17-2141.00', 1, 'mechanical engineer'),
  plan('19-1042.00', 1, null),
  plan('19-2031.00', 1, 'chemist'),
  plan('21-1021.00', 1, 'family social worker'),
  plan('23-1011.00', 1, 'lawyer'),
  plan('23-2011.00', 1, 'legal assistant'),
  plan('25-1021.00', 1, 'computer science lecturer'),
  plan('25-2011.00', 1, 'early years teacher'),
  plan('25-2021.00', 2, 'primary school teacher'),
  plan('25-2031.00', 2, 'secondary school teacher'),
  plan('27-1024.00', 2, 'graphic designer'),
  plan('27-3031.00', 1, 'public relations officer'),
  plan('27-3042.00', 1, 'technical communicator'),
  // Healthcare
  plan('29-1051.00', 1, 'pharmacist'),
  plan('29-1123.00', 1, 'physiotherapist'),
  plan('29-1141.00', 4, 'nurse responsible for general care'),
  plan('29-1171.00', 1, 'advanced nurse practitioner'),
  plan('29-1215.00', 1, 'general practitioner'),
  plan('29-1292.00', 1, 'dental hygienist'),
  plan('29-2011.00', 1, 'biomedical scientist'),
  plan('29-2034.00', 1, 'radiographer'),
  plan('29-2052.00', 1, 'pharmacy technician'),
  plan('29-2061.00', 1, null),
  plan('29-2072.00', 1, 'medical records clerk'),
  plan('31-1131.00', 1, 'nurse assistant'),
  plan('31-9092.00', 1, "doctors' surgery assistant"),
  // Service, sales and office
  plan('33-9032.00', 1, 'security guard'),
  plan('35-1011.00', 1, 'head chef'),
  plan('35-2014.00', 1, 'cook'),
  plan('39-9011.00', 1, 'child day care worker'),
  plan('41-1011.00', 1, 'shop supervisor'),
  plan('41-2031.00', 2, 'sales assistant'),
  plan('41-3021.00', 1, 'insurance broker'),
  plan('41-3091.00', 2, 'commercial sales representative'),
  plan('41-4011.00', 2, 'technical sales representative'),
  plan('41-4012.00', 1, null),
  plan('41-9022.00', 1, 'real estate agent'),
  plan('41-9031.00', 1, 'sales engineer'),
  plan('43-1011.00', 1, 'office manager'),
  plan('43-3031.00', 1, 'bookkeeper'),
  plan('43-3051.00', 1, 'payroll clerk'),
  plan('43-4051.00', 2, 'customer service representative'),
  plan('43-4171.00', 1, 'receptionist'),
  plan('43-6011.00', 1, 'executive assistant'),
  plan('43-6014.00', 2, 'administrative assistant'),
  plan('43-9061.00', 1, 'office clerk'),
  // Trades, production and transport
  plan('47-1011.00', 1, 'construction general supervisor'),
  plan('47-2031.00', 1, 'carpenter'),
  plan('47-2111.00', 2, 'electrician'),
  plan('47-2152.00', 1, 'plumber'),
  plan('49-3023.00', 1, 'vehicle technician'),
  plan('49-9021.00', 1, 'refrigeration air condition and heat pump technician'),
  plan('49-9041.00', 1, 'industrial machinery mechanic'),
  plan('49-9071.00', 1, 'handyman'),
  plan('51-1011.00', 1, 'production supervisor'),
  plan('51-4041.00', 1, null),
  plan('51-4121.00', 1, 'welder'),
  plan('51-9061.00', 1, 'product quality inspector'),
  plan('53-2011.00', 1, 'airline transport pilot'),
  plan('53-3032.00', 1, 'cargo vehicle driver'),
  plan('53-7062.00', 1, 'warehouse worker'),
];

/** Splits `count` across occupations in proportion to their weight (largest-remainder rounding). */
export function allocateCounts(count: number, occupations: readonly PlannedOccupation[]): Map<string, number> {
  const totalWeight = occupations.reduce((s, o) => s + o.weight, 0);
  const exact = occupations.map((o) => ({ code: o.code, share: (count * o.weight) / totalWeight }));
  const out = new Map(exact.map((e) => [e.code, Math.floor(e.share)]));
  let left = count - [...out.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...exact].sort((a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)));
  for (const e of byRemainder) {
    if (left-- <= 0) break;
    out.set(e.code, (out.get(e.code) ?? 0) + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Occupation families: they decide seniority wording, workplace mix and employer type.

export type Family = 'tech' | 'office' | 'care' | 'handsOn' | 'frontline';

const TECH_CODES = new Set(['11-3021.00', '17-2061.00', '17-2072.00']);

export function familyOf(code: string): Family {
  const group = majorGroup(code);
  if (group === '15' || TECH_CODES.has(code)) return 'tech';
  if (['11', '13', '17', '19', '23', '27'].includes(group)) return 'office';
  if (['21', '25', '29', '31', '39'].includes(group)) return 'care';
  if (['41', '43'].includes(group)) return 'frontline';
  return 'handsOn';
}

const WORKPLACE_MIX: Record<Family, Record<Workplace, number>> = {
  tech: { onsite: 0.25, hybrid: 0.4, remote: 0.35 },
  office: { onsite: 0.4, hybrid: 0.48, remote: 0.12 },
  frontline: { onsite: 0.7, hybrid: 0.18, remote: 0.12 },
  care: { onsite: 0.93, hybrid: 0.07, remote: 0 },
  handsOn: { onsite: 1, hybrid: 0, remote: 0 },
};

const SENIORITY_MIX: Record<Family, Partial<Record<Seniority, number>>> = {
  tech: { intern: 0.04, junior: 0.16, mid: 0.38, senior: 0.3, lead: 0.12 },
  office: { intern: 0.04, junior: 0.14, mid: 0.42, senior: 0.28, lead: 0.12 },
  frontline: { junior: 0.2, mid: 0.55, senior: 0.17, lead: 0.08 },
  care: { junior: 0.18, mid: 0.52, senior: 0.22, lead: 0.08 },
  handsOn: { intern: 0.06, junior: 0.14, mid: 0.52, senior: 0.18, lead: 0.1 },
};

/** How each family spells a seniority in a title: "Junior", "Graduate", "Trainee", " Intern" (suffix)… */
const SENIORITY_WORDING: Record<Family, Partial<Record<Seniority, { prefix?: string; suffix?: string }>>> = {
  tech: { intern: { suffix: ' Intern' }, junior: { prefix: 'Junior ' }, senior: { prefix: 'Senior ' }, lead: { prefix: 'Lead ' } },
  office: { intern: { suffix: ' Intern' }, junior: { prefix: 'Junior ' }, senior: { prefix: 'Senior ' }, lead: { prefix: 'Lead ' } },
  frontline: { junior: { prefix: 'Junior ' }, senior: { prefix: 'Senior ' }, lead: { prefix: 'Lead ' } },
  care: { junior: { prefix: 'Graduate ' }, senior: { prefix: 'Senior ' }, lead: { prefix: 'Lead ' } },
  handsOn: { intern: { prefix: 'Apprentice ' }, junior: { prefix: 'Trainee ' }, senior: { prefix: 'Senior ' }, lead: { prefix: 'Lead ' } },
};

/** Years of experience a posting asks for, by seniority (inclusive range). */
export const YEARS_BY_SENIORITY: Record<Seniority, [number, number]> = {
  intern: [0, 0],
  junior: [0, 1],
  mid: [2, 4],
  senior: [5, 8],
  lead: [7, 10],
  executive: [10, 15],
};

/** Seniority a title already states on its own ("Chief Nursing Officer", "Charge Nurse Supervisor"). */
export function inherentSeniority(title: string): Seniority | null {
  if (/\b(chief|vice president|director|head of)\b/i.test(title)) return 'executive';
  if (/\b(senior|sr\.?)\b/i.test(title)) return 'senior';
  if (/^(lead|principal)\b|\b(supervisor|foreman|forewoman|superintendent)\b/i.test(title)) return 'lead';
  if (/\b(junior|jr\.?|trainee|entry level)\b/i.test(title)) return 'junior';
  if (/\b(intern|apprentice|student)\b/i.test(title)) return 'intern';
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Titles.

/**
 * A title as a posting would print it, or null when it is not usable: drops the expansion in parentheses
 * ("ETL Developer (Extract-Transform-Load Developer)" → "ETL Developer") and skips certification titles,
 * bare acronyms and long descriptive phrases.
 */
export function cleanTitle(raw: string): string | null {
  const title = raw.replace(/\s*\(.*?\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
  const words = title.split(' ');
  if (title.length === 0 || words.length > 5) return null;
  if (/[0-9/,;:]|\bcertified\b/i.test(title)) return null;
  if (words.length === 1 && title === title.toUpperCase()) return null;
  return title;
}

export function cleanTitles(raw: readonly string[]): string[] {
  return uniqueBy(raw.map(cleanTitle).filter((t): t is string => t !== null), (t) => t).sort();
}

export interface TitleSplit {
  /** O*NET reported titles: the common ones ("Software Engineer"), used for about half the postings. */
  common: string[];
  /** Half the alternate titles (the long tail: "Android Developer", "Triage RN"). */
  rare: string[];
  /** The other half, never used by postings: the benchmark's résumés take their titles from here. */
  reserved: string[];
}

/** Partitions an occupation's titles between the job corpus and the benchmark (seeded, deterministic). */
export function splitTitles(seed: number, occ: OccupationSource): TitleSplit {
  const reported = cleanTitles(occ.reportedTitles);
  const reportedKeys = new Set(reported.map((t) => t.toLowerCase()));
  const alternates = shuffled(
    rngFor(seed, 'titles', occ.code),
    cleanTitles(occ.alternateTitles).filter((t) => !reportedKeys.has(t.toLowerCase())),
  );
  const rare = alternates.filter((_, i) => i % 2 === 0);
  const reserved = alternates.filter((_, i) => i % 2 === 1);
  const common = reported.length > 0 || rare.length > 0 ? reported : [singularTitle(occ.title)];
  return { common, rare, reserved };
}

/** "Registered Nurses" → "Registered Nurse"; "Accountants and Auditors" → "Accountant". */
export function singularTitle(onetTitle: string): string {
  const head = (onetTitle.split(/,| and | or /)[0] ?? onetTitle).trim();
  return head.replace(/ies$/, 'y').replace(/(ss|sh|ch|x)es$/, '$1').replace(/([^s])s$/, '$1');
}

// ---------------------------------------------------------------------------------------------------------
// Skills.

export interface SkillChoice {
  name: string;
  origin: 'onet-hot' | 'onet' | 'esco-essential' | 'esco-optional';
  /** ESCO knowledge items read as nouns ("financial statements"), competences as verbs ("debug software"). */
  kind: 'tool' | 'knowledge' | 'competence';
  weight: number;
}

/** Skills present in more than this share of all O*NET occupations (Excel, Outlook…) are "generic". */
const GENERIC_SHARE = 0.17;

export function isGenericTech(usage: TechUsage, name: string): boolean {
  return (usage.byName.get(name)?.total ?? 0) / usage.occupationsWithTech > GENERIC_SHARE;
}

/**
 * How typical a technology is for the occupation's SOC major group. O*NET lists a few surprising Hot
 * Technologies (Apache Spark for Registered Nurses); weighting by how many neighbouring occupations also
 * list a tool keeps postings plausible without hand-editing the source.
 */
function techWeight(usage: TechUsage, code: string, skill: TechSkill): number {
  const group = majorGroup(code);
  const inGroup = usage.byName.get(skill.name)?.byGroup.get(group) ?? 0;
  const groupSize = usage.occupationsWithTechByGroup.get(group) ?? 1;
  // "In Demand" marks the handful of tools employers ask for most for this very occupation.
  const base = skill.inDemand ? 12 : skill.hot ? 2 : 1;
  return base * (0.1 + inGroup / groupSize);
}

export interface SkillPools {
  /** Hot Technology or In Demand tools. */
  hotTech: SkillChoice[];
  otherTech: SkillChoice[];
  escoEssential: SkillChoice[];
  escoOptional: SkillChoice[];
}

const MAX_ESCO_SKILL_WORDS = 6;

export function skillPools(sources: Sources, occ: OccupationSource): SkillPools {
  const featured = (t: TechSkill) => t.hot || t.inDemand;
  const tech = (hot: boolean): SkillChoice[] =>
    occ.tech
      .filter((t) => featured(t) === hot)
      .map((t) => ({
        name: t.name,
        origin: hot ? 'onet-hot' : 'onet',
        kind: 'tool',
        weight: techWeight(sources.techUsage, occ.code, t),
      }));
  const esco = (skills: EscoSkill[], origin: SkillChoice['origin']): SkillChoice[] =>
    skills
      .filter((s) => s.name.split(' ').length <= MAX_ESCO_SKILL_WORDS)
      .map((s) => ({ name: s.name, origin, kind: s.kind, weight: s.kind === 'competence' ? 2 : 1.5 }));
  return {
    hotTech: tech(true),
    otherTech: tech(false),
    escoEssential: esco(occ.esco?.essential ?? [], 'esco-essential'),
    escoOptional: esco(occ.esco?.optional ?? [], 'esco-optional'),
  };
}

const VENDOR_PREFIX = /^(the mathworks|oracle|microsoft|apache|google|adobe|ibm|amazon|autodesk|atlassian|intuit) /;

/**
 * Keys under which two source names denote the same skill, so one posting never lists both
 * "Python (computer programming)" and "Python", or "SQL" and "Structured query language SQL".
 */
export function skillKeys(name: string): string[] {
  const lower = name.toLowerCase().trim();
  const keys = new Set([lower, lower.replace(/\s*\(.*?\)\s*/g, ' ').trim(), lower.replace(/ software$/, '')]);
  // O*NET prefixes many tools with their vendor ("Oracle Java", "The MathWorks MATLAB"); ESCO does not.
  const unbranded = lower.replace(VENDOR_PREFIX, '');
  if (unbranded !== lower) keys.add(unbranded);
  const acronym = /\s([A-Z][A-Z0-9+#.-]{1,})$/.exec(name.replace(/ software$/, ''))?.[1];
  if (acronym) keys.add(acronym.toLowerCase());
  return [...keys];
}

export class SkillSet {
  private readonly keys = new Set<string>();
  readonly names: string[] = [];

  has(name: string): boolean {
    return skillKeys(name).some((k) => this.keys.has(k));
  }

  add(name: string): boolean {
    if (this.has(name)) return false;
    for (const k of skillKeys(name)) this.keys.add(k);
    this.names.push(name);
    return true;
  }
}

/** Draws up to `count` skills from `pool`, heavy ones more often, skipping ones `taken` already covers. */
export function drawSkills(
  rng: Rng,
  pool: readonly SkillChoice[],
  count: number,
  taken: SkillSet,
  isGeneric: (name: string) => boolean,
  maxGeneric = 1,
): SkillChoice[] {
  const out: SkillChoice[] = [];
  let generic = 0;
  for (const skill of weightedOrder(rng, pool, (s) => s.weight)) {
    if (out.length >= count) break;
    if (taken.has(skill.name)) continue;
    if (isGeneric(skill.name)) {
      if (generic >= maxGeneric) continue;
      generic++;
    }
    taken.add(skill.name);
    out.push(skill);
  }
  return out;
}

export interface JobSkills {
  required: SkillChoice[];
  niceToHave: SkillChoice[];
}

export function chooseJobSkills(rng: Rng, ctx: Pick<OccupationContext, 'occ' | 'family' | 'pools' | 'isGeneric'>): JobSkills {
  const { occ, pools, isGeneric } = ctx;
  const taken = new SkillSet();
  // Technical occupations are described mostly by tools, the others mostly by ESCO competences.
  const techShare = occ.esco === null ? 1 : ctx.family === 'tech' ? 0.7 : 0.4;
  // Developers' postings do not ask for Word or Outlook; an accountant's may well ask for Excel.
  const maxGenericRequired = ctx.family === 'tech' ? 0 : 1;

  const requiredCount = intBetween(rng, 3, 8);
  const requiredTech = Math.max(1, Math.round(requiredCount * techShare));
  const required = drawSkills(rng, pools.hotTech, requiredTech, taken, isGeneric, maxGenericRequired);
  if (required.length < requiredTech) {
    required.push(...drawSkills(rng, pools.otherTech, requiredTech - required.length, taken, isGeneric));
  }
  required.push(...drawSkills(rng, pools.escoEssential, requiredCount - required.length, taken, isGeneric));
  if (required.length < 3) required.push(...drawSkills(rng, pools.otherTech, 3 - required.length, taken, isGeneric));

  const niceCount = intBetween(rng, 2, 6);
  const niceTech = occ.esco === null ? niceCount : Math.ceil(niceCount / 2);
  const niceToHave = drawSkills(rng, [...pools.otherTech, ...pools.hotTech], niceTech, taken, isGeneric);
  const escoNice = [...pools.escoOptional, ...pools.escoEssential];
  niceToHave.push(...drawSkills(rng, escoNice, niceCount - niceToHave.length, taken, isGeneric));
  return { required: required.slice(0, 8), niceToHave: niceToHave.slice(0, 6) };
}

// ---------------------------------------------------------------------------------------------------------
// Employers and places. Company names are invented words plus a sector noun, never real brands.

const NAME_ONSETS = ['Bral', 'Cav', 'Dorr', 'Elv', 'Fen', 'Gald', 'Hesk', 'Iv', 'Jorv', 'Kest', 'Lum', 'Mirr',
  'Norv', 'Oss', 'Pell', 'Quor', 'Rask', 'Selv', 'Tarr', 'Ulm', 'Vesk', 'Wyn', 'Yarr', 'Zell'];
const NAME_ENDINGS = ['adyne', 'amore', 'antis', 'aro', 'ea', 'elia', 'enko', 'eon', 'ethra', 'ika', 'indo',
  'iora', 'ista', 'ith', 'obel', 'ondra', 'ora', 'ova', 'unda', 'ynth'];

export type Sector = 'tech' | 'finance' | 'consulting' | 'health' | 'education' | 'university' | 'construction'
  | 'manufacturing' | 'retail' | 'logistics' | 'aviation' | 'hospitality' | 'legal' | 'media' | 'research'
  | 'community' | 'security' | 'automotive';

const SECTOR_NOUNS: Record<Sector, string[]> = {
  tech: ['Labs', 'Software', 'Systems', 'Technologies', 'Digital', 'Data', 'Cloud', 'Networks'],
  finance: ['Capital', 'Financial', 'Bank', 'Insurance', 'Wealth', 'Mutual'],
  consulting: ['Consulting', 'Partners', 'Advisory', 'Group', 'Holdings'],
  health: ['Health', 'Medical Centre', 'Clinic', 'General Hospital', 'Care Group', 'Pharmacy'],
  education: ['Primary School', 'Academy', 'High School', 'Learning Trust', 'Community School'],
  university: ['University', 'Institute of Technology', 'College'],
  construction: ['Construction', 'Builders', 'Electrical', 'Building Services', 'Contractors'],
  manufacturing: ['Manufacturing', 'Industries', 'Engineering', 'Components', 'Works'],
  retail: ['Retail', 'Stores', 'Market', 'Home & Garden', 'Outfitters'],
  logistics: ['Logistics', 'Freight', 'Transport', 'Distribution'],
  aviation: ['Air', 'Airways', 'Aviation'],
  hospitality: ['Hotels', 'Kitchen', 'Bistro', 'Dining Group'],
  legal: ['Law', 'Legal', 'Solicitors', '& Partners LLP'],
  media: ['Studio', 'Media', 'Creative', 'Communications'],
  research: ['Biosciences', 'Research', 'Therapeutics', 'Scientific'],
  community: ['Family Services', 'Community Trust', 'Care Services'],
  security: ['Security', 'Protection Services'],
  automotive: ['Motors', 'Auto Centre', 'Garage'],
};

/** Employer sectors that post jobs of each SOC major group (first listed = most common). */
const SECTORS_BY_GROUP: Record<string, Sector[]> = {
  '11': ['tech', 'finance', 'manufacturing', 'retail', 'consulting'],
  '13': ['finance', 'consulting', 'tech', 'manufacturing', 'retail'],
  '15': ['tech', 'tech', 'tech', 'finance', 'health', 'consulting', 'retail'],
  '17': ['manufacturing', 'construction', 'tech', 'consulting'],
  '19': ['research', 'manufacturing', 'health'],
  '21': ['community'],
  '23': ['legal', 'finance'],
  '25': ['education'],
  '27': ['media', 'tech', 'consulting'],
  '29': ['health'],
  '31': ['health'],
  '33': ['security', 'retail'],
  '35': ['hospitality'],
  '39': ['education', 'community'],
  '41': ['retail', 'tech', 'finance', 'manufacturing'],
  '43': ['consulting', 'finance', 'health', 'legal', 'retail'],
  '47': ['construction'],
  '49': ['automotive', 'manufacturing', 'construction'],
  '51': ['manufacturing'],
  '53': ['logistics', 'retail'],
};

const SECTOR_OVERRIDES: Record<string, Sector[]> = {
  '11-9111.00': ['health'],
  '11-9021.00': ['construction'],
  '11-3071.00': ['logistics', 'retail'],
  '13-2072.00': ['finance'],
  '15-1211.01': ['health'],
  '15-2051.02': ['research', 'health'],
  '25-1021.00': ['university'],
  '41-3021.00': ['finance'],
  '41-9022.00': ['consulting'],
  '53-2011.00': ['aviation'],
};

const COMPANIES_PER_SECTOR = 24;

/** A fixed roster of invented employers per sector, so companies recur across postings as they do online. */
export type CompanyRoster = Record<Sector, string[]>;

export function companyRoster(seed: number): CompanyRoster {
  const rng = rngFor(seed, 'companies');
  const used = new Set<string>();
  const roster = {} as CompanyRoster;
  for (const sector of Object.keys(SECTOR_NOUNS) as Sector[]) {
    const names: string[] = [];
    while (names.length < COMPANIES_PER_SECTOR) {
      const stem = pick(rng, NAME_ONSETS) + pick(rng, NAME_ENDINGS);
      const name = `${stem} ${pick(rng, SECTOR_NOUNS[sector])}`;
      if (used.has(stem)) continue;
      used.add(stem);
      names.push(name);
    }
    roster[sector] = names;
  }
  return roster;
}

export function sectorsFor(code: string): Sector[] {
  return SECTOR_OVERRIDES[code] ?? SECTORS_BY_GROUP[majorGroup(code)] ?? ['consulting'];
}

export interface Place {
  city: string;
  country: string;
  region: 'US' | 'UK' | 'EU' | 'IN';
}

const US_CITIES = ['New York, NY', 'San Francisco, CA', 'Austin, TX', 'Seattle, WA', 'Chicago, IL', 'Boston, MA',
  'Denver, CO', 'Atlanta, GA', 'Raleigh, NC', 'Los Angeles, CA', 'Dallas, TX', 'Phoenix, AZ', 'Minneapolis, MN',
  'Columbus, OH', 'Pittsburgh, PA', 'Portland, OR', 'Nashville, TN', 'Salt Lake City, UT', 'Houston, TX', 'Miami, FL'];
const UK_CITIES = ['London', 'Manchester', 'Edinburgh', 'Bristol', 'Leeds', 'Birmingham', 'Glasgow', 'Cambridge',
  'Belfast', 'Cardiff'];
const EU_CITIES: [string, string][] = [['Berlin', 'Germany'], ['Munich', 'Germany'], ['Hamburg', 'Germany'],
  ['Amsterdam', 'Netherlands'], ['Rotterdam', 'Netherlands'], ['Dublin', 'Ireland'], ['Paris', 'France'],
  ['Lyon', 'France'], ['Madrid', 'Spain'], ['Barcelona', 'Spain'], ['Lisbon', 'Portugal'], ['Warsaw', 'Poland'],
  ['Kraków', 'Poland'], ['Stockholm', 'Sweden'], ['Copenhagen', 'Denmark'], ['Vienna', 'Austria'],
  ['Milan', 'Italy'], ['Prague', 'Czechia'], ['Brussels', 'Belgium'], ['Helsinki', 'Finland']];
const IN_CITIES = ['Bengaluru', 'Hyderabad', 'Pune', 'Chennai', 'Mumbai', 'Gurugram', 'Noida', 'Kolkata',
  'Ahmedabad', 'Kochi'];

const REGION_MIX: Record<Place['region'], number> = { US: 0.45, UK: 0.15, EU: 0.2, IN: 0.2 };

export function pickPlace(rng: Rng): Place {
  const region = pickWeighted(rng, REGION_MIX);
  if (region === 'US') return { city: pick(rng, US_CITIES), country: 'United States', region };
  if (region === 'UK') return { city: pick(rng, UK_CITIES), country: 'United Kingdom', region };
  if (region === 'IN') return { city: pick(rng, IN_CITIES), country: 'India', region };
  const [city, country] = pick(rng, EU_CITIES);
  return { city, country, region };
}

function locationText(place: Place, workplace: Workplace): string {
  if (workplace === 'remote') return `Remote (${place.country})`;
  return place.region === 'US' ? `${place.city}, USA` : `${place.city}, ${place.country}`;
}

// ---------------------------------------------------------------------------------------------------------
// Text helpers.

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}

/** "A, B and C". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Indefinite article for a title: "an Accountant", "an RN Case Manager", "a User Support Analyst". */
export function article(word: string): 'a' | 'an' {
  const first = word.split(/[\s-]/)[0] ?? '';
  if (/^[A-Z]{2,}/.test(first)) return /^[AEFHILMNORSX]/.test(first) ? 'an' : 'a';
  if (/^(uni|use|usu|eu|one)/i.test(first)) return 'a';
  if (/^(hour|honest|honou?r)/i.test(first)) return 'an';
  return /^[aeiou]/i.test(first) ? 'an' : 'a';
}

/** "the United States", "the Netherlands", "Germany". */
const countryName = (country: string): string => (/^(United|Netherlands)/.test(country) ? `the ${country}` : country);

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * What the role is, from the O*NET occupation description (written in the imperative: "Install, maintain,
 * and repair electrical wiring…"), as "you will install, maintain… You will also ensure…". A second
 * sentence is kept only when it too opens with a verb O*NET uses in task statements, which drops notes
 * like "Licensing or registration required." or "Excludes …" and hedges like "May …".
 */
export function roleSummary(description: string, taskVerbs: ReadonlySet<string>, maxWords = 45): string {
  const [first = description, second] = description.split(/(?<=\.)\s+/);
  const withSecond = second !== undefined && taskVerbs.has(firstWord(second)) && firstWord(second) !== 'may'
    && wordCount(first) + wordCount(second) <= maxWords;
  return `you will ${lowerFirst(first)}${withSecond ? ` You will also ${lowerFirst(second)}` : ''}`;
}

/**
 * O*NET writes long names with their acronym appended ("Structured query language SQL"); a posting would
 * print "Structured query language (SQL)". The structured skill fields keep the source spelling.
 */
export function displaySkill(name: string): string {
  const m = /^(.*\S) ([A-Z][A-Z0-9+#.-]{1,})$/.exec(name);
  if (!m) return name;
  const [, longForm = '', acronym = ''] = m;
  const initials = longForm.split(/[\s-]+/).map((w) => w.charAt(0).toUpperCase()).join('');
  return initials.endsWith(acronym.replace(/[^A-Z]/g, '').slice(0, 2)) && longForm.split(' ').length >= 2
    ? `${longForm} (${acronym})`
    : name;
}

// ---------------------------------------------------------------------------------------------------------
// Posting text.

interface PostingParts {
  title: string;
  company: string;
  place: Place;
  workplace: Workplace;
  seniority: Seniority;
  years: number;
  occ: OccupationSource;
  skills: JobSkills;
  taskVerbs: ReadonlySet<string>;
}

const RESPONSIBILITY_HEADINGS = ["What you'll do:", 'Responsibilities:', 'Key responsibilities:', 'In this role you will:'];
const REQUIREMENT_HEADINGS = ["What we're looking for:", 'Requirements:', 'About you:', 'You will need:'];
const NICE_HEADINGS = ['Nice to have:', 'Bonus points for:', 'It would be great if you also have:', 'Desirable:'];
const SOFT_SKILLS = ['Clear written and verbal communication.', 'A careful, organised way of working.',
  'Comfort working with colleagues across teams.', 'Good judgement and the confidence to raise problems early.',
  'A commitment to quality and continuous improvement.', 'Strong attention to detail.'];
const BENEFITS: Record<Place['region'], string[]> = {
  US: ['medical, dental and vision cover', '401(k) matching', 'paid parental leave', 'a yearly learning budget',
    'flexible paid time off'],
  UK: ['25 days of holiday plus bank holidays', 'a matched pension', 'private medical insurance',
    'a cycle-to-work scheme', 'a yearly learning budget'],
  EU: ['30 days of paid leave', 'a public transport pass', 'a pension plan', 'a yearly learning budget',
    'flexible working hours'],
  IN: ['health insurance for you and your family', 'a performance bonus', 'meal allowances',
    'a yearly learning budget', 'flexible working hours'],
};

function experienceLine(rng: Rng, p: PostingParts): string {
  const role = `${article(p.title)} ${p.title.replace(/ Intern$/, '')}`;
  if (p.seniority === 'intern') {
    return pick(rng, ['Currently studying towards a relevant degree, diploma or apprenticeship.',
      'No previous experience needed: full training is provided.']);
  }
  if (p.years === 0) return 'A relevant qualification or training; previous experience is welcome but not required.';
  if (p.years === 1) return `At least 1 year of experience as ${role} or in a similar role.`;
  return `${p.years}+ years of experience as ${role} or in a similar role.`;
}

function skillLines(rng: Rng, skills: SkillChoice[], opener: 'required' | 'nice'): string[] {
  const tools = skills.filter((s) => s.kind === 'tool').map((s) => displaySkill(s.name));
  const knowledge = skills.filter((s) => s.kind === 'knowledge').map((s) => s.name);
  const competences = skills.filter((s) => s.kind === 'competence').map((s) => s.name);
  const lines: string[] = [];
  if (tools.length > 0) {
    const lead = opener === 'required'
      ? pick(rng, ['Hands-on experience with', 'Working knowledge of', 'Confidence using'])
      : pick(rng, ['Experience with', 'Exposure to', 'Familiarity with']);
    lines.push(`${lead} ${joinList(tools)}.`);
  }
  if (knowledge.length > 0) {
    const lead = opener === 'required' ? pick(rng, ['Solid understanding of', 'Good knowledge of']) : 'Knowledge of';
    lines.push(`${lead} ${joinList(knowledge)}.`);
  }
  if (competences.length > 0) {
    const lead = opener === 'required' ? pick(rng, ['Proven ability to', 'Able to']) : 'The ability to';
    lines.push(`${lead} ${joinList(competences)}.`);
  }
  return lines;
}

function introduction(rng: Rng, p: PostingParts): string {
  const a = `${article(p.title)} ${p.title}`;
  const where = p.workplace === 'remote' ? 'our distributed team' : `our team in ${p.place.city.split(',')[0]}`;
  const opener = pick(rng, [
    `${p.company} is looking for ${a} to join ${where}.`,
    `${p.company} is hiring ${a}.`,
    `Join ${p.company} as ${a} and grow with ${where}.`,
    `We are ${p.company}, and we are looking for ${a}.`,
  ]);
  return `${opener} ${pick(rng, ['In this role', 'As our new colleague', 'Day to day'])} ${roleSummary(p.occ.description, p.taskVerbs)}`;
}

function closing(rng: Rng, p: PostingParts, withBenefits: boolean): string {
  const city = p.place.city.split(',')[0] ?? p.place.city;
  const where = {
    onsite: `This is an on-site role in ${city}.`,
    hybrid: `This is a hybrid role: ${intBetween(rng, 2, 3)} days a week in our ${city} office.`,
    remote: `This role is fully remote within ${countryName(p.place.country)}.`,
  }[p.workplace];
  const terms = pick(rng, ['Full-time, permanent.', 'Full-time.', 'Permanent, full-time position.',
    'Fixed-term contract (12 months), full-time.']);
  if (!withBenefits) return `${where} ${terms}`;
  const perks = shuffled(rng, BENEFITS[p.place.region]).slice(0, 3);
  return `${where} ${terms} We offer ${joinList(perks)}.`;
}

export const DESCRIPTION_WORDS = { min: 120, max: 250 } as const;

/**
 * Writes the posting text, then fits it into DESCRIPTION_WORDS: too long → drop the benefits line, then
 * responsibilities down to 4, then swap the longest responsibility for a shorter one; too short → add
 * responsibilities, then the benefits line.
 */
function writeDescription(rng: Rng, p: PostingParts, tasks: string[]): string {
  const intro = introduction(rng, p);
  const headings = [pick(rng, RESPONSIBILITY_HEADINGS), pick(rng, REQUIREMENT_HEADINGS), pick(rng, NICE_HEADINGS)];
  const requirements = [experienceLine(rng, p), ...skillLines(rng, p.skills.required, 'required'),
    pick(rng, SOFT_SKILLS)];
  const nice = skillLines(rng, p.skills.niceToHave, 'nice');
  const closingWith = closing(rng, p, true);
  const closingWithout = closing(rng, p, false);

  const render = (chosen: string[], benefits: boolean): string => {
    const bullets = (lines: string[]) => lines.map((l) => `- ${l}`).join('\n');
    return [
      intro,
      `${headings[0]}\n${bullets(chosen)}`,
      `${headings[1]}\n${bullets(requirements)}`,
      nice.length > 0 ? `${headings[2]}\n${bullets(nice)}` : '',
      benefits ? closingWith : closingWithout,
    ].filter((s) => s.length > 0).join('\n\n');
  };

  const taskCount = Math.min(intBetween(rng, 4, 6), tasks.length);
  const chosen = tasks.slice(0, taskCount);
  const spare = tasks.slice(taskCount);
  let benefits = chance(rng, 0.6);
  const words = () => wordCount(render(chosen, benefits));

  while (words() > DESCRIPTION_WORDS.max) {
    if (benefits) benefits = false;
    else if (chosen.length > 4) spare.unshift(chosen.pop() as string);
    else if (!swapLongestForShorter(chosen, spare)) break;
  }
  while (words() < DESCRIPTION_WORDS.min && spare.length > 0) chosen.push(spare.shift() as string);
  if (words() < DESCRIPTION_WORDS.min) benefits = true;
  return render(chosen, benefits);
}

/** Replaces the longest chosen task with the shortest spare one, if that is shorter. */
function swapLongestForShorter(chosen: string[], spare: string[]): boolean {
  const byLength = (a: string, b: string) => wordCount(a) - wordCount(b);
  const longest = [...chosen].sort(byLength).at(-1);
  const shortest = [...spare].sort(byLength)[0];
  if (longest === undefined || shortest === undefined || wordCount(shortest) >= wordCount(longest)) return false;
  chosen[chosen.indexOf(longest)] = shortest;
  spare.splice(spare.indexOf(shortest), 1, longest);
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// One posting.

const MAX_TASK_WORDS = 30;

function chooseSeniority(rng: Rng, family: Family, baseTitle: string): { seniority: Seniority; title: string } {
  const inherent = inherentSeniority(baseTitle);
  if (inherent) return { seniority: inherent, title: baseTitle };
  const seniority = pickWeighted(rng, SENIORITY_MIX[family] as Record<Seniority, number>);
  const wording = SENIORITY_WORDING[family][seniority] ?? {};
  return { seniority, title: `${wording.prefix ?? ''}${baseTitle}${wording.suffix ?? ''}` };
}

/** Postings keep at least this many task statements to choose from. */
const MIN_POSTING_TASKS = 8;

/**
 * The task statements postings may quote: a seeded two thirds of the occupation's tasks. The other third
 * is never quoted, so the benchmark's résumés can describe the same work in words no posting uses.
 */
export function postingTasks(seed: number, occ: OccupationSource): string[] {
  const reserve = Math.min(Math.floor(occ.tasks.length / 3), Math.max(0, occ.tasks.length - MIN_POSTING_TASKS));
  const order = shuffled(rngFor(seed, 'tasks', occ.code), occ.tasks);
  const reserved = new Set(order.slice(0, reserve));
  return occ.tasks.filter((t) => !reserved.has(t));
}

/** Everything about one occupation that every posting for it shares, computed once. */
export interface OccupationContext {
  occ: OccupationSource;
  family: Family;
  pools: SkillPools;
  titles: TitleSplit;
  /** Task statements short enough to quote as a bullet. */
  tasks: string[];
  isGeneric: (skillName: string) => boolean;
  taskVerbs: ReadonlySet<string>;
}

export function occupationContext(seed: number, sources: Sources, occ: OccupationSource): OccupationContext {
  return {
    occ,
    family: familyOf(occ.code),
    pools: skillPools(sources, occ),
    titles: splitTitles(seed, occ),
    tasks: postingTasks(seed, occ).filter((t) => wordCount(t) <= MAX_TASK_WORDS),
    isGeneric: (name) => isGenericTech(sources.techUsage, name),
    taskVerbs: sources.taskVerbs,
  };
}

/** Posting number `index` of an occupation; `id` is left empty for generateJobs to assign. */
export function generateJob(seed: number, ctx: OccupationContext, index: number, roster: CompanyRoster): Job {
  const { occ, family } = ctx;
  const rng = rngFor(seed, 'job', occ.code, index);
  const { common, rare } = ctx.titles;
  const baseTitle = pick(rng, rare.length === 0 || (common.length > 0 && chance(rng, 0.5)) ? common : rare);
  const { seniority, title } = chooseSeniority(rng, family, baseTitle);
  const [minYears, maxYears] = YEARS_BY_SENIORITY[seniority];
  const years = intBetween(rng, minYears, maxYears);
  const workplace = pickWeighted(rng, WORKPLACE_MIX[family]);
  const place = pickPlace(rng);
  const company = pick(rng, roster[pick(rng, sectorsFor(occ.code))]);
  const skills = chooseJobSkills(rng, ctx);
  const parts: PostingParts = { title, company, place, workplace, seniority, years, occ, skills, taskVerbs: ctx.taskVerbs };
  const text = writeDescription(rng, parts, shuffled(rng, ctx.tasks));
  return {
    id: '', // assigned after the corpus is shuffled
    title,
    company,
    description: text,
    location: locationText(place, workplace),
    workplace,
    seniority,
    requiredSkills: skills.required.map((s) => s.name),
    niceToHaveSkills: skills.niceToHave.map((s) => s.name),
    occupationCode: occ.code,
    minYearsExperience: years,
  };
}

export interface GenerateOptions {
  count?: number;
  seed?: number;
}

/** The whole corpus, in a seeded shuffled order, with ids job-00001…; validated against JobSchema. */
export function generateJobs(sources: Sources, options: GenerateOptions = {}): Job[] {
  const count = options.count ?? DEFAULT_JOB_COUNT;
  const seed = options.seed ?? DEFAULT_SEED;
  const roster = companyRoster(seed);
  const counts = allocateCounts(count, OCCUPATION_PLAN);
  const generated: Job[] = [];
  for (const planned of OCCUPATION_PLAN) {
    const occ = sources.occupations.get(planned.code);
    if (!occ) throw new Error(`O*NET occupation ${planned.code} not found`);
    const ctx = occupationContext(seed, sources, occ);
    for (let i = 0; i < (counts.get(planned.code) ?? 0); i++) generated.push(generateJob(seed, ctx, i, roster));
  }
  const ordered = shuffled(rngFor(seed, 'order'), generated);
  const width = Math.max(5, String(ordered.length).length);
  return ordered.map((job, i) => JobSchema.parse({ ...job, id: `job-${String(i + 1).padStart(width, '0')}` }));
}

export function toJsonl(rows: readonly unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** Reads a committed JSONL file (no validation: callers parse with their own schema). */
export function readJsonl(path: string): unknown[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim().length > 0).map((l) => JSON.parse(l) as unknown);
}

// ---------------------------------------------------------------------------------------------------------
// CLI.

export function parseArgs(argv: string[]): { shared: string; count: number; seed: number; out: string | null } {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (flag: string, fallback: number): number => {
    const raw = value(flag);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a non-negative integer, got "${raw}"`);
    return n;
  };
  return {
    shared: resolve(value('--shared') ?? DEFAULT_SHARED_DIR),
    count: number('--count', DEFAULT_JOB_COUNT),
    seed: number('--seed', DEFAULT_SEED),
    out: value('--out') ?? null,
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const jobs = generateJobs(loadSources(args.shared), { count: args.count, seed: args.seed });
  const out = resolve(args.out ?? JOBS_FILE);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, toJsonl(jobs));
  const occupations = new Set(jobs.map((j) => j.occupationCode)).size;
  console.log(`wrote ${jobs.length} jobs across ${occupations} occupations to ${out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
