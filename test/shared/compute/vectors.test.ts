/** domain.md §5.1–5.5: units and identity, article arithmetic, rates and flags, rolling stats, calendar. */
import { describe, expect, it } from 'vitest';
import { asOfJoin, gdpOn, resample, wednesdayKey } from '../../../shared/compute/align.js';
import { bp } from '../../../shared/compute/bp.js';
import { BusinessCalendar, markersBetween, markersOn } from '../../../shared/compute/calendar.js';
import { evaluateFlags, reservesBaFlag, reservesGdpFlag, srfFlag } from '../../../shared/compute/flags.js';
import { positionInRange, reserveChangeFromFlows, reservesFromIdentity, reservesNeededToHoldRatio, reservesToBankAssetsPct, reservesToGdpPct, spreads, weekOverWeek } from '../../../shared/compute/indicators.js';
import { availableAt, easternInstant, realtimeIndex } from '../../../shared/compute/realtime.js';
import { countInWindow, rollingMean, rollingSd, rollingZScore } from '../../../shared/compute/rolling.js';
import { seriesOf } from '../../../shared/compute/series.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';

const d = (s: string): IsoDate => s as IsoDate;
const close = (a: number | undefined, b: number, tol: number): void => expect(Math.abs((a ?? Number.NaN) - b)).toBeLessThanOrEqual(tol);
const cal = new BusinessCalendar();

describe('§5.1 units and identity', () => {
  it('TV-U5..U7: securities held outright from components (± 2 mn)', () => {
    close(4_192_906 + 2_347 + 2_069_963, 6_265_216, 2);
    close(4_192_993 + 2_347 + 2_069_963, 6_265_303, 2);
    close(195_493 + 3_575_029 + 309_716 + 112_669, 4_192_906, 2);
  });
  it('TV-I1: synthetic Table 1 gives reserves 2,931.586 exactly', () => {
    const r = reservesFromIdentity({
      supplying: { securities: 6265.303, premiums: 228.058, discounts: -23.188, repo: 6.052, loans: 7.0, float: -0.3, swaps: 0.02, otherFr: 40.0, fx: 19.5, gold: 11.041, sdr: 15.2, treasuryCurrency: 53.2 },
      absorbing: { currency: 2420.0, rrpForeign: 340.0, rrpOthers: 5.0, treasuryCash: 0.3, termDeposits: 0, tga: 940.0, foreignDeposits: 10.0, otherDeposits: 150.0, otherLiabCapital: -175.0 },
    });
    expect(r).toEqual({ supplyingBn: 6621.886, absorbingBn: 3690.3, reservesBn: 2931.586 });
  });
  it('TV-I3: flow form', () => {
    expect(reserveChangeFromFlows({ soma: -20, tga: 150, onrrp: -10, currency: 5 })).toBe(-165);
  });
});

describe('§5.2 article arithmetic', () => {
  it('TV-A1/A2: reserves to GDP', () => {
    close(reservesToGdpPct(2960, 30_486), 9.7094, 1e-4);
    expect(reservesGdpFlag(reservesToGdpPct(2960, 30_486))).toBe('watch');
    close(reservesToGdpPct(1500, 21_400), 7.0093, 1e-4);
    close(reservesToGdpPct(1400, 21_400), 6.5421, 1e-4);
  });
  it('TV-A4: TGA 364 → 940', () => {
    expect(940 - 364).toBe(576);
    expect(reserveChangeFromFlows({ tga: 940 - 364 })).toBe(-576);
  });
  it('TV-A5: reserves needed to hold 10% of GDP with 3% growth', () => {
    close(reservesNeededToHoldRatio(10, 30_486, 3), 91.458, 1e-3);
    close(reservesNeededToHoldRatio(10, 30_500, 3), 91.5, 1e-3);
    close(reservesToGdpPct(3048.6 + 91.458, 30_486 * 1.03), 10.0, 1e-3);
  });
  it('TV-A6: QT 25/month = 300/yr; 5/month = 60/yr', () => {
    expect(25 * 12).toBe(300);
    expect(5 * 12).toBe(60);
  });
  it('TV-A7: SRF thresholds', () => {
    expect(srfFlag(50.35)).toBe('alert');
    expect(srfFlag(26)).toBe('watch');
  });
  it('TV-A8: reserves to bank assets 12.0816% → ample-watch', () => {
    const x = reservesToBankAssetsPct(2960, 24_500);
    close(x, 12.0816, 1e-4);
    expect(reservesBaFlag(x)).toBe('watch');
  });
});

describe('§5.3 rates, spreads and flags', () => {
  it('TV-R1: 2025-10-31', () => {
    const s = spreads({ sofr: 4.22, iorb: 3.9, top: 4.0, rrpAward: 3.75, effr: 3.87 });
    expect([s.sofrIorb, s.sofrTop, s.sofrRrp]).toEqual([32, 22, 47]);
    const flags = evaluateFlags({ sofrTopBp: s.sofrTop, srfBn: 50.35 }, markersOn(cal, d('2025-10-31')));
    expect(flags.find((f) => f.id === 'sofr_above_top')).toMatchObject({ level: 'alert', calendarExpected: true });
    expect(flags.find((f) => f.id === 'srf_takeup')?.level).toBe('alert');
  });
  it('TV-R2: 2025-09-12', () => {
    const s = spreads({ sofr: 4.42, iorb: 4.4, top: 4.5, rrpAward: 4.25, effr: 4.33 });
    expect(s.sofrIorb).toBe(2);
    expect(s.sofrTop).toBe(-8);
    expect(evaluateFlags({ sofrTopBp: s.sofrTop }, [])[0]?.level).toBe('ok');
  });
  it('TV-R3/R3b: EFFR in the range', () => {
    expect(positionInRange(3.87, 3.75, 4.0)).toBe(0.48);
    expect(bp(3.87, 3.9)).toBe(-3);
    expect(positionInRange(3.98, 3.75, 4.0)).toBe(0.92);
    expect(bp(3.98, 3.9)).toBe(8);
  });
  it('TV-R4: 2019-09-17', () => {
    expect(bp(5.25, 2.1)).toBe(315);
    expect(bp(5.25, 2.25)).toBe(300);
  });
  it('TV-R5: 100·(4.22 − 3.90) rounds to 32.0', () => {
    expect(100 * (4.22 - 3.9)).not.toBe(32);
    expect(bp(4.22, 3.9)).toBe(32);
  });
  it('TV-R7: days above the top in the last 10 business days', () => {
    const sofr = Float64Array.from([3.99, 4.01, 4.05, 3.98, 4.02, 4.1, 3.97, 4.03, 4.22, 3.95]);
    expect(countInWindow(sofr, 10, (v) => bp(v, 4.0) > 0)[9]).toBe(6);
  });
});

describe('§5.4 rolling statistics and joins', () => {
  it('TV-S1', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5]);
    close(rollingMean(x, 5)[4], 3, 1e-12);
    close(rollingSd(x, 5)[4], 1.5811388, 1e-7);
    close(rollingZScore(x, 5)[4], 1.2649111, 1e-7);
    expect(rollingMean(x, 5)[3]).toBeNaN();
  });
  it('TV-S2', () => {
    const x = Float64Array.from([5, 7, 6, 9, 15]);
    close(rollingMean(x, 5)[4], 8.4, 1e-12);
    close(rollingSd(x, 5)[4], 3.9749214, 1e-7);
    close(rollingZScore(x, 5)[4], 1.6604102, 1e-7);
  });
  it('TV-S3: week over week', () => {
    expect(Array.from(weekOverWeek(Float64Array.from([100, 94, 97])))).toEqual([Number.NaN, -6, 3]);
  });
  it('TV-S4: real-time as-of on H.4.1 release times', () => {
    const walcl = seriesOf([epochDay(d('2025-11-05')), epochDay(d('2025-11-12'))], [6587, 6580]);
    expect(availableAt('h41', d('2025-11-05'), cal)).toBe(easternInstant(d('2025-11-06'), 16, 30));
    expect(realtimeIndex(walcl, easternInstant(d('2025-11-13'), 10, 0), 'h41', cal)).toBe(0);
    expect(realtimeIndex(walcl, easternInstant(d('2025-11-13'), 17, 0), 'h41', cal)).toBe(1);
    expect(easternInstant(d('2025-11-13'), 17, 0)).toBe(Date.parse('2025-11-13T22:00:00Z'));
  });
  it('TV-S5: 10-day MA of SOFR − RRP', () => {
    const x = Float64Array.from([...new Array<number>(10).fill(5), ...new Array<number>(10).fill(15)]);
    const ma = rollingMean(x, 10);
    expect(ma[9]).toBe(5);
    expect(ma[19]).toBe(15);
  });
  it('observation-mode joins: Wednesday key, tolerance, resampling and GDP interpolation', () => {
    expect(wednesdayKey(epochDay(d('2025-10-30')))).toBe(epochDay(d('2025-11-05')));
    expect(wednesdayKey(epochDay(d('2025-11-05')))).toBe(epochDay(d('2025-11-05')));
    const daily = seriesOf([epochDay(d('2025-10-30')), epochDay(d('2025-10-31')), epochDay(d('2025-11-03')), epochDay(d('2025-11-05'))], [1, 2, 3, 6]);
    const w = resample(daily, 'W', 'avg');
    expect(Array.from(w.values)).toEqual([3]);
    expect(Array.from(resample(daily, 'W', 'eop').values)).toEqual([6]);
    expect(Array.from(resample(daily, 'M', 'sum').values)).toEqual([3, 9]);
    const grid = Int32Array.from([epochDay(d('2025-11-04')), epochDay(d('2025-11-10'))]);
    expect(Array.from(asOfJoin(grid, daily, 4))).toEqual([3, Number.NaN]);
    const gdp = seriesOf([epochDay(d('2025-04-01')), epochDay(d('2025-07-01'))], [30_000, 30_300]);
    expect(gdpOn(gdp, epochDay(d('2025-08-20')), 'step')).toBe(30_300);
    const mid = gdpOn(gdp, epochDay(d('2025-07-01')), 'loglinear');
    expect(mid).toBeGreaterThan(30_000);
    expect(mid).toBeLessThan(30_300);
  });
});

describe('§5.5 calendar markers', () => {
  it('TV-C1/C2: tax dates on Sunday roll to Monday', () => {
    expect(markersOn(cal, d('2024-09-16')).map((m) => m.kind)).toContain('tax_corporate');
    expect(markersOn(cal, d('2024-09-15'))).toEqual([]);
    expect(markersOn(cal, d('2019-09-16')).map((m) => m.kind)).toContain('tax_corporate');
  });
  it('TV-C3: 2025-09-15 is a tax date and a coupon settlement day', () => {
    const kinds = markersOn(cal, d('2025-09-15')).map((m) => m.kind);
    expect(kinds).toEqual(expect.arrayContaining(['tax_corporate', 'coupon_settlement']));
  });
  it('TV-C4: 2026-04-15 is a tax date and an H.4.1 Wednesday', () => {
    expect(markersOn(cal, d('2026-04-15')).map((m) => m.kind)).toContain('tax_corporate');
    expect(wednesdayKey(epochDay(d('2026-04-15')))).toBe(epochDay(d('2026-04-15')));
  });
  it('TV-C5: quarter-end window around 2025-12-31 skips the 2026-01-01 holiday', () => {
    expect(cal.quarterEndWindow(2025, 12)).toEqual(['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02', '2026-01-05']);
    const ye = markersBetween(cal, d('2025-12-25'), d('2026-01-08')).filter((m) => m.kind === 'year_end').map((m) => m.date);
    expect(ye).toEqual(['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02', '2026-01-05']);
  });
  it('TV-C6: October 2025 month-end is Friday 2025-10-31', () => {
    expect(cal.lastBusinessDayOfMonth(2025, 10)).toBe('2025-10-31');
  });
  it('Juneteenth 2026 is a holiday (RRPONTSYD has no value that day)', () => {
    expect(cal.isBusinessDay(d('2026-06-19'))).toBe(false);
  });
});
