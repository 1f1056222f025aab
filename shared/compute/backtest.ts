/**
 * Back-testing the projection (issue 14 §1): errors of a projection from a past anchor against what
 * actually happened, at fixed horizons, and their statistics over many anchors, beside a naive
 * "no change" projection (the anchor's own value held flat). Pure: the caller supplies the actuals.
 * Error = projected − actual, in the variable's own unit ($bn, pp, bp).
 */
import type { ProjectionPath } from './projection.js';

export const BACKTEST_HORIZONS_MONTHS = [1, 3, 6, 9, 12] as const;

export const BACKTEST_VARIABLES = ['reservesBn', 'reservesGdpPct', 'tgaBn', 'onrrpBn', 'netLiquidityBn', 'spreadBp'] as const;
export type BacktestVariable = (typeof BACKTEST_VARIABLES)[number];

/** One variable's values by calendar month ("YYYY-MM"); a month without a value is absent. */
export type MonthlyValues = ReadonlyMap<string, number>;

export interface AnchorBacktestInput {
  /** The calendar month ("YYYY-MM") of the anchor; horizon h is the month h months later. */
  readonly anchorMonth: string;
  /** The value at the anchor, per variable: the naive projection holds it for every horizon. */
  readonly atAnchor: Readonly<Partial<Record<BacktestVariable, number>>>;
  readonly projected: Readonly<Partial<Record<BacktestVariable, MonthlyValues>>>;
  readonly actual: Readonly<Partial<Record<BacktestVariable, MonthlyValues>>>;
}

export interface HorizonError {
  readonly variable: BacktestVariable;
  readonly horizonMonths: number;
  readonly month: string;
  readonly projected: number;
  readonly actual: number;
  /** projected − actual */
  readonly error: number;
  /** naive (anchor value) − actual; null when the anchor value is unknown */
  readonly naiveError: number | null;
}

/** What happened in one month after an anchor (values from the month's last H.4.1 Wednesday). */
export interface ActualMonth {
  readonly month: string;
  /** The last H.4.1 Wednesday of the month, where the values come from. */
  readonly wednesday: string;
  readonly reservesBn: number;
  readonly reservesGdpPct: number | null;
  readonly tgaBn: number | null;
  readonly onrrpBn: number | null;
  readonly netLiquidityBn: number | null;
  readonly spreadBp: number | null;
}

/** "YYYY-MM" plus n months. */
export function addMonths(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The errors of one anchor's projection at each horizon where both the projection and the actual exist. */
export function horizonErrors(b: AnchorBacktestInput, horizons: readonly number[] = BACKTEST_HORIZONS_MONTHS): HorizonError[] {
  const out: HorizonError[] = [];
  for (const variable of BACKTEST_VARIABLES) {
    const proj = b.projected[variable];
    const act = b.actual[variable];
    if (proj === undefined || act === undefined) continue;
    const a0 = b.atAnchor[variable];
    for (const h of horizons) {
      const month = addMonths(b.anchorMonth, h);
      const p = proj.get(month);
      const a = act.get(month);
      if (p === undefined || a === undefined || !Number.isFinite(p) || !Number.isFinite(a)) continue;
      out.push({ variable, horizonMonths: h, month, projected: p, actual: a, error: p - a, naiveError: a0 === undefined || !Number.isFinite(a0) ? null : a0 - a });
    }
  }
  return out;
}

export interface ErrorStats {
  readonly n: number;
  readonly meanError: number;
  readonly meanAbsError: number;
  readonly rmse: number;
}

/** Mean error (bias), mean absolute error and root-mean-square error; NaN for an empty sample. */
export function errorStats(errors: readonly number[]): ErrorStats {
  const n = errors.length;
  if (n === 0) return { n: 0, meanError: Number.NaN, meanAbsError: Number.NaN, rmse: Number.NaN };
  let s = 0;
  let sa = 0;
  let s2 = 0;
  for (const e of errors) {
    s += e;
    sa += Math.abs(e);
    s2 += e * e;
  }
  return { n, meanError: s / n, meanAbsError: sa / n, rmse: Math.sqrt(s2 / n) };
}

export interface HorizonSummary {
  readonly variable: BacktestVariable;
  readonly horizonMonths: number;
  readonly model: ErrorStats;
  /** Over the same anchors as `model` where the naive error exists. */
  readonly naive: ErrorStats;
}

/** Statistics per variable and horizon over the errors of many anchors. */
export function summarizeErrors(errors: readonly HorizonError[], horizons: readonly number[] = BACKTEST_HORIZONS_MONTHS): HorizonSummary[] {
  const out: HorizonSummary[] = [];
  for (const variable of BACKTEST_VARIABLES) {
    for (const h of horizons) {
      const sel = errors.filter((e) => e.variable === variable && e.horizonMonths === h);
      if (sel.length === 0) continue;
      const naive: number[] = [];
      for (const e of sel) if (e.naiveError !== null) naive.push(e.naiveError);
      out.push({ variable, horizonMonths: h, model: errorStats(sel.map((e) => e.error)), naive: errorStats(naive) });
    }
  }
  return out;
}

/** One scored variable: how to read it from a projection and from what happened, and how to show it. */
export interface ErrorVariable {
  readonly v: BacktestVariable;
  readonly label: string;
  readonly unit: string;
  readonly digits: number;
  readonly pick: (p: ProjectionPath) => Float64Array;
  readonly actual: (a: ActualMonth) => number | null;
}

export const ERROR_VARIABLES: readonly ErrorVariable[] = [
  { v: 'reservesBn', label: 'Reserves', unit: '$bn', digits: 0, pick: (p) => p.reserves, actual: (a) => a.reservesBn },
  { v: 'reservesGdpPct', label: 'Reserves/GDP', unit: 'pp', digits: 2, pick: (p) => p.reservesGdpPct, actual: (a) => a.reservesGdpPct },
  { v: 'tgaBn', label: 'TGA', unit: '$bn', digits: 0, pick: (p) => p.tga, actual: (a) => a.tgaBn },
  { v: 'onrrpBn', label: 'ON RRP', unit: '$bn', digits: 0, pick: (p) => p.rrp, actual: (a) => a.onrrpBn },
  { v: 'netLiquidityBn', label: 'Net liquidity', unit: '$bn', digits: 0, pick: (p) => p.netLiquidity, actual: (a) => a.netLiquidityBn },
  { v: 'spreadBp', label: 'EFFR − IORB', unit: 'bp', digits: 2, pick: (p) => p.spreadBp, actual: (a) => a.spreadBp },
];

/**
 * A projection's errors against what happened after its anchor (projected − actual; naive = the
 * anchor's value held flat), at the back-test horizons counted from the anchor Wednesday's month as
 * `backtest` counts them. One function for the lab's table and Compare's (they were two copies).
 */
export function pathErrors(path: ProjectionPath, anchorWednesday: string, actuals: readonly ActualMonth[], atAnchor: ActualMonth | null, variables: readonly ErrorVariable[] = ERROR_VARIABLES): HorizonError[] {
  if (actuals.length === 0) return [];
  const projected: Partial<Record<BacktestVariable, MonthlyValues>> = {};
  const actual: Partial<Record<BacktestVariable, MonthlyValues>> = {};
  const a0: Partial<Record<BacktestVariable, number>> = {};
  for (const x of variables) {
    const s = x.pick(path);
    const pm = new Map<string, number>();
    for (let t = 1; t < path.dates.length; t++) pm.set((path.dates[t] ?? '').slice(0, 7), s[t] ?? Number.NaN);
    projected[x.v] = pm;
    const am = new Map<string, number>();
    for (const m of actuals) {
      const v = x.actual(m);
      if (v !== null) am.set(m.month, v);
    }
    actual[x.v] = am;
    const v0 = atAnchor === null ? null : x.actual(atAnchor);
    if (v0 !== null) a0[x.v] = v0;
  }
  return horizonErrors({ anchorMonth: anchorWednesday.slice(0, 7), atAnchor: a0, projected, actual });
}
