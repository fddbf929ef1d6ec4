import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { findTaxonomyFile, parseTaxonomy } from '../src/taxonomy/data.js';
import {
  canonicalSkill,
  findSkills,
  isKnownTitle,
  isSpokenLanguage,
  normaliseTitle,
  skillInfo,
} from '../src/taxonomy/index.js';

const names = (text: string, skillContext = false): string[] => findSkills(text, { skillContext }).map((h) => h.name);

describe('canonicalSkill', () => {
  it('maps common resume spellings to one canonical skill', () => {
    const cases: Array<[string, string]> = [
      ['k8s', 'Kubernetes'],
      ['JS', 'JavaScript'],
      ['golang', 'Go'],
      ['TS', 'TypeScript'],
      ['nodejs', 'Node.js'],
      ['node', 'Node.js'],
      ['React.js', 'React'],
      ['postgres', 'PostgreSQL'],
      ['MS Excel', 'Microsoft Excel'],
      ['AWS', 'AWS'],
      ['Amazon Web Services', 'AWS'],
      ['GCP', 'Google Cloud Platform'],
      ['CI/CD', 'CI/CD'],
      ['ML', 'Machine learning'],
      ['c sharp', 'C#'],
      ['ASP.NET', 'ASP.NET'],
      ['project management', 'Project management'],
      ['Customer Service', 'Customer service'],
    ];
    for (const [phrase, expected] of cases) assert.equal(canonicalSkill(phrase)?.name, expected, phrase);
  });

  it('ignores versions, a trailing parenthesis, "skills" and spacing', () => {
    assert.equal(canonicalSkill('Oracle 10g')?.name, 'Oracle Database');
    assert.equal(canonicalSkill('Java 1.6')?.name, 'Java');
    assert.equal(canonicalSkill('SQL Server 2008')?.name, 'Microsoft SQL Server');
    assert.equal(canonicalSkill('Search engine optimization (SEO)')?.name, 'Search engine optimization');
    assert.equal(canonicalSkill('communication skills')?.name, 'Communication');
    assert.equal(canonicalSkill('Java Script')?.name, 'JavaScript');
    assert.equal(canonicalSkill('Power Point')?.name, 'Microsoft PowerPoint');
  });

  it('returns the category with the name, and null for unknown phrases', () => {
    assert.deepEqual(canonicalSkill('python'), { name: 'Python', category: 'programming-language' });
    assert.equal(canonicalSkill('Kubernetes')?.category, 'developer-tool');
    assert.equal(canonicalSkill('PostgreSQL')?.category, 'database');
    assert.equal(canonicalSkill('definitely not a skill phrase'), null);
    assert.equal(canonicalSkill(''), null);
  });

  it('lets tech sources win over ESCO for tech names', () => {
    assert.equal(canonicalSkill('Spark')?.name, 'Apache Spark');
    assert.equal(canonicalSkill('TensorFlow')?.name, 'TensorFlow');
  });
});

describe('findSkills', () => {
  it('needs context for ambiguous skills', () => {
    assert.deepEqual(names('I like to go hiking'), []);
    assert.deepEqual(names('Skills: Go, Python', true), ['Go', 'Python']);
    assert.deepEqual(names('I excel at teamwork'), ['Teamwork']);
    assert.deepEqual(names('a spark of creativity in spring'), []);
    assert.deepEqual(names('Built pipelines on Apache Spark'), ['Apache Spark']);
  });

  it('accepts an ambiguous skill listed next to an unambiguous one', () => {
    assert.deepEqual(names('Wrote services in Go, Python and Docker.'), ['Go', 'Python', 'Docker']);
    assert.deepEqual(names('Languages: C, R, Python'), ['C', 'R', 'Python']);
    // A full stop ends the list.
    assert.deepEqual(names('Shipped it in Python. Go team!'), ['Python']);
  });

  it('accepts an ambiguous skill written in its distinctive case, but not in all-caps text', () => {
    assert.deepEqual(names('Typeset the thesis in LaTeX'), ['LaTeX']);
    assert.deepEqual(names('wore latex gloves'), []);
    assert.deepEqual(names('READY TO GO'), []);
    assert.deepEqual(names('Statistics in SAS and R'), ['SAS', 'R']);
  });

  it('reports punctuated surfaces with their offsets', () => {
    const text = 'Languages: C++, C#, .NET and Node.js; CI/CD with k8s';
    const hits = findSkills(text);
    assert.deepEqual(
      hits.map((h) => [h.name, h.surface, h.start]),
      [
        ['C++', 'C++', 11],
        ['C#', 'C#', 16],
        ['.NET', '.NET', 20],
        ['Node.js', 'Node.js', 29],
        ['CI/CD', 'CI/CD', 38],
        ['Kubernetes', 'k8s', 49],
      ],
    );
    for (const h of hits) assert.equal(text.slice(h.start, h.end), h.surface);
  });

  it('prefers the longest match and does not split words or joined symbols', () => {
    assert.deepEqual(names('ASP.NET MVC and Ruby on Rails'), ['ASP.NET', 'Ruby on Rails']);
    assert.deepEqual(names('Led R&D at AT&T', true), []);
    assert.deepEqual(names('Contact john.go@example.com or see https://go.dev', true), []);
    assert.deepEqual(names('Objective-C and objective c'), ['Objective-C']);
  });

  it('de-duplicates by canonical name, keeping the first surface', () => {
    const hits = findSkills('JavaScript (JS), javascript and Java Script');
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.surface, 'JavaScript');
    assert.equal(hits[0]?.category, 'programming-language');
  });

  it('finds general skills that resumes list', () => {
    assert.deepEqual(names('Administrative support, meeting coordination and customer service; MS Office'), [
      'Administrative support',
      'Meeting coordination',
      'Customer service',
      'Microsoft Office',
    ]);
  });

  it('keeps spoken languages out of skills', () => {
    assert.deepEqual(names('Languages: English, German, Hindi', true), []);
    assert.ok(isSpokenLanguage('German'));
    assert.ok(isSpokenLanguage('hindi'));
    assert.ok(!isSpokenLanguage('Python'));
  });
});

describe('findSkills precision', () => {
  it('does not map proficiency words, bare subjects or broad fields onto a narrower skill', () => {
    const text = 'Basic: Excel. Training, internet, API, information technology';
    for (const skillContext of [false, true]) {
      const found = names(text, skillContext);
      for (const wrong of ['BASIC', 'Training and development', 'Internet research', 'API development', 'Computer technology']) {
        assert.ok(!found.includes(wrong), `${wrong} in ${found.join(', ')}`);
      }
    }
    assert.deepEqual(names('API development, staff training, internet research'), [
      'API development',
      'Training and development',
      'Internet research',
    ]);
  });

  it('does not map a phrase opening with an article, or made of function words, onto a skill', () => {
    assert.deepEqual(names('Bought a computer and made a list of things to do'), []);
    assert.deepEqual(names('Languages: APL, Python', true), ['APL', 'Python']);
  });

  it('stays linear on long unbroken runs of e-mail characters', () => {
    // Quadratic before: the e-mail pattern rescanned the rest of the run at every position.
    const text = '1-1-'.repeat(50_000);
    assert.deepEqual(findSkills(text), []);
    assert.deepEqual(names(`${'a.'.repeat(20_000)} Python`), ['Python']);
  });
});

describe('skillInfo', () => {
  it('exposes the O*NET hot technology flag', () => {
    assert.deepEqual(skillInfo('kubernetes'), { name: 'Kubernetes', category: 'developer-tool', hot: true });
    assert.equal(skillInfo('no such skill'), null);
  });
});

describe('normaliseTitle', () => {
  it('handles seniority, abbreviations and punctuation', () => {
    assert.deepEqual(normaliseTitle('Sr. Software Engineer'), { code: '15-1252.00', title: 'Software Developers' });
    assert.deepEqual(normaliseTitle('Registered Nurse'), { code: '29-1141.00', title: 'Registered Nurses' });
    assert.equal(normaliseTitle('registered nurses')?.code, '29-1141.00');
    assert.equal(normaliseTitle('Senior Marketing Mgr.')?.code, '11-2021.00');
    assert.match(normaliseTitle('Software Engineer II, Payments')?.code ?? '', /^15-125/);
  });

  it('treats Engineer and Developer as variants and falls back to the known tail', () => {
    assert.match(normaliseTitle('Senior Java Engineer')?.code ?? '', /^15-12/);
    assert.match(normaliseTitle('Lead Payments Backend Engineer')?.code ?? '', /^15-125/);
  });

  it('returns null for phrases that are not titles', () => {
    assert.equal(normaliseTitle('Red Bug Computers'), null);
    assert.equal(normaliseTitle('Project management'), null);
    assert.equal(normaliseTitle(''), null);
  });
});

describe('isKnownTitle', () => {
  it('recognises titles, exact or by their head noun', () => {
    for (const title of [
      'Software Engineer',
      'Senior Marketing Manager',
      'Registered Nurse',
      'Teacher',
      'Legal Assistant',
      'Director of Sales',
      'Advertiser',
      'Freelance Data Analyst',
      'Team Lead',
      'Consultant (contract)',
    ]) {
      assert.ok(isKnownTitle(title), title);
    }
  });

  it('does not mistake company names or sentences for titles', () => {
    for (const phrase of [
      'Red Bug Computers',
      'The Napoli Group',
      'Acme Inc',
      'Globex Corporation',
      'University of Missouri',
      'Bank of America',
      'Harris Methodist Hospital',
      'Salvation Army',
      'I reported to the engineering manager',
      '2015 - 2018',
      '',
    ]) {
      assert.ok(!isKnownTitle(phrase), phrase);
    }
  });
});

describe('data/taxonomy.json', () => {
  const file = parseTaxonomy(readFileSync(findTaxonomyFile(), 'utf8'));

  it('is sorted, with unique names and a small stable category set', () => {
    const skillNames = file.skills.map((s) => s[0]);
    assert.equal(new Set(skillNames.map((n) => n.toLowerCase())).size, skillNames.length);
    assert.deepEqual(skillNames, [...skillNames].sort((a, b) => a.localeCompare(b, 'en') || a.localeCompare(b)));
    assert.ok(file.categories.length <= 16);
    for (const category of file.categories) assert.match(category, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(!file.categories.includes('spoken-language'));
  });

  it('has a curated-scale skill set and the O*NET occupations', () => {
    assert.ok(file.skills.length >= 5_000 && file.skills.length <= 16_000, `${file.skills.length} skills`);
    assert.equal(file.occupations.length, 1016);
  });
});
