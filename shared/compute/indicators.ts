/**
 * Indicator formulas (domain.md §6) and the reserve identity (§1.2). Pure scalar functions; the
 * as-of report in main/core feeds them from the store and records each input's lineage.
 */
import { bp, type Bp } from './bp.js';

/**
 * The two ways a history of reserves/GDP can pick its GDP (domain.md §2.3); every chart and report
 * says which one it uses. `asKnown` is real-time (dashboards: the Monitor, its tile, the indicator
 * report, `WRESBAL / GDP` in the Workspace); `latestVintage` is for fitting and history.
 */
export const GDP_CONVENTIONS = {
  asKnown: 'as known then: the latest GDP quarter BEA had published by each date (current vintage of that quarter)',
  latestVintage: 'quarter containing the date, latest vintage',
} as const;

/** 100 · R / GDP_SAAR. GDP is the annualized quarterly level: never summed, never × 4. */
export function reservesToGdpPct(reservesBn: number, gdpSaarBn: number): number {
  return (100 * reservesBn) / gdpSaarBn;
}

export function reservesToBankAssetsPct(reservesBn: number, bankAssetsBn: number): number {
  return (100 * reservesBn) / bankAssetsBn;
}

/** (EFFR − lower)/(upper − lower): 0 at the floor, 1 at the top, above 1 under stress. */
export function positionInRange(ratePct: number, lowerPct: number, upperPct: number): number {
  return Math.round(((ratePct - lowerPct) / (upperPct - lowerPct)) * 1e9) / 1e9;
}

export interface SpreadSet {
  readonly sofrIorb: Bp;
  readonly sofrTop: Bp;
  readonly sofrRrp: Bp;
  readonly effrIorb: Bp;
  readonly sofrEffr: Bp;
}

export function spreads(r: { sofr: number; iorb: number; top: number; rrpAward: number; effr: number }): SpreadSet {
  return { sofrIorb: bp(r.sofr, r.iorb), sofrTop: bp(r.sofr, r.top), sofrRrp: bp(r.sofr, r.rrpAward), effrIorb: bp(r.effr, r.iorb), sofrEffr: bp(r.sofr, r.effr) };
}

/** H.4.1 Table 1 lines in $bn, one basis (all Wednesday levels or all week averages). */
export interface Table1 {
  readonly supplying: Readonly<Record<string, number>>;
  readonly absorbing: Readonly<Record<string, number>>;
}

/** R = S − ABS, summed in integer thousandths of a billion (= $mn) so published totals match exactly. */
export function reservesFromIdentity(t: Table1): { supplyingBn: number; absorbingBn: number; reservesBn: number } {
  const sumMn = (o: Readonly<Record<string, number>>): number => Object.values(o).reduce((a, v) => a + Math.round(v * 1000), 0);
  const s = sumMn(t.supplying);
  const a = sumMn(t.absorbing);
  return { supplyingBn: s / 1000, absorbingBn: a / 1000, reservesBn: (s - a) / 1000 };
}

/** ΔR = ΔSOMA + ΔSRF + ΔLOANS + Δother supplying − ΔC − ΔRRP − ΔFRRP − ΔTGA − Δother absorbing. */
export function reserveChangeFromFlows(f: Partial<Record<'soma' | 'srf' | 'loans' | 'otherSupplying' | 'currency' | 'onrrp' | 'foreignRrp' | 'tga' | 'otherAbsorbing', number>>): number {
  const g = (k: keyof typeof f): number => f[k] ?? 0;
  return g('soma') + g('srf') + g('loans') + g('otherSupplying') - g('currency') - g('onrrp') - g('foreignRrp') - g('tga') - g('otherAbsorbing');
}

export type NetLiquidityVariant = 'NL_wed' | 'NL_wed_tot' | 'NL_pop' | 'NL_daily';

export const NET_LIQUIDITY_LABELS: Readonly<Record<NetLiquidityVariant, string>> = {
  NL_wed: 'WALCL − WDTGAL − WLRRAOL (Wednesday levels)',
  NL_wed_tot: 'WALCL − WDTGAL − WLRRAL (Wednesday levels, total RRP incl. foreign pool)',
  NL_pop: 'WALCL − WTREGEN − RRPONTSYD (common mixed-basis variant)',
  NL_daily: 'WALCL as of day − DTS TGA − RRPONTSYD (daily, as-of join)',
};

export function netLiquidity(walclBn: number, tgaBn: number, rrpBn: number): number {
  return Math.round((walclBn - tgaBn - rrpBn) * 1e9) / 1e9;
}

/** Week-over-week change on a Wednesday grid: [NaN, x1 − x0, …]. */
export function weekOverWeek(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  out[0] = Number.NaN;
  for (let i = 1; i < values.length; i++) out[i] = (values[i] ?? Number.NaN) - (values[i - 1] ?? Number.NaN);
  return out;
}

/** ΔR needed per year to hold R/GDP at a level while GDP grows: level · GDP · g. */
export function reservesNeededToHoldRatio(ratioPct: number, gdpBn: number, growthPct: number): number {
  return (ratioPct / 100) * gdpBn * (growthPct / 100);
}
