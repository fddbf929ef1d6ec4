import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEducation } from '../src/providers/local/education.js';
import { parseExperience, withStatedRoles } from '../src/providers/local/experience/index.js';
import { toLines } from '../src/providers/local/normalise.js';
import { parseResumeText } from '../src/providers/local/parser.js';
import { headingKind } from '../src/providers/local/sections.js';
import { extractSkills, toolListLines } from '../src/providers/local/skills.js';

/** Recall rules of the second pass, each on a small resume written for the test. */

const REFERENCE = new Date('2024-06-15T00:00:00Z');

function roles(text: string): Array<[string | null, string | null]> {
  return parseExperience(toLines(text), { referenceDate: REFERENCE }).map((e) => [e.title, e.company]);
}

describe('experience: "Title: Organisation" header lines', () => {
  it('reads the colon as the separator between the title and where it was held', () => {
    const text = [
      '2019-2023',
      'Teaching Assistant: Brambleford Primary School',
      '• Ran phonics groups.',
      '2015-2018',
      'Full-time Instructor: Kestrel Adult Learning Centre, Dunmore',
      '• Planned literacy courses.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Teaching Assistant', 'Brambleford Primary School'],
      ['Full-time Instructor', 'Kestrel Adult Learning Centre'],
    ]);
  });

  it('leaves labelled lists and counts alone', () => {
    const text = ['Data Analyst, Quillon Metrics', '2020 - 2022', 'Team Size: 8', 'Technologies: Python, SQL'].join('\n');
    assert.deepEqual(roles(text), [['Data Analyst', 'Quillon Metrics']]);
  });
});

describe('experience: a dash spaced on one side only', () => {
  it('splits "COMPANY- City, ST" but keeps hyphenated names whole', () => {
    const text = ['Account Manager', 'BRIGHTWAVE- Kansas City, MO', 'Jan 2015 - Mar 2018', '• Grew the region.', 'Sales Associate', 'Hart-Lowe Outfitters, Omaha, NE', '2012 - 2014'].join('\n');
    assert.deepEqual(roles(text), [
      ['Account Manager', 'BRIGHTWAVE'],
      ['Sales Associate', 'Hart-Lowe Outfitters'],
    ]);
  });
});

describe('experience: roles stated as a duration in prose', () => {
  const stated = (sentence: string) => withStatedRoles([], toLines(sentence)).map((e) => [e.title, e.company]);

  it('reads "N years as Title with Organisation"', () => {
    assert.deepEqual(stated('Over 6 years as Senior Accountant with Harrowgate Foods Ltd, closing the books monthly.'), [
      ['Senior Accountant', 'Harrowgate Foods Ltd'],
    ]);
  });

  it('reads "N years of work experience as a Title in the Department …" cut by a line break', () => {
    assert.deepEqual(stated('1.5 years of work experience as a Lecturer in the Department of Physics at'), [['Lecturer', 'Department of Physics']]);
  });

  it('ignores a role that is only sought', () => {
    assert.deepEqual(stated('Seeking a position as a Web Developer at Nimbus Labs utilizing my skills.'), []);
  });
});

describe('education: British vocational qualifications', () => {
  const degrees = (text: string) => parseEducation(toLines(text), { referenceDate: REFERENCE }).map((e) => [e.degree, e.degreeLevel]);

  it('reads HND, NVQ and foundation degrees', () => {
    assert.deepEqual(degrees('HND Business IT\nWearside College\n2004'), [['HND Business IT', 'diploma']]);
    assert.deepEqual(degrees('NVQ Level 3 in Retailing, 2006'), [['NVQ Level 3 in Retailing', 'diploma']]);
    assert.deepEqual(degrees('FdA Early Years, Tamworth College, 2011'), [['FdA Early Years', 'diploma']]);
  });

  it('does not take the letters inside other words', () => {
    assert.deepEqual(degrees('HNDL Logistics Ltd\n2010'), []);
  });
});

describe('education: a school after a placeholder date range', () => {
  it('reads "20XX - 20XX School, City, ST"', () => {
    const [entry] = parseEducation(toLines('20XX - 20XX Fernley Junior College, Camden, NJ'), { referenceDate: REFERENCE });
    assert.equal(entry?.institution, 'Fernley Junior College');
  });
});

describe('sections: "Scholastic Profile"', () => {
  it('is an education heading', () => {
    assert.equal(headingKind('Scholastic Profile'), 'education');
  });

  it('puts the degree and school under it into education', () => {
    const text = ['Priya Raman', 'priya@example.com', 'Scholastic Profile:', 'B.E from University of Kovalam in 2007 with an aggregate of 62%.'].join('\n');
    const { education } = parseResumeText(text, { referenceDate: REFERENCE }).fields;
    assert.deepEqual(
      education.map((e) => [e.degree, e.institution]),
      [['B.E', 'University of Kovalam']],
    );
  });
});

describe('skills: labelled tool lists outside a skills section', () => {
  it('picks "Environment:", "Tools used:" and "Operating Systems:" lines, not other labels', () => {
    const lines = toLines(
      ['Environment: Java, Spring, Quillboard, Oracle', 'Tools used: Jira, Git', 'Operating Systems: Windows, Linux', 'Team Size: 8', 'Client: Nimbus Labs'].join('\n'),
    );
    assert.deepEqual(
      toolListLines(lines).map((l) => l.text),
      ['Environment: Java, Spring, Quillboard, Oracle', 'Tools used: Jira, Git', 'Operating Systems: Windows, Linux'],
    );
  });

  it('lists a tool the taxonomy does not know when a role names it in its environment line', () => {
    const text = ['Jon Park', 'EXPERIENCE', 'Developer, Nimbus Labs', '2019 - 2022', '• Built the billing service.', 'Environment: Java, Quillboard, Oracle'].join('\n');
    const surfaces = parseResumeText(text, { referenceDate: REFERENCE }).fields.skills.map((s) => s.surface);
    assert.ok(surfaces.includes('Quillboard'), JSON.stringify(surfaces));
  });

  it('drops a label inside a list and a trailing "and"', () => {
    const surfaces = extractSkills({ text: '', skillLines: toLines('Environment: Platform: Quillboard 7.1, Oracle, Toad and') }).map((s) => s.surface);
    assert.ok(surfaces.includes('Quillboard 7.1'), JSON.stringify(surfaces));
    assert.ok(surfaces.includes('Toad'), JSON.stringify(surfaces));
    assert.ok(!surfaces.some((s) => s.includes(':') || s.endsWith(' and')), JSON.stringify(surfaces));
  });
});
