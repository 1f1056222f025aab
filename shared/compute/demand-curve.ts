/**
 * The reserve demand curve of domain.md §3.2: s(x) = α + β·exp(−γ(x − x_ref)) in bp, where x is
 * reserves as a percent of GDP (x_ref = 10) or of bank assets (x_ref = 12.5). Closed forms for the
 * slope, the inverse and the ample edge; corridor clipping of the output.
 */
export type CurveBasis = 'gdp' | 'bank_assets';

export interface CurveParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly xRef: number;
  readonly basis: CurveBasis;
}

/**
 * Hand-set before any fit (§3.3): EFFR−IORB ≈ −7 bp when reserves are abundant and ≈ +4 bp near 7% of
 * GDP. Not estimates: the UI labels them "illustrative".
 */
export const ILLUSTRATIVE_CURVE: CurveParams = { alpha: -7, beta: 4, gamma: 0.35, xRef: 10, basis: 'gdp' };

export function spreadAt(p: CurveParams, x: number): number {
  return p.alpha + p.beta * Math.exp(-p.gamma * (x - p.xRef));
}

/** s'(x) = −γ(s(x) − α), bp per percentage point (the RDE analogue; ≤ 0). */
export function slopeAt(p: CurveParams, x: number): number {
  return -p.gamma * (spreadAt(p, x) - p.alpha);
}

/** x(s) = x_ref − ln((s − α)/β)/γ, defined for s > α; NaN otherwise. */
export function reserveShareFor(p: CurveParams, s: number): number {
  if (!(s > p.alpha)) return Number.NaN;
  return p.xRef - Math.log((s - p.alpha) / p.beta) / p.gamma;
}

/** Where |slope| = θ bp/pp: x_θ = x_ref − ln(θ/(γβ))/γ. */
export function ampleEdge(p: CurveParams, thetaBpPerPp: number): number {
  return p.xRef - Math.log(thetaBpPerPp / (p.gamma * p.beta)) / p.gamma;
}

/** ds/dx_BA = ds/dx_GDP · (BA/GDP), since x_GDP = x_BA · BA/GDP. */
export function slopeGdpToBankAssets(slopeGdp: number, gdpBn: number, bankAssetsBn: number): number {
  return slopeGdp * (bankAssetsBn / gdpBn);
}

export interface Corridor {
  /** bp(ON RRP rate, IORB) */
  readonly floorBp: number;
  /** bp(SRF minimum bid = top of range, IORB) */
  readonly capBp: number;
  /** Extra room above the cap: 0 by default, e.g. +25 for a "stress" setting (SOFR printed 22 bp over the top on 2025-10-31). */
  readonly capAllowanceBp: number;
}

export function clipToCorridor(s: number, c: Corridor): number {
  return Math.min(Math.max(s, c.floorBp), c.capBp + c.capAllowanceBp);
}
