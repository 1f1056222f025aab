/**
 * Every indicator and stress flag as of a date, from the store, each with the inputs that fed it.
 * Mode: observation mode for market and H.4.1 series (the last observation on or before the date,
 * within a tolerance), real-time mode for GDP (the latest quarter already released on that date).
 */
import { bp } from '../../../shared/compute/bp.js';
import { BusinessCalendar, markersOn, type Marker } from '../../../shared/compute/calendar.js';
import { compositeCount, evaluateFlags, type Flag } from '../../../shared/compute/flags.js';
import { NET_LIQUIDITY_LABELS, netLiquidity, positionInRange, reservesToBankAssetsPct, reservesToGdpPct } from '../../../shared/compute/indicators.js';
import { indexAtOrBefore } from '../../../shared/compute/series.js';
import { addDays, epochDay, fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { gdpKnownOn, gdpReleaseCalendar, nextQuarter, type GdpReleaseBasis } from './gdp-releases.js';
import { SeriesCache, type InputRef } from './series-cache.js';

export type IndicatorUnit = 'bp' | 'usd_bn' | 'percent' | 'ratio' | 'days' | 'pct_of_gdp' | 'pct_of_bank_assets';

export interface Indicator {
  readonly id: string;
  readonly label: string;
  readonly value: number | null;
  readonly unit: IndicatorUnit;
  readonly inputs: readonly InputRef[];
  /** Series that were needed but are not in the store (sync them). */
  readonly missing: readonly string[];
  readonly note?: string;
  /** Reserves/GDP only: which GDP quarter was public on the date, when BEA first published it, and whether that date is real. */
  readonly gdpQuarter?: string;
  readonly gdpFirstRelease?: IsoDate;
  readonly gdpReleaseBasis?: GdpReleaseBasis;
}

export interface IndicatorReport {
  readonly asOf: IsoDate;
  readonly mode: string;
  readonly indicators: readonly Indicator[];
  readonly flags: readonly Flag[];
  readonly activeFlags: number;
  readonly markers: readonly Marker[];
}

export const REPORT_MODE =
  'observation mode: daily series take their last value on or before the date (≤ 4 days old), weekly H.4.1 series the latest Wednesday (≤ 8 days); GDP in real-time mode ("as known then"): the latest quarter BEA had first published by the end of that date (first-release dates from ALFRED vintages from 1991-Q4; earlier or unknown ones approximated as the end of the month after the quarter and labelled so), in its current vintage';

export function indicatorReport(db: Db, asOf: IsoDate, cal = new BusinessCalendar()): IndicatorReport {
  const c = new SeriesCache(db);
  const out: Indicator[] = [];

  const make = (id: string, label: string, unit: IndicatorUnit, needs: readonly (string | [string, number])[], f: (v: number[]) => number, note?: string): number | null => {
    const inputs: InputRef[] = [];
    const missing: string[] = [];
    for (const n of needs) {
      const [sid, tol] = typeof n === 'string' ? [n, undefined] : n;
      const r = c.at(sid, asOf, tol);
      if (r === null) missing.push(sid);
      else inputs.push(r);
    }
    const value = missing.length === 0 ? f(inputs.map((i) => i.value)) : null;
    const v = value !== null && Number.isFinite(value) ? value : null;
    out.push({ id, label, value: v, unit, inputs, missing, ...(note === undefined ? {} : { note }) });
    return v;
  };
  const sp = (a: number[]): number => bp(a[0] ?? Number.NaN, a[1] ?? Number.NaN);

  // §6.1 spreads and positions
  const sofrIorb = make('sofr_iorb', 'SOFR − IORB', 'bp', ['SOFR', 'IORB'], sp);
  const effrIorb = make('effr_iorb', 'EFFR − IORB', 'bp', ['EFFR', 'IORB'], sp);
  make('sofr_effr', 'SOFR − EFFR', 'bp', ['SOFR', 'EFFR'], sp);
  const sofrTop = make('sofr_top', 'SOFR − top of range', 'bp', ['SOFR', 'DFEDTARU'], sp);
  make('sofr_rrp', 'SOFR − ON RRP award rate', 'bp', ['SOFR', 'RRPONTSYAWARD'], sp);
  make('tgcr_rrp', 'TGCR − ON RRP award rate', 'bp', ['TGCR', 'RRPONTSYAWARD'], sp);
  make('sofr99_top', 'SOFR 99th percentile − top of range', 'bp', ['SOFR99', 'DFEDTARU'], sp);
  make('effr_position', 'EFFR position in the target range (0 = floor, 1 = top)', 'ratio', ['EFFR', 'DFEDTARL', 'DFEDTARU'], (v) => positionInRange(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0));
  const topIorb = make('top_iorb', 'Top of range − IORB (SRF minimum bid vs IORB)', 'bp', ['DFEDTARU', 'IORB'], sp);

  // Windows over business days: 10-day mean of SOFR − RRP, days above the top in the last 10.
  const windowStats = (): { ma: number | null; above: number | null; inputs: InputRef[] } => {
    const sofr = c.get('SOFR');
    const end = indexAtOrBefore(sofr, epochDay(asOf));
    const diffs: number[] = [];
    let above = 0;
    const inputs: InputRef[] = [];
    for (let i = end; i >= 0 && diffs.length < 10; i--) {
      const day = fromEpochDay(sofr.dates[i] ?? 0);
      const s = sofr.values[i] ?? Number.NaN;
      const rrp = c.at('RRPONTSYAWARD', day, 4);
      const top = c.at('DFEDTARU', day, 4);
      if (!Number.isFinite(s) || rrp === null || top === null) continue;
      diffs.push(bp(s, rrp.value));
      if (bp(s, top.value) > 0) above++;
      if (inputs.length === 0) inputs.push({ seriesId: 'SOFR', date: day, value: s, unit: 'percent', conversion: '× 1 (percent per annum, as published)' });
    }
    if (diffs.length < 10) return { ma: null, above: null, inputs };
    return { ma: Math.round((diffs.reduce((a, b) => a + b, 0) / 10) * 1e6) / 1e6, above, inputs };
  };
  const w = windowStats();
  out.push({ id: 'sofr_rrp_ma10', label: '10-business-day mean of SOFR − ON RRP award', value: w.ma, unit: 'bp', inputs: w.inputs, missing: w.ma === null ? ['SOFR', 'RRPONTSYAWARD'] : [] });
  out.push({ id: 'days_above_top_10d', label: 'Business days with SOFR above the top of the range, last 10', value: w.above, unit: 'days', inputs: w.inputs, missing: w.above === null ? ['SOFR', 'DFEDTARU'] : [] });

  // §6.2 quantities
  const srf = make('srf_takeup', 'SRF take-up (AM + PM, all tranches)', 'usd_bn', [['RPONTTLD', 0]], (v) => v[0] ?? Number.NaN, 'RPONTTLD on the date itself: no take-up reported that day means none is shown');
  const onrrp = make('onrrp', 'ON RRP take-up', 'usd_bn', ['RRPONTSYD'], (v) => v[0] ?? Number.NaN);
  {
    const now = c.at('RRPONTSYD', asOf);
    const then = now ? c.at('RRPONTSYD', addDays(now.date, -28)) : null;
    const v = now && then ? Math.round((now.value - then.value) * 1e9) / 1e9 : null;
    out.push({ id: 'onrrp_4w_change', label: 'ON RRP change over 4 weeks', value: v, unit: 'usd_bn', inputs: [now, then].filter((x): x is InputRef => x !== null), missing: v === null ? ['RRPONTSYD'] : [] });
  }
  make('tga_wed', 'TGA (Wednesday level)', 'usd_bn', ['WDTGAL'], (v) => v[0] ?? Number.NaN);
  const tgaWeek = (weeksBack: number): number | null => {
    const now = c.at('WDTGAL', asOf);
    if (now === null) return null;
    const then = c.at('WDTGAL', addDays(now.date, -7 * weeksBack), 0);
    return then === null ? null : Math.round((now.value - then.value) * 1e9) / 1e9;
  };
  const tga1w = tgaWeek(1);
  const tga4w = tgaWeek(4);
  const tgaNow = c.at('WDTGAL', asOf);
  const tgaInputs = (weeks: number): InputRef[] => (tgaNow ? [tgaNow, c.at('WDTGAL', addDays(tgaNow.date, -7 * weeks), 0)].filter((x): x is InputRef => x !== null) : []);
  out.push({ id: 'tga_1w_change', label: 'TGA change, 1 week', value: tga1w, unit: 'usd_bn', inputs: tgaInputs(1), missing: tga1w === null ? ['WDTGAL'] : [] });
  out.push({ id: 'tga_4w_change', label: 'TGA change, 4 weeks', value: tga4w, unit: 'usd_bn', inputs: tgaInputs(4), missing: tga4w === null ? ['WDTGAL'] : [] });
  make('tga_dts', 'TGA daily closing balance (DTS)', 'usd_bn', ['TGA_DTS'], (v) => v[0] ?? Number.NaN);

  const reserves = make('reserves', 'Reserve balances (week average)', 'usd_bn', ['WRESBAL'], (v) => v[0] ?? Number.NaN);
  // GDP in real-time mode: the latest quarter BEA had first published by the end of the as-of day
  // (BEA releases at 8:30 a.m. ET, so a release on the as-of date counts).
  const gdpSeries = c.get('GDP');
  const releases = gdpReleaseCalendar(db);
  const known = gdpKnownOn(gdpSeries, asOf, releases);
  const gdpRef: InputRef | null = known === null ? null : { seriesId: 'GDP', date: known.release.quarterStart, value: gdpSeries.values[known.index] ?? Number.NaN, unit: 'usd_bn_saar', conversion: '× 1 (already USD billions, SAAR)' };
  // A newer quarter published by then but missing from the store (no sync since) is said, not hidden.
  const newer = known === null ? null : releases.known(nextQuarter(known.release.quarterStart));
  const unsynced = newer !== null && newer <= asOf && known !== null && known.index === gdpSeries.dates.length - 1 ? ` — the next quarter was published on ${newer} but is not in the store: sync GDP` : '';
  const resRef = c.at('WRESBAL', asOf);
  const rGdp = resRef && gdpRef ? reservesToGdpPct(resRef.value, gdpRef.value) : null;
  out.push({
    id: 'reserves_gdp',
    label: 'Reserves / GDP',
    value: rGdp,
    unit: 'pct_of_gdp',
    inputs: [resRef, gdpRef].filter((x): x is InputRef => x !== null),
    missing: [resRef ? null : 'WRESBAL', gdpRef ? null : 'GDP'].filter((x): x is string => x !== null),
    ...(known
      ? {
          note: `GDP quarter starting ${known.release.quarterStart} (${known.release.quarter}), the latest BEA had published by ${asOf}: first released ${known.release.firstReleaseDate} [${known.release.basis}]; current vintage of that quarter${unsynced}`,
          gdpQuarter: known.release.quarter,
          gdpFirstRelease: known.release.firstReleaseDate,
          gdpReleaseBasis: known.release.basis,
        }
      : {}),
  });
  const rBa = make('reserves_bank_assets', 'Reserves / commercial-bank assets', 'pct_of_bank_assets', ['WRESBAL', 'TLAACBW027SBOG'], (v) => reservesToBankAssetsPct(v[0] ?? 0, v[1] ?? 0));

  // §2.1 net liquidity variants, each labelled
  make('NL_wed', NET_LIQUIDITY_LABELS.NL_wed, 'usd_bn', ['WALCL', 'WDTGAL', 'WLRRAOL'], (v) => netLiquidity(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0));
  make('NL_wed_tot', NET_LIQUIDITY_LABELS.NL_wed_tot, 'usd_bn', ['WALCL', 'WDTGAL', 'WLRRAL'], (v) => netLiquidity(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0));
  make('NL_pop', NET_LIQUIDITY_LABELS.NL_pop, 'usd_bn', ['WALCL', 'WTREGEN', 'RRPONTSYD'], (v) => netLiquidity(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0), 'mixed bases: Wednesday level, week average and daily');
  make('NL_daily', NET_LIQUIDITY_LABELS.NL_daily, 'usd_bn', ['WALCL', 'TGA_DTS', 'RRPONTSYD'], (v) => netLiquidity(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0));
  make('soma_bills_share', 'SOMA bills share (WSHOBL / TREAST)', 'percent', ['WSHOBL', 'TREAST'], (v) => (100 * (v[0] ?? 0)) / (v[1] ?? 1));

  // Weekly reserve change attribution (Wednesday levels; the identity of §1.2, other items as the residual).
  const attrib = (): void => {
    const r1 = c.at('WRBWFRBL', asOf);
    if (r1 === null) {
      out.push({ id: 'reserve_change_attribution', label: 'Weekly change in reserves, attributed', value: null, unit: 'usd_bn', inputs: [], missing: ['WRBWFRBL'] });
      return;
    }
    const prev = addDays(r1.date, -7);
    const parts: InputRef[] = [r1];
    const delta = (id: string): number | null => {
      const a = c.at(id, r1.date, 0);
      const b = c.at(id, prev, 0);
      if (a === null || b === null) return null;
      parts.push(a);
      return a.value - b.value;
    };
    const r0 = c.at('WRBWFRBL', prev, 0);
    const dR = r0 ? r1.value - r0.value : null;
    const dA = delta('WALCL');
    const dTga = delta('WDTGAL');
    const dRrp = delta('WLRRAOL') ?? delta('RRPONTSYD');
    const dC = delta('WCURCIR');
    const known = [dA, dTga, dRrp, dC];
    const missing = ['WALCL', 'WDTGAL', 'WLRRAOL', 'WCURCIR'].filter((_, i) => known[i] === null);
    const fmt = (x: number | null): string => (x === null ? 'n/a' : `${x >= 0 ? '+' : ''}${x.toFixed(1)}`);
    const other = dR !== null && dA !== null && dTga !== null && dRrp !== null && dC !== null ? dR - (dA - dTga - dRrp - dC) : null;
    out.push({
      id: 'reserve_change_attribution',
      label: `Weekly change in reserves to ${r1.date}, attributed`,
      value: dR === null ? null : Math.round(dR * 1e6) / 1e6,
      unit: 'usd_bn',
      inputs: parts,
      missing,
      note: `ΔR ${fmt(dR)} = Δassets ${fmt(dA)} − ΔTGA ${fmt(dTga)} − ΔON RRP ${fmt(dRrp)} − Δcurrency ${fmt(dC)} − Δother ${fmt(other === null ? null : -other)} ($bn; currency is a week average, the rest Wednesday levels)`,
    });
  };
  attrib();

  const markers = markersOn(cal, asOf);
  const flags = evaluateFlags(
    {
      ...(sofrTop !== null ? { sofrTopBp: sofrTop } : {}),
      ...(sofrIorb !== null ? { sofrIorbBp: sofrIorb } : {}),
      ...(topIorb !== null ? { topIorbBp: topIorb } : {}),
      ...(w.ma !== null ? { sofrRrpMa10Bp: w.ma } : {}),
      ...(srf !== null ? { srfBn: srf } : {}),
      ...(effrIorb !== null ? { effrIorbBp: effrIorb } : {}),
      ...(rGdp !== null ? { reservesGdpPct: rGdp } : {}),
      ...(rBa !== null ? { reservesBaPct: rBa } : {}),
      ...(reserves !== null ? { reservesBn: reserves } : {}),
      ...(onrrp !== null ? { onrrpBn: onrrp } : {}),
      ...(tga1w !== null ? { tgaChange1wBn: tga1w } : {}),
      ...(tga4w !== null ? { tgaChange4wBn: tga4w } : {}),
    },
    markers,
  );
  return { asOf, mode: REPORT_MODE, indicators: out, flags, activeFlags: compositeCount(flags), markers };
}
