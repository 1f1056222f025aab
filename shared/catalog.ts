/**
 * The series catalog: every series Reservoir knows, where it comes from, what units the source
 * publishes, how it is converted, on which basis it is measured, and which magnitudes are possible.
 * Units and bases follow domain.md §1.5; guards follow §1.6 item 7.
 */
import type { NativeUnit, UnitConversion } from './model/units.js';
import { conversionFor } from './model/units.js';

export type SourceId = 'fred' | 'nyfed' | 'fiscaldata';
export type Basis = 'daily' | 'wed_level' | 'week_avg' | 'quarterly';
/** FRED's short frequency codes. */
export type Frequency = 'D' | 'W' | 'Q';

/** Where a series is fetched from: a FRED id, a NY Fed feed + field, or the DTS table. */
export type SourceKey =
  | { readonly kind: 'fred'; readonly fredId: string }
  | { readonly kind: 'nyfed-rate'; readonly rateType: NyFedRateType; readonly field: NyFedRateField }
  | { readonly kind: 'nyfed-ops'; readonly feed: 'srf'; readonly slot: 'am' | 'pm' | 'total' }
  | { readonly kind: 'nyfed-ops'; readonly feed: 'onrrp'; readonly slot: 'total' }
  | { readonly kind: 'fiscaldata-dts'; readonly account: 'tga_close' };

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

export interface SeriesDef {
  readonly id: string;
  readonly title: string;
  readonly source: SourceId;
  readonly sourceKey: SourceKey;
  readonly conversion: UnitConversion;
  readonly basis: Basis;
  readonly frequency: Frequency;
  readonly guard: MagnitudeGuard;
  /** Why a unit, basis or guard is what it is (shown in the Data view and `status`). */
  readonly note?: string;
}

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
const G_BANK_ASSETS: MagnitudeGuard = { min: 1_000, max: 100_000 };

function fred(
  id: string,
  title: string,
  native: NativeUnit,
  basis: Basis,
  frequency: Frequency,
  guard: MagnitudeGuard,
  note?: string,
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
  };
  return note === undefined ? def : { ...def, note };
}

const H41 = 'H.4.1';

const FRED_SERIES: readonly SeriesDef[] = [
  fred('WALCL', 'Fed total assets (less eliminations), Wednesday level', 'usd_mn', 'wed_level', 'W', G_WALCL, `${H41} Table 5`),
  fred('TREAST', 'Fed: U.S. Treasury securities held outright, Wednesday level', 'usd_mn', 'wed_level', 'W', G_FED_LINE, H41),
  fred('WSHOBL', 'Fed: Treasury bills held outright, Wednesday level', 'usd_mn', 'wed_level', 'W', G_FED_LINE, `${H41}; tracks reserve-management purchases`),
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
  fred('RRPONTSYAWARD', 'ON RRP award rate', 'percent', 'daily', 'D', G_RATE, 'corridor floor'),
  fred('RPONTTLD', 'Repo operations (SRF), all tranches, daily take-up (AM + PM)', 'usd_bn', 'daily', 'D', G_DAILY_OPS, 'use this for SRF take-up (domain.md §1.6 item 4)'),
  fred('RPONTSYD', 'Repo operations (SRF), Treasury tranche only, daily', 'usd_bn', 'daily', 'D', G_DAILY_OPS, 'misses agency and MBS tranches'),
  fred('DFF', 'Federal funds effective rate (7-day)', 'percent', 'daily', 'D', G_RATE),
  fred('IORB', 'Interest rate on reserve balances', 'percent', 'daily', 'D', G_RATE, 'from 2021-07-29; splice with IOER before'),
  fred('IOER', 'Interest rate on excess reserves', 'percent', 'daily', 'D', G_RATE, 'to 2021-07-28'),
  fred('DFEDTARU', 'Federal funds target range, upper limit', 'percent', 'daily', 'D', G_RATE, '= SRF minimum bid rate'),
  fred('DFEDTARL', 'Federal funds target range, lower limit', 'percent', 'daily', 'D', G_RATE),
  fred('GDP', 'Gross domestic product (nominal, SAAR)', 'usd_bn_saar', 'quarterly', 'Q', G_GDP, 'annualized level: never sum four quarters'),
  fred('TLAACBW027SBOG', 'Total assets, all commercial banks (H.8, SA)', 'usd_bn', 'wed_level', 'W', G_BANK_ASSETS, 'H.8; already billions'),
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
    note: 'Treasury FiscalData DTS operating_cash_balance; from 2022-04-18 the closing balance sits in open_today_bal',
  },
];

export const CATALOG: readonly SeriesDef[] = [...FRED_SERIES, ...NYFED_RATE_SERIES, ...NYFED_OPS_SERIES, ...FISCALDATA_SERIES];

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
