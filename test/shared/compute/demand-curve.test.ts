/** domain.md §5.6: TV-D1…D9, TV-F1, TV-F2. */
import { describe, expect, it } from 'vitest';
import { ampleEdge, clipToCorridor, ILLUSTRATIVE_CURVE as P, reserveShareFor, slopeAt, slopeGdpToBankAssets, spreadAt, type CurveParams } from '../../../shared/compute/demand-curve.js';
import { fitDemandCurve, type FitPoint } from '../../../shared/compute/demand-fit.js';

const close = (a: number, b: number, tol: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol);

describe('demand curve, illustrative parameters (α −7, β 4, γ 0.35, x_ref 10)', () => {
  it('TV-D1..D3: s(x)', () => {
    close(spreadAt(P, 10), -3.0, 1e-4);
    close(spreadAt(P, 9.709375), -2.5718, 1e-4);
    close(spreadAt(P, 7), 4.4306, 1e-4);
    close(spreadAt(P, 12), -5.0137, 1e-4);
    close(spreadAt(P, 6.5), 6.6167, 1e-4);
  });
  it('TV-D4: slope', () => {
    close(slopeAt(P, 10), -1.4, 1e-4);
    close(slopeAt(P, 9.709375), -1.5499, 1e-4);
  });
  it('TV-D5: inverse', () => {
    close(reserveShareFor(P, 10), 5.8659, 1e-4);
    close(reserveShareFor(P, 0), 8.4011, 1e-4);
    expect(reserveShareFor(P, -7)).toBeNaN();
  });
  it('TV-D6: ample edge', () => {
    close(ampleEdge(P, 0.5), 12.9418, 1e-4);
    close(ampleEdge(P, 1), 10.9613, 1e-4);
    close(ampleEdge(P, 2), 8.9809, 1e-4);
    close(ampleEdge(P, 4), 7.0005, 1e-4);
  });
  it('TV-D7: basis change', () => {
    close(slopeGdpToBankAssets(-1.5499, 30_486, 24_500), -1.2456, 1e-4);
  });
  it('TV-D8: second parameter set', () => {
    const Q: CurveParams = { alpha: -8, beta: 10, gamma: 1, xRef: 10, basis: 'gdp' };
    close(spreadAt(Q, 9), 19.1828, 1e-4);
    close(spreadAt(Q, 12), -6.6466, 1e-4);
    close(reserveShareFor(Q, 10), 9.4122, 1e-4);
  });
  it('TV-D9: corridor clip', () => {
    expect(clipToCorridor(19.18, { floorBp: -15, capBp: 10, capAllowanceBp: 0 })).toBe(10);
    expect(clipToCorridor(-20, { floorBp: -15, capBp: 10, capAllowanceBp: 0 })).toBe(-15);
  });
});

/** Mulberry32: a seeded PRNG, so the synthetic-noise test is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

describe('fitting (synthetic data, labelled)', () => {
  it('TV-F1: noiseless data x = 5.0..14.0 step 0.1 recovers (−7, 4, 0.35) to 1e-6', () => {
    const pts: FitPoint[] = [];
    for (let i = 0; i <= 90; i++) {
      const x = 5 + i / 10;
      pts.push({ x, y: spreadAt(P, x), regime: 0 });
    }
    const f = fitDemandCurve(pts, 1, 10);
    close(f.alphas[0] ?? 0, -7, 1e-6);
    close(f.beta, 4, 1e-6);
    close(f.gamma, 0.35, 1e-6);
  });

  it.each([1, 7, 42, 2026, 31337])('TV-F2: 2,000 noisy points (σ 0.5 bp), seed %i', (seed) => {
    const r = rng(seed);
    const pts: FitPoint[] = [];
    for (let i = 0; i < 2000; i++) {
      const x = 5 + 9 * r();
      pts.push({ x, y: spreadAt(P, x) + 0.5 * normal(r), regime: 0 });
    }
    const f = fitDemandCurve(pts, 1, 10);
    expect(Math.abs((f.alphas[0] ?? 0) + 7)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(f.beta / 4 - 1)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(f.gamma / 0.35 - 1)).toBeLessThanOrEqual(0.1);
  });

  it('fits one α per regime', () => {
    const pts: FitPoint[] = [];
    for (let i = 0; i <= 90; i++) {
      const x = 5 + i / 10;
      pts.push({ x, y: spreadAt(P, x) + (i % 2 === 0 ? 0 : -5), regime: i % 2 });
    }
    const f = fitDemandCurve(pts, 2, 10);
    close(f.alphas[0] ?? 0, -7, 1e-6);
    close(f.alphas[1] ?? 0, -12, 1e-6);
  });
});
