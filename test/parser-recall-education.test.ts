import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Education } from '../src/domain/index.js';
import { degreeSpan, parseEducation } from '../src/providers/local/education.js';
import { toLines } from '../src/providers/local/normalise.js';

/** Education sections written for these tests (invented schools and people). */
const REFERENCE = new Date('2024-06-01T00:00:00Z');
const educationOf = (text: string): Education[] => parseEducation(toLines(text), { referenceDate: REFERENCE });

describe('education recall rules', () => {
  it('reads upper-case Indian degree forms', () => {
    const [entry] = educationOf('B.TECH (Mechanical Engineering)\nRiverbend Institute of Technology\n2015');
    assert.equal(entry?.degree, 'B.TECH (Mechanical Engineering)');
    assert.equal(entry?.degreeLevel, 'bachelor');
    assert.equal(educationOf('M.SC Physics, Hilltop University, 2012')[0]?.degree, 'M.SC Physics');
  });

  it('skips a sub-heading that names a level and no degree', () => {
    const entries = educationOf('POSTGRADUATE\nMaster of Business Administration\nKestrel Business School\n2011\nUNDERGRADUATE DEGREE\nBSc - Applied Geology\nMarsh Valley University\n2006');
    assert.deepEqual(
      entries.map((e) => e.degree),
      ['Master of Business Administration', 'BSc - Applied Geology'],
    );
    assert.equal(entries[1]?.institution, 'Marsh Valley University');
  });

  it('keeps two different qualifications of one level apart', () => {
    const entries = educationOf(
      '1990:\nCertificate in Maritime Law\n1974 - 1979:\nGreenfield High School\nCertificate of Secondary Education',
    );
    assert.deepEqual(
      entries.map((e) => [e.degree, e.institution]),
      [
        ['Certificate in Maritime Law', null],
        ['Certificate of Secondary Education', 'Greenfield High School'],
      ],
    );
  });

  it('still merges a degree restated in other words of the same phrase', () => {
    const entries = educationOf('Bachelor of Science, Northgate College, 2009\nReceived a Bachelor of Science with honours, 2009');
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.institution, 'Northgate College');
  });

  it('joins a school name wrapped before its head word', () => {
    const [entry] = educationOf('1996 2000: Bachelor of Science in Marine Biology, Coastal Technological\nUniversity');
    assert.equal(entry?.institution, 'Coastal Technological University');
    assert.equal(entry?.degree, 'Bachelor of Science in Marine Biology');
  });

  it('finds the span of a degree phrase in a line', () => {
    const line = '2010 B.S. in Soil Chemistry, Pinecrest University';
    const span = degreeSpan(line);
    assert.ok(span !== null);
    assert.equal(line.slice(span[0], span[1]), 'B.S. in Soil Chemistry');
    assert.equal(degreeSpan('Managed a team of six'), null);
  });
});
