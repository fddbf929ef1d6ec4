import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExperience } from '../src/providers/local/experience/index.js';
import { parseResumeText } from '../src/providers/local/parser.js';
import { locationIn } from '../src/providers/local/location.js';
import { toLines } from '../src/providers/local/normalise.js';

/**
 * Rules that raised the recall of titles and companies (parser 1.4.0), each on a short resume written for
 * this test: invented people, schools and employers.
 */

const REFERENCE = new Date('2024-06-15T00:00:00Z');

function read(text: string) {
  return parseExperience(toLines(text), { referenceDate: REFERENCE });
}

function roles(text: string): Array<[string | null, string | null]> {
  return read(text).map((e) => [e.title, e.company]);
}

describe('recall: header lines', () => {
  it('reads a header of more than ten words when commas cut it into names', () => {
    const text = [
      'Principal, Oak Ridge High School, Lake County Public Schools, Springfield, IL, 1995 to Present',
      '• Led a school of 1,200 students.',
    ].join('\n');
    assert.deepEqual(roles(text), [['Principal', 'Oak Ridge High School']]);
  });

  it('still skips a sentence of more than ten words', () => {
    const text = ['Worked with the district office on a new reading plan for all of the schools, 2019', '• Did things.'].join('\n');
    assert.deepEqual(roles(text), []);
  });

  it('reads "Reference Librarian" as a title, not as a "Reference" label', () => {
    const text = [
      'Legal Information Center',
      'Reference Librarian',
      'Aug. 2012 - present',
      'Provide reference services to students and the public at the desk',
      'Harbor State University',
      'Graduate Assistant, Library Science Program',
      'Aug. 2011 - Dec. 2011',
      'Contributed to the literature review for a grant proposal on library services.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Reference Librarian', 'Legal Information Center'],
      ['Graduate Assistant', 'Harbor State University'],
    ]);
  });

  it('takes a lone date that closes a list of names as the role\'s date', () => {
    const text = [
      'Juniper Field Campus, Northern Plains University, Oregon, IL, Spring 2019',
      'Prepared three full days of outdoor classes for fifth-grade students.',
    ].join('\n');
    assert.deepEqual(roles(text), [[null, 'Juniper Field Campus']]);
  });

  it('does not take a second organisation for the missing title', () => {
    const text = ['Sport Skill Laboratory, Northern Plains University, DeKalb, IL, Fall 2019', 'Ran drills and games.'].join('\n');
    // The laboratory and its university are one employer, named whole (see "employers: a unit and its parent").
    assert.deepEqual(roles(text), [[null, 'Sport Skill Laboratory, Northern Plains University']]);
  });

  it('keeps "City, ST" as the location after a company named in capitals', () => {
    assert.equal(locationIn('QUILLWORKS, New York, NY'), 'New York, NY');
    const [role] = read(['QUILLWORKS, New York, NY', '2010 - 2014', 'Senior Content Architect', '• Designed schemas.'].join('\n'));
    assert.deepEqual([role?.title, role?.company, role?.location], ['Senior Content Architect', 'QUILLWORKS', 'New York, NY']);
  });
});

describe('recall: template placeholders', () => {
  it('keeps roles whose years are placeholders, with unknown dates', () => {
    const text = [
      'Middle School English Teacher, Maple Middle School, Milton, Nebraska, 19xx-19xx',
      '• Taught grades 6-8.',
      'Teacher (1st & 3rd Grade), Riverton, Riverton Unified School District, 20xx-Present',
      '• Supervised student teachers.',
      'Sophomore Line Coach, Meadow High School, Rolling Hills, IL, August - November 20XX',
      '• Created line drills.',
    ].join('\n');
    const found = read(text);
    assert.deepEqual(
      found.map((e) => [e.title, e.company, e.start, e.end, e.current]),
      [
        ['Middle School English Teacher', 'Maple Middle School', null, null, false],
        ['Teacher (1st & 3rd Grade)', 'Riverton Unified School District', null, null, true],
        ['Sophomore Line Coach', 'Meadow High School', null, null, false],
      ],
    );
  });

  it('does not take the other placeholder years of a line for a name', () => {
    const text = ['Camp Sunfish, Town, MD', 'Summers, 20XX, 20XX, 20XX', 'Activities Specialist', '• Ran group activities.'].join('\n');
    assert.deepEqual(roles(text), [['Activities Specialist', 'Camp Sunfish']]);
  });
});

describe('recall: roles on bullets', () => {
  it('reads a bullet that opens with a year range as a role, and skips the page footer', () => {
    const text = [
      '• 2006 TO 2012: SELF-EMPLOYED LEGAL PRACTITIONER principally working with community organisations on land claims and many related matters.',
      '• 2004-2006: PRINCIPAL LEGAL OFFICER, RIVERLAND TITLE SERVICES (job-shared position) advising and representing groups.',
      'Dana Quill, Curriculum Vitae, April 2013',
      '• 1992-95: SENIOR LEGAL OFFICER, OUTBACK LAND COUNCIL, Alice Springs, with responsibility for staff supervision and management of the office.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['SELF-EMPLOYED LEGAL PRACTITIONER', null],
      ['PRINCIPAL LEGAL OFFICER', 'RIVERLAND TITLE SERVICES'],
      ['SENIOR LEGAL OFFICER', 'OUTBACK LAND COUNCIL'],
    ]);
  });

  it('keeps a header whose date slipped below the role\'s first bullet', () => {
    const text = [
      'Student Teaching, Pinecrest Middle School, Pretend, NE',
      'January-May, 2019',
      '• Taught pre-algebra.',
      'Tutor, Pebblebrook Middle School, Pretend, NE',
      '• Tutored an 8th grade student in math.',
      'February-May, 2018',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Student Teaching', 'Pinecrest Middle School'],
      ['Tutor', 'Pebblebrook Middle School'],
    ]);
  });
});

describe('recall: several positions in one role', () => {
  it('reads a title line between paragraphs as another position at the same company, without dates', () => {
    const text = [
      'Brightwater Technical Solutions, Inc., Los Angeles, CA 1994 - Present',
      'Senior IT Manager',
      'Supervised internal staff and offshore teams.',
      '',
      'Technical Lead',
      'Representative Clients: Acme Foods, Birch Media, Cobalt Labs, Delta Freight and Eastside Bank',
      'Led technical teams in application development.',
    ].join('\n');
    const found = read(text);
    assert.deepEqual(
      found.map((e) => [e.title, e.company, e.start]),
      [
        ['Senior IT Manager', 'Brightwater Technical Solutions, Inc.', '1994'],
        ['Technical Lead', 'Brightwater Technical Solutions, Inc.', null],
      ],
    );
    assert.deepEqual(found[1]?.description, 'Representative Clients: Acme Foods, Birch Media, Cobalt Labs, Delta Freight and Eastside Bank\nLed technical teams in application development.');
  });

  it('splits a header joining job titles into one role per title, the first keeping the text', () => {
    const text = ['Paralegal/Bookkeeper/Office Manager (1999 - 2004)', 'Larkspur Law Group, Tampa, FL', '• Kept the books.'].join('\n');
    const found = read(text);
    assert.deepEqual(
      found.map((e) => [e.title, e.company, e.start, e.end, e.highlights.length]),
      [
        ['Paralegal', 'Larkspur Law Group', '1999', '2004', 1],
        ['Bookkeeper', 'Larkspur Law Group', '1999', '2004', 0],
        ['Office Manager', 'Larkspur Law Group', '1999', '2004', 0],
      ],
    );
  });

  it('keeps one title when a part is not a job title', () => {
    assert.deepEqual(roles(['Java/J2EE Developer, Orbitline Systems, 2015 - 2018', '• Built services.'].join('\n')), [['Java/J2EE Developer', 'Orbitline Systems']]);
    assert.deepEqual(roles(['Teacher (1st & 3rd Grade), Elm Park School, 2015 - 2018', '• Taught.'].join('\n')), [['Teacher (1st & 3rd Grade)', 'Elm Park School']]);
  });

  it('splits a function named beside a title by a slash into a role of its own', () => {
    const text = ['Customer Service/Deputy Manager, Marlow Hardware, 2012 - 2015', '• Ran the floor.'].join('\n');
    assert.deepEqual(roles(text), [
      ['Customer Service', 'Marlow Hardware'],
      ['Deputy Manager', 'Marlow Hardware'],
    ]);
    // One word before the slash qualifies the title after it.
    assert.deepEqual(roles(['Sales/Marketing Manager, Marlow Hardware, 2012 - 2015', '• Ran campaigns.'].join('\n')), [['Sales/Marketing Manager', 'Marlow Hardware']]);
  });

  it('reads complete header lines stacked over one date line as one role each', () => {
    const text = [
      'Tutor, Pebble Middle School, Lincoln, NE',
      '2016 - 2017',
      '• Tutored maths.',
      'Sales Associate, Tacky Clothing, Lincoln, NE',
      'Produce Clerk, Harvest Foods, Omaha, NE',
      'January 2018 - June 2019',
    ].join('\n');
    assert.deepEqual(read(text).map((e) => [e.title, e.company, e.start]), [
      ['Tutor', 'Pebble Middle School', '2016'],
      ['Sales Associate', 'Tacky Clothing', '2018-01'],
      ['Produce Clerk', 'Harvest Foods', '2018-01'],
    ]);
  });

  it('reads a comma list of job titles as one role per title', () => {
    const text = ['Personal Trainer, Nutritionist, and Head Boxing Coach, March 2011 - Present', 'Fitwell Gym, Springfield, IL', '• Coached members.'].join('\n');
    // The strongest title keeps the role's text; the others follow.
    assert.deepEqual(roles(text), [
      ['Head Boxing Coach', 'Fitwell Gym'],
      ['Personal Trainer', 'Fitwell Gym'],
      ['Nutritionist', 'Fitwell Gym'],
    ]);
  });
});

describe('recall: titles inside the role\'s text', () => {
  it('takes the title that opens the role\'s first paragraph', () => {
    const text = [
      'Cobalt Mechanics, Inc., Denver, CO',
      '2007 to 2010',
      'Vice President of Operations - Promoted to review and approve plans for planned outputs and budget spending.',
    ].join('\n');
    assert.deepEqual(roles(text), [['Vice President of Operations', 'Cobalt Mechanics, Inc.']]);
  });

  it('does not take a sentence opening for a title', () => {
    const text = ['Cobalt Mechanics, Inc., Denver, CO', '2007 to 2010', 'Managed growth - Took the company from 25 to 85 employees.'].join('\n');
    assert.deepEqual(roles(text), [[null, 'Cobalt Mechanics, Inc.']]);
  });

  it('reads a title labelled with a bar or in brackets among the role\'s first lines', () => {
    const text = [
      'Hartwell and Young | 41 Peach Street | Atlanta, Georgia',
      'July 2006 - Present',
      'Salary | $89,000/Annually',
      'Position | Staff Attorney',
      '• Represented companies in investigations.',
    ].join('\n');
    assert.deepEqual(roles(text), [['Staff Attorney', 'Hartwell and Young']]);
    const bracketed = ['Worldlink L.P., 2008 - 2009', 'Travel booking systems (Designation: Software Intern)', '• Wrote tests.'].join('\n');
    assert.deepEqual(roles(bracketed), [['Software Intern', 'Worldlink L.P.']]);
  });
});

/** Parser 1.5.0: work histories outside experience sections, and header lines read more widely. */

function resumeRoles(text: string): Array<[string | null, string | null]> {
  return parseResumeText(text, { referenceDate: REFERENCE }).fields.experience.map((e) => [e.title, e.company]);
}

describe('recall: work histories under other headings', () => {
  it('reads the dated positions listed under an accomplishments heading', () => {
    const text = [
      'Marta Quill',
      'marta.quill@example.com',
      '',
      'ACCOMPLISHMENTS',
      'Chief Financial Officer, Larkspur Holdings',
      '2012 to 2019',
      'Restructured the debt of the group.',
      'Regional Finance Manager, Bellweather Bank',
      '2005 to 2012',
      'Led the finance team of the southern region.',
      '',
      'EDUCATION',
      'B.S. in Accounting, Northfield State University, 2004',
    ].join('\n');
    assert.deepEqual(resumeRoles(text), [
      ['Chief Financial Officer', 'Larkspur Holdings'],
      ['Regional Finance Manager', 'Bellweather Bank'],
    ]);
  });

  it('reads positions listed inside the education section, but not the degrees', () => {
    const text = [
      'Owen Marsh',
      '',
      'Education',
      'Ph.D. in Political Science, Eastbrook University, 1991',
      'M.A. in Political Science, Eastbrook University, 1988',
      '1999 to present: Professor of Political Science, Westfield State University',
      '1995 to 1999: Associate Professor of Political Science, Westfield State University',
    ].join('\n');
    assert.deepEqual(resumeRoles(text), [
      ['Professor of Political Science', 'Westfield State University'],
      ['Associate Professor of Political Science', 'Westfield State University'],
    ]);
  });

  it('does not read one dated award, referees or memberships as roles', () => {
    const text = [
      'Owen Marsh',
      '',
      'Experience',
      'Staff Accountant, Pellham Foods, 2015 - 2020',
      '',
      'Awards',
      'Employee of the Year, Pellham Foods, 2018',
      '',
      'Memberships',
      'Treasurer, Riverside Chess Club, 2016 - 2019',
      'Secretary, Riverside Rowing Club, 2014 - 2016',
      '',
      'References',
      'Dana Fitch, Finance Director, Pellham Foods, 2015 - 2020',
      'Leo Grant, Audit Manager, Pellham Foods, 2016 - 2020',
    ].join('\n');
    assert.deepEqual(resumeRoles(text), [['Staff Accountant', 'Pellham Foods']]);
  });
});

describe('recall: date and header lines', () => {
  it('anchors a role on a lone date that opens a line of names ending in a full stop', () => {
    const text = ['April 2013 Senior Software Engineer, Quillpoint.', '• Built the payment SDK for Android.'].join('\n');
    assert.deepEqual(roles(text), [['Senior Software Engineer', 'Quillpoint']]);
  });

  it('does not anchor a role on a year mentioned in a clause', () => {
    const text = [
      'Experience with CAD and CAM tools',
      'Teamforge was used starting 2000',
      'Meeting deadlines has always been a high priority of mine.',
      '2011 to Present',
      'Harlow Machining, Santa Rosa, California',
      'Shop Supervisor',
      '• Set up a new machine shop.',
    ].join('\n');
    assert.deepEqual(roles(text), [['Shop Supervisor', 'Harlow Machining']]);
  });

  it('reads a long header in title case that ends in a full stop', () => {
    const text = [
      '20072013',
      '',
      'Systems Designer & Lead Mobile Developer, Northfield Mobile Media Laboratory.',
      'Led the development of and took part in the design of many projects.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Systems Designer', 'Northfield Mobile Media Laboratory'],
      ['Lead Mobile Developer', 'Northfield Mobile Media Laboratory'],
    ]);
  });

  it('keeps commas inside brackets within one name', () => {
    const text = ['Ratio Labs, Inc. (became Formwise, Inc.), Atlanta, Georgia', 'Embedded Software Engineer', 'April 1996 - April 2002'].join('\n');
    assert.deepEqual(roles(text), [['Embedded Software Engineer', 'Ratio Labs, Inc. (became Formwise, Inc.)']]);
  });
});

describe('recall: undated positions inside another role\'s text', () => {
  it('reads an organisation line and a title line between paragraphs as a role of its own', () => {
    const text = [
      'BRIGHTLOOM',
      'Software Engineer',
      '2005-2008',
      'Built the document editor that two million people use every day.',
      'ZETA CORPORATION',
      'Software Design Engineer, Intern',
      'Implemented features for developer tools used by thousands of teams.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Software Engineer', 'BRIGHTLOOM'],
      ['Software Design Engineer', 'ZETA CORPORATION'],
    ]);
  });

  it('does not read two lines of a project\'s text as a role', () => {
    const text = [
      'BRIGHTLOOM',
      'Software Engineer',
      '2005-2008',
      'Built the document editor that two million people use every day.',
      'Payments Platform',
      'Migration Project',
      'Moved the ledger to a new store without any downtime at all.',
    ].join('\n');
    assert.deepEqual(roles(text), [['Software Engineer', 'BRIGHTLOOM']]);
  });
});

/** Parser 1.6.0: titles labelled or leading the role's text, titles run into names, years that bullets mention. */
describe('titles: labelled and leading', () => {
  it('prefers a labelled title below the header to a header phrase that only reads as one', () => {
    const text = [
      '2009 - 2011',
      'Harbour Telephone Banking, Melbourne',
      'Salary: $40,000 a year',
      'Hours: 40 a week',
      'Position: Customer Service Advisor (part time)',
      'Answered account questions for callers.',
    ].join('\n');
    assert.deepEqual(roles(text), [['Customer Service Advisor', 'Harbour Telephone Banking']]);
  });

  it('reads the title that opens the role text with "for"/"on"', () => {
    const text = [
      'Lakeside Broadcasting, Chicago, IL - June 2008 - Sept 2008',
      'Intern for the morning news show, booking guests and cutting segments for the evening edition.',
    ].join('\n');
    assert.deepEqual(roles(text), [['Intern', 'Lakeside Broadcasting']]);
  });

  it('does not read a credential as a title', () => {
    const text = ['Northwind Traders, 2019 - 2021', 'Certified Developer for the cloud platform, writing the billing and invoicing services for customers.'].join('\n');
    assert.deepEqual(roles(text), [[null, 'Northwind Traders']]);
  });

  it('reads each paragraph that opens with a title as a position at the same company', () => {
    const text = [
      '2/89 to 1/90',
      'HOLLIS & MARR, ESQS.',
      '',
      'Calendar Clerk. Managed the calendar department for in-house counsel.',
      'Docketed and followed cases.',
      '',
      'Senior Litigation Paralegal. Assigned to the managing attorney; drafted pleadings.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Calendar Clerk', 'HOLLIS & MARR'],
      ['Senior Litigation Paralegal', 'HOLLIS & MARR'],
    ]);
  });
});

describe('titles: run into the company name', () => {
  it('splits a known title off the organisation it runs into', () => {
    const text = ['Special Education Teacher Maple Grove Elementary School, August 2005 - June 2007', '• Taught reading.'].join('\n');
    assert.deepEqual(roles(text), [['Special Education Teacher', 'Maple Grove Elementary School']]);
  });

  it('keeps a name whose first words merely end in a job noun', () => {
    const text = ['Northeast Prairie Teacher Academy, August 2005 - June 2007', '• Taught reading.'].join('\n');
    assert.deepEqual(roles(text), [[null, 'Northeast Prairie Teacher Academy']]);
  });
});

describe('dates: a year a bullet mentions', () => {
  it('does not start a role at a bare year that finishes a bullet sentence', () => {
    const text = [
      'Senior Android Developer,',
      'Fernhill Apps',
      '05/12-10/12',
      '• Part of the team that won',
      'Best Newcomer Award 2012',
      'Android Engineer,',
      'Bluebell Music',
      '01/12-05/12',
      '• Built the download service.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Senior Android Developer', 'Fernhill Apps'],
      ['Android Engineer', 'Bluebell Music'],
    ]);
  });
});

describe('roles: one line, no dates', () => {
  it('reads "Title, Organisation" lines under a dated role as positions of their own', () => {
    const text = [
      '2016 to date: Managing Partner, Harrow Lane Advocates, Nairobi',
      '• Lecturer in Law, Mwangaza University',
      '• Drafted and reviewed commercial contracts for clients.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Managing Partner', 'Harrow Lane Advocates'],
      ['Lecturer in Law', 'Mwangaza University'],
    ]);
  });

  it('leaves a bullet that names a title and a department, not an organisation', () => {
    const text = ['2016 – 2020', 'Harrow Lane Advocates', 'Managing Partner', '• Mentor, Litigation Team'].join('\n');
    assert.deepEqual(roles(text), [['Managing Partner', 'Harrow Lane Advocates']]);
  });
});

describe('employers: a unit and its parent', () => {
  it('names the office and its university together, as the line writes them', () => {
    const text = ['Office of Student Admissions, Lakeshore University, Chicago, IL', 'Admissions Advisor', 'Sept 2012 – May 2014', '• Read applications.'].join('\n');
    assert.deepEqual(roles(text), [['Admissions Advisor', 'Office of Student Admissions, Lakeshore University']]);
  });

  it('keeps a company and its city apart', () => {
    const text = ['Harbour Telephone Banking, Melbourne', 'Customer Service Advisor', '2009 – 2011', '• Answered calls.'].join('\n');
    assert.deepEqual(roles(text), [['Customer Service Advisor', 'Harbour Telephone Banking']]);
  });

  it('keeps a legal suffix written with a full stop on the company', () => {
    const text = ['Web Developer', 'Quillon, LLC. | Stone Ridge, Georgia', '2015 – 2018', '• Built sites.'].join('\n');
    assert.deepEqual(roles(text), [['Web Developer', 'Quillon, LLC.']]);
  });
});

describe('headers: a description after a spaced hyphen', () => {
  it('reads the header in front of " - " even when the line is long', () => {
    const text = [
      'Intern: Social Media - Brightwave Digital Agency: Plymouth Meeting, PA, a small agency for local shops',
      'May 2016 to present',
      '• Planned posts.',
      'Owner, Crumbsite.com | Remote',
      'March 2013 to present',
      '• Wrote weekly recipes.',
    ].join('\n');
    assert.deepEqual(
      read(text).map((e) => [e.title, e.start]),
      [
        ['Intern', '2016-05'],
        ['Owner', '2013-03'],
      ],
    );
  });
});

describe('titles: several over one department', () => {
  it('splits "Test Lead / People Manager, QA" and keeps the department on the last', () => {
    const text = ['Test Lead / People Manager, QA', 'Northwind Lottery Corporation', 'Sep 2011 – Jan 2012', '• Led testing.'].join('\n');
    assert.deepEqual(roles(text), [
      ['Test Lead', 'Northwind Lottery Corporation'],
      ['People Manager, QA', 'Northwind Lottery Corporation'],
    ]);
  });
});

describe('sections: a role\'s referee', () => {
  it('keeps reading roles after "Reference: name and phone" under a role', () => {
    const text = [
      'Jamie Rivers',
      'Work Experience',
      '2012 – Present',
      'Halden Brothers',
      'Built risk spreadsheets for the trading desk.',
      'Reference: Jamie Rivers · +1 (312) 555 0182',
      '2010 – 2011',
      'Summer Intern, Initrode Inc — Chicago',
      'Rated highly for analysis.',
    ].join('\n');
    const titles = parseResumeText(text, { referenceDate: REFERENCE }).fields.experience.map((e) => e.title);
    assert.ok(titles.includes('Summer Intern'), JSON.stringify(titles));
  });
});

describe('dates: Unicode hyphens', () => {
  it('reads a range written with a hyphen (U+2010) or minus sign as one range', () => {
    const [role] = read(['Teacher Assistant, Smithfield Primary School', '2009\u20102011', '• Supported four children.'].join('\n'));
    assert.deepEqual([role?.start, role?.end], ['2009', '2011']);
    const [other] = read(['Teacher Assistant, Smithfield Primary School', '2009 \u2212 2011', '• Supported four children.'].join('\n'));
    assert.deepEqual([other?.start, other?.end], ['2009', '2011']);
  });
});

describe('parser 1.8.0: header lines', () => {
  it('takes the company from the line that names the title, under a place and a date', () => {
    const text = [
      'Kenya',
      '2012 – 2013',
      'Consultant',
      'Lakeside Relief Network',
      'Reviewed staffing for the country office.',
      'India',
      '2007 – 2008',
      'Programme Manager - Bright Futures',
      'Designed life skills programmes for children.',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Consultant', 'Lakeside Relief Network'],
      ['Programme Manager', 'Bright Futures'],
    ]);
  });

  it('reads a country alone on a header line as a place, not an employer', () => {
    const [role] = read(['Field Officer - Harbour Aid - Pakistan', '2006 – 2007', '• Visited field sites.'].join('\n'));
    assert.deepEqual([role?.title, role?.company, role?.location], ['Field Officer', 'Harbour Aid', 'Pakistan']);
  });

  it('splits "Title / Company" at a spaced slash, but not two titles or a title and its field', () => {
    assert.deepEqual(roles(['Intern engineer / Orvane, Rennes', 'Jun – Sept 2009', '• Wrote unit tests.'].join('\n')), [['Intern engineer', 'Orvane']]);
    assert.deepEqual(roles(['Founder / CEO, Tallow Labs', '2015 – 2019', '• Raised a seed round.'].join('\n')), [
      ['Founder', 'Tallow Labs'],
      ['CEO', 'Tallow Labs'],
    ]);
    const [role] = read(['DIRECTOR OF FINANCE / PROGRAM MANAGEMENT', 'Gridwell Builders; Boston, MA (2011 – Present)', '• Set up the PMO.'].join('\n'));
    assert.equal(role?.title, 'DIRECTOR OF FINANCE / PROGRAM MANAGEMENT');
  });

  it('drops how much the job was worked from the title', () => {
    const text = [
      'Paralegal Volunteer (4 hours a week)',
      'June 2013 – current',
      'Eastfield Community Legal Centre, Eastfield',
      '• Interviewed clients.',
      'Support Engineer (40 % part time)',
      'June 2000 – July 2001',
      'Nordnet AS',
      '• Solved customer problems.',
    ].join('\n');
    assert.deepEqual(
      read(text).map((e) => e.title),
      ['Paralegal Volunteer', 'Support Engineer'],
    );
    // An aside that is part of the title stays: "Teacher (1st & 3rd Grade)".
    assert.equal(read(['Teacher (1st & 3rd Grade), Elm School', '2010 – 2012', '• Taught.'].join('\n'))[0]?.title, 'Teacher (1st & 3rd Grade)');
  });

  it('does not start a role at the dates inside a labelled title\'s aside', () => {
    const text = [
      '2009 – 2011',
      'Zinnia Telephone Banking, Melbourne',
      'Position: Customer Service Advisor (part time to 2011, full time from 2013)',
      'Responsibilities',
      '• Answered customer calls.',
    ].join('\n');
    assert.deepEqual(read(text).map((e) => [e.title, e.company, e.start, e.end]), [['Customer Service Advisor', 'Zinnia Telephone Banking', '2009', '2011']]);
  });
});

describe('parser 1.8.0: names with digits', () => {
  it('keeps "News 24/7" and "House2 TV" as employers, but not a long reference number', () => {
    const text = ['2004 – 2007', 'News 24/7', 'Newsreader', 'Read the evening news.', '2007 – Present', 'House2 TV', 'Anchor', 'Covered live events.'].join('\n');
    assert.deepEqual(roles(text), [
      ['Newsreader', 'News 24/7'],
      ['Anchor', 'House2 TV'],
    ]);
  });
});

describe('parser 1.8.0: the look-ahead leaves the next role its header', () => {
  it('keeps the company named above the date instead of taking the line under it', () => {
    const text = [
      'Marsh & Keller, PA',
      'Lakeland, Florida',
      'Paralegal (2004 – 2006)',
      'Dunmore Hale',
      'Tampa, Florida',
      'Legal Secretary (1999 – 2004)',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Paralegal', 'Marsh & Keller, PA'],
      ['Legal Secretary', 'Dunmore Hale'],
    ]);
  });
});

describe('parser 1.8.0: a title and what it was for, on a header line', () => {
  it('reads "Intern for the Evening Show and…" under the date as the title', () => {
    const text = ['Harbor Broadcasting, Chicago, IL - June 2008 - Sept 2008', 'Intern for the Evening Show and the Weekend Morning Show.', 'Booked guests for weekly episodes with the producer.'].join('\n');
    assert.deepEqual(roles(text), [['Intern', 'Harbor Broadcasting']]);
  });
});

describe('parser 1.8.0: a place hyphened onto the employer', () => {
  it('splits "Lakeshore Group-Chicago, IL" into the company and its place', () => {
    const [role] = read(['Lakeshore Group-Chicago, IL- Jan 2010-Sept 2013', 'Production Specialist', '• Edited videos.'].join('\n'));
    assert.deepEqual([role?.title, role?.company, role?.location], ['Production Specialist', 'Lakeshore Group', 'Chicago, IL']);
  });
});

describe('parser 1.8.0: what is not the company', () => {
  it('reads "Cashier, Store Ambassador - Green Grocer Market: Plymouth Meeting, PA" as two titles at the market', () => {
    const text = ['Cashier, Healthy Eating Ambassador - Green Grocer Market: Plymouth Meeting, PA', 'Oct 2014 to present', '• Served customers.'].join('\n');
    const found = read(text).map((e) => [e.title, e.company, e.location]);
    assert.deepEqual(found, [
      ['Cashier', 'Green Grocer Market', 'Plymouth Meeting, PA'],
      ['Healthy Eating Ambassador', 'Green Grocer Market', 'Plymouth Meeting, PA'],
    ]);
  });

  it('never names "Ongoing" as the employer', () => {
    const text = ['FREELANCE DRUPAL DEVELOPER, Ongoing', 'Short term freelance positions, March 2013 – Present', '• Built sites.'].join('\n');
    assert.ok(read(text).every((e) => e.company !== 'Ongoing'), JSON.stringify(read(text)));
  });
});

describe('parser 1.9.0: law and accounting firms', () => {
  it('keeps partners\' surnames and a professional association\'s "PA" in the firm name', () => {
    const text = [
      'Whitcombe Larkin Oduya Brandt, PA',
      'Tampa, Florida',
      'Paralegal (2013 present)',
      'The Harbour Law Group, PA',
      'Tampa, Florida',
      'Paralegal Supervisor (2006 2013)',
      'Pell, Quist, Hunter & Marlow, PA',
      'Alexandria, Louisiana',
      'Paralegal (2004 2006)',
      'Dana R. Ostrow, PA',
      'Fayetteville, North Carolina',
      'Legal Secretary (1999 2004)',
    ].join('\n');
    assert.deepEqual(roles(text), [
      ['Paralegal', 'Whitcombe Larkin Oduya Brandt, PA'],
      ['Paralegal Supervisor', 'The Harbour Law Group, PA'],
      ['Paralegal', 'Pell, Quist, Hunter & Marlow, PA'],
      ['Legal Secretary', 'Dana R. Ostrow, PA'],
    ]);
  });

  it('still reads "PA" after a city as Pennsylvania, and a title before a two-partner firm as a title', () => {
    const [city] = read(['Ridgeway Foods, Pittsburgh, PA', 'Buyer (2010 2014)'].join('\n'));
    assert.deepEqual([city?.title, city?.company, city?.location], ['Buyer', 'Ridgeway Foods', 'Pittsburgh, PA']);
    assert.deepEqual(roles(['Associate, Pell & Marlow, LLP', '2015 – 2019', '• Drafted contracts.'].join('\n')), [['Associate', 'Pell & Marlow, LLP']]);
  });
});

describe('precision: stray words are no titles', () => {
  it('leaves the title empty when the only candidate is a word with no sign of a job ("Paris")', () => {
    const text = ['Kiln Technician, Glazeworks Ltd', 'Jan 2019 - Dec 2020', 'Fired kilns.', 'Glazeworks Ltd - Paris', 'Mar 2021 - Present', 'Supported desktops.'].join('\n');
    assert.deepEqual(roles(text), [
      ['Kiln Technician', 'Glazeworks Ltd'],
      [null, 'Glazeworks Ltd'],
    ]);
  });

  it('keeps a short title with a job noun ("Waitperson") or a title word ("Freelance")', () => {
    assert.deepEqual(roles(['Waitperson, Chinos Cafe', 'Jan 2019 - Dec 2020'].join('\n')), [['Waitperson', 'Chinos Cafe']]);
    assert.deepEqual(roles(['Freelance', 'Jan 2019 - Dec 2020', '• Built shop sites.'].join('\n'))[0]?.[0], 'Freelance');
  });
});
