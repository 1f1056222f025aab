/** The attribution and alerts channels (issue 13 §2, §7) of the Analysis view. */
import { ATTRIBUTION_LABELS } from '../../../shared/compute/attribution.js';
import type { AnalysisChannels } from '../../../shared/ipc/analysis-contract.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import { isIsoDate, type IsoDate } from '../../../shared/time/iso-date.js';
import { attributionFromStore } from '../analysis/attribution-from-store.js';
import { fairValueCached } from '../analysis/fair-value-cache.js';
import type { AlertService } from '../alert-service.js';
import type { Db } from '../db/open-database.js';
import { deleteAlert, getAlert, listAlerts, saveAlert } from '../db/repos/alerts-repo.js';
import { FormulaError } from '../../../shared/compute/formula/ast.js';
import { evaluateFormula } from '../../../shared/compute/formula/evaluate.js';
import { parseFormula } from '../../../shared/compute/formula/parse.js';
import { storeFormulaEnv } from '../analysis/formula-env.js';

/**
 * Why a formula cannot be an alert (it does not parse, names an unknown series, mixes units, or has no
 * value at all), in the formula engine's words; null when it evaluates. Found: `WRESBAL +` and
 * `WRESBAL + SOFR` were saved and shown as "error" rows with the reason only in a tooltip.
 */
function formulaProblem(db: Db, source: string): string | null {
  try {
    const v = evaluateFormula(parseFormula(source), storeFormulaEnv(db));
    if (v.series === null || !v.series.values.some((x) => Number.isFinite(x))) return 'it has no value on any date';
    return null;
  } catch (e) {
    if (e instanceof FormulaError) return `${e.message} (column ${e.start + 1})`;
    throw e;
  }
}

type Handlers = { [C in keyof AnalysisChannels]: (req: AnalysisChannels[C]['req']) => Result<AnalysisChannels[C]['res']> };

export function analysisHandlers(db: Db, alerts: AlertService, now: () => number): Handlers {
  const date = (s: string | undefined): IsoDate | undefined => (s !== undefined && isIsoDate(s) ? s : undefined);
  return {
    'attribution:get': (req) => {
      const from = date(req.from);
      const to = date(req.to);
      const r = attributionFromStore(db, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
      return ok({ basis: r.basis, labels: ATTRIBUTION_LABELS, weeks: r.weeks });
    },
    'alerts:list': () => ok(alerts.current()),
    'alerts:save': (req) => {
      if (req.id !== undefined && getAlert(db, req.id) === undefined) return err(`no alert ${req.id}: it may have been deleted; nothing was saved`);
      const problem = formulaProblem(db, req.formula);
      if (problem !== null) return err(`the formula “${req.formula}” cannot be an alert: ${problem}; nothing was saved`);
      const existing = req.id === undefined ? undefined : getAlert(db, req.id);
      const id = req.id ?? `user:${1 + Math.max(0, ...listAlerts(db).map((a) => Number(/^user:(\d+)$/.exec(a.id)?.[1] ?? 0)))}`;
      saveAlert(db, { id, name: req.name, formula: req.formula, op: req.op, threshold: req.threshold, skipCalendarExpected: req.skipCalendarExpected, enabled: req.enabled, ...(existing?.preset ? { preset: existing.preset } : {}) }, new Date(now()).toISOString());
      return ok(alerts.evaluate());
    },
    'fairvalue:get': (req) => ok(fairValueCached(db, { from: date(req.from), to: date(req.to), windowYears: req.windowYears })),
    'alerts:delete': (req) => (deleteAlert(db, req.id) ? ok(alerts.evaluate()) : err(`no alert ${req.id}; nothing was deleted`)),
  };
}
