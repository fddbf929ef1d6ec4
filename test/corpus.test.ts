import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JobSchema } from '../src/domain/job.js';
import type { Job } from '../src/domain/job.js';
import {
  DEFAULT_SHARED_DIR,
  DESCRIPTION_WORDS,
  JOBS_FILE,
  SkillSet,
  YEARS_BY_SENIORITY,
  cleanTitle,
  generateJobs,
  inherentSeniority,
  loadSources,
  mulberry32,
  readJsonl,
  toJsonl,
  wordCount,
} from '../scripts/generate-jobs.js';
import type { Sources } from '../scripts/generate-jobs.js';
import {
  MatchQuerySchema,
  QUERIES_FILE,
  RelevanceJudge,
  generateBenchmark,
  toPastTense,
} from '../scripts/generate-match-benchmark.js';

const jobs: Job[] = readJsonl(JOBS_FILE).map((row) => JobSchema.parse(row));
const queries = readJsonl(QUERIES_FILE).map((row) => MatchQuerySchema.parse(row));
const jobsById = new Map(jobs.map((j) => [j.id, j]));

describe('committed job corpus', () => {
  test('has at least 2,000 schema-valid postings with unique ids, under 8 MB', () => {
    assert.ok(jobs.length >= 2000, `only ${jobs.length} jobs`);
    assert.equal(jobsById.size, jobs.length, 'duplicate job ids');
    assert.ok(statSync(JOBS_FILE).size < 8 * 1024 * 1024);
  });

  test('every posting has an occupation, 3–8 required and 2–6 nice-to-have skills, 120–250 words', () => {
    for (const job of jobs) {
      assert.match(job.occupationCode ?? '', /^\d{2}-\d{4}\.\d{2}$/, job.id);
      assert.ok(job.requiredSkills.length >= 3 && job.requiredSkills.length <= 8, `${job.id} required skills`);
      assert.ok(job.niceToHaveSkills.length >= 2 && job.niceToHaveSkills.length <= 6, `${job.id} nice-to-have`);
      const words = wordCount(job.description);
      assert.ok(words >= DESCRIPTION_WORDS.min && words <= DESCRIPTION_WORDS.max, `${job.id}: ${words} words`);
    }
  });

  test('no posting lists the same skill twice, even under two source spellings', () => {
    for (const job of jobs) {
      const set = new SkillSet();
      for (const name of [...job.requiredSkills, ...job.niceToHaveSkills]) assert.ok(set.add(name), `${job.id}: ${name}`);
    }
  });

  test('seniority, title wording and years of experience agree', () => {
    for (const job of jobs) {
      assert.ok(job.seniority !== null && job.minYearsExperience !== null, job.id);
      const [min, max] = YEARS_BY_SENIORITY[job.seniority];
      assert.ok(job.minYearsExperience >= min && job.minYearsExperience <= max, `${job.id} years`);
      const stated = inherentSeniority(job.title);
      if (stated !== null) assert.equal(job.seniority, stated, `${job.id} "${job.title}"`);
      if (/^(Senior|Lead|Junior|Graduate|Trainee|Apprentice) |Intern$/.test(job.title)) assert.notEqual(job.seniority, 'mid');
    }
  });

  test('spreads over many occupations: tech-heavy, but with care, office, sales and trades jobs too', () => {
    const occupations = new Set(jobs.map((j) => j.occupationCode));
    const majorGroups = new Set(jobs.map((j) => j.occupationCode?.slice(0, 2)));
    assert.ok(occupations.size >= 100, `${occupations.size} occupations`);
    assert.ok(majorGroups.size >= 18, `${majorGroups.size} major groups`);
    const techShare = jobs.filter((j) => j.occupationCode?.startsWith('15-')).length / jobs.length;
    assert.ok(techShare > 0.3 && techShare < 0.6, `tech share ${techShare}`);
    for (const group of ['29', '25', '13', '41', '43', '47']) assert.ok(majorGroups.has(group), group);
  });

  test('uses every workplace and a US/UK/EU/India mix of locations', () => {
    assert.deepEqual(new Set(jobs.map((j) => j.workplace)), new Set(['onsite', 'hybrid', 'remote']));
    const locations = jobs.map((j) => j.location ?? '');
    for (const country of ['USA', 'United Kingdom', 'India', 'Germany']) {
      assert.ok(locations.some((l) => l.endsWith(country)), country);
    }
    assert.ok(locations.filter((l) => l.startsWith('Remote (')).length === jobs.filter((j) => j.workplace === 'remote').length);
  });
});

describe('committed match benchmark', () => {
  test('has 150–300 schema-valid queries with unique ids', () => {
    assert.ok(queries.length >= 150 && queries.length <= 300, `${queries.length} queries`);
    assert.equal(new Set(queries.map((q) => q.id)).size, queries.length);
  });

  test('every relevant id is a corpus job, and grade 2 is exactly the same-occupation postings', () => {
    for (const query of queries) {
      const sameOccupation = jobs.filter((j) => j.occupationCode === query.occupationCode).map((j) => j.id).sort();
      const grade2 = Object.entries(query.relevant).filter(([, g]) => g === 2).map(([id]) => id).sort();
      assert.ok(grade2.length > 0, query.id);
      assert.deepEqual(grade2, sameOccupation, query.id);
      for (const id of Object.keys(query.relevant)) assert.ok(jobsById.has(id), `${query.id} → unknown ${id}`);
    }
  });

  test('grade 1 includes every posting of the same SOC broad occupation', () => {
    for (const query of queries) {
      for (const job of jobs) {
        if (job.occupationCode === query.occupationCode) continue;
        if (job.occupationCode?.slice(0, 6) === query.occupationCode.slice(0, 6)) assert.equal(query.relevant[job.id], 1);
      }
    }
  });

  test('résumés do not reuse a posting title of their own occupation', () => {
    for (const query of queries) {
      const title = query.profile.title.toLowerCase();
      const clash = jobs.find((j) => j.occupationCode === query.occupationCode && j.title.toLowerCase().includes(title));
      assert.equal(clash, undefined, `${query.id} "${query.profile.title}"`);
      assert.ok(query.resumeText.includes(query.profile.title), query.id);
    }
  });
});

describe('generator building blocks', () => {
  test('mulberry32 is a pure function of its seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
    for (const x of draw(7)) assert.ok(x >= 0 && x < 1);
  });

  test('toPastTense turns a task statement into a résumé bullet', () => {
    assert.equal(toPastTense('Monitor, record, and report symptoms.'), 'Monitored, recorded, and reported symptoms.');
    assert.equal(toPastTense('Plan and direct staff.'), 'Planned and directed staff.');
    assert.equal(toPastTense('Confer with users.'), 'Conferred with users.');
    assert.equal(toPastTense('Lead teams or supply parts.'), 'Led teams or supply parts.');
    assert.equal(toPastTense('Identify risks.'), 'Identified risks.');
    assert.equal(toPastTense('Train staff.'), 'Trained staff.');
  });

  test('SkillSet treats O*NET and ESCO spellings of one skill as the same', () => {
    const set = new SkillSet();
    assert.ok(set.add('Python'));
    assert.ok(!set.add('Python (computer programming)'));
    assert.ok(set.add('Structured query language SQL'));
    assert.ok(!set.add('SQL'));
    assert.ok(set.add('Oracle Java'));
    assert.ok(!set.add('Java (computer programming)'));
    assert.ok(set.add('JavaScript'));
  });

  test('cleanTitle keeps posting-style titles only', () => {
    assert.equal(cleanTitle('ETL Developer (Extract-Transform-Load Developer)'), 'ETL Developer');
    assert.equal(cleanTitle('Cisco Certified Network Professional (CCNP)'), null);
    assert.equal(cleanTitle('CNE'), null);
  });

  test('RelevanceJudge grades same occupation 2, same broad occupation 1, unrelated 0', () => {
    const job = (id: string, occupationCode: string, requiredSkills: string[]): Job => ({
      id, title: 't', company: null, description: '', location: null, workplace: 'onsite', seniority: 'mid',
      requiredSkills, niceToHaveSkills: [], occupationCode, minYearsExperience: 2,
    });
    const judge = new RelevanceJudge([
      job('a', '15-1252.00', ['Python']),
      job('b', '15-1254.00', ['React']),
      job('c', '15-2051.00', ['Python', 'Apache Spark', 'TensorFlow']),
      job('d', '47-2111.00', ['splice cable']),
    ]);
    assert.deepEqual(judge.grade('15-1252.00', ['Python', 'Apache Spark', 'TensorFlow']), { a: 2, b: 1, c: 1 });
  });
});

const sharedAvailable = existsSync(join(DEFAULT_SHARED_DIR, 'data/skills/onet/occupation-data.tsv'));
const skip = sharedAvailable ? false : 'needs ../shared (O*NET and ESCO sources)';

describe('generation from the sources', { skip }, () => {
  let cached: Sources | undefined;
  const sources = (): Sources => (cached ??= loadSources(DEFAULT_SHARED_DIR));

  test('is deterministic: the same seed gives identical jobs and queries, another seed differs', () => {
    const first = generateJobs(sources(), { count: 60, seed: 7 });
    const second = generateJobs(sources(), { count: 60, seed: 7 });
    assert.equal(first.length, 60);
    assert.deepEqual(first, second);
    assert.notDeepEqual(generateJobs(sources(), { count: 60, seed: 8 }), first);
    assert.deepEqual(generateBenchmark(sources(), first, { seed: 7 }), generateBenchmark(sources(), second, { seed: 7 }));
  });

  test('the committed files are exactly what the scripts produce with default options', () => {
    const regenerated = generateJobs(sources());
    assert.equal(toJsonl(regenerated), readFileSync(JOBS_FILE, 'utf8'), 'run: tsx scripts/generate-jobs.ts');
    assert.equal(
      toJsonl(generateBenchmark(sources(), regenerated)),
      readFileSync(QUERIES_FILE, 'utf8'),
      'run: tsx scripts/generate-match-benchmark.ts',
    );
  });
});
