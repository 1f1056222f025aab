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
  | { readonly kind: 'dts-csv'; readonly file: string }
  /** Long format `series_id,observation_date,value`: the rows of one series. */
  | { readonly kind: 'long'; readonly file: string; readonly seriesId: string }
  /** The Fed's Data Download Program CSV: the column mapped to this FRED id (shared/parse/ddp-map.ts). */
  | { readonly kind: 'ddp'; readonly file: string; readonly fredId: string }
  /** Net bill issuance computed from an auction-results file (shared/compute/net-bill-issuance.ts). */
  | { readonly kind: 'net-bills'; readonly file: string; readonly period: 'week' | 'month' }
  /** Reserve-management bill purchases (is_rmp) from the NY Fed operations file, summed by day (shared/compute/rmp-tracker.ts). */
  | { readonly kind: 'rmp-ops'; readonly file: string; readonly field: 'accepted' | 'submitted'; readonly by: 'trade' | 'settlement' };

export interface SnapshotSeriesSpec {
  readonly id: string;
  /** The unit the input files are in (may differ from the live source's, e.g. SOFRVOL). */
  readonly fileUnit: NativeUnit;
  readonly inputs: readonly SnapshotInput[];
  readonly note?: string;
}

const RATES = 'derived/heliar-k__market-base/rates.csv';
const LIQ = 'derived/heliar-k__market-base/liquidity.csv';

const H41_DDP = 'ddp/FRB_H41.FilippoCaramatti__H8_report.csv';
const H8_DDP = 'ddp/FRB_H8_all.FilippoCaramatti__H8_report.csv';
const EXCERPT = 'transcribed/fred_cache_2026-10.jonsflow__risk-model.csv';
const BLANK = 'derived/jmbejara__blank_project';
const MACRO = 'derived/sivamsapingali__Codex_Macro-Monitor';
const AUCTIONS = 'derived/heliar-k__market-base/auction_results.csv';
const TSY_OPS = 'derived/heliar-k__market-base/tsy_operations.csv';

const wide = (file: string, column: string): SnapshotInput => ({ kind: 'wide', file, column });
const fg = (file: string): SnapshotInput => ({ kind: 'fredgraph', file });
const two = (file: string): SnapshotInput => ({ kind: 'two-column', file });
const long = (seriesId: string): SnapshotInput => ({ kind: 'long', file: EXCERPT, seriesId });
const ddp = (file: string, fredId: string): SnapshotInput => ({ kind: 'ddp', file, fredId });

export const SNAPSHOT_SPECS: readonly SnapshotSeriesSpec[] = [
  { id: 'WALCL', fileUnit: 'usd_mn', inputs: [fg('fred/WALCL.csv'), wide(LIQ, 'WALCL'), long('WALCL')] },
  { id: 'TREAST', fileUnit: 'usd_mn', inputs: [wide(LIQ, 'TREAST'), ddp(H41_DDP, 'TREAST'), long('TREAST')] },
  { id: 'WSHOMCB', fileUnit: 'usd_mn', inputs: [wide(LIQ, 'WSHOMCB'), ddp(H41_DDP, 'WSHOMCB'), long('WSHOMCB')] },
  { id: 'WSHOBL', fileUnit: 'usd_mn', inputs: [ddp(H41_DDP, 'WSHOBL')], note: 'bills held outright: the only real copy offline is the Fed DDP file, 2021-04-28 … 2023-03-22' },
  { id: 'WSHONBNL', fileUnit: 'usd_mn', inputs: [ddp(H41_DDP, 'WSHONBNL')], note: 'Fed DDP file, 2021-04-28 … 2023-03-22 only' },
  { id: 'WSHONBIIL', fileUnit: 'usd_mn', inputs: [ddp(H41_DDP, 'WSHONBIIL')], note: 'Fed DDP file, 2021-04-28 … 2023-03-22 only' },
  { id: 'WSHOFADSL', fileUnit: 'usd_mn', inputs: [ddp(H41_DDP, 'WSHOFADSL')], note: 'Fed DDP file, 2021-04-28 … 2023-03-22 only' },
  { id: 'WORAL', fileUnit: 'usd_mn', inputs: [ddp(H41_DDP, 'WORAL')], note: 'Fed DDP file, 2021-04-28 … 2023-03-22 only' },
  { id: 'WLRRAFOIAL', fileUnit: 'usd_mn', inputs: [ddp(H41_DDP, 'WLRRAFOIAL')], note: 'Fed DDP file, 2021-04-28 … 2023-03-22 only' },
  { id: 'WLRRAOL', fileUnit: 'usd_mn', inputs: [ddp(H41_DDP, 'WLRRAOL')], note: 'Fed DDP file, 2021-04-28 … 2023-03-22 only' },
  { id: 'WLRRAL', fileUnit: 'usd_mn', inputs: [ddp(H41_DDP, 'WLRRAL')], note: 'Fed DDP file, 2021-04-28 … 2023-03-22 only' },
  { id: 'SWPT', fileUnit: 'usd_mn', inputs: [wide(LIQ, 'SWPT')] },
  { id: 'WCURCIR', fileUnit: 'usd_mn', inputs: [{ kind: 'two-column', file: 'derived/WCURCIR.cool1990__Invest_Dashboard_V2.csv' }] },
  { id: 'WDTGAL', fileUnit: 'usd_mn', inputs: [fg('fred/WDTGAL.csv'), ddp(H41_DDP, 'WDTGAL')] },
  { id: 'WTREGEN', fileUnit: 'usd_mn', inputs: [fg('fred/WTREGEN.csv'), wide(LIQ, 'WTREGEN')] },
  { id: 'WRESBAL', fileUnit: 'usd_mn', inputs: [fg('fred/WRESBAL.csv'), wide(LIQ, 'WRESBAL'), ddp(H41_DDP, 'WRESBAL'), long('WRESBAL')] },
  { id: 'WRBWFRBL', fileUnit: 'usd_mn', inputs: [wide(LIQ, 'WRBWFRBL'), ddp(H41_DDP, 'WRBWFRBL')] },
  { id: 'RRPONTSYD', fileUnit: 'usd_bn', inputs: [fg('fred/RRPONTSYD.csv'), wide(LIQ, 'RRPONTSYD'), long('RRPONTSYD')] },
  { id: 'RRPONTSYAWARD', fileUnit: 'percent', inputs: [wide(RATES, 'ONRRP')], note: 'rates.csv column ONRRP = FRED RRPONTSYAWARD' },
  {
    id: 'RPONTTLD',
    fileUnit: 'usd_bn',
    inputs: [{ kind: 'two-column', file: 'derived/heliar-k__market-base/srf.csv' }],
    note: 'daily sum of NY Fed SRF totalAmtAccepted (AM + PM, small-value exercises excluded), cross-checked by its author against FRED RPONTTLD',
  },
  { id: 'DFF', fileUnit: 'percent', inputs: [wide(RATES, 'DFF')] },
  { id: 'IORB', fileUnit: 'percent', inputs: [fg('fred/IORB.csv'), wide(RATES, 'IORB'), long('IORB')] },
  {
    id: 'IOER',
    fileUnit: 'percent',
    inputs: [two(`${BLANK}/ioer.csv`)],
    note: 'Interest_on_Reserves column of jmbejara/blank_project up to 2021-07-28 (IORB after): FRED IOER, every day',
  },
  {
    id: 'RPONTSYD',
    fileUnit: 'usd_bn',
    inputs: [two(`${BLANK}/fed_repo_operations.csv`)],
    note: 'FRED RPONTSYD from jmbejara/blank_project: days with an operation, 2000-01-03 … 2025-01-23 (the September 2019 operations included)',
  },
  { id: 'DFEDTARU', fileUnit: 'percent', inputs: [wide(RATES, 'DFEDTARU')] },
  { id: 'DFEDTARL', fileUnit: 'percent', inputs: [wide(RATES, 'DFEDTARL')] },
  { id: 'GDP', fileUnit: 'usd_bn_saar', inputs: [{ kind: 'two-column', file: 'derived/GDP.opxie1__usd.csv' }] },
  { id: 'SOFR', fileUnit: 'percent', inputs: [fg('fred/SOFR.csv'), wide(RATES, 'SOFR'), long('SOFR')] },
  { id: 'SOFR1', fileUnit: 'percent', inputs: [wide(RATES, 'SOFR1')] },
  { id: 'SOFR25', fileUnit: 'percent', inputs: [wide(RATES, 'SOFR25')] },
  { id: 'SOFR75', fileUnit: 'percent', inputs: [wide(RATES, 'SOFR75')] },
  { id: 'SOFR99', fileUnit: 'percent', inputs: [wide(RATES, 'SOFR99')] },
  { id: 'SOFRVOL', fileUnit: 'usd_bn', inputs: [wide(RATES, 'SOFRVOL')] },
  { id: 'EFFR', fileUnit: 'percent', inputs: [{ kind: 'two-column', file: 'derived/EFFR.jonsflow__risk-model.csv' }, long('EFFR')] },
  { id: 'OBFR', fileUnit: 'percent', inputs: [wide(RATES, 'OBFR')] },
  { id: 'TGCR', fileUnit: 'percent', inputs: [wide(RATES, 'TGCR')] },
  { id: 'BGCR', fileUnit: 'percent', inputs: [wide(RATES, 'BGCR')] },
  {
    id: 'TGA_DTS',
    fileUnit: 'usd_mn',
    inputs: [{ kind: 'dts-csv', file: 'fiscaldata/DTS_OpCashBal_20210624_20260623.csv' }, wide('derived/heliar-k__market-base/dts_operating_cash.csv', 'TGA_CLOSE')],
    note: 'closing balances from 2022-04-18 (the export carries no closing balance before the schema change)',
  },
  { id: 'TLAACBW027NBOG', fileUnit: 'usd_mn', inputs: [ddp(H8_DDP, 'TLAACBW027NBOG')], note: 'H.8 B1151NCBD from the Fed DDP file (2023 vintage), 1973-01-03 … 2023-04-26' },
  { id: 'DGS10', fileUnit: 'percent', inputs: [wide(RATES, 'DGS10')] },
  { id: 'DGS2', fileUnit: 'percent', inputs: [wide(RATES, 'DGS2')] },
  { id: 'DGS3MO', fileUnit: 'percent', inputs: [wide(RATES, 'DGS3MO')] },
  { id: 'DTWEXBGS', fileUnit: 'index', inputs: [wide('derived/heliar-k__market-base/fx.csv', 'DXY')], note: 'fx.csv column "DXY" holds FRED DTWEXBGS (broad dollar, Jan 2006 = 100), not ICE DXY' },
  { id: 'SP500', fileUnit: 'index', inputs: [two(`${MACRO}/SP500.csv`)] },
  { id: 'WM2NS', fileUnit: 'usd_bn', inputs: [two(`${MACRO}/WM2NS.csv`)] },
  { id: 'M2SL', fileUnit: 'usd_bn', inputs: [two(`${MACRO}/M2SL.csv`)] },
  { id: 'BTC_USD_PROXY', fileUnit: 'usd_price', inputs: [wide('derived/jonsflow__risk-model/btc.csv', 'Close')], note: 'Yahoo BTC-USD close: a proxy, not FRED CBBTCUSD' },
  { id: 'GLD_PROXY', fileUnit: 'usd_price', inputs: [wide('derived/jonsflow__risk-model/gld.csv', 'Close')], note: 'GLD ETF close: a gold proxy, not an LBMA price' },
  { id: 'REPO_TRI_TV_OO_P', fileUnit: 'usd', inputs: [wide(`${BLANK}/ofr_repo.csv`, 'REPO_TRI_TV_OO_P')] },
  { id: 'REPO_TRI_TV_TOT_P', fileUnit: 'usd', inputs: [wide(`${BLANK}/ofr_repo.csv`, 'REPO_TRI_TV_TOT_P')] },
  { id: 'REPO_DVP_TV_OO_P', fileUnit: 'usd', inputs: [wide(`${BLANK}/ofr_repo.csv`, 'REPO_DVP_TV_OO_P')] },
  { id: 'REPO_DVP_TV_TOT_P', fileUnit: 'usd', inputs: [wide(`${BLANK}/ofr_repo.csv`, 'REPO_DVP_TV_TOT_P')] },
  { id: 'REPO_GCF_TV_OO_P', fileUnit: 'usd', inputs: [wide(`${BLANK}/ofr_repo.csv`, 'REPO_GCF_TV_OO_P')] },
  { id: 'REPO_GCF_TV_TOT_P', fileUnit: 'usd', inputs: [wide(`${BLANK}/ofr_repo.csv`, 'REPO_GCF_TV_TOT_P')] },
  { id: 'REPO_DVP_AR_OO_P', fileUnit: 'percent', inputs: [wide(`${BLANK}/ofr_repo.csv`, 'REPO_DVP_AR_OO_P')] },
  { id: 'REPO_GCF_AR_OO_P', fileUnit: 'percent', inputs: [wide(`${BLANK}/ofr_repo.csv`, 'REPO_GCF_AR_OO_P')] },
  { id: 'REPO_TRI_AR_OO_P', fileUnit: 'percent', inputs: [wide(`${BLANK}/ofr_repo.csv`, 'Tri_Party_Overnight_Average_Rate')], note: 'the parquet column Tri_Party_Overnight_Average_Rate' },
  { id: 'MSPD_BILLS', fileUnit: 'usd_mn', inputs: [wide('derived/heliar-k__market-base/mspd.csv', 'BILLS')] },
  { id: 'MSPD_MARKETABLE', fileUnit: 'usd_mn', inputs: [wide('derived/heliar-k__market-base/mspd.csv', 'MARKETABLE_TOTAL')] },
  { id: 'BILLS_NET_ISSUE_W', fileUnit: 'usd', inputs: [{ kind: 'net-bills', file: AUCTIONS, period: 'week' }], note: 'computed: bill amounts accepted settling in the week minus those maturing in it' },
  { id: 'BILLS_NET_ISSUE_M', fileUnit: 'usd', inputs: [{ kind: 'net-bills', file: AUCTIONS, period: 'month' }], note: 'computed: bill amounts accepted settling in the month minus those maturing in it' },
  { id: 'RMP_BILLS_ACCEPTED', fileUnit: 'usd_bn', inputs: [{ kind: 'rmp-ops', file: TSY_OPS, field: 'accepted', by: 'trade' }], note: 'is_rmp operations, accepted_b (billions) summed by trade date' },
  { id: 'RMP_BILLS_SUBMITTED', fileUnit: 'usd_bn', inputs: [{ kind: 'rmp-ops', file: TSY_OPS, field: 'submitted', by: 'trade' }], note: 'is_rmp operations, submitted_b (billions) summed by trade date' },
  { id: 'RMP_BILLS_SETTLED', fileUnit: 'usd_bn', inputs: [{ kind: 'rmp-ops', file: TSY_OPS, field: 'accepted', by: 'settlement' }], note: 'is_rmp operations, accepted_b (billions) summed by settlement date' },
];
