/**
 * Row readers for the importer's streamed path (csv-stream.ts): each takes one CSV record at a time
 * and appends (epoch day, value) to typed arrays, so a 3.6M-row file costs 12 bytes a row instead
 * of a row array, two strings and an observation object (issue 11 §5). The rules and messages are
 * those of fred-csv.ts, table-csv.ts and fiscaldata.ts (property tests hold them equal); a missing
 * value is kept as NaN, which no parsed cell can be (parseCell refuses non-finite numbers).
 */
import { epochDay, isIsoDate } from '../time/iso-date.js';
import { parseCell } from './number.js';

/** Ascending or not, one entry per data row; `values[i]` NaN = the file marks the date missing. */
export class DayColumns {
  private d = new Int32Array(1024);
  private v = new Float64Array(1024);
  length = 0;

  push(day: number, value: number): void {
    if (this.length === this.d.length) {
      // Doubling: at most one spare half, and the copy is transient.
      const d = new Int32Array(this.d.length * 2);
      d.set(this.d);
      this.d = d;
      const v = new Float64Array(this.v.length * 2);
      v.set(this.v);
      this.v = v;
    }
    this.d[this.length] = day;
    this.v[this.length++] = value;
  }

  get days(): Int32Array {
    return this.d.subarray(0, this.length);
  }

  get values(): Float64Array {
    return this.v.subarray(0, this.length);
  }
}

/** A record handler of csv-stream.ts for the data rows (index 1 = the first row after the header). */
export type RowReader = (row: readonly string[], index: number) => string | null;

const SERIES_ID = /^[A-Z0-9_]{1,40}$/;

/** The date and value cells of one row into `out`; null, or the message naming the line. */
function readCells(out: DayColumns, dateCell: string, valueCell: string, line: number, what: string): string | null {
  const date = dateCell.trim();
  if (!isIsoDate(date)) return `line ${line}: ${JSON.stringify(date)} is not a date (YYYY-MM-DD)`;
  const cell = parseCell(valueCell);
  if (cell.kind === 'invalid') return `line ${line}${what}: ${JSON.stringify(cell.text)} is not a number`;
  out.push(epochDay(date), cell.kind === 'number' ? cell.value : Number.NaN);
  return null;
}

/** FRED's two-column rows (parseFredCsv), the header already checked. */
export function fredRows(out: DayColumns): RowReader {
  return (row, index) => {
    const line = index + 1;
    if (row.length !== 2) return `line ${line}: expected 2 fields, got ${row.length} (truncated or malformed file)`;
    return readCells(out, row[0] ?? '', row[1] ?? '', line, '');
  };
}

/** One column of a wide table (readWideColumn): every row must have the header's width. */
export function wideRows(out: DayColumns, width: number, index: number, name: string): RowReader {
  return (row, i) => {
    const line = i + 1;
    if (row.length !== width) return `line ${line}: expected ${width} fields, got ${row.length} (truncated or malformed file)`;
    return readCells(out, row[0] ?? '', row[index] ?? '', line, `, ${name}`);
  };
}

/** A long `series_id,date,value` table (parseLongTable): one column set per id, in order of first appearance. */
export function longRows(header: readonly string[], out: Map<string, DayColumns>): RowReader {
  const names = header.map((h) => h.trim().toLowerCase());
  const iId = names.indexOf('series_id');
  const iDate = names.findIndex((n) => n === 'observation_date' || n === 'date');
  const iValue = names.indexOf('value');
  return (row, i) => {
    const line = i + 1;
    if (row.length !== 3) return `line ${line}: expected 3 fields, got ${row.length} (truncated or malformed file)`;
    const id = (row[iId] ?? '').trim().toUpperCase();
    if (!SERIES_ID.test(id)) return `line ${line}: ${JSON.stringify(row[iId] ?? '')} is not a series id`;
    let cols = out.get(id);
    if (cols === undefined) out.set(id, (cols = new DayColumns()));
    return readCells(cols, row[iDate] ?? '', row[iValue] ?? '', line, `, ${id}`);
  };
}
