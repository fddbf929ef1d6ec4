import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Education } from '../src/domain/index.js';
import { findInstitution, parseEducation } from '../src/providers/local/education.js';
import { toLines } from '../src/providers/local/normalise.js';

/** Education lines written for these tests (invented schools and places). */
const REFERENCE = new Date('2024-06-01T00:00:00Z');
const educationOf = (text: string): Education[] => parseEducation(toLines(text), { referenceDate: REFERENCE });

describe('degree phrases', () => {
  it('keeps the field after the degree restated as an abbreviation in brackets', () => {
    const [entry] = educationOf('Master of Science (M.S.) in Marine Biology, Northfield University, 2015');
    assert.equal(entry?.degree, 'Master of Science (M.S.) in Marine Biology');
    assert.equal(entry?.field, 'Marine Biology');
    assert.equal(entry?.institution, 'Northfield University');
    // A bracket that is no degree abbreviation still ends the degree.
    assert.equal(educationOf('Master of Science (Remote) in 2015')[0]?.degree, 'Master of Science (Remote)');
  });

  it('keeps a field written after a dash, but not a school or a place', () => {
    const [dashed] = educationOf('Bachelor of Arts - Economics, 2004\nLakeview University');
    assert.equal(dashed?.degree, 'Bachelor of Arts - Economics');
    assert.equal(dashed?.field, 'Economics');
    const [school] = educationOf('Bachelor of Arts - Lakeview University, 2004');
    assert.equal(school?.degree, 'Bachelor of Arts');
    assert.equal(school?.institution, 'Lakeview University');
    assert.equal(educationOf('Master of Science - Denver, CO, 2010')[0]?.degree, 'Master of Science');
  });

  it('drops a British degree class after the field', () => {
    assert.equal(educationOf('2009-2012 Eastbrook University\nBSc, Software Engineering 2:1')[0]?.degree, 'BSc, Software Engineering');
  });

  it('reads "Education Specialist", "Degree of Bachelor of …" and BCL', () => {
    const [eds] = educationOf('Ridgeview State University, Ridgeview\nEducation Specialist-School Psychology, 2011');
    assert.equal(eds?.degree, 'Education Specialist-School Psychology');
    assert.equal(eds?.degreeLevel, 'other');
    assert.equal(eds?.institution, 'Ridgeview State University');
    const [formal] = educationOf('Degree of Bachelor of Nursing to be conferred June 2025');
    assert.equal(formal?.degree, 'Degree of Bachelor of Nursing');
    assert.equal(formal?.degreeLevel, 'bachelor');
    const [bcl] = educationOf('BCL Law and German (grade 2.1)');
    assert.equal(bcl?.degree, 'BCL Law and German');
    assert.equal(bcl?.degreeLevel, 'bachelor');
  });

  it('drops the "of" a school name cut away', () => {
    const [entry] = educationOf('Admitted to study the award of PhD degree of Westfield University, admission 2019');
    assert.equal(entry?.degree, 'PhD degree');
    assert.equal(entry?.institution, 'Westfield University');
  });
});

describe('institution names', () => {
  it('reads a state university system by its acronym, a faculty and a training centre', () => {
    assert.equal(findInstitution('SUNY Westbrook, 1999, Counselling'), 'SUNY Westbrook');
    assert.equal(findInstitution('Faculty of Arts and Letters, Lyon'), 'Faculty of Arts and Letters');
    assert.equal(findInstitution('Harbourside Nursing Training Centre, Mombasa'), 'Harbourside Nursing Training Centre');
  });

  it('finds a school named inside a sentence after "at", "in" or an award\'s "of"', () => {
    assert.equal(findInstitution('Spent one year in University of Tarnow'), 'University of Tarnow');
    assert.equal(findInstitution('Awarded Diploma in Midwifery (DMW) of Eastbrook University.'), 'Eastbrook University');
    const [entry] = educationOf('Awarded Master of Public Policy (MPP) Degree of Westfield\nUniversity.');
    assert.equal(entry?.institution, 'Westfield University');
  });

  it('does not read memberships, sentences or publishers as schools', () => {
    assert.equal(findInstitution('Admitted as a full member of the Chartered Institute of Surveyors'), null);
    assert.equal(findInstitution('Ran workshops in the fields of Counselling & School Psychology'), null);
    assert.equal(findInstitution('Published by Lakeside University Press'), null);
  });
});

describe('degree or job', () => {
  it('reads "Education Specialist" as a degree only with its field or abbreviation after it', () => {
    assert.equal(educationOf('Education Specialist (Ed.S.) in Reading, Hillcrest University')[0]?.degreeLevel, 'other');
    assert.deepEqual(educationOf('Education Specialist, Hillside Elementary School, 2012'), [
      { degree: null, degreeLevel: null, field: null, institution: 'Hillside Elementary School', graduationYear: 2012 },
    ]);
  });
});

describe('layouts and vocabulary (recall round 2)', () => {
  it('pairs a column of degree abbreviations with the column of schools below it', () => {
    const entries = educationOf('Ph.D.\nM.A.\nB.A.\nLakeview University: Sociology, 2001\nSUNY Westbrook, 1995, Economics\nHillcrest College: Philosophy, 1990, Magna cum laude');
    assert.deepEqual(
      entries.map((e) => [e.degree, e.field, e.institution, e.graduationYear]),
      [
        ['Ph.D.', 'Sociology', 'Lakeview University', 2001],
        ['M.A.', 'Economics', 'SUNY Westbrook', 1995],
        ['B.A.', 'Philosophy', 'Hillcrest College', 1990],
      ],
    );
    // Fewer school lines than degrees: no pairing, each line read on its own.
    assert.equal(educationOf('Ph.D.\nM.A.\nLakeview University, 2001')[0]?.institution, null);
  });

  it('reads schools named in their own language', () => {
    assert.equal(findInstitution('Ecole Supérieure de Commerce, Lyon'), 'Ecole Supérieure de Commerce');
    assert.equal(findInstitution('Universiteit Brugge, Belgium'), 'Universiteit Brugge');
    assert.equal(findInstitution('Technische Hochschule Nordstadt'), 'Technische Hochschule Nordstadt');
    // The school on the line below a degree is no field of study.
    const [entry] = educationOf('Diplôme de Gestion\nEcole Marchal\nParis');
    assert.equal(entry?.degree, 'Diplôme de Gestion');
    assert.equal(entry?.institution, 'Ecole Marchal');
  });

  it('reads abbreviations with the major built in, professional and Indian forms, and foreign degree names', () => {
    for (const [line, level] of [
      ['BSEE, Northfield University, 2004', 'bachelor'],
      ['MSCS, Northfield University, 2006', 'master'],
      ['B.Pharm, Riverside College of Pharmacy', 'bachelor'],
      ['MBBS, Eastbrook Medical College', 'bachelor'],
      ['PGDM in Marketing, Lakeview Institute of Management', 'diploma'],
      ['M.E. in Structural Engineering, Hillcrest Institute of Technology', 'master'],
      ['P.hD in Chemistry, Northfield University', 'doctorate'],
      ['DVM, Westfield University, 2012', 'doctorate'],
      ['Laurea Magistrale in Ingegneria, Università di Nordstadt', 'master'],
      ['Licenciatura en Derecho, Universidad del Norte', 'bachelor'],
      ['Baccalauréat Scientifique, Lycée Marchal', 'high-school'],
      ['Graduate Courses in Education, Hillcrest State University', 'other'],
    ] as const) {
      assert.equal(educationOf(line)[0]?.degreeLevel, level, line);
    }
    // Initials and state codes stay out.
    assert.equal(educationOf('(NY: M.E. Sharpe, Inc., 1996)')[0]?.degree ?? null, null);
  });

  it('reads an unlisted abbreviation before its school as a degree, but not a school acronym', () => {
    const [mfs] = educationOf('2002-2005\nMFS, Lakeside Motor School');
    assert.equal(mfs?.degree, 'MFS');
    assert.equal(mfs?.field, null);
    assert.equal(mfs?.institution, 'Lakeside Motor School');
    assert.equal(educationOf('MIT, Sloan School of Management')[0]?.degree, null);
    assert.equal(educationOf('BLS, Bramble Lakeside School')[0]?.degree, null);
  });

  it('takes a school without a head word from the line under the degree, before its place or with its years', () => {
    const [placed] = educationOf('Bachelor of Arts : Business Administration\nRCU Westbrook\nWestbrook, NC');
    assert.equal(placed?.institution, 'RCU Westbrook');
    const [dated] = educationOf('MSc International Development\nOxbridge Brookfield, 2003 - 2004');
    assert.equal(dated?.institution, 'Oxbridge Brookfield');
    // A field of study under the degree is no school.
    assert.equal(educationOf('Bachelor of Science, 2004\nComputer Science\nDenver, CO')[0]?.institution, null);
  });
});

describe('layouts and vocabulary (recall round 3)', () => {
  const strictOf = (text: string): Education[] => parseEducation(toLines(text), { referenceDate: REFERENCE, strict: true });

  it('names a school and the university it belongs to in full, as written', () => {
    assert.equal(educationOf('THE HALVERN SCHOOL, UNIVERSITY OF WESTBROOK\nMaster of Business Administration, 2011')[0]?.institution, 'THE HALVERN SCHOOL, UNIVERSITY OF WESTBROOK');
    assert.equal(educationOf('University of Northfield, School of Kinesiology\nMasters of Education, 2010')[0]?.institution, 'University of Northfield, School of Kinesiology');
    assert.equal(educationOf('Lakeview University - College of Law | Lakeview, GA\nJ.D., 2006')[0]?.institution, 'Lakeview University - College of Law');
    // A place, a high school or a job beside the university is no part of its name.
    assert.equal(educationOf('Westbrook University, Westbrook, MA\nB.A., 2001')[0]?.institution, 'Westbrook University');
    assert.equal(educationOf('Greenfield Higher Secondary School, Westbrook University Campus')[0]?.institution, 'Westbrook University Campus');
    assert.equal(educationOf('Research Assistant at the Institute of Optics, Northfield University of Technology')[0]?.institution, 'Northfield University of Technology');
  });

  it('reads a school named by its acronym after "from", but not a place or an anonymised name', () => {
    assert.equal(educationOf('Diploma in Electronics Engineering from NIT, Coimbatore, India')[0]?.institution, 'NIT');
    assert.equal(educationOf('Bachelor of Arts from NY, 2001')[0]?.institution, null);
    assert.equal(educationOf('B.E. (Information Science) from XXXXXXX')[0]?.institution, null);
  });

  it('finishes a school name cut after "of" from the start of a long line', () => {
    const [entry] = educationOf(
      'Received a Bachelor of Science in Physics from the Lakeview Institute of\nTechnology. Concentrated in optics, numerical methods, astronomy and a minor in philosophy of science.',
    );
    assert.equal(entry?.institution, 'Lakeview Institute of Technology');
  });

  it('reads abbreviated universities and drops a referee\'s phone label', () => {
    assert.equal(findInstitution('Westbrook State Univ., 1999'), 'Westbrook State Univ.');
    assert.equal(educationOf('BA in History, Univ. of Northfield, 2004')[0]?.institution, 'Univ. of Northfield');
    assert.equal(educationOf('BA in History, Univ. of Northfield, 2004')[0]?.degree, 'BA in History');
    assert.equal(findInstitution('Lakeview Catholic University Ph: 9911 1122'), 'Lakeview Catholic University');
  });

  it('ends a degree before its school, its marks, a stray bracket or a document title', () => {
    assert.equal(educationOf('Masters in Mass Communication, Brightway College.')[0]?.degree, 'Masters in Mass Communication');
    assert.equal(educationOf('Bachelor of English Literature with average of 80.66% (GPA 3.00)')[0]?.degree, 'Bachelor of English Literature');
    assert.equal(educationOf('Computer Science (all Masters coursework completed) 1995')[0]?.degree, 'Masters coursework completed');
    assert.equal(educationOf('LLB\nSubjects include:\nMedical Law')[0]?.degree, 'LLB');
    assert.equal(strictOf('Ph.D. RESUME')[0]?.degree, 'Ph.D.');
  });

  it('keeps a qualification that fills its line outside the education section, but not a passing mention', () => {
    assert.deepEqual(
      strictOf('Qualifications\nNVQ 3 in Retailing\nGNVQ Advanced Information Technology (Pass)\nGCSE Mathematics').map((e) => e.degree),
      ['NVQ 3 in Retailing', 'GNVQ Advanced Information Technology (Pass)'],
    );
    assert.deepEqual(strictOf('Worked part time while taking my\nPhD.'), []);
    assert.deepEqual(strictOf('Led the reading group with Dr. Roe, Ph.D., on Fridays'), []);
    assert.deepEqual(strictOf('PhD Scholarship'), []);
  });
});
