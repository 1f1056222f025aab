/**
 * Issue 14 §3: the fan is reproducible from its seed, its quantiles are ordered, zero sds give the
 * deterministic engine path exactly, the lighter per-path kernel is the engine bit for bit, and the
 * curve draws have the fit's covariance. Synthetic anchor A0 of domain.md §5.7 (labelled; the
 * real-anchor tests are in test/main/core/analysis/fan-defaults.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { cholesky } from '../../../shared/compute/linalg.js';
import { checkCurveCovariance, checkFanSds, fan, FAN_QUANTILES, fanCrossingText, fanNormals, lightBase, lightPath, pathInputs, type FanRequest, type FanSds } from '../../../shared/compute/fan.js';
import { DEFAULT_INPUTS } from '../../../shared/compute/presets.js';
import { project, type Anchor, type ScenarioInputs } from '../../../shared/compute/projection.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';

// Synthetic: domain.md §5.7's A0 (with bank assets so the bank-assets basis can run).
const A0: Anchor = { date: '2025-12-31' as IsoDate, Tc: 3995, Tb: 235, M: 2060, OA: 290, C: 2410, TGA: 850, RRP: 10, FRRP: 340, R0: 2900, GDP0: 31_000, BA0: 24_500 };
const FITTED = { alpha: -8.674728064755003, beta: 4.759205812851191, gamma: 0.20537382246035837, xRef: 10, basis: 'gdp' as const };
// The snapshot fit's covariance of [α(15/0), β, γ] (npm run cli -- fit --json on the 2026-10 snapshot).
const COV = [
  [0.4631377700340455, -0.4178056409124452, 0.01299875067818077],
  [-0.4178056409124452, 0.4167116676428706, -0.013081520222045477],
  [0.01299875067818077, -0.013081520222045477, 0.0004443054898348348],
];
const INPUTS: ScenarioInputs = { ...DEFAULT_INPUTS, horizonYears: 10, curve: FITTED, rmpSchedule: [{ from: '2026-01', perMonthBn: 25 }], tgaAprilBumpBn: 150 };
const SDS: FanSds = { curveCovScale: 1, ngdpGrowthSdPctYr: 2, currencyGrowthSdPctYr: 2.6, tgaLevelSdBn: 190 };
const ZERO: FanSds = { curveCovScale: 0, ngdpGrowthSdPctYr: 0, currencyGrowthSdPctYr: 0, tgaLevelSdBn: 0 };
const req = (over: Partial<FanRequest> = {}): FanRequest => ({ anchor: A0, inputs: INPUTS, curveCovariance: COV, sds: SDS, paths: 300, seed: 7, ...over });

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

describe('fan', () => {
  it('is reproducible from its seed, and another seed gives another fan', () => {
    const a = fan(req());
    const b = fan(req());
    for (const k of ['reserves', 'reservesGdpPct', 'spreadBp'] as const) for (let q = 0; q < 5; q++) expect(sameBits(a[k][q] ?? [], b[k][q] ?? [])).toBe(true);
    expect(b.down).toEqual(a.down);
    expect(b.up).toEqual(a.up);
    const c = fan(req({ seed: 8 }));
    expect(sameBits(a.reserves[0] ?? [], c.reserves[0] ?? [])).toBe(false);
  });

  it('orders its quantiles 10 ≤ 25 ≤ 50 ≤ 75 ≤ 90 in every month, and spreads out after the anchor', () => {
    const f = fan(req());
    expect(f.dates).toHaveLength(121);
    for (const k of ['reserves', 'reservesGdpPct', 'spreadBp'] as const) {
      const b = f[k];
      for (let t = 0; t < f.dates.length; t++) for (let q = 1; q < FAN_QUANTILES.length; q++) expect(b[q]?.[t] ?? Number.NaN).toBeGreaterThanOrEqual(b[q - 1]?.[t] ?? Number.NaN);
    }
    // t = 0 is data on every path; by year 5 the 10–90% range of reserves is hundreds of $bn wide.
    expect(f.reserves[0]?.[0]).toBe(A0.R0);
    expect(f.reserves[4]?.[0]).toBe(A0.R0);
    expect((f.reserves[4]?.[60] ?? 0) - (f.reserves[0]?.[60] ?? 0)).toBeGreaterThan(300);
    expect((f.spreadBp[4]?.[60] ?? 0) - (f.spreadBp[0]?.[60] ?? 0)).toBeGreaterThan(1);
  });

  it('with zero sds, every quantile is the deterministic project() path exactly', () => {
    for (const inputs of [INPUTS, { ...INPUTS, tgaMode: 'target' as const, tgaTargetBn: 700, tgaGlideMonths: 6 }, { ...INPUTS, tgaMode: 'path' as const, tgaPathBn: [800, 760, 720] }, { ...INPUTS, srfMode: 'ceiling' as const }]) {
      const p = project(A0, inputs);
      const f = fan(req({ inputs, sds: ZERO, paths: 50 }));
      for (let q = 0; q < 5; q++) {
        expect(sameBits(f.reserves[q] ?? [], p.reserves)).toBe(true);
        expect(sameBits(f.reservesGdpPct[q] ?? [], p.reservesGdpPct)).toBe(true);
        expect(sameBits(f.spreadBp[q] ?? [], p.spreadBp)).toBe(true);
      }
    }
  });

  it('the lighter per-path kernel gives project()’s reserves, ratio and spread bit for bit', () => {
    const z = fanNormals(11, 40);
    const chol = cholesky(COV);
    for (const inputs of [INPUTS, { ...INPUTS, tgaMode: 'target' as const, tgaTargetBn: 700, tgaGlideMonths: 6 }, { ...INPUTS, tgaMode: 'path' as const, tgaPathBn: [800, 760, 720] }, { ...INPUTS, onlDriftBn: 3, srfUsageBn: 25, onrrpFloorBn: 5, onrrpDecay: 0.3 }, { ...INPUTS, curve: { ...FITTED, basis: 'bank_assets' as const, xRef: 12.5 } }]) {
      const base = lightBase(A0, inputs, project(A0, inputs));
      const r = req({ inputs });
      for (let p = 0; p < 40; p++) {
        const inp = pathInputs(r, chol, z.subarray(6 * p, 6 * p + 6));
        const want = project(A0, inp);
        const [R, X, S] = [new Float64Array(base.L), new Float64Array(base.L), new Float64Array(base.L)];
        lightPath(A0, inp, base, 0, 1, R, X, S);
        expect(sameBits(R, want.reserves)).toBe(true);
        expect(sameBits(X, want.reservesGdpPct)).toBe(true);
        expect(sameBits(S, want.spreadBp)).toBe(true);
      }
    }
  });

  it('draws (α, β, γ) with the fit covariance and the growth and TGA inputs with their sds', () => {
    const n = 20_000;
    const z = fanNormals(3, n);
    const chol = cholesky(COV);
    const r = req({ sds: { curveCovScale: 1, ngdpGrowthSdPctYr: 2, currencyGrowthSdPctYr: 1, tgaLevelSdBn: 100 } });
    const d = Array.from({ length: n }, (_, p) => pathInputs(r, chol, z.subarray(6 * p, 6 * p + 6)));
    const cols = [d.map((x) => x.curve.alpha), d.map((x) => x.curve.beta), d.map((x) => x.curve.gamma)];
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const cov = (a: number[], b: number[]): number => {
      const ma = mean(a);
      const mb = mean(b);
      return a.reduce((s, v, i) => s + (v - ma) * ((b[i] ?? 0) - mb), 0) / (a.length - 1);
    };
    // Within 4 standard errors of a sample covariance, √((σᵢᵢσⱼⱼ + σᵢⱼ²)/n).
    const at = (i: number, j: number): number => COV[i]?.[j] ?? Number.NaN;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(cov(cols[i] ?? [], cols[j] ?? []) - at(i, j))).toBeLessThan(4 * Math.sqrt((at(i, i) * at(j, j) + at(i, j) ** 2) / n));
    // The −0.95 correlation of α and β is what keeps the spread's uncertainty near the fit's RMSE.
    expect(cov(cols[0] ?? [], cols[1] ?? []) / Math.sqrt(cov(cols[0] ?? [], cols[0] ?? []) * cov(cols[1] ?? [], cols[1] ?? []))).toBeLessThan(-0.9);
    expect(Math.sqrt(cov(d.map((x) => x.ngdpGrowthPctYr), d.map((x) => x.ngdpGrowthPctYr)))).toBeCloseTo(2, 1);
    expect(mean(d.map((x) => x.ngdpGrowthPctYr))).toBeCloseTo(INPUTS.ngdpGrowthPctYr, 1);
    // "hold" becomes a glide to the anchor level ± the draw.
    expect(d.every((x) => x.tgaMode === 'target')).toBe(true);
    expect(mean(d.map((x) => x.tgaTargetBn))).toBeCloseTo(A0.TGA, -1);
    expect(Math.sqrt(cov(d.map((x) => x.tgaTargetBn), d.map((x) => x.tgaTargetBn)))).toBeCloseTo(100, -1);
  });

  it('reports the crossing distribution, "never" counting as beyond the horizon', () => {
    // Synthetic A0 above 10% (R0 3400 on GDP 31,000 = 10.97%) with runoff and no purchases: falls below.
    const a: Anchor = { ...A0, R0: 3400, OA: 790 };
    const inputs: ScenarioInputs = { ...INPUTS, rmpSchedule: [], qtEndDate: '2030-01-01' as IsoDate, capTsyBn: 10 };
    const f = fan(req({ anchor: a, inputs, paths: 400 }));
    expect(f.statusAtStart).toBe('already above');
    const z = fanNormals(7, 400);
    const chol = cholesky(COV);
    const firsts = Array.from({ length: 400 }, (_, p) => {
      const x = project(a, pathInputs(req({ anchor: a, inputs }), chol, z.subarray(6 * p, 6 * p + 6))).reservesGdpPct;
      for (let t = 1; t < x.length; t++) if ((x[t - 1] ?? 0) >= 10 && 10 > (x[t] ?? 0)) return t;
      return Number.POSITIVE_INFINITY;
    }).sort((u, v) => u - v);
    const nearestRank = (q: number): number | null => {
      const v = firsts[Math.ceil(q * 400) - 1] ?? Number.POSITIVE_INFINITY;
      return Number.isFinite(v) ? v : null;
    };
    expect(f.down.months.map((m) => m.t)).toEqual(FAN_QUANTILES.map(nearestRank));
    expect(f.down.neverShare).toBe(firsts.filter((t) => !Number.isFinite(t)).length / 400);
    const median = f.down.months[2];
    expect(median?.t).not.toBeNull();
    expect(median?.date).toBe(f.dates[median?.t ?? 0]);
    expect(fanCrossingText(f)).toMatch(/^reserves\/GDP falls below 10% — 50%: \d{4}-\d{2}; 10–90%: \d{4}-\d{2} … (\d{4}-\d{2}|after \d{4}-\d{2}); \d+% of paths never within the horizon/);
  });

  it('refuses sds out of range and a covariance that is not symmetric positive semi-definite', () => {
    expect(checkFanSds({ ...SDS, tgaLevelSdBn: -1 })).toMatch(/tgaLevelSdBn/);
    expect(checkFanSds({ ...SDS, ngdpGrowthSdPctYr: Number.NaN })).toMatch(/ngdpGrowthSdPctYr/);
    expect(checkFanSds(SDS)).toBeNull();
    expect(checkCurveCovariance(COV)).toBeNull();
    expect(checkCurveCovariance([[1, 2, 0], [2, 1, 0], [0, 0, 1]])).toMatch(/positive semi-definite/);
    expect(checkCurveCovariance([[1, 0.5, 0], [0, 1, 0], [0, 0, 1]])).toMatch(/symmetric/);
    expect(checkCurveCovariance([[1, 0], [0, 1]])).toMatch(/3×3/);
    expect(() => fan(req({ paths: 0 }))).toThrow(/paths/);
    expect(() => fan(req({ curveCovariance: [[1, 2, 0], [2, 1, 0], [0, 0, 1]] }))).toThrow(/semi-definite/);
  });
});
