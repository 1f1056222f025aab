/**
 * Evaluates the stored alerts on the store (issue 13 §7): each alert's formula through the store's
 * formula environment (formula-env.ts, the Workspace's rules), then shared/compute/alerts.ts. With
 * `record`, triggers not seen before are written to `alert_events` and returned as `fresh`, for a
 * notification. Run at start and after each sync (alert-service.ts), and by `npm run cli -- alerts`.
 */
import { calendarExpected, evaluateAlert, type AlertDef, type AlertEvaluation, type AlertTrigger } from '../../../shared/compute/alerts.js';
import { FormulaError } from '../../../shared/compute/formula/ast.js';
import { evaluateFormula, type FormulaEnv, type FormulaValue } from '../../../shared/compute/formula/evaluate.js';
import { parseFormula } from '../../../shared/compute/formula/parse.js';
import type { Db } from '../db/open-database.js';
import { listAlerts, recordAlertEvents } from '../db/repos/alerts-repo.js';
import { catalogFormulaEnv } from '../../../shared/compute/formula/catalog-env.js';
import { sliceSeries, type Series } from '../../../shared/compute/series.js';
import { removedMessage, removedSeries, userSeriesDefs } from '../catalog/user-catalog.js';
import { gdpAvailability, gdpReleaseCalendar, type GdpReleaseCalendar } from './gdp-releases.js';
import { SeriesCache } from './series-cache.js';

/** Triggers are kept for the year before each alert's latest observation. */
export const ALERT_HISTORY_DAYS = 365;
/**
 * Alerts look at each series' last ALERT_WINDOW_DAYS only (the year of history, and two more for
 * window functions such as ma, z or pct over 52 weeks, and for the start of a run): evaluating every
 * formula over all of history would cost 50 alerts ~20 ms. A run older than the window shows
 * `since` as the window's first date.
 */
export const ALERT_WINDOW_DAYS = 3 * 366;

/**
 * The store's formula environment (formula-env.ts, the same catalog, units and real-time GDP) on the
 * last ALERT_WINDOW_DAYS of each series.
 */
export function alertFormulaEnv(db: Db, releases?: GdpReleaseCalendar): FormulaEnv {
  const cache = new SeriesCache(db);
  const windowed = new Map<string, Series>();
  const get = (id: string): Series => {
    let w = windowed.get(id);
    if (w === undefined) {
      const s = cache.get(id);
      const last = s.dates.length > 0 ? (s.dates[s.dates.length - 1] ?? 0) : 0;
      w = sliceSeries(s, last - ALERT_WINDOW_DAYS, last);
      windowed.set(id, w);
    }
    return w;
  };
  let cal = releases;
  return catalogFormulaEnv(
    get,
    (id, s) => {
      if (id !== 'GDP') return undefined;
      cal ??= gdpReleaseCalendar(db);
      return gdpAvailability(s, cal);
    },
    {
      series: userSeriesDefs(db),
      unknown: (id) => {
        const r = removedSeries(db, id);
        return r === undefined ? undefined : removedMessage(r);
      },
    },
  );
}

export interface AlertResult {
  readonly def: AlertDef;
  readonly evaluation: AlertEvaluation;
}

export interface FreshTrigger {
  readonly alertId: string;
  readonly name: string;
  readonly trigger: AlertTrigger;
  readonly unit: string;
  /** The trigger is on the alert's latest observation: the one worth a notification (older ones are history). */
  readonly current: boolean;
}

export interface AlertsReport {
  readonly results: readonly AlertResult[];
  /** Triggers recorded by this evaluation for the first time (empty without `record`). */
  readonly fresh: readonly FreshTrigger[];
}

/** Pure over an environment: the part the bench times. Alerts sharing a formula evaluate it once. */
export function evaluateAlerts(defs: readonly AlertDef[], env: FormulaEnv, expected: (day: number) => boolean, historyDays = ALERT_HISTORY_DAYS): AlertResult[] {
  const values = new Map<string, FormulaValue | FormulaError>();
  return defs.map((def) => {
    let v = values.get(def.formula);
    if (v === undefined && def.enabled) {
      try {
        v = evaluateFormula(parseFormula(def.formula), env);
      } catch (e) {
        if (!(e instanceof FormulaError)) throw e;
        v = e;
      }
      values.set(def.formula, v);
    }
    if (v instanceof FormulaError) {
      return { def, evaluation: { id: def.id, state: 'error', lastDate: null, lastValue: null, unit: '', since: null, triggers: [], suppressed: 0, error: v.describe(def.formula), detail: `${def.formula}: ${v.message}` } };
    }
    const series = v === undefined ? { dates: new Int32Array(0), values: new Float64Array(0) } : (v.series ?? { dates: new Int32Array(0), values: new Float64Array(0) });
    const last = series.dates.length > 0 ? (series.dates[series.dates.length - 1] ?? 0) : 0;
    return { def, evaluation: evaluateAlert(def, series, v?.unit ?? '', expected, last - historyDays) };
  });
}

export function evaluateStoredAlerts(db: Db, opts: { readonly record: boolean; readonly nowIso: string; readonly env?: FormulaEnv }): AlertsReport {
  const results = evaluateAlerts(listAlerts(db), opts.env ?? alertFormulaEnv(db), calendarExpected());
  const fresh: FreshTrigger[] = [];
  if (opts.record) {
    db.transaction(() => {
      for (const r of results) {
        for (const t of recordAlertEvents(db, r.def.id, r.evaluation.triggers, opts.nowIso)) fresh.push({ alertId: r.def.id, name: r.def.name, trigger: t, unit: r.evaluation.unit, current: t.date === r.evaluation.lastDate });
      }
    }).immediate();
  }
  return { results, fresh };
}
