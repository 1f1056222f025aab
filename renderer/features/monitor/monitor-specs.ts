/** Chart specs and tiles for the Monitor, from store series. */
import { bp } from '../../../shared/compute/bp.js';
import { positionInRange } from '../../../shared/compute/indicators.js';
import { reservesGdpFlag, srfFlag, type FlagLevel } from '../../../shared/compute/flags.js';
import { fillForward, joinOnDates, type ChartSeries, type ChartSpec } from '../../charts/chart-spec.js';
import { colorFor } from '../../charts/palette.js';
import { bpText, isoOfDay, money, moneyChange, moneyChangeSmall, moneySmall, pctOf, rate, shareText } from '../../format.js';
import { footerFor, lastCommon, lastOf, valueOn, type SeriesMap } from '../../app/series-data.js';
import { GDP_AS_KNOWN_LABEL, netLiquidityDaily, NL_DAILY_FORMULA, RESERVES_GDP_FORMULA, tenPctGdpAsKnown } from './monitor-formulas.js';

export const MONITOR_IDS = ['WRESBAL', 'GDP', 'WALCL', 'WDTGAL', 'RRPONTSYD', 'TGA_DTS', 'DFEDTARU', 'DFEDTARL', 'IORB', 'IOER', 'RRPONTSYAWARD', 'SOFR', 'SOFR1', 'SOFR99', 'TGCR', 'EFFR', 'RPONTTLD', 'SRF_AM', 'SRF_PM'] as const;

const empty = { dates: [] as number[], values: [] as number[] };
const col = (m: SeriesMap, id: string): { dates: readonly number[]; values: readonly number[] } => m.get(id) ?? empty;
const conv = (m: SeriesMap, id: string): string => m.get(id)?.conversion ?? '';

/** The administered rate on reserves: IOER until IORB replaced it on 2021-07-29, IORB from then. */
export const ADMIN_RATE_LABEL = 'IORB (IOER before 2021-07-29)';
export function administeredRate(m: SeriesMap): { dates: readonly number[]; values: readonly number[] } {
  const iorb = col(m, 'IORB');
  const ioer = col(m, 'IOER');
  const first = iorb.dates[0] ?? Number.POSITIVE_INFINITY;
  const dates: number[] = [];
  const values: number[] = [];
  ioer.dates.forEach((d, i) => {
    if (d < first) {
      dates.push(d);
      values.push(ioer.values[i] ?? Number.NaN);
    }
  });
  return { dates: [...dates, ...iorb.dates], values: [...values, ...iorb.values] };
}

/**
 * Reserves against 10% of GDP "as known then" (real-time, as the reserves/GDP indicator takes it):
 * each week's GDP is the latest quarter BEA had published by that date, from the core's evaluation of
 * the Workspace formula `WRESBAL / GDP` (loadMonitorSeries), not the quarter containing the date.
 */
export function reservesSpec(m: SeriesMap): ChartSpec {
  const x = [...col(m, 'WRESBAL').dates];
  const reserves = col(m, 'WRESBAL').values.map((v) => (Number.isFinite(v) ? v : null));
  const tenPct = tenPctGdpAsKnown(m, x, reserves);
  return {
    key: 'reserves',
    title: 'Reserve balances vs 10% of GDP (GDP as known then)',
    unitLabel: '$bn',
    x,
    series: ([
      { id: 'WRESBAL', label: 'WRESBAL (wk avg)', unit: 'usd_bn', color: colorFor('WRESBAL'), values: reserves, conversion: conv(m, 'WRESBAL') },
      { id: 'GDP10', label: '10% of GDP (SAAR, as known then)', unit: 'usd_bn', color: colorFor('GDP10'), values: tenPct, style: 'dash', conversion: `0.1 × GDP, ${GDP_AS_KNOWN_LABEL}` },
    ] satisfies ChartSeries[]).filter((s) => s.values.some((v) => v !== null)),
    shadeCalendar: true,
    footer: [
      ...footerFor(m, ['WRESBAL', 'GDP'], 'Federal Reserve H.4.1, BEA via FRED; GDP first-release dates from ALFRED vintages'),
      `GDP convention: ${GDP_AS_KNOWN_LABEL}; first-release dates are BEA's from 1991-Q4, approximated (end of the month after the quarter) before that and for quarters newer than the bundled dates.`,
    ],
  };
}

/**
 * A component as published: its as-of value only on the dates the series itself has (NL_daily uses it
 * as of each day; the readout must not show Thursday's TGA as a Friday observation).
 */
function onOwnDates(m: SeriesMap, id: string, x: readonly number[], asOf: readonly number[]): (number | null)[] {
  const own = new Set(col(m, id).dates);
  return x.map((d, i) => (own.has(d) && Number.isFinite(asOf[i] ?? Number.NaN) ? (asOf[i] ?? null) : null));
}

export function netLiquiditySpec(m: SeriesMap): ChartSpec {
  // NL_daily (domain.md §2.1) is the Workspace formula WALCL - TGA_DTS - RRPONTSYD, by the same code:
  // on the daily dates of TGA_DTS and RRPONTSYD, WALCL as of each day (≤ 8 days), the daily ones ≤ 4 days.
  const d = netLiquidityDaily(m);
  return {
    key: 'net-liquidity',
    title: 'Net liquidity (daily: WALCL − DTS TGA − ON RRP) and components',
    unitLabel: '$bn',
    x: d.x,
    series: [
      { id: 'NL', label: 'Net liquidity (NL_daily)', unit: 'usd_bn', color: colorFor('NL'), values: d.nl, width: 2, conversion: `formula ${NL_DAILY_FORMULA}: WALCL as of the day` },
      { id: 'WALCL', label: 'WALCL (Wed, as of day)', unit: 'usd_bn', color: colorFor('WALCL'), values: d.walcl, observed: onOwnDates(m, 'WALCL', d.x, d.walcl), style: 'step', conversion: conv(m, 'WALCL') },
      { id: 'TGA_DTS', label: 'TGA (DTS, daily)', unit: 'usd_bn', color: colorFor('TGA_DTS'), values: d.tga, observed: onOwnDates(m, 'TGA_DTS', d.x, d.tga), conversion: conv(m, 'TGA_DTS') },
      { id: 'RRPONTSYD', label: 'ON RRP (daily)', unit: 'usd_bn', color: colorFor('RRPONTSYD'), values: d.rrp, observed: onOwnDates(m, 'RRPONTSYD', d.x, d.rrp), conversion: conv(m, 'RRPONTSYD') },
    ],
    shadeCalendar: true,
    footer: footerFor(m, ['WALCL', 'TGA_DTS', 'RRPONTSYD'], 'Federal Reserve H.4.1, Treasury DTS, NY Fed'),
  };
}

export function corridorSpec(m: SeriesMap): ChartSpec {
  const ids = ['DFEDTARU', 'DFEDTARL', 'IORB', 'RRPONTSYAWARD', 'SOFR99', 'SOFR1', 'SOFR', 'TGCR', 'EFFR'];
  const { x, columns } = joinOnDates(ids.map((id) => (id === 'IORB' ? administeredRate(m) : col(m, id))));
  // Policy rates are stepped across the shared daily grid for drawing; readouts and CSV keep their observations.
  const ff = (i: number): { values: (number | null)[]; observed: (number | null)[] } => ({ values: fillForward(columns[i] ?? [], 4), observed: columns[i] ?? [] });
  return {
    key: 'corridor',
    title: 'Rate corridor: target range, IORB (IOER before 2021-07-29), ON RRP, SOFR (1st–99th pct), TGCR, EFFR',
    unitLabel: '% p.a.',
    x,
    series: [
      { id: 'DFEDTARU', label: 'Top of range', unit: 'percent', color: '#8a8f98', ...ff(0), style: 'step', width: 1 },
      { id: 'DFEDTARL', label: 'Bottom of range', unit: 'percent', color: '#8a8f98', ...ff(1), style: 'step', width: 1 },
      { id: 'IORB', label: ADMIN_RATE_LABEL, unit: 'percent', color: colorFor('IORB'), ...ff(2), style: 'step', width: 1.5 },
      { id: 'RRPONTSYAWARD', label: 'ON RRP rate', unit: 'percent', color: colorFor('RRPONTSYAWARD'), ...ff(3), style: 'step' },
      { id: 'SOFR99', label: 'SOFR 99th pct', unit: 'percent', color: '#f3b38a', values: columns[4] ?? [], style: 'band-edge' },
      { id: 'SOFR1', label: 'SOFR 1st pct', unit: 'percent', color: '#f3b38a', values: columns[5] ?? [], style: 'band-edge' },
      { id: 'SOFR', label: 'SOFR', unit: 'percent', color: colorFor('SOFR'), values: columns[6] ?? [], width: 1.8 },
      { id: 'TGCR', label: 'TGCR', unit: 'percent', color: colorFor('TGCR'), values: columns[7] ?? [] },
      { id: 'EFFR', label: 'EFFR', unit: 'percent', color: colorFor('EFFR'), values: columns[8] ?? [] },
    ],
    bands: [
      { upper: 'DFEDTARU', lower: 'DFEDTARL', fill: 'rgba(120,130,140,0.10)' },
      { upper: 'SOFR99', lower: 'SOFR1', fill: 'rgba(213,94,0,0.14)' },
    ],
    shadeCalendar: true,
    footer: footerFor(m, [...ids, 'IOER'], 'NY Fed reference rates, Federal Reserve via FRED'),
  };
}

export function spreadsSpec(m: SeriesMap): ChartSpec {
  const { x, columns } = joinOnDates(['SOFR', 'EFFR', 'IORB', 'RRPONTSYAWARD', 'DFEDTARU'].map((id) => (id === 'IORB' ? administeredRate(m) : col(m, id))));
  const [sofr, effr, iorbRaw, rrpRaw, topRaw] = columns;
  const iorb = fillForward(iorbRaw ?? [], 4);
  const rrp = fillForward(rrpRaw ?? [], 4);
  const top = fillForward(topRaw ?? [], 4);
  const sp = (a: readonly (number | null)[] | undefined, b: readonly (number | null)[]): (number | null)[] => x.map((_, i) => (a?.[i] != null && b[i] != null ? bp(a[i] as number, b[i] as number) : null));
  return {
    key: 'spreads',
    title: 'Money-market spreads',
    unitLabel: 'bp',
    x,
    series: [
      { id: 'SOFR_IORB', label: 'SOFR − IORB', unit: 'bp', color: colorFor('SOFR'), values: sp(sofr, iorb), conversion: 'bp(SOFR, IORB); IOER before 2021-07-29' },
      { id: 'EFFR_IORB', label: 'EFFR − IORB', unit: 'bp', color: colorFor('EFFR'), values: sp(effr, iorb), conversion: 'bp(EFFR, IORB); IOER before 2021-07-29' },
      { id: 'SOFR_RRP', label: 'SOFR − ON RRP', unit: 'bp', color: colorFor('RRPONTSYAWARD'), values: sp(sofr, rrp), conversion: 'bp(SOFR, RRPONTSYAWARD)' },
      { id: 'SOFR_TOP', label: 'SOFR − top', unit: 'bp', color: '#CC79A7', values: sp(sofr, top), style: 'dash', conversion: 'bp(SOFR, DFEDTARU)' },
    ],
    shadeCalendar: true,
    footer: footerFor(m, ['SOFR', 'EFFR', 'IORB', 'IOER', 'RRPONTSYAWARD', 'DFEDTARU'], 'NY Fed, Federal Reserve via FRED', ['bp']),
  };
}

export function srfSpec(m: SeriesMap): ChartSpec {
  const byOp = (m.get('SRF_AM')?.dates.length ?? 0) > 0;
  const ids = byOp ? ['SRF_AM', 'SRF_PM'] : ['RPONTTLD'];
  const { x, columns } = joinOnDates(ids.map((id) => col(m, id)));
  return {
    key: 'srf',
    title: byOp ? 'Standing Repo Facility take-up by operation' : 'Standing Repo Facility take-up (AM + PM, all tranches)',
    unitLabel: '$bn',
    x,
    series: ids.map((id, i) => ({ id, label: id === 'RPONTTLD' ? 'SRF take-up (RPONTTLD)' : id === 'SRF_AM' ? 'Morning operation' : 'Afternoon operation', unit: 'usd_bn', color: i === 0 ? colorFor('RPONTTLD') : '#0072B2', values: columns[i] ?? [], style: 'bars' as const, conversion: conv(m, id) })),
    shadeCalendar: true,
    footer: footerFor(m, ids, 'NY Fed repo operation results'),
  };
}

export function tgaRrpSpec(m: SeriesMap): ChartSpec {
  const { x, columns } = joinOnDates([col(m, 'WDTGAL'), col(m, 'TGA_DTS'), col(m, 'RRPONTSYD')]);
  return {
    key: 'tga-onrrp',
    title: 'TGA and ON RRP',
    unitLabel: '$bn',
    x,
    series: [
      { id: 'WDTGAL', label: 'TGA (Wed level)', unit: 'usd_bn', color: colorFor('WDTGAL'), values: columns[0] ?? [], style: 'step', conversion: conv(m, 'WDTGAL') },
      { id: 'TGA_DTS', label: 'TGA (DTS daily)', unit: 'usd_bn', color: '#b77a00', values: columns[1] ?? [], width: 1, conversion: conv(m, 'TGA_DTS') },
      { id: 'RRPONTSYD', label: 'ON RRP (daily)', unit: 'usd_bn', color: colorFor('RRPONTSYD'), values: columns[2] ?? [], conversion: conv(m, 'RRPONTSYD') },
    ],
    shadeCalendar: true,
    footer: footerFor(m, ['WDTGAL', 'TGA_DTS', 'RRPONTSYD'], 'Federal Reserve H.4.1, Treasury DTS, NY Fed'),
  };
}

export interface Tile {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  readonly change: string;
  readonly asOf: string;
  readonly ageDays: number | null;
  readonly level: FlagLevel;
  readonly note: string;
}

const WORD: Record<FlagLevel, string> = { ok: 'ok', watch: 'watch', alert: 'alert' };
export const levelWord = (l: FlagLevel): string => WORD[l];

export function tiles(m: SeriesMap, todayDay: number): Tile[] {
  const age = (d: number | undefined): number | null => (d === undefined ? null : todayDay - d);
  const out: Tile[] = [];
  const res = lastOf(m.get('WRESBAL'));
  const resPrev = res ? valueOn(m.get('WRESBAL'), res.day - 7) : null;
  out.push({
    key: 'reserves',
    label: 'Reserves (wk avg)',
    value: money(res?.value),
    change: res && resPrev !== null ? `${moneyChange(res.value - resPrev)} w/w` : '',
    asOf: res ? isoOfDay(res.day) : '—',
    ageDays: age(res?.day),
    level: res === null ? 'ok' : res.value < 2500 ? 'alert' : res.value <= 3000 ? 'watch' : 'ok',
    note: 'alert < $2,500bn; $2,500–3,000bn target band',
  });
  // The same real-time ratio as the reserves chart (GDP as known then), so tile and chart agree.
  const ratio = res ? valueOn(m.get(RESERVES_GDP_FORMULA), res.day) : null;
  const rg = ratio === null ? null : 100 * ratio;
  out.push({ key: 'reserves-gdp', label: 'Reserves / GDP', value: pctOf(rg), change: '', asOf: res ? isoOfDay(res.day) : '—', ageDays: age(res?.day), level: rg === null ? 'ok' : reservesGdpFlag(rg), note: `watch < 10% (Waller), alert < 8%; GDP ${GDP_AS_KNOWN_LABEL}` });
  const tga = lastOf(m.get('TGA_DTS'));
  const tgaPrev = tga ? valueOn(m.get('TGA_DTS'), tga.day - 7) : null;
  out.push({ key: 'tga', label: 'TGA (DTS)', value: money(tga?.value), change: tga && tgaPrev !== null ? `${moneyChange(tga.value - tgaPrev)} w/w` : '', asOf: tga ? isoOfDay(tga.day) : '—', ageDays: age(tga?.day), level: tga && tgaPrev !== null && tga.value - tgaPrev > 100 ? 'watch' : 'ok', note: 'watch when the TGA rises > $100bn in a week' });
  const rrp = lastOf(m.get('RRPONTSYD'));
  const rrpPrev = rrp ? valueOn(m.get('RRPONTSYD'), rrp.day - 28) : null;
  out.push({ key: 'onrrp', label: 'ON RRP', value: moneySmall(rrp?.value), change: rrp && rrpPrev !== null ? `${moneyChangeSmall(rrp.value - rrpPrev)} 4w` : '', asOf: rrp ? isoOfDay(rrp.day) : '—', ageDays: age(rrp?.day), level: rrp && rrp.value < 50 ? 'watch' : 'ok', note: 'watch < $50bn: the buffer is gone' });
  const srf = lastOf(m.get('RPONTTLD'));
  let max30 = 0;
  let max30Day = 0;
  const s = m.get('RPONTTLD');
  if (s && srf) s.dates.forEach((d, i) => d > srf.day - 30 && (s.values[i] ?? 0) > max30 && ((max30 = s.values[i] ?? 0), (max30Day = d)));
  out.push({ key: 'srf', label: 'SRF take-up', value: srf ? (srf.value === 0 ? 'none' : moneySmall(srf.value)) : '—', change: srf ? (max30 > 0 ? `30-day max ${moneySmall(max30)} (${isoOfDay(max30Day)})` : 'none in the last 30 days') : '', asOf: srf ? isoOfDay(srf.day) : '—', ageDays: age(srf?.day), level: srf ? srfFlag(srf.value) : 'ok', note: 'watch > $25bn, alert > $50bn' });
  const nlDay = tga?.day;
  const nlAt = (d: number): number | null => {
    const a = valueOn(m.get('WALCL'), d);
    const t = valueOn(m.get('TGA_DTS'), d);
    const r = valueOn(m.get('RRPONTSYD'), d);
    return a !== null && t !== null && r !== null ? a - t - r : null;
  };
  const nl = nlDay !== undefined ? nlAt(nlDay) : null;
  const nlPrev = nlDay !== undefined ? nlAt(nlDay - 28) : null;
  out.push({ key: 'net-liquidity', label: 'Net liquidity (daily)', value: money(nl), change: nl !== null && nlPrev !== null ? `${moneyChange(nl - nlPrev)} 4w` : '', asOf: nlDay !== undefined ? isoOfDay(nlDay) : '—', ageDays: age(nlDay), level: 'ok', note: 'WALCL − DTS TGA − ON RRP (heuristic, not an official aggregate)' });
  // The spread needs SOFR and IORB on one date; the top of the range only sets the alert threshold.
  const sofr = lastCommon(m.get('SOFR'), [m.get('IORB')]);
  const iorb = sofr ? valueOn(m.get('IORB'), sofr.day) : null;
  const top = sofr ? valueOn(m.get('DFEDTARU'), sofr.day) : null;
  const si = sofr && iorb !== null ? bp(sofr.value, iorb) : null;
  const topIorb = top !== null && iorb !== null ? bp(top, iorb) : 10;
  out.push({ key: 'sofr-iorb', label: 'SOFR − IORB', value: bpText(si), change: sofr ? `SOFR ${rate(sofr.value)}, IORB ${rate(iorb)}` : '', asOf: sofr ? isoOfDay(sofr.day) : '—', ageDays: age(sofr?.day), level: si === null ? 'ok' : si >= topIorb ? 'alert' : si > 0 ? 'watch' : 'ok', note: top === null ? `watch > 0, alert ≥ ${topIorb} bp (IORB + 10 bp: no target range on this date)` : `watch > 0, alert ≥ ${topIorb} bp (top of range)` });
  const effr = lastCommon(m.get('EFFR'), [m.get('DFEDTARL'), m.get('DFEDTARU'), m.get('IORB')]);
  const lo = effr ? valueOn(m.get('DFEDTARL'), effr.day) : null;
  const hi = effr ? valueOn(m.get('DFEDTARU'), effr.day) : null;
  const pos = effr && lo !== null && hi !== null ? positionInRange(effr.value, lo, hi) : null;
  const ei = effr ? valueOn(m.get('IORB'), effr.day) : null;
  out.push({ key: 'effr-range', label: 'EFFR in range', value: shareText(pos), change: effr ? `of the way from the bottom (${rate(lo)}) to the top (${rate(hi)}) of the range; EFFR ${rate(effr.value)}` : '', asOf: effr ? isoOfDay(effr.day) : '—', ageDays: age(effr?.day), level: effr && ei !== null && bp(effr.value, ei) >= 0 ? 'alert' : 'ok', note: '0% = bottom of the target range, 100% = top; alert when EFFR ≥ IORB' });
  return out;
}
