/**
 * Spreads in basis points. `100 * (4.22 - 3.90)` is 31.999999999999986 in float64 (TV-R5): results
 * are rounded to 1e-6 bp so thresholds compare as an analyst expects (domain.md §0).
 */
export type Bp = number & { readonly __unit?: 'bp' };

export function roundBp(x: number): Bp {
  return Math.round(x * 1e6) / 1e6;
}

export function bp(x: number, y: number): Bp {
  return roundBp(100 * (x - y));
}
