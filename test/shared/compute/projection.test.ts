/** domain.md §5.7 TV-P1…P7 and the article arithmetic of §5.2 that the engine reproduces. */
import { describe, expect, it } from 'vitest';
import { ILLUSTRATIVE_CURVE } from '../../../shared/compute/demand-curve.js';
import { crossings, project, qtFraction, type Anchor, type ScenarioInputs } from '../../../shared/compute/projection.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';

const close = (a: number | undefined, b: number, tol = 1e-3): void => expect(Math.abs((a ?? Number.NaN) - b)).toBeLessThanOrEqual(tol);

const A0: Anchor = { date: '2025-12-31' as IsoDate, Tc: 3995, Tb: 235, M: 2060, OA: 290, C: 2410, TGA: 850, RRP: 10, FRRP: 340, R0: 2900, GDP0: 31_000, BA0: Number.NaN };

const BASE: ScenarioInputs = {
  horizonYears: 10,
  qtEndDate: '2025-12-01' as IsoDate,
  capTsyBn: 5,
  capMbsBn: 35,
  mbsPaydownMode: 'fixed',
  mbsPaydownFixedBn: 20,
  mbsPaydownRatePctYr: 8.65,
  mbsReinvestShare: 1,
  rmpSchedule: [{ from: '2026-01', perMonthBn: 20 }],
  tgaMode: 'hold',
  tgaTargetBn: 850,
  tgaGlideMonths: 3,
  tgaPathBn: [],
  tgaAprilBumpBn: 0,
  onrrpFloorBn: 0,
  onrrpDecay: 0,
  currencyGrowthPctYr: 0,
  ngdpGrowthPctYr: 4,
  bankAssetsGrowthPctYr: 4,
  srfMode: 'exogenous',
  srfUsageBn: 0,
  onlDriftBn: 0,
  netBillIssuanceBn: { '2026': 870 },
  curve: ILLUSTRATIVE_CURVE,
  corridor: { floorBp: -15, capBp: 10, capAllowanceBp: 0 },
  iorbPct: 3.65,
  ampleThresholdGdpPct: 10,
  ampleThresholdBaPct: 12,
  regimeThetas: [1, 2],
};

describe('projection engine (§4.4)', () => {
  it('TV-P1 (S1a)', () => {
    const p = project(A0, BASE);
    expect(p.plugOnl).toBe(70);
    expect(p.dates[12]).toBe('2026-12-31');
    close(p.tb[12], 715);
    close(p.m[12], 1820);
    close(p.soma[12], 6530);
    close(p.assets[12], 6820);
    close(p.reserves[12], 3140);
    close(p.netLiquidity[12], 5960);
    close(p.gdp[12], 32_240);
    close(p.reservesGdpPct[12], 9.7395, 1e-4);
    close(p.spreadBp[12], -2.6181);
    [9.3548, 9.3886, 9.4221, 9.4552].forEach((v, t) => close(p.reservesGdpPct[t], v, 1e-4));
    const c = crossings(p.reservesGdpPct, p.dates, 10);
    expect(c.up).toMatchObject({ t: 22, date: '2027-10-31' });
    close(c.up?.value, 10.0267, 1e-4);
    close(c.up?.tStar, 21.027);
    expect(p.m.findIndex((v) => v === 0)).toBe(103);
    close(p.soma[120], 8690);
    close(p.tb[120], 4695);
    close(p.reserves[120], 5300);
    close(p.reservesGdpPct[120], 11.55, 1e-4);
    close(p.spreadBp[120], -4.6748);
  });

  it('TV-P2 (S1b): currency growth 4%/yr', () => {
    const p = project(A0, { ...BASE, currencyGrowthPctYr: 4 });
    close(p.currency[12], 2506.4);
    close(p.reserves[12], 3043.6);
    close(p.reservesGdpPct[12], 9.4404, 1e-4);
    close(p.netLiquidity[12], 5960);
    close(p.spreadBp[12], -2.1347);
  });

  it('TV-P3 (S2): QT to 2025-12-01 with a TGA rebuild path', () => {
    const a: Anchor = { date: '2025-06-30' as IsoDate, Tc: 4200, Tb: 195, M: 2150, OA: 300, C: 2350, TGA: 364, RRP: 10, FRRP: 340, R0: 3300, GDP0: 31_000, BA0: Number.NaN };
    const p = project(a, { ...BASE, horizonYears: 1, mbsPaydownFixedBn: 15, rmpSchedule: [], tgaMode: 'path', tgaPathBn: [500, 650, 800, 900, 940, 940], ngdpGrowthPctYr: 0 });
    expect(Array.from(p.soma.slice(1, 7))).toEqual([6525, 6505, 6485, 6465, 6445, 6445]);
    expect(Array.from(p.reserves.slice(1, 7))).toEqual([3144, 2974, 2804, 2684, 2624, 2624]);
    expect((p.reserves[6] ?? 0) - a.R0).toBe(-676);
  });

  it('TV-P4 (S3): ON RRP runoff adds reserves', () => {
    const a: Anchor = { ...A0, RRP: 400 };
    const p = project(a, { ...BASE, horizonYears: 1, rmpSchedule: [], mbsPaydownFixedBn: 0, ngdpGrowthPctYr: 0, onrrpDecay: 0.5 });
    expect(Array.from(p.rrp.slice(1, 4))).toEqual([200, 100, 50]);
    expect(Array.from(p.reserves.slice(1, 4))).toEqual([3100, 3200, 3250]);
    expect(Array.from(p.netLiquidity.slice(1, 4))).toEqual([5530, 5630, 5680]);
    expect(Array.from(p.assets.slice(1, 4))).toEqual([6580, 6580, 6580]);
  });

  it('TV-P5 (S4): SRF at the ceiling', () => {
    const a: Anchor = { ...A0, R0: 1700 };
    const p = project(a, { ...BASE, horizonYears: 1, rmpSchedule: [], mbsPaydownFixedBn: 0, ngdpGrowthPctYr: 0, srfMode: 'ceiling' });
    close(p.srf[1], 118.443);
    close(p.reserves[1], 1818.443);
    close(p.reservesGdpPct[1], 5.865946, 1e-4);
    close(p.spreadBp[1], 10.0, 1e-9);
  });

  it('TV-P6 (S5): article crossings with a constant ΔR per month', () => {
    const a: Anchor = { date: '2025-12-31' as IsoDate, Tc: 4000, Tb: 200, M: 0, OA: 0, C: 1000, TGA: 244, RRP: 0, FRRP: 0, R0: 2960, GDP0: 30_486, BA0: Number.NaN };
    const run = (dr: number) => {
      const p = project(a, { ...BASE, rmpSchedule: [{ from: '2026-01', perMonthBn: dr }], mbsPaydownFixedBn: 0, ngdpGrowthPctYr: 3 });
      return crossings(p.reservesGdpPct, p.dates, 10);
    };
    const c20 = run(20);
    expect(c20.up).toMatchObject({ t: 8, date: '2026-08-31' });
    close(c20.up?.value, 10.0345, 1e-4);
    close(c20.up?.tStar, 7.132);
    const c40 = run(40);
    expect(c40.up).toMatchObject({ t: 3, date: '2026-03-31' });
    close(c40.up?.value, 10.0286, 1e-4);
    close(c40.up?.tStar, 2.73);
    const c0 = run(0);
    expect(c0.up).toBeNull();
    expect(c0.statusAtStart).toBe('already below');
    close(c0.valueAtEnd, 7.2247, 1e-4);
  });

  it('TV-P7: QT fraction', () => {
    expect(qtFraction('2025-12-01' as IsoDate, 2025, 11)).toBe(1);
    expect(qtFraction('2025-12-01' as IsoDate, 2025, 12)).toBe(0);
    close(qtFraction('2025-12-15' as IsoDate, 2025, 12), 14 / 31, 1e-4);
  });

  it('TV-A3: Fed bill purchases 480 and private absorption 390 in 2026 (RMP 20 + MBS 20)', () => {
    const p = project(A0, BASE);
    expect(p.billPurchasesByYear.find((y) => y.year === 2026)).toMatchObject({ year: 2026, fedBn: 480, privateBn: 390 });
  });

  it('recomputes bit for bit from a JSON round trip of its inputs', () => {
    const inputs = { ...BASE, currencyGrowthPctYr: 3.7, mbsPaydownMode: 'proportional' as const, srfMode: 'ceiling' as const };
    const a = project(A0, inputs);
    const b = project(JSON.parse(JSON.stringify(A0)) as Anchor, JSON.parse(JSON.stringify(inputs)) as ScenarioInputs);
    expect(Buffer.from(b.reserves.buffer).equals(Buffer.from(a.reserves.buffer))).toBe(true);
    expect(Buffer.from(b.spreadBp.buffer).equals(Buffer.from(a.spreadBp.buffer))).toBe(true);
  });
});
