import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimedItems, definedTerm, extractSkills, keywordRuns, listItems, proseListItems } from '../src/providers/local/skills.js';
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

  it('reads an adjective in -ed as part of the phrase, a verb in -ed as its end', () => {
    assert.deepEqual(claimedItems('Familiarity with glaze related principles and kiln release cycles.'), ['glaze related principles', 'kiln release cycles']);
    assert.deepEqual(claimedItems('Knowledge of kiln loading improved output.'), ['kiln loading']);
  });

  it('takes "comfortable with" and "worked in" as claims', () => {
    assert.deepEqual(claimedItems('Comfortable with the wheel trimming process.'), ['wheel trimming process']);
    assert.deepEqual(claimedItems('Worked in glaze chemistry and slip casting for a busy studio.'), ['glaze chemistry', 'slip casting']);
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

  it('carries a run on through a line of keywords between diamonds or bullets', () => {
    const lines = toLines('Jane Roe\n•Kiln Operation\n•Glaze Mixing ♦ Slip Casting\n•Studio Safety\nPottery studio lead with ten years at the wheel.');
    const runs = keywordRuns(splitSections(lines)).map((l) => l.text);
    assert.ok(runs.includes('Studio Safety') && runs.some((r) => r.includes('Slip Casting')), runs.join(' | '));
  });

  it('leaves a name and a title alone', () => {
    const lines = toLines('Jane Roe\nStudio Potter\nPottery studio lead with ten years at the wheel.');
    assert.deepEqual(keywordRuns(splitSections(lines)), []);
  });
});

describe('terms defined by a sentence after a dash', () => {
  it('takes the term of "Term - sentence" lines', () => {
    assert.equal(definedTerm('Glaze Administration - Prepare glaze batches and log every firing'), 'Glaze Administration');
    assert.equal(definedTerm('Kiln Safety and Upkeep – Inspect elements, shelves and vents every week'), 'Kiln Safety and Upkeep');
  });

  it('ignores colon labels, short tails and lower-case openings', () => {
    assert.equal(definedTerm('Environment: Quillpad, Glimmerkit and the rest of the stack'), null);
    assert.equal(definedTerm('Jane Roe - Studio Potter'), null);
    assert.equal(definedTerm('glaze work - prepared batches and logged every single firing'), null);
  });

  it('finds them in the summary of a whole resume', () => {
    const resume = ['Jane Roe', '', 'SUMMARY', 'Glaze Administration - Prepare glaze batches and log every firing.', '', 'EXPERIENCE', 'Studio Assistant, Clayworks, 2019 - 2021'].join('\n');
    assert.ok(skillsOf(resume).includes('Glaze Administration'), skillsOf(resume).join(' | '));
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

  it('keeps a trailing plus that belongs to the name', () => {
    assert.deepEqual(listItems('Quillpad++, Glimmer+, Kilnware +'), ['Quillpad++', 'Glimmer+', 'Kilnware']);
  });

  it('reads a version with a slash as a version, a month and year as a date', () => {
    const found = surfaces('Glimmerkit 2/3, Quillpad 6/7, Kilnware 95/98, 06/2010, 6/10');
    assert.deepEqual(found, ['Glimmerkit 2/3', 'Quillpad 6/7', 'Kilnware 95/98']);
  });

  it('strips symbol-font bullets, list numbers and stray quotes', () => {
    assert.deepEqual(listItems('Ⴙ Budget Control'), ['Budget Control']);
    assert.deepEqual(listItems('¾ Kiln Operation'), ['Kiln Operation']);
    assert.deepEqual(listItems('1. Glaze Mixing'), ['Glaze Mixing']);
    assert.deepEqual(listItems('‘make'), ['make']);
  });
});
