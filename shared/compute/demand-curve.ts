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

/**
 * The exponent is capped so that the curve stays finite far into the scarce region (negative or tiny
 * reserve shares, or γ·x_ref up to 1000 within the accepted ranges): exp(600) ≈ 3.8e260, so β·e^600
 * and γ·β·e^600 stay far below the largest double, and β = 0 never meets 0·∞ = NaN. Below the cap
 * nothing changes; above it the unclipped spread is astronomically large either way and the corridor
 * clips it.
 */
const MAX_EXPONENT = 600;

function excess(p: CurveParams, x: number): number {
  return p.beta * Math.exp(Math.min(MAX_EXPONENT, -p.gamma * (x - p.xRef)));
}

export function spreadAt(p: CurveParams, x: number): number {
  return p.alpha + excess(p, x);
}

/** s'(x) = −γ(s(x) − α), bp per percentage point (the RDE analogue; ≤ 0). */
export function slopeAt(p: CurveParams, x: number): number {
  // Written as s(x) − α (not the excess term alone) so the bits match earlier saved results.
  return -p.gamma * (spreadAt(p, x) - p.alpha);
}

/** x(s) = x_ref − ln((s − α)/β)/γ, defined for s > α; NaN otherwise. */
export function reserveShareFor(p: CurveParams, s: number): number {
  if (!(s > p.alpha)) return Number.NaN;
  return p.xRef - Math.log((s - p.alpha) / p.beta) / p.gamma;
}

/**
 * The reserve share the SRF must hold for the spread to sit at the ceiling (§4.4 step 9), or null when
 * no finite share does: a ceiling at or below α is never reached (the curve stays above α), and one a
 * hair above α ((cap − α)/β underflows to 0) needs an infinite share. A flat curve (β = 0) below the
 * ceiling gives −∞, i.e. no lending is ever needed.
 */
export function ceilingShare(p: CurveParams, capBp: number): number | null {
  const x = reserveShareFor(p, capBp);
  return Number.isNaN(x) || x === Number.POSITIVE_INFINITY ? null : x;
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
