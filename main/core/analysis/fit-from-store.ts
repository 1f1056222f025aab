/**
 * Fits the reserve demand curve (domain.md §3.2–3.3) on the store's history: weekly (Wednesday key)
 * mean of daily EFFR − IORB (IOER before 2021-07-29) against reserves (WRESBAL week average) as a
 * percent of GDP interpolated log-linearly to the Wednesday, one α per administered-rate regime.
 * GDP convention: the quarter containing the date in its latest vintage (GDP_FIT_CONVENTION), not
 * "as known then" as on the Monitor; the report says so in `gdpConvention`.
 */
import { gdpOn, wednesdayKey } from '../../../shared/compute/align.js';
import { bp } from '../../../shared/compute/bp.js';
import { ampleEdge } from '../../../shared/compute/demand-curve.js';
import { GDP_CONVENTIONS } from '../../../shared/compute/indicators.js';
import { fitDemandCurve, type FitPoint, type FitResult } from '../../../shared/compute/demand-fit.js';
import { valueAsOf } from '../../../shared/compute/series.js';
import { epochDay, fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { SeriesCache } from './series-cache.js';

export interface Regime {
  readonly key: string;
  readonly iorbMinusLowerBp: number;
  readonly rrpMinusLowerBp: number;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly weeks: number;
  readonly alpha: number;
}

export interface FitReport {
  readonly label: 'fitted';
  readonly basis: 'gdp';
  /** Which GDP each week is divided by (not "as known then": a fit wants the best measure of each quarter). */
  readonly gdpConvention: string;
  readonly xRef: number;
  readonly sample: { readonly from: IsoDate; readonly to: IsoDate; readonly weeks: number };
  readonly excluded: readonly string[];
  readonly regimes: readonly Regime[];
  readonly beta: number;
  readonly gamma: number;
  readonly rmseBp: number;
  readonly maeBp: number;
  readonly converged: boolean;
  /** Weeks of 2019 in the sample (the steep region that identifies γ; IOER before 2021-07-29). */
  readonly weeks2019: number;
  /** Order of the standard errors and the covariance: one α per regime (as `regimes`), then β, γ. */
  readonly parameterNames: readonly string[];
  /** Null when JᵀJ at the optimum is singular (see FitResult.covariance). */
  readonly standardErrors: readonly number[] | null;
  readonly covariance: readonly (readonly number[])[] | null;
  /** The same model on reserves / bank assets (x_ref 12.5, the NY Fed RDE's measure), over the weeks with H.8 total assets; null when too few. */
  readonly bankAssets: BankAssetsFit | null;
  readonly rollingOrigin: readonly { readonly fitThrough: number; readonly predictYear: number; readonly rmseBp: number; readonly n: number }[];
  readonly ampleEdgePct: { readonly theta1: number; readonly theta2: number };
  readonly warnings: readonly string[];
}

export interface BankAssetsFit {
  readonly basis: 'bank_assets';
  readonly xRef: number;
  readonly sample: { readonly from: IsoDate; readonly to: IsoDate; readonly weeks: number };
  readonly alphas: readonly number[];
  readonly beta: number;
  readonly gamma: number;
  readonly rmseBp: number;
  readonly converged: boolean;
  readonly standardErrors: readonly number[] | null;
  readonly covariance: readonly (readonly number[])[] | null;
}

interface WeekPoint {
  readonly wed: number;
  readonly x: number;
  /** Reserves as a percent of H.8 total assets (SA), NaN where that week has none. */
  readonly xBa: number;
  readonly y: number;
  readonly regimeKey: string;
  readonly iorbLower: number;
  readonly rrpLower: number;
}

/**
 * The fit divides by GDP of the quarter containing each Wednesday in its latest vintage, interpolated
 * log-linearly between quarter midpoints (domain.md §2.3 observation mode, `gdp_interp = loglinear`):
 * the best measure of the economy's size that week. The Monitor's reserves/GDP is "as known then"
 * instead (real-time), so the two differ by design near releases and revisions.
 */
export const GDP_FIT_CONVENTION = `${GDP_CONVENTIONS.latestVintage} (log-linear between quarter midpoints); not as known then`;

const ON_RRP_START_DAY = epochDay('2013-09-23' as IsoDate);

const EXCLUDE_COVID: readonly [IsoDate, IsoDate] = ['2020-03-01' as IsoDate, '2020-04-30' as IsoDate];

/**
 * Weekly (Wednesday key) mean of daily `id` − IORB, bp, from `fromDay` on; IOER stands in before IORB
 * (2021-07-29). One definition for the fit (EFFR) and the fair-value comparison (EFFR and SOFR).
 */
export function weeklySpreadBp(c: SeriesCache, id: string, fromDay: number): Map<number, number> {
  const s = c.get(id);
  const iorb = c.get('IORB');
  const ioer = c.get('IOER');
  const sums = new Map<number, { s: number; n: number }>();
  for (let i = 0; i < s.dates.length; i++) {
    const day = s.dates[i] ?? 0;
    if (day < fromDay) continue;
    const v = s.values[i] ?? Number.NaN;
    const policy = valueAsOf(iorb, day, 4) ?? valueAsOf(ioer, day, 4);
    if (!Number.isFinite(v) || policy === null) continue;
    const k = wednesdayKey(day);
    const cur = sums.get(k) ?? { s: 0, n: 0 };
    cur.s += bp(v, policy.value);
    cur.n++;
    sums.set(k, cur);
  }
  return new Map([...sums].map(([k, v]) => [k, v.s / v.n]));
}

/**
 * The first Wednesday of 2009: IOER exists from 2008-10-09, and the weeks before 2009 are the crisis
 * (target range set 2008-12-16), so 2009 is where a spread against the administered rate first means
 * the same thing it means today. Covers the steep 2019 region (IOER), spliced to IORB on 2021-07-29.
 */
export const FIT_FROM: IsoDate = '2009-01-07' as IsoDate;

export function weeklySample(db: Db, from: IsoDate = FIT_FROM): { points: WeekPoint[]; excluded: string[] } {
  const c = new SeriesCache(db);
  const iorb = c.get('IORB');
  const ioer = c.get('IOER');
  const lower = c.get('DFEDTARL');
  const rrp = c.get('RRPONTSYAWARD');
  const res = c.get('WRESBAL');
  const gdp = c.get('GDP');
  // SA H.8 assets where the store has them, else the not-seasonally-adjusted DDP history (to 2023-04).
  const bankAssets = c.get('TLAACBW027SBOG');
  const bankAssetsNsa = c.get('TLAACBW027NBOG');
  // The weekly spread the curve is fitted on (its fair-value comparison uses the same function).
  const sums = weeklySpreadBp(c, 'EFFR', epochDay(from) - 7);
  const points: WeekPoint[] = [];
  let covid = 0;
  for (let i = 0; i < res.dates.length; i++) {
    const wed = res.dates[i] ?? 0;
    if (wed < epochDay(from)) continue;
    const w = sums.get(wed);
    const g = gdpOn(gdp, wed, 'loglinear');
    const r = res.values[i] ?? Number.NaN;
    const pol = valueAsOf(iorb, wed, 4) ?? valueAsOf(ioer, wed, 4);
    const lo = valueAsOf(lower, wed, 4);
    const rr = valueAsOf(rrp, wed, 4);
    // Before the ON RRP facility (2013-09-23) there is no award rate: those weeks form their own
    // "no ON RRP" regimes rather than being dropped, so 2009–2013 stays in the sample.
    const noRrp = rr === null && wed < ON_RRP_START_DAY;
    if (w === undefined || !Number.isFinite(g) || !Number.isFinite(r) || pol === null || lo === null || (rr === null && !noRrp)) continue;
    const iso = fromEpochDay(wed);
    if (iso >= EXCLUDE_COVID[0] && iso <= EXCLUDE_COVID[1]) {
      covid++;
      continue;
    }
    const iorbLower = Math.round(bp(pol.value, lo.value));
    const rrpLower = rr === null ? Number.NaN : Math.round(bp(rr.value, lo.value));
    const ba = valueAsOf(bankAssets, wed, 7) ?? valueAsOf(bankAssetsNsa, wed, 7);
    points.push({ wed, x: (100 * r) / g, xBa: ba === null || !(ba.value > 0) ? Number.NaN : (100 * r) / ba.value, y: w, regimeKey: `${iorbLower}/${rr === null ? 'none' : rrpLower}`, iorbLower, rrpLower });
  }
  return { points, excluded: [`COVID window ${EXCLUDE_COVID[0]}..${EXCLUDE_COVID[1]} (${covid} weeks)`] };
}

function toFit(points: readonly WeekPoint[], regimeIndex: ReadonlyMap<string, number>): FitPoint[] {
  return points.flatMap((p) => {
    const k = regimeIndex.get(p.regimeKey);
    return k === undefined ? [] : [{ x: p.x, y: p.y, regime: k }];
  });
}

const BA_X_REF = 12.5;

/** The bank-assets fit: its own regime index over the weeks that have H.8 assets (regimes ≥ 8 of those weeks). */
function bankAssetsFit(points: readonly WeekPoint[]): BankAssetsFit | null {
  const withBa = points.filter((p) => Number.isFinite(p.xBa));
  const counts = new Map<string, number>();
  for (const p of withBa) counts.set(p.regimeKey, (counts.get(p.regimeKey) ?? 0) + 1);
  const keys = [...counts.entries()].filter(([, n]) => n >= 8).map(([k]) => k);
  const idx = new Map(keys.map((k, i) => [k, i]));
  const use = withBa.filter((p) => idx.has(p.regimeKey));
  if (use.length < 20) return null;
  const f = fitDemandCurve(use.map((p) => ({ x: p.xBa, y: p.y, regime: idx.get(p.regimeKey) ?? 0 })), keys.length, BA_X_REF);
  return {
    basis: 'bank_assets',
    xRef: BA_X_REF,
    sample: { from: fromEpochDay(use[0]?.wed ?? 0), to: fromEpochDay(use[use.length - 1]?.wed ?? 0), weeks: use.length },
    alphas: f.alphas,
    beta: f.beta,
    gamma: f.gamma,
    rmseBp: f.rmse,
    converged: f.converged,
    standardErrors: f.standardErrors,
    covariance: f.covariance,
  };
}

export function fitFromStore(db: Db): FitReport {
  const { points: all, excluded } = weeklySample(db);
  const warnings: string[] = [];
  // Regimes from the data: distinct (IORB − lower, RRP − lower) pairs lasting at least 8 weeks.
  const counts = new Map<string, WeekPoint[]>();
  for (const p of all) counts.set(p.regimeKey, [...(counts.get(p.regimeKey) ?? []), p]);
  const kept = [...counts.entries()].filter(([, ps]) => ps.length >= 8)
    // By last week, so the last regime is the one in force now (a key can recur: 15/0 in 2018–19 and again from 2025).
    .sort((a, b) => (a[1][a[1].length - 1]?.wed ?? 0) - (b[1][b[1].length - 1]?.wed ?? 0));
  const dropped = [...counts.entries()].filter(([, ps]) => ps.length < 8);
  for (const [k, ps] of dropped) excluded.push(`regime ${k} bp lasted only ${ps.length} weeks (< 8)`);
  const regimeIndex = new Map(kept.map(([k], i) => [k, i]));
  const points = all.filter((p) => regimeIndex.has(p.regimeKey));
  if (points.length < 20) throw new Error(`only ${points.length} usable weeks: the store needs EFFR, IORB (or IOER), DFEDTARL, RRPONTSYAWARD, WRESBAL and GDP`);
  const fit: FitResult = fitDemandCurve(toFit(points, regimeIndex), kept.length, 10);
  if (!fit.converged) warnings.push('the optimiser stopped before converging');
  if (fit.beta >= 499.9 || fit.gamma <= 0.0101 || fit.gamma >= 4.99) warnings.push('a parameter sits on its bound: the sample does not pin the curve down');
  const first = fromEpochDay(points[0]?.wed ?? 0);
  const weeks2019 = points.filter((p) => fromEpochDay(p.wed).startsWith('2019-')).length;
  if (fit.covariance === null) warnings.push('the covariance is not available: JᵀJ at the optimum is singular');
  if (first > '2019-12-31') warnings.push(`the sample starts ${first}: it has no weeks from the steep 2019 region (IOER is not in the store), so the curvature is weakly identified`);
  const minX = Math.min(...points.map((p) => p.x));
  warnings.push(`lowest reserves/GDP in the sample: ${minX.toFixed(2)}%; the curve below that is extrapolation`);
  warnings.push(`GDP convention: ${GDP_FIT_CONVENTION}`);

  // Rolling-origin error: fit through year Y, predict Y + 1.
  const years = [...new Set(points.map((p) => Number(fromEpochDay(p.wed).slice(0, 4))))].sort();
  const rollingOrigin: FitReport['rollingOrigin'][number][] = [];
  for (const y of years.slice(2)) {
    const train = points.filter((p) => Number(fromEpochDay(p.wed).slice(0, 4)) <= y);
    const test = points.filter((p) => Number(fromEpochDay(p.wed).slice(0, 4)) === y + 1);
    const trainIdx = new Map([...new Set(train.map((p) => p.regimeKey))].map((k, i) => [k, i]));
    if (test.length === 0 || train.length < 20 || test.some((p) => !trainIdx.has(p.regimeKey))) continue;
    const f = fitDemandCurve(toFit(train, trainIdx), trainIdx.size, 10);
    let ss = 0;
    for (const p of test) {
      const a = f.alphas[trainIdx.get(p.regimeKey) ?? 0] ?? 0;
      ss += (p.y - (a + f.beta * Math.exp(-f.gamma * (p.x - 10)))) ** 2;
    }
    rollingOrigin.push({ fitThrough: y, predictYear: y + 1, rmseBp: Math.sqrt(ss / test.length), n: test.length });
  }
  const regimes: Regime[] = kept.map(([key, ps], i) => ({
    key,
    iorbMinusLowerBp: ps[0]?.iorbLower ?? 0,
    rrpMinusLowerBp: ps[0]?.rrpLower ?? 0,
    from: fromEpochDay(ps[0]?.wed ?? 0),
    to: fromEpochDay(ps[ps.length - 1]?.wed ?? 0),
    weeks: ps.length,
    alpha: fit.alphas[i] ?? Number.NaN,
  }));
  const latest = { alpha: regimes[regimes.length - 1]?.alpha ?? Number.NaN, beta: fit.beta, gamma: fit.gamma, xRef: 10, basis: 'gdp' as const };
  return {
    label: 'fitted',
    basis: 'gdp',
    gdpConvention: GDP_FIT_CONVENTION,
    xRef: 10,
    sample: { from: first, to: fromEpochDay(points[points.length - 1]?.wed ?? 0), weeks: points.length },
    excluded,
    regimes,
    beta: fit.beta,
    gamma: fit.gamma,
    rmseBp: fit.rmse,
    maeBp: fit.mae,
    converged: fit.converged,
    weeks2019,
    parameterNames: [...regimes.map((r) => `alpha[${r.key}]`), 'beta', 'gamma'],
    standardErrors: fit.standardErrors,
    covariance: fit.covariance,
    bankAssets: bankAssetsFit(points),
    rollingOrigin,
    ampleEdgePct: { theta1: ampleEdge(latest, 1), theta2: ampleEdge(latest, 2) },
    warnings,
  };
}
