/**
 * Market and repo context (issue 13 §5): net liquidity beside rates, the dollar, equities, M2 and the
 * bitcoin and gold proxies, on one weekly (Wednesday) grid: rebased levels, rolling correlation of
 * weekly changes, a lead/lag table, and the "QE lifts gold and bitcoin" claim as a checkable split.
 * Context, not causation: co-movement of weekly changes says nothing about what moved what.
 */
import { epochDay, fromEpochDay, type IsoDate } from '../time/iso-date.js';
import { indexAtOrBefore } from './series.js';
import type { Columns } from './episode.js';

export interface ContextAsset {
  readonly id: string;
  readonly label: string;
  /** 'diff': rates, weekly change in bp; 'log': levels and prices, weekly log change in %. */
  readonly change: 'diff' | 'log';
  /** How old an observation may be and still stand for a Wednesday. */
  readonly toleranceDays: number;
  readonly proxy?: string;
}

/** The store series net liquidity is built from, on WALCL's Wednesdays. */
export const NL_INPUT_IDS = ['WALCL', 'WDTGAL', 'RRPONTSYD'] as const;
export const NL_LABEL = 'Net liquidity (WALCL − WDTGAL − ON RRP, Wednesday; ON RRP = RRPONTSYD on the Wednesday, as WLRRAOL is offline only for 2021-04 … 2023-03)';

export const CONTEXT_ASSETS: readonly ContextAsset[] = [
  { id: 'DGS10', label: '10-year Treasury yield (DGS10)', change: 'diff', toleranceDays: 4 },
  { id: 'DGS2', label: '2-year Treasury yield (DGS2)', change: 'diff', toleranceDays: 4 },
  { id: 'DTWEXBGS', label: 'Broad dollar index (DTWEXBGS)', change: 'log', toleranceDays: 4 },
  { id: 'SP500', label: 'S&P 500 (SP500)', change: 'log', toleranceDays: 4 },
  { id: 'WM2NS', label: 'M2, weekly NSA (WM2NS)', change: 'log', toleranceDays: 9 },
  { id: 'BTC_USD_PROXY', label: 'Bitcoin proxy: Yahoo BTC-USD close', change: 'log', toleranceDays: 2, proxy: 'Yahoo BTC-USD, not FRED CBBTCUSD' },
  { id: 'GLD_PROXY', label: 'Gold proxy: GLD ETF close', change: 'log', toleranceDays: 4, proxy: 'SPDR Gold Shares ETF, not an LBMA price' },
];

export const CONTEXT_WINDOWS: readonly number[] = [13, 26, 52, 104];
export const CONTEXT_LAGS: readonly number[] = [-8, -4, -2, -1, 0, 1, 2, 4, 8];
export const DEFAULT_CONTEXT_FROM = '2016-01-06' as IsoDate;

export interface WeeklyGrid {
  /** Wednesdays (epoch days) of the net liquidity series on [from, to]. */
  readonly weeks: number[];
  readonly nl: number[];
  /** By asset id: the value as of each Wednesday (NaN where none within tolerance). */
  readonly assets: Readonly<Record<string, number[]>>;
}

function asOf(c: Columns | undefined, day: number, tol: number): number {
  if (!c) return Number.NaN;
  for (let i = indexAtOrBefore(c, day); i >= 0; i--) {
    const d = c.dates[i] ?? 0;
    if (day - d > tol) return Number.NaN;
    const v = c.values[i] ?? Number.NaN;
    if (Number.isFinite(v)) return v;
  }
  return Number.NaN;
}

export function weeklyGrid(get: (id: string) => Columns | undefined, from: IsoDate, to?: IsoDate): WeeklyGrid {
  const walcl = get('WALCL');
  const weeks: number[] = [];
  const nl: number[] = [];
  const lo = epochDay(from);
  const hi = to === undefined ? Number.POSITIVE_INFINITY : epochDay(to);
  if (walcl) {
    for (let i = 0; i < walcl.dates.length; i++) {
      const d = walcl.dates[i] ?? 0;
      // The TGA on the same Wednesday; ON RRP on the day (or the last operation day within 4 days).
      const v = (walcl.values[i] ?? Number.NaN) - asOf(get('WDTGAL'), d, 0) - asOf(get('RRPONTSYD'), d, 4);
      if (d < lo || d > hi || !Number.isFinite(v)) continue;
      weeks.push(d);
      nl.push(v);
    }
  }
  const assets: Record<string, number[]> = {};
  for (const a of CONTEXT_ASSETS) assets[a.id] = weeks.map((w) => asOf(get(a.id), w, a.toleranceDays));
  return { weeks, nl, assets };
}

/** Week-on-week change: bp for rates, log change in % for levels (NaN when either end is missing). */
export function changes(values: readonly number[], kind: 'diff' | 'log' | 'level'): number[] {
  return values.map((v, i) => {
    const p = i === 0 ? Number.NaN : (values[i - 1] ?? Number.NaN);
    if (!Number.isFinite(v) || !Number.isFinite(p)) return Number.NaN;
    if (kind === 'diff') return (v - p) * 100;
    if (kind === 'level') return v - p;
    return v > 0 && p > 0 ? Math.log(v / p) * 100 : Number.NaN;
  });
}

/** Pearson correlation over the pairs where both are finite; null with fewer than `minN` pairs. */
export function correlation(a: readonly number[], b: readonly number[], minN = 8): { r: number | null; n: number } {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? Number.NaN;
    const y = b[i] ?? Number.NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    n++;
    sa += x;
    sb += y;
  }
  if (n < minN) return { r: null, n };
  const ma = sa / n;
  const mb = sb / n;
  let cab = 0;
  let caa = 0;
  let cbb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? Number.NaN;
    const y = b[i] ?? Number.NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    cab += (x - ma) * (y - mb);
    caa += (x - ma) ** 2;
    cbb += (y - mb) ** 2;
  }
  return { r: caa > 0 && cbb > 0 ? cab / Math.sqrt(caa * cbb) : null, n };
}

/** Correlation of the last `window` weeks' changes, at each week (NaN until 80% of the window has pairs). */
export function rollingCorrelation(a: readonly number[], b: readonly number[], window: number): number[] {
  return a.map((_, i) => {
    if (i + 1 < window) return Number.NaN;
    const r = correlation(a.slice(i + 1 - window, i + 1), b.slice(i + 1 - window, i + 1), Math.ceil(window * 0.8)).r;
    return r ?? Number.NaN;
  });
}

/** corr(ΔNL at week t, ΔX at week t + k): k > 0 means net liquidity moves first. */
export function leadLag(nlChange: readonly number[], x: readonly number[], lags: readonly number[] = CONTEXT_LAGS): { lag: number; r: number | null; n: number }[] {
  return lags.map((k) => {
    const a: number[] = [];
    const b: number[] = [];
    for (let t = 0; t < nlChange.length; t++) {
      const u = t + k;
      if (u < 0 || u >= x.length) continue;
      a.push(nlChange[t] ?? Number.NaN);
      b.push(x[u] ?? Number.NaN);
    }
    const c = correlation(a, b, 20);
    return { lag: k, ...c };
  });
}

export interface ClaimSplit {
  readonly assetId: string;
  readonly blockWeeks: number;
  /** Blocks in which net liquidity rose / fell, and the asset's mean log return (%) in each. */
  readonly rose: { readonly n: number; readonly meanPct: number | null };
  readonly fell: { readonly n: number; readonly meanPct: number | null };
}

/**
 * "QE lifts gold and bitcoin", made checkable: the sample cut into consecutive blocks of `blockWeeks`,
 * each block's change in net liquidity and the asset's log return over the same block.
 */
export function claimSplit(g: WeeklyGrid, assetId: string, blockWeeks = 13): ClaimSplit {
  const x = g.assets[assetId] ?? [];
  const up: number[] = [];
  const down: number[] = [];
  for (let s = 0; s + blockWeeks < g.weeks.length; s += blockWeeks) {
    const e = s + blockWeeks;
    const dn = (g.nl[e] ?? Number.NaN) - (g.nl[s] ?? Number.NaN);
    const a0 = x[s] ?? Number.NaN;
    const a1 = x[e] ?? Number.NaN;
    if (!Number.isFinite(dn) || !(a0 > 0) || !(a1 > 0)) continue;
    (dn > 0 ? up : down).push(Math.log(a1 / a0) * 100);
  }
  const mean = (v: number[]): number | null => (v.length === 0 ? null : v.reduce((p, q) => p + q, 0) / v.length);
  return { assetId, blockWeeks, rose: { n: up.length, meanPct: mean(up) }, fell: { n: down.length, meanPct: mean(down) } };
}

export interface ContextReport {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
  readonly weeks: number;
  readonly window: number;
  readonly rows: readonly {
    readonly id: string;
    readonly label: string;
    readonly proxy: string | null;
    readonly change: 'diff' | 'log';
    /** Correlation of weekly changes with ΔNL over the whole sample. */
    readonly full: { readonly r: number | null; readonly n: number };
    /** The rolling correlation at the last week it has a value (the asset's data may end earlier). */
    readonly latestRolling: { readonly r: number; readonly week: IsoDate } | null;
    readonly leadLag: readonly { readonly lag: number; readonly r: number | null; readonly n: number }[];
  }[];
  readonly claim: readonly ClaimSplit[];
  readonly caveat: string;
}

export const CONTEXT_CAVEAT = 'Context, not causation: correlations of weekly changes over a chosen sample; they change with the sample and say nothing about what moved what.';

export function contextReport(get: (id: string) => Columns | undefined, opts: { from?: IsoDate; to?: IsoDate; window?: number } = {}): ContextReport {
  const from = opts.from ?? DEFAULT_CONTEXT_FROM;
  const window = opts.window ?? 26;
  const g = weeklyGrid(get, from, opts.to);
  const dnl = changes(g.nl, 'level');
  const rows = CONTEXT_ASSETS.map((a) => {
    const dx = changes(g.assets[a.id] ?? [], a.change);
    const roll = rollingCorrelation(dnl, dx, window);
    let j = roll.length - 1;
    while (j >= 0 && !Number.isFinite(roll[j] ?? Number.NaN)) j--;
    const latestRolling = j < 0 ? null : { r: roll[j] ?? Number.NaN, week: fromEpochDay(g.weeks[j] ?? 0) };
    return { id: a.id, label: a.label, proxy: a.proxy ?? null, change: a.change, full: correlation(dnl, dx), latestRolling, leadLag: leadLag(dnl, dx) };
  });
  const lastWeek = g.weeks[g.weeks.length - 1];
  return {
    from,
    to: lastWeek === undefined ? null : fromEpochDay(lastWeek),
    weeks: g.weeks.length,
    window,
    rows,
    claim: ['GLD_PROXY', 'BTC_USD_PROXY', 'SP500'].map((id) => claimSplit(g, id)),
    caveat: CONTEXT_CAVEAT,
  };
}

/** OFR repo segments beside SOFR volume: the store ids and their labels (volumes $bn, rates %). */
export const REPO_VOLUME_IDS = [
  ['REPO_TRI_TV_TOT_P', 'Tri-party, all tenors (OFR)'],
  ['REPO_DVP_TV_TOT_P', 'DVP (cleared bilateral), all tenors (OFR)'],
  ['REPO_GCF_TV_TOT_P', 'GCF, all tenors (OFR)'],
  ['SOFRVOL', 'SOFR volume (NY Fed)'],
] as const;
export const REPO_RATE_IDS = [
  ['REPO_TRI_AR_OO_P', 'Tri-party overnight rate (OFR)'],
  ['REPO_DVP_AR_OO_P', 'DVP overnight rate (OFR)'],
  ['REPO_GCF_AR_OO_P', 'GCF overnight rate (OFR)'],
  ['SOFR', 'SOFR (NY Fed)'],
] as const;

/** Calendar-year means of each repo series (the CLI's segment table). */
export function yearlyMeans(c: Columns | undefined): { year: number; mean: number; n: number }[] {
  if (!c) return [];
  const by = new Map<number, { s: number; n: number }>();
  for (let i = 0; i < c.dates.length; i++) {
    const v = c.values[i] ?? Number.NaN;
    if (!Number.isFinite(v)) continue;
    const y = Number(fromEpochDay(c.dates[i] ?? 0).slice(0, 4));
    const a = by.get(y) ?? { s: 0, n: 0 };
    a.s += v;
    a.n++;
    by.set(y, a);
  }
  return [...by].sort((p, q) => p[0] - q[0]).map(([year, a]) => ({ year, mean: a.s / a.n, n: a.n }));
}
