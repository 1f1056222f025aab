/**
 * Fair value and the rolling fit (issue 14 §4) from the store: the full-history fit (fitFromStore,
 * the curve projections use) gives each week's implied EFFR − IORB at that week's reserves/GDP and
 * regime; actual EFFR − IORB and SOFR − IORB are weekly means of daily spreads against IORB (IOER before
 * 2021-07-29, the same splice as the fit); the rolling fit refits the same weeks in N-year windows.
 * Weeks, reserves/GDP (GDP_FIT_CONVENTION) and regimes are exactly the fit's (weeklySample).
 */
import { fairValueWeeks, residualStats, residualSummary, type FairValueInputWeek } from '../../../shared/compute/fair-value.js';
import type { FairValueReport } from '../../../shared/compute/fair-value-report.js';
import { rollingFit } from '../../../shared/compute/rolling-fit.js';
import { epochDay, fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { fitFromStore, GDP_FIT_CONVENTION, weeklySample, weeklySpreadBp } from './fit-from-store.js';
import { SeriesCache } from './series-cache.js';

/** "Late 2025" of the claim that repo traded about 6 bp above fair value. */
export const LATE_2025: { readonly from: IsoDate; readonly to: IsoDate } = { from: '2025-09-01' as IsoDate, to: '2025-12-31' as IsoDate };
export const SOFR_START: IsoDate = '2018-04-02' as IsoDate;

function shiftYears(d: IsoDate, years: number): IsoDate {
  const y = Number(d.slice(0, 4)) + years;
  const md = d.slice(5);
  // 29 February has no twin in most years: the day before.
  return (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? `${y}-02-28` : `${y}-${md}`) as IsoDate;
}

export interface FairValueOptions {
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  readonly windowYears?: number;
  readonly stepMonths?: number;
}

export type { FairValueReport };

export function fairValueFromStore(db: Db, opts: FairValueOptions = {}): FairValueReport {
  const fit = fitFromStore(db);
  const { points } = weeklySample(db);
  const c = new SeriesCache(db);
  const firstDay = points[0]?.wed ?? 0;
  const effr = weeklySpreadBp(c, 'EFFR', firstDay - 7);
  const sofr = weeklySpreadBp(c, 'SOFR', firstDay - 7);
  const inputs: FairValueInputWeek[] = points.map((p) => ({ day: p.wed, reservesGdpPct: p.x, regimeKey: p.regimeKey, effrIorbBp: effr.get(p.wed) ?? null, sofrIorbBp: sofr.get(p.wed) ?? null }));
  const alphaByRegime = Object.fromEntries(fit.regimes.map((r) => [r.key, r.alpha]));
  const rows = fairValueWeeks(inputs, { alphaByRegime, beta: fit.beta, gamma: fit.gamma, xRef: fit.xRef });

  const from = opts.from ?? LATE_2025.from;
  const to = opts.to ?? LATE_2025.to;
  const baselineTo = fromEpochDay(epochDay(from) - 1);
  const baselineFrom = shiftYears(from, -2);
  const s = residualSummary(rows, epochDay(from), epochDay(to), epochDay(baselineFrom), epochDay(baselineTo));

  const quarterOf = (day: number): string => {
    const iso = fromEpochDay(day);
    return `${iso.slice(0, 4)}Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
  };
  const qKeys = [...new Set(rows.map((r) => quarterOf(r.day)))].slice(-8);
  const quarters = qKeys.map((q) => {
    const inQ = rows.filter((r) => quarterOf(r.day) === q);
    return { quarter: q, effr: residualStats(inQ, (w) => w.effrResidualBp, (w) => w.effrIorbBp), sofr: residualStats(inQ, (w) => w.sofrResidualBp, (w) => w.sofrIorbBp) };
  });

  const windowYears = opts.windowYears ?? 2;
  const stepMonths = opts.stepMonths ?? 3;
  const windows = rollingFit(
    points.map((p) => ({ day: p.wed, x: p.x, y: p.y, regimeKey: p.regimeKey })),
    { windowYears, stepMonths },
  ).map(({ fromDay, toDay, ...w }) => ({ ...w, from: fromEpochDay(fromDay), to: fromEpochDay(toDay) }));

  const unfitted = [...new Set(rows.filter((r) => r.impliedBp === null).map((r) => r.regimeKey))];
  const notes = [
    `implied = α(regime) + β·exp(−γ(x − ${fit.xRef})) from the full-history fit (${fit.sample.from} … ${fit.sample.to}, ${fit.sample.weeks} weeks); residual = actual − implied, bp (positive: traded above fair value)`,
    'the curve is fitted on EFFR − IORB: the SOFR residual includes SOFR’s usual gap to fed funds, so it is also shown net of its mean over the two years before the window',
    'IORB before 2021-07-29 is IOER (the fit’s splice); SOFR starts 2018-04-02; the COVID weeks 2020-03 … 2020-04 are left out as in the fit',
    `GDP convention: ${GDP_FIT_CONVENTION}`,
    ...(unfitted.length > 0 ? [`no implied value for weeks in regimes shorter than 8 weeks (not fitted): ${unfitted.join(', ')}`] : []),
  ];
  return {
    curve: {
      label: `fitted (${fit.sample.from}..${fit.sample.to}, ${fit.sample.weeks} weeks)`,
      beta: fit.beta,
      gamma: fit.gamma,
      xRef: fit.xRef,
      rmseBp: fit.rmseBp,
      sample: fit.sample,
      regimes: fit.regimes.map((r) => ({ key: r.key, alphaBp: r.alpha, from: r.from, to: r.to })),
    },
    gdpConvention: GDP_FIT_CONVENTION,
    weeks: rows.map(({ day, ...r }) => ({ ...r, week: fromEpochDay(day) })),
    summary: { from, to, effr: s.effr, sofr: s.sofr, baselineFrom, baselineTo, sofrBaselineBp: s.sofrBaselineBp, sofrNetOfBaselineBp: s.sofrNetOfBaselineBp },
    quarters,
    rolling: { windowYears, stepMonths, windows },
    notes,
  };
}
