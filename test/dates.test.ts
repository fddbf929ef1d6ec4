import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDateRanges, isDateOnly, numericDateOrder, parsePartialDate, totalMonths } from '../src/providers/local/dates.js';

const REFERENCE = new Date('2024-06-15T00:00:00Z');

/** The first range in a line, as [start, end, current]. */
function range(text: string): [string | null, string | null, boolean] | undefined {
  const r = findDateRanges(text, REFERENCE)[0];
  return r === undefined ? undefined : [r.start, r.end, r.current];
}

describe('range extent', () => {
  it('covers the bare start month, the two-digit end and "onwards", so a line can drop the whole range', () => {
    for (const [line, dates] of [
      ['Clerk, January - May 2011, Acme', 'January - May 2011'],
      ['Clerk 1984-86 Acme', '1984-86'],
      ['Clerk May 2014 onwards', 'May 2014 onwards'],
    ] as const) {
      const r = findDateRanges(line, REFERENCE)[0]!;
      assert.equal(line.slice(r.index, r.index + r.length), dates);
    }
  });
});

describe('date ranges', () => {
  const cases: [string, [string | null, string | null, boolean]][] = [
    ['Jan 2021 - Mar 2022', ['2021-01', '2022-03', false]],
    ['January 2021 – Present', ['2021-01', null, true]],
    ['01/2019 – 03/2020', ['2019-01', '2020-03', false]],
    ['2/1/2012 - Current', ['2012-02', null, true]],
    ['2019–present', ['2019', null, true]],
    ['2004-2007', ['2004', '2007', false]],
    ['2007-Present', ['2007', null, true]],
    ['2015 till date', ['2015', null, true]],
    ['March 2015 to date', ['2015-03', null, true]],
    ['2018 – Date', ['2018', null, true]],
    ['Sept 2013 - Now', ['2013-09', null, true]],
    ['1997 to Present', ['1997', null, true]],
    ['June 2010 — August 2013', ['2010-06', '2013-08', false]],
    ["Jan '19 – Dec '20", ['2019-01', '2020-12', false]],
    ['Fall 2000 – Spring 2004', ['2000', '2004', false]],
    ['Summer 2018', ['2018', null, false]],
    ['Since: September 1st 2014 Until: Currently', ['2014-09', null, true]],
    ['Since 2015', ['2015', null, true]],
    ['18/06/2014 - Present', ['2014-06', null, true]],
    ['Jul 11 - Sept 13', ['2011-07', '2013-09', false]],
    // Extraction artefacts: the dash between the two ends was lost.
    ['20132015', ['2013', '2015', false]],
    ['2016present', ['2016', null, true]],
    ['2015 Present', ['2015', null, true]],
    // Template placeholders still mark where a role's dates are.
    ['September 20XX - Present', [null, null, true]],
    ['19xx – 20xx', [null, null, false]],
    ['[Year] - Present', [null, null, true]],
    ['[year] – [year]', [null, null, false]],
    // A year range whose end keeps two digits; "2019-03" is an ISO month, unless it names the next year.
    ['1984-86', ['1984', '1986', false]],
    ['1998 – 02', ['1998', '2002', false]],
    ['2019-03', ['2019-03', null, false]],
    ['2023-06 – present', ['2023-06', null, true]],
    ['2019-01 – 2021-03', ['2019-01', '2021-03', false]],
    ['2019-03-15 to 2020-01-02', ['2019-03', '2020-01', false]],
    ['2011-12', ['2011', '2012', false]],
    // Spaced month/year.
    ['08 / 2008 - 09 / 2009', ['2008-08', '2009-09', false]],
    // A month-only start takes the end's year (the year before when it comes later in the year).
    ['January - May 2011', ['2011-01', '2011-05', false]],
    ['November to February 2011', ['2010-11', '2011-02', false]],
    // Open ranges written after or before their start.
    ['May 2014 onwards', ['2014-05', null, true]],
    ['since 2019', ['2019', null, true]],
    ['Analyst 20072013 Acme', ['2007', '2013', false]],
  ];
  for (const [text, expected] of cases) {
    it(`reads "${text}"`, () => assert.deepEqual(range(text), expected));
  }

  it('finds the range inside a header line', () => {
    const [r] = findDateRanges('Senior Engineer, Acme Inc. (Mar 2019 – Present), Boston', REFERENCE);
    assert.deepEqual([r?.start, r?.end, r?.current], ['2019-03', null, true]);
  });

  it('does not take phone numbers, money or grades for dates', () => {
    for (const text of ['(123) 345-7890', '$2,500 budget', 'GPA 3.5', 'Room 101', '123-345-7890']) {
      assert.deepEqual(findDateRanges(text, REFERENCE), [], text);
    }
  });

  it('resolves two-digit years against the reference date', () => {
    assert.equal(parsePartialDate("'19", REFERENCE), '2019');
    assert.equal(parsePartialDate("'95", REFERENCE), '1995');
    assert.equal(parsePartialDate('7/95', REFERENCE), '1995-07');
  });

  it('reads single dates', () => {
    assert.equal(parsePartialDate('May 2010', REFERENCE), '2010-05');
    assert.equal(parsePartialDate('Graduated 2016', REFERENCE), '2016');
    assert.equal(parsePartialDate('5 January 2021', REFERENCE), '2021-01');
    assert.equal(parsePartialDate('no date here', REFERENCE), null);
  });

  it('tells a date-only line from a line with text', () => {
    assert.equal(isDateOnly('2015 - 2018'), true);
    assert.equal(isDateOnly('Expected May 2014'), true);
    assert.equal(isDateOnly('2015 Associate Professor'), false);
  });
});

describe('template placeholders and other written spans', () => {
  /** The first range as [start, end, closed]. */
  const span = (text: string): [string | null, string | null, boolean] | undefined => {
    const r = findDateRanges(text, REFERENCE)[0];
    return r === undefined ? undefined : [r.start, r.end, r.closed];
  };

  it('reads placeholder years as a closed span with unknown ends', () => {
    assert.deepEqual(span('Art Teacher, Elm Grove School, 19xx-20xx'), [null, null, true]);
    assert.deepEqual(span('March 20XX – May 20XX'), [null, null, true]);
    assert.deepEqual(span('Tutor, Pine Middle School, August - November 20XX'), [null, null, true]);
  });

  it('keeps a lone date unclosed, and a real range closed', () => {
    assert.deepEqual(span('Clerk, Acme Foods, 2019'), ['2019', null, false]);
    assert.deepEqual(span('2015 – 2019'), ['2015', '2019', true]);
  });

  it('reads plural seasons and a two-digit end before a colon', () => {
    assert.deepEqual(span('Summers 20XX, 20XX'), [null, null, true]);
    assert.deepEqual(range('1992-95: Senior Legal Officer, Outback Land Council'), ['1992', '1995', false]);
  });
});

describe('day-first and month-first numeric dates', () => {
  it('settles the order from the dates that allow only one reading', () => {
    assert.equal(numericDateOrder('Date of birth: 14/07/1990\n01/03/2020 – Present'), 'day-first');
    assert.equal(numericDateOrder('01/03/2020 – 12/31/2021'), 'month-first');
    assert.equal(numericDateOrder('Verfügbar ab 01.03.2026'), 'day-first');
  });

  it('reads month-first when nothing settles it', () => {
    assert.equal(numericDateOrder('01/03/2020 – 02/04/2021, phone 555-0100'), 'month-first');
  });

  it('reads a range in the order it is given', () => {
    const ends = (order: 'day-first' | 'month-first') => {
      const r = findDateRanges('01/03/2020 – 05/11/2021', REFERENCE, order)[0]!;
      return [r.start, r.end];
    };
    assert.deepEqual(ends('day-first'), ['2020-03', '2021-11']);
    assert.deepEqual(ends('month-first'), ['2020-01', '2021-05']);
  });

  it('still takes the only possible month when the order says otherwise', () => {
    assert.equal(findDateRanges('18/06/2014 - Present', REFERENCE, 'month-first')[0]!.start, '2014-06');
    assert.equal(findDateRanges('06/18/2014 - Present', REFERENCE, 'day-first')[0]!.start, '2014-06');
  });
});

describe('total experience', () => {
  it('merges overlapping roles and counts both end months', () => {
    const months = totalMonths(
      [
        { start: '2019-01', end: '2020-12', current: false },
        { start: '2020-06', end: '2021-06', current: false },
      ],
      REFERENCE,
    );
    assert.equal(months, 30);
  });

  it('counts a current role up to the reference month', () => {
    assert.equal(totalMonths([{ start: '2024-01', end: null, current: true }], REFERENCE), 6);
    assert.equal(totalMonths([{ start: '2024-01', end: null, current: true }], new Date('2025-01-10T00:00:00Z')), 13);
  });

  it('counts year-only ranges in whole years and skips roles without a start', () => {
    assert.equal(
      totalMonths(
        [
          { start: '2004', end: '2007', current: false },
          { start: null, end: '2010', current: false },
          { start: '2012', end: null, current: false },
        ],
        REFERENCE,
      ),
      36,
    );
  });
});
