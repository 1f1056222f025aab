/** The regime label's hysteresis (issue 14 §4): no flicker when the share barely moves around a threshold. */
import { describe, expect, it } from 'vitest';
import { ampleEdge, type CurveParams } from '../../../shared/compute/demand-curve.js';
import { regimeForSlope, regimeWithHysteresis, type ReserveRegime } from '../../../shared/compute/regime-label.js';

// Labelled synthetic curve and thresholds: θ2 is placed so that the scarce/ample edge sits at 8.98% of
// GDP exactly, the share the user saw flicker around.
const curve: CurveParams = { alpha: -9, beta: 4.8, gamma: 0.2, xRef: 10, basis: 'gdp' };
const edgeX = 8.98;
const theta2 = curve.gamma * curve.beta * Math.exp(-curve.gamma * (edgeX - curve.xRef));
const thetas: [number, number] = [theta2 / 2, theta2];

const run = (xs: readonly number[]): ReserveRegime[] => {
  const out: ReserveRegime[] = [];
  for (const x of xs) out.push(regimeWithHysteresis(out[out.length - 1] ?? null, curve, x, thetas));
  return out;
};

describe('regime label with hysteresis', () => {
  it('the edge sits at 8.98% of GDP', () => {
    expect(ampleEdge(curve, theta2)).toBeCloseTo(edgeX, 10);
  });

  it('8.97 / 8.99 / 8.98% does not flicker scarce → ample → scarce', () => {
    const xs = [8.97, 8.99, 8.98];
    // Without hysteresis it flickers (the bug):
    expect(xs.map((x) => regimeForSlope(Math.abs(curve.gamma * curve.beta * Math.exp(-curve.gamma * (x - curve.xRef))), thetas))).toEqual(['scarce', 'ample', 'scarce']);
    expect(run(xs)).toEqual(['scarce', 'scarce', 'scarce']);
  });

  it('changes label once the share crosses the edge by more than 0.1 pp, both ways', () => {
    expect(run([8.97, 9.05, 9.09])).toEqual(['scarce', 'scarce', 'ample']);
    expect(run([9.2, 8.9, 8.87])).toEqual(['ample', 'ample', 'scarce']);
  });
});
