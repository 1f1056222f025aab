/**
 * Which real files in shared/data feed each snapshot series (see shared/data/PROVENANCE.md).
 * Sources are listed in order of preference: the first covers its dates, later ones only add dates
 * the earlier ones lack, and every overlap must agree exactly or the build stops.
 */
import type { NativeUnit } from '../../../shared/model/units.js';

export type SnapshotInput =
  | { readonly kind: 'fredgraph'; readonly file: string }
  | { readonly kind: 'two-column'; readonly file: string }
  | { readonly kind: 'wide'; readonly file: string; readonly column: string }
  | { readonly kind: 'dts-csv'; readonly file: string };

export interface SnapshotSeriesSpec {
  readonly id: string;
  /** The unit the input files are in (may differ from the live source's, e.g. SOFRVOL). */
  readonly fileUnit: NativeUnit;
  readonly inputs: readonly SnapshotInput[];
  readonly note?: string;
}

const RATES = 'derived/heliar-k__market-base/rates.csv';
const LIQ = 'derived/heliar-k__market-base/liquidity.csv';

const wide = (file: string, column: string): SnapshotInput => ({ kind: 'wide', file, column });
const fg = (file: string): SnapshotInput => ({ kind: 'fredgraph', file });

export const SNAPSHOT_SPECS: readonly SnapshotSeriesSpec[] = [
  { id: 'WALCL', fileUnit: 'usd_mn', inputs: [fg('fred/WALCL.csv'), wide(LIQ, 'WALCL')] },
  { id: 'TREAST', fileUnit: 'usd_mn', inputs: [wide(LIQ, 'TREAST')] },
  { id: 'WSHOMCB', fileUnit: 'usd_mn', inputs: [wide(LIQ, 'WSHOMCB')] },
  { id: 'SWPT', fileUnit: 'usd_mn', inputs: [wide(LIQ, 'SWPT')] },
  { id: 'WCURCIR', fileUnit: 'usd_mn', inputs: [{ kind: 'two-column', file: 'derived/WCURCIR.cool1990__Invest_Dashboard_V2.csv' }] },
  { id: 'WDTGAL', fileUnit: 'usd_mn', inputs: [fg('fred/WDTGAL.csv')] },
  { id: 'WTREGEN', fileUnit: 'usd_mn', inputs: [fg('fred/WTREGEN.csv'), wide(LIQ, 'WTREGEN')] },
  { id: 'WRESBAL', fileUnit: 'usd_mn', inputs: [fg('fred/WRESBAL.csv'), wide(LIQ, 'WRESBAL')] },
  { id: 'WRBWFRBL', fileUnit: 'usd_mn', inputs: [wide(LIQ, 'WRBWFRBL')] },
  { id: 'RRPONTSYD', fileUnit: 'usd_bn', inputs: [fg('fred/RRPONTSYD.csv'), wide(LIQ, 'RRPONTSYD')] },
  { id: 'RRPONTSYAWARD', fileUnit: 'percent', inputs: [wide(RATES, 'ONRRP')], note: 'rates.csv column ONRRP = FRED RRPONTSYAWARD' },
  {
    id: 'RPONTTLD',
    fileUnit: 'usd_bn',
    inputs: [{ kind: 'two-column', file: 'derived/heliar-k__market-base/srf.csv' }],
    note: 'daily sum of NY Fed SRF totalAmtAccepted (AM + PM, small-value exercises excluded), cross-checked by its author against FRED RPONTTLD',
  },
  { id: 'DFF', fileUnit: 'percent', inputs: [wide(RATES, 'DFF')] },
  { id: 'IORB', fileUnit: 'percent', inputs: [fg('fred/IORB.csv'), wide(RATES, 'IORB')] },
  { id: 'DFEDTARU', fileUnit: 'percent', inputs: [wide(RATES, 'DFEDTARU')] },
  { id: 'DFEDTARL', fileUnit: 'percent', inputs: [wide(RATES, 'DFEDTARL')] },
  { id: 'GDP', fileUnit: 'usd_bn_saar', inputs: [{ kind: 'two-column', file: 'derived/GDP.opxie1__usd.csv' }] },
  { id: 'SOFR', fileUnit: 'percent', inputs: [fg('fred/SOFR.csv'), wide(RATES, 'SOFR')] },
  { id: 'SOFR1', fileUnit: 'percent', inputs: [wide(RATES, 'SOFR1')] },
  { id: 'SOFR25', fileUnit: 'percent', inputs: [wide(RATES, 'SOFR25')] },
  { id: 'SOFR75', fileUnit: 'percent', inputs: [wide(RATES, 'SOFR75')] },
  { id: 'SOFR99', fileUnit: 'percent', inputs: [wide(RATES, 'SOFR99')] },
  { id: 'SOFRVOL', fileUnit: 'usd_bn', inputs: [wide(RATES, 'SOFRVOL')] },
  { id: 'EFFR', fileUnit: 'percent', inputs: [{ kind: 'two-column', file: 'derived/EFFR.jonsflow__risk-model.csv' }] },
  { id: 'OBFR', fileUnit: 'percent', inputs: [wide(RATES, 'OBFR')] },
  { id: 'TGCR', fileUnit: 'percent', inputs: [wide(RATES, 'TGCR')] },
  { id: 'BGCR', fileUnit: 'percent', inputs: [wide(RATES, 'BGCR')] },
  {
    id: 'TGA_DTS',
    fileUnit: 'usd_mn',
    inputs: [{ kind: 'dts-csv', file: 'fiscaldata/DTS_OpCashBal_20210624_20260623.csv' }, wide('derived/heliar-k__market-base/dts_operating_cash.csv', 'TGA_CLOSE')],
    note: 'closing balances from 2022-04-18 (the export carries no closing balance before the schema change)',
  },
];
