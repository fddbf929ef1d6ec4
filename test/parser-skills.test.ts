import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractSkills, keywordLines, listItems, proseListItems, withoutSections } from '../src/providers/local/skills.js';
import { splitSections } from '../src/providers/local/sections.js';
import { toLines } from '../src/providers/local/normalise.js';

/** Skills-section lines written for these tests. */
const surfaces = (text: string, skillLines: string): string[] =>
  extractSkills({ text, skillLines: toLines(skillLines) }).map((s) => s.surface);
const names = (text: string, skillLines: string): string[] =>
  extractSkills({ text, skillLines: toLines(skillLines) }).map((s) => s.name);

describe('skills-section list items', () => {
  it('splits items at tildes', () => {
    assert.deepEqual(listItems('Embedded Systems ~ Device Bring-up ~ Board Layout Review'), [
      'Embedded Systems',
      'Device Bring-up',
      'Board Layout Review',
    ]);
  });

  it('drops sentence tails, links and dates', () => {
    assert.deepEqual(listItems('Tool Design, worked on a, portfolio.example.com, 12/06/2019, Fixture Planning'), [
      'Tool Design',
      'Fixture Planning',
    ]);
  });

  it('keeps the last item of a list written with "and"', () => {
    assert.deepEqual(listItems('Kiln Operation, and Glaze Mixing'), ['Kiln Operation', 'Glaze Mixing']);
  });

  it('gives no items for a long sentence cut at its commas', () => {
    assert.deepEqual(
      listItems('Managed the monthly close with the regional team, reconciled vendor statements every week, reported variances to directors'),
      [],
    );
  });

  it('leaves out a lone verb form the taxonomy does not know', () => {
    const found = surfaces('', 'Analyzing, Installing, Kiln Operation');
    assert.ok(found.includes('Kiln Operation'));
    assert.ok(!found.includes('Analyzing') && !found.includes('Installing'));
  });
});

describe('soft skills', () => {
  it('takes soft skills from a skills list but not from prose', () => {
    const prose = 'Known for excellent communication skills and leadership on every project.';
    assert.ok(!names(prose, '').includes('Communication'));
    assert.ok(names(prose, 'Communication, Leadership').includes('Communication'));
  });

  it('still takes technical skills from prose', () => {
    assert.ok(names('Built reporting pipelines in Python and PostgreSQL.', '').includes('Python'));
  });
});

describe('keyword banners outside a skills section', () => {
  it('reads a line of short items between bars as a skills list', () => {
    const lines = toLines('Kiln Operation | Glaze Mixing | Studio Safety\nFired 400 pieces a month for | two galleries | and a shop\nJane Roe | jane@example.com | 555-0100');
    assert.deepEqual(
      keywordLines(lines).map((l) => l.text),
      ['Kiln Operation | Glaze Mixing | Studio Safety'],
    );
  });
});

describe('lists written into sentences', () => {
  const items = (text: string): string[] => proseListItems(text).map((i) => i.item);

  it('takes every item of a list that known skills vouch for', () => {
    assert.deepEqual(items('Built the client app using Kotlin, Retrofit, Glimmerkit and Git.'), ['Kotlin', 'Retrofit', 'Glimmerkit', 'Git']);
    assert.deepEqual(items('Became proficient in Python, Jupyter, Quillpad and Docker'), ['Python', 'Jupyter', 'Quillpad', 'Docker']);
  });

  it('ignores lists that no known skill vouches for, and school grades', () => {
    assert.deepEqual(items('Enjoys hiking, woodworking, birdwatching and chess.'), []);
    assert.deepEqual(items('A Levels: Mathematics (B), Physics (A), Computing (A)'), []);
  });

  it('drops clauses and reference lists', () => {
    assert.deepEqual(items('Worked with Java, Python, SQL, directed Finance, is fully unit tested'), ['Java', 'Python', 'SQL']);
    assert.deepEqual(items('Roe, J.K., Doe, A.B., Python, Java and SQL (2011)'), []);
  });

  it('adds the items to the skills found in the text', () => {
    assert.ok(names('Shipped releases using Kotlin, Retrofit, Glimmerkit and Git.', '').includes('Glimmerkit'));
  });
});

describe('fields of study', () => {
  it('does not take the field of a degree for a skill, but keeps it elsewhere', () => {
    assert.ok(!names('B.S. in Civil Engineering, Brookvale University, 2012', '').includes('Civil engineering'));
    assert.ok(names('Consulted on civil engineering projects for the county.', '').includes('Civil engineering'));
  });
});

describe('lists across lines and in parentheses', () => {
  const items = (text: string): string[] => proseListItems(text).map((i) => i.item);

  it('follows a list wrapped after a comma', () => {
    assert.deepEqual(items('Skilled in Requirement Analysis, Test Planning, Jira,\nSelenium, Quillcheck'), [
      'Requirement Analysis',
      'Test Planning',
      'Jira',
      'Selenium',
      'Quillcheck',
    ]);
  });

  it('reads a list inside parentheses, and the list around it without it', () => {
    assert.deepEqual(items('Ran every kind of testing (Regression, Selenium, Smoke runs, Jira)'), ['Regression', 'Selenium', 'Smoke runs', 'Jira']);
  });
});

describe('sections that are not skills', () => {
  it('leaves interests, publications and references out of the text search', () => {
    const text = 'Skills\nPython\n\nInterests\nChess, Photography, Python, Docker and Hiking\n';
    const sections = splitSections(toLines(text));
    const withSections = extractSkills({ text, skillLines: [], sections }).map((s) => s.name);
    const without = extractSkills({ text, skillLines: [] }).map((s) => s.name);
    assert.ok(without.includes('Docker'));
    assert.ok(!withSections.includes('Docker'));
  });

  it('blanks only the lines of those sections, keeping offsets', () => {
    const text = 'Summary\nUses Docker daily.\n\nReferences\nDocker, Kafka, Redis contacts on request';
    const blanked = withoutSections(text, splitSections(toLines(text)));
    assert.equal(blanked.length, text.length);
    assert.ok(blanked.includes('Uses Docker daily.'));
    assert.ok(!blanked.includes('Kafka'));
  });
});
