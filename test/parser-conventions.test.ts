import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEducation } from '../src/providers/local/education.js';
import { parseExperience } from '../src/providers/local/experience/index.js';
import { toLines } from '../src/providers/local/normalise.js';
import { findLocation } from '../src/providers/local/location.js';
import { findName } from '../src/providers/local/name.js';
import { parseResumeText } from '../src/providers/local/parser.js';
import { splitSections } from '../src/providers/local/sections.js';
import { extractSkills } from '../src/providers/local/skills.js';

/**
 * Conventions of resumes from several countries and templates (LinkedIn exports, Indian project lists,
 * Australian and West African qualifications), each on a small resume written for the test.
 */

const REFERENCE = new Date('2024-06-15T00:00:00Z');

function roles(text: string): Array<[string | null, string | null]> {
  return parseExperience(toLines(text), { referenceDate: REFERENCE }).map((e) => [e.title, e.company]);
}

function education(text: string): Array<[string | null, string | null]> {
  return parseEducation(toLines(text), { referenceDate: REFERENCE }).map((e) => [e.degree, e.institution]);
}

describe('experience headers', () => {
  it('reads the word after the dates as the place when the line above names title and company', () => {
    const text = ['Product Manager, Lumenlab', '2021 - present · Lyon', 'Own the booking funnel.', '', 'Business Analyst Intern, Quarto Conseil', 'Jan 2019 - Jun 2019 · Lyon'].join('\n');
    assert.deepEqual(roles(text), [
      ['Product Manager', 'Lumenlab'],
      ['Business Analyst Intern', 'Quarto Conseil'],
    ]);
  });

  it('keeps the job title over a project\'s "Role:" label', () => {
    const text = [
      'Verity Softworks Limited, Pune',
      'July 2020 - Present',
      'Senior Systems Engineer',
      'Project: Loan Portal for a Bank',
      'Role: Java backend developer',
      'Environment: Java 11, Spring Boot',
    ].join('\n');
    assert.deepEqual(roles(text), [['Senior Systems Engineer', 'Verity Softworks Limited']]);
  });

  it('still takes a "Position:" label for the title', () => {
    const text = ['Harbour Telephone Banking, Melbourne', 'March 2012 - June 2014', 'Position: Customer Service Advisor', '• Answered calls.'].join('\n');
    assert.deepEqual(roles(text), [['Customer Service Advisor', 'Harbour Telephone Banking']]);
  });

  it('keeps a second role under the first one\'s employer, not the next block\'s', () => {
    const text = [
      'Mercy Bay Teaching Hospital, Kumasi',
      'Consultant Physician, Department of Internal Medicine (2018 - present)',
      'Senior Resident (2014 - 2018)',
      '',
      'Eastgate Regional Hospital, Kumasi',
      'House Officer (2012 - 2014)',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Consultant Physician', 'Mercy Bay Teaching Hospital'],
      ['Senior Resident', 'Mercy Bay Teaching Hospital'],
      ['House Officer', 'Eastgate Regional Hospital'],
    ]);
  });

  it('prefers the organisation on its own line to the unit after the title', () => {
    const text = ['Clinical Nurse – Emergency Department', 'Riverside General Hospital, Murdoch WA', 'February 2021 – Current', '• Triage presentations.'].join('\n');
    assert.deepEqual(roles(text), [['Clinical Nurse', 'Riverside General Hospital']]);
  });

  it('does not read a company ending in a country code as a place', () => {
    const text = ['Mar 2014 – Dec 2018', 'Mobile HVAC Engineer, VOLTAIR UK, South Wales', '• Fault-finding on split systems.'].join('\n');
    assert.deepEqual(roles(text), [['Mobile HVAC Engineer', 'VOLTAIR UK']]);
  });

  it('joins a form\'s labels to the values on the lines below them', () => {
    const text = [
      'Institution: Lakeview High School',
      'Position:',
      'Teacher of English',
      'Period:',
      'May 2016 – December 2018',
      'Responsibilities:',
      '• Taught Form 1–4 classes.',
    ].join('\n');
    assert.deepEqual(roles(text), [['Teacher of English', 'Lakeview High School']]);
  });
});

describe('contact details', () => {
  it('drops the professional prefixes of a name', () => {
    assert.equal(findName({ lines: toLines('ENGR. ADAEZE N. OKORO, MNSE\n12 Marina Road, Lagos'), emails: [] }), 'ADAEZE N. OKORO');
    assert.equal(findName({ lines: toLines('Adv. Meera Raghavan\nmeera@example.com'), emails: ['meera@example.com'] }), 'Meera Raghavan');
  });

  const places: [string, string][] = [
    ['12 Marina Road, Victoria Island, Lagos', 'Victoria Island, Lagos'],
    ['Blk 5 Lot 12, Phase 2, Greenwoods Subd., Dasmariñas, Cavite', 'Dasmariñas, Cavite'],
    ['Address: P.O. Box 12345-00100, Nairobi', 'Nairobi'],
    ['Bristol, BS6 | 07911 123 456', 'Bristol'],
  ];
  for (const [line, place] of places) {
    it(`reads the place in ${JSON.stringify(line)}`, () => assert.equal(findLocation(toLines(`Sam Roe\n${line}`)), place));
  }
});

describe('qualifications', () => {
  it('reads the French "Licence" and the Australian "Certificate IV"', () => {
    assert.deepEqual(education('Université de Valmont — Licence in Economics, 2016\nCertificate IV in Retail Management, TAFE Victoria, 2019'), [
      ['Licence in Economics', 'Université de Valmont'],
      ['Certificate IV in Retail Management', 'TAFE Victoria'],
    ]);
  });

  it('reads the West African school certificate and the MBChB', () => {
    assert.deepEqual(education('MBChB, University of Northfield Medical School, 2011\n2007    West African Senior School Certificate (WASSCE), Kings College, Lagos'), [
      ['MBChB', 'University of Northfield Medical School'],
      ['Senior School Certificate', 'Kings College'],
    ]);
  });

  it('reads the British PGCE, the French BTS and the Indian Class XII', () => {
    assert.deepEqual(education('PGCE Secondary Mathematics with QTS, University of Avonmouth, 2016\nBTS Design Graphique, École Émile Bertin, 2014\n2012   Class XII (CBSE), Northfield Public School – 91.4%'), [
      ['PGCE Secondary Mathematics with QTS', 'University of Avonmouth'],
      ['BTS Design Graphique', 'École Émile Bertin'],
      ['Class XII', 'Northfield Public School'],
    ]);
  });

  it('finds the school after a bracketed field and "from"', () => {
    assert.deepEqual(education('B.E. (Mechanical Engineering) from Deccan University in 2016 with 72%'), [['B.E. (Mechanical Engineering)', 'Deccan University']]);
  });
});

describe('section headings', () => {
  it('reads "Qualifications" over degrees as education, and over anything else as skills', () => {
    const kinds = (text: string): string[] => splitSections(toLines(text)).map((s) => s.kind);
    assert.deepEqual(kinds('Sam Roe\nQUALIFICATIONS\nMBChB, University of Northfield, 2011'), ['header', 'education']);
    assert.deepEqual(kinds('Sam Roe\nQUALIFICATIONS\nTen years of retail management'), ['header', 'skills']);
  });

  it('reads "Study" as education and a lone "TEACHING" as experience', () => {
    const text = [
      'Sam Roe',
      'sam@example.com',
      '',
      'TEACHING',
      'Teaching Assistant, Introduction to Genomics, Northfield University, 2017–2018',
      '',
      'Study',
      'Bachelor of Business (Management), Northfield University, 2016',
    ].join('\n');
    const parsed = parseResumeText(text, { referenceDate: REFERENCE }).fields;
    assert.deepEqual(
      parsed.experience.map((e) => [e.title, e.company]),
      [['Teaching Assistant', 'Northfield University']],
    );
    assert.deepEqual(
      parsed.education.map((e) => e.degree),
      ['Bachelor of Business (Management)'],
    );
  });
});

describe('skills lists', () => {
  it('leaves out the levels of spoken languages listed among skills', () => {
    const lines = toLines('Tools: Python, Jira\nLanguages: German (native), English (C1), French (B1)');
    const names = extractSkills({ text: lines.map((l) => l.text).join('\n'), skillLines: lines }).map((s) => s.surface);
    assert.ok(names.includes('Python'));
    for (const level of ['native', 'C1', 'B1']) assert.ok(!names.includes(level), level);
  });

  it('reads "CHARACTER REFERENCES" as references, so referees are not skills', () => {
    assert.deepEqual(
      splitSections(toLines('Sam Roe\nSKILLS\n• Cash handling\n\nCHARACTER REFERENCES\nMr. Roberto Cruz\nFront Office Manager')).map((s) => s.kind),
      ['header', 'skills', 'references'],
    );
  });
});

describe('Europass dates', () => {
  it('reads every numeric date day-first when one of them can only be day-first', () => {
    const text = [
      'Jonas Weber',
      'Date of birth: 14/07/1990',
      '',
      'WORK EXPERIENCE',
      '01/03/2020 – Present',
      'Site Reliability Engineer',
      'Nordwind Logistik SE, Berlin',
      '',
      '01/09/2016 – 01/02/2020',
      'Systems Engineer',
      'Kessler Datentechnik GmbH, Walldorf',
    ].join('\n');
    const experience = parseResumeText(text, { referenceDate: REFERENCE }).fields.experience;
    assert.deepEqual(
      experience.map((e) => [e.title, e.start, e.end]),
      [
        ['Site Reliability Engineer', '2020-03', null],
        ['Systems Engineer', '2016-09', '2020-02'],
      ],
    );
  });
});

describe('more trades, countries and extraction damage', () => {
  it('reads a long header of capitalised names (a military unit) as a header', () => {
    const text = ['U.S. Army', '06/2012 - 07/2022', '', 'Motor Sergeant, HHC, 2nd Battalion, 504th Parachute Infantry Regiment, Fort Bragg, NC', '08/2018 - 07/2022', '• Led a team of 12 mechanics'].join('\n');
    assert.equal(roles(text)[1]![0], 'Motor Sergeant');
  });

  it('keeps the employer of a role listed under another in the same block', () => {
    const text = [
      'Halvorsen Price LLP, Denver, CO',
      'Partner',
      'January 2024 – present',
      'Associate',
      'Sept. 2017 – Dec. 2023',
      '• Argued dispositive motions',
      '',
      'Paralegal',
      'Cole & Finch, P.A.',
      '03/2011 – 07/2013',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Partner', 'Halvorsen Price LLP'],
      ['Associate', 'Halvorsen Price LLP'],
      ['Paralegal', 'Cole & Finch, P.A.'],
    ]);
  });

  it('reads a court named with small words as the employer', () => {
    const text = ['Summer Associate, Briar & Lowe LLP', 'Summer 2015', 'Judicial Extern, U.S. District Court for the District of Oregon,', 'Spring 2015', '', 'Paralegal', 'Oakes Legal Group, Portland', '03/2011 – 07/2013'].join('\n');
    assert.deepEqual(roles(text), [
      ['Summer Associate', 'Briar & Lowe LLP'],
      ['Judicial Extern', 'U.S. District Court for the District of Oregon'],
      ['Paralegal', 'Oakes Legal Group'],
    ]);
  });

  it('skips the header row of a flattened table', () => {
    const text = ['Period\tEmployer\tPosition', '03/2019 – today\tVolta Netz AG\tSenior Project Engineer', '09/2016 – 02/2019\tKessler Energie GmbH\tProject Engineer'].join('\n');
    assert.deepEqual(roles(text), [
      ['Senior Project Engineer', 'Volta Netz AG'],
      ['Project Engineer', 'Kessler Energie GmbH'],
    ]);
  });

  it('splits a promotion written with an arrow', () => {
    const text = ['Chick-fil-A', 'Team Member → Team Leader', 'Aug 2017 - Sept 2020'].join('\n');
    assert.deepEqual(roles(text), [
      ['Team Member', 'Chick-fil-A'],
      ['Team Leader', 'Chick-fil-A'],
    ]);
  });

  it('reads NZ as a place, not the employer', () => {
    assert.deepEqual(roles(['Volunteer Activities Assistant', 'Hospice Taranaki - New Plymouth, NZ', '2017 - 2018'].join('\n')), [['Volunteer Activities Assistant', 'Hospice Taranaki']]);
  });

  const qualifications: [string, string, string | null][] = [
    ["Temasek Junior College | 2011 - 2012\nGCE 'A' Levels", "GCE 'A' Levels", 'Temasek Junior College'],
    ['National Senior Certificate (Matric) - Orlando High School, 2013', 'National Senior Certificate (Matric)', 'Orlando High School'],
    ['NCEA Level 2\nFraser High School, Hamilton - 2016', 'NCEA Level 2', 'Fraser High School'],
    ['Intermediate (F.Sc. Pre-Engineering) - Punjab Group of Colleges, Lahore', 'Intermediate (F.Sc. Pre-Engineering)', 'Punjab Group of Colleges'],
    ['Matric (Science) - Government Model High School, Lahore', 'Matric (Science)', 'Government Model High School'],
    ['Highers - Bearsden Academy - 2011: Maths (A), Physics (A)', 'Highers', 'Bearsden Academy'],
    ['SVQ Level 3 in Electrical Installation - Glasgow Clyde College - 2015', 'SVQ Level 3 in Electrical Installation', 'Glasgow Clyde College'],
    ['Level 3 Diploma in Professional Cookery\nCardiff and Vale College — 2010', 'Level 3 Diploma in Professional Cookery', 'Cardiff and Vale College'],
    ['High School Diploma, Harlandale High School, 2011', 'High School Diploma', 'Harlandale High School'],
    ['BS(CS) - FAST National University of Computer and Emerging Sciences (FAST-NUCES), Lahore', 'BS(CS)', 'FAST National University of Computer and Emerging Sciences'],
    ['2012 – 2014     Friedrich-Alexander-Universität Erlangen-Nürnberg     M.Sc. Electrical Power Engineering', 'M.Sc. Electrical Power Engineering', 'Friedrich-Alexander-Universität Erlangen-Nürnberg'],
    ['2008            Christian-Ernst-Gymnasium Erlangen                    Abitur', 'Abitur', 'Christian-Ernst-Gymnasium Erlangen'],
  ];
  for (const [text, degree, school] of qualifications) {
    it(`reads ${JSON.stringify(degree)} at ${JSON.stringify(school)}`, () => assert.deepEqual(education(text), [[degree, school]]));
  }

  it('keeps a labelled form\'s institution with its qualification', () => {
    const text = [
      'Sipho Dlamini',
      'sipho@example.com',
      '',
      'ACADEMIC QUALIFICATIONS',
      'Institution: University of South Africa (Unisa)',
      'Qualification: BCom in Accounting (NQF Level 7)',
      'Year Completed: 2020',
      '',
      'Institution: Orlando High School',
      'Qualification: National Senior Certificate',
      'Year Completed: 2013',
    ].join('\n');
    const found = parseResumeText(text, { referenceDate: REFERENCE }).fields.education.map((e) => [e.degree, e.institution, e.graduationYear]);
    assert.deepEqual(found, [
      ['BCom in Accounting', 'University of South Africa', 2020],
      ['National Senior Certificate', 'Orlando High School', 2013],
    ]);
  });

  it('reads headings fused to their first line or spaced after the first letter', () => {
    const sections = splitSections(toLines(['Rhys Morgan', 'EDUCATIONLevel 3 Diploma in Professional Cookery', 'C ERTIFICATES', 'Food Safety Level 3', 'SKILLSMenu development · Food costing'].join('\n')));
    assert.deepEqual(
      sections.map((s) => [s.kind, s.lines.map((l) => l.text)]),
      [
        ['header', ['Rhys Morgan']],
        ['education', ['Level 3 Diploma in Professional Cookery']],
        ['certifications', ['Food Safety Level 3']],
        ['skills', ['Menu development · Food costing']],
      ],
    );
  });

  it('drops letters after a name written without a comma', () => {
    assert.equal(findName({ lines: toLines('AOIFE BRENNAN RGN\nDouglas, Cork | 087 412 9930'), emails: [] }), 'AOIFE BRENNAN');
    assert.equal(findName({ lines: toLines('Callum Reid BEng (Hons) MIET\nElectrical Engineer'), emails: [] }), 'Callum Reid');
  });

  const districts: [string, string][] = [
    ['Location: Dobsonville, Soweto\nCell: 072 418 5530', 'Dobsonville, Soweto'],
    ['Financial Controller\nDidsbury, Manchester\n07700 900 418', 'Didsbury, Manchester'],
    ['Pontcanna, Cardiff  ·  07823 556 190  ·  rhys@example.com', 'Pontcanna, Cardiff'],
  ];
  for (const [lines, place] of districts) {
    it(`reads the district and city in ${JSON.stringify(lines)}`, () => assert.equal(findLocation(toLines(`Sam Roe\n${lines}`)), place));
  }
});

describe('a third round: layouts and names', () => {
  it('reads roles whose dates come after their text', () => {
    const text = [
      'Fourth Grade Teacher',
      'Bonham Elementary School',
      '• Teach reading and math to a dual-language class of 24.',
      '• Grade-level chair since 2022.',
      'August 2020 – Present',
      'Reading Tutor',
      'Houston Public Library',
      '• One-to-one phonics tutoring.',
      'June 2017 – August 2017',
    ].join('\n');
    const found = parseExperience(toLines(text), { referenceDate: REFERENCE }).map((e) => [e.title, e.company, e.start, e.highlights.length]);
    assert.deepEqual(found, [
      ['Fourth Grade Teacher', 'Bonham Elementary School', '2020-08', 2],
      ['Reading Tutor', 'Houston Public Library', '2017-06', 1],
    ]);
  });

  it('reads a header made long by a bracketed aside, and a sub-heading that names nothing', () => {
    const text = [
      'Bookkeeper (part-time, 20 hrs/wk) at Feld & Marsh Plumbing Supply, Cranston RI',
      'Sept 2021 - present',
      '• Run payroll for 11 employees',
      '',
      'PREVIOUS',
      'Delivery Driver (independent contractor) - DoorDash, 2020 - 2021',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Bookkeeper', 'Feld & Marsh Plumbing Supply'],
      ['Delivery Driver (independent contractor)', 'DoorDash'],
    ]);
  });

  it('keeps an agency\'s placement aside with the agency, and reads dot leaders as a column gap', () => {
    const text = [
      'Instructional Design Contractor, Aspen Talent Partners (placed at Summit Ridge Bank) ....... 2023 – present',
      'Science Teacher (Grades 6–8), Jefferson County Public Schools, Lakewood CO ............... 2015 – 2023',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Instructional Design Contractor', 'Aspen Talent Partners (placed at Summit Ridge Bank)'],
      ['Science Teacher (Grades 6–8)', 'Jefferson County Public Schools'],
    ]);
  });

  it('reads a federal job block: the agency over its street address, one title joined by "and"', () => {
    const text = [
      'Transportation Security Administration (DHS)',
      '6595 Springfield Center Drive',
      'Springfield, VA 22150 United States',
      '05/2019 - Present',
      'Grade Level: GS-0343-12',
      'Management and Program Analyst',
    ].join('\n');
    assert.deepEqual(roles(text), [['Management and Program Analyst', 'Transportation Security Administration (DHS)']]);
  });

  it('reads an armed service as the employer, not a guard\'s title', () => {
    assert.deepEqual(roles('TEXAS ARMY NATIONAL GUARD — Sergeant\n2008 - 2014'), [['Sergeant', 'TEXAS ARMY NATIONAL GUARD']]);
  });

  it('leaves out career breaks and reads a title-case sub-heading as none of the roles', () => {
    const text = [
      '09/2022 – present',
      'Career break – family caregiving',
      '03/2017 – 08/2022',
      'Marketing Manager, Harrowgate Home Insurance, Leeds',
      '',
      'Earlier Career',
      'Assistant Controller, Granview Property Management, Toronto (2009–2012)',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Marketing Manager', 'Harrowgate Home Insurance'],
      ['Assistant Controller', 'Granview Property Management'],
    ]);
  });

  const qualifications: [string, string | null, string | null][] = [
    ['2016 Master 2 Contrôle de Gestion (CGAO) – IAE Lyon, Université Jean Moulin Lyon 3', 'Master 2 Contrôle de Gestion', 'Université Jean Moulin Lyon 3'],
    ['MBA in Software Architecture – Faculdade de Informática e Administração Paulista | 2022', 'MBA in Software Architecture', 'Faculdade de Informática e Administração Paulista'],
    ['Técnico em Informática – ETEC Bento Quirino | 2013', 'Técnico em Informática', null],
    ['DEC in Natural Science – Cégep du Vieux Montréal, 2018', 'DEC in Natural Science', 'Cégep du Vieux Montréal'],
    ['Leaving Certificate – Coláiste an Chroí Naofa, 2012', 'Leaving Certificate', 'Coláiste an Chroí Naofa'],
    ['STPM – SMK Taman Melawati, 2015', 'STPM', 'SMK Taman Melawati'],
    ['Universiti Teknologi Malaysia, 2019', null, 'Universiti Teknologi Malaysia'],
    ['Senior School Certificate Examination (WAEC), 2010', 'Senior School Certificate Examination', null],
    ['| 12th (MPC) | Narayana Junior College | 2013', '12th (MPC)', 'Narayana Junior College'],
    ['Università degli Studi di Bergamo, 2014', null, 'Università degli Studi di Bergamo'],
    ['Abitur, Annette-von-Droste-Hülshoff-Gymnasium, Münster, 2009', 'Abitur', 'Annette-von-Droste-Hülshoff-Gymnasium'],
    ['École de technologie supérieure (ÉTS) — Montréal, QC, 2023', null, 'École de technologie supérieure'],
  ];
  for (const [line, degree, institution] of qualifications) {
    it(`reads ${JSON.stringify(line)}`, () => {
      const [entry] = parseEducation(toLines(line), { referenceDate: REFERENCE });
      assert.deepEqual([entry?.degree ?? null, entry?.institution ?? null], [degree, institution]);
    });
  }

  it('reads a lone season closing a barred header, and an employer line marked with a glyph', () => {
    assert.deepEqual(roles('QA Automation Intern | Mobilitech Canada Ltd. | Laval, QC | Winter 2021 (Jan.–Apr.)'), [['QA Automation Intern', 'Mobilitech Canada Ltd.']]);
    const text = ['▶ Al Noor General Trading LLC – Dubai, UAE', 'Senior Accountant', 'Jan 2018 – Till Date', '• Prepare monthly P&L'].join('\n');
    assert.deepEqual(roles(text), [['Senior Accountant', 'Al Noor General Trading LLC']]);
  });

  it('reads a LinkedIn export: titles under a company with its tenure, a company after a paragraph', () => {
    const text = [
      'Lumenfield',
      '5 years',
      'Senior Software Engineer',
      'April 2022 - Present (2 years 9 months)',
      'Seattle, Washington, United States',
      'Tech lead for the ledger team. Led the migration of the settlement pipeline to Kafka Streams.',
      'Software Engineer II',
      'January 2020 - April 2022 (2 years 4 months)',
      'Seattle, Washington, United States',
      'Built idempotent payout APIs and the retry framework used by thirty services.',
      'Corvana Health',
      'Software Engineer',
      'July 2017 - December 2019 (2 years 6 months)',
      'Portland, Oregon Metropolitan Area',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Senior Software Engineer', 'Lumenfield'],
      ['Software Engineer II', 'Lumenfield'],
      ['Software Engineer', 'Corvana Health'],
    ]);
  });

  it('reads a Markdown resume passed as text: headings and links', () => {
    const text = [
      '# Tomasz Wiśniewski',
      '',
      '## Experience',
      '',
      '### Senior Site Reliability Engineer — [Kestrel Payments](https://kestrel.example.com)',
      '*Remote (Kraków) · 2021-03 → present*',
      '',
      '### DevOps Engineer @ Vistula Software House',
      '*Kraków · 2018-06 → 2021-02*',
    ].join('\n');
    const parsed = parseResumeText(text, { referenceDate: REFERENCE }).fields;
    assert.deepEqual(
      parsed.experience.map((e) => [e.title, e.company, e.start]),
      [
        ['Senior Site Reliability Engineer', 'Kestrel Payments', '2021-03'],
        ['DevOps Engineer', 'Vistula Software House', '2018-06'],
      ],
    );
  });

  it('reads pandoc Markdown: escapes and hard line breaks', () => {
    const text = [
      '## 2. Professional Experience',
      '',
      '**Medical Billing Supervisor**\\',
      'Garden State Orthopaedic Associates -- Newark, NJ\\',
      'January 2016 -- February 2021',
      '',
      'Recovered \\$380K in aged claims',
    ].join('\n');
    const [role] = parseResumeText(text, { referenceDate: REFERENCE }).fields.experience;
    assert.deepEqual([role?.title, role?.company, role?.description], ['Medical Billing Supervisor', 'Garden State Orthopaedic Associates', 'Recovered $380K in aged claims']);
  });

  it('reads the title a summary opens with from its first capital', () => {
    assert.equal(parseResumeText('Ana Ruiz\n\nSummary\ndetail-focused Registered Nurse with 8 years in acute care.', { referenceDate: REFERENCE }).fields.headline, 'Registered Nurse');
  });

  it('reads an employer written as hyphenated initials', () => {
    assert.deepEqual(roles(['Data Analyst', 'Jul 2019 – Dec 2021', 'H-E-B', '• Built shrink reports in Power BI'].join('\n')), [['Data Analyst', 'H-E-B']]);
  });

  it('reads an Irish county as a place and a street before it as the address', () => {
    const text = [
      'Summer 2003',
      'Smith, Jones & Taylor Solicitors, Main Street, Fermoy, Co. Cork',
      'Legal Assistant',
      'Observed interviews with clients.',
      '',
      '2001 - 2002',
      'Silver Pail Dairy, Fermoy, County Cork',
      'Administrative Assistant',
    ].join('\n');
    const parsed = parseExperience(toLines(text), { referenceDate: REFERENCE });
    assert.deepEqual(
      parsed.map((e) => [e.title, e.company, e.location]),
      [
        ['Legal Assistant', 'Smith, Jones & Taylor Solicitors', 'Fermoy, Co. Cork'],
        ['Administrative Assistant', 'Silver Pail Dairy', 'Fermoy, County Cork'],
      ],
    );
  });
});
