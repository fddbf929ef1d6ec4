import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Job, MatchProfile } from '../src/domain/index.js';
import { experienceFit, occupationFit, passesFilters, ProfileSkills, skillFit } from '../src/matching/features.js';
import { enrichJob, JobDraftSchema, seniorityFromTitle, skillsFromDescription, yearsFromText } from '../src/matching/job-enrich.js';
import { JobIndex } from '../src/matching/job-index.js';
import { packVectors, unpackVectors } from '../src/matching/packed-vectors.js';
import { rankJobs } from '../src/matching/rank.js';
import { VectorIndex } from '../src/matching/vector-index.js';

function job(over: Partial<Job> & Pick<Job, 'id' | 'title'>): Job {
  return {
    company: null,
    description: '',
    location: null,
    workplace: 'onsite',
    seniority: null,
    requiredSkills: [],
    niceToHaveSkills: [],
    occupationCode: null,
    minYearsExperience: null,
    ...over,
  };
}

describe('feature scores', () => {
  it('weighs required skills double and lists what is missing', () => {
    const fit = skillFit(new ProfileSkills(['Python', 'SQL']), { requiredSkills: ['Python', 'Kubernetes'], niceToHaveSkills: ['SQL', 'Go'] });
    // have: Python (2) + SQL (1) = 3 of 2+2+1+1 = 6
    assert.equal(fit.score, 0.5);
    assert.deepEqual(fit.matched, ['Python', 'SQL']);
    assert.deepEqual(fit.missingRequired, ['Kubernetes']);
  });

  it('matches multi-word skills by whole-word containment, not single words inside phrases', () => {
    const have = new ProfileSkills(['Electronic health records', 'Java', 'Patient care']);
    assert.equal(have.has('use electronic health records in nursing'), true);
    assert.equal(have.has('JAVA'), true);
    assert.equal(have.has('JavaScript'), false);
    assert.equal(have.has('Java EE programming'), false, 'a one-word skill does not match inside a longer phrase');
    assert.equal(have.has('care'), false);
  });

  it('scores occupation fit by SOC code prefix', () => {
    assert.equal(occupationFit('15-1252.00', '15-1252.00'), 1);
    assert.equal(occupationFit('15-1252.00', '15-1253.00'), 0.6);
    assert.equal(occupationFit('15-1252.00', '15-1211.00'), 0.3);
    assert.equal(occupationFit('15-1252.00', '15-2031.00'), 0.1);
    assert.equal(occupationFit('15-1252.00', '29-1141.00'), 0);
    assert.equal(occupationFit(null, '29-1141.00'), 0);
  });

  it('scores experience against the years or the seniority asked for', () => {
    assert.equal(experienceFit(6, { minYearsExperience: 5, seniority: 'senior' }), 1);
    assert.equal(experienceFit(2.5, { minYearsExperience: 5, seniority: null }), 0.5);
    assert.equal(experienceFit(1.5, { minYearsExperience: null, seniority: 'mid' }), 0.5);
    assert.equal(experienceFit(25, { minYearsExperience: 0, seniority: 'intern' }), 0.5);
    assert.equal(experienceFit(null, { minYearsExperience: 3, seniority: null }), 0.5);
  });

  it('filters by workplace, seniority and location; remote jobs pass location filters', () => {
    const remote = job({ id: 'a', title: 'x', workplace: 'remote', location: 'Berlin', seniority: 'senior' });
    const leeds = job({ id: 'b', title: 'x', location: 'Leeds, UK', seniority: 'junior' });
    assert.equal(passesFilters(remote, { location: 'london' }), true);
    assert.equal(passesFilters(leeds, { location: 'leeds' }), true);
    assert.equal(passesFilters(leeds, { location: 'london' }), false);
    assert.equal(passesFilters(leeds, { workplace: ['remote'] }), false);
    assert.equal(passesFilters(remote, { seniority: ['junior'] }), false);
  });
});

describe('job enrichment', () => {
  it('derives skills, seniority, years and workplace from a bare posting', () => {
    const draft = JobDraftSchema.parse({
      title: 'Senior Backend Engineer',
      description:
        'We build payment APIs in Python and PostgreSQL on AWS. You need 5+ years of professional experience.\nNice to have:\nKubernetes and Terraform.\nThis role is fully remote.',
    });
    const j = enrichJob(draft, () => 'generated-id');
    assert.equal(j.id, 'generated-id');
    assert.equal(j.seniority, 'senior');
    assert.equal(j.minYearsExperience, 5);
    assert.equal(j.workplace, 'remote');
    assert.ok(j.requiredSkills.includes('Python'), j.requiredSkills.join());
    assert.ok(j.requiredSkills.includes('PostgreSQL'), j.requiredSkills.join());
    assert.ok(j.niceToHaveSkills.includes('Kubernetes'), j.niceToHaveSkills.join());
    assert.ok(!j.requiredSkills.includes('Kubernetes'));
  });

  it('reads seniority and years from common phrasings', () => {
    assert.equal(seniorityFromTitle('Jr. Data Analyst'), 'junior');
    assert.equal(seniorityFromTitle('Head of Engineering'), 'executive');
    assert.equal(seniorityFromTitle('Registered Nurse'), null);
    assert.equal(yearsFromText('at least 3 years of experience'), 3);
    assert.equal(yearsFromText('3-5 years relevant experience'), 3);
    assert.equal(yearsFromText('founded 10 years ago'), null);
  });

  it('treats skills in a preferred sentence as nice to have', () => {
    const s = skillsFromDescription('Strong SQL is required. Experience with Tableau is a plus.');
    assert.ok(s.required.includes('SQL'), s.required.join());
    assert.ok(s.niceToHave.includes('Tableau'), s.niceToHave.join());
  });
});

describe('VectorIndex', () => {
  const rand = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;

  it('returns the exact cosine top-k, best first, and honours removal and filters', () => {
    const r = rand(7);
    const index = new VectorIndex(16, 4);
    const vectors = new Map<string, Float32Array>();
    for (let i = 0; i < 300; i++) {
      const v = Float32Array.from({ length: 16 }, r);
      vectors.set(`j${i}`, v);
      index.upsert(`j${i}`, v);
    }
    index.remove('j5');
    vectors.delete('j5');
    const q = Float32Array.from({ length: 16 }, r);
    const cos = (a: Float32Array, b: Float32Array) => {
      let d = 0, na = 0, nb = 0;
      for (let i = 0; i < a.length; i++) { d += a[i]! * b[i]!; na += a[i]! ** 2; nb += b[i]! ** 2; }
      return d / Math.sqrt(na * nb);
    };
    const expected = [...vectors].map(([id, v]) => ({ id, s: cos(q, v) })).sort((a, b) => b.s - a.s).slice(0, 10);
    const got = index.search(q, 10);
    assert.deepEqual(got.map((h) => h.id), expected.map((e) => e.id));
    assert.ok(Math.abs(got[0]!.similarity - expected[0]!.s) < 1e-5);
    assert.equal(index.size, 299);
    const even = index.search(q, 5, (id) => Number(id.slice(1)) % 2 === 0);
    assert.ok(even.every((h) => Number(h.id.slice(1)) % 2 === 0));
  });

  it('searches through an IVF index with high recall, and drops it on any change', () => {
    const r = rand(11);
    const d = 32;
    const centres = Array.from({ length: 40 }, () => Float32Array.from({ length: d }, r));
    const index = new VectorIndex(d, 16);
    for (let i = 0; i < 4000; i++) {
      const c = centres[i % centres.length]!;
      index.upsert(`j${i}`, c.map((x) => x + r() * 0.3));
    }
    index.buildApproximateIndex({ nlist: 32, nprobe: 6 });
    assert.equal(index.approximate, true);
    let hits = 0;
    for (let q = 0; q < 20; q++) {
      const query = centres[q]!.map((x) => x + r() * 0.3);
      const truth = new Set(index.search(query, 10, undefined, { exact: true }).map((h) => h.id));
      hits += index.search(query, 10).filter((h) => truth.has(h.id)).length;
    }
    assert.ok(hits / 200 >= 0.95, `recall@10 ${hits / 200}`);
    index.upsert('new', centres[0]!);
    assert.equal(index.approximate, false, 'a change must not leave a stale approximate index');
  });

  it('refuses vectors of the wrong dimension', () => {
    const index = new VectorIndex(4);
    assert.throws(() => index.upsert('a', [1, 2, 3]), /3 dimensions; this space has 4/);
    assert.throws(() => index.search([1, 2], 1), /2 dimensions/);
  });

  it('packs vectors to int8 and back with negligible error', () => {
    const r = rand(3);
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `j${i}`, contentHash: `h${i}`, vector: Float32Array.from({ length: 8 }, r) }));
    const packed = packVectors({ id: 's', provider: 'p', model: 'm', dimensions: 8, version: '1' }, items);
    const back = [...unpackVectors(packed)];
    back.forEach((b, i) => {
      assert.equal(b.id, items[i]!.id);
      for (let j = 0; j < 8; j++) assert.ok(Math.abs(b.vector[j]! - items[i]!.vector[j]!) < 0.01);
    });
  });
});

describe('rankJobs', () => {
  const index = new JobIndex();
  index.upsertJobs([
    job({ id: 'nurse', title: 'Registered Nurse', description: 'Patient care on a busy ward.', requiredSkills: ['Patient care'], occupationCode: '29-1141.00' }),
    job({ id: 'dev', title: 'Backend Developer', description: 'Build APIs in Python with PostgreSQL.', requiredSkills: ['Python', 'PostgreSQL'], occupationCode: '15-1252.00', minYearsExperience: 3 }),
    job({ id: 'web', title: 'Web Developer', description: 'Build web pages in JavaScript.', requiredSkills: ['JavaScript'], occupationCode: '15-1254.00', workplace: 'remote' }),
  ]);
  const profile: MatchProfile = { title: 'Software Engineer', skills: ['Python', 'PostgreSQL'], yearsExperience: 6, location: null, summary: 'APIs in Python' };

  it('ranks lexically and says so when the space has no vectors', () => {
    const result = rankJobs(index, { profile, profileOccupation: '15-1252.00', queryText: 'Software Engineer Python PostgreSQL APIs', queryVector: new Float32Array(4), spaceId: 'local:x:4:1', limit: 3 });
    assert.equal(result.strategy, 'lexical');
    assert.match(result.warnings[0]!, /No job vectors in space local:x:4:1/);
    assert.equal(result.matches[0]!.job.id, 'dev');
    const top = result.matches[0]!;
    assert.deepEqual(top.matchedSkills, ['Python', 'PostgreSQL']);
    assert.deepEqual(top.missingRequiredSkills, []);
    assert.ok(top.reasons.some((r) => /2 of 2 required skills/.test(r)));
    assert.ok(top.reasons.some((r) => /Same occupation/.test(r)));
  });

  it('uses vectors when the space has them, and applies filters', () => {
    const space = index.space('s', 2);
    space.upsert('nurse', [0, 1]);
    space.upsert('dev', [1, 0.1]);
    space.upsert('web', [1, 0.3]);
    const result = rankJobs(index, { profile, profileOccupation: '15-1252.00', queryText: 'Python', queryVector: Float32Array.from([1, 0]), spaceId: 's', limit: 3, filters: { workplace: ['remote'] } });
    assert.equal(result.strategy, 'hybrid');
    assert.deepEqual(result.matches.map((m) => m.job.id), ['web']);
    assert.ok(result.matches[0]!.breakdown.semantic > 0.9);
  });
});
