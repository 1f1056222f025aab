/**
 * Default sds of the uncertainty fan (issue 14 §3) from the store's history as of the anchor, so a past
 * anchor sees no later data. Each path of the fan holds one growth rate for the whole horizon, so the
 * growth sds are of multi-year (3-year) growth rates, the horizon-scale uncertainty, not of
 * year-over-year rates (which would overstate how far a rate held for years can be off).
 */
import { indexAtOrBefore, type Series } from '../../../shared/compute/series.js';
import { checkCurveCovariance, type FanContext, type FanSds } from '../../../shared/compute/fan.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import type { FitReport } from './fit-from-store.js';
import { SeriesCache } from './series-cache.js';

/**
 * Used only when the store lacks the history (each named in the notes): round figures of the same
 * statistics on the bundled snapshot to 2026 (NGDP 3-year growth sd ≈ 2.0 pp, currency ≈ 2.7 pp,
 * TGA level sd over two years ≈ $190bn), so the fan still shows something of the right size.
 */
const FALLBACK: Omit<FanSds, 'curveCovScale'> = { ngdpGrowthSdPctYr: 2, currencyGrowthSdPctYr: 2.5, tgaLevelSdBn: 150 };

function sampleSd(xs: readonly number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

/**
 * Trailing growth rates (annualised over the actual span, %) at each observation in the `windowDays`
 * up to `atDay`, the earlier value being the observation within `tolDays` of `lagDays` before.
 */
function trailingGrowth(s: Series, atDay: number, windowDays: number, lagDays: number, tolDays: number): number[] {
  const out: number[] = [];
  for (let i = indexAtOrBefore(s, atDay); i >= 0 && (s.dates[i] ?? 0) > atDay - windowDays; i--) {
    const d = s.dates[i] ?? 0;
    const v = s.values[i] ?? Number.NaN;
    const j = indexAtOrBefore(s, d - lagDays + tolDays);
    const dj = s.dates[j] ?? Number.NaN;
    const b = s.values[j] ?? Number.NaN;
    if (j < 0 || !(Math.abs(d - lagDays - dj) <= tolDays) || !(v > 0) || !(b > 0)) continue;
    out.push(100 * ((v / b) ** (365.25 / (d - dj)) - 1));
  }
  return out;
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * - NGDP growth sd: sd of the trailing 3-year growth rate of GDP (annualised) over the 40 quarters
 *   (10 years) to the quarter public at the anchor, COVID included (it is part of what can happen).
 * - Currency growth sd: the same for WCURCIR (weekly) over the 10 years to the anchor; the default
 *   currency growth itself is the trailing 3-year CAGR (anchor-from-store.ts), so the sd matches it.
 * - TGA level sd: sd of the Wednesday TGA (WDTGAL) over the 2 years to the anchor: the debt-limit
 *   drawdowns and rebuilds are the TGA's real uncertainty; older years had another cash policy.
 * - Curve: × 1 the fit's covariance (its own asymptotic uncertainty).
 */
export function fanDefaultsFromStore(db: Db, at: { readonly wednesday: IsoDate; readonly gdpQuarter: IsoDate }): { sds: FanSds; notes: string[] } {
  const c = new SeriesCache(db);
  const notes: string[] = [];
  const wed = epochDay(at.wednesday);
  const tenYears = Math.round(10 * 365.25);
  const threeYears = Math.round(3 * 365.25);

  // Quarters are dated at their first day; the window ends at the quarter public at the anchor.
  const gdp = trailingGrowth(c.get('GDP'), epochDay(at.gdpQuarter), tenYears, threeYears, 10);
  let ngdpSd = FALLBACK.ngdpGrowthSdPctYr;
  if (gdp.length >= 20) {
    ngdpSd = round(sampleSd(gdp), 2);
    notes.push(`NGDP growth sd ${ngdpSd} pp = sd of the trailing 3-year GDP growth rate over the ${gdp.length} quarters to ${at.gdpQuarter}`);
  } else notes.push(`NGDP growth sd ${ngdpSd} pp: an assumption (the store has ${gdp.length} quarters with 3 years of GDP before them; 20 needed)`);

  const cur = trailingGrowth(c.get('WCURCIR'), wed, tenYears, 156 * 7, 3);
  let curSd = FALLBACK.currencyGrowthSdPctYr;
  if (cur.length >= 100) {
    curSd = round(sampleSd(cur), 2);
    notes.push(`currency growth sd ${curSd} pp = sd of the trailing 3-year WCURCIR growth rate over the ${cur.length} weeks to ${at.wednesday}`);
  } else notes.push(`currency growth sd ${curSd} pp: an assumption (the store has ${cur.length} weeks with 3 years of WCURCIR before them; 100 needed)`);

  const tga = c.get('WDTGAL');
  const levels: number[] = [];
  for (let i = indexAtOrBefore(tga, wed); i >= 0 && (tga.dates[i] ?? 0) > wed - 2 * 364; i--) {
    const v = tga.values[i] ?? Number.NaN;
    if (Number.isFinite(v)) levels.push(v);
  }
  let tgaSd = FALLBACK.tgaLevelSdBn;
  if (levels.length >= 52) {
    tgaSd = Math.round(sampleSd(levels));
    notes.push(`TGA level sd $${tgaSd}bn = sd of the Wednesday TGA (WDTGAL) over the ${levels.length} weeks to ${at.wednesday}`);
  } else notes.push(`TGA level sd $${tgaSd}bn: an assumption (the store has ${levels.length} TGA weeks in the 2 years to the anchor; 52 needed)`);
  notes.push('curve: × 1 the fit covariance of the latest regime’s α, β and γ (asymptotic; it ignores serial correlation, so it understates)');
  return { sds: { curveCovScale: 1, ngdpGrowthSdPctYr: ngdpSd, currencyGrowthSdPctYr: curSd, tgaLevelSdBn: tgaSd }, notes };
}

/**
 * The fit covariance of the curve projections use: [α of the latest regime, β, γ], the last three of
 * FitReport.parameterNames (one α per regime, then β, γ). Null without a covariance.
 */
export function latestCurveCovariance(f: Pick<FitReport, 'covariance' | 'parameterNames'>): { covariance: number[][]; names: string[] } | null {
  const c = f.covariance;
  const np = f.parameterNames.length;
  if (c === null || np < 3 || c.length !== np) return null;
  const idx = [np - 3, np - 2, np - 1];
  const covariance = idx.map((i) => idx.map((j) => c[i]?.[j] ?? Number.NaN));
  return checkCurveCovariance(covariance) === null ? { covariance, names: idx.map((i) => f.parameterNames[i] ?? '') } : null;
}

/** The fields saveFittedCurve adds to the saved fit: `curveCov` (3×3) and `curveCovNames`, null without a covariance. */
export function fanCovarianceSetting(f: Pick<FitReport, 'covariance' | 'parameterNames'>): { curveCov: number[][] | null; curveCovNames: string[] | null } {
  const c = latestCurveCovariance(f);
  return { curveCov: c?.covariance ?? null, curveCovNames: c?.names ?? null };
}

/** Reads them back from the saved setting, validated (3×3, finite, symmetric, PSD): anything else is null. */
export function covarianceFromSetting(v: { readonly [k: string]: unknown }): { covariance: number[][]; names: string[] } | null {
  const cov = v['curveCov'];
  const names = v['curveCovNames'];
  if (checkCurveCovariance(cov) !== null || !Array.isArray(names) || names.length !== 3 || !names.every((x): x is string => typeof x === 'string' && x.length <= 80)) return null;
  return { covariance: (cov as number[][]).map((row) => [...row]), names: [...names] };
}

/** The projection context's `fan` field: covariance of the stored curve and the default sds as of the anchor. */
export function fanContext(db: Db, anchor: { readonly wednesday: IsoDate; readonly gdpQuarter: IsoDate }, cov: { covariance: number[][]; names: string[] } | null): FanContext {
  const d = fanDefaultsFromStore(db, anchor);
  const notes = cov === null ? [...d.notes, 'no curve covariance saved with the fit (illustrative curve, or a fit saved before covariances were kept: “Fit on history” adds it): the fan has no curve uncertainty'] : d.notes;
  return { curveCovariance: cov?.covariance ?? null, curveParameterNames: cov?.names ?? [], defaults: d.sds, notes };
}
