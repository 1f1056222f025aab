/**
 * Solve for a target (issue 14 §2): one scalar input of the §4 engine — the constant RMP pace from a
 * month, or the TGA level — found by a bracketed secant (Illinois) on `project`, so the answer is the
 * engine's own and re-running `project` with it meets the target. Every goal is monotone in its input
 * (more RMP purchases add reserves, a larger TGA drains them), so the bracket ends give the achievable
 * range, and a target outside it is reported as unreachable with that range rather than clamped.
 */
import { horizonMonths, monthAfter, project, type Anchor, type ProjectionPath, type RmpStep, type ScenarioInputs } from './projection.js';
import type { IsoDate } from '../time/iso-date.js';

/** The scenario-file bounds of the solved inputs (shared/model/scenario.ts), so a solved fragment is importable. */
export const RMP_PACE_RANGE_BN: readonly [number, number] = [0, 1000];
export const TGA_LEVEL_RANGE_BN: readonly [number, number] = [0, 3000];

export type SolveGoal =
  /** Reserves/GDP (pp) equal to `targetPct` at the month-end of `by`. */
  | { readonly kind: 'reserves-gdp'; readonly targetPct: number; readonly by: IsoDate; readonly fromMonth: string }
  /** Reserves/GDP at `by` equal to its value at the anchor. */
  | { readonly kind: 'hold-reserves-gdp'; readonly by: IsoDate; readonly fromMonth: string }
  /** Implied EFFR − IORB (bp) at or below `maxBp` in every month from t = 1 to `by`. */
  | { readonly kind: 'spread-max'; readonly maxBp: number; readonly by: IsoDate; readonly fromMonth: string }
  /** Reserves at or above `floorBn` in every month of the horizon, by the TGA level (tgaMode "target"). */
  | { readonly kind: 'reserves-floor-tga'; readonly floorBn: number };

export type SolveStatus =
  /** The input meets the target exactly (equality goals) or is the binding level (inequality goals). */
  | 'solved'
  /** Inequality goal already met at the friendliest end of the range: the input does not bind. */
  | 'not-binding'
  | 'unreachable';

export interface SolveResult {
  readonly goal: SolveGoal;
  readonly status: SolveStatus;
  /** 'rmp-pace' in $bn/month from `fromMonth`; 'tga-level' in $bn. */
  readonly input: 'rmp-pace' | 'tga-level';
  /** The solved value ($bn/month or $bn), rounded toward the safe side; null when unreachable. */
  readonly value: number | null;
  /** The metric the goal constrains, at the input's range ends (pp, bp or $bn): the achievable range. */
  readonly range: { readonly input: readonly [number, number]; readonly metric: readonly [number, number] };
  /** The metric with the solved value (null when unreachable). */
  readonly metric: number | null;
  /** The target in the metric's unit (for hold: the anchor's reserves/GDP). */
  readonly target: number;
  readonly unit: 'pp' | 'bp' | '$bn';
  /** The engine runs it took (for the speed figure). */
  readonly evaluations: number;
  /** The inputs to merge over the caller's: the solved field(s) and, where needed, a longer horizon. */
  readonly overrides: Partial<Pick<ScenarioInputs, 'rmpSchedule' | 'horizonYears' | 'tgaMode' | 'tgaTargetBn'>>;
  /** Month index of `by` after the anchor (the last month-end on or before it); null for the TGA goal. */
  readonly byMonth: number | null;
}

export class SolveError extends Error {}

/** Months from the anchor's month to the last month-end on or before `by` (≥ 1, else refused). */
export function monthsTo(anchorDate: IsoDate, by: IsoDate): number {
  const byY = Number(by.slice(0, 4));
  const byM = Number(by.slice(5, 7));
  const last = new Date(Date.UTC(byY, byM, 0)).getUTCDate();
  const t = (byY - Number(anchorDate.slice(0, 4))) * 12 + (byM - Number(anchorDate.slice(5, 7))) - (Number(by.slice(8, 10)) < last ? 1 : 0);
  if (t < 1) throw new SolveError(`--by ${by} is not after the anchor ${anchorDate}: the engine projects month-ends after it`);
  if (t > 120) throw new SolveError(`--by ${by} is more than 10 years after the anchor ${anchorDate}: the engine projects at most 120 months`);
  return t;
}

/** The first month after the anchor (YYYY-MM): the earliest a pace set now can act. */
export function firstMonthAfter(anchorDate: IsoDate): string {
  const { y, mo } = monthAfter(anchorDate, 1);
  return `${y}-${String(mo).padStart(2, '0')}`;
}

/** The caller's schedule before `fromMonth`, then one constant pace: the steps already set keep acting until then. */
export function scheduleWithPace(schedule: readonly RmpStep[], fromMonth: string, paceBn: number): RmpStep[] {
  return [...schedule.filter((s) => s.from < fromMonth), { from: fromMonth, perMonthBn: paceBn }];
}

/**
 * Root of an increasing or decreasing f on [lo, hi] with f(lo), f(hi) on either side of 0: Illinois
 * regula falsi, which converges in a few runs on the engine's near-linear responses and never leaves
 * the bracket. Returns both bracket ends, so an inequality goal can take the side that meets it.
 */
function bracketedRoot(f: (x: number) => number, lo: number, fLo: number, hi: number, fHi: number, tolX: number, tolF: number, count: { n: number }): { x: number; fx: number; other: number; fOther: number } {
  let a = lo;
  let fa = fLo;
  let b = hi;
  let fb = fHi;
  let side = 0;
  for (let i = 0; i < 100 && Math.abs(b - a) > tolX; i++) {
    const c = (a * fb - b * fa) / (fb - fa);
    const x = Number.isFinite(c) && c > Math.min(a, b) && c < Math.max(a, b) ? c : (a + b) / 2;
    const fx = f(x);
    count.n++;
    if (Math.abs(fx) <= tolF) return { x, fx, other: x, fOther: fx };
    if (Math.sign(fx) === Math.sign(fb)) {
      b = x;
      fb = fx;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = x;
      fa = fx;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return { x: a, fx: fa, other: b, fOther: fb };
}

const maxOver = (v: Float64Array, from: number, to: number): number => {
  let m = -Infinity;
  for (let t = from; t <= to; t++) m = Math.max(m, v[t] ?? -Infinity);
  return m;
};
const minOver = (v: Float64Array, from: number, to: number): number => {
  let m = Infinity;
  for (let t = from; t <= to; t++) m = Math.min(m, v[t] ?? Infinity);
  return m;
};

/** A horizon that reaches month t (whole years, as validation requires), never shorter than the caller's. */
function horizonFor(inputs: ScenarioInputs, t: number): number {
  return Math.max(inputs.horizonYears, Math.ceil(t / 12));
}

const roundDown = (x: number, step: number): number => Math.floor(x / step + 1e-9) * step;
const roundUp = (x: number, step: number): number => Math.ceil(x / step - 1e-9) * step;
const roundNear = (x: number, step: number): number => Math.round(x / step) * step;
/** Solved values are written to 0.001 $bn: far inside the 0.01 pp / 0.1 bp / 0.1 $bn the answer is checked to. */
const STEP_BN = 0.001;
const tidy = (x: number): number => Math.round(x * 1e6) / 1e6;

export function solve(anchor: Anchor, inputs: ScenarioInputs, goal: SolveGoal): SolveResult {
  const count = { n: 0 };
  if (goal.kind === 'reserves-floor-tga') {
    const N = horizonMonths(inputs.horizonYears);
    const run = (tga: number): ProjectionPath => {
      count.n++;
      return project(anchor, { ...inputs, tgaMode: 'target', tgaTargetBn: tga });
    };
    const g = (tga: number): number => minOver(run(tga).reserves, 1, N);
    const [lo, hi] = TGA_LEVEL_RANGE_BN;
    const gLo = g(lo);
    const gHi = g(hi);
    const base = { goal, input: 'tga-level' as const, range: { input: [lo, hi] as const, metric: [gLo, gHi] as const }, target: goal.floorBn, unit: '$bn' as const, byMonth: null };
    if (gLo < goal.floorBn) return { ...base, status: 'unreachable', value: null, metric: null, evaluations: count.n, overrides: {} };
    const done = (tga: number, status: SolveStatus): SolveResult => {
      const v = tidy(tga);
      const metric = g(v);
      return { ...base, status, value: v, metric, evaluations: count.n, overrides: { tgaMode: 'target', tgaTargetBn: v } };
    };
    if (gHi >= goal.floorBn) return done(hi, 'not-binding');
    const r = bracketedRoot((x) => g(x) - goal.floorBn, lo, gLo - goal.floorBn, hi, gHi - goal.floorBn, 1e-6, 1e-4, count);
    // The largest TGA that still keeps the floor: the bracket side where g ≥ floor, rounded down.
    let v = roundDown(r.fx >= 0 ? r.x : r.other, STEP_BN);
    while (v > lo && g(v) < goal.floorBn) v = roundDown(v - STEP_BN, STEP_BN);
    return done(v, 'solved');
  }

  const t = monthsTo(anchor.date, goal.by);
  const horizonYears = horizonFor(inputs, t);
  const longer = horizonYears !== inputs.horizonYears ? { horizonYears } : {};
  const runPace = (pace: number): ProjectionPath => {
    count.n++;
    return project(anchor, { ...inputs, ...longer, rmpSchedule: scheduleWithPace(inputs.rmpSchedule, goal.fromMonth, pace) });
  };
  const [lo, hi] = RMP_PACE_RANGE_BN;
  const overridesFor = (pace: number): SolveResult['overrides'] => ({ ...longer, rmpSchedule: scheduleWithPace(inputs.rmpSchedule, goal.fromMonth, pace) });

  if (goal.kind === 'spread-max') {
    const h = (pace: number): number => maxOver(runPace(pace).spreadBp, 1, t);
    const hLo = h(lo);
    const hHi = h(hi);
    const base = { goal, input: 'rmp-pace' as const, range: { input: [lo, hi] as const, metric: [hLo, hHi] as const }, target: goal.maxBp, unit: 'bp' as const, byMonth: t };
    const done = (pace: number, status: SolveStatus): SolveResult => {
      const v = tidy(pace);
      const metric = h(v);
      return { ...base, status, value: v, metric, evaluations: count.n, overrides: overridesFor(v) };
    };
    if (hLo <= goal.maxBp) return done(lo, 'not-binding');
    if (hHi > goal.maxBp) return { ...base, status: 'unreachable', value: null, metric: null, evaluations: count.n, overrides: {} };
    const r = bracketedRoot((x) => h(x) - goal.maxBp, lo, hLo - goal.maxBp, hi, hHi - goal.maxBp, 1e-6, 1e-5, count);
    // The smallest pace that keeps the spread at or below the level: the side where h ≤ max, rounded up.
    let v = roundUp(r.fx <= 0 ? r.x : r.other, STEP_BN);
    while (v < hi && h(v) > goal.maxBp) v = roundUp(v + STEP_BN, STEP_BN);
    return done(v, 'solved');
  }

  // Reserves/GDP at month t, to a target or held at the anchor's ratio.
  const f = (pace: number): number => runPace(pace).reservesGdpPct[t] ?? Number.NaN;
  const fLo = f(lo);
  const fHi = f(hi);
  const target = goal.kind === 'reserves-gdp' ? goal.targetPct : (100 * anchor.R0) / anchor.GDP0;
  const base = { goal, input: 'rmp-pace' as const, range: { input: [lo, hi] as const, metric: [fLo, fHi] as const }, target, unit: 'pp' as const, byMonth: t };
  if (!(target >= fLo && target <= fHi)) return { ...base, status: 'unreachable', value: null, metric: null, evaluations: count.n, overrides: {} };
  const r = bracketedRoot((x) => f(x) - target, lo, fLo - target, hi, fHi - target, 1e-6, 1e-6, count);
  const x = Math.abs(r.fx) <= Math.abs(r.fOther) ? r.x : r.other;
  const v = tidy(Math.min(hi, Math.max(lo, roundNear(x, STEP_BN))));
  const metric = f(v);
  return { ...base, status: 'solved', value: v, metric, evaluations: count.n, overrides: overridesFor(v) };
}
