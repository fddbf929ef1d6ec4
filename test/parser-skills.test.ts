import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractSkills, keywordLines, listItems } from '../src/providers/local/skills.js';
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
