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

/**
 * Lower-triangular L with L·Lᵀ = A for a symmetric positive semi-definite A (row-major, n×n). A pivot
 * at or below a relative 1e-12 of the diagonal's scale (a semi-definite or numerically singular
 * direction) gets a zero column rather than NaN, so a degenerate covariance draws nothing along it.
 * Null when A is not square, not finite, or clearly not positive semi-definite.
 */
export function cholesky(a: readonly (readonly number[])[]): number[][] | null {
  const n = a.length;
  if (a.some((row) => row.length !== n || row.some((v) => !Number.isFinite(v)))) return null;
  const scale = Math.max(0, ...a.map((row, i) => Math.abs(row[i] ?? 0)));
  const tol = 1e-12 * scale;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const lj = l[j] ?? [];
    let d = a[j]?.[j] ?? 0;
    for (let k = 0; k < j; k++) d -= (lj[k] ?? 0) ** 2;
    if (d < -1e-9 * Math.max(scale, 1e-300)) return null;
    const pivot = d > tol ? Math.sqrt(d) : 0;
    lj[j] = pivot;
    for (let i = j + 1; i < n; i++) {
      const li = l[i] ?? [];
      let s = a[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) s -= (li[k] ?? 0) * (lj[k] ?? 0);
      li[j] = pivot === 0 ? 0 : s / pivot;
    }
  }
  return l;
}
