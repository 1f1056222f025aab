/**
 * What actually happened after an anchor, and the back-test of a scenario over many monthly anchors
 * (issue 14 §1), from the store.
 *
 * Actuals are taken on the last H.4.1 Wednesday of each month, not at month-end: the anchor's stocks
 * are Wednesday levels, so this keeps projection and outcome on one basis (a month-end day is often
 * not a Wednesday and would need a daily series the H.4.1 does not have). The projected value for a
 * month is the engine's month-end value. Reserves/GDP actual = reserves ÷ today's vintage of the GDP
 * quarter containing that month (ex post: what the ratio turned out to be); months whose quarter is not
 * yet in the store have no ratio. The spread is EFFR − IORB on that Wednesday, from 2021-07 (IORB).
 */
import { BACKTEST_HORIZONS_MONTHS, addMonths, type ActualMonth, horizonErrors, summarizeErrors, type BacktestVariable, type HorizonError, type HorizonSummary, type MonthlyValues } from '../../../shared/compute/backtest.js';
import { bp } from '../../../shared/compute/bp.js';
import { DEFAULT_INPUTS } from '../../../shared/compute/presets.js';
import type { ScenarioInputs } from '../../../shared/compute/projection.js';
import { projectScenario } from '../../../shared/model/scenario.js';
import { epochDay, fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { AnchorDateError, anchorFromStore, type AnchorReport } from './anchor-from-store.js';
import { storedCurve } from './projection-context.js';
import { SeriesCache } from './series-cache.js';

export type { ActualMonth };

function actualOn(c: SeriesCache, wed: IsoDate): ActualMonth | null {
  const r = c.at('WRBWFRBL', wed, 0)?.value;
  if (r === undefined) return null;
  const tga = c.at('WDTGAL', wed, 0)?.value ?? null;
  // The anchor's own fallback for ON RRP: the daily operation on the Wednesday when WLRRAOL is absent.
  const rrp = c.at('WLRRAOL', wed, 0)?.value ?? c.at('RRPONTSYD', wed, 4)?.value ?? null;
  const assets = c.at('WALCL', wed, 0)?.value ?? null;
  const effr = c.at('EFFR', wed, 4);
  const iorb = c.at('IORB', wed, 4);
  const gdpS = c.get('GDP');
  const y = Number(wed.slice(0, 4));
  const qStart = `${y}-${String(Math.floor((Number(wed.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01` as IsoDate;
  let gdp: number | null = null;
  const qDay = epochDay(qStart);
  for (let i = gdpS.dates.length - 1; i >= 0 && (gdpS.dates[i] ?? 0) >= qDay; i--) {
    if (gdpS.dates[i] === qDay) {
      const g = gdpS.values[i] ?? Number.NaN;
      gdp = Number.isFinite(g) ? g : null;
      break;
    }
  }
  return {
    month: wed.slice(0, 7),
    wednesday: wed,
    reservesBn: r,
    reservesGdpPct: gdp === null ? null : (100 * r) / gdp,
    tgaBn: tga,
    onrrpBn: rrp,
    netLiquidityBn: assets === null || tga === null || rrp === null ? null : assets - tga - rrp,
    spreadBp: effr !== null && iorb !== null ? bp(effr.value, iorb.value) : null,
  };
}

const lastWednesdaysOf = new WeakMap<SeriesCache, Map<string, IsoDate>>();

/** The last reserves Wednesday of each month, by "YYYY-MM"; once per cache (a back-test asks per anchor). */
function lastWednesdays(c: SeriesCache): Map<string, IsoDate> {
  const kept = lastWednesdaysOf.get(c);
  if (kept !== undefined) return kept;
  const out = new Map<string, IsoDate>();
  for (const day of c.get('WRBWFRBL').dates) {
    const d = fromEpochDay(day);
    out.set(d.slice(0, 7), d); // dates ascend, so the last write per month wins
  }
  lastWednesdaysOf.set(c, out);
  return out;
}

/** The values on one H.4.1 Wednesday (the anchor's own, for the naive projection). */
export function actualAt(db: Db, wed: IsoDate, cache?: SeriesCache): ActualMonth | null {
  return actualOn(cache ?? new SeriesCache(db), wed);
}

/** What happened in each of the `months` calendar months after the anchor's month (months with data only). */
export function actualsAfter(db: Db, anchorDate: IsoDate, months: number, cache?: SeriesCache): ActualMonth[] {
  const c = cache ?? new SeriesCache(db);
  const lw = lastWednesdays(c);
  const out: ActualMonth[] = [];
  for (let h = 1; h <= months; h++) {
    const wed = lw.get(addMonths(anchorDate.slice(0, 7), h));
    const a = wed === undefined ? null : actualOn(c, wed);
    if (a !== null) out.push(a);
  }
  return out;
}

const VAR_OF_ACTUAL: Readonly<Record<BacktestVariable, keyof Omit<ActualMonth, 'month' | 'wednesday'>>> = {
  reservesBn: 'reservesBn',
  reservesGdpPct: 'reservesGdpPct',
  tgaBn: 'tgaBn',
  onrrpBn: 'onrrpBn',
  netLiquidityBn: 'netLiquidityBn',
  spreadBp: 'spreadBp',
};

/** The errors of one projection from `anchor` against the store's actuals, at +1, +3, +6, +9, +12 months. */
export function anchorErrors(db: Db, anchor: AnchorReport, inputs: ScenarioInputs, cache?: SeriesCache): HorizonError[] {
  const c = cache ?? new SeriesCache(db);
  const run = projectScenario(anchor.anchor, inputs);
  if (!run.ok) throw new Error(`cannot project from ${anchor.wednesday}: ${run.error}`);
  const p = run.value;
  const projSeries: Record<BacktestVariable, Float64Array> = { reservesBn: p.reserves, reservesGdpPct: p.reservesGdpPct, tgaBn: p.tga, onrrpBn: p.rrp, netLiquidityBn: p.netLiquidity, spreadBp: p.spreadBp };
  const maxH = Math.max(...BACKTEST_HORIZONS_MONTHS);
  const acts = actualsAfter(db, anchor.wednesday, maxH, c);
  const at0 = actualOn(c, anchor.wednesday);
  const projected: Partial<Record<BacktestVariable, MonthlyValues>> = {};
  const actual: Partial<Record<BacktestVariable, MonthlyValues>> = {};
  const atAnchor: Partial<Record<BacktestVariable, number>> = {};
  for (const [v, key] of Object.entries(VAR_OF_ACTUAL) as [BacktestVariable, keyof Omit<ActualMonth, 'month' | 'wednesday'>][]) {
    // t = 0 is the anchor; later months carry the engine's month-end values.
    const pm = new Map<string, number>();
    for (let t = 1; t < p.dates.length; t++) pm.set((p.dates[t] ?? '').slice(0, 7), projSeries[v][t] ?? Number.NaN);
    projected[v] = pm;
    const am = new Map<string, number>();
    for (const a of acts) {
      const x = a[key];
      if (x !== null) am.set(a.month, x);
    }
    actual[v] = am;
    const x0 = at0?.[key] ?? null;
    if (x0 !== null) atAnchor[v] = x0;
  }
  return horizonErrors({ anchorMonth: anchor.wednesday.slice(0, 7), atAnchor, projected, actual });
}

export interface BacktestReport {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The monthly anchors used (last H.4.1 Wednesday of each month with the required data). */
  readonly anchors: readonly IsoDate[];
  readonly skipped: readonly string[];
  readonly curveLabel: string;
  readonly summary: readonly HorizonSummary[];
  readonly errors: readonly (HorizonError & { readonly anchor: IsoDate })[];
}

/**
 * Every monthly anchor in [from, to]: the projection with the store's data defaults as of that anchor
 * plus `overrides` (a preset's or a scenario's), against what happened. The demand curve is the store's
 * current one for every anchor (a fit on the whole history: the spread errors carry that look-ahead).
 */
export function backtestFromStore(db: Db, opts: { readonly overrides?: Partial<ScenarioInputs>; readonly from: IsoDate; readonly to: IsoDate; readonly cache?: SeriesCache }): BacktestReport {
  const c = opts.cache ?? new SeriesCache(db);
  const { curve, label } = storedCurve(db);
  const anchors: IsoDate[] = [];
  const skipped: string[] = [];
  const errors: (HorizonError & { anchor: IsoDate })[] = [];
  for (const wed of lastWednesdays(c).values()) {
    if (wed < opts.from || wed > opts.to) continue;
    let a: AnchorReport;
    try {
      a = anchorFromStore(db, { at: wed, cache: c });
    } catch (e) {
      // A month whose anchor cannot be built (a series missing that Wednesday, no GDP published yet) is
      // skipped with the reason; a bug elsewhere still surfaces.
      if (!(e instanceof AnchorDateError) && !(e instanceof Error && /has no value|no GDP quarter|lacks one of/.test(e.message))) throw e;
      skipped.push(`${wed}: ${e.message}`);
      continue;
    }
    // Two years is enough for +12 months; the overrides' own horizon is not needed here.
    const inputs: ScenarioInputs = { ...DEFAULT_INPUTS, ...a.dataDefaults, curve, ...(opts.overrides ?? {}), horizonYears: 2 };
    // An anchor the engine refuses (e.g. negative reserves from 2002's data) is skipped with the reason,
    // not the end of the whole back-test (found: --from 1990 stopped at 2002-12-25).
    const run = projectScenario(a.anchor, inputs);
    if (!run.ok) {
      skipped.push(`${wed}: ${run.error}`);
      continue;
    }
    anchors.push(wed);
    for (const e of anchorErrors(db, a, inputs, c)) errors.push({ ...e, anchor: wed });
  }
  return { from: opts.from, to: opts.to, anchors, skipped, curveLabel: label, summary: summarizeErrors(errors), errors };
}
