/**
 * Stress flags (domain.md §6.4) with configurable thresholds, each tagged `calendarExpected` when it
 * falls on a month-end, quarter-end, tax or settlement date (§6.5), so seasonal pressure can be told
 * from structural pressure.
 */
import type { Marker } from './calendar.js';
import { SEASONAL_KINDS } from './calendar.js';

export type FlagLevel = 'ok' | 'watch' | 'alert';

export interface FlagThresholds {
  readonly srfWatchBn: number;
  readonly srfAlertBn: number;
  readonly sofrRrpMaAlertBp: number;
  readonly reservesGdpWatchPct: number;
  readonly reservesGdpAlertPct: number;
  readonly reservesBaWatchPct: number;
  readonly reservesBaAlertPct: number;
  readonly reservesAlertBn: number;
  readonly reservesTargetBandBn: readonly [number, number];
  readonly onrrpDepletedBn: number;
  readonly tgaDrain1wBn: number;
  readonly tgaDrain4wBn: number;
}

export const DEFAULT_THRESHOLDS: FlagThresholds = {
  srfWatchBn: 25,
  srfAlertBn: 50,
  sofrRrpMaAlertBp: 20,
  reservesGdpWatchPct: 10,
  reservesGdpAlertPct: 8,
  reservesBaWatchPct: 13,
  reservesBaAlertPct: 12,
  reservesAlertBn: 2500,
  reservesTargetBandBn: [2500, 3000],
  onrrpDepletedBn: 50,
  tgaDrain1wBn: 100,
  tgaDrain4wBn: 200,
};

export type FlagId =
  | 'sofr_above_top'
  | 'sofr_above_iorb'
  | 'sofr_rrp_ma_wide'
  | 'srf_takeup'
  | 'effr_at_or_above_iorb'
  | 'reserves_gdp_low'
  | 'reserves_ba_low'
  | 'reserves_level'
  | 'onrrp_depleted'
  | 'tga_drain';

export interface Flag {
  readonly id: FlagId;
  readonly level: FlagLevel;
  /** What was compared, in words with units: "SOFR − top = +22 bp (> 0)". */
  readonly detail: string;
  readonly calendarExpected: boolean;
}

const sign = (x: number): string => (x > 0 ? `+${x}` : `${x}`);

export function srfFlag(srfBn: number, t: FlagThresholds = DEFAULT_THRESHOLDS): FlagLevel {
  return srfBn > t.srfAlertBn ? 'alert' : srfBn > t.srfWatchBn ? 'watch' : 'ok';
}

export function reservesGdpFlag(pct: number, t: FlagThresholds = DEFAULT_THRESHOLDS): FlagLevel {
  return pct < t.reservesGdpAlertPct ? 'alert' : pct < t.reservesGdpWatchPct ? 'watch' : 'ok';
}

export function reservesBaFlag(pct: number, t: FlagThresholds = DEFAULT_THRESHOLDS): FlagLevel {
  return pct < t.reservesBaAlertPct ? 'alert' : pct < t.reservesBaWatchPct ? 'watch' : 'ok';
}

export interface FlagInputs {
  readonly sofrTopBp?: number;
  readonly sofrIorbBp?: number;
  readonly topIorbBp?: number;
  readonly sofrRrpMa10Bp?: number;
  readonly srfBn?: number;
  readonly effrIorbBp?: number;
  readonly reservesGdpPct?: number;
  readonly reservesBaPct?: number;
  readonly reservesBn?: number;
  readonly onrrpBn?: number;
  readonly tgaChange1wBn?: number;
  readonly tgaChange4wBn?: number;
}

/** Flags that month-ends, quarter-ends and tax dates can trip; stock levels (reserves/GDP) are not seasonal. */
const MARKET_PRESSURE: ReadonlySet<FlagId> = new Set(['sofr_above_top', 'sofr_above_iorb', 'sofr_rrp_ma_wide', 'srf_takeup', 'effr_at_or_above_iorb', 'tga_drain', 'onrrp_depleted']);

export function evaluateFlags(x: FlagInputs, markers: readonly Marker[], t: FlagThresholds = DEFAULT_THRESHOLDS): Flag[] {
  const seasonal = markers.some((m) => SEASONAL_KINDS.has(m.kind));
  const out: Flag[] = [];
  const add = (id: FlagId, level: FlagLevel, detail: string): void => {
    out.push({ id, level, detail, calendarExpected: level !== 'ok' && seasonal && MARKET_PRESSURE.has(id) });
  };
  if (x.sofrTopBp !== undefined) add('sofr_above_top', x.sofrTopBp > 0 ? 'alert' : 'ok', `SOFR − top of range = ${sign(x.sofrTopBp)} bp (alert > 0)`);
  if (x.sofrIorbBp !== undefined) {
    const alertAt = x.topIorbBp ?? 10;
    add('sofr_above_iorb', x.sofrIorbBp >= alertAt ? 'alert' : x.sofrIorbBp > 0 ? 'watch' : 'ok', `SOFR − IORB = ${sign(x.sofrIorbBp)} bp (watch > 0, alert ≥ ${alertAt})`);
  }
  if (x.sofrRrpMa10Bp !== undefined) add('sofr_rrp_ma_wide', x.sofrRrpMa10Bp >= t.sofrRrpMaAlertBp ? 'alert' : 'ok', `10-day mean of SOFR − RRP award = ${sign(Math.round(x.sofrRrpMa10Bp * 10) / 10)} bp (alert ≥ ${t.sofrRrpMaAlertBp})`);
  if (x.srfBn !== undefined) add('srf_takeup', srfFlag(x.srfBn, t), `SRF take-up $${x.srfBn}bn (watch > ${t.srfWatchBn}, alert > ${t.srfAlertBn})`);
  if (x.effrIorbBp !== undefined) add('effr_at_or_above_iorb', x.effrIorbBp >= 0 ? 'alert' : 'ok', `EFFR − IORB = ${sign(x.effrIorbBp)} bp (alert ≥ 0)`);
  if (x.reservesGdpPct !== undefined) add('reserves_gdp_low', reservesGdpFlag(x.reservesGdpPct, t), `reserves/GDP ${x.reservesGdpPct.toFixed(2)}% (watch < ${t.reservesGdpWatchPct}, alert < ${t.reservesGdpAlertPct})`);
  if (x.reservesBaPct !== undefined) add('reserves_ba_low', reservesBaFlag(x.reservesBaPct, t), `reserves/bank assets ${x.reservesBaPct.toFixed(2)}% (watch < ${t.reservesBaWatchPct}, alert < ${t.reservesBaAlertPct})`);
  if (x.reservesBn !== undefined) {
    const [lo, hi] = t.reservesTargetBandBn;
    add('reserves_level', x.reservesBn < t.reservesAlertBn ? 'alert' : x.reservesBn <= hi && x.reservesBn >= lo ? 'watch' : 'ok', `reserves $${Math.round(x.reservesBn)}bn (alert < ${t.reservesAlertBn}; ${lo}–${hi} target band)`);
  }
  if (x.onrrpBn !== undefined) add('onrrp_depleted', x.onrrpBn < t.onrrpDepletedBn ? 'watch' : 'ok', `ON RRP $${x.onrrpBn}bn (buffer gone below ${t.onrrpDepletedBn})`);
  if (x.tgaChange1wBn !== undefined || x.tgaChange4wBn !== undefined) {
    const w1 = x.tgaChange1wBn ?? 0;
    const w4 = x.tgaChange4wBn ?? 0;
    add('tga_drain', w1 > t.tgaDrain1wBn || w4 > t.tgaDrain4wBn ? 'watch' : 'ok', `TGA change 1w ${sign(Math.round(w1))}bn, 4w ${sign(Math.round(w4))}bn (watch > +${t.tgaDrain1wBn} / +${t.tgaDrain4wBn})`);
  }
  return out;
}

export function compositeCount(flags: readonly Flag[]): number {
  return flags.filter((f) => f.level !== 'ok').length;
}
