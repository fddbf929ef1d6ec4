import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedResume } from '../src/domain/index.js';
import { compareParses, compareRankings, DEFAULT_MATCH_THRESHOLD } from '../src/routing/compare.js';

/** A parse with every compared field filled: 12 fields take part (11 normalised fields + experience months). */
function resume(overrides: Partial<ParsedResume> = {}): ParsedResume {
  return {
    contact: {
      name: 'Ada Lovelace',
      emails: ['ada@example.com'],
      phones: ['+44 20 7946 0958'],
      location: 'London, UK',
      links: [],
    },
    headline: 'Senior Data Engineer',
    summary: 'Builds pipelines.',
    skills: [
      { name: 'Python', surface: 'python', category: 'programming-language' },
      { name: 'SQL', surface: 'SQL', category: 'programming-language' },
      { name: 'Go', surface: 'golang', category: 'programming-language' },
    ],
    experience: [
      { title: 'Data Engineer', company: 'Acme, Inc.', location: null, start: '2019-01', end: null, current: true, description: null, highlights: [] },
      { title: 'Analyst', company: 'Globex', location: null, start: '2016', end: '2018', current: false, description: null, highlights: [] },
    ],
    education: [
      { degree: 'B.Sc. Mathematics', degreeLevel: 'bachelor', field: 'Mathematics', institution: 'University of London', graduationYear: 2015 },
    ],
    certifications: [],
    languages: [],
    totalExperienceMonths: 84,
    meta: { provider: 'local', model: 'rules', version: '1', durationMs: 3, referenceDate: '2024-06-01', language: 'en', warnings: [] },
    ...overrides,
  };
}

function fieldAgreement(c: { fields: { field: string; agreement: number }[] }, field: string): number | undefined {
  return c.fields.find((f) => f.field === field)?.agreement;
}

describe('compareParses', () => {
  it('gives identical parses full agreement over all twelve fields', () => {
    const c = compareParses(resume(), resume());
    assert.equal(c.agreement, 1);
    assert.equal(c.fields.length, 12);
    assert.deepEqual(c.differences, []);
  });

  it('one differing e-mail costs exactly one field in twelve, and the difference shows no address', () => {
    const candidate = resume({ contact: { ...resume().contact, emails: ['ada.l@example.org'] } });
    const c = compareParses(resume(), candidate);
    assert.equal(c.agreement, 11 / 12);
    assert.equal(fieldAgreement(c, 'contact.email'), 0);
    assert.deepEqual(c.differences, ['contact.email: "[email]" vs "[email]"']);
    assert.ok(c.agreement >= DEFAULT_MATCH_THRESHOLD);
  });

  it('ignores case, spacing, accents and punctuation, and phone formatting', () => {
    const candidate = resume({
      contact: { name: '  ADA   lovelace ', emails: ['ADA@Example.com '], phones: ['020-7946-0958'], location: 'london uk', links: [] },
      headline: 'senior data-engineer',
      experience: [
        // Order-insensitive, and "Acme Inc" is "Acme, Inc.".
        { ...resume().experience[1]!, title: 'analyst', company: 'GLOBEX' },
        { ...resume().experience[0]!, title: 'data engineer', company: 'Acme Inc' },
      ],
      education: [{ ...resume().education[0]!, degree: 'BSc Mathematics', institution: 'Univérsity of London' }],
    });
    const c = compareParses(resume(), candidate);
    assert.deepEqual(c.differences, []);
    assert.equal(c.agreement, 1);
  });

  it('scores skills by Jaccard and keeps C, C# and C++ apart', () => {
    const skill = (name: string) => ({ name, surface: name, category: 'programming-language' });
    // {python, sql, go} vs {python, sql, rust}: 2 shared of 4 → 0.5
    const c = compareParses(resume(), resume({ skills: [skill('python'), skill(' SQL '), skill('Rust')] }));
    assert.equal(fieldAgreement(c, 'skills'), 0.5);
    assert.equal(c.agreement, 11.5 / 12);
    assert.deepEqual(c.differences, ['skills: "go" vs "rust"']);

    const cs = compareParses(resume({ skills: [skill('C++')] }), resume({ skills: [skill('C#')] }));
    assert.equal(fieldAgreement(cs, 'skills'), 0);
  });

  it('agrees on total experience within six months', () => {
    assert.equal(fieldAgreement(compareParses(resume(), resume({ totalExperienceMonths: 90 })), 'totalExperienceMonths'), 1);
    const c = compareParses(resume(), resume({ totalExperienceMonths: 91 }));
    assert.equal(fieldAgreement(c, 'totalExperienceMonths'), 0);
    assert.deepEqual(c.differences, ['totalExperienceMonths: 84 vs 91']);
  });

  it('skips fields empty on both sides, and scores a field only one side filled as 0', () => {
    const noPhone = { ...resume().contact, phones: [] };
    const both = compareParses(resume({ contact: noPhone, headline: null }), resume({ contact: noPhone, headline: '  ' }));
    assert.equal(both.fields.length, 10);
    assert.equal(fieldAgreement(both, 'contact.phone'), undefined);
    assert.equal(both.agreement, 1);

    const one = compareParses(resume(), resume({ contact: noPhone }));
    assert.equal(fieldAgreement(one, 'contact.phone'), 0);
    assert.equal(one.agreement, 11 / 12);
    assert.deepEqual(one.differences, ['contact.phone: "[phone]" vs []']);
  });

  it('never shows names, e-mails or phone numbers, and cuts long values to 80 characters', () => {
    const control = resume({ headline: `Engineer ${'x'.repeat(200)} reach me at ada@example.com` });
    const candidate = resume({
      contact: { ...resume().contact, name: 'Ada King', emails: [], phones: ['+1 555 123 4567'] },
      headline: 'Engineer',
    });
    const c = compareParses(control, candidate);
    const text = c.differences.join('\n');
    assert.ok(!text.includes('Ada') && !text.includes('King'), text);
    assert.ok(!/@|\d{3}/.test(text), text);
    assert.ok(text.includes('contact.name: "[name]" vs "[name]"'));
    const headline = c.differences.find((d) => d.startsWith('headline:'));
    assert.ok(headline);
    const [shownControl] = JSON.parse(`[${headline.slice('headline: '.length).replace(' vs ', ',')}]`) as string[];
    assert.equal(shownControl?.length, 80);
    assert.ok(shownControl?.endsWith('…'));
  });
});

describe('compareRankings', () => {
  it('[a,b,c] vs [a,c,b]: full overlap, τ = (2 concordant − 1 discordant) / 3', () => {
    const c = compareRankings(['a', 'b', 'c'], ['a', 'c', 'b']);
    assert.equal(c.overlap, 1);
    assert.equal(c.agreement, 1);
    assert.equal(c.kendallTau, 1 / 3);
    assert.deepEqual(c.differences, []);
  });

  it('gives identical rankings τ = 1 and reversed ones τ = −1', () => {
    assert.equal(compareRankings(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd']).kendallTau, 1);
    assert.equal(compareRankings(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a']).kendallTau, -1);
  });

  it('gives disjoint rankings 0 and lists the ids on each side', () => {
    const c = compareRankings(['a', 'b'], ['x', 'y']);
    assert.equal(c.agreement, 0);
    assert.equal(c.kendallTau, null);
    assert.deepEqual(c.differences, ['only in control top 10: a, b', 'only in candidate top 10: x, y']);
  });

  it('divides by k when both lists are long, and by the longer list when shorter than k', () => {
    // top 3: {a,b,c} vs {a,b,x} → 2/3; items beyond k do not count.
    const long = compareRankings(['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'x', 'c', 'd'], 3);
    assert.equal(long.overlap, 2 / 3);
    assert.equal(long.kendallTau, 1);
    assert.deepEqual(long.differences, ['only in control top 3: c', 'only in candidate top 3: x']);

    // 4 vs 2 items with k = 10: 2 shared / min(10, 4) = 0.5.
    assert.equal(compareRankings(['a', 'b', 'c', 'd'], ['b', 'a']).overlap, 0.5);
    assert.equal(compareRankings([], []).agreement, 1);
  });

  it('keeps the first position of a duplicated id', () => {
    const c = compareRankings(['a', 'a', 'b'], ['a', 'b']);
    assert.equal(c.overlap, 1);
    assert.equal(c.kendallTau, 1);
  });

  it('rejects a k that is not a positive integer', () => {
    assert.throws(() => compareRankings(['a'], ['a'], 0), RangeError);
  });
});
