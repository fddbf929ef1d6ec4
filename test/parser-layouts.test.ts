import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEducation } from '../src/providers/local/education.js';
import { parseExperience } from '../src/providers/local/experience/index.js';
import { findName } from '../src/providers/local/name.js';
import { toLines } from '../src/providers/local/normalise.js';
import { extractSkills } from '../src/providers/local/skills.js';

/** Layout and list rules added for dev-set error categories, each on a small resume written for the test. */

const REFERENCE = new Date('2024-06-15T00:00:00Z');

function roles(text: string): Array<[string | null, string | null]> {
  return parseExperience(toLines(text), { referenceDate: REFERENCE }).map((e) => [e.title, e.company]);
}

describe('experience: a blank line after every line', () => {
  it('reads title, company and place above the date as one header', () => {
    const text = [
      'Logistics Intern',
      '',
      'HARBORVIEW FREIGHT, INC.',
      '',
      'Tacoma, WA',
      '',
      'May 2021 to Present',
      '• Tracked inbound shipments.',
      'Volunteer Coordinator',
      '',
      'LAKESIDE ARTS COUNCIL',
      '',
      'Olympia, WA',
      '',
      'June 2019 to April 2021',
      '• Scheduled weekend workshops.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Logistics Intern', 'HARBORVIEW FREIGHT, INC.'],
      ['Volunteer Coordinator', 'LAKESIDE ARTS COUNCIL'],
    ]);
  });
});

describe('experience: a date that slipped below the first line of text', () => {
  it('keeps each "Title, Company, City, ST" line with its own role', () => {
    const text = [
      'Head Librarian, Quarry Hill Library, Hudson, TX',
      'July 2015 to Present',
      'Moved the catalogue to an open-source system.',
      'Branch Librarian, Millbrook Library, Houston, TX',
      'Doubled attendance at reading hours in two years.',
      'July 2012-June 2015',
      'Library Assistant, Fernwood Library, Spring, TX',
      'July 2010-June 2012',
      'Shelving Clerk, Ashgrove Library, Valley, TX',
      'July 2008-June 2010',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Head Librarian', 'Quarry Hill Library'],
      ['Branch Librarian', 'Millbrook Library'],
      ['Library Assistant', 'Fernwood Library'],
      ['Shelving Clerk', 'Ashgrove Library'],
    ]);
  });
});

describe('experience: a numbered group heading above dates that precede their headers', () => {
  it('reads the header below each date', () => {
    const text = [
      'A. Academic Posts',
      '2016 present',
      'Associate Professor, Ridgeline University',
      '2010 2016',
      'Assistant Professor, Coastal State University',
      '2006 2010',
      'Lecturer, Northgate College',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Associate Professor', 'Ridgeline University'],
      ['Assistant Professor', 'Coastal State University'],
      ['Lecturer', 'Northgate College'],
    ]);
  });
});

describe('experience: a header line that opens with an -ing noun', () => {
  it('reads "Marketing Director, Company, City, ST" as a header, not a sentence', () => {
    const text = ['Marketing Director, Juniper Goods, Boise, ID', 'March 2018 - Present', '• Relaunched the brand.', 'Accounting Clerk, Tallow & Co, Nampa, ID', '2015 - 2018'].join('\n');
    assert.deepEqual(roles(text), [
      ['Marketing Director', 'Juniper Goods'],
      ['Accounting Clerk', 'Tallow & Co'],
    ]);
  });

  it('still reads a line that opens with a verb and goes on in lower case as text', () => {
    const text = ['Store Manager, Juniper Goods', '2019 - Present', 'Managed the weekend staff rota', 'Cashier, Tallow & Co', '2016 - 2019'].join('\n');
    assert.deepEqual(roles(text), [
      ['Store Manager', 'Juniper Goods'],
      ['Cashier', 'Tallow & Co'],
    ]);
  });
});

describe('skills-section list items that are no skills', () => {
  const surfaces = (lines: string, candidateName: string | null = null): string[] =>
    extractSkills({ text: '', skillLines: toLines(lines), candidateName }).map((s) => s.surface);

  it('drops form labels, headings in capitals, traits and counts', () => {
    const found = surfaces(
      [
        'Role: Lead, Details, Estimating & Surveys',
        'PROJECT OVERVIEW, TRAININGS, Blueprint Reading',
        'Passionate, Hard working, Goal oriented, Quantity Takeoff',
        'Crane Signalling (4x), 2-3 lines, Less than 1 year',
      ].join('\n'),
    );
    for (const junk of ['Role', 'Details', 'PROJECT OVERVIEW', 'TRAININGS', 'Passionate', 'Hard working', 'Goal oriented', '4x', '2-3 lines', 'Less than 1 year']) {
      assert.ok(!found.includes(junk), `${junk} in ${JSON.stringify(found)}`);
    }
    for (const skill of ['Estimating & Surveys', 'Blueprint Reading', 'Quantity Takeoff', 'Crane Signalling']) {
      assert.ok(found.includes(skill), `${skill} missing from ${JSON.stringify(found)}`);
    }
  });

  it('drops places, schools, companies and the candidate\'s own name', () => {
    const found = surfaces('Tamil Nadu, Brookfield Institute of Technology, Larkspur Components Pvt. Ltd, Priya Venkat, Die Casting', 'Priya Venkat');
    assert.deepEqual(found, ['Die Casting']);
  });

  it('keeps short acronyms in capitals', () => {
    assert.ok(surfaces('VLSI, ROI, FPGA').includes('VLSI'));
  });
});

describe('education: abbreviations', () => {
  const degrees = (text: string): Array<string | null> =>
    parseEducation(toLines(text), { referenceDate: REFERENCE }).map((e) => e.degree);

  it('reads "BS - Field" with a dash between the abbreviation and its field', () => {
    assert.deepEqual(degrees('Pinecrest College\nBS - Marine Biology\n2011'), ['BS - Marine Biology']);
  });

  it('reads Ed.S. as a degree', () => {
    assert.deepEqual(degrees('Ed.S.\nRidgeline University\n2009'), ['Ed.S.']);
  });
});

describe('name: a resume pasted below other text', () => {
  it('takes the full name just above the first contact line', () => {
    const filler = Array.from({ length: 20 }, (_, i) => `Template note number ${i + 1} about fonts and margins.`);
    // No e-mail address to search around: the phone number is the first contact line.
    const lines = toLines([...filler, 'Marisol Quintero', '14 Alder Row, Fairview, OR', 'Phone: (555) 201-3344'].join('\n'));
    assert.equal(findName({ lines, emails: [] }), 'Marisol Quintero');
  });
});
