/**
 * Compare across anchors (issue 14 §6), as pure functions: scenarios anchored at different H.4.1
 * Wednesdays drawn on one calendar axis (month-ends), what actually happened after each past anchor,
 * each scenario's uncertainty fan as a 10–90% fill, and the projection errors of the past ones.
 * compare-model.ts keeps the rules that need one common start (differences, milestones).
 */
import { ERROR_VARIABLES, pathErrors, type ActualMonth, type BacktestVariable, type ErrorVariable, type HorizonError } from '../../../shared/compute/backtest.js';
import type { FanResult } from '../../../shared/compute/fan.js';
import type { ProjectionPath } from '../../../shared/compute/projection.js';
import type { CompareMetric } from '../../../shared/model/ui-state.js';
import { daysInMonth, epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { ChartBand, ChartSeries } from '../../charts/chart-spec.js';
import { SCENARIO_COLORS } from '../../charts/palette.js';

/** What the store says happened after one anchor (projection:context at that Wednesday). */
export interface AnchorActuals {
  readonly actuals: readonly ActualMonth[];
  readonly atAnchor: ActualMonth | null;
}

/** By the anchor's H.4.1 Wednesday (a scenario's `dataAsOf`). */
export type ActualsByAnchor = ReadonlyMap<string, AnchorActuals>;

/** The little of an Entry this file needs (compare-model.ts Entry satisfies it). */
export interface AnchoredPath {
  readonly name: string;
  readonly anchorDate: IsoDate;
  /** The anchor's H.4.1 Wednesday. */
  readonly dataAsOf: string;
  readonly path: ProjectionPath;
}

/** Every month-end any compared path has: each scenario from its own anchor, on one date axis. */
export function unionDays(entries: readonly AnchoredPath[]): number[] {
  return [...new Set(entries.flatMap((e) => e.path.dates.map((d) => epochDay(d))))].sort((a, b) => a - b);
}

/** The month-end day of "YYYY-MM": where the projection's grid has that month. */
export function monthEndDay(month: string): number {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return epochDay(`${month}-${String(daysInMonth(y, m)).padStart(2, '0')}` as IsoDate);
}

/** The actual value of a Compare metric in one month (ActualMonth names them by unit). */
export const ACTUAL_OF: Readonly<Record<CompareMetric, (a: ActualMonth) => number | null>> = {
  reserves: (a) => a.reservesBn,
  reservesGdpPct: (a) => a.reservesGdpPct,
  netLiquidity: (a) => a.netLiquidityBn,
  spreadBp: (a) => a.spreadBp,
};

/** The anchors (Wednesdays) of the entries that have actuals after them, in first-seen order, each once. */
export function pastAnchors(entries: readonly AnchoredPath[], actuals: ActualsByAnchor): { readonly wednesday: string; readonly anchorDate: IsoDate }[] {
  const out: { wednesday: string; anchorDate: IsoDate }[] = [];
  for (const e of entries) {
    const a = actuals.get(e.dataAsOf);
    if (a === undefined || a.actuals.length === 0 || out.some((o) => o.wednesday === e.dataAsOf)) continue;
    out.push({ wednesday: e.dataAsOf, anchorDate: e.anchorDate });
  }
  return out;
}

/** Okabe–Ito colours the scenario palette does not use (the lab's green is a scenario colour here). */
const ACTUAL_COLORS = ['#E69F00', '#56B4E9', '#F0E442'] as const;

/**
 * What actually happened after each distinct past anchor, one line per anchor (not per scenario: two
 * scenarios from one anchor share their actuals), starting at the anchor's own month so it meets the
 * projections there. Values are the last H.4.1 Wednesday of each month, placed on that month's end.
 */
export function actualSeries(entries: readonly AnchoredPath[], metric: CompareMetric, unit: string, actuals: ActualsByAnchor, days: readonly number[]): ChartSeries[] {
  const pick = ACTUAL_OF[metric];
  return pastAnchors(entries, actuals).map((p, j) => {
    const a = actuals.get(p.wednesday);
    const byDay = new Map<number, number>();
    const at = a?.atAnchor ?? null;
    const v0 = at === null ? null : pick(at);
    if (v0 !== null && Number.isFinite(v0)) byDay.set(epochDay(p.anchorDate), v0);
    for (const m of a?.actuals ?? []) {
      const v = pick(m);
      if (v !== null && Number.isFinite(v)) byDay.set(monthEndDay(m.month), v);
    }
    return {
      id: `ACT${j}`,
      label: `Actual after anchor ${p.wednesday} (last H.4.1 Wednesday of each month)`,
      unit,
      color: ACTUAL_COLORS[j % ACTUAL_COLORS.length] ?? '#E69F00',
      values: days.map((d) => byDay.get(d) ?? null),
      width: 2.5,
      frequency: 'M' as const,
    };
  });
}

/** The fan's columns for a metric; net liquidity has no fan (fan.ts simulates reserves, the ratio and the spread). */
export function fanColumns(f: FanResult, metric: CompareMetric): readonly Float64Array[] | null {
  switch (metric) {
    case 'reserves':
      return f.reserves;
    case 'reservesGdpPct':
      return f.reservesGdpPct;
    case 'spreadBp':
      return f.spreadBp;
    case 'netLiquidity':
      return null;
    default: {
      const never: never = metric;
      return never;
    }
  }
}

export const FAN_METRICS: readonly CompareMetric[] = ['reserves', 'reservesGdpPct', 'spreadBp'];

/** The baseline's ink is the theme's text colour, which a fill cannot follow: its fan is a neutral grey. */
const fillOf = (k: number): string => (k === 0 ? '#8d99a640' : `${SCENARIO_COLORS[k % SCENARIO_COLORS.length] ?? '#8d99a6'}2e`);
const edgeOf = (k: number): string => (k === 0 ? '#8d99a6' : `${SCENARIO_COLORS[k % SCENARIO_COLORS.length] ?? '#8d99a6'}99`);

/**
 * Each scenario's 10–90% range as a fill between two band edges (out of the legend and readout,
 * named in the CSV), matched on month-end days. `fans[k]` belongs to `entries[k]`; null: none (yet).
 */
export function fanSeries(entries: readonly AnchoredPath[], fans: readonly (FanResult | null)[], metric: CompareMetric, unit: string, days: readonly number[]): { series: ChartSeries[]; bands: ChartBand[] } {
  const pos = new Map(days.map((d, i) => [d, i]));
  const series: ChartSeries[] = [];
  const bands: ChartBand[] = [];
  entries.forEach((e, k) => {
    const f = fans[k] ?? null;
    const cols = f === null ? null : fanColumns(f, metric);
    if (f === null || cols === null) return;
    const column = (v: Float64Array | undefined): (number | null)[] => {
      const out = new Array<number | null>(days.length).fill(null);
      f.dates.forEach((d, t) => {
        const i = pos.get(epochDay(d));
        const x = v?.[t];
        if (i !== undefined && x !== undefined && Number.isFinite(x)) out[i] = x;
      });
      return out;
    };
    const lo = `F${k}_P10`;
    const hi = `F${k}_P90`;
    series.push({ id: lo, label: `${e.name} fan 10%`, unit, color: edgeOf(k), values: column(cols[0]), style: 'band-edge', frequency: 'M' });
    series.push({ id: hi, label: `${e.name} fan 90%`, unit, color: edgeOf(k), values: column(cols[cols.length - 1]), style: 'band-edge', frequency: 'M' });
    bands.push({ upper: hi, lower: lo, fill: fillOf(k) });
  });
  return { series, bands };
}

/** The variables Compare's errors table scores: the ones a fan exists for. */
export const COMPARE_ERROR_VARIABLES: readonly ErrorVariable[] = ERROR_VARIABLES.filter((x) => x.v === 'reservesBn' || x.v === 'reservesGdpPct' || x.v === 'spreadBp');

/** A projection's errors against its anchor's actuals (shared/compute/backtest.ts pathErrors). */
export const compareErrors = (path: ProjectionPath, anchorWednesday: string, a: AnchorActuals): HorizonError[] => pathErrors(path, anchorWednesday, a.actuals, a.atAnchor, COMPARE_ERROR_VARIABLES);

export interface ErrorRow {
  /** Index of the scenario in the compared entries (its colour). */
  readonly entry: number;
  readonly name: string;
  readonly wednesday: string;
  readonly variable: BacktestVariable;
  readonly label: string;
  /** One cell per horizon of `ErrorTable.horizons`: the text, and the numbers behind it for the tooltip. */
  readonly cells: readonly { readonly text: string; readonly title: string }[];
}

export interface ErrorTable {
  readonly horizons: readonly number[];
  readonly rows: readonly ErrorRow[];
}

const signed = (x: number, d: number): string => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(d)}`;

/** Rows for every compared scenario anchored in the past (actuals after its anchor), none for the others. */
export function compareErrorTable(entries: readonly AnchoredPath[], actuals: ActualsByAnchor): ErrorTable {
  const scored = entries.flatMap((e, k) => {
    const a = actuals.get(e.dataAsOf);
    return a === undefined || a.actuals.length === 0 ? [] : [{ e, k, errors: compareErrors(e.path, e.dataAsOf, a) }];
  });
  const horizons = [...new Set(scored.flatMap((s) => s.errors.map((x) => x.horizonMonths)))].sort((a, b) => a - b);
  const rows = scored.flatMap(({ e, k, errors }) =>
    COMPARE_ERROR_VARIABLES.map((x) => ({
      entry: k,
      name: e.name,
      wednesday: e.dataAsOf,
      variable: x.v,
      label: `${x.label} (${x.unit})`,
      cells: horizons.map((h) => {
        const r = errors.find((q) => q.variable === x.v && q.horizonMonths === h);
        return r === undefined
          ? { text: '—', title: 'no actual yet' }
          : { text: `${signed(r.error, x.digits)}${r.naiveError === null ? '' : ` (naive ${signed(r.naiveError, x.digits)})`}`, title: `${r.month}: projected ${r.projected.toFixed(x.digits)}, actual ${r.actual.toFixed(x.digits)}` };
      }),
    })),
  );
  return { horizons, rows };
}

/** What the page says about alignment when the compared scenarios have different anchors; null when they share one. */
export function alignmentNote(entries: readonly AnchoredPath[]): string | null {
  const anchors = [...new Set(entries.map((e) => e.dataAsOf))].sort();
  if (anchors.length < 2) return null;
  const later = [...entries].sort((a, b) => epochDay(b.anchorDate) - epochDay(a.anchorDate))[0];
  return `Anchors differ (H.4.1 ${anchors.join(', ')}): levels are drawn from each scenario's own anchor on one calendar axis (month-ends); differences, % and the milestones only from the later anchor (${later?.anchorDate ?? ''}), the months every scenario projects.`;
}
