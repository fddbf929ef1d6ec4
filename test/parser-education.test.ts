import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Education } from '../src/domain/index.js';
import {
  findInstitution,
  isHeldDegree,
  mentionedDegrees,
  parseEducation,
  withStatedDegrees,
} from '../src/providers/local/education.js';
import { toLines } from '../src/providers/local/normalise.js';
import { parseResumeText } from '../src/providers/local/parser.js';

/** Resume fragments written for these tests. */
const REFERENCE = new Date('2024-06-01T00:00:00Z');

const educationOf = (text: string): Education[] => parseEducation(toLines(text), { referenceDate: REFERENCE });
const degreesOf = (text: string): (string | null)[] => educationOf(text).map((e) => e.degree);
const statedIn = (text: string): (string | null)[] => mentionedDegrees(toLines(text), REFERENCE).map((e) => e.degree);

describe('degree vocabulary', () => {
  it('reads abbreviations written without their last dot before a capitalised field', () => {
    assert.deepEqual(degreesOf('B.E Northfield University, Springfield (2008-2012)'), ['B.E']);
    assert.deepEqual(degreesOf('M.A Education Administration, Lakeside University (1993)'), ['M.A Education Administration']);
    assert.deepEqual(degreesOf('Msc in Strategic Marketing'), ['Msc in Strategic Marketing']);
  });

  it('keeps a parenthesised field after a bare abbreviation', () => {
    assert.deepEqual(degreesOf('BE (Mechanical)'), ['BE (Mechanical)']);
  });

  it('reads escaped or curly apostrophes and "Juris Doctor"', () => {
    assert.deepEqual(degreesOf("Master\\'s Degree in Physics, Lakeside University"), ["Master\\'s Degree in Physics"]);
    assert.deepEqual(degreesOf('Master ‘s program in Geography'), ['Master ‘s program in Geography']);
    assert.equal(educationOf('Juris Doctor, 2014')[0]?.degreeLevel, 'doctorate');
  });

  it('reads "Degree in" with a capital and keeps a parenthesised field, not an acronym', () => {
    assert.deepEqual(degreesOf('Degree in Forest Science'), ['Degree in Forest Science']);
    assert.deepEqual(degreesOf('Bachelor of Education (Primary) to be conferred May 2025'), ['Bachelor of Education (Primary)']);
    assert.deepEqual(degreesOf('Certificate of Education (KCE), 1990'), ['Certificate of Education']);
  });

  it('does not take a year in parentheses for a field, nor work done for a degree for a degree', () => {
    assert.deepEqual(degreesOf('M.A. (2004), Northfield University'), ['M.A.']);
    assert.deepEqual(degreesOf('Masters Research Project: tidal energy storage'), []);
  });

  it('joins a degree cut after "of" with the next line', () => {
    assert.deepEqual(degreesOf('2007-2010\nBachelor of\nBusiness Studies\nNorthfield University'), ['Bachelor of Business Studies']);
  });
});

describe('degrees stated in prose', () => {
  it('keeps "B.S." whole and stops where the sentence moves on', () => {
    assert.deepEqual(statedIn('Analyst with 5 years in retail. Holds a B.S. in Marketing and expertise in pricing.'), ['B.S. in Marketing']);
  });

  it('reads a bare abbreviation followed by "in" and a field', () => {
    assert.deepEqual(statedIn('Honours graduate with BS in Computer Science.'), ['BS in Computer Science']);
  });

  it('does not split "B. Tech" at its dot', () => {
    assert.deepEqual(statedIn('Sam Roe is a B. Tech in Civil Engineering from Eastbrook Institute of Technology.'), [
      'B. Tech in Civil Engineering',
    ]);
  });

  it('reads the school and year of a degree stated in full', () => {
    const [stated] = mentionedDegrees(toLines('Masters in 2007 from the Lakeside University of Technology, Springfield.'), REFERENCE);
    assert.deepEqual([stated?.degree, stated?.institution, stated?.graduationYear], ['Masters', 'Lakeside University of Technology', 2007]);
  });

  it('skips degree words that name no degree held', () => {
    assert.deepEqual(statedIn('Supervised Masters Thesis projects'), []);
    assert.equal(isHeldDegree('PhD researcher'), false);
    assert.equal(isHeldDegree('MBA) levels'), false);
    assert.equal(isHeldDegree('Bachelor of'), false);
    assert.equal(isHeldDegree('Master of Arts, History'), true);
  });
});

describe('merging stated degrees', () => {
  const entry = (degree: string): Education => ({ degree, degreeLevel: 'bachelor', field: null, institution: null, graduationYear: null });

  it('adds a degree restated in other words and skips the same words', () => {
    const merged = withStatedDegrees([entry('Bachelor of Science in Marketing')], [entry('B.S. in Marketing'), entry('Bachelor of Science in marketing')]);
    assert.deepEqual(
      merged.map((e) => e.degree),
      ['Bachelor of Science in Marketing', 'B.S. in Marketing'],
    );
  });

  it('compares whole words, so "M.A." is not found inside "Marketing"', () => {
    const merged = withStatedDegrees([entry('BA Marketing')], [entry('M.A.')]);
    assert.equal(merged.length, 2);
  });
});

describe('institutions', () => {
  it('reads a school after a leading date range', () => {
    assert.equal(findInstitution('2008-2009 The University of Northfield'), 'The University of Northfield');
  });

  it('reads a school named before its degree', () => {
    assert.equal(findInstitution('Eastbrook College Diploma 2004 - 2006'), 'Eastbrook College');
    assert.equal(findInstitution('Northfield University Degree'), 'Northfield University');
  });

  it('reads a capitalised name with a lower-case head word', () => {
    assert.equal(findInstitution('Graduate in Commerce, Maple college of Arts, 2004'), 'Maple college of Arts');
    assert.equal(findInstitution('went to college in the evenings'), null);
  });

  it('stops a school name at a middle dot', () => {
    assert.equal(findInstitution('University of Northfield · 2013 – 2016'), 'University of Northfield');
  });

  it('rejects job titles, bare head words and sentences', () => {
    assert.equal(findInstitution('School Counselor, Lakeside District'), null);
    assert.equal(findInstitution('UNIVERSITY'), null);
    assert.equal(findInstitution('Coordinated the online portion of the School of Music festival'), null);
  });

  it('joins a school name cut after "of" or "and" with the next line', () => {
    const [entry] = educationOf('Bachelor of Science, Eastbrook Institute of\nTechnology, 2010');
    assert.equal(entry?.institution, 'Eastbrook Institute of Technology');
  });

  it('starts a new entry when a second school arrives', () => {
    const entries = educationOf('Northfield University Degree\n• Computer Science - 2006- 2009\nEastbrook College Diploma 2004 - 2006');
    assert.deepEqual(
      entries.map((e) => [e.institution, e.degree, e.graduationYear]),
      [
        ['Northfield University', null, 2009],
        ['Eastbrook College', 'Diploma', 2006],
      ],
    );
  });
});

describe('majors and minors', () => {
  it('reads a major line as the field of the degree above it', () => {
    const [entry] = educationOf('Riverton Community College, Riverton, CA\nAssociate of Arts, December 2007\n• Major: Consumer Economics\n• Overall GPA: 3.26');
    assert.equal(entry?.degree, 'Associate of Arts');
    assert.equal(entry?.field, 'Consumer Economics');
  });

  it('lets a major stand in for a degree the entry does not name', () => {
    const [entry] = educationOf('Lakeside College, 2011\nMajor in History, Minor in French');
    assert.equal(entry?.degree, 'Major in History, Minor in French');
    assert.equal(entry?.degreeLevel, null);
    assert.equal(entry?.field, 'History');
  });

  it('gives way to the degree when it is named after the major', () => {
    const entries = educationOf('Lakeside College\nMajor: Geology\nBachelor of Science, 2011');
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.degree, 'Bachelor of Science');
    assert.equal(entries[0]?.field, 'Geology');
  });
});

describe('degrees under other headings', () => {
  const RESUME = `Pat Lee
pat.lee@example.com

Professional Experience
Principal, Hilltop Elementary, Springfield
July 2009 to Present
Adjunct Instructor, Lakeside University
Worked under the supervision of Dr. Ana Ruiz, Ph.D., to review cases.

Professional Development
Lakeside University, Dallas, TX
Master of Arts, Educational Administration, 2004
`;

  it('keeps a degree listed with its school under a heading that is not "Education"', () => {
    const { education } = parseResumeText(RESUME, { referenceDate: REFERENCE }).fields;
    assert.deepEqual(
      education.map((e) => [e.degree, e.institution, e.graduationYear]),
      [['Master of Arts, Educational Administration', 'Lakeside University', 2004]],
    );
  });

  it('adds the degree stated in the summary beside the education section', () => {
    const text = `Sam Roe\nsam@example.com\n\nSummary\nMarketing analyst. Holds a B.S. in Marketing.\n\nEducation\nNorthfield University\nBachelor of Science in Marketing, 2012\n`;
    const { education } = parseResumeText(text, { referenceDate: REFERENCE }).fields;
    assert.deepEqual(
      education.map((e) => e.degree),
      ['Bachelor of Science in Marketing', 'B.S. in Marketing'],
    );
  });

  it('keeps degrees listed next to the one that names their school', () => {
    const text = `Ana Ruiz\nana@example.com\n\nClinical Experience\nMaster of Arts, Counseling Psychology\nMay 2015\nBachelor of Science, Psychology\nMay 2013\nHarbourview University, Dover, DE\n\nIntern, Bayside Clinic\nJanuary 2013 - September 2013\n`;
    const { education } = parseResumeText(text, { referenceDate: REFERENCE }).fields;
    assert.deepEqual(
      education.map((e) => [e.degree, e.institution]),
      [
        ['Master of Arts, Counseling Psychology', null],
        ['Bachelor of Science, Psychology', 'Harbourview University'],
      ],
    );
  });
});

describe('education lines around the degree', () => {
  it('takes no graduation year from a date of birth', () => {
    const entries = educationOf('A levels:\nDOB: 12/09/1985\nWestbrook Central College 2003 - 2005');
    assert.deepEqual(entries.map((e) => e.graduationYear), [2005]);
    assert.deepEqual(educationOf('Born:\n16. December 1978\nPh.D. in Network Security\nNorthfield University').map((e) => e.graduationYear), [null]);
  });

  it('joins a field of study wrapped to the line below the degree', () => {
    assert.deepEqual(degreesOf('BSc (Hons)\nMarketing\nWestbrook University 2005 - 2008'), ['BSc (Hons) Marketing']);
    assert.deepEqual(degreesOf('Diploma in Business\nAdministration\n(City & Guilds)'), ['Diploma in Business Administration']);
    assert.deepEqual(degreesOf('Bachelor of Science\nMagna Cum Laude'), ['Bachelor of Science']);
    assert.deepEqual(degreesOf('Bachelor of Arts\nBoston, MA'), ['Bachelor of Arts']);
  });

  it('splits a double degree into its two degrees', () => {
    assert.deepEqual(
      educationOf('Bachelor of Laws/Bachelor of Arts\nKingsford University, 2015').map((e) => [e.degree, e.institution, e.graduationYear]),
      [
        ['Bachelor of Laws', 'Kingsford University', 2015],
        ['Bachelor of Arts', 'Kingsford University', 2015],
      ],
    );
  });
});
