/** Fixed-decimal rounding for display and for comparing against published figures. */
export function roundTo(x: number, dp: number): number {
  const f = 10 ** dp;
  return Math.round(x * f) / f;
}
