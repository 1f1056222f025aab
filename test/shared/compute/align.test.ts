/**
 * FRED's frequency aggregation in `resample` (issue 12): average, sum and end of period over Wednesday
 * weeks (Thursday..Wednesday), calendar months and quarters, each period dated as FRED dates it.
 * Expectations computed by hand from the dates below.
 */
import { describe, expect, it } from 'vitest';
import { resample, resampleComplete } from '../../../shared/compute/align.js';
import { seriesOf } from '../../../shared/compute/series.js';
import { epochDay, fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';

const day = (s: string): number => epochDay(s as IsoDate);
const rows = (s: ReturnType<typeof resample>): [string, number][] => Array.from(s.dates, (x, i) => [fromEpochDay(x), s.values[i] ?? Number.NaN]);

// Daily take-ups ($bn): two in late December 2025, three in January 2026, one in April 2026.
const daily = seriesOf(
  [day('2025-12-30'), day('2025-12-31'), day('2026-01-02'), day('2026-01-07'), day('2026-01-08'), day('2026-04-15')],
  [3, 74.6, 22.8, 0, 5, 10.463],
);

describe('resample: sum', () => {
  it('monthly: each month is the total of its days, dated on the 1st; a month without values is absent', () => {
    const m = rows(resample(daily, 'M', 'sum'));
    expect(m.map(([d]) => d)).toEqual(['2025-12-01', '2026-01-01', '2026-04-01']);
    expect(m[0]?.[1]).toBeCloseTo(77.6, 12);
    expect(m[1]?.[1]).toBeCloseTo(27.8, 12);
    expect(m[2]?.[1]).toBe(10.463);
  });

  it('weekly: Thursday..Wednesday totals, dated on the Wednesday', () => {
    // 2025-12-30 (Tue), 12-31 (Wed) → week ending 12-31; 01-02 (Fri), 01-07 (Wed) → 01-07; 01-08 (Thu) starts the next.
    const w = rows(resample(daily, 'W', 'sum'));
    expect(w.map(([d]) => d)).toEqual(['2025-12-31', '2026-01-07', '2026-01-14', '2026-04-15']);
    expect(w[0]?.[1]).toBeCloseTo(77.6, 12);
    expect(w[1]?.[1]).toBeCloseTo(22.8, 12);
    expect(w[2]?.[1]).toBe(5);
  });

  it('quarterly: totals of Q4 2025, Q1 and Q2 2026, dated on the quarter’s first day', () => {
    const q = rows(resample(daily, 'Q', 'sum'));
    expect(q.map(([d]) => d)).toEqual(['2025-10-01', '2026-01-01', '2026-04-01']);
    expect(q[0]?.[1]).toBeCloseTo(77.6, 12);
    expect(q[1]?.[1]).toBeCloseTo(27.8, 12);
    expect(q[2]?.[1]).toBe(10.463);
  });

  it('skips missing values (NaN) instead of counting them as zero; a period of only NaN is absent', () => {
    const s = seriesOf([day('2026-02-02'), day('2026-02-03'), day('2026-03-02')], [4, Number.NaN, Number.NaN]);
    expect(rows(resample(s, 'M', 'sum'))).toEqual([['2026-02-01', 4]]);
    expect(rows(resample(s, 'M', 'avg'))).toEqual([['2026-02-01', 4]]);
  });

  it('differs from average and end of period on the same data', () => {
    const m = (how: 'avg' | 'sum' | 'eop'): number => resample(daily, 'M', how).values[1] ?? Number.NaN;
    expect(m('sum')).toBeCloseTo(27.8, 12);
    expect(m('avg')).toBeCloseTo(27.8 / 3, 12);
    expect(m('eop')).toBe(5);
  });

  it('quarter end of period: the last value of each quarter', () => {
    expect(rows(resample(daily, 'Q', 'eop'))).toEqual([
      ['2025-10-01', 74.6],
      ['2026-01-01', 5],
      ['2026-04-01', 10.463],
    ]);
  });
});

describe('resampleComplete: a last period the data does not reach the end of is left out (FRED reports complete periods only)', () => {
  const weekly = (from: string, n: number, v = 3000): ReturnType<typeof seriesOf> => seriesOf(Array.from({ length: n }, (_, i) => day(from) + 7 * i), Array.from({ length: n }, () => v));
  /** Weekdays from `from` to `to`, each worth 1. */
  const businessDays = (from: string, to: string): ReturnType<typeof seriesOf> => {
    const ds: number[] = [];
    for (let d = day(from); d <= day(to); d++) if (![0, 6].includes(((d + 4) % 7 + 7) % 7)) ds.push(d);
    return seriesOf(ds, ds.map(() => 1));
  };
  const keys = (s: ReturnType<typeof resample>): string[] => Array.from(s.dates, (d) => fromEpochDay(d));

  it('WRESBAL-like Wednesdays to 2026-10-07: October (one week against full months) is left out, September kept', () => {
    const s = weekly('2026-07-01', 15);
    expect(fromEpochDay(s.dates[14] ?? 0)).toBe('2026-10-07');
    const r = resampleComplete(s, 'M', 'sum');
    expect(keys(r.series)).toEqual(['2026-07-01', '2026-08-01', '2026-09-01']);
    expect(Array.from(r.series.values)).toEqual([5 * 3000, 4 * 3000, 5 * 3000]);
    expect(r.dropped).toEqual({ period: day('2026-10-01'), periodEnd: day('2026-10-31'), lastObservation: day('2026-10-07') });
    // resample itself still gives the part-month (its other callers are unchanged).
    expect(keys(resample(s, 'M', 'sum')).at(-1)).toBe('2026-10-01');
    expect(resample(s, 'M', 'sum').values.at(-1)).toBe(3000);
  });

  it('a weekly series is complete at its last Wednesday of the month, not before it', () => {
    // September 2026 ends on a Wednesday (the 30th): its last week is that Wednesday's.
    expect(resampleComplete(weekly('2026-08-05', 9), 'M', 'avg').dropped).toBeNull(); // ends 09-30
    expect(resampleComplete(weekly('2026-08-05', 8), 'M', 'avg').dropped?.lastObservation).toBe(day('2026-09-23'));
    // October 2026 ends on a Saturday: 10-28 is its last Wednesday.
    expect(resampleComplete(weekly('2026-10-07', 4), 'M', 'sum').dropped).toBeNull();
  });

  it('a business-day series: a Friday closes a month that ends on a weekend; a missing last weekday leaves it out', () => {
    // May 2026 ends on Sunday the 31st; Friday the 29th is its last business day.
    expect(resampleComplete(businessDays('2026-04-01', '2026-05-29'), 'M', 'sum').dropped).toBeNull();
    const short = resampleComplete(businessDays('2026-04-01', '2026-05-28'), 'M', 'sum');
    expect(short.dropped?.period).toBe(day('2026-05-01'));
    expect(keys(short.series)).toEqual(['2026-04-01']);
    // Weeks (Thursday..Wednesday): through Wednesday is whole, through Tuesday is not.
    expect(resampleComplete(businessDays('2026-09-03', '2026-09-16'), 'W', 'sum').dropped).toBeNull();
    expect(resampleComplete(businessDays('2026-09-03', '2026-09-15'), 'W', 'sum').dropped?.period).toBe(day('2026-09-16'));
    // Quarters: data to 2026-08-21 (RPONTTLD's last day in the snapshot) leaves Q3 out.
    expect(resampleComplete(businessDays('2026-01-01', '2026-08-21'), 'Q', 'avg').dropped?.period).toBe(day('2026-07-01'));
  });

  it('a series published every day (IORB) needs the period’s last calendar day', () => {
    const every = (to: string): ReturnType<typeof seriesOf> => {
      const ds: number[] = [];
      for (let d = day('2026-09-01'); d <= day(to); d++) ds.push(d);
      return seriesOf(ds, ds.map(() => 4.4));
    };
    expect(resampleComplete(every('2026-10-31'), 'M', 'avg').dropped).toBeNull();
    expect(resampleComplete(every('2026-10-30'), 'M', 'avg').dropped?.period).toBe(day('2026-10-01'));
  });

  it('a monthly series (dated on the 1st) closes a quarter with its March value, not with February’s', () => {
    const monthly = (n: number): ReturnType<typeof seriesOf> => seriesOf(Array.from({ length: n }, (_, i) => day(`2025-${String(i + 1).padStart(2, '0')}-01`)), Array.from({ length: n }, () => 10));
    expect(resampleComplete(monthly(6), 'Q', 'sum').dropped).toBeNull(); // to June
    expect(resampleComplete(monthly(3), 'Q', 'sum').dropped).toBeNull(); // to March
    const feb = resampleComplete(monthly(2), 'Q', 'sum');
    expect(feb.dropped?.period).toBe(day('2025-01-01'));
    expect(feb.series.dates.length).toBe(0);
  });

  it('NaN at the end is not data: the last finite value decides; fewer than two values leave things as they are', () => {
    const s = seriesOf([...weekly('2026-07-01', 15).dates, day('2026-10-28')], [...Array.from({ length: 15 }, () => 1), Number.NaN]);
    expect(resampleComplete(s, 'M', 'sum').dropped?.lastObservation).toBe(day('2026-10-07'));
    expect(resampleComplete(seriesOf([day('2026-10-07')], [1]), 'M', 'sum').dropped).toBeNull();
  });
});
