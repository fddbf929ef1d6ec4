/**
 * Generates the labelled matching benchmark (data/match-benchmark/queries.jsonl) from the committed job
 * corpus and the O*NET/ESCO sources.
 *
 *   tsx scripts/generate-match-benchmark.ts [--shared <path>] [--seed S] [--jobs <file>] [--out <file>]
 *
 * Each query is a candidate profile and résumé for one O*NET occupation, worded differently from the
 * postings (reserved alternate titles, task statements no posting quotes, past tense). Relevance is
 * derived, never hand-labelled — see RELEVANCE below and data/match-benchmark/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JobSchema } from '../src/domain/job.js';
import type { Job } from '../src/domain/job.js';
import {
  DEFAULT_SEED,
  JOBS_FILE,
  PROJECT_ROOT,
  OCCUPATION_PLAN,
  SkillSet,
  chance,
  chooseJobSkills,
  cleanTitles,
  companyRoster,
  familyOf,
  isGenericTech,
  intBetween,
  parseArgs,
  pick,
  pickPlace,
  readJsonl,
  rngFor,
  sectorsFor,
  shuffled,
  singularTitle,
  skillKeys,
  skillPools,
  splitTitles,
  toJsonl,
  loadSources,
} from './generate-jobs.js';
import type { OccupationSource, Rng, Sources } from './generate-jobs.js';
import { MatchQuerySchema, type MatchQuery } from '../src/eval/match-benchmark.js';

// The query format lives with its reader (src/eval); the generator writes exactly that.
export { MatchQuerySchema, type MatchQuery };

export const QUERIES_FILE = join(PROJECT_ROOT, 'data/match-benchmark/queries.jsonl');


// ---------------------------------------------------------------------------------------------------------
// Relevance.

export const RELEVANCE = {
  /** A skill used by postings of at least this share of the corpus's occupations does not count as shared. */
  genericOccupationShare: 0.15,
  /** Grade 1 by skills: at least this many distinct non-generic skills in common with the profile… */
  minSharedSkills: 3,
  /** …or this many when the posting is in the same SOC major group (first 2 characters, e.g. "29"). */
  minSharedSkillsSameMajorGroup: 2,
} as const;

/** SOC broad occupation: "15-1252.00" → "15-125" (Software and Web Developers, Programmers, and Testers). */
export const broadGroup = (code: string): string => code.slice(0, 6);
/** SOC major group: "15-1252.00" → "15" (Computer and Mathematical Occupations). */
export const majorGroup = (code: string): string => code.slice(0, 2);

/** Skill keys (see skillKeys) used by postings of many occupations: "microsoft excel", "listen actively"… */
export function genericSkillKeys(jobs: readonly Job[]): Set<string> {
  const occupationsByKey = new Map<string, Set<string>>();
  for (const job of jobs) {
    for (const name of [...job.requiredSkills, ...job.niceToHaveSkills]) {
      for (const key of skillKeys(name)) {
        const set = occupationsByKey.get(key) ?? new Set<string>();
        set.add(job.occupationCode ?? '');
        occupationsByKey.set(key, set);
      }
    }
  }
  const occupations = new Set(jobs.map((j) => j.occupationCode)).size;
  // At least 2, so that in a tiny corpus a skill of a single occupation never counts as generic.
  const threshold = Math.max(2, Math.ceil(occupations * RELEVANCE.genericOccupationShare));
  return new Set([...occupationsByKey].filter(([, occ]) => occ.size >= threshold).map(([key]) => key));
}

/**
 * Grades postings against a query:
 * - 2: the posting's occupation is the query's;
 * - 1: same SOC broad occupation (first 6 characters of the code, e.g. "15-125"), or enough distinct
 *   non-generic skills in common with the profile: RELEVANCE.minSharedSkills, or
 *   RELEVANCE.minSharedSkillsSameMajorGroup within one SOC major group (names matched through skillKeys,
 *   so "Python" and "Python (computer programming)" count once);
 * - 0 (not listed): everything else.
 */
export class RelevanceJudge {
  private readonly generic: Set<string>;
  private readonly specificSkills: Map<string, SkillSet>;

  constructor(private readonly jobs: readonly Job[]) {
    this.generic = genericSkillKeys(jobs);
    this.specificSkills = new Map(jobs.map((job) => [job.id, this.specificSet([...job.requiredSkills, ...job.niceToHaveSkills])]));
  }

  grade(occupationCode: string, skills: readonly string[]): Record<string, 1 | 2> {
    const profileSkills = this.specificSet(skills).names;
    const grades: [string, 1 | 2][] = [];
    for (const job of this.jobs) {
      const code = job.occupationCode ?? '';
      if (code === occupationCode) grades.push([job.id, 2]);
      else if (broadGroup(code) === broadGroup(occupationCode)) grades.push([job.id, 1]);
      else if (this.sharedCount(profileSkills, job.id) >= this.minShared(code, occupationCode)) grades.push([job.id, 1]);
    }
    grades.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return Object.fromEntries(grades);
  }

  private minShared(a: string, b: string): number {
    return majorGroup(a) === majorGroup(b) ? RELEVANCE.minSharedSkillsSameMajorGroup : RELEVANCE.minSharedSkills;
  }

  private sharedCount(profileSkills: string[], jobId: string): number {
    const jobSkills = this.specificSkills.get(jobId) as SkillSet;
    return profileSkills.filter((name) => jobSkills.has(name)).length;
  }

  /** The non-generic skills of a list, de-duplicated through skillKeys. */
  private specificSet(names: readonly string[]): SkillSet {
    const set = new SkillSet();
    for (const name of names) if (skillKeys(name).every((k) => !this.generic.has(k))) set.add(name);
    return set;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Résumé wording.

const IRREGULAR_PAST: Record<string, string> = {
  become: 'became', begin: 'began', bind: 'bound', bring: 'brought', build: 'built', buy: 'bought',
  choose: 'chose', cut: 'cut', deal: 'dealt', dig: 'dug', do: 'did', draw: 'drew', drive: 'drove', feed: 'fed',
  find: 'found', fly: 'flew', forecast: 'forecast', get: 'got', give: 'gave', go: 'went', grind: 'ground',
  hang: 'hung', hold: 'held', keep: 'kept', lay: 'laid', lead: 'led', lend: 'lent', make: 'made', meet: 'met',
  oversee: 'oversaw', pay: 'paid', put: 'put', read: 'read', rebuild: 'rebuilt', rewrite: 'rewrote', run: 'ran',
  see: 'saw', sell: 'sold', send: 'sent', set: 'set', shut: 'shut', sit: 'sat', speak: 'spoke', spend: 'spent',
  split: 'split', spread: 'spread', stand: 'stood', strike: 'struck', sweep: 'swept', take: 'took',
  teach: 'taught', tell: 'told', think: 'thought', undertake: 'undertook', understand: 'understood',
  wind: 'wound', withdraw: 'withdrew', write: 'wrote',
};

/** Stressed-final-syllable verbs that double their last consonant: "admit" → "admitted". */
const DOUBLING = new Set(['admit', 'commit', 'submit', 'permit', 'omit', 'transmit', 'emit', 'control', 'patrol',
  'refer', 'confer', 'transfer', 'prefer', 'defer', 'occur', 'incur', 'equip', 'compel', 'propel', 'expel',
  'excel', 'repel', 'regret', 'acquit']);

export function pastTense(verb: string): string {
  const lower = verb.toLowerCase();
  const cased = (past: string) => (verb[0] === verb[0]?.toUpperCase() ? past[0]?.toUpperCase() + past.slice(1) : past);
  const irregular = IRREGULAR_PAST[lower];
  if (irregular) return cased(irregular);
  if (lower.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(lower)) return `${verb.slice(0, -1)}ied`;
  const oneSyllableCvc = /^[^aeiou]*[aeiou][bdglmnprt]$/.test(lower) && !/[aeiou]{2}/.test(lower);
  if (oneSyllableCvc || DOUBLING.has(lower)) return `${verb}${verb.at(-1)}ed`;
  return `${verb}ed`;
}

/**
 * An O*NET task ("Monitor, record, and report symptoms…") as a résumé bullet ("Monitored, recorded, and
 * reported symptoms…"): the leading verb and any verbs coordinated with it go to the past tense.
 */
export function toPastTense(task: string): string {
  const chain = /^([A-Z][a-z]+)((?:,\s+[a-z]+)*,?\s+(?:or|and)\s+[a-z]+)?(?=[\s,.])/.exec(task);
  if (!chain) return task;
  const converted = chain[0].replace(/[A-Za-z]+/g, (w) => (w === 'or' || w === 'and' ? w : pastTense(w)));
  return converted + task.slice(chain[0].length);
}

const FIRST_NAMES = ['Aisha', 'Alex', 'Ana', 'Arjun', 'Ben', 'Camille', 'Chen', 'Chloe', 'Daniel', 'Deepa',
  'Diego', 'Elena', 'Emma', 'Fatima', 'Grace', 'Hannah', 'Ivan', 'James', 'Jonas', 'Julia', 'Kavya', 'Kenji',
  'Laura', 'Leon', 'Lucas', 'Maria', 'Mateo', 'Mei', 'Nadia', 'Noah', 'Olivia', 'Omar', 'Priya', 'Rahul',
  'Rosa', 'Sam', 'Sofia', 'Tom', 'Yusuf', 'Zoe'];
const LAST_NAMES = ['Adeyemi', 'Andersen', 'Bauer', 'Brennan', 'Castro', 'Chowdhury', 'Costa', 'Dubois', 'Evans',
  'Fischer', 'Garcia', 'Gupta', 'Hughes', 'Iyer', 'Jansen', 'Kowalski', 'Kumar', 'Larsen', 'Lopez', 'Martin',
  'Moreau', 'Murphy', 'Nair', 'Novak', 'Okafor', 'Patel', 'Reddy', 'Rossi', 'Schmidt', 'Silva', 'Singh',
  'Sullivan', 'Tanaka', 'Thompson', 'Varga', 'Walsh', 'Wang', 'Williams', 'Yilmaz', 'Zhang'];

const EDUCATION_BY_CODE: Record<string, string[]> = {
  '29-1141.00': ['BSc in Nursing', 'Associate Degree in Nursing'],
  '29-1171.00': ['MSc in Advanced Nursing Practice'],
  '29-1051.00': ['Doctor of Pharmacy (PharmD)', 'MPharm'],
  '29-1123.00': ['Doctor of Physical Therapy', 'BSc in Physiotherapy'],
  '29-1215.00': ['MD, residency in Family Medicine', 'MBBS'],
  '29-1292.00': ['Associate Degree in Dental Hygiene'],
  '23-1011.00': ['Juris Doctor (JD)', 'LLB Law'],
  '15-2051.00': ['MSc in Data Science', 'PhD in Statistics'],
  '15-2041.00': ['MSc in Statistics'],
  '53-2011.00': ['Airline Transport Pilot Licence (ATPL)'],
};
const EDUCATION_BY_GROUP: Record<string, string[]> = {
  '11': ['MBA', 'BA in Business Administration'],
  '13': ['BSc in Accounting and Finance', 'BA in Business Administration', 'BA in Economics'],
  '15': ['BSc in Computer Science', 'BEng in Software Engineering', 'BSc in Information Systems'],
  '17': ['BEng in Engineering', 'MEng in Engineering'],
  '19': ['PhD in Life Sciences', 'MSc in Chemistry'],
  '21': ['Master of Social Work'],
  '23': ['Paralegal Certificate', 'BA in Legal Studies'],
  '25': ['Bachelor of Education', 'PGCE', 'BA in Early Childhood Education'],
  '27': ['BA in Graphic Design', 'BA in Communications', 'BA in English'],
  '29': ['Diploma in Health Sciences', 'BSc in Biomedical Science'],
  '31': ['Certificate in Health and Social Care'],
  '41': ['BA in Marketing', 'High school diploma'],
  '43': ['Diploma in Business Administration', 'High school diploma'],
};
const VOCATIONAL = ['Vocational certificate and completed apprenticeship', 'Technical college diploma'];

// ---------------------------------------------------------------------------------------------------------
// Queries.

export const REFERENCE_YEAR = 2024;

interface OccupationCorpus {
  occ: OccupationSource;
  jobs: Job[];
}

const headNoun = (title: string): string => (title.toLowerCase().split(' ').at(-1) ?? '').replace(/s$/, '');

/**
 * Titles for this occupation that no posting uses: reserved ones first, then any alternate title. Among
 * them, titles whose head noun is also the head of a common title or of the occupation's own name
 * ("Ward Nurse" for Registered Nurses) come first; O*NET's long tail ("Virus Technician" for Computer
 * Systems Analysts) is only a fallback.
 */
function unusedTitles(seed: number, { occ, jobs }: OccupationCorpus): string[] {
  const used = jobs.map((j) => j.title.toLowerCase());
  const unused = (titles: string[]) => titles.filter((t) => !used.some((u) => u.includes(t.toLowerCase())));
  const split = splitTitles(seed, occ);
  const heads = new Set([...split.common, singularTitle(occ.title)].map(headNoun));
  for (const candidates of [unused(split.reserved), unused(cleanTitles(occ.alternateTitles))]) {
    const typical = candidates.filter((t) => heads.has(headNoun(t)));
    if (typical.length > 0) return typical;
    if (candidates.length > 0) return candidates;
  }
  return [singularTitle(occ.title)];
}

/** Task statements no posting quotes verbatim ("fresh"), and the ones some posting does quote. */
function tasksByNovelty({ occ, jobs }: OccupationCorpus): { fresh: string[]; quoted: string[] } {
  const isQuoted = (task: string) => jobs.some((j) => j.description.includes(task));
  return { fresh: occ.tasks.filter((t) => !isQuoted(t)), quoted: occ.tasks.filter(isQuoted) };
}

/** Drawn the way a posting's skills are (same pools and weights), from the query's own PRNG stream. */
function chooseProfileSkills(rng: Rng, sources: Sources, occ: OccupationSource): string[] {
  const ctx = {
    occ,
    family: familyOf(occ.code),
    pools: skillPools(sources, occ),
    isGeneric: (name: string) => isGenericTech(sources.techUsage, name),
  };
  const { required, niceToHave } = chooseJobSkills(rng, ctx);
  return [...required, ...niceToHave].slice(0, 10).map((s) => s.name);
}

function education(rng: Rng, code: string): string {
  const options = EDUCATION_BY_CODE[code] ?? EDUCATION_BY_GROUP[code.slice(0, 2)] ?? VOCATIONAL;
  return pick(rng, options);
}

interface ResumeParts {
  name: string;
  title: string;
  previousTitle: string;
  years: number;
  city: string;
  companies: [string, string];
  bullets: string[];
  skills: string[];
  education: string;
  summary: string;
}

function renderResume(p: ResumeParts): string {
  const currentYears = p.years <= 2 ? p.years : Math.min(p.years - 1, Math.max(2, Math.round(p.years / 2)));
  const start = REFERENCE_YEAR - Math.max(currentYears, 1);
  const email = `${p.name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
  const bullets = (lines: string[]) => lines.map((l) => `- ${l}`).join('\n');
  const roles = [`${p.title} | ${p.companies[0]} | ${start} – Present\n${bullets(p.bullets.slice(0, 3))}`];
  if (p.years > 2 && p.bullets.length > 3) {
    roles.push(`${p.previousTitle} | ${p.companies[1]} | ${REFERENCE_YEAR - p.years} – ${start}\n${bullets(p.bullets.slice(3))}`);
  }
  return [
    `${p.name}\n${p.title} | ${p.city} | ${email}`,
    `SUMMARY\n${p.summary}`,
    `EXPERIENCE\n${roles.join('\n\n')}`,
    `SKILLS\n${p.skills.join(', ')}`,
    `EDUCATION\n${p.education}`,
  ].join('\n\n');
}

function buildQuery(seed: number, sources: Sources, corpus: OccupationCorpus, index: number): Omit<MatchQuery, 'id' | 'relevant'> {
  const { occ } = corpus;
  const rng = rngFor(seed, 'query', occ.code, index);
  const titles = shuffled(rng, unusedTitles(seed, corpus));
  const title = titles[0] as string;
  const previousTitle = titles[1] ?? `Junior ${title}`;
  const years = chance(rng, 0.15) ? intBetween(rng, 0, 1) : intBetween(rng, 2, 15);
  const skills = chooseProfileSkills(rng, sources, occ);
  // Fresh tasks first, in a per-query order, so two queries for one occupation still read differently;
  // quoted ones only when an occupation has run out of fresh ones, so a résumé always has bullets.
  const { fresh, quoted } = tasksByNovelty(corpus);
  const ordered = [...shuffled(rng, fresh), ...shuffled(rng, quoted)];
  const bulletCount = years > 2 ? 5 : 3;
  const bullets = ordered.slice(0, bulletCount).map(toPastTense);
  // The summary's highlight is one more task, so it does not repeat a bullet.
  const highlight = toPastTense(ordered[bulletCount] ?? ordered[0] ?? '');
  const experience = years === 0 ? 'recently qualified' : `${years} year${years === 1 ? '' : 's'} of experience`;
  const summary = `${title}, ${experience}. ${highlight} Key skills: ${skills.slice(0, 4).join(', ')}.`;
  const place = pickPlace(rng);
  const roster = companyRoster(seed + 1); // a different invented roster than the postings use
  const employers = sectorsFor(occ.code).flatMap((sector) => roster[sector]);
  const parts: ResumeParts = {
    name: `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`,
    title,
    previousTitle,
    years,
    city: `${place.city.split(',')[0]}, ${place.country}`,
    companies: [pick(rng, employers), pick(rng, employers)],
    bullets,
    skills,
    education: education(rng, occ.code),
    summary,
  };
  return {
    occupationCode: occ.code,
    profile: { title, summary, skills, yearsExperience: years },
    resumeText: renderResume(parts),
  };
}

/** One query per occupation, plus one more per QUERY_EVERY_N_JOBS postings it has (tech-heavy, like the corpus). */
export const QUERY_EVERY_N_JOBS = 20;

export function queriesPerOccupation(jobCount: number): number {
  return jobCount === 0 ? 0 : 1 + Math.floor(jobCount / QUERY_EVERY_N_JOBS);
}

/** The benchmark for `jobs` (normally the committed corpus). Query ids are q-0001… in OCCUPATION_PLAN order. */
export function generateBenchmark(sources: Sources, jobs: readonly Job[], options: { seed?: number } = {}): MatchQuery[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const judge = new RelevanceJudge(jobs);
  const queries: MatchQuery[] = [];
  for (const { code } of OCCUPATION_PLAN) {
    const occ = sources.occupations.get(code);
    const occupationJobs = jobs.filter((j) => j.occupationCode === code);
    if (!occ) continue;
    for (let i = 0; i < queriesPerOccupation(occupationJobs.length); i++) {
      const query = buildQuery(seed, sources, { occ, jobs: occupationJobs }, i);
      const relevant = judge.grade(code, query.profile.skills);
      queries.push(MatchQuerySchema.parse({ id: `q-${String(queries.length + 1).padStart(4, '0')}`, ...query, relevant }));
    }
  }
  return queries;
}

export function readJobs(path: string = JOBS_FILE): Job[] {
  return readJsonl(path).map((row) => JobSchema.parse(row));
}

function main(): void {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const jobs = readJobs(resolve(flag('--jobs') ?? JOBS_FILE));
  const queries = generateBenchmark(loadSources(args.shared), jobs, { seed: args.seed });
  const out = resolve(args.out ?? QUERIES_FILE);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, toJsonl(queries));
  const graded = queries.map((q) => Object.values(q.relevant));
  const mean = (grade: number) => graded.reduce((s, g) => s + g.filter((x) => x === grade).length, 0) / queries.length;
  console.log(
    `wrote ${queries.length} queries to ${out} (mean per query: ${mean(2).toFixed(1)} grade-2, ${mean(1).toFixed(1)} grade-1)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
