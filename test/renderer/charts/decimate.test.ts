import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { m4Indices, visibleIndices, type Column } from '../../../renderer/charts/decimate.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import { REPO_ROOT } from '../../support/paths.js';

/** For every bucket and series: first, last, min and max over all finite points, and over the kept ones. */
function envelope(x: ArrayLike<number>, cols: readonly Column[], keep: ArrayLike<number>, lo: number, hi: number, buckets: number): { all: string[]; kept: string[] } {
  const x0 = x[lo] ?? 0;
  const span = (x[hi - 1] ?? 0) - x0;
  // Column b holds x < x0 + span·(b+1)/buckets (the last column takes the rest), as the decimator defines it.
  const bucketOf = (i: number): number => {
    if (span <= 0) return 0;
    let b = Math.max(0, Math.floor((((x[i] ?? 0) - x0) / span) * buckets) - 1);
    while (b < buckets - 1 && (x[i] ?? 0) >= x0 + (span * (b + 1)) / buckets) b++;
    return b;
  };
  const summarize = (idx: Iterable<number>): string[] => {
    const m = new Map<string, { first: number; last: number; min: number; max: number }>();
    for (const i of idx) {
      cols.forEach((c, k) => {
        const v = c[i];
        if (v === null || v === undefined || !Number.isFinite(v)) return;
        const key = `${bucketOf(i)}/${k}`;
        const e = m.get(key);
        if (!e) m.set(key, { first: i, last: i, min: v, max: v });
        else m.set(key, { first: Math.min(e.first, i), last: Math.max(e.last, i), min: Math.min(e.min, v), max: Math.max(e.max, v) });
      });
    }
    return [...m.entries()].map(([k, e]) => `${k}:${e.first}:${e.last}:${e.min}:${e.max}`).sort();
  };
  const all: number[] = [];
  for (let i = lo; i < hi; i++) all.push(i);
  return { all: summarize(all), kept: summarize(Array.from(keep)) };
}

describe('m4Indices', () => {
  it('keeps, per pixel column and series, the first, last, smallest and largest points (property, synthetic series)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 400 }),
        fc.array(fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), { minLength: 400, maxLength: 400 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 60 }),
        (steps, cols, buckets) => {
          const x: number[] = [];
          steps.reduce((acc, d) => (x.push(acc + d), acc + d), 0);
          const keep = m4Indices(x, cols, 0, x.length, buckets);
          const arr = Array.from(keep);
          expect(arr).toEqual([...new Set(arr)].sort((a, b) => a - b));
          expect(arr[0]).toBe(0);
          expect(arr.at(-1)).toBe(x.length - 1);
          expect(keep.length).toBeLessThanOrEqual(buckets * (2 + 4 * cols.length));
          const e = envelope(x, cols, keep, 0, x.length, buckets);
          expect(e.kept).toEqual(e.all);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reduces the real DFF history (26,349 days) to the pixel width with the same envelope', () => {
    const lines = readFileSync(path.join(REPO_ROOT, 'resources/snapshot/series/DFF.csv'), 'utf8').trim().split('\n').slice(1);
    const x = lines.map((l) => epochDay(l.slice(0, 10) as IsoDate));
    const v = lines.map((l) => Number(l.slice(11)));
    expect(x.length).toBeGreaterThan(26_000);
    const keep = m4Indices(x, [v], 0, x.length, 1000);
    expect(keep.length).toBeLessThan(4000);
    const e = envelope(x, [v], keep, 0, x.length, 1000);
    expect(e.kept).toEqual(e.all);
    // The 1980-1981 peak (22.36% on 1981-07-22 in FRED's DFF) survives.
    expect(Math.max(...Array.from(keep, (i) => v[i] ?? 0))).toBe(Math.max(...v));
  });
});

describe('visibleIndices', () => {
  it('draws everything when there are few points per pixel, and adds window detail when zoomed', () => {
    const x = Array.from({ length: 100_000 }, (_, i) => i);
    // Synthetic sawtooth (labelled synthetic): every point differs from its neighbours.
    const y = x.map((i) => (i % 7) - 3 + i / 1e4);
    expect(visibleIndices(x.slice(0, 3000), [y.slice(0, 3000)], 1000, null)).toBeNull();
    const whole = visibleIndices(x, [y], 1000, null);
    expect(whole?.length).toBeLessThanOrEqual(6000);
    const zoom = visibleIndices(x, [y], 1000, { from: 50_000, to: 50_500 });
    // All 501 window points plus a neighbour either side are there (500 points < 4 per pixel).
    for (let i = 49_999; i <= 50_501; i++) expect(zoom?.includes(i)).toBe(true);
    const e = envelope(x, [y], zoom ?? [], 0, x.length, 1000);
    expect(e.kept).toEqual(e.all);
  });
});
