import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Experience } from '../src/domain/index.js';
import { isOrganisationLike } from '../src/providers/local/entities.js';
import { parseExperience, withStatedRoles } from '../src/providers/local/experience/index.js';
import { findHeadline, findName, statedTitle, titleUnderName } from '../src/providers/local/name.js';
import { toLines } from '../src/providers/local/normalise.js';
import { parseResumeText } from '../src/providers/local/parser.js';
import { splitSections } from '../src/providers/local/sections.js';

/** Structural rules of the experience and headline readers, on small resumes written for these tests. */

const REFERENCE = new Date('2024-06-15T00:00:00Z');

function roles(text: string): Array<[string | null, string | null]> {
  return parseExperience(toLines(text), { referenceDate: REFERENCE }).map((e) => [e.title, e.company]);
}

describe('experience: headers before the date', () => {
  it('keeps a company line that sits on a "City, ST" line after the previous role\'s bullets', () => {
    const text = [
      'Bluebird Outfitters',
      'Portland, Oregon',
      '2019-Present',
      'Store Manager:',
      '• Ran a team of twelve.',
      'Harbor Lane',
      'Salem, Oregon',
      '2015-2019',
      'Assistant Manager:',
      '• Opened a second location.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Store Manager', 'Bluebird Outfitters'],
      ['Assistant Manager', 'Harbor Lane'],
    ]);
  });
});

describe('experience: header lines around the company', () => {
  it('skips the first month of a range split over two lines', () => {
    const text = ['Garden Design Apprentice', 'Eugene, OR', 'Greenway Landscapes', 'January', 'May 2021', '• Planted things.'].join('\n');
    assert.deepEqual(roles(text), [['Garden Design Apprentice', 'Greenway Landscapes']]);
  });

  it('takes the name alone on its line as the company, not a comma part after the title', () => {
    const text = ['Director of Engineering, Mobile,', 'Lanternfish', '05/13-08/14', '• Led the team.'].join('\n');
    assert.deepEqual(roles(text), [['Director of Engineering', 'Lanternfish']]);
  });

  it('does not read a "Responsibilities & Achievements" label as a name', () => {
    const text = ['Oct 2018 - Jan 2019', 'Office Assistant', 'Responsibilities & Achievements', 'Filed invoices.'].join('\n');
    assert.deepEqual(roles(text), [['Office Assistant', null]]);
  });
});

describe('experience: sections without dates', () => {
  const text = ['Harbourside Tutoring, Hobart, TAS', 'Maths Tutor', '• Tutored twelve students.', 'PROFESSIONAL', 'Spreadsheet Skills', '• Macros.'].join('\n');

  it('reads "Company, City / Title" runs as roles when the experience section has no date at all', () => {
    const found = parseExperience(toLines(text), { referenceDate: REFERENCE, undated: true });
    assert.deepEqual(
      found.map((e) => [e.title, e.company, e.start]),
      [['Maths Tutor', 'Harbourside Tutoring', null]],
    );
  });

  it('reads a role whose header run closes the section', () => {
    const found = parseExperience(toLines('Corner Hardware\nRiverton, Kentucky\nStock Associate'), { referenceDate: REFERENCE, undated: true });
    assert.deepEqual(found.map((e) => [e.title, e.company]), [['Stock Associate', 'Corner Hardware']]);
  });

  it('reads none unless asked (sections not headed as experience)', () => {
    assert.deepEqual(parseExperience(toLines(text), { referenceDate: REFERENCE }), []);
  });
});

describe('experience: names with digits and placeholder dates', () => {
  it('keeps a company name that ends in a digit', () => {
    assert.deepEqual(roles('Test Lead\nRapid9, Dayton, Ohio\nJune, 2015-August, 2017\n• Ran the test team.'), [['Test Lead', 'Rapid9']]);
  });

  it('never takes a template date for a company', () => {
    assert.equal(isOrganisationLike('Spring [year]'), false);
    assert.equal(isOrganisationLike('May 20XX - August 20XX'), false);
  });
});

describe('experience: labelled header lines', () => {
  it('prefers the employer over a "Client:" line', () => {
    const text = ['Senior Tester', 'Northwind Consulting, Canada', 'Client: Riverbank Power', 'March 2018 - May 2020', 'Description', 'Tested meters.'].join('\n');
    assert.deepEqual(roles(text), [['Senior Tester', 'Northwind Consulting']]);
  });

  it('falls back to the client when no employer is named', () => {
    const text = ['Client: Riverbank Power', 'Senior Tester', 'March 2018 - May 2020'].join('\n');
    assert.deepEqual(roles(text), [['Senior Tester', 'Riverbank Power']]);
  });

  it('never reads a "Field: value" line as a company', () => {
    assert.equal(isOrganisationLike('Team Size : 8'), false);
    assert.equal(isOrganisationLike('DBMS: Oracle 11g'), false);
    assert.equal(isOrganisationLike('Northwind Consulting'), true);
  });
});

describe('experience: "Company, City, ST" lines', () => {
  it('reads "City ST" without a comma as a place, but keeps a legal suffix', () => {
    assert.deepEqual(roles('Adjunct Instructor, Lakeside College, Pittsburgh PA, 2001 - 2004'), [['Adjunct Instructor', 'Lakeside College']]);
    assert.deepEqual(roles('Consultant, Nordvik Data AB, 2001 - 2004'), [['Consultant', 'Nordvik Data AB']]);
  });

  it('reads "Denver, CO" as a place, not as "Acme, Co."', () => {
    assert.deepEqual(roles('Fieldstone Bakery, Denver, CO\nHead Baker, 2019 - Present'), [['Head Baker', 'Fieldstone Bakery']]);
    assert.deepEqual(roles('Head Baker, 2019 - Present\nFieldstone Bakery, Co.'), [['Head Baker', 'Fieldstone Bakery, Co.']]);
  });
});

describe('experience: a sentence after the date', () => {
  it('anchors a long paragraph whose date sits in a short header at its front', () => {
    const long =
      'Shift Supervisor (2012-2015) - Took over the night shift of a bakery with eleven staff, planning rotas, ordering flour and keeping the ovens running through the busy winter months.';
    assert.ok(long.length > 160);
    assert.deepEqual(roles(long), [['Shift Supervisor', null]]);
    const prose = `Worked on many things over the years, which is a long sentence, and in 2004 - 2006 we also did ${'more things '.repeat(10)}`;
    assert.deepEqual(roles(prose), []);
  });

  it('reads the short segment in front of the sentence as the title', () => {
    const text = [
      'Sep 2021 - Jun 2022. Line Cook. Cleaned the kitchen and unloaded the weekly deliveries for the cafe.',
      'Sep 2020 - Jun 2021. Cashier. Took payments and sold programmes to guests at every single matinee.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Line Cook', null],
      ['Cashier', null],
    ]);
  });
});

describe('experience: roles stated in sentences', () => {
  const lines = toLines('Currently working as a Welding Instructor in Brightpath Trade School. I enjoy teaching.');

  it('adds a role from a sentence that opens with an employment verb', () => {
    const added = withStatedRoles([], lines);
    assert.equal(added.length, 1);
    assert.equal(added[0]!.title, 'Welding Instructor');
    assert.equal(added[0]!.company, 'Brightpath Trade School');
    assert.equal(added[0]!.current, true);
    assert.equal(added[0]!.start, null);
  });

  it('does not repeat a role the dated entries already hold', () => {
    const dated: Experience = {
      title: 'Welding Instructor',
      company: 'Brightpath Trade School',
      location: null,
      start: '2020-01',
      end: null,
      current: true,
      description: null,
      highlights: [],
    };
    assert.equal(withStatedRoles([dated], lines).length, 1);
  });

  it('fills the missing title of a dated role at the same company', () => {
    const dated: Experience = {
      title: null,
      company: 'Brightpath Trade School',
      location: null,
      start: '2020-01',
      end: null,
      current: true,
      description: null,
      highlights: [],
    };
    const [role, ...rest] = withStatedRoles([dated], lines);
    assert.equal(rest.length, 0);
    assert.equal(role!.title, 'Welding Instructor');
    assert.equal(role!.start, '2020-01');
  });

  it('ignores sentences that only mention a title', () => {
    assert.equal(withStatedRoles([], toLines('Worked closely with Project Managers and engineers on timing.')).length, 0);
  });
});

describe('experience: in-role headings', () => {
  it('keeps the roles after an "Achievements:" heading inside the experience section', () => {
    const text = [
      'Kim Lawson',
      'kim.lawson@example.com',
      '',
      'Experience',
      'Fieldstone Bakery, Denver, CO',
      'Head Baker, 2019 - Present',
      '',
      'Achievements:',
      '• Won a regional award.',
      '',
      'Maple Street Cafe, Denver, CO',
      'Pastry Cook, 2016 - 2019',
      '',
      'Education',
      'Denver Culinary School, 2016',
    ].join('\n');
    const { fields } = parseResumeText(text, { referenceDate: REFERENCE });
    assert.deepEqual(
      fields.experience.map((e) => [e.title, e.company]),
      [
        ['Head Baker', 'Fieldstone Bakery'],
        ['Pastry Cook', 'Maple Street Cafe'],
      ],
    );
  });
});

describe('sections: Title Case experience headings', () => {
  it('opens an experience section on "<Domain> Experience" standing as its own block', () => {
    const lines = toLines('Education\nBachelor of Arts, 2020\n\nRetail Experience\nDec 2019 - current\nShop Assistant, Tallow & Wick, Hobart');
    assert.deepEqual(
      splitSections(lines).map((s) => s.kind),
      ['education', 'experience'],
    );
  });

  it('leaves "User Experience" in a skills list alone', () => {
    const lines = toLines('Skills\nInteraction Design\n\nUser Experience\nPrototyping');
    assert.deepEqual(
      splitSections(lines).map((s) => s.kind),
      ['skills'],
    );
  });
});

describe('headline', () => {
  it('reads the title from a document title line', () => {
    assert.equal(findHeadline(toLines('Pastry Chef Resume Template\nKim Lawson'), 'Kim Lawson'), 'Pastry Chef');
    assert.equal(findHeadline(toLines('Resume Example - Librarian\nKim Lawson'), 'Kim Lawson'), 'Librarian');
    assert.equal(findHeadline(toLines('Sample Resume: Art History (B.A.)\nKim Lawson'), 'Kim Lawson'), null);
  });

  it('reads the title among the comma parts of a header line', () => {
    assert.equal(findHeadline(toLines('Kim Lawson, Ph.D., Associate Professor\nkim@example.com'), 'Kim Lawson'), 'Associate Professor');
    assert.equal(findHeadline(toLines('Kim Lawson\nSenior Auditor, Internal Controls'), 'Kim Lawson'), 'Senior Auditor');
  });

  it('reads a hyphened title, a title ending "at Law" and a postpositive "General" (parser 1.9.0)', () => {
    assert.equal(findHeadline(toLines('RESUME\nATTORNEY-AT-LAW\nKim Lawson'), 'Kim Lawson'), 'ATTORNEY-AT-LAW');
    assert.equal(findHeadline(toLines('Kim Lawson\nPhD, Attorney at Law'), 'Kim Lawson'), 'Attorney at Law');
    assert.equal(findHeadline(toLines('Kim Lawson\nSecretary General\nHarbour Shipping Council'), 'Kim Lawson'), 'Secretary General');
    assert.equal(findHeadline(toLines('Kim Lawson\nCOCA-COLA'), 'Kim Lawson'), null);
  });

  it('finds a name far from the top when the e-mail address spells it', () => {
    const top = Array.from({ length: 16 }, (_, i) => `Skill number ${'abcdefghijklmnop'[i]}`);
    const lines = toLines(['CONTACT', 'rowan.achterberg@example.com', ...top, 'Rowan Achterberg'].join('\n'));
    assert.equal(findName({ lines, emails: ['rowan.achterberg@example.com'] }), 'Rowan Achterberg');
    assert.equal(findName({ lines, emails: ['info@example.com'] }), null);
  });

  it('reads the title on the line under the name, wherever the name is', () => {
    assert.equal(titleUnderName(toLines('SKILLS\nWelding\nRowan Achterberg\nSite Carpenter'), 'Rowan Achterberg'), 'Site Carpenter');
    assert.equal(titleUnderName(toLines('Rowan Achterberg\nEXPERIENCE'), 'Rowan Achterberg'), null);
  });

  it('reads a stated role from the header block when the objective has no heading', () => {
    assert.equal(statedTitle([], toLines('Kim Lawson\nLooking for a position as a Junior Systems Administrator where I can learn.')), 'Junior Systems Administrator');
  });

  it('reads the wanted or held role from an objective or summary', () => {
    assert.equal(statedTitle(toLines('Seeking a challenging position as a Dental Hygienist where I can grow.')), 'Dental Hygienist');
    assert.equal(statedTitle(toLines('Twelve years of experience as a store manager in retail.')), 'store manager');
    assert.equal(statedTitle(toLines('Patient and motivated Junior Web Developer with a strong work ethic.')), 'Junior Web Developer');
  });

  it('does not take a vague or descriptive phrase for a title', () => {
    assert.equal(statedTitle(toLines('A dedicated professional with a passion for learning.')), null);
    assert.equal(statedTitle(toLines('Hard working and honest, I enjoy helping people.')), null);
  });

  it('finds name and title in a two-column layout that puts the sidebar first', () => {
    const text = [
      'CONTACT', '', 'rowan.achterberg@example.com', '+44 7700 900123', '', 'SKILLS', '', 'Carpentry', 'Joinery', 'Estimating', '',
      'LANGUAGES', '', 'English', 'Dutch', '', 'CERTIFICATIONS', '', 'Site Safety Certificate', 'First Aid', 'Forklift Licence', '',
      'Rowan Achterberg', '', 'Site Carpenter', '', 'PROFILE', 'Carpenter with ten years on residential builds.',
    ].join('\n');
    const parsed = parseResumeText(text, { referenceDate: REFERENCE });
    assert.equal(parsed.fields.contact.name, 'Rowan Achterberg');
    assert.equal(parsed.headline, 'Site Carpenter');
  });

  it('is used by the parser when the header states no title', () => {
    const text = 'Kim Lawson\nkim.lawson@example.com\n\nObjective\nSeeking a position as a Pastry Chef in a busy kitchen.\n';
    assert.equal(parseResumeText(text, { referenceDate: REFERENCE }).headline, 'Pastry Chef');
  });
});
