/** Issue 14 §4: the implied spread, residuals and their summary (shared/compute/fair-value.ts). */
import { describe, expect, it } from 'vitest';
import { spreadAt } from '../../../shared/compute/demand-curve.js';
import { fairValueWeeks, impliedSpreadBp, residualStats, residualSummary, type FairValueCurve, type FairValueInputWeek } from '../../../shared/compute/fair-value.js';

// The snapshot fit's β, γ and two of its α (npm run cli -- fit): real parameters, hand-made weeks.
const C: FairValueCurve = { alphaByRegime: { '15/0': -8.675, '10/0': -4.576 }, beta: 4.7592, gamma: 0.2054, xRef: 10 };
const week = (day: number, x: number, regimeKey: string, effr: number | null, sofr: number | null): FairValueInputWeek => ({ day, reservesGdpPct: x, regimeKey, effrIorbBp: effr, sofrIorbBp: sofr });

describe('implied spread', () => {
  it('equals demand-curve.ts spreadAt with the regime α at a known x', () => {
    const x = 9.2;
    expect(impliedSpreadBp(C, '15/0', x)).toBe(spreadAt({ alpha: -8.675, beta: 4.7592, gamma: 0.2054, xRef: 10, basis: 'gdp' }, x));
    // By hand: −8.675 + 4.7592·e^{0.2054·0.8} = −8.675 + 4.7592·1.178556… = −3.0661…
    expect(impliedSpreadBp(C, '15/0', x)).toBeCloseTo(-8.675 + 4.7592 * Math.exp(0.2054 * 0.8), 12);
    expect(impliedSpreadBp(C, '15/0', x)).toBeCloseTo(-3.066, 3);
    // Same x, other regime: only α differs.
    expect((impliedSpreadBp(C, '10/0', x) ?? 0) - (impliedSpreadBp(C, '15/0', x) ?? 0)).toBeCloseTo(8.675 - 4.576, 12);
  });
  it('is null for a regime without a fitted α, never a guess', () => {
    expect(impliedSpreadBp(C, '25/7', 9)).toBeNull();
  });
});

describe('residuals', () => {
  const rows = fairValueWeeks([week(100, 9.2, '15/0', -1, 6), week(107, 9.2, '15/0', -7, null), week(114, 9.2, '25/7', -2, -3)], C);
  it('is actual − implied: above fair value is positive, below negative', () => {
    const imp = impliedSpreadBp(C, '15/0', 9.2) ?? Number.NaN;
    expect(rows[0]?.effrResidualBp).toBeCloseTo(-1 - imp, 12);
    expect(rows[0]?.effrResidualBp).toBeGreaterThan(0);
    expect(rows[0]?.sofrResidualBp).toBeCloseTo(6 - imp, 12);
    expect(rows[1]?.effrResidualBp).toBeLessThan(0);
    expect(rows[1]?.sofrResidualBp).toBeNull();
    expect(rows[2]?.impliedBp).toBeNull();
    expect(rows[2]?.effrResidualBp).toBeNull();
  });
  it('summarises a window and nets SOFR of its baseline gap', () => {
    const st = residualStats(rows, (w) => w.effrResidualBp, (w) => w.effrIorbBp);
    expect(st.n).toBe(2);
    expect(st.meanActualBp).toBe(-4);
    const imp = impliedSpreadBp(C, '15/0', 9.2) ?? Number.NaN;
    expect(st.meanBp).toBeCloseTo(-4 - imp, 12);
    expect(st.sdBp).toBeCloseTo(Math.sqrt(18), 12);
    const many = fairValueWeeks([week(0, 9.2, '15/0', -3, -4), week(7, 9.2, '15/0', -3, -2), week(100, 9.2, '15/0', -3, 7)], C);
    const s = residualSummary(many, 100, 100, 0, 99);
    expect(s.sofr.n).toBe(1);
    expect(s.sofrBaselineBp).toBeCloseTo(-3 - imp, 12);
    expect(s.sofrNetOfBaselineBp).toBeCloseTo(7 - -3, 12);
  });
});
