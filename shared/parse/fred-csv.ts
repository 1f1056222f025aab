/**
 * FRED's keyless `fredgraph.csv` and the two-column files analysts keep (`date,value`).
 * Accepts the current header `observation_date,ID`, the legacy `DATE,ID`, a BOM, CRLF, empty or `.`
 * missing values and values like `6747378.0000000000`. An HTML page (FRED's answer for an unknown id)
 * is reported as such, not as a parse error deep inside the file.
 */
import type { RawObservation } from '../model/observation.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { isIsoDate } from '../time/iso-date.js';
import { looksLikeHtml, parseCsv } from './csv.js';
import { parseCell } from './number.js';

export interface ParsedSeriesCsv {
  /** The id named in the header, or null for a generic `date,value` file. */
  readonly headerId: string | null;
  readonly observations: readonly RawObservation[];
}

const DATE_HEADERS = new Set(['observation_date', 'date']);

export function parseFredCsv(text: string): Result<ParsedSeriesCsv> {
  if (text.trim() === '') return err('the file is empty');
  if (looksLikeHtml(text)) return err('got an HTML page instead of CSV (FRED answers an unknown series id with an HTML 404 page)');
  const table = parseCsv(text);
  if (!table.ok) return table;
  const [header, ...rows] = table.value;
  if (header === undefined || header.length !== 2) {
    return err(`expected a two-column header like "observation_date,SERIES" or "DATE,SERIES", got ${JSON.stringify(header?.join(',') ?? '')}`);
  }
  const [h0, h1] = header.map((h) => h.trim());
  if (h0 === undefined || h1 === undefined || !DATE_HEADERS.has(h0.toLowerCase())) {
    return err(`the first column must be "observation_date" or "DATE", got ${JSON.stringify(h0 ?? '')}`);
  }
  const headerId = h1.toLowerCase() === 'value' ? null : h1.toUpperCase();
  if (headerId !== null && !/^[A-Z0-9_]{1,40}$/.test(headerId)) return err(`the second header ${JSON.stringify(h1)} is not a series id`);
  const observations: RawObservation[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const line = i + 2;
    if (row.length !== 2) return err(`line ${line}: expected 2 fields, got ${row.length} (truncated or malformed file)`);
    const date = (row[0] ?? '').trim();
    if (!isIsoDate(date)) return err(`line ${line}: ${JSON.stringify(date)} is not a date (YYYY-MM-DD)`);
    const cell = parseCell(row[1] ?? '');
    if (cell.kind === 'invalid') return err(`line ${line}: ${JSON.stringify(cell.text)} is not a number`);
    observations.push({ date, value: cell.kind === 'number' ? cell.value : null });
  }
  if (observations.length === 0) return err('the file has a header but no observations');
  return ok({ headerId, observations });
}

/**
 * A wide table (`date,A,B,C`) as kept by third-party projects: one column per series, empty where a
 * series has no observation. Used to build the offline snapshot; never for network responses.
 */
export function parseWideCsv(text: string, column: string): Result<readonly RawObservation[]> {
  const table = parseCsv(text);
  if (!table.ok) return table;
  const [header, ...rows] = table.value;
  if (header === undefined) return err('empty table');
  const idx = header.findIndex((h) => h.trim() === column);
  if (idx < 1) return err(`no column ${column} in ${header.join(',')}`);
  const out: RawObservation[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const date = (row[0] ?? '').trim();
    if (!isIsoDate(date)) return err(`line ${i + 2}: ${JSON.stringify(date)} is not a date`);
    const cell = parseCell(row[idx] ?? '');
    if (cell.kind === 'invalid') return err(`line ${i + 2}, ${column}: ${JSON.stringify(cell.text)} is not a number`);
    if (cell.kind === 'number') out.push({ date, value: cell.value });
  }
  return ok(out);
}
