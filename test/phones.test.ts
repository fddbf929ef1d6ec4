import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPhones, isPhone } from '../src/providers/local/contact.js';

describe('phone numbers', () => {
  const formats = [
    '+44 20 7946 0958',
    '+1 (415) 555-0100',
    '123-345-7890',
    '(123)345-7890',
    '123.345.7890',
    '+91 98765 43210',
    '0049 30 1234567',
    '+33 (0)6 58 87 40 75',
    '06.61.33.91.80',
    '07123 456789',
  ];
  for (const phone of formats) {
    it(`finds ${phone}`, () => assert.deepEqual(findPhones(`Tel: ${phone} | jane@example.com`), [phone]));
  }

  it('keeps each number as written, once', () => {
    assert.deepEqual(findPhones('Home: (123) 345-7890 • Cell: 123-345-7891 • Office: (123) 345-7890'), [
      '(123) 345-7890',
      '123-345-7891',
    ]);
  });

  it('does not take years, date ranges, dates or postcodes for phones', () => {
    for (const text of [
      '2004-2007',
      '1999 - 2005',
      'Jan 2019 - 2021',
      '10.04.1978',
      'Boston, MA 02115',
      'Chennai - 600121',
      '2003 2004 2005',
      'Employee #123456',
      'Page 1 of 2',
      'GPA 3.85/4.00',
    ]) {
      assert.deepEqual(findPhones(text), [], text);
    }
  });

  it('finds the phone among dates and a zip code on the same line', () => {
    assert.deepEqual(findPhones('Phone: 123-345-7890 | 2019 - 2021 | Boston, MA 02115'), ['123-345-7890']);
  });

  it('validates candidates', () => {
    assert.equal(isPhone('5550100'), false); // too short without separators
    assert.equal(isPhone('555-0100'), true);
    assert.equal(isPhone('1234567890'), true);
    assert.equal(isPhone('0000000000'), false);
    assert.equal(isPhone('12345678901234567'), false);
  });
});
