import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findLocation } from '../src/providers/local/location.js';
import { toLines } from '../src/providers/local/normalise.js';

/** Address lines written for these tests; basic "City, ST" forms are covered in parser-contact.test.ts. */
describe('location in address lines', () => {
  const cases: [string, string | null][] = [
    // postcode before the city
    ['Sam Roe\nBirkeveien 12, 0371 Oslo, +47 400 00 000', 'Oslo'],
    ['Sam Roe\n75011 Paris', 'Paris'],
    // city before a bare postcode at the end of a comma list
    ['Sam Roe\n14 Acacia Street, Green Park, Riverton, 2191', 'Riverton'],
    // "City" as the last word of a city's name, after a street address
    ['Sam Roe\n77 N. Elm Ave. #12 Carson City, NV 89701 | 555-0100', 'Carson City, NV'],
    ['Sam Roe\n12 Oak Street • Culver City, Ca 90230', 'Culver City, Ca'],
    // a state code after the city without a comma
    ['Sam Roe\n9 Bay Close, Seaview VIC 3999', 'Seaview VIC'],
    // …and with no postcode, as a contact segment of its own
    ['Sam Roe\nsam@example.com · 0400 000 000 · Seaview VIC\n\nStudy\nDiploma of Nursing, TAFE Victoria, 2019', 'Seaview VIC'],
    // a city, its state and its country, as LinkedIn writes them
    ['Sam Roe\nErlangen, Bavaria, Germany', 'Erlangen, Bavaria, Germany'],
    // a template postcode
    ['Sam Roe\nTreeville, NE 68xxx', 'Treeville, NE'],
    // a city with its country in parentheses
    ['Sam Roe\nBorn 3 May 1980, Padua (Italy)', 'Padua (Italy)'],
    ['Sam Roe\nsam@example.com', null],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text.split('\n').at(-1))}`, () => assert.equal(findLocation(toLines(text)), expected));
  }
});

describe('an address written one part a line', () => {
  const cases: [string, string | null][] = [
    ['Sam Roe\nOffice 4.2\n10 Elm Street\nNorthbridge\nNB8 9AB\nUnited Kingdom', 'Northbridge'],
    ['Sam Roe\nMaple Road\nRiverton\nPhone: 555-0100', 'Riverton'],
    ['RESUME OF Sam Roe\nPORT HAVEN\nsam@example.com', 'PORT HAVEN'],
    // a heading, a label and an oddly cased line are not cities
    ['Sam Roe\nSELECTED ACCOMPLISHMENTS\nsam@example.com', null],
    ['Sam Roe\nMail\nsam@example.com', null],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text.split('\n').slice(1, 4).join(' / '))}`, () => assert.equal(findLocation(toLines(text), 'Sam Roe'), expected));
  }
});
