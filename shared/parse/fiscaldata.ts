/**
 * Treasury FiscalData, Daily Treasury Statement table `operating_cash_balance`: the daily TGA closing
 * balance in USD millions, across both schema eras.
 * - Up to 2022-04-15 the account rows are "Federal Reserve Account" / "Treasury General Account (TGA)"
 *   and the closing balance is `close_today_bal`.
 * - From 2022-04-18 the row "Treasury General Account (TGA) Closing Balance" carries the amount in
 *   `open_today_bal`, and `close_today_bal` is the string "null".
 */
import type { RawObservation } from '../model/observation.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { isIsoDate } from '../time/iso-date.js';
import { parseCsv } from './csv.js';
import type { Json } from './json.js';
import { isObject, str } from './json.js';
import { parseCell, parseJsonNumber } from './number.js';

const ERA2_CLOSING = 'Treasury General Account (TGA) Closing Balance';
const ERA1_ACCOUNTS = new Set(['Treasury General Account (TGA)', 'Federal Reserve Account']);

export interface DtsPage {
  readonly observations: readonly RawObservation[];
  /** `links.next` as sent (a query string such as `&page%5Bnumber%5D=2&page%5Bsize%5D=100`), or null on the last page. */
  readonly next: string | null;
  readonly totalPages: number | null;
}

export function parseDtsPage(body: Json): Result<DtsPage> {
  if (!isObject(body)) return err('FiscalData: the body is not a JSON object');
  if (typeof body['error'] === 'string') return err(`FiscalData error: ${body['error']}${typeof body['message'] === 'string' ? ` — ${body['message']}` : ''}`);
  const data = body['data'];
  if (!Array.isArray(data)) return err('FiscalData: "data" is missing or not an array');
  const links = body['links'];
  if (!isObject(links) || !('next' in links)) return err('FiscalData: "links.next" is missing');
  const nextRaw = links['next'];
  if (nextRaw !== null && typeof nextRaw !== 'string') return err('FiscalData: "links.next" is neither a string nor null');
  const meta = body['meta'];
  const totalPages = isObject(meta) && typeof meta['total-pages'] === 'number' ? meta['total-pages'] : null;
  const byDate = new Map<string, number>();
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (!isObject(row)) return err(`FiscalData: data[${i}] is not an object`);
    const date = str(row, 'record_date');
    if (date === undefined || !isIsoDate(date)) return err(`FiscalData: data[${i}].record_date is not a date`);
    const account = str(row, 'account_type');
    if (account === undefined) return err(`FiscalData: data[${i}] (${date}) has no account_type`);
    let field: 'open_today_bal' | 'close_today_bal';
    if (account === ERA2_CLOSING) field = 'open_today_bal';
    else if (ERA1_ACCOUNTS.has(account)) field = 'close_today_bal';
    else continue;
    const cell = parseJsonNumber(row[field]);
    if (cell.kind === 'invalid') return err(`FiscalData: ${date} ${account}: ${field} ${JSON.stringify(cell.text)} is not a number`);
    if (cell.kind === 'missing') continue;
    const prev = byDate.get(date);
    if (prev !== undefined && prev !== cell.value) return err(`FiscalData: ${date} has two different TGA closing balances (${prev}, ${cell.value})`);
    byDate.set(date, cell.value);
  }
  const observations = [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date: date as RawObservation['date'], value }));
  return ok({ observations, next: nextRaw === null || nextRaw === '' ? null : nextRaw, totalPages });
}

export interface DtsCsv {
  readonly observations: readonly RawObservation[];
  /** Era-1 rows skipped because the export has no closing-balance column. */
  readonly skippedRows: number;
}

/**
 * The FiscalData CSV export (header `Record Date,Type of Account,Opening Balance Today,…`, BOM,
 * newest first). Era-2 closing rows carry the amount in "Opening Balance Today"; era-1 rows are used
 * only when the export has a "Closing Balance Today" column.
 */
export function parseDtsCsv(text: string): Result<DtsCsv> {
  const table = parseCsv(text);
  if (!table.ok) return table;
  const [header, ...rows] = table.value;
  if (header === undefined) return err('FiscalData CSV: empty file');
  const col = (name: string): number => header.findIndex((h) => h.trim() === name);
  const iDate = col('Record Date');
  const iType = col('Type of Account');
  const iOpen = col('Opening Balance Today');
  const iClose = col('Closing Balance Today');
  if (iDate < 0 || iType < 0 || iOpen < 0) return err('FiscalData CSV: expected columns "Record Date", "Type of Account" and "Opening Balance Today"');
  const byDate = new Map<string, number>();
  let skippedRows = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const line = i + 2;
    if (row.length !== header.length) return err(`FiscalData CSV line ${line}: expected ${header.length} fields, got ${row.length}`);
    const date = (row[iDate] ?? '').trim();
    if (!isIsoDate(date)) return err(`FiscalData CSV line ${line}: ${JSON.stringify(date)} is not a date`);
    const account = (row[iType] ?? '').trim();
    let idx: number;
    if (account === ERA2_CLOSING) idx = iOpen;
    else if (ERA1_ACCOUNTS.has(account)) {
      if (iClose < 0) {
        skippedRows++;
        continue;
      }
      idx = iClose;
    } else continue;
    const cell = parseCell(row[idx] ?? '');
    if (cell.kind === 'invalid') return err(`FiscalData CSV line ${line}: ${JSON.stringify(cell.text)} is not a number`);
    if (cell.kind === 'missing') continue;
    const prev = byDate.get(date);
    if (prev !== undefined && prev !== cell.value) return err(`FiscalData CSV: ${date} has two different TGA closing balances`);
    byDate.set(date, cell.value);
  }
  if (byDate.size === 0) return err('FiscalData CSV: no "Treasury General Account (TGA) Closing Balance" rows found');
  const observations = [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date: date as RawObservation['date'], value }));
  return ok({ observations, skippedRows });
}
