import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimedItems, extractSkills, keywordRuns, listItems, proseListItems } from '../src/providers/local/skills.js';
import { splitSections } from '../src/providers/local/sections.js';
import { toLines } from '../src/providers/local/normalise.js';

/** Skills found in a whole invented resume, by surface form. */
const skillsOf = (resume: string): string[] => {
  const lines = toLines(resume);
  const sections = splitSections(lines);
  const skillLines = sections.filter((s) => s.kind === 'skills').flatMap((s) => s.lines);
  return extractSkills({ text: resume, skillLines, sections }).map((s) => s.surface);
};
const surfaces = (skillLines: string): string[] => extractSkills({ text: '', skillLines: toLines(skillLines) }).map((s) => s.surface);

describe('phrases a sentence claims to know', () => {
  it('takes the parts of the phrase after a claim word, up to the end of its clause', () => {
    assert.deepEqual(claimedItems('Experienced in kiln operation, glaze mixing and firing schedules for a busy studio.'), [
      'kiln operation',
      'glaze mixing',
      'firing schedules',
    ]);
    assert.deepEqual(claimedItems('Sound knowledge of loom threading techniques to support weavers.'), ['loom threading techniques']);
  });

  it('drops determiners and objects that name nothing', () => {
    assert.deepEqual(claimedItems('Broad knowledge of a wide range of textile dyes.'), ['textile dyes']);
    assert.deepEqual(claimedItems('Ten years of experience in this field and knowledge of my area of interest.'), []);
  });

  it('reads claims in the summary but not in the roles', () => {
    const resume = [
      'Jane Roe',
      '',
      'SUMMARY',
      'Potter with experience in glaze mixing and kiln loading.',
      '',
      'EXPERIENCE',
      'Studio Assistant, Clayworks, 2019 - 2021',
      'Gained experience in shelf dusting and floor sweeping.',
    ].join('\n');
    const found = skillsOf(resume);
    assert.ok(found.includes('glaze mixing') && found.includes('kiln loading'), found.join(' | '));
    assert.ok(!found.includes('shelf dusting'), found.join(' | '));
  });
});

describe('competency columns without a heading', () => {
  it('takes three or more Title Case phrases in a row from the opening sections', () => {
    const lines = toLines('Jane Roe\nKiln Operation\nGlaze Mixing\nStudio Safety\nPottery studio lead with ten years at the wheel.');
    const runs = keywordRuns(splitSections(lines)).map((l) => l.text);
    assert.deepEqual(runs, ['Jane Roe', 'Kiln Operation', 'Glaze Mixing', 'Studio Safety']);
  });

  it('leaves a name and a title alone', () => {
    const lines = toLines('Jane Roe\nStudio Potter\nPottery studio lead with ten years at the wheel.');
    assert.deepEqual(keywordRuns(splitSections(lines)), []);
  });
});

describe('lists announced inside a sentence', () => {
  it('needs one known skill when a word announces the list', () => {
    const items = proseListItems('Built the shop site using Python, Glimmerkit and Quillpad.').map((i) => i.item);
    assert.deepEqual(items, ['Python', 'Glimmerkit', 'Quillpad']);
    assert.deepEqual(proseListItems('Shipped Python, Glimmerkit and Quillpad.'), []);
  });
});

describe('list items that are no skills', () => {
  it('drops template placeholders, addresses, phone numbers and dates', () => {
    const found = surfaces('123 Your Address, xxx-xxxx, 42 Birch Street, CA 90210, 555.123.4567, 2013-Present, 21st March, Jul 11 - Sep 13, Glaze Mixing');
    assert.deepEqual(found, ['Glaze Mixing']);
  });

  it('drops counts, job titles, template text and form labels', () => {
    const found = surfaces('4 persons, 2.5 years, Project Manager, Room for key qualifications, Relevant Courswork, Subject Taught, Married, Kiln Operation');
    assert.deepEqual(found, ['Kiln Operation']);
  });

  it('keeps versions and numbered names', () => {
    const found = surfaces('Quillpad 9i, 3D modeling, Glimmerkit CS5, 1st Line Support');
    for (const kept of ['Quillpad 9i', '3D modeling', 'Glimmerkit CS5', '1st Line Support']) assert.ok(found.includes(kept), found.join(' | '));
  });

  it('strips symbol-font bullets, list numbers and stray quotes', () => {
    assert.deepEqual(listItems('Ⴙ Budget Control'), ['Budget Control']);
    assert.deepEqual(listItems('¾ Kiln Operation'), ['Kiln Operation']);
    assert.deepEqual(listItems('1. Glaze Mixing'), ['Glaze Mixing']);
    assert.deepEqual(listItems('‘make'), ['make']);
  });
});
