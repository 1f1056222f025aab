/**
 * Fair value of the overnight spreads (issue 14 §4): each week's spread implied by the fitted demand
 * curve (domain.md §3.2) at that week's reserves/GDP and administered-rate regime, against the actual
 * EFFR − IORB and SOFR − IORB (IOER before 2021-07-29), and the residual actual − implied in bp.
 *
 * The curve is fitted on EFFR − IORB, so the SOFR residual also carries SOFR's usual basis to EFFR
 * (repo trades below fed funds when reserves are abundant, above when they are not). The summary
 * therefore reports it twice: against the curve as it is, and net of SOFR's mean residual over a
 * baseline (its "usual" gap), so a claim like "repo is 6 bp above fair value" can be read either way.
 */
import { spreadAt, type CurveParams } from './demand-curve.js';

/** One week of inputs (Wednesday key): reserves/GDP as the fit computes it and the weekly-mean spreads. */
export interface FairValueInputWeek {
  /** Epoch day of the Wednesday. */
  readonly day: number;
  readonly reservesGdpPct: number;
  /** The administered-rate regime, `IORB−lower/RRP−lower` in bp, as the fit keys its α. */
  readonly regimeKey: string;
  /** Weekly mean of daily EFFR − IORB (IOER before 2021-07-29), bp; null when no day has both. */
  readonly effrIorbBp: number | null;
  /** Weekly mean of daily SOFR − IORB, bp; null before SOFR (2018-04-02) or when no day has both. */
  readonly sofrIorbBp: number | null;
}

/** The fitted curve with one α per regime key (the shared β, γ). */
export interface FairValueCurve {
  readonly alphaByRegime: Readonly<Record<string, number>>;
  readonly beta: number;
  readonly gamma: number;
  readonly xRef: number;
}

export interface FairValueWeek extends FairValueInputWeek {
  /** α_regime + β·exp(−γ(x − x_ref)), bp; null when the week's regime has no fitted α (it lasted < 8 weeks). */
  readonly impliedBp: number | null;
  /** actual − implied, bp: positive = traded above fair value (tighter than the curve says). */
  readonly effrResidualBp: number | null;
  readonly sofrResidualBp: number | null;
}

/** The curve of one regime as demand-curve.ts takes it; null when the regime has no α. */
export function regimeCurve(c: FairValueCurve, regimeKey: string): CurveParams | null {
  const alpha = c.alphaByRegime[regimeKey];
  return alpha === undefined || !Number.isFinite(alpha) ? null : { alpha, beta: c.beta, gamma: c.gamma, xRef: c.xRef, basis: 'gdp' };
}

export function impliedSpreadBp(c: FairValueCurve, regimeKey: string, reservesGdpPct: number): number | null {
  const p = regimeCurve(c, regimeKey);
  return p === null || !Number.isFinite(reservesGdpPct) ? null : spreadAt(p, reservesGdpPct);
}

const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

export function fairValueWeeks(weeks: readonly FairValueInputWeek[], c: FairValueCurve): FairValueWeek[] {
  return weeks.map((w) => {
    const impliedBp = impliedSpreadBp(c, w.regimeKey, w.reservesGdpPct);
    return { ...w, impliedBp, effrResidualBp: diff(w.effrIorbBp, impliedBp), sofrResidualBp: diff(w.sofrIorbBp, impliedBp) };
  });
}

export interface ResidualStats {
  /** Weeks with a residual in the window. */
  readonly n: number;
  readonly meanBp: number | null;
  readonly sdBp: number | null;
  readonly minBp: number | null;
  readonly maxBp: number | null;
  /** Mean of the actual spread over the same weeks, bp. */
  readonly meanActualBp: number | null;
  /** Mean of the implied spread over the same weeks, bp. */
  readonly meanImpliedBp: number | null;
}

export function residualStats(rows: readonly FairValueWeek[], pick: (w: FairValueWeek) => number | null, actual: (w: FairValueWeek) => number | null): ResidualStats {
  const use = rows.filter((w) => pick(w) !== null);
  const r = use.map((w) => pick(w) ?? 0);
  const n = r.length;
  if (n === 0) return { n: 0, meanBp: null, sdBp: null, minBp: null, maxBp: null, meanActualBp: null, meanImpliedBp: null };
  const mean = r.reduce((a, v) => a + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(r.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : null;
  const avg = (f: (w: FairValueWeek) => number | null): number => use.reduce((a, w) => a + (f(w) ?? 0), 0) / n;
  return { n, meanBp: mean, sdBp: sd, minBp: Math.min(...r), maxBp: Math.max(...r), meanActualBp: avg(actual), meanImpliedBp: avg((w) => w.impliedBp) };
}

export interface ResidualSummary {
  /** Epoch days, inclusive. */
  readonly fromDay: number;
  readonly toDay: number;
  readonly effr: ResidualStats;
  readonly sofr: ResidualStats;
  /** SOFR's mean residual over the baseline weeks: its usual gap to the EFFR-fitted curve, bp. */
  readonly sofrBaselineBp: number | null;
  readonly baselineFromDay: number;
  readonly baselineToDay: number;
  /** The window's mean SOFR residual net of that usual gap, bp. */
  readonly sofrNetOfBaselineBp: number | null;
}

/**
 * The residuals over [fromDay, toDay]; the SOFR baseline is its mean residual over [baselineFromDay,
 * baselineToDay] (the caller picks e.g. the two years before the window).
 */
export function residualSummary(rows: readonly FairValueWeek[], fromDay: number, toDay: number, baselineFromDay: number, baselineToDay: number): ResidualSummary {
  const inWin = rows.filter((w) => w.day >= fromDay && w.day <= toDay);
  const base = residualStats(
    rows.filter((w) => w.day >= baselineFromDay && w.day <= baselineToDay),
    (w) => w.sofrResidualBp,
    (w) => w.sofrIorbBp,
  );
  const effr = residualStats(inWin, (w) => w.effrResidualBp, (w) => w.effrIorbBp);
  const sofr = residualStats(inWin, (w) => w.sofrResidualBp, (w) => w.sofrIorbBp);
  return {
    fromDay,
    toDay,
    effr,
    sofr,
    sofrBaselineBp: base.meanBp,
    baselineFromDay,
    baselineToDay,
    sofrNetOfBaselineBp: sofr.meanBp === null || base.meanBp === null ? null : sofr.meanBp - base.meanBp,
  };
}
