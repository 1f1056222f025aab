/**
 * FRED's frequency aggregation in `resample` (issue 12): average, sum and end of period over Wednesday
 * weeks (Thursday..Wednesday), calendar months and quarters, each period dated as FRED dates it.
 * Expectations computed by hand from the dates below.
 */
import { describe, expect, it } from 'vitest';
import { resample } from '../../../shared/compute/align.js';
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
