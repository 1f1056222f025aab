/**
 * What every projection starts from, for the command line and the app alike: the anchor from the
 * store, the §4.3 defaults with their data-derived values, and the demand curve (the fit by default,
 * refitted when the store has newer weeks; illustrative only when the fit fails).
 */
import { ILLUSTRATIVE_CURVE, type CurveParams } from '../../../shared/compute/demand-curve.js';
import { DEFAULT_INPUTS } from '../../../shared/compute/presets.js';
import type { ScenarioInputs } from '../../../shared/compute/projection.js';
import { isObject, parseJsonText } from '../../../shared/parse/json.js';
import type { Db } from '../db/open-database.js';
import { getSetting, setSetting } from '../db/repos/settings-repo.js';
import { anchorFromStore, type AnchorReport } from './anchor-from-store.js';
import { billsHistoryFromStore } from './bills-history.js';
import type { BillsHistory } from '../../../shared/compute/bill-absorption-years.js';
import { fitFromStore, type FitReport } from './fit-from-store.js';
import { covarianceFromSetting, fanContext, fanCovarianceSetting } from './fan-defaults.js';
import type { FanContext } from '../../../shared/compute/fan.js';
import { SeriesCache } from './series-cache.js';
import { fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';

const FIT_SETTING = 'demand_curve.fit';

/** Keeps the latest regime's curve so projections use it from now on. */
export function saveFittedCurve(db: Db, f: FitReport): void {
  const latest = f.regimes[f.regimes.length - 1];
  // `seen`: the latest reserves week in the store when fitting. The sample itself can end earlier (it
  // needs GDP and IORB for each week), so comparing the sample's end with the store's latest week
  // refitted on every call (found: a 48-anchor back-test spent 2 s refitting).
  setSetting(db, FIT_SETTING, JSON.stringify({ alpha: latest?.alpha, beta: f.beta, gamma: f.gamma, to: f.sample.to, seen: latestReservesWeek(db), sample: `${f.sample.from}..${f.sample.to}, ${f.sample.weeks} weeks`, ...fanCovarianceSetting(f) }));
}

function latestReservesWeek(db: Db): string {
  const res = new SeriesCache(db).get('WRESBAL');
  const lastDay = res.dates[res.dates.length - 1];
  return lastDay === undefined ? '' : fromEpochDay(lastDay);
}

/** The saved fit, when there is one with finite parameters. */
function savedFit(db: Db): { curve: CurveParams; label: string; to: string; seen: string } | null {
  const raw = getSetting(db, FIT_SETTING);
  if (raw !== null) {
    const p = parseJsonText(raw);
    if (p.ok && isObject(p.value)) {
      const v = p.value;
      const n = (k: string): number => (typeof v[k] === 'number' ? (v[k] as number) : Number.NaN);
      const curve: CurveParams = { alpha: n('alpha'), beta: n('beta'), gamma: n('gamma'), xRef: 10, basis: 'gdp' };
      const seen = typeof v['seen'] === 'string' ? v['seen'] : typeof v['to'] === 'string' ? v['to'] : '';
      if ([curve.alpha, curve.beta, curve.gamma].every(Number.isFinite)) return { curve, label: `fitted (${String(v['sample'] ?? '')})`, to: typeof v['to'] === 'string' ? v['to'] : '', seen };
    }
  }
  return null;
}

/** The saved fit's covariance of [α latest, β, γ] for the fan (issue 14 §3); null when absent or invalid (a fit saved before it was kept: "Fit on history" adds it). */
export function savedCurveCovariance(db: Db): { covariance: number[][]; names: string[] } | null {
  const raw = getSetting(db, FIT_SETTING);
  const p = raw === null ? null : parseJsonText(raw);
  return p !== null && p.ok && isObject(p.value) ? covarianceFromSetting(p.value) : null;
}

const ILLUSTRATIVE_LABEL = 'illustrative (α −7, β 4, γ 0.35; not an estimate)';

/**
 * The curve projections run on: fitted by default (issue 14 §4). A saved fit is used while it covers
 * the store's latest reserves week; on a new data folder (no saved fit) or after a sync that added
 * weeks, the curve is refitted here and saved. "Illustrative" only when the fit fails, and the label
 * says why.
 */
export function storedCurve(db: Db): { curve: CurveParams; label: string } {
  const saved = savedFit(db);
  if (saved !== null && saved.seen >= latestReservesWeek(db)) return { curve: saved.curve, label: saved.label };
  let f: FitReport;
  try {
    f = fitFromStore(db);
  } catch (e) {
    if (saved !== null) return { curve: saved.curve, label: `${saved.label}; the refit for weeks after ${saved.to} failed: ${e instanceof Error ? e.message : String(e)}` };
    return { curve: ILLUSTRATIVE_CURVE, label: `${ILLUSTRATIVE_LABEL}: the fit failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    saveFittedCurve(db, f);
  } catch {
    // A read-only connection (CLI reads beside the app) cannot save: the fit is still used, and the
    // next writer saves it.
  }
  const latest = f.regimes[f.regimes.length - 1];
  return { curve: { alpha: latest?.alpha ?? Number.NaN, beta: f.beta, gamma: f.gamma, xRef: 10, basis: 'gdp' }, label: `fitted (${f.sample.from}..${f.sample.to}, ${f.sample.weeks} weeks)` };
}

/** Names a curve by its parameters, for a curve that did not come from the store (a scenario file's own). */
export function curveLabelFor(c: CurveParams, origin: string): string {
  return `${origin} (α ${c.alpha}, β ${c.beta}, γ ${c.gamma}, x_ref ${c.xRef}, basis ${c.basis})`;
}

export interface ProjectionContext {
  readonly anchor: AnchorReport;
  /** DEFAULT_INPUTS with the data-derived defaults and the stored curve. */
  readonly inputs: ScenarioInputs;
  readonly curveLabel: string;
  /** Monthly bill history for the per-year private absorption (defaults and the anchor year's actual months); pass it to `project`. */
  readonly bills: BillsHistory | null;
  /** What the uncertainty fan needs: the curve covariance and default sds from history (fan-defaults.ts). */
  readonly fan: FanContext;
}

export function projectionContext(db: Db, opts?: { readonly at?: IsoDate }): ProjectionContext {
  const anchor = anchorFromStore(db, opts);
  const { curve, label } = storedCurve(db);
  return { anchor, inputs: { ...DEFAULT_INPUTS, ...anchor.dataDefaults, curve }, curveLabel: label, bills: billsHistoryFromStore(db), fan: fanContext(db, anchor, savedCurveCovariance(db)) };
}
