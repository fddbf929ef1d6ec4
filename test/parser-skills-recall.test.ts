import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  claimedItems,
  definedTerm,
  extractSkills,
  keywordRuns,
  listItems,
  namedExamples,
  proseListItems,
  semicolonItems,
  subjectsTaught,
} from '../src/providers/local/skills.js';
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
/** Canonical names of the skills of an invented resume. */
const namesOf = (resume: string): string[] => {
  const lines = toLines(resume);
  const sections = splitSections(lines);
  const skillLines = sections.filter((s) => s.kind === 'skills').flatMap((s) => s.lines);
  return extractSkills({ text: resume, skillLines, sections }).map((s) => s.name);
};

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

  it('takes every item after a label naming subjects ("Units taught:", "Areas of law:")', () => {
    const items = proseListItems('Lecturer. Units taught: Health promotion, Social work, Midwifery, Research methods.').map((i) => i.item);
    assert.deepEqual(items, ['Health promotion', 'Social work', 'Midwifery', 'Research methods']);
    assert.deepEqual(proseListItems('Lecturer. Reasons: Health promotion, Social work, Midwifery, Research methods.'), []);
    assert.deepEqual(proseListItems('Manager. Sales areas: Texas, Oklahoma, Kansas, Nebraska.'), []);
  });

  it('reads a sentence wrapped between two lower-case words as one', () => {
    const items = proseListItems('Strong background in legal research, drafting, company\nlaw and secretarial practice.').map((i) => i.item);
    assert.deepEqual(items, ['legal research', 'drafting', 'company law', 'secretarial practice']);
  });

  it('reads a prose line wrapped before a list goes on as one ("Areas of law: Business" / "Contracts, …")', () => {
    const items = proseListItems('Principal attorney. Areas of law: Business\nContracts, Criminal defense, Family law, Health\nCare Directives, Wills, and civil litigation.').map((i) => i.item);
    assert.deepEqual(items, ['Business Contracts', 'Criminal defense', 'Family law', 'Health Care Directives', 'Wills', 'civil litigation']);
  });

  it('keeps two lines of a column of lists apart: the line before the break holds no prose', () => {
    const items = proseListItems('Linux (Ubuntu), Windows 7, Windows XP\nIPv4, IPv6, TCP/IP, Wireshark').map((i) => i.item);
    assert.ok(items.includes('Wireshark') && !items.some((i) => i.includes('XP IPv4')), items.join(' | '));
  });
});

describe('subjects taught', () => {
  it('takes the Title Case subject after "taught" or "teaching", without its course number', () => {
    assert.deepEqual(subjectsTaught('Taught General Business, Grades 9-10\nTaught Accounting II, Grade 12'), ['General Business', 'Accounting']);
    assert.deepEqual(subjectsTaught('Joined the department, teaching Greek as an extra curricular activity.'), ['Greek']);
    assert.deepEqual(subjectsTaught('Taught Politics and Government and Introduction to Law.'), ['Politics and Government']);
  });

  it('ignores "Teaching" as a noun and lower-case objects', () => {
    assert.deepEqual(subjectsTaught('Teaching Assistant, 2019. Teaching Award. Taught students how to work in teams.'), []);
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

  it("keeps a product's edition named like a job, and drops the job named after a tool", () => {
    const found = surfaces('Flash Builder, SharePoint Designer, Drupal Developer');
    for (const kept of ['Flash Builder', 'SharePoint Designer']) assert.ok(found.includes(kept), found.join(' | '));
    assert.ok(!found.includes('Drupal Developer'), found.join(' | '));
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

describe('phrases between semicolons', () => {
  it('takes three or more short phrases a line strings together with semicolons', () => {
    const resume = ['Jane Roe', '', 'SUMMARY', 'kiln safety; glaze patents; studio leases; export duties', '', 'SKILLS', 'Glaze Mixing'].join('\n');
    assert.deepEqual(semicolonItems(splitSections(toLines(resume))), ['kiln safety', 'glaze patents', 'studio leases', 'export duties']);
  });

  it('leaves sentences and pairs of clauses alone', () => {
    const resume = ['Jane Roe', '', 'SUMMARY', 'I fired the kilns; I mixed glazes, slips and washes for the whole studio; I swept.', 'kiln safety; glaze patents'].join('\n');
    assert.deepEqual(semicolonItems(splitSections(toLines(resume))), []);
  });
});

describe('lists in parentheses', () => {
  it('takes the items when a known skill heads the parenthesis, even wrapped onto the next line', () => {
    const expected = ['Glimmerkit', 'Quillpad', 'Kilnware'];
    assert.deepEqual(proseListItems('Wrote Python (Glimmerkit, Quillpad, Kilnware) for the studio.').map((i) => i.item), expected);
    assert.deepEqual(proseListItems('Wrote Python (Glimmerkit, Quillpad,\nKilnware) for the studio.').map((i) => i.item), expected);
  });

  it('leaves other parentheses of unknown names alone', () => {
    assert.deepEqual(proseListItems('Visited the coast (Brightsea, Oldport, Kilnmouth) each summer.'), []);
  });
});

describe('examples after a kind of tool', () => {
  it('takes the names after "tools such as", "libraries including"', () => {
    assert.deepEqual(namedExamples('Tracked tickets with tools such as Glimmerkit, Quillpad and Kilnware to cut delays.'), ['Glimmerkit', 'Quillpad', 'Kilnware']);
    assert.deepEqual(namedExamples('Built the app on libraries including Quillpad.'), ['Quillpad']);
  });

  it('ignores lower-case activities after the same words', () => {
    assert.deepEqual(namedExamples('Kept systems, including the impact of change in one system.'), []);
  });
});

describe('items joined by "and", "&" or "/"', () => {
  it('splits two known skills into both', () => {
    assert.deepEqual(surfaces('HTML and CSS, Python/Excel'), ['HTML', 'CSS', 'Python', 'Excel']);
  });

  it('keeps two unknown names together', () => {
    assert.deepEqual(surfaces('Glimmerkit and Quillpad'), ['Glimmerkit and Quillpad']);
  });
});

describe('sections and sentences that name no skills', () => {
  it('counts a soft skill listed, not one a sentence of the skills section describes', () => {
    assert.ok(!namesOf('Jane Roe\n\nSKILLS\nExcellent communication skills with every client.').includes('Communication'));
    assert.ok(namesOf('Jane Roe\n\nSKILLS\nCommunication, Glaze Mixing').includes('Communication'));
  });

  it('does not search the certifications section', () => {
    const certified = ['Jane Roe', '', 'CERTIFICATIONS', 'First Aid, Red Cross, 2019', '', 'SKILLS', 'Glaze Mixing'].join('\n');
    assert.ok(!namesOf(certified).includes('First aid'), namesOf(certified).join(' | '));
    const skilled = ['Jane Roe', '', 'SKILLS', 'Glaze Mixing, First Aid'].join('\n');
    assert.ok(namesOf(skilled).includes('First aid'), namesOf(skilled).join(' | '));
  });

  it('ends a tool list at a project description label, keeping labelled lists after it', () => {
    const resume = [
      'Jane Roe',
      '',
      'PROJECTS',
      'Shop Site',
      'Tools:',
      'Glimmerkit, Quillpad',
      'Details:',
      'Manage Customer Accounts',
      'Online Kiln Booking',
      'Environment: Kilnware, Slipcast',
      '',
      'EDUCATION',
      'BA Ceramics, 2010',
    ].join('\n');
    assert.deepEqual(namesOf(resume), ['Glimmerkit', 'Quillpad', 'Kilnware', 'Slipcast']);
  });
});

describe('list items cleaned of filler and leftovers', () => {
  it('drops stray letters, months, state codes and language levels, and strips claims of knowledge', () => {
    const found = surfaces('S, April, NY, Fluent English, French and Japanese, Extensive knowledge of Glimmerkit, Cover Letter, Glaze Mixing');
    assert.deepEqual(found, ['Glimmerkit', 'Glaze Mixing']);
    // An adjective without its preposition is part of the name.
    assert.deepEqual(listItems('High skills in Quillpad, Deep Learning'), ['Quillpad', 'Deep Learning']);
  });

  it('keeps hyphenated names that open with a short word', () => {
    assert.deepEqual(listItems('On-Site Management, A/B Testing, In-House Training'), ['On-Site Management', 'A/B Testing', 'In-House Training']);
  });

  it('reads a dotted name in a claim as one name', () => {
    assert.deepEqual(claimedItems('Experience with Quill.js and Kilnware 5.5 for the shop.'), ['Quill.js', 'Kilnware 5.5']);
  });
});
