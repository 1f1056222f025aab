/**
 * The Federal Reserve Board's Data Download Program (DDP) CSV, as the Board's site exports a
 * release (H.4.1, H.8, …): a block of labelled header rows, one column per series, then one row
 * per period.
 *
 *   "Series Description","Assets: … Bills: Wednesday level", …
 *   "Unit:","Currency", …
 *   "Multiplier:","1000000", …
 *   "Currency:","USD", …
 *   "Unique Identifier: ","H41/H41/RESPPALGUOB_N.WW", …
 *   "Time Period","RESPPALGUOB_N.WW", …
 *   2021-04-28,326044, …
 *
 * Values are returned as printed together with the column's multiplier; nothing is scaled here, so
 * the caller decides units once (see `ddpNativeUnit` in ddp-map.ts). Header rows are found by label,
 * not by position, because the Board has added and dropped rows (Currency) across releases.
 */
import type { RawObservation } from '../model/observation.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { isIsoDate } from '../time/iso-date.js';
import { looksLikeHtml, parseCsv, stripBom } from './csv.js';
import { parseCell } from './number.js';

export interface DdpColumn {
  /** The series code from the "Time Period" row, e.g. `RESPPALGUOB_N.WW`. */
  readonly code: string;
  /** The "Unique Identifier" cell, e.g. `H41/H41/RESPPALGUOB_N.WW`, or null when the row is absent. */
  readonly identifier: string | null;
  readonly description: string;
  /** The "Unit:" cell as printed, e.g. `Currency` or `Percent`. */
  readonly unit: string;
  /** The "Multiplier:" cell: printed values × multiplier = value in `currency` (or in `unit`). */
  readonly multiplier: number;
  /** The "Currency:" cell, e.g. `USD`, or null when the row is absent or says NA. */
  readonly currency: string | null;
  /** Values as printed (not multiplied); `null` where the file says NA. */
  readonly observations: readonly RawObservation[];
}

export interface DdpTable {
  readonly columns: readonly DdpColumn[];
  /** Number of period rows (each column has one observation per period, missing or not). */
  readonly periods: number;
}

/** The label rows, trimmed and without their trailing colon. */
type Label = 'Series Description' | 'Unit' | 'Multiplier' | 'Currency' | 'Unique Identifier' | 'Time Period';
const LABELS: readonly Label[] = ['Series Description', 'Unit', 'Multiplier', 'Currency', 'Unique Identifier', 'Time Period'];
const REQUIRED: readonly Label[] = ['Series Description', 'Unit', 'Multiplier', 'Time Period'];
/** The header block is six rows in every DDP file seen; allow a few more before calling it malformed. */
const MAX_HEADER_ROWS = 12;

/** The DDP's missing marker; kept local because FRED files never use it and must not start accepting it. */
const DDP_MISSING = new Set(['NA', 'ND', 'n.a.']);

function labelOf(cell: string | undefined): Label | null {
  const t = (cell ?? '').trim().replace(/:$/, '').trim();
  return LABELS.find((l) => l.toLowerCase() === t.toLowerCase()) ?? null;
}

/** True when the text starts like a DDP export (its first cell is "Series Description"). */
export function isDdpCsv(text: string): boolean {
  const head = stripBom(text).trimStart().slice(0, 40);
  return /^"?Series Description"?\s*,/i.test(head);
}

export function parseDdpCsv(text: string): Result<DdpTable> {
  if (text.trim() === '') return err('the file is empty');
  if (looksLikeHtml(text)) return err('got an HTML page instead of a DDP CSV');
  const table = parseCsv(text);
  if (!table.ok) return table;
  const rows = table.value;
  const header = new Map<Label, readonly string[]>();
  let first = -1;
  for (let i = 0; i < Math.min(rows.length, MAX_HEADER_ROWS); i++) {
    const row = rows[i] ?? [];
    const label = labelOf(row[0]);
    if (label === null) return err(`DDP header row ${i + 1}: ${JSON.stringify((row[0] ?? '').slice(0, 40))} is not one of ${LABELS.join(', ')}`);
    if (header.has(label)) return err(`DDP header row ${i + 1}: "${label}" appears twice`);
    header.set(label, row);
    if (label === 'Time Period') {
      first = i + 1;
      break;
    }
  }
  if (first < 0) return err('not a DDP file: no "Time Period" row within the first rows');
  for (const l of REQUIRED) if (!header.has(l)) return err(`DDP header has no "${l}" row`);
  const codesRow = header.get('Time Period') ?? [];
  const width = codesRow.length;
  if (width < 2) return err('DDP header names no series');
  for (const [label, row] of header) {
    if (row.length !== width) return err(`DDP header row "${label}" has ${row.length} fields, the "Time Period" row ${width}`);
  }
  const cell = (label: Label, j: number): string | null => {
    const row = header.get(label);
    return row === undefined ? null : (row[j] ?? '').trim();
  };

  const meta: { code: string; identifier: string | null; description: string; unit: string; multiplier: number; currency: string | null }[] = [];
  const seen = new Set<string>();
  for (let j = 1; j < width; j++) {
    const code = cell('Time Period', j) ?? '';
    if (!/^[A-Za-z0-9_.]{1,80}$/.test(code)) return err(`DDP column ${j + 1}: ${JSON.stringify(code)} is not a series code`);
    if (seen.has(code)) return err(`DDP column ${j + 1}: series code ${code} appears twice`);
    seen.add(code);
    const m = parseCell(cell('Multiplier', j) ?? '');
    if (m.kind !== 'number' || !(m.value > 0)) return err(`DDP ${code}: multiplier ${JSON.stringify(cell('Multiplier', j))} is not a positive number`);
    const currency = cell('Currency', j);
    meta.push({
      code,
      identifier: cell('Unique Identifier', j) || null,
      description: cell('Series Description', j) ?? '',
      unit: cell('Unit', j) ?? '',
      multiplier: m.value,
      currency: currency === null || currency === '' || DDP_MISSING.has(currency) ? null : currency,
    });
  }

  const obs: RawObservation[][] = meta.map(() => []);
  const dates = new Set<string>();
  for (let i = first; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const line = i + 1;
    if (row.length !== width) return err(`line ${line}: expected ${width} fields, got ${row.length} (truncated or malformed file)`);
    const date = (row[0] ?? '').trim();
    if (!isIsoDate(date)) return err(`line ${line}: period ${JSON.stringify(date)} is not a date (YYYY-MM-DD); only daily and weekly DDP files are read`);
    if (dates.has(date)) return err(`line ${line}: period ${date} appears twice`);
    dates.add(date);
    for (let j = 1; j < width; j++) {
      const raw = (row[j] ?? '').trim();
      const target = obs[j - 1];
      if (target === undefined) continue;
      if (DDP_MISSING.has(raw)) {
        target.push({ date, value: null });
        continue;
      }
      const c = parseCell(raw);
      if (c.kind === 'invalid') return err(`line ${line}, ${meta[j - 1]?.code ?? ''}: ${JSON.stringify(c.text)} is not a number`);
      target.push({ date, value: c.kind === 'number' ? c.value : null });
    }
  }
  if (dates.size === 0) return err('the DDP file has a header but no periods');
  return ok({ columns: meta.map((m, k) => ({ ...m, observations: obs[k] ?? [] })), periods: dates.size });
}
