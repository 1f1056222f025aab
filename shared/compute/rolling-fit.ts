/**
 * Rolling fits of the demand curve (issue 14 §4): the §3.3 model refitted on each N-year window of
 * weekly points, stepping by calendar quarters, to show whether the curve has shifted. For each window:
 * α (of the regime in force at its end), β, γ with standard errors, and the "ample edge", the
 * reserves/GDP where the slope's magnitude reaches 1 and 2 bp/pp, solved in closed form
 * (demand-curve.ts `ampleEdge`: |s'(x)| = γβ·e^{−γ(x − x_ref)} = θ).
 *
 * A window where the data cannot pin the curve down (too few weeks, reserves/GDP barely moving, a
 * parameter on its bound, a singular or very wide covariance) is kept in the list with its status and
 * the reason, never dropped: that the abundant years identify nothing is itself the answer there.
 */
import { ampleEdge } from './demand-curve.js';
import { fitDemandCurve, type FitPoint } from './demand-fit.js';
import { daysInMonth, epochDay, fromEpochDay, type IsoDate } from '../time/iso-date.js';

export interface RollingPoint {
  /** Epoch day of the week's Wednesday. */
  readonly day: number;
  /** Reserves, % of GDP. */
  readonly x: number;
  /** EFFR − IORB weekly mean, bp. */
  readonly y: number;
  readonly regimeKey: string;
}

export interface RollingFitOptions {
  readonly windowYears: number;
  /** Step between window ends, months (3: quarterly). */
  readonly stepMonths: number;
  /** A regime needs this many weeks inside the window to get its own α (the full fit uses 8). */
  readonly minRegimeWeeks?: number;
  /** Fewer usable weeks than this: not identified. */
  readonly minWeeks?: number;
  /** A reserves/GDP range (max − min, pp) narrower than this cannot identify the curvature. */
  readonly minRangePp?: number;
  /** Relative standard error of γ above this: "weak". */
  readonly weakRelativeSe?: number;
  /** Standard error of the 1 bp/pp edge above this many pp: "weak". */
  readonly weakEdgeSePp?: number;
  readonly xRef?: number;
  /** Levenberg–Marquardt iteration cap per window (a window that needs more is reported as not converged). */
  readonly maxIterations?: number;
}

export type Identification = 'identified' | 'weak' | 'not-identified';

export interface RollingWindow {
  /** Inclusive epoch days. */
  readonly fromDay: number;
  readonly toDay: number;
  readonly weeks: number;
  readonly xMinPct: number | null;
  readonly xMaxPct: number | null;
  readonly status: Identification;
  /** Why the window is weak or not identified; null when identified. */
  readonly reason: string | null;
  /** The regime in force at the window's last week and its α (bp). */
  readonly latestRegime: string | null;
  readonly alphaBp: number | null;
  readonly beta: number | null;
  readonly gamma: number | null;
  readonly betaSe: number | null;
  readonly gammaSe: number | null;
  readonly rmseBp: number | null;
  /** Reserves/GDP (%) where |slope| = 1 and 2 bp/pp; null when the window is not identified. */
  readonly edge1Pct: number | null;
  readonly edge2Pct: number | null;
  /**
   * Delta-method standard errors of the edges, pp, from the β, γ covariance (asymptotic: ignores the
   * weekly serial correlation, so a lower bound). β alone is a poor guide: it is the excess spread at
   * x_ref, often far outside a window's range, while the edge is where the window's data are.
   */
  readonly edge1SePp: number | null;
  readonly edge2SePp: number | null;
  /** Whether each edge lies inside the window's own reserves/GDP range (else it is extrapolation). */
  readonly edge1InSample: boolean;
  readonly edge2InSample: boolean;
  /** Regimes with too few weeks in the window (their weeks are left out of its fit). */
  readonly droppedRegimes: readonly string[];
}

/**
 * Well-identified windows converge in a few dozen iterations; the ones that run on are sliding along
 * the β–α ridge towards γ's lower bound (the window's data look linear, no curvature), which is "not
 * identified" at any cap. 150 instead of the full fit's 500 keeps the 60-odd windows near 1 s; on the
 * snapshot it changes one window's status (2015-04 … 2017-03, weak with γ = 0.03 ± 0.20 at 500).
 */
export const ROLLING_MAX_ITERATIONS = 150;

const BETA_BOUND = 499.9;
const GAMMA_LOW = 0.0101;
const GAMMA_HIGH = 4.99;

function addMonths(d: IsoDate, months: number): IsoDate {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + months;
  const yy = y + Math.floor(m / 12);
  const mm = (((m % 12) + 12) % 12) + 1;
  const dd = Math.min(Number(d.slice(8, 10)), daysInMonth(yy, mm));
  return `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}` as IsoDate;
}

/**
 * Windows [from, to] of `windowYears` years whose ends step by `stepMonths` from the first calendar
 * quarter start that leaves a full window after `firstDay`; a last window ends at `lastDay` (the
 * latest week) when the quarter grid stops short of it, so the current curve is always shown.
 */
export function rollingWindows(firstDay: number, lastDay: number, windowYears: number, stepMonths: number): { fromDay: number; toDay: number }[] {
  if (!(windowYears > 0) || !(stepMonths > 0) || lastDay < firstDay) return [];
  const first = fromEpochDay(firstDay);
  const y = Number(first.slice(0, 4));
  const m = Number(first.slice(5, 7));
  // The first quarter start on or after firstDay.
  let start = `${String(y).padStart(4, '0')}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01` as IsoDate;
  if (epochDay(start) < firstDay) start = addMonths(start, 3);
  const months = Math.round(windowYears * 12);
  const out: { fromDay: number; toDay: number }[] = [];
  for (let from = start; ; from = addMonths(from, stepMonths)) {
    const endExclusive = epochDay(addMonths(from, months));
    if (endExclusive - 1 > lastDay) break;
    out.push({ fromDay: epochDay(from), toDay: endExclusive - 1 });
  }
  const lastTo = out[out.length - 1]?.toDay ?? Number.NEGATIVE_INFINITY;
  if (lastTo < lastDay) {
    const fromDay = epochDay(addMonths(fromEpochDay(lastDay + 1), -months));
    if (fromDay >= firstDay) out.push({ fromDay, toDay: lastDay });
  }
  return out;
}

const round = (v: number, k: number): number => Math.round(v * 10 ** k) / 10 ** k;

/**
 * SE of x_θ = x_ref − ln(θ/(γβ))/γ by the delta method: ∂x/∂β = 1/(γβ), ∂x/∂γ = (1 + ln(θ/(γβ)))/γ²;
 * `cov` is the 2×2 covariance of (β, γ).
 */
export function edgeStandardError(beta: number, gamma: number, cov: readonly [readonly [number, number], readonly [number, number]], theta: number): number {
  const gb = 1 / (gamma * beta);
  const gg = (1 + Math.log(theta / (gamma * beta))) / (gamma * gamma);
  const v = gb * gb * cov[0][0] + 2 * gb * gg * cov[0][1] + gg * gg * cov[1][1];
  return v >= 0 ? Math.sqrt(v) : Number.NaN;
}

/** One window's fit (the points already restricted to it, in time order). */
export function fitWindow(points: readonly RollingPoint[], fromDay: number, toDay: number, opts: RollingFitOptions): RollingWindow {
  const minRegime = opts.minRegimeWeeks ?? 8;
  const minWeeks = opts.minWeeks ?? 26;
  const minRange = opts.minRangePp ?? 0.5;
  const weakSe = opts.weakRelativeSe ?? 0.5;
  const weakEdge = opts.weakEdgeSePp ?? 1;
  const xRef = opts.xRef ?? 10;
  const counts = new Map<string, number>();
  for (const p of points) counts.set(p.regimeKey, (counts.get(p.regimeKey) ?? 0) + 1);
  const keys = [...counts.entries()].filter(([, n]) => n >= minRegime).map(([k]) => k);
  const droppedRegimes = [...counts.entries()].filter(([, n]) => n < minRegime).map(([k, n]) => `${k} (${n} wk)`);
  const idx = new Map(keys.map((k, i) => [k, i]));
  const use = points.filter((p) => idx.has(p.regimeKey));
  const xs = use.map((p) => p.x);
  const xMin = xs.length > 0 ? Math.min(...xs) : null;
  const xMax = xs.length > 0 ? Math.max(...xs) : null;
  const latestRegime = use[use.length - 1]?.regimeKey ?? null;
  const base = { fromDay, toDay, weeks: use.length, xMinPct: xMin, xMaxPct: xMax, latestRegime, droppedRegimes };
  const none = { alphaBp: null, beta: null, gamma: null, betaSe: null, gammaSe: null, rmseBp: null, edge1Pct: null, edge2Pct: null, edge1SePp: null, edge2SePp: null, edge1InSample: false, edge2InSample: false };
  if (use.length < minWeeks) return { ...base, ...none, status: 'not-identified', reason: `only ${use.length} usable weeks (needs ${minWeeks})` };
  const range = (xMax ?? 0) - (xMin ?? 0);
  if (range < minRange) return { ...base, ...none, status: 'not-identified', reason: `reserves/GDP moved only ${range.toFixed(2)} pp (${(xMin ?? 0).toFixed(2)}–${(xMax ?? 0).toFixed(2)}%): too little variation to identify the curve` };
  const fitPoints: FitPoint[] = use.map((p) => ({ x: p.x, y: p.y, regime: idx.get(p.regimeKey) ?? 0 }));
  const f = fitDemandCurve(fitPoints, keys.length, xRef, undefined, opts.maxIterations ?? ROLLING_MAX_ITERATIONS);
  const k = keys.length;
  const betaSe = f.standardErrors?.[k] ?? null;
  const gammaSe = f.standardErrors?.[k + 1] ?? null;
  const alphaBp = latestRegime === null ? null : (f.alphas[idx.get(latestRegime) ?? 0] ?? null);
  const params = { alphaBp, beta: f.beta, gamma: f.gamma, betaSe, gammaSe, rmseBp: f.rmse };
  const problems: string[] = [];
  if (!f.converged) problems.push('the optimiser did not converge');
  if (f.beta >= BETA_BOUND) problems.push(`β sits on its bound (${f.beta.toFixed(1)})`);
  if (f.gamma <= GAMMA_LOW) problems.push(`γ sits on its lower bound (${f.gamma.toFixed(3)}): the window's spreads look linear or flat in reserves/GDP, no curvature to identify`);
  if (f.gamma >= GAMMA_HIGH) problems.push(`γ sits on its upper bound (${f.gamma.toFixed(3)}): the spread does not respond to reserves/GDP in this window`);
  if (f.covariance === null || betaSe === null || gammaSe === null || !Number.isFinite(betaSe) || !Number.isFinite(gammaSe)) problems.push('the covariance is singular');
  if (problems.length > 0) return { ...base, ...params, edge1Pct: null, edge2Pct: null, edge1SePp: null, edge2SePp: null, edge1InSample: false, edge2InSample: false, status: 'not-identified', reason: problems.join('; ') };
  const curve = { alpha: alphaBp ?? 0, beta: f.beta, gamma: f.gamma, xRef, basis: 'gdp' as const };
  const edge1Pct = ampleEdge(curve, 1);
  const edge2Pct = ampleEdge(curve, 2);
  const inSample = (e: number): boolean => e >= (xMin ?? Number.NaN) && e <= (xMax ?? Number.NaN);
  const cv = f.covariance;
  const cov: [[number, number], [number, number]] = [
    [cv?.[k]?.[k] ?? Number.NaN, cv?.[k]?.[k + 1] ?? Number.NaN],
    [cv?.[k + 1]?.[k] ?? Number.NaN, cv?.[k + 1]?.[k + 1] ?? Number.NaN],
  ];
  const edge1SePp = edgeStandardError(f.beta, f.gamma, cov, 1);
  const edge2SePp = edgeStandardError(f.beta, f.gamma, cov, 2);
  const wide: string[] = [];
  if ((gammaSe ?? 0) > weakSe * f.gamma) wide.push(`γ = ${round(f.gamma, 3)} ± ${round(gammaSe ?? 0, 3)} (SE over ${Math.round(weakSe * 100)}%)`);
  if (!(edge1SePp <= weakEdge)) wide.push(`the 1 bp/pp edge ${round(edge1Pct, 2)}% ± ${round(edge1SePp, 2)} pp (SE over ${weakEdge} pp)`);
  const edges = { edge1Pct, edge2Pct, edge1SePp, edge2SePp, edge1InSample: inSample(edge1Pct), edge2InSample: inSample(edge2Pct) };
  if (wide.length > 0) return { ...base, ...params, ...edges, status: 'weak', reason: `weakly identified: ${wide.join('; ')}` };
  return { ...base, ...params, ...edges, status: 'identified', reason: null };
}

/** Every window of `rollingWindows` over the points (sorted by day), fitted by `fitWindow`. */
export function rollingFit(points: readonly RollingPoint[], opts: RollingFitOptions): RollingWindow[] {
  const sorted = [...points].sort((a, b) => a.day - b.day);
  const first = sorted[0]?.day;
  const last = sorted[sorted.length - 1]?.day;
  if (first === undefined || last === undefined) return [];
  return rollingWindows(first, last, opts.windowYears, opts.stepMonths).map((w) =>
    fitWindow(
      sorted.filter((p) => p.day >= w.fromDay && p.day <= w.toDay),
      w.fromDay,
      w.toDay,
      opts,
    ),
  );
}
