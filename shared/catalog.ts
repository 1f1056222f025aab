/**
 * The series catalog: every series Reservoir knows, where it comes from, what units the source
 * publishes, how it is converted, on which basis it is measured, and which magnitudes are possible.
 * Units and bases follow domain.md §1.5; guards follow §1.6 item 7.
 */
import type { NativeUnit, UnitConversion } from './model/units.js';
import { conversionFor } from './model/units.js';

/** `ofr` and `yahoo` series come only from the bundled snapshot or an import (no live client yet). */
export type SourceId = 'fred' | 'nyfed' | 'fiscaldata' | 'ofr' | 'yahoo';
/**
 * `weekly`: a weekly series that is not an H.4.1 Wednesday level or week average (H.6 M2 weeks end
 * on Monday; net bill issuance is a week's total). `monthly`: a month's average or total, dated on
 * the month's first day as FRED does. `month_end`: a stock at the end of the month (MSPD).
 */
export type Basis = 'daily' | 'wed_level' | 'week_avg' | 'weekly' | 'monthly' | 'month_end' | 'quarterly';
/** FRED's short frequency codes. */
export type Frequency = 'D' | 'W' | 'M' | 'Q';

/** Where a series is fetched from: a FRED id, a NY Fed feed + field, or the DTS table. */
export type SourceKey =
  | { readonly kind: 'fred'; readonly fredId: string }
  | { readonly kind: 'nyfed-rate'; readonly rateType: NyFedRateType; readonly field: NyFedRateField }
  | { readonly kind: 'nyfed-ops'; readonly feed: 'srf'; readonly slot: 'am' | 'pm' | 'total' }
  | { readonly kind: 'nyfed-ops'; readonly feed: 'onrrp'; readonly slot: 'total' }
  | { readonly kind: 'fiscaldata-dts'; readonly account: 'tga_close' }
  /** No live client yet: the history comes from the bundled snapshot (and `import`); sync skips it. */
  | { readonly kind: 'bundled'; readonly dataset: string };

export type NyFedRateType = 'sofr' | 'tgcr' | 'bgcr' | 'effr' | 'obfr';
export type NyFedRateField =
  | 'percentRate'
  | 'percentPercentile1'
  | 'percentPercentile25'
  | 'percentPercentile75'
  | 'percentPercentile99'
  | 'volumeInBillions';

export interface MagnitudeGuard {
  /** Inclusive bounds in canonical units. */
  readonly min: number;
  readonly max: number;
  /**
   * The lower bound applies from this date on; earlier values need only be ≥ 0. Reserve balances
   * were single-digit billions before the 2008 expansion (WRESBAL 2.795bn on 2006-03-08), so the
   * §1.6 floor of 5bn would reject real history.
   */
  readonly minFrom?: string;
}

/**
 * Which dates a series can have at all (refused on every write path, issue 10 §1): nothing before
 * the series existed, nothing after it was discontinued, and nothing after today — except that
 * administered rates are announced and published up to a week ahead on FRED's 7-day series.
 */
export interface DateBounds {
  /** First date the series can have (IORB began 2021-07-29; SOFR 2018-04-02). */
  readonly from: string;
  /** Last date, for a discontinued series (IOER ended 2021-07-28). */
  readonly to?: string;
  /** Days after today an observation may carry (7 for administered rates, else 0). */
  readonly aheadDays: number;
}

export interface SeriesDef {
  readonly id: string;
  readonly title: string;
  readonly source: SourceId;
  readonly sourceKey: SourceKey;
  readonly conversion: UnitConversion;
  readonly basis: Basis;
  readonly frequency: Frequency;
  readonly guard: MagnitudeGuard;
  readonly dates: DateBounds;
  /** Why a unit, basis or guard is what it is (shown in the Data view and `status`). */
  readonly note?: string;
  /** Where the bundled history comes from when it is not the live source (e.g. a proxy), said in the UI. */
  readonly provenance?: string;
  /**
   * FRED's "Daily, 7-Day" series (IORB, IOER, the target range, DFF) carry a value for every calendar
   * day, weekends included. In a formula with a business-day series they do not add dates: otherwise
   * `bp(SOFR, IORB)` would gain Saturday rows carrying Friday's SOFR.
   */
  readonly everyDay?: boolean;
}

/** The earliest date any catalog series can carry unless it says otherwise (FRED's DFF starts 1954). */
const DEFAULT_FROM = '1900-01-01';
const ANY_DATE: DateBounds = { from: DEFAULT_FROM, aheadDays: 0 };
const since = (from: string, aheadDays = 0): DateBounds => ({ from, aheadDays });
const sevenDay = (d: SeriesDef): SeriesDef => ({ ...d, everyDay: true });

// Guards from domain.md §1.6 item 7; the rest are set wide enough for the full published history
// (e.g. DFF printed 22% in 1981) but narrow enough to catch a millions/billions slip.
const G_RATE: MagnitudeGuard = { min: -1, max: 25 };
const G_WALCL: MagnitudeGuard = { min: 500, max: 15_000 };
const G_RESERVES: MagnitudeGuard = { min: 5, max: 6_000, minFrom: '2009-01-01' };
const G_RRP_DAILY: MagnitudeGuard = { min: 0, max: 3_000 };
const G_TGA: MagnitudeGuard = { min: 0, max: 2_500 };
// Nominal GDP first passed $5tn (SAAR) in 1988; earlier quarters are checked only for sign.
const G_GDP: MagnitudeGuard = { min: 5_000, max: 100_000, minFrom: '1989-01-01' };
const G_FED_LINE: MagnitudeGuard = { min: 0, max: 15_000 };
const G_CURRENCY: MagnitudeGuard = { min: 100, max: 10_000 };
const G_DAILY_OPS: MagnitudeGuard = { min: 0, max: 3_000 };
const G_VOLUME: MagnitudeGuard = { min: 0, max: 20_000 };
const G_BANK_ASSETS: MagnitudeGuard = { min: 1_000, max: 100_000, minFrom: '1985-01-01' };
// Market context and Treasury debt: wide enough for the whole published history, narrow enough that
// a thousand-fold slip (millions read as billions, cents as dollars) lands outside.
const G_DOLLAR_INDEX: MagnitudeGuard = { min: 50, max: 250 };
const G_EQUITY_INDEX: MagnitudeGuard = { min: 50, max: 50_000 };
const G_M2: MagnitudeGuard = { min: 1_000, max: 60_000 };
const G_BTC: MagnitudeGuard = { min: 1, max: 10_000_000 };
const G_GLD: MagnitudeGuard = { min: 10, max: 10_000 };
const G_REPO_VOLUME: MagnitudeGuard = { min: 0, max: 10_000 };
const G_BILLS: MagnitudeGuard = { min: 100, max: 30_000 };
const G_NET_BILLS_WEEK: MagnitudeGuard = { min: -1_500, max: 1_500 };
const G_NET_BILLS_MONTH: MagnitudeGuard = { min: -3_000, max: 3_000 };

function fred(
  id: string,
  title: string,
  native: NativeUnit,
  basis: Basis,
  frequency: Frequency,
  guard: MagnitudeGuard,
  note?: string,
  dates: DateBounds = ANY_DATE,
): SeriesDef {
  const def: SeriesDef = {
    id,
    title,
    source: 'fred',
    sourceKey: { kind: 'fred', fredId: id },
    conversion: conversionFor(native),
    basis,
    frequency,
    guard,
    dates,
  };
  return note === undefined ? def : { ...def, note };
}

const H41 = 'H.4.1';

const FRED_SERIES: readonly SeriesDef[] = [
  fred('WALCL', 'Fed total assets (less eliminations), Wednesday level', 'usd_mn', 'wed_level', 'W', G_WALCL, `${H41} Table 5`),
  fred('TREAST', 'Fed: U.S. Treasury securities held outright, Wednesday level', 'usd_mn', 'wed_level', 'W', G_FED_LINE, H41),
  fred('WSHOBL', 'Fed: Treasury bills held outright, Wednesday level', 'usd_mn', 'wed_level', 'W', G_FED_LINE, `${H41}; tracks reserve-management purchases; offline history 2021-04-28 … 2023-03-22 only (Fed DDP file)`),
  fred('WSHONBNL', 'Fed: Treasury notes and bonds, nominal, held outright, Wednesday level', 'usd_mn', 'wed_level', 'W', G_FED_LINE, `${H41}; offline history 2021-04-28 … 2023-03-22 only (Fed DDP file)`),
  fred('WSHONBIIL', 'Fed: Treasury notes and bonds, inflation-indexed, held outright, Wednesday level', 'usd_mn', 'wed_level', 'W', G_FED_LINE, `${H41}; offline history 2021-04-28 … 2023-03-22 only (Fed DDP file)`),
  fred('WSHOMCB', 'Fed: mortgage-backed securities held outright, Wednesday level', 'usd_mn', 'wed_level', 'W', G_FED_LINE, H41),
  fred('WSHOFADSL', 'Fed: federal agency debt securities held outright, Wednesday level', 'usd_mn', 'wed_level', 'W', G_FED_LINE, H41),
  fred('WORAL', 'Fed: repurchase agreements (FIMA + SRF), Wednesday level', 'usd_mn', 'wed_level', 'W', G_FED_LINE, `${H41}; SRF stock on Wednesday`),
  fred('SWPT', 'Fed: central bank liquidity swaps, Wednesday level', 'usd_mn', 'wed_level', 'W', G_FED_LINE, H41),
  fred('WCURCIR', 'Currency in circulation, week average', 'usd_mn', 'week_avg', 'W', G_CURRENCY, `${H41} Table 1; FRED frequency "Weekly, Ending Wednesday"`),
  fred('WDTGAL', 'Treasury General Account (TGA), Wednesday level', 'usd_mn', 'wed_level', 'W', G_TGA, H41),
  fred('WTREGEN', 'Treasury General Account (TGA), week average', 'usd_mn', 'week_avg', 'W', G_TGA, `${H41}; some public code wrongly labels it billions`),
  fred('WLRRAOL', 'Reverse repos: others (≈ ON RRP facility), Wednesday level', 'usd_mn', 'wed_level', 'W', G_RRP_DAILY, H41),
  fred('WLRRAFOIAL', 'Reverse repos: foreign official and international accounts, Wednesday level', 'usd_mn', 'wed_level', 'W', G_RRP_DAILY, H41),
  fred('WLRRAL', 'Reverse repos: total (incl. foreign official pool), Wednesday level', 'usd_mn', 'wed_level', 'W', G_RRP_DAILY, H41),
  fred('WRESBAL', 'Reserve balances with Federal Reserve Banks, week average', 'usd_mn', 'week_avg', 'W', G_RESERVES, `${H41}; older FRED downloads were in billions`),
  fred('WRBWFRBL', 'Reserve balances with Federal Reserve Banks, Wednesday level', 'usd_mn', 'wed_level', 'W', G_RESERVES, `${H41}; projection anchor`),
  fred('RRPONTSYD', 'ON RRP: Treasury securities sold (daily take-up)', 'usd_bn', 'daily', 'D', G_RRP_DAILY, 'NY Fed operation results via FRED; already billions'),
  fred('RRPONTTLD', 'ON RRP: total securities sold (daily take-up)', 'usd_bn', 'daily', 'D', G_RRP_DAILY, 'NY Fed operation results via FRED; already billions'),
  fred('RRPONTSYAWARD', 'ON RRP award rate', 'percent', 'daily', 'D', G_RATE, 'corridor floor', since('2013-09-23', 7)),
  fred('RPONTTLD', 'Repo operations (SRF), all tranches, daily take-up (AM + PM)', 'usd_bn', 'daily', 'D', G_DAILY_OPS, 'use this for SRF take-up'),
  fred(
    'RPONTSYD',
    'Fed repo operations, Treasury collateral, daily (temporary operations in 2019; SRF Treasury tranche since 2021-07)',
    'usd_bn',
    'daily',
    'D',
    G_DAILY_OPS,
    'days with an operation only; misses agency and MBS tranches; the September 2019 operations are here',
  ),
  sevenDay(fred('DFF', 'Federal funds effective rate (7-day)', 'percent', 'daily', 'D', G_RATE)),
  sevenDay(fred('IORB', 'Interest rate on reserve balances', 'percent', 'daily', 'D', G_RATE, 'from 2021-07-29; IOER before (the corridor view splices them)', since('2021-07-29', 7))),
  sevenDay(fred('IOER', 'Interest rate on excess reserves', 'percent', 'daily', 'D', G_RATE, '2008-10-09 … 2021-07-28, then replaced by IORB', { from: '2008-10-09', to: '2021-07-28', aheadDays: 7 })),
  sevenDay(fred('DFEDTARU', 'Federal funds target range, upper limit', 'percent', 'daily', 'D', G_RATE, '= SRF minimum bid rate', since('2008-12-16', 7))),
  sevenDay(fred('DFEDTARL', 'Federal funds target range, lower limit', 'percent', 'daily', 'D', G_RATE, undefined, since('2008-12-16', 7))),
  fred('GDP', 'Gross domestic product (nominal, SAAR)', 'usd_bn_saar', 'quarterly', 'Q', G_GDP, 'annualized level: never sum four quarters', since('1947-01-01')),
  fred('TLAACBW027SBOG', 'Total assets, all commercial banks (H.8, SA)', 'usd_bn', 'wed_level', 'W', G_BANK_ASSETS, 'H.8; already billions'),
  fred('TLAACBW027NBOG', 'Total assets, all commercial banks (H.8, not seasonally adjusted)', 'usd_bn', 'wed_level', 'W', G_BANK_ASSETS, 'H.8 B1151NCBD; offline history from the Fed DDP file (a 2023 vintage, to 2023-04-26)'),
  fred('DGS10', '10-year Treasury constant maturity yield', 'percent', 'daily', 'D', G_RATE, 'H.15; market context'),
  fred('DGS2', '2-year Treasury constant maturity yield', 'percent', 'daily', 'D', G_RATE, 'H.15; market context'),
  fred('DGS3MO', '3-month Treasury constant maturity yield', 'percent', 'daily', 'D', G_RATE, 'H.15; the bill yield RMPs compete with'),
  fred('DTWEXBGS', 'Nominal broad U.S. dollar index (Jan 2006 = 100)', 'index', 'daily', 'D', G_DOLLAR_INDEX, 'H.10; the trade-weighted dollar, not ICE DXY', since('2006-01-02')),
  fred('SP500', 'S&P 500 index', 'index', 'daily', 'D', G_EQUITY_INDEX, 'FRED carries a 10-year window only'),
  fred('WM2NS', 'M2 money stock, weekly, not seasonally adjusted', 'usd_bn', 'weekly', 'W', G_M2, 'H.6; weeks dated on Monday; already billions', since('1980-11-03')),
  fred('M2SL', 'M2 money stock, monthly, seasonally adjusted', 'usd_bn', 'monthly', 'M', G_M2, 'H.6; already billions', since('1959-01-01')),
];

const RATE_TITLES: Record<NyFedRateType, string> = {
  sofr: 'Secured Overnight Financing Rate',
  tgcr: 'Tri-Party General Collateral Rate',
  bgcr: 'Broad General Collateral Rate',
  effr: 'Effective federal funds rate',
  obfr: 'Overnight bank funding rate',
};

const RATE_FIELDS: readonly { suffix: string; field: NyFedRateField; label: string }[] = [
  { suffix: '', field: 'percentRate', label: '' },
  { suffix: '1', field: 'percentPercentile1', label: ': 1st percentile' },
  { suffix: '25', field: 'percentPercentile25', label: ': 25th percentile' },
  { suffix: '75', field: 'percentPercentile75', label: ': 75th percentile' },
  { suffix: '99', field: 'percentPercentile99', label: ': 99th percentile' },
  { suffix: 'VOL', field: 'volumeInBillions', label: ': volume' },
];

/** First publication dates: SOFR, TGCR and BGCR began with 2018-04-02; OBFR with 2016-03-01. */
const RATE_SINCE: Record<NyFedRateType, DateBounds> = {
  sofr: since('2018-04-02'),
  tgcr: since('2018-04-02'),
  bgcr: since('2018-04-02'),
  effr: since('1954-07-01'),
  obfr: since('2016-03-01'),
};

/** NY Fed reference rates: the publisher itself, keyless, with percentiles and volumes. Ids follow FRED's. */
const NYFED_RATE_SERIES: readonly SeriesDef[] = (['sofr', 'tgcr', 'bgcr', 'effr', 'obfr'] as const).flatMap((rateType) =>
  RATE_FIELDS.map(({ suffix, field, label }): SeriesDef => {
    const isVolume = field === 'volumeInBillions';
    return {
      id: `${rateType.toUpperCase()}${suffix}`,
      title: `${RATE_TITLES[rateType]}${label}`,
      source: 'nyfed',
      sourceKey: { kind: 'nyfed-rate', rateType, field },
      conversion: conversionFor(isVolume ? 'usd_bn' : 'percent'),
      basis: 'daily',
      frequency: 'D',
      guard: isVolume ? G_VOLUME : G_RATE,
      dates: RATE_SINCE[rateType],
      note: 'NY Fed Markets API reference rates',
    };
  }),
);

const NYFED_OPS_SERIES: readonly SeriesDef[] = [
  {
    id: 'SRF_AM',
    title: 'Standing Repo Facility take-up, morning operation',
    source: 'nyfed',
    sourceKey: { kind: 'nyfed-ops', feed: 'srf', slot: 'am' },
    conversion: conversionFor('usd'),
    basis: 'daily',
    frequency: 'D',
    guard: G_DAILY_OPS,
    dates: since('2021-07-28'),
    note: 'NY Fed repo operation results, totalAmtAccepted; small-value exercises excluded; two operations a day since 2025-06-26',
  },
  {
    id: 'SRF_PM',
    title: 'Standing Repo Facility take-up, afternoon operation',
    source: 'nyfed',
    sourceKey: { kind: 'nyfed-ops', feed: 'srf', slot: 'pm' },
    conversion: conversionFor('usd'),
    basis: 'daily',
    frequency: 'D',
    guard: G_DAILY_OPS,
    dates: since('2021-07-28'),
    note: 'NY Fed repo operation results, totalAmtAccepted; small-value exercises excluded',
  },
  {
    id: 'SRF_TOTAL',
    title: 'Standing Repo Facility take-up, daily total (AM + PM, all tranches)',
    source: 'nyfed',
    sourceKey: { kind: 'nyfed-ops', feed: 'srf', slot: 'total' },
    conversion: conversionFor('usd'),
    basis: 'daily',
    frequency: 'D',
    guard: G_DAILY_OPS,
    dates: since('2021-07-28'),
    note: 'NY Fed repo operation results; should equal FRED RPONTTLD',
  },
  {
    id: 'ONRRP_NYF',
    title: 'ON RRP take-up (NY Fed operation results)',
    source: 'nyfed',
    sourceKey: { kind: 'nyfed-ops', feed: 'onrrp', slot: 'total' },
    conversion: conversionFor('usd'),
    basis: 'daily',
    frequency: 'D',
    guard: G_RRP_DAILY,
    dates: ANY_DATE,
    note: 'NY Fed reverse repo operation results, totalAmtAccepted; published before FRED RRPONTSYD',
  },
];

const FISCALDATA_SERIES: readonly SeriesDef[] = [
  {
    id: 'TGA_DTS',
    title: 'Treasury General Account, daily closing balance (DTS)',
    source: 'fiscaldata',
    sourceKey: { kind: 'fiscaldata-dts', account: 'tga_close' },
    conversion: conversionFor('usd_mn'),
    basis: 'daily',
    frequency: 'D',
    guard: G_TGA,
    dates: ANY_DATE,
    note: 'Treasury FiscalData DTS operating_cash_balance; from 2022-04-18 the closing balance sits in open_today_bal',
  },
];

function bundled(
  id: string,
  title: string,
  source: SourceId,
  native: NativeUnit,
  basis: Basis,
  frequency: Frequency,
  guard: MagnitudeGuard,
  dates: DateBounds,
  note: string,
  provenance: string,
): SeriesDef {
  return { id, title, source, sourceKey: { kind: 'bundled', dataset: id }, conversion: conversionFor(native), basis, frequency, guard, dates, note, provenance };
}

const OFR_NOTE = 'OFR Short-term Funding Monitor; no live client yet: bundled history (to 2025-01) and import';
const OFR_PROV = 'OFR STFM via jmbejara/blank_project (bundled snapshot)';
/** OFR repo segments: tri-party, DVP (cleared bilateral) and GCF, overnight/open and total volumes, average rates. */
const OFR_SERIES: readonly SeriesDef[] = [
  bundled('REPO_TRI_TV_OO_P', 'Repo volume: tri-party, overnight/open', 'ofr', 'usd', 'daily', 'D', G_REPO_VOLUME, since('2014-08-22'), OFR_NOTE, OFR_PROV),
  bundled('REPO_TRI_TV_TOT_P', 'Repo volume: tri-party, all tenors', 'ofr', 'usd', 'daily', 'D', G_REPO_VOLUME, since('2014-08-22'), OFR_NOTE, OFR_PROV),
  bundled('REPO_DVP_TV_OO_P', 'Repo volume: DVP (cleared bilateral), overnight/open', 'ofr', 'usd', 'daily', 'D', G_REPO_VOLUME, since('2018-05-01'), OFR_NOTE, OFR_PROV),
  bundled('REPO_DVP_TV_TOT_P', 'Repo volume: DVP (cleared bilateral), all tenors', 'ofr', 'usd', 'daily', 'D', G_REPO_VOLUME, since('2018-05-01'), OFR_NOTE, OFR_PROV),
  bundled('REPO_GCF_TV_OO_P', 'Repo volume: GCF, overnight/open', 'ofr', 'usd', 'daily', 'D', G_REPO_VOLUME, since('2018-05-01'), OFR_NOTE, OFR_PROV),
  bundled('REPO_GCF_TV_TOT_P', 'Repo volume: GCF, all tenors', 'ofr', 'usd', 'daily', 'D', G_REPO_VOLUME, since('2018-05-01'), OFR_NOTE, OFR_PROV),
  bundled('REPO_DVP_AR_OO_P', 'Repo rate: DVP, overnight/open, volume-weighted average', 'ofr', 'percent', 'daily', 'D', G_RATE, since('2018-05-01'), OFR_NOTE, OFR_PROV),
  bundled('REPO_GCF_AR_OO_P', 'Repo rate: GCF, overnight/open, volume-weighted average', 'ofr', 'percent', 'daily', 'D', G_RATE, since('2018-05-01'), OFR_NOTE, OFR_PROV),
  bundled('REPO_TRI_AR_OO_P', 'Repo rate: tri-party, overnight, average', 'ofr', 'percent', 'daily', 'D', G_RATE, since('2014-08-22'), OFR_NOTE, OFR_PROV),
];

const TSY_PROV = 'Treasury FiscalData via heliar-k/market-base (bundled snapshot)';
/** Treasury debt: bills outstanding (MSPD) and net bill issuance from auction results. */
const TREASURY_SERIES: readonly SeriesDef[] = [
  bundled('MSPD_BILLS', 'Treasury bills outstanding, end of month (MSPD)', 'fiscaldata', 'usd_mn', 'month_end', 'M', G_BILLS, since('2001-01-31'), 'Monthly Statement of the Public Debt, marketable bills; no live client yet', TSY_PROV),
  bundled('MSPD_MARKETABLE', 'Marketable Treasury debt outstanding, end of month (MSPD)', 'fiscaldata', 'usd_mn', 'month_end', 'M', { min: 1_000, max: 100_000 }, since('2001-01-31'), 'Monthly Statement of the Public Debt; no live client yet', TSY_PROV),
  bundled(
    'BILLS_NET_ISSUE_W',
    'Net Treasury bill issuance, week ending Wednesday (auctions: issued − maturing)',
    'fiscaldata',
    'usd',
    'weekly',
    'W',
    G_NET_BILLS_WEEK,
    since('1980-12-31'),
    'computed from auction results: amounts accepted settling in the Thu–Wed week minus amounts accepted maturing in it',
    TSY_PROV,
  ),
  bundled(
    'BILLS_NET_ISSUE_M',
    'Net Treasury bill issuance, calendar month (auctions: issued − maturing)',
    'fiscaldata',
    'usd',
    'monthly',
    'M',
    G_NET_BILLS_MONTH,
    since('1981-01-01'),
    'computed from auction results by issue and maturity date, dated on the month’s first day; equals the MSPD change in bills outstanding to about $0.2bn',
    TSY_PROV,
  ),
];

/** Market proxies: not FRED CBBTCUSD and not an LBMA gold price, and labelled so everywhere. */
const PROXY_SERIES: readonly SeriesDef[] = [
  bundled('BTC_USD_PROXY', 'Bitcoin, USD close (Yahoo BTC-USD; a proxy, not FRED CBBTCUSD)', 'yahoo', 'usd_price', 'daily', 'D', G_BTC, since('2014-09-17'), 'Yahoo Finance daily close, 7 days a week', 'Yahoo BTC-USD via jonsflow/risk-model (bundled snapshot)'),
  bundled('GLD_PROXY', 'Gold proxy: SPDR Gold Shares (GLD) close, USD (not an LBMA gold price)', 'yahoo', 'usd_price', 'daily', 'D', G_GLD, since('2004-11-18'), 'an ETF share price (about 1/10 oz of gold less fees)', 'Yahoo GLD via jonsflow/risk-model (bundled snapshot)'),
];

const RMP_NOTE = 'NY Fed outright Treasury operations with is_rmp (reserve-management bill purchases from 2025-12-12); no live client yet: bundled history and import';
const RMP_PROV = 'NY Fed operation results via heliar-k/market-base tsy_operations.csv (bundled snapshot, already $bn)';
/** Reserve-management bill purchases, one row per operation day (shared/compute/rmp-tracker.ts). */
const RMP_SERIES: readonly SeriesDef[] = [
  bundled('RMP_BILLS_ACCEPTED', 'Fed reserve-management bill purchases: amount accepted, by trade date', 'nyfed', 'usd_bn', 'daily', 'D', G_DAILY_OPS, since('2025-12-12'), RMP_NOTE, RMP_PROV),
  bundled('RMP_BILLS_SUBMITTED', 'Fed reserve-management bill purchases: amount submitted (offered), by trade date', 'nyfed', 'usd_bn', 'daily', 'D', G_DAILY_OPS, since('2025-12-12'), RMP_NOTE, RMP_PROV),
  bundled('RMP_BILLS_SETTLED', 'Fed reserve-management bill purchases: amount accepted, by settlement date', 'nyfed', 'usd_bn', 'daily', 'D', G_DAILY_OPS, since('2025-12-12'), RMP_NOTE, RMP_PROV),
];

export const CATALOG: readonly SeriesDef[] = [...FRED_SERIES, ...NYFED_RATE_SERIES, ...NYFED_OPS_SERIES, ...FISCALDATA_SERIES, ...OFR_SERIES, ...TREASURY_SERIES, ...PROXY_SERIES, ...RMP_SERIES];

const BY_ID: ReadonlyMap<string, SeriesDef> = new Map(CATALOG.map((s) => [s.id, s]));

export function findSeries(id: string): SeriesDef | undefined {
  return BY_ID.get(id.toUpperCase());
}

/** Explains a guard failure in words an analyst can act on. */
export function guardViolation(def: SeriesDef, date: string, value: number): string | null {
  if (!Number.isFinite(value)) return `${def.id} ${date}: value is not a finite number`;
  const min = def.guard.minFrom !== undefined && date < def.guard.minFrom ? Math.min(0, def.guard.min) : def.guard.min;
  if (value < min || value > def.guard.max) {
    return (
      `${def.id} ${date}: ${value} ${def.conversion.canonical} is outside the possible range ` +
      `[${min}, ${def.guard.max}] after converting ${def.conversion.label}; ` +
      `the source's units may have changed (e.g. billions published where millions were expected)`
    );
  }
  return null;
}
