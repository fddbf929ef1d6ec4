import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toLines } from '../src/providers/local/normalise.js';
import { detectHeading, headingKind, splitSections, type SectionKind } from '../src/providers/local/sections.js';

describe('section headings', () => {
  const headings: [string, SectionKind][] = [
    ['Experience', 'experience'],
    ['WORK HISTORY', 'experience'],
    ['Professional Experience', 'experience'],
    ['Career Experience/Job History', 'experience'],
    ['Relevant Experience:', 'experience'],
    ['Employment', 'experience'],
    ['P ROFESSIONAL E XPERIENCE', 'experience'],
    ['6. Employment History', 'experience'],
    ['Volunteer Work', 'experience'],
    ['Education', 'education'],
    ['Academic Background', 'education'],
    ['ACADEMIC QUALIFICATIONS', 'education'],
    ['E D U C AT IO N', 'education'],
    ['Education & Training', 'education'],
    ['Skills', 'skills'],
    ['Core Qualifications', 'skills'],
    ['Key Strengths', 'skills'],
    ['Top Skills', 'skills'],
    ['Technical Skills', 'skills'],
    ['AREAS OF EXPERTISE', 'skills'],
    ['Applied Skills', 'skills'],
    ['People Skills', 'skills'],
    ['Key Projects Undertaken', 'projects'],
    ['Programming Languages', 'skills'],
    ['Summary', 'summary'],
    ['Profile', 'summary'],
    ['Summary of Qualifications', 'summary'],
    ['Career Objective', 'objective'],
    ['Certifications', 'certifications'],
    ['Licenses & Certifications', 'certifications'],
    ['Languages', 'languages'],
    ['Projects', 'projects'],
    ['References', 'references'],
    ['Honors and Awards', 'awards'],
    ['Personal Details', 'personal'],
    ['Hobbies & Interests', 'interests'],
    ['Courses Taught:', 'other'],
    ['POSITIONS OF RESPONSIBILITY', 'experience'],
    ['Demonstrated Key Skills', 'skills'],
    ['RELEVANT HIGH SCHOOL STUDIES', 'education'],
    ['Honors, Activities & Professional Societies:', 'awards'],
    ['CURRENT JOBS (held at the same time)', 'experience'],
    ['Work', 'experience'],
    ['SCHOOL', 'education'],
    ['CERTS', 'certifications'],
  ];
  for (const [text, kind] of headings) {
    it(`"${text}" is ${kind}`, () => assert.equal(headingKind(text.replace(/:$/, '')), kind));
  }

  it('takes a closing colon as a heading mark for a word outside the vocabulary ("Profession Work Experience:")', () => {
    assert.deepEqual(detectHeading('Profession Work Experience:'), { kind: 'experience', rest: '' });
    assert.equal(detectHeading('Profession Work Experience'), null);
  });

  it('leaves content lines alone', () => {
    for (const text of [
      'Project Management',
      'Senior Software Engineer',
      'Acme Corporation, Boston, MA',
      'Managed a team of five engineers and delivered the project on time.',
      'Communication skills in English and Spanish were used daily at the front desk',
      'related tools',
      'Dean in special projects.',
      'Languages (English, French)',
      'High School',
      'School.',
    ]) {
      assert.equal(headingKind(text), null, text);
    }
  });

  it('splits "Heading: content" lines', () => {
    assert.deepEqual(detectHeading('Skills: Java, SQL, Excel'), { kind: 'skills', rest: 'Java, SQL, Excel' });
    assert.deepEqual(detectHeading('OBJECTIVE: Seeking a teaching position'), { kind: 'objective', rest: 'Seeking a teaching position' });
    assert.equal(detectHeading('Note: available from May'), null);
  });
});

describe('lines and sections', () => {
  const lined = [
    'Jane Doe',
    'jane@example.com',
    '',
    'EXPERIENCE',
    'Acme Inc. — Engineer, 2019 – Present',
    '• Built the billing service.',
    '',
    'Skills: Go, SQL',
    '',
    'Education',
    'B.S. in Physics, 2018',
  ].join('\n');
  // The same resume flattened the way copy-paste and the dev set deliver it: lines joined by two spaces,
  // blocks by four or more.
  const flattened = 'Jane Doe  jane@example.com    EXPERIENCE  Acme Inc. — Engineer, 2019 – Present  • Built the billing service.    Skills: Go, SQL    Education  B.S. in Physics, 2018';

  for (const [label, text] of [
    ['text with line breaks', lined],
    ['flattened text', flattened],
  ] as const) {
    it(`reads ${label} into the same sections`, () => {
      const sections = splitSections(toLines(text));
      assert.deepEqual(
        sections.map((s) => [s.kind, s.lines.map((l) => (l.bullet ? `• ${l.text}` : l.text))]),
        [
          ['header', ['Jane Doe', 'jane@example.com']],
          ['experience', ['Acme Inc. — Engineer, 2019 – Present', '• Built the billing service.']],
          ['skills', ['Go, SQL']],
          ['education', ['B.S. in Physics, 2018']],
        ],
      );
    });
  }

  it('marks block starts from blank lines and wide gaps', () => {
    const lines = toLines('One  Two    Three');
    assert.deepEqual(
      lines.map((l) => [l.text, l.blockStart]),
      [
        ['One', true],
        ['Two', false],
        ['Three', true],
      ],
    );
  });

  it('strips bullet glyphs and odd control characters', () => {
    const lines = toLines('Skills\n● Go\n▪ SQL\n\uf0a7 Excel\n- Word\n* Jira\nCity, ST 00000 \u0001 123.345.7890');
    assert.deepEqual(
      lines.map((l) => [l.text, l.bullet]),
      [
        ['Skills', false],
        ['Go', true],
        ['SQL', true],
        ['Excel', true],
        ['Word', true],
        ['Jira', true],
        ['City, ST 00000 | 123.345.7890', false],
      ],
    );
  });

  it('rejoins a date range split over two lines', () => {
    assert.deepEqual(
      toLines('2015  Present Associate Professor').map((l) => l.text),
      ['2015 Present Associate Professor'],
    );
    assert.deepEqual(toLines('Manager, September 2013\nPresent').map((l) => l.text), ['Manager, September 2013 Present']);
    assert.deepEqual(toLines('2001\n2005: Assistant Producer, Acme Records').map((l) => l.text), ['2001 2005: Assistant Producer, Acme Records']);
    // The wrapped line's dash is not a bullet point.
    assert.deepEqual(
      toLines('Acme, Kraków — Software Engineer · June 2016\n– February 2019\n– Maintained the TMS').map((l) => [l.text, l.bullet]),
      [['Acme, Kraków — Software Engineer · June 2016 February 2019', false], ['Maintained the TMS', true]],
    );
  });

  it('rejoins prose wrapped at the page width', () => {
    const lines = toLines(
      'Developed online marketing campaigns for regional clients, effectively\nincreasing followers by 1,400 and driving brand awareness.',
    );
    assert.equal(lines.length, 1);
  });

  it('keeps a programming-languages sub-heading inside the skills section', () => {
    const sections = splitSections(toLines('Skills\nLanguages: C#, Java\nTools: Git\n\nEducation\nBSc, 2010'));
    assert.deepEqual(
      sections.map((s) => s.kind),
      ['skills', 'education'],
    );
  });
});

describe('headings that are the rest of a line', () => {
  const kinds = (text: string): [SectionKind, string[]][] =>
    splitSections(toLines(text)).map((s) => [s.kind, s.lines.map((l) => l.text)]);

  it('reads a line after one cut at "of" as its continuation, not a heading', () => {
    assert.deepEqual(kinds('Education\nCertificate in Web Design, Harbour Institute of\nProgramming Studies\n2015'), [
      ['education', ['Certificate in Web Design, Harbour Institute of', 'Programming Studies', '2015']],
    ]);
  });

  it('takes "Information Technology" for a field of study, "Additional Information" for a heading', () => {
    assert.equal(headingKind('Information Technology'), null);
    assert.equal(headingKind('Additional Information'), 'other');
  });

  it('opens education for "Qualification: <degree>"', () => {
    assert.deepEqual(detectHeading('Qualification: Degree in Engineering (Metallurgy)'), {
      kind: 'education',
      rest: 'Degree in Engineering (Metallurgy)',
    });
    assert.equal(detectHeading('Qualifications: Forklift, First Aid')?.kind, 'skills');
  });
});
