import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay, epochDayAt, fromEpochDay, isIsoDate, type IsoDate } from '../../../shared/time/iso-date.js';

const viaDateParse = (s: string): number => Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000);

describe('epochDay (digit reader)', () => {
  it('agrees with Date.parse on known days', () => {
    expect(epochDay('1970-01-01' as IsoDate)).toBe(0);
    expect(epochDay('2025-10-31' as IsoDate)).toBe(20_392);
    expect(epochDay('1900-03-01' as IsoDate)).toBe(viaDateParse('1900-03-01'));
    expect(epochDay('2000-02-29' as IsoDate)).toBe(viaDateParse('2000-02-29'));
  });

  it('agrees with Date.parse and round-trips through fromEpochDay on every kind of calendar date (property)', () => {
    // Synthetic dates (property test): years 0001–9999 cover leap centuries and the proleptic calendar.
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (day) => {
        const iso = fromEpochDay(day);
        expect(isIsoDate(iso)).toBe(true);
        expect(epochDay(iso)).toBe(day);
        expect(epochDay(iso)).toBe(viaDateParse(iso));
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives what Date.parse gives (NaN) for strings that are not dates', () => {
    for (const s of ['', '2025-13-01', '20a5-01-01', '2025/01/01', '2025-1-01', 'abcd-ef-gh', '2025-00-10', '2025-01-00', ' 2025-01-0']) {
      expect(Number.isNaN(epochDay(s as IsoDate)), s).toBe(Number.isNaN(viaDateParse(s)));
    }
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    for (const s of ['2025-10-31', '2000-02-29', '1954-07-01', '0001-01-01']) expect(isIsoDate(s), s).toBe(true);
    for (const s of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-01', '2025-01-00', '2025-1-01', '20251031', '2025/10/31', ' 2025-10-3', '2025-10-31 ', '２025-10-31', 'abcd-ef-gh', '']) expect(isIsoDate(s), s).toBe(false);
  });

  it('agrees with a regex-and-Date reference on random strings of the date shape (property)', () => {
    const reference = (s: string): boolean => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      if (!m) return false;
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    };
    const digit = fc.constantFrom(...'0123456789x-'.split(''));
    fc.assert(
      fc.property(fc.array(digit, { minLength: 4, maxLength: 4 }), fc.array(digit, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 2, maxLength: 2 }), (y, m, d) => {
        const s = `${y.join('')}-${m.join('')}-${d.join('')}`;
        expect(isIsoDate(s), s).toBe(reference(s));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('epochDayAt (a date inside a longer text)', () => {
  it('is isIsoDate then epochDay on the ten characters at the offset (property)', () => {
    const digit = fc.constantFrom(...'0123456789x-'.split(''));
    fc.assert(
      fc.property(fc.string({ maxLength: 3 }), fc.array(digit, { minLength: 4, maxLength: 4 }), fc.array(digit, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 2, maxLength: 2 }), fc.string({ maxLength: 3 }), (pre, y, m, d, post) => {
        const date = `${y.join('')}-${m.join('')}-${d.join('')}`;
        const got = epochDayAt(`${pre}${date}${post}`, pre.length);
        if (isIsoDate(date)) expect(got, date).toBe(epochDay(date));
        else expect(got, date).toBeNaN();
      }),
      { numRuns: 20_000 },
    );
  });

  it('is NaN when the ten characters run past either end of the text', () => {
    expect(epochDayAt('x2025-10-31', 1)).toBe(epochDay('2025-10-31' as IsoDate));
    expect(epochDayAt('2025-10-3', 0)).toBeNaN();
    expect(epochDayAt('x2025-10-31', 2)).toBeNaN();
    expect(epochDayAt('2025-10-31', -1)).toBeNaN();
  });
});

describe('fromEpochDay by arithmetic', () => {
  it('agrees with Date.toISOString on every day from 0000-01-01 to 9999-12-31, and inverts epochDay', () => {
    // Exhaustive over the fast path's whole range (about 3.65 million days), plus fractions.
    let bad = 0;
    for (let day = -719_528; day <= 2_932_896; day += 1) {
      const want = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (fromEpochDay(day) !== want) bad++;
    }
    expect(bad).toBe(0);
    expect(fromEpochDay(20_000.75)).toBe(new Date(20_000.75 * 86_400_000).toISOString().slice(0, 10));
    expect(fromEpochDay(-0.5)).toBe('1969-12-31');
    expect(epochDay(fromEpochDay(20_423))).toBe(20_423);
    // Outside 0000–9999 and for NaN the Date path's own results and error.
    expect(fromEpochDay(2_932_897)).toBe(new Date(2_932_897 * 86_400_000).toISOString().slice(0, 10));
    expect(() => fromEpochDay(Number.NaN)).toThrow(RangeError);
  });
});
