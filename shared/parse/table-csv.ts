/**
 * The two table shapes analysts' files come in besides FRED's two-column CSV:
 * - wide: `DATE,EFFR,IOER,Spread` — a date column, then one column per series (empty = no value);
 * - long: `series_id,observation_date,value` — one row per (series, date), as API caches dump them.
 * These read cells strictly (number.ts) and keep missing cells as `null`; which column is which
 * series is decided by the importer from explicit options, never guessed here.
 */
import type { RawObservation } from '../model/observation.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { isIsoDate } from '../time/iso-date.js';
import { parseCell } from './number.js';

const DATE_HEADERS = new Set(['observation_date', 'date']);
const SERIES_ID = /^[A-Z0-9_]{1,40}$/;

export const isDateHeader = (h: string): boolean => DATE_HEADERS.has(h.trim().toLowerCase());

/** True for exactly `series_id`, a date column and `value`, in any order. */
export function isLongHeader(header: readonly string[]): boolean {
  if (header.length !== 3) return false;
  const names = header.map((h) => h.trim().toLowerCase());
  return names.includes('series_id') && names.includes('value') && names.some((n) => DATE_HEADERS.has(n));
}

export interface LongSeries {
  readonly id: string;
  readonly observations: readonly RawObservation[];
}

/** Groups a long table (header row first) by series id, in order of first appearance. */
export function parseLongTable(table: readonly (readonly string[])[]): Result<readonly LongSeries[]> {
  const [header, ...rows] = table;
  if (header === undefined || !isLongHeader(header)) return err('expected a header "series_id,observation_date,value"');
  const names = header.map((h) => h.trim().toLowerCase());
  const iId = names.indexOf('series_id');
  const iDate = names.findIndex((n) => DATE_HEADERS.has(n));
  const iValue = names.indexOf('value');
  const bySeries = new Map<string, RawObservation[]>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const line = i + 2;
    if (row.length !== 3) return err(`line ${line}: expected 3 fields, got ${row.length} (truncated or malformed file)`);
    const id = (row[iId] ?? '').trim().toUpperCase();
    if (!SERIES_ID.test(id)) return err(`line ${line}: ${JSON.stringify(row[iId] ?? '')} is not a series id`);
    const date = (row[iDate] ?? '').trim();
    if (!isIsoDate(date)) return err(`line ${line}: ${JSON.stringify(date)} is not a date (YYYY-MM-DD)`);
    const cell = parseCell(row[iValue] ?? '');
    if (cell.kind === 'invalid') return err(`line ${line}, ${id}: ${JSON.stringify(cell.text)} is not a number`);
    let list = bySeries.get(id);
    if (list === undefined) bySeries.set(id, (list = []));
    list.push({ date, value: cell.kind === 'number' ? cell.value : null });
  }
  if (bySeries.size === 0) return err('the file has a header but no observations');
  return ok([...bySeries].map(([id, observations]) => ({ id, observations })));
}

/**
 * The index of `name` among a wide table's value columns (not the date column): an exact match
 * first, then a case-insensitive one if only one column matches that way. -1 when absent or ambiguous.
 */
export function wideColumnIndex(header: readonly string[], name: string): number {
  const want = name.trim();
  const exact = header.findIndex((h, i) => i > 0 && h.trim() === want);
  if (exact > 0) return exact;
  const loose = header.flatMap((h, i) => (i > 0 && h.trim().toLowerCase() === want.toLowerCase() ? [i] : []));
  return loose.length === 1 ? (loose[0] ?? -1) : -1;
}

/** One column of a wide table (header row first); every row must have the header's width. */
export function readWideColumn(table: readonly (readonly string[])[], index: number): Result<readonly RawObservation[]> {
  const [header, ...rows] = table;
  if (header === undefined || !isDateHeader(header[0] ?? '')) return err('the first column must be "observation_date" or "DATE"');
  const name = (header[index] ?? '').trim();
  if (index < 1 || index >= header.length) return err(`no column ${index + 1} in ${header.join(',')}`);
  const out: RawObservation[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const line = i + 2;
    if (row.length !== header.length) return err(`line ${line}: expected ${header.length} fields, got ${row.length} (truncated or malformed file)`);
    const date = (row[0] ?? '').trim();
    if (!isIsoDate(date)) return err(`line ${line}: ${JSON.stringify(date)} is not a date (YYYY-MM-DD)`);
    const cell = parseCell(row[index] ?? '');
    if (cell.kind === 'invalid') return err(`line ${line}, ${name}: ${JSON.stringify(cell.text)} is not a number`);
    out.push({ date, value: cell.kind === 'number' ? cell.value : null });
  }
  if (out.length === 0) return err('the file has a header but no observations');
  return ok(out);
}
