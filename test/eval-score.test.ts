import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedResume } from '../src/domain/index.js';
import type { GoldFields } from '../src/eval/dataset.js';
import { FIELDS, metrics, scoreRecord, summarise, toPredicted } from '../src/eval/score.js';
import type { Field, FieldOutcome, PredictedFields, ScoreOptions } from '../src/eval/score.js';

function gold(fields: Partial<GoldFields>): GoldFields {
  return {
    name: null, email: null, phone: null, location: null,
    skills: [], companies: [], titles: [], degrees: [], institutions: [], graduationYears: [],
    ...fields,
  };
}

/** Predicted values, one form each unless given as an array of forms. */
function predicted(fields: Partial<Record<Field, (string | string[])[]>>): PredictedFields {
  const out = Object.fromEntries(FIELDS.map((f) => [f, [] as string[][]])) as PredictedFields;
  for (const [field, values] of Object.entries(fields)) {
    out[field as Field] = values.map((v) => (Array.isArray(v) ? v : [v]));
  }
  return out;
}

function outcome(
  field: Field,
  g: Partial<GoldFields>,
  p: Partial<Record<Field, (string | string[])[]>>,
  options?: ScoreOptions,
): FieldOutcome | undefined {
  return scoreRecord(gold(g), predicted(p), options)[field];
}

const counts = (o: FieldOutcome | undefined) => (o === undefined ? undefined : { tp: o.tp, fp: o.fp, fn: o.fn });
const HIT = { tp: 1, fp: 0, fn: 0 };
const WRONG = { tp: 0, fp: 1, fn: 1 };
const NONE = { tp: 0, fp: 0, fn: 1 };

describe('name and email: case-insensitive exact after whitespace collapse', () => {
  it('ignores case and runs of whitespace', () => {
    assert.deepEqual(counts(outcome('name', { name: 'Jane  Mary\tDoe ' }, { name: [' jane mary DOE'] })), HIT);
  });

  it('is otherwise exact: an extra initial is wrong, not close', () => {
    const o = outcome('name', { name: 'Jane Doe' }, { name: ['Jane A. Doe'] });
    assert.deepEqual(counts(o), WRONG);
    assert.deepEqual(o?.missed, ['Jane Doe']);
    assert.deepEqual(o?.unexpected, ['Jane A. Doe']);
  });

  it('counts a missing prediction as a miss without a false positive', () => {
    assert.deepEqual(counts(outcome('name', { name: 'Jane Doe' }, {})), NONE);
  });

  it('hits when any predicted e-mail equals the gold, and extra addresses are not false positives', () => {
    const p = { email: ['jane@work.example', ' Jane.Doe@Example.COM '] };
    assert.deepEqual(counts(outcome('email', { email: 'jane.doe@example.com' }, p)), HIT);
  });

  it('counts one false positive when no predicted e-mail matches', () => {
    const p = { email: ['jane@work.example', 'jd@home.example'] };
    assert.deepEqual(counts(outcome('email', { email: 'jane.doe@example.com' }, p)), WRONG);
  });
});

describe('phone: digits only', () => {
  it('ignores formatting', () => {
    assert.deepEqual(counts(outcome('phone', { phone: '+1 (415) 555-0100' }, { phone: ['1-415-555-0100'] })), HIT);
  });

  it('treats a dropped country code as a different number', () => {
    assert.deepEqual(counts(outcome('phone', { phone: '+1 (415) 555-0100' }, { phone: ['415 555 0100'] })), WRONG);
  });
});

describe('skills', () => {
  // Both canonicalisers are stand-ins, so these cases do not move when the real taxonomy changes.
  const none: ScoreOptions = { canonicalSkill: () => null };
  const taxonomy: ScoreOptions = {
    canonicalSkill: (p) => (['js', 'javascript', 'java script'].includes(p.toLowerCase()) ? { name: 'JavaScript' } : null),
  };

  it('matches aliases through the canonicaliser: gold "JS" ≡ predicted "JavaScript"', () => {
    assert.deepEqual(counts(outcome('skills', { skills: ['JS'] }, { skills: ['JavaScript'] }, taxonomy)), HIT);
  });

  it('without a taxonomy entry the alias is a miss (the fallback is normalised text)', () => {
    assert.deepEqual(counts(outcome('skills', { skills: ['JS'] }, { skills: ['JavaScript'] }, none)), WRONG);
  });

  it('matches a predicted skill by its surface form as well as its canonical name', () => {
    const p = { skills: [['JavaScript', 'JS']] };
    assert.deepEqual(counts(outcome('skills', { skills: ['js'] }, p, none)), HIT);
  });

  it('matches by whole-word containment either way', () => {
    const p = { skills: ['Python programming', 'SQL'] };
    assert.deepEqual(counts(outcome('skills', { skills: ['Python', 'MS SQL'] }, p, none)), { tp: 2, fp: 0, fn: 0 });
  });

  it('does not let a one-letter skill be contained, and keeps C++ apart from C', () => {
    const p = { skills: ['C', 'Objective C'] };
    const o = outcome('skills', { skills: ['C++', 'Objective-C'] }, p, none);
    assert.deepEqual(counts(o), { tp: 1, fp: 1, fn: 1 });
    assert.deepEqual(o?.missed, ['C++']);
    assert.deepEqual(o?.unexpected, ['C']);
  });

  it('de-duplicates skills that canonicalise to the same name', () => {
    const p = { skills: ['JavaScript', 'JS', 'javascript'] };
    assert.deepEqual(counts(outcome('skills', { skills: ['JS'] }, p, taxonomy)), HIT);
  });
});

describe('companies, institutions, titles, degrees: normalised, then similarity ≥ 0.8 or containment', () => {
  it('drops legal suffixes, punctuation, case and "the"', () => {
    const g = { companies: ['Acme Pvt. Ltd.', 'The Boots Company PLC', 'Globex, Inc.', 'Initech GmbH'] };
    const p = { companies: ['ACME', 'boots company', 'Globex Corporation', 'Initech'] };
    assert.deepEqual(counts(outcome('companies', g, p)), { tp: 4, fp: 0, fn: 0 });
  });

  it('never strips a value down to nothing: "Co." stays "co"', () => {
    assert.deepEqual(counts(outcome('companies', { companies: ['Co.'] }, { companies: ['CO'] })), HIT);
  });

  it('matches at exactly 0.8: 4 shared words of 5 on each side (2·4/10)', () => {
    const g = { companies: ['Northwind Trading Export Group North'] };
    const p = { companies: ['Northwind Trading Export Group South'] };
    assert.deepEqual(counts(outcome('companies', g, p)), HIT);
  });

  it('matches above 0.8: 5 shared words of 6 on each side (10/12 ≈ 0.83)', () => {
    const g = { companies: ['Northwind Trading Export Supply Group North'] };
    const p = { companies: ['Northwind Trading Export Supply Group South'] };
    assert.deepEqual(counts(outcome('companies', g, p)), HIT);
  });

  it('misses just below 0.8: 3 shared words of 4 on each side (6/8 = 0.75), neither containing the other', () => {
    const g = { companies: ['Northwind Trading Group North'] };
    const p = { companies: ['Northwind Trading Group South'] };
    assert.deepEqual(counts(outcome('companies', g, p)), WRONG);
  });

  it('matches word-order variants by similarity: "Phoenix University" ≡ "University of Phoenix" (4/5)', () => {
    const o = outcome('institutions', { institutions: ['University of Phoenix'] }, { institutions: ['Phoenix University'] });
    assert.deepEqual(counts(o), HIT);
  });

  it('matches containment of a substantial phrase either way, whole words only', () => {
    const g = { institutions: ['Manipal Institute of Technology (MIT)', 'University of Texas at Dallas'] };
    const p = { institutions: ['Manipal Institute of Technology', 'Texas'] };
    assert.deepEqual(counts(outcome('institutions', g, p)), { tp: 2, fp: 0, fn: 0 });
    assert.deepEqual(counts(outcome('titles', { titles: ['Senior Marketing Manager'] }, { titles: ['Market'] })), WRONG);
  });

  it('guards containment against tiny or stopword-only phrases', () => {
    assert.deepEqual(counts(outcome('institutions', { institutions: ['University of Texas'] }, { institutions: ['of'] })), WRONG);
    assert.deepEqual(counts(outcome('companies', { companies: ['IT Services Group'] }, { companies: ['IT'] })), WRONG);
  });

  it('reads abbreviations with dots as one word: "B.Sc." ≡ "BSc"', () => {
    assert.deepEqual(counts(outcome('degrees', { degrees: ['B.Sc. (Hons) Sales Management'] }, { degrees: ['BSc Hons Sales Management'] })), HIT);
  });
});

describe('graduation years', () => {
  it('compares exact years and skips gold values that are not 4-digit years', () => {
    const o = outcome('graduationYears', { graduationYears: ['2003', '2004', '2123-456789'] }, { graduationYears: ['2004', '2010'] });
    assert.deepEqual(counts(o), { tp: 1, fp: 1, fn: 1 });
    assert.deepEqual(o?.missed, ['2003']);
  });

  it('leaves the field unlabelled when only junk years are given', () => {
    assert.equal(outcome('graduationYears', { graduationYears: ['2123-456789'] }, { graduationYears: ['2004'] }), undefined);
  });
});

describe('location: normalised whole-word containment either way', () => {
  it('matches a state code inside a city and state, and a city inside city and country', () => {
    assert.deepEqual(counts(outcome('location', { location: 'NY' }, { location: ['New York, NY'] })), HIT);
    assert.deepEqual(counts(outcome('location', { location: 'CHENNAI, India' }, { location: ['Chennai'] })), HIT);
  });

  it('does not match inside a word', () => {
    assert.deepEqual(counts(outcome('location', { location: 'Newark' }, { location: ['New York'] })), WRONG);
  });
});

describe('partial annotation', () => {
  it('scores only labelled fields; null, [] and empty strings are unlabelled', () => {
    const score = scoreRecord(
      gold({ name: 'Jane Doe', email: '   ', skills: [], companies: ['Acme'] }),
      predicted({ name: ['Jane Doe'], email: ['j@x.example'], skills: ['Go'], location: ['Oslo'] }),
    );
    assert.deepEqual(Object.keys(score).sort(), ['companies', 'name']);
  });

  it('reports per field the number of resumes it was scored on', () => {
    const summary = summarise([
      scoreRecord(gold({ name: 'A B', companies: ['Acme'] }), predicted({})),
      scoreRecord(gold({ name: 'C D' }), predicted({})),
      scoreRecord(gold({ location: 'Oslo' }), predicted({})),
    ]);
    assert.equal(summary.fields.name.n, 2);
    assert.equal(summary.fields.companies.n, 1);
    assert.equal(summary.fields.location.n, 1);
    assert.equal(summary.fields.skills.n, 0);
    assert.deepEqual(
      { p: summary.fields.skills.precision, r: summary.fields.skills.recall, f1: summary.fields.skills.f1 },
      { p: null, r: null, f1: null },
    );
  });
});

describe('one-to-one matching', () => {
  it('does not count a repeated prediction twice', () => {
    const p = { companies: ['Google', 'Google LLC', 'google', 'Google India'] };
    const o = outcome('companies', { companies: ['Google'] }, p);
    assert.deepEqual(counts(o), { tp: 1, fp: 1, fn: 0 });
    assert.deepEqual(o?.unexpected, ['Google India']);
  });

  it('pairs the best matches first', () => {
    const g = { titles: ['Sales Manager', 'Senior Sales Manager'] };
    const o = outcome('titles', g, { titles: ['Senior Sales Manager'] });
    assert.deepEqual(counts(o), { tp: 1, fp: 0, fn: 1 });
    assert.deepEqual(o?.missed, ['Sales Manager']);
  });

  it('computes precision and recall from the matched pairs', () => {
    const g = { companies: ['Acme', 'Globex', 'Initech'] };
    const p = { companies: ['Acme', 'Acme', 'Globex', 'Hooli', 'Umbrella'] };
    const summary = summarise([scoreRecord(gold(g), predicted(p))]);
    const c = summary.fields.companies;
    assert.deepEqual({ tp: c.tp, fp: c.fp, fn: c.fn }, { tp: 2, fp: 2, fn: 1 });
    assert.equal(c.precision, 2 / 4);
    assert.equal(c.recall, 2 / 3);
    assert.equal(c.f1, 4 / 7);
  });
});

describe('micro average', () => {
  it('sums TP, FP and FN over every scored field of every resume', () => {
    const summary = summarise([
      // name TP; companies: 1 of 2 gold found, 2 spurious → TP 1, FP 2, FN 1.
      scoreRecord(gold({ name: 'Jane Doe', companies: ['Acme', 'Globex'] }), predicted({ name: ['Jane Doe'], companies: ['Acme', 'Hooli', 'Umbrella'] })),
      // name wrong → FP 1, FN 1; location predicted but unlabelled → not scored.
      scoreRecord(gold({ name: 'John Roe' }), predicted({ name: ['Jon Roe'], location: ['Oslo'] })),
    ]);
    assert.deepEqual({ tp: summary.micro.tp, fp: summary.micro.fp, fn: summary.micro.fn }, { tp: 2, fp: 3, fn: 2 });
    assert.equal(summary.micro.precision, 2 / 5);
    assert.equal(summary.micro.recall, 2 / 4);
    assert.equal(summary.micro.f1, 4 / 9);
    assert.deepEqual(
      { n: summary.fields.name.n, p: summary.fields.name.precision, r: summary.fields.name.recall },
      { n: 2, p: 0.5, r: 0.5 },
    );
  });

  it('leaves undefined ratios null rather than zero', () => {
    assert.deepEqual(metrics({ tp: 0, fp: 0, fn: 0 }), { precision: null, recall: null, f1: null });
    assert.deepEqual(metrics({ tp: 0, fp: 0, fn: 3 }), { precision: null, recall: 0, f1: 0 });
  });
});

describe('toPredicted', () => {
  const resume: ParsedResume = {
    contact: { name: 'Jane Doe', emails: ['jane@x.example'], phones: ['+44 20 7946 0958'], location: 'London', links: [] },
    headline: null,
    summary: null,
    skills: [{ name: 'JavaScript', surface: 'JS', category: 'programming-language' }],
    experience: [
      { title: 'Engineer', company: 'Acme Ltd', location: null, start: '2020', end: null, current: true, description: null, highlights: [] },
      { title: null, company: null, location: null, start: null, end: null, current: false, description: null, highlights: [] },
    ],
    education: [
      { degree: 'BSc', degreeLevel: 'bachelor', field: 'Marketing', institution: 'Coventry University', graduationYear: 2012 },
      { degree: 'MSc Marketing', degreeLevel: 'master', field: 'Marketing', institution: null, graduationYear: null },
    ],
    certifications: [],
    languages: [],
    totalExperienceMonths: 60,
    meta: { provider: 'test', model: 'test', version: '1', durationMs: 1, referenceDate: '2024-01-01', language: 'en', warnings: [] },
  };

  it('maps our schema onto the gold fields, dropping empty values', () => {
    assert.deepEqual(toPredicted(resume), {
      name: [['Jane Doe']],
      email: [['jane@x.example']],
      phone: [['+44 20 7946 0958']],
      location: [['London']],
      skills: [['JavaScript', 'JS']],
      companies: [['Acme Ltd']],
      titles: [['Engineer']],
      degrees: [['BSc', 'BSc Marketing'], ['MSc Marketing']],
      institutions: [['Coventry University']],
      graduationYears: [['2012']],
    });
  });

  it('scores a degree written whole against a degree whose field the parser split off', () => {
    const o = scoreRecord(gold({ degrees: ['BSc in Marketing'] }), toPredicted(resume)).degrees;
    assert.deepEqual(counts(o), { tp: 1, fp: 1, fn: 0 });
  });
});
