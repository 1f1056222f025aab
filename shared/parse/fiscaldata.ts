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
 * True when a header is a FiscalData DTS export's: it names "Record Date" and "Type of Account",
 * wherever they stand (a column added in front, as a spreadsheet's row number, must not hide it).
 */
export function isDtsHeader(header: readonly string[]): boolean {
  const names = header.map((h) => h.trim());
  return names.includes('Record Date') && names.includes('Type of Account');
}

/**
 * The rows of a FiscalData CSV export (header `Record Date,Type of Account,Opening Balance Today,…`,
 * newest first), one at a time: the importer streams them, `parseDtsCsv` reads a whole text. Era-2
 * closing rows carry the amount in "Opening Balance Today"; era-1 rows are used only when the export
 * has a "Closing Balance Today" column.
 */
export class DtsCsvReader {
  private readonly header: readonly string[];
  private readonly iDate: number;
  private readonly iType: number;
  private readonly iOpen: number;
  private readonly iClose: number;
  private readonly byDate = new Map<string, number>();
  private skippedRows = 0;

  private constructor(header: readonly string[]) {
    this.header = header;
    const col = (name: string): number => header.findIndex((h) => h.trim() === name);
    this.iDate = col('Record Date');
    this.iType = col('Type of Account');
    this.iOpen = col('Opening Balance Today');
    this.iClose = col('Closing Balance Today');
  }

  static open(header: readonly string[]): Result<DtsCsvReader> {
    const r = new DtsCsvReader(header);
    if (r.iDate < 0 || r.iType < 0 || r.iOpen < 0) return err('FiscalData CSV: expected columns "Record Date", "Type of Account" and "Opening Balance Today"');
    return ok(r);
  }

  /** One data row; `index` 1 = the first row after the header. Null, or why the file is refused. */
  row(row: readonly string[], index: number): string | null {
    const line = index + 1;
    const width = this.header.length;
    if (row.length !== width) {
      // A row wider or narrower than the header: say which file this is and what is off, not only counts.
      const names = this.header.map((h) => h.trim()).join(', ');
      return row.length > width
        ? `FiscalData CSV line ${line}: ${row.length} fields under ${width} column names — this DTS export has an extra column with no name in the header (${names}); re-download it from fiscaldata.treasury.gov, or remove the extra field`
        : `FiscalData CSV line ${line}: expected ${width} fields, got ${row.length} — this DTS export's rows are shorter than its header (${names}); the file is truncated or was edited: re-download it from fiscaldata.treasury.gov`;
    }
    const date = (row[this.iDate] ?? '').trim();
    if (!isIsoDate(date)) return `FiscalData CSV line ${line}: ${JSON.stringify(date)} is not a date`;
    const account = (row[this.iType] ?? '').trim();
    let idx: number;
    if (account === ERA2_CLOSING) idx = this.iOpen;
    else if (ERA1_ACCOUNTS.has(account)) {
      if (this.iClose < 0) {
        this.skippedRows++;
        return null;
      }
      idx = this.iClose;
    } else return null;
    const cell = parseCell(row[idx] ?? '');
    if (cell.kind === 'invalid') return `FiscalData CSV line ${line}: ${JSON.stringify(cell.text)} is not a number`;
    if (cell.kind === 'missing') return null;
    const prev = this.byDate.get(date);
    if (prev !== undefined && prev !== cell.value) return `FiscalData CSV: ${date} has two different TGA closing balances`;
    this.byDate.set(date, cell.value);
    return null;
  }

  finish(): Result<DtsCsv> {
    if (this.byDate.size === 0) return err('FiscalData CSV: no "Treasury General Account (TGA) Closing Balance" rows found');
    const observations = [...this.byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date: date as RawObservation['date'], value }));
    return ok({ observations, skippedRows: this.skippedRows });
  }
}

/** A whole FiscalData CSV export (see DtsCsvReader). */
export function parseDtsCsv(text: string): Result<DtsCsv> {
  const table = parseCsv(text);
  if (!table.ok) return table;
  const [header, ...rows] = table.value;
  if (header === undefined) return err('FiscalData CSV: empty file');
  const reader = DtsCsvReader.open(header);
  if (!reader.ok) return reader;
  for (let i = 0; i < rows.length; i++) {
    const e = reader.value.row(rows[i] ?? [], i + 1);
    if (e !== null) return err(e);
  }
  return reader.value.finish();
}
