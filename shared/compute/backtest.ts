/**
 * Back-testing the projection (issue 14 §1): errors of a projection from a past anchor against what
 * actually happened, at fixed horizons, and their statistics over many anchors, beside a naive
 * "no change" projection (the anchor's own value held flat). Pure: the caller supplies the actuals.
 * Error = projected − actual, in the variable's own unit ($bn, pp, bp).
 */

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
