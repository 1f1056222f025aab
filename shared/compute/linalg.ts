/** Solves A·x = b for a small dense system by Gaussian elimination with partial pivoting. */
export function solveLinear(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[piv]?.[c] ?? 0)) piv = r;
    const pr = m[piv];
    if (pr === undefined || Math.abs(pr[c] ?? 0) < 1e-300) return null;
    [m[c], m[piv]] = [pr, m[c] ?? pr];
    const row = m[c] ?? pr;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const rr = m[r];
      if (rr === undefined) continue;
      const f = (rr[c] ?? 0) / (row[c] ?? 1);
      if (f === 0) continue;
      for (let k = c; k <= n; k++) rr[k] = (rr[k] ?? 0) - f * (row[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}
