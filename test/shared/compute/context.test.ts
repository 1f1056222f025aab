/** Market context core (issue 13 §5) on hand-checkable vectors. */
import { describe, expect, it } from 'vitest';
import { changes, claimSplit, correlation, leadLag, rollingCorrelation, weeklyGrid } from '../../../shared/compute/context.js';
import type { Columns } from '../../../shared/compute/episode.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';

const d = (s: string): number => epochDay(s as IsoDate);
const col = (rows: [string, number][]): Columns => ({ dates: rows.map(([x]) => d(x)), values: rows.map(([, v]) => v) });

describe('context core', () => {
  it('correlates finite pairs only, and refuses too few', () => {
    expect(correlation([1, 2, 3, 4, 5, 6, 7, 8], [2, 4, 6, 8, 10, 12, 14, 16]).r).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3, 4, 5, 6, 7, 8, Number.NaN], [8, 7, 6, 5, 4, 3, 2, 1, 9]).r).toBeCloseTo(-1, 12);
    expect(correlation([1, 2, 3], [1, 2, 3])).toEqual({ r: null, n: 3 });
  });

  it('changes: bp for rates, log % for levels', () => {
    expect(changes([4, 4.25], 'diff')[1]).toBeCloseTo(25, 10);
    expect(changes([100, 110], 'log')[1]).toBeCloseTo(Math.log(1.1) * 100, 10);
    expect(changes([100, 110], 'level')).toEqual([Number.NaN, 10]);
  });

  it('lead/lag: a series that copies ΔNL two weeks later peaks at NL leads 2', () => {
    const a = Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) + (i % 3));
    const b = a.map((_, i) => (i >= 2 ? (a[i - 2] ?? 0) : Number.NaN));
    const ll = leadLag(a, b, [-2, 0, 2]);
    expect(ll.find((x) => x.lag === 2)?.r).toBeCloseTo(1, 10);
    expect(Math.abs(ll.find((x) => x.lag === 0)?.r ?? 1)).toBeLessThan(0.9);
    expect(rollingCorrelation(a, a, 10).slice(8, 10).map((v) => (Number.isFinite(v) ? Math.round(v) : v))).toEqual([Number.NaN, 1]);
  });

  it('net liquidity on a Wednesday = WALCL − WDTGAL − ON RRP (2025-10-29 from the shared files: 6,587.034 − 983.859 − 19.504)', () => {
    const m = new Map<string, Columns>([
      ['WALCL', col([['2025-10-22', 6600], ['2025-10-29', 6587.034]])],
      ['WDTGAL', col([['2025-10-22', 950], ['2025-10-29', 983.859]])],
      ['RRPONTSYD', col([['2025-10-22', 10], ['2025-10-28', 30], ['2025-10-29', 19.504]])],
      ['GLD_PROXY', col([['2025-10-21', 100], ['2025-10-29', 121]])],
    ]);
    const g = weeklyGrid((id) => m.get(id), '2025-01-01' as IsoDate);
    expect(g.weeks).toEqual([d('2025-10-22'), d('2025-10-29')]);
    expect(g.nl[1]).toBeCloseTo(5583.671, 9);
    expect(g.nl[0]).toBe(5640);
    // GLD as of each Wednesday within 4 days: 2025-10-21 for 10-22, 2025-10-29 itself.
    expect(g.assets['GLD_PROXY']).toEqual([100, 121]);
    const split = claimSplit(g, 'GLD_PROXY', 1);
    expect(split.fell).toEqual({ n: 1, meanPct: Math.log(1.21) * 100 });
    expect(split.rose.n).toBe(0);
  });
});
