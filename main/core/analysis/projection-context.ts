/**
 * What every projection starts from, for the command line and the app alike: the anchor from the
 * store, the §4.3 defaults with their data-derived values, and the demand curve (fitted once `fit`
 * has run, illustrative before).
 */
import { ILLUSTRATIVE_CURVE, type CurveParams } from '../../../shared/compute/demand-curve.js';
import { DEFAULT_INPUTS } from '../../../shared/compute/presets.js';
import type { ScenarioInputs } from '../../../shared/compute/projection.js';
import { isObject, parseJsonText } from '../../../shared/parse/json.js';
import type { Db } from '../db/open-database.js';
import { getSetting, setSetting } from '../db/repos/settings-repo.js';
import { anchorFromStore, type AnchorReport } from './anchor-from-store.js';
import type { FitReport } from './fit-from-store.js';

const FIT_SETTING = 'demand_curve.fit';

/** Keeps the latest regime's curve so projections use it from now on. */
export function saveFittedCurve(db: Db, f: FitReport): void {
  const latest = f.regimes[f.regimes.length - 1];
  setSetting(db, FIT_SETTING, JSON.stringify({ alpha: latest?.alpha, beta: f.beta, gamma: f.gamma, sample: `${f.sample.from}..${f.sample.to}, ${f.sample.weeks} weeks` }));
}

export function storedCurve(db: Db): { curve: CurveParams; label: string } {
  const raw = getSetting(db, FIT_SETTING);
  if (raw !== null) {
    const p = parseJsonText(raw);
    if (p.ok && isObject(p.value)) {
      const v = p.value;
      const n = (k: string): number => (typeof v[k] === 'number' ? (v[k] as number) : Number.NaN);
      const curve: CurveParams = { alpha: n('alpha'), beta: n('beta'), gamma: n('gamma'), xRef: 10, basis: 'gdp' };
      if ([curve.alpha, curve.beta, curve.gamma].every(Number.isFinite)) return { curve, label: `fitted (${String(v['sample'] ?? '')})` };
    }
  }
  return { curve: ILLUSTRATIVE_CURVE, label: 'illustrative (α −7, β 4, γ 0.35; not an estimate — run the fit)' };
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
}

export function projectionContext(db: Db): ProjectionContext {
  const anchor = anchorFromStore(db);
  const { curve, label } = storedCurve(db);
  return { anchor, inputs: { ...DEFAULT_INPUTS, ...anchor.dataDefaults, curve }, curveLabel: label };
}
