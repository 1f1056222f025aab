/** Issue 14 §4: rolling windows, their fits and the ample edge (shared/compute/rolling-fit.ts). */
import { describe, expect, it } from 'vitest';
import { ampleEdge, slopeAt, spreadAt, type CurveParams } from '../../../shared/compute/demand-curve.js';
import { edgeStandardError, fitWindow, rollingFit, rollingWindows, type RollingPoint } from '../../../shared/compute/rolling-fit.js';
import { epochDay, fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';

const d = (s: string): number => epochDay(s as IsoDate);

describe('rolling windows', () => {
  it('steps 2-year windows by quarters from the first quarter start, plus one ending at the last week', () => {
    const w = rollingWindows(d('2009-01-07'), d('2013-08-21'), 2, 3);
    expect(fromEpochDay(w[0]?.fromDay ?? 0)).toBe('2009-04-01');
    expect(fromEpochDay(w[0]?.toDay ?? 0)).toBe('2011-03-31');
    // Full windows start 2009-04-01 … 2011-07-01 (10 of them: the last ends 2013-06-30), then one ending 2013-08-21.
    expect(w.length).toBe(11);
    expect(fromEpochDay(w[9]?.fromDay ?? 0)).toBe('2011-07-01');
    expect(fromEpochDay(w[10]?.toDay ?? 0)).toBe('2013-08-21');
    expect(fromEpochDay(w[10]?.fromDay ?? 0)).toBe('2011-08-22');
  });
  it('has no partial window when the grid ends on the last day, and none when the data span less than one window', () => {
    expect(rollingWindows(d('2010-01-01'), d('2013-12-31'), 2, 12).map((w) => fromEpochDay(w.fromDay))).toEqual(['2010-01-01', '2011-01-01', '2012-01-01']);
    expect(rollingWindows(d('2010-01-01'), d('2011-06-30'), 2, 3)).toEqual([]);
  });
});

describe('the ample edge', () => {
  const cases: CurveParams[] = [
    { alpha: -8.675, beta: 4.7592, gamma: 0.2054, xRef: 10, basis: 'gdp' },
    { alpha: -10.45, beta: 5.84, gamma: 0.552, xRef: 10, basis: 'gdp' },
    { alpha: -1.65, beta: 0.05, gamma: 1.513, xRef: 10, basis: 'gdp' },
  ];
  it('is where the slope is exactly −1 and −2 bp/pp (to 1e-9)', () => {
    for (const p of cases) {
      expect(Math.abs(slopeAt(p, ampleEdge(p, 1)) + 1)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(slopeAt(p, ampleEdge(p, 2)) + 2)).toBeLessThanOrEqual(1e-9);
    }
  });
  it('has a delta-method SE that matches a finite-difference propagation', () => {
    const b = 5.84;
    const g = 0.552;
    const cov: [[number, number], [number, number]] = [
      [4, 0.3],
      [0.3, 0.0484],
    ];
    const h = 1e-6;
    const x = (bb: number, gg: number): number => ampleEdge({ alpha: 0, beta: bb, gamma: gg, xRef: 10, basis: 'gdp' }, 1);
    const db = (x(b + h, g) - x(b - h, g)) / (2 * h);
    const dg = (x(b, g + h) - x(b, g - h)) / (2 * h);
    const want = Math.sqrt(db * db * 4 + 2 * db * dg * 0.3 + dg * dg * 0.0484);
    expect(edgeStandardError(b, g, cov, 1)).toBeCloseTo(want, 6);
  });
});

describe('window fits', () => {
  // Synthetic (labelled): 104 weeks on a known curve with a deterministic ±0.3 bp wiggle, x from 12 to 7%.
  const truth: CurveParams = { alpha: -9, beta: 3, gamma: 0.6, xRef: 10, basis: 'gdp' };
  const synth = (n: number, x0: number, x1: number, from: number): RollingPoint[] =>
    Array.from({ length: n }, (_, i) => {
      const x = x0 + ((x1 - x0) * i) / (n - 1);
      return { day: from + 7 * i, x, y: spreadAt(truth, x) + 0.3 * Math.sin(i * 1.7), regimeKey: '15/0' };
    });
  it('recovers a curve the data identify, with its edges in sample', () => {
    const pts = synth(104, 12, 7, d('2024-01-03'));
    const w = fitWindow(pts, d('2024-01-01'), d('2025-12-31'), { windowYears: 2, stepMonths: 3 });
    expect(w.status).toBe('identified');
    expect(w.gamma ?? 0).toBeCloseTo(0.6, 1);
    expect(w.edge1Pct ?? 0).toBeCloseTo(ampleEdge(truth, 1), 0);
    expect(w.edge1InSample).toBe(true);
    expect(Math.abs(slopeAt({ alpha: w.alphaBp ?? 0, beta: w.beta ?? 0, gamma: w.gamma ?? 0, xRef: 10, basis: 'gdp' }, w.edge1Pct ?? 0) + 1)).toBeLessThanOrEqual(1e-9);
  });
  it('reports a window with reserves/GDP barely moving as not identified, with the reason', () => {
    const pts = synth(104, 12, 11.8, d('2024-01-03'));
    const w = fitWindow(pts, d('2024-01-01'), d('2025-12-31'), { windowYears: 2, stepMonths: 3 });
    expect(w.status).toBe('not-identified');
    expect(w.reason).toMatch(/moved only 0\.20 pp/);
    expect(w.edge1Pct).toBeNull();
  });
  it('reports too few weeks, and keeps every window in the list', () => {
    const pts = [...synth(20, 12, 7, d('2020-01-01')), ...synth(104, 12, 7, d('2022-01-05'))];
    const all = rollingFit(pts, { windowYears: 1, stepMonths: 12 });
    expect(all.map((w) => [fromEpochDay(w.fromDay), w.status])).toEqual([
      ['2020-01-01', 'not-identified'],
      ['2021-01-01', 'not-identified'],
      ['2022-01-01', 'identified'],
      // The last week is 2023-12-27: the 2023 calendar window does not fit, the one ending that week does.
      ['2022-12-28', 'identified'],
    ]);
    expect(all[0]?.reason).toMatch(/only 20 usable weeks/);
    expect(all[1]?.reason).toMatch(/only 0 usable weeks/);
  });
});
