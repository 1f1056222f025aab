/**
 * Payloads for the replay server, all from the real files in ../shared/data.
 * Where no raw API body was recorded (NY Fed operation results, FiscalData DTS JSON), the envelope
 * is built here from the documented field names and the values come from the real files; each
 * builder says so.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../shared/parse/csv.js';
import { dataFile } from './paths.js';

export const readData = (rel: string): string => readFileSync(dataFile(rel), 'utf8');

/** Real SRF daily totals ($bn) from srf.csv between two dates (inclusive). */
export function srfDailyTotals(from: string, to: string): { date: string; bn: number }[] {
  const rows = parseCsv(readData('derived/heliar-k__market-base/srf.csv'));
  if (!rows.ok) throw new Error(rows.error);
  return rows.value
    .slice(1)
    .filter((r) => (r[0] ?? '') >= from && (r[0] ?? '') <= to)
    .map((r) => ({ date: r[0] ?? '', bn: Number(r[1]) }));
}

/**
 * A NY Fed repo-results body carrying the real daily SRF totals, one afternoon operation per day.
 * Envelope built here (field names as the NY Fed Markets API documents them); totals are real,
 * the single-operation attribution is not, so tests check only daily totals with it.
 */
export function nyfedRepoBody(days: readonly { date: string; bn: number }[]): string {
  const operations = days
    .filter((d) => d.bn > 0)
    .map((d, i) => ({
      operationId: `RP ${d.date.replaceAll('-', '')} ${i}`,
      auctionStatus: 'Results',
      operationDate: d.date,
      settlementDate: d.date,
      operationType: 'Repo',
      operationMethod: 'Full Allotment',
      term: 'Overnight',
      closeTime: '13:45',
      note: '',
      totalAmtSubmitted: Math.round(d.bn * 1e9),
      totalAmtAccepted: Math.round(d.bn * 1e9),
    }));
  return JSON.stringify({ repo: { operations } });
}

/** Real DTS closing balances (USD millions) from the FiscalData CSV export, oldest first. */
export function dtsClosingRows(from: string, to: string): { date: string; mn: string }[] {
  const rows = parseCsv(readData('fiscaldata/DTS_OpCashBal_20210624_20260623.csv'));
  if (!rows.ok) throw new Error(rows.error);
  return rows.value
    .filter((r) => r[1] === 'Treasury General Account (TGA) Closing Balance' && (r[0] ?? '') >= from && (r[0] ?? '') <= to)
    .map((r) => ({ date: r[0] ?? '', mn: r[2] ?? '' }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * FiscalData JSON pages for those rows, in the API's shape (`data`, `meta`, `links`), with the
 * era-2 quirk the API shows: `close_today_bal` is "null" and the amount sits in `open_today_bal`.
 */
export function dtsPages(rows: readonly { date: string; mn: string }[], pageSize: number): string[] {
  const pages: string[] = [];
  const total = Math.max(1, Math.ceil(rows.length / pageSize));
  for (let p = 0; p < total; p++) {
    const slice = rows.slice(p * pageSize, (p + 1) * pageSize);
    pages.push(
      JSON.stringify({
        data: slice.map((r) => ({ record_date: r.date, account_type: 'Treasury General Account (TGA) Closing Balance', open_today_bal: r.mn, close_today_bal: 'null' })),
        meta: { count: slice.length, 'total-count': rows.length, 'total-pages': total },
        links: {
          self: `&page%5Bnumber%5D=${p + 1}&page%5Bsize%5D=${pageSize}`,
          first: `&page%5Bnumber%5D=1&page%5Bsize%5D=${pageSize}`,
          prev: p === 0 ? null : `&page%5Bnumber%5D=${p}&page%5Bsize%5D=${pageSize}`,
          next: p + 1 >= total ? null : `&page%5Bnumber%5D=${p + 2}&page%5Bsize%5D=${pageSize}`,
          last: `&page%5Bnumber%5D=${total}&page%5Bsize%5D=${pageSize}`,
        },
      }),
    );
  }
  return pages;
}
