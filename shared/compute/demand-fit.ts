/**
 * Nonlinear least squares for the demand curve (domain.md §3.3): Levenberg–Marquardt on
 * y_i = α_{k(i)} + β·exp(−γ(x_i − x_ref)) with one α per administered-rate regime, bounds
 * β ∈ (0, 500], γ ∈ (0.01, 5]. Starting values from the §3.3 recipe (5th percentile for α, log-OLS
 * for β, γ); the log-OLS result is only a start, never the answer (it is biased with noise).
 */
import { ampleEdge, type CurveBasis, type CurveParams } from './demand-curve.js';
import { solveLinear } from './linalg.js';

export interface FitPoint {
  readonly x: number;
  readonly y: number;
  readonly regime: number;
}

export interface FitResult {
  readonly alphas: readonly number[];
  readonly beta: number;
  readonly gamma: number;
  readonly xRef: number;
  readonly rmse: number;
  readonly mae: number;
  readonly n: number;
  readonly iterations: number;
  readonly converged: boolean;
  /**
   * Parameter covariance in the order [α_0 … α_{k−1}, β, γ]: s²·(JᵀJ)⁻¹ from the Jacobian at the
   * optimum, s² = SSE/(n − p). Null when JᵀJ is singular or n ≤ p (the data do not pin every
   * parameter down). Asymptotic: it ignores the bounds and the weekly serial correlation, so it is a
   * lower bound on the real uncertainty.
   */
  readonly covariance: readonly (readonly number[])[] | null;
  /** √diag(covariance), same order; null with it. */
  readonly standardErrors: readonly number[] | null;
}

const BETA_MAX = 500;
const GAMMA_MIN = 0.01;
const GAMMA_MAX = 5;
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

function percentile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] ?? 0) + ((s[hi] ?? 0) - (s[lo] ?? 0)) * (pos - lo);
}

export function startingValues(points: readonly FitPoint[], regimes: number, xRef: number): number[] {
  const alphas = Array.from({ length: regimes }, (_, k) => percentile(points.filter((p) => p.regime === k).map((p) => p.y), 0.05));
  // OLS of ln(y − α) on −(x − x_ref): ln(y − α) = ln β + γ·(−(x − x_ref)).
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let n = 0;
  for (const p of points) {
    const d = p.y - (alphas[p.regime] ?? 0);
    if (!(d > 0.5)) continue;
    const u = -(p.x - xRef);
    const v = Math.log(d);
    sx += u;
    sy += v;
    sxx += u * u;
    sxy += u * v;
    n++;
  }
  let gamma = 0.35;
  let beta = 4;
  if (n >= 3 && sxx * n - sx * sx > 1e-12) {
    gamma = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    beta = Math.exp((sy - gamma * sx) / n);
  }
  return [...alphas, clamp(beta, 1e-6, BETA_MAX), clamp(gamma, GAMMA_MIN, GAMMA_MAX)];
}

function residuals(points: readonly FitPoint[], th: readonly number[], k: number, xRef: number): Float64Array {
  const beta = th[k] ?? 0;
  const gamma = th[k + 1] ?? 0;
  const r = new Float64Array(points.length);
  points.forEach((p, i) => {
    r[i] = p.y - ((th[p.regime] ?? 0) + beta * Math.exp(-gamma * (p.x - xRef)));
  });
  return r;
}

const sse = (r: Float64Array): number => r.reduce((a, v) => a + v * v, 0);

export function fitDemandCurve(points: readonly FitPoint[], regimes: number, xRef: number, start?: readonly number[], maxIter = 500): FitResult {
  const k = regimes;
  let th = start ? [...start] : startingValues(points, k, xRef);
  let r = residuals(points, th, k, xRef);
  let cost = sse(r);
  let lambda = 1e-3;
  let iterations = 0;
  let converged = false;
  const np = k + 2;
  for (; iterations < maxIter; iterations++) {
    const beta = th[k] ?? 0;
    const gamma = th[k + 1] ?? 0;
    const jtj = Array.from({ length: np }, () => new Array<number>(np).fill(0));
    const jtr = new Array<number>(np).fill(0);
    points.forEach((p, i) => {
      const e = Math.exp(-gamma * (p.x - xRef));
      const g: [number, number][] = [
        [p.regime, 1],
        [k, e],
        [k + 1, -beta * (p.x - xRef) * e],
      ];
      const ri = r[i] ?? 0;
      for (const [a, ga] of g) {
        jtr[a] = (jtr[a] ?? 0) + ga * ri;
        const row = jtj[a];
        if (row) for (const [b, gb] of g) row[b] = (row[b] ?? 0) + ga * gb;
      }
    });
    let improved = false;
    for (let tries = 0; tries < 30; tries++) {
      const a = jtj.map((row, i) => row.map((v, j) => (i === j ? v + lambda * Math.max(v, 1e-12) : v)));
      const delta = solveLinear(a, jtr);
      if (delta === null) {
        lambda *= 10;
        continue;
      }
      const cand = th.map((v, i) => v + (delta[i] ?? 0));
      cand[k] = clamp(cand[k] ?? 0, 1e-9, BETA_MAX);
      cand[k + 1] = clamp(cand[k + 1] ?? 0, GAMMA_MIN, GAMMA_MAX);
      const rc = residuals(points, cand, k, xRef);
      const cc = sse(rc);
      if (cc <= cost) {
        const rel = (cost - cc) / Math.max(cost, 1e-300);
        const step = Math.max(...cand.map((v, i) => Math.abs(v - (th[i] ?? 0)) / Math.max(1e-8, Math.abs(v))));
        th = cand;
        r = rc;
        cost = cc;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = true;
        if (rel < 1e-15 || step < 1e-12) converged = true;
        break;
      }
      lambda *= 10;
    }
    if (!improved || converged) {
      converged = true;
      break;
    }
  }
  const n = points.length;
  const covariance = parameterCovariance(points, th, k, xRef, cost);
  const standardErrors = covariance === null ? null : covariance.map((row, i) => Math.sqrt(row[i] ?? Number.NaN));
  const mae = r.reduce((a, v) => a + Math.abs(v), 0) / Math.max(1, n);
  return { alphas: th.slice(0, k), beta: th[k] ?? Number.NaN, gamma: th[k + 1] ?? Number.NaN, xRef, rmse: Math.sqrt(cost / Math.max(1, n)), mae, n, iterations, converged, covariance, standardErrors };
}

/** s²·(JᵀJ)⁻¹ at θ (see FitResult.covariance); the inverse column by column with solveLinear. */
export function parameterCovariance(points: readonly FitPoint[], th: readonly number[], k: number, xRef: number, sseAtOptimum: number): number[][] | null {
  const np = k + 2;
  const n = points.length;
  if (n <= np) return null;
  const beta = th[k] ?? 0;
  const gamma = th[k + 1] ?? 0;
  const jtj = Array.from({ length: np }, () => new Array<number>(np).fill(0));
  for (const p of points) {
    const e = Math.exp(-gamma * (p.x - xRef));
    const g = new Array<number>(np).fill(0);
    g[p.regime] = 1;
    g[k] = e;
    g[k + 1] = -beta * (p.x - xRef) * e;
    for (let a = 0; a < np; a++) {
      const row = jtj[a];
      if (row) for (let b = 0; b < np; b++) row[b] = (row[b] ?? 0) + (g[a] ?? 0) * (g[b] ?? 0);
    }
  }
  const s2 = sseAtOptimum / (n - np);
  const cols: number[][] = [];
  for (let c = 0; c < np; c++) {
    const col = solveLinear(jtj.map((r) => [...r]), Array.from({ length: np }, (_, i) => (i === c ? 1 : 0)));
    if (col === null || !col.every(Number.isFinite)) return null;
    cols.push(col);
  }
  // cols[c][r] = (JᵀJ)⁻¹[r][c]; symmetrise to remove rounding asymmetry.
  return Array.from({ length: np }, (_, r) => Array.from({ length: np }, (_, c) => (s2 * ((cols[c]?.[r] ?? 0) + (cols[r]?.[c] ?? 0))) / 2));
}

export function curveFromFit(fit: FitResult, regime: number, basis: CurveBasis): CurveParams {
  return { alpha: fit.alphas[regime] ?? Number.NaN, beta: fit.beta, gamma: fit.gamma, xRef: fit.xRef, basis };
}

export function ampleEdges(fit: FitResult, regime: number): { theta1: number; theta2: number } {
  const p = curveFromFit(fit, regime, 'gdp');
  return { theta1: ampleEdge(p, 1), theta2: ampleEdge(p, 2) };
}
