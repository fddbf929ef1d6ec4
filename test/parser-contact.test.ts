import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findEmails, findLinks } from '../src/providers/local/contact.js';
import { findLocation } from '../src/providers/local/location.js';
import { findName, nameCandidate } from '../src/providers/local/name.js';
import { toLines } from '../src/providers/local/normalise.js';

function nameOf(text: string): string | null {
  return findName({ lines: toLines(text), emails: findEmails(text) });
}

describe('candidate name', () => {
  it('takes the first line that reads like a name', () => {
    assert.equal(nameOf('Jane Q. Doe\nSenior Engineer\njane@example.com'), 'Jane Q. Doe');
    assert.equal(nameOf("Seán O'Connor-Smith\nDublin, Ireland"), "Seán O'Connor-Smith");
    assert.equal(nameOf('Jane Baker\nLondon, United Kingdom | jane@example.com'), 'Jane Baker');
  });

  it('skips document titles and template junk', () => {
    assert.equal(nameOf('Create a Resume in minutes with this template!\nBuild My Resume\nJohn Smith\n1 Main Street'), 'John Smith');
    assert.equal(nameOf('Curriculum Vitae\nMaria Lopez\nmaria@example.com'), 'Maria Lopez');
    assert.equal(nameOf('Marketing Manager Resume Template\nLee Chan\nlee@example.com'), 'Lee Chan');
    assert.equal(nameOf('DO NOT COPY: You are advised not to copy this sample.\nAnna Berg\nanna@example.com'), 'Anna Berg');
  });

  it('returns nothing for placeholders', () => {
    assert.equal(nameOf('NAME\n641 Any Circle, City, State 00000\nname@example.com'), null);
    assert.equal(nameOf('Your Name\n123 Your Street\nyou@example.com'), null);
    assert.equal(nameOf('First Name Last Name\n6 Pine Street'), null);
  });

  it('honours "Name:" labels, also in two-cell tables', () => {
    assert.equal(nameOf('CURRICULUM VITAE\nPERSONAL DETAILS\nName: Amos Otieno\nNationality: Kenyan'), 'Amos Otieno');
    assert.equal(nameOf('NAME\n:\nKendall Myles\nGENDER : Female'), 'Kendall Myles');
  });

  it('cuts credentials, placeholders and what follows the name on its line', () => {
    assert.equal(nameCandidate('Todd Kertzmann, MBA, PMP'), 'Todd Kertzmann');
    assert.equal(nameCandidate('Cassin XXXX'), 'Cassin');
    assert.equal(nameCandidate('Marvin Romaguera · June 12, 1982'), 'Marvin Romaguera');
    assert.equal(nameCandidate('Ivan Keeling 87 Some Example Street'), 'Ivan Keeling');
    assert.equal(nameCandidate('RESUME OF Darell Cormier'), 'Darell Cormier');
    assert.equal(nameCandidate('Kumar.S'), 'Kumar');
  });

  it('does not take headings, titles, places or addresses for names', () => {
    for (const line of [
      'EXPERIENCE',
      'Marketing Manager',
      'SOCIAL MEDIA MANAGER',
      'New York, NY',
      'London, United Kingdom | jane@example.com',
      'Clayton VIC',
      '123 Main St.',
      'Ph.D. RESUME',
    ]) {
      assert.equal(nameCandidate(line), null, line);
    }
  });
});

describe('e-mails and links', () => {
  it('finds e-mail addresses as written, once each', () => {
    assert.deepEqual(findEmails("Email: Tatyana.D'Amore@zsaw.biz, Jane.Doe+cv@example.co.uk or jane.doe+cv@example.co.uk."), [
      "Tatyana.D'Amore@zsaw.biz",
      'Jane.Doe+cv@example.co.uk',
    ]);
  });

  it('finds profile and web links', () => {
    assert.deepEqual(
      findLinks('linkedin.com/in/jane-doe | https://github.com/janedoe, www.janedoe.dev. http://www.linkedin.com/in/jane-doe'),
      ['https://github.com/janedoe', 'www.janedoe.dev', 'http://www.linkedin.com/in/jane-doe'],
    );
  });
});

describe('location', () => {
  const cases: [string, string | null][] = [
    ['12B, Violet Apartments\nKingston Avenue, Phoenix, AZ 85006\n123-345-7890', 'Phoenix, AZ'],
    ['Jane Roe\n1234 W. Michigan Ave • Chicago, IL 45670 • 123-3456-7890', 'Chicago, IL'],
    ['Harrisburg, Pennsylvania\nPhone, 717- 980-3461', 'Harrisburg, Pennsylvania'],
    ['4-Surya Park, Off ITI Road, Aundh, Pune- 411007, Maharashtra, India', 'Maharashtra, India'],
    ['Rahul Sharma\nPune - 411007', 'Pune'],
    ['Flat 5a, 26 Gistock Street\nBirmingham B18 6NF', 'Birmingham'],
    ['Frontier Road\nGermany\nPhone: 753-76-543', 'Germany'],
    ['ABC International Bank, New Jersey, NY', 'New Jersey, NY'],
    ['jane@example.com | 555-0100', null],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text.split('\n').at(-1))}`, () => assert.equal(findLocation(toLines(text)), expected));
  }
});
