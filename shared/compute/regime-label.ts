/**
 * The reserve regime label (abundant / ample / scarce) of domain.md §4: |slope| of the demand curve
 * below θ1 bp/pp is abundant, below θ2 ample, else scarce. Applied with a small hysteresis so a ratio
 * that barely moves around a threshold does not flicker (found: scarce → ample → scarce at
 * 8.97 / 8.99 / 8.98% of GDP): the label changes only once the reserve share has crossed the
 * threshold's share by REGIME_HYSTERESIS_PP (0.1 pp) — towards scarcity the share must sit 0.1 pp
 * below the edge, back towards abundance 0.1 pp above it. With no previous label (the first month)
 * the plain thresholds apply.
 */
import { slopeAt, type CurveParams } from './demand-curve.js';

export type ReserveRegime = 'abundant' | 'ample' | 'scarce';

/** How far past a threshold (in pp of the curve's basis: GDP or bank assets) the share must move to change label. */
export const REGIME_HYSTERESIS_PP = 0.1;

const RANK: Readonly<Record<ReserveRegime, number>> = { abundant: 0, ample: 1, scarce: 2 };

export function regimeForSlope(absSlopeBpPerPp: number, thetas: readonly [number, number]): ReserveRegime {
  return absSlopeBpPerPp < thetas[0] ? 'abundant' : absSlopeBpPerPp < thetas[1] ? 'ample' : 'scarce';
}

const regimeAt = (curve: CurveParams, xPct: number, thetas: readonly [number, number]): ReserveRegime => regimeForSlope(Math.abs(slopeAt(curve, xPct)), thetas);

/**
 * The label at share xPct given last month's label. |slope| falls as the share rises (β, γ > 0), so
 * "crossed by h" is the plain label evaluated at x + h (moving scarcer) or x − h (moving more abundant).
 */
export function regimeWithHysteresis(
  prev: ReserveRegime | null,
  curve: CurveParams,
  xPct: number,
  thetas: readonly [number, number],
  hysteresisPp: number = REGIME_HYSTERESIS_PP,
): ReserveRegime {
  const raw = regimeAt(curve, xPct, thetas);
  if (prev === null || raw === prev) return raw;
  if (RANK[raw] > RANK[prev]) {
    const firm = regimeAt(curve, xPct + hysteresisPp, thetas);
    return RANK[firm] > RANK[prev] ? firm : prev;
  }
  const firm = regimeAt(curve, xPct - hysteresisPp, thetas);
  return RANK[firm] < RANK[prev] ? firm : prev;
}
