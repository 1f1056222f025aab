/**
 * Which DDP columns are which FRED series. FRED republishes H.4.1 and H.8 items under its own ids,
 * and the DDP prints every H.4.1 item four ways (Wednesday level `…_N.WW`, week average
 * `…_XAW_N.WW`, and the week average's change from the previous week `…_XAW_XCH1_N.WW` and from a
 * year ago `…_XAW_XCH52_N.WW`). Only the one variant FRED publishes under an id is mapped; the
 * others are reported as skipped, never imported by resemblance.
 *
 * A code alone is not trusted: each entry also carries the Series Description the Board prints for
 * it, and a column whose description differs is skipped with both texts. That catches a reused or
 * shifted code, and a week average being mistaken for a Wednesday level (the numbers are close
 * enough to pass a magnitude guard: reserves differ by up to $325bn, TREAST by $30bn).
 */
import type { NativeUnit } from '../model/units.js';
import type { RawObservation } from '../model/observation.js';
import type { Result } from '../result.js';
import { ok } from '../result.js';
import { parseDdpCsv, type DdpColumn, type DdpTable } from './ddp-csv.js';

export interface DdpMapping {
  /** The "Time Period" row code. */
  readonly code: string;
  /** The release named first in the Unique Identifier (`H41/H41/…`). */
  readonly release: 'H41' | 'H8';
  readonly fredId: string;
  /** The Series Description as the Board prints it (compared ignoring case and runs of spaces). */
  readonly description: string;
  /** How the mapping was checked (kept with the table so a reader can redo the check). */
  readonly evidence: string;
}

const H41_FILE = 'shared/data/ddp/FRB_H41 (2021-04-28…2023-03-22)';
const eq = (fred: string): string => `${H41_FILE}: description; equal to FRED ${fred} on every one of the 100 weeks (resources/snapshot)`;
const desc = (fred: string): string => `${H41_FILE}: description matches FRED ${fred}'s title; no FRED copy offline to compare values`;

export const DDP_TO_FRED: readonly DdpMapping[] = [
  // H.4.1 Table 1 / Table 5, Wednesday levels.
  { code: 'RESPPALGUO_N.WW', release: 'H41', fredId: 'TREAST', description: 'Assets: Securities Held Outright: U.S. Treasury securities: Wednesday level', evidence: eq('TREAST') },
  { code: 'RESPPALGUOB_N.WW', release: 'H41', fredId: 'WSHOBL', description: 'Assets: Securities Held Outright: U.S. Treasury securities: Bills: Wednesday level', evidence: `${desc('WSHOBL')}; bills + nominal + TIPS + inflation compensation = TREAST every week` },
  { code: 'RESPPALGUOMN_N.WW', release: 'H41', fredId: 'WSHONBNL', description: 'Assets: Securities Held Outright: U.S. Treasury securities: Notes and bonds, nominal: Wednesday level', evidence: desc('WSHONBNL') },
  { code: 'RESPPALGUOMI_N.WW', release: 'H41', fredId: 'WSHONBIIL', description: 'Assets: Securities Held Outright: U.S. Treasury securities: Notes and bonds, inflation-indexed: Wednesday level', evidence: `${desc('WSHONBIIL')} (FRED keeps inflation compensation apart)` },
  { code: 'RESPPALGAO_N.WW', release: 'H41', fredId: 'WSHOFADSL', description: 'Assets: Securities Held Outright: Federal agency debt securities: Wednesday level', evidence: desc('WSHOFADSL') },
  { code: 'RESPPALGASMO_N.WW', release: 'H41', fredId: 'WSHOMCB', description: 'Assets: Securities Held Outright: Mortgage-backed securities: Wednesday level', evidence: eq('WSHOMCB') },
  { code: 'RESPPALGTR_N.WW', release: 'H41', fredId: 'WORAL', description: 'Assets: Other: Repurchase agreements: Wednesday level', evidence: `${desc('WORAL')}; = foreign official + others every week` },
  { code: 'RESH4SCS_N.WW', release: 'H41', fredId: 'SWPT', description: 'Assets: Central Bank Liquidity Swaps: Central bank liquidity swaps: Wednesday level', evidence: eq('SWPT') },
  { code: 'RESPPLLR_N.WW', release: 'H41', fredId: 'WLRRAL', description: 'Liabilities and Capital: Liabilities: Reverse repurchase agreements: Wednesday level', evidence: `${desc('WLRRAL')}; = foreign official + others every week` },
  { code: 'RESPPLLRF_N.WW', release: 'H41', fredId: 'WLRRAFOIAL', description: 'Liabilities and Capital: Liabilities: Reverse repurchase agreements: Foreign official and international accounts: Wednesday level', evidence: desc('WLRRAFOIAL') },
  { code: 'RESPPLLRD_N.WW', release: 'H41', fredId: 'WLRRAOL', description: 'Liabilities and Capital: Liabilities: Reverse repurchase agreements: Others: Wednesday level', evidence: `${desc('WLRRAOL')}; 2023-03-22 = 2,279,608 = FRED RRPONTSYD 2,279.608bn` },
  { code: 'RESPPLLDT_N.WW', release: 'H41', fredId: 'WDTGAL', description: 'Liabilities and Capital: Liabilities: Deposits with F.R. Banks, other than reserve balances: U.S. Treasury, General Account: Wednesday level', evidence: eq('WDTGAL') },
  { code: 'RESH4R_N.WW', release: 'H41', fredId: 'WRBWFRBL', description: 'Liabilities and Capital: Other Factors Draining Reserve Balances: Reserve balances with Federal Reserve Banks: Wednesday level', evidence: eq('WRBWFRBL') },
  // H.4.1 week averages: FRED publishes these items' week average under the id.
  { code: 'RESH4R_XAW_N.WW', release: 'H41', fredId: 'WRESBAL', description: 'Liabilities and Capital: Other Factors Draining Reserve Balances: Reserve balances with Federal Reserve Banks: week average', evidence: eq('WRESBAL') },
  { code: 'RESPPLLDT_XAW_N.WW', release: 'H41', fredId: 'WTREGEN', description: 'Liabilities and Capital: Liabilities: Deposits with F.R. Banks, other than reserve balances: U.S. Treasury, General Account: week average', evidence: eq('WTREGEN') },
  {
    code: 'RESTBC_XAW_N.WW',
    release: 'H41',
    fredId: 'WCURCIR',
    description: 'Liabilities and Capital: Other Factors Draining Reserve Balances: Currency in circulation: week average',
    // FRED revised currency in circulation after this 2023 vintage; the Wednesday level is off by up to $6bn.
    evidence: `${H41_FILE}: equal to FRED WCURCIR on all 37 weeks to 2022-01-05, within $0.7bn after (later FRED revisions); the Wednesday level differs by up to $6bn`,
  },
  {
    code: 'RESPPA_N.WW',
    release: 'H41',
    fredId: 'WALCL',
    description: 'Assets: Total Assets: Total assets: Wednesday level',
    // Not in the offline file: the description is the Board's, as quoted by several public projects
    // that checked it equals WALCL. The description check still applies to any file that has it.
    evidence: 'not in the offline H.4.1 file; description as the Board prints it (quoted by public projects that compared it with WALCL)',
  },
  // H.8, all commercial banks, not seasonally adjusted (FRED's NBOG, not the seasonally adjusted SBOG).
  { code: 'B1151NCBD', release: 'H8', fredId: 'TLAACBW027NBOG', description: 'Total assets, all commercial banks, not seasonally adjusted', evidence: 'shared/data/ddp/FRB_H8_all: description' },
];

const BY_CODE: ReadonlyMap<string, DdpMapping> = new Map(DDP_TO_FRED.map((m) => [m.code.toUpperCase(), m]));

export function ddpMappingFor(code: string): DdpMapping | undefined {
  return BY_CODE.get(code.toUpperCase());
}

/** A DDP column resolved to a FRED id, with values in `nativeUnit`. */
export interface DdpSeries {
  readonly fredId: string;
  readonly code: string;
  readonly description: string;
  /** The unit `observations` are in: printed value × multiplier, expressed in this unit. */
  readonly nativeUnit: NativeUnit;
  readonly multiplier: number;
  readonly observations: readonly RawObservation[];
}

export interface DdpSkipped {
  readonly code: string;
  readonly description: string;
  readonly reason: string;
}

export interface DdpMapped {
  readonly series: readonly DdpSeries[];
  readonly skipped: readonly DdpSkipped[];
  readonly periods: number;
}

const MONEY: readonly { unit: NativeUnit; multiplier: number }[] = [
  { unit: 'usd', multiplier: 1 },
  { unit: 'usd_mn', multiplier: 1e6 },
  { unit: 'usd_bn', multiplier: 1e9 },
];

/**
 * The native unit of a DDP column and the factor taking printed values into it. USD columns with
 * multiplier 1, 1e6 or 1e9 are `usd`, `usd_mn`, `usd_bn` with printed values unchanged (factor 1,
 * so no float noise); any other positive power-of-ten multiplier (1000 = thousands) is expressed in
 * `usd_mn` (value × multiplier / 1e6). Percent columns must have multiplier 1. Anything else is not
 * understood and returns a reason.
 */
export function ddpNativeUnit(col: Pick<DdpColumn, 'unit' | 'multiplier' | 'currency'>): { unit: NativeUnit; factor: number } | { reason: string } {
  const unit = col.unit.trim().toLowerCase();
  if (unit === 'percent') {
    return col.multiplier === 1 ? { unit: 'percent', factor: 1 } : { reason: `a percent column with multiplier ${col.multiplier} is not understood` };
  }
  if (unit !== 'currency') return { reason: `unit ${JSON.stringify(col.unit)} is not understood (only Currency and Percent)` };
  if (col.currency?.toUpperCase() !== 'USD') return { reason: `currency ${JSON.stringify(col.currency ?? '')} is not USD` };
  const exact = MONEY.find((m) => m.multiplier === col.multiplier);
  if (exact !== undefined) return { unit: exact.unit, factor: 1 };
  const log = Math.log10(col.multiplier);
  if (!Number.isInteger(Math.round(log * 1e9) / 1e9)) return { reason: `multiplier ${col.multiplier} is not a power of ten` };
  return { unit: 'usd_mn', factor: col.multiplier / 1e6 };
}

/** Printed value × factor, without the float noise of multiplying by a fraction (0.001 × 326044). */
function scaled(v: number, factor: number): number {
  if (factor === 1) return v;
  const x = factor < 1 ? v / Math.round(1 / factor) : v * factor;
  return Math.round(x * 1e9) / 1e9;
}

const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The last part of a description (`Wednesday level`, `week average`, `change in …`). */
const variantOf = (description: string): string => description.slice(description.lastIndexOf(':') + 1).trim() || description;

/** Why a column with no mapping is skipped; names the mapped sibling when there is one. */
function unmappedReason(col: DdpColumn): string {
  const stem = col.code.split('_')[0] ?? col.code;
  const siblings = DDP_TO_FRED.filter((m) => (m.code.split('_')[0] ?? '') === stem);
  if (siblings.length === 0) return 'no FRED id is mapped for this DDP code';
  const named = siblings.map((m) => `${m.fredId} is ${m.code} (${variantOf(m.description)})`).join(', ');
  return `no FRED id for the ${variantOf(col.description)}; ${named}`;
}

export function mapDdpTable(table: DdpTable): DdpMapped {
  const series: DdpSeries[] = [];
  const skipped: DdpSkipped[] = [];
  for (const col of table.columns) {
    const skip = (reason: string): void => {
      skipped.push({ code: col.code, description: col.description, reason });
    };
    const m = ddpMappingFor(col.code);
    if (m === undefined) {
      skip(unmappedReason(col));
      continue;
    }
    const release = col.identifier?.split('/')[0]?.trim().toUpperCase();
    if (release !== undefined && release !== '' && release !== m.release) {
      skip(`the code ${m.code} maps to ${m.fredId} for release ${m.release}, but this column is from ${release}`);
      continue;
    }
    if (norm(col.description) !== norm(m.description)) {
      skip(`the description differs from the one ${m.fredId} was verified with: expected ${JSON.stringify(m.description)}, got ${JSON.stringify(col.description)}`);
      continue;
    }
    const u = ddpNativeUnit(col);
    if ('reason' in u) {
      skip(`${m.fredId}: ${u.reason}`);
      continue;
    }
    series.push({
      fredId: m.fredId,
      code: col.code,
      description: col.description,
      nativeUnit: u.unit,
      multiplier: col.multiplier,
      observations: u.factor === 1 ? col.observations : col.observations.map((o) => (o.value === null ? o : { date: o.date, value: scaled(o.value, u.factor) })),
    });
  }
  return { series, skipped, periods: table.periods };
}

/**
 * The DDP file's columns that are FRED series, for the snapshot build and the importer: each with
 * its FRED id, native unit (`usd_mn` for the H.4.1 and H.8 files) and observations (`null` = NA).
 * Unmapped columns are left out; `mapDdpTable(parseDdpCsv(text))` also lists them with reasons.
 */
export function ddpSeries(text: string): Result<readonly DdpSeries[]> {
  const t = parseDdpCsv(text);
  if (!t.ok) return t;
  return ok(mapDdpTable(t.value).series);
}
