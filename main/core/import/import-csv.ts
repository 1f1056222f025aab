/**
 * `import FILE`: the files analysts behind firewalls download by hand, with the same conversion,
 * guards and atomicity as a sync. Formats, detected by content (not by file name):
 * - `fred-csv`: FRED's two-column CSV (`observation_date,ID`, legacy `DATE,ID`, or `date,value` + --series);
 * - `dts-csv`: a FiscalData Daily Treasury Statement export (into TGA_DTS);
 * - `ddp-csv`: a Federal Reserve Data Download Program file (H.4.1, H.8): every column whose DDP code
 *   maps to a catalog series (shared/parse/ddp-map.ts), multiplier applied; the rest listed as skipped;
 * - `long-csv`: `series_id,observation_date,value`: every catalog series it holds (or only --series);
 * - `wide-csv`: `DATE,EFFR,IOER,Spread`: exactly one column, named by --column (or by --series when
 *   a column header is that id). A column is never picked by resemblance.
 * JSON is refused by content with a sentence saying what to download instead.
 *
 * Atomicity: all or nothing per file. Every series is converted and guarded first; one bad series
 * refuses the file, and the writes of all its series run in one transaction.
 */
import { findSeries, type SeriesDef } from '../../../shared/catalog.js';
import { prepareBatch, type Observation, type RawObservation } from '../../../shared/model/observation.js';
import type { NativeUnit } from '../../../shared/model/units.js';
import { looksLikeHtml, parseCsv, stripBom } from '../../../shared/parse/csv.js';
import { isDdpCsv, parseDdpCsv } from '../../../shared/parse/ddp-csv.js';
import { mapDdpTable } from '../../../shared/parse/ddp-map.js';
import { parseDtsCsv } from '../../../shared/parse/fiscaldata.js';
import { parseFredCsv } from '../../../shared/parse/fred-csv.js';
import { isDateHeader, isLongHeader, parseLongTable, readWideColumn, wideColumnIndex } from '../../../shared/parse/table-csv.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { BatchRefusedError, writeSeriesBatch, type WriteOptions, type WriteSummary } from '../db/repos/observations-repo.js';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export type ImportFormat = 'fred-csv' | 'dts-csv' | 'ddp-csv' | 'long-csv' | 'wide-csv';

export interface ImportOptions {
  /** The catalog series to import into (or, for DDP and long files, the only one to import). */
  readonly seriesId?: string;
  /** The column to read: a header name in a wide file, a series code in a DDP file. */
  readonly column?: string;
  /** ISO instant; its UTC date is "today" for the write checks' no-future-dates rule. */
  readonly seenAt: string;
  /**
   * `import --scale F`: every value in the file is multiplied by F before conversion (a file in
   * other units than the series' native ones); passed to the write checks and recorded on revisions.
   */
  readonly scale?: number;
  /** `import --allow-frequency`: the user says a file of another frequency than the series is meant. */
  readonly allowFrequency?: boolean;
}

export interface SeriesImport extends WriteSummary {
  readonly seriesId: string;
  /** Where in the file it came from: the column header or DDP code, or null for one-series files. */
  readonly from: string | null;
  readonly rows: number;
  /** Dates the file marks missing (or leaves empty): not stored. */
  readonly missing: number;
}

export interface ImportSkipped {
  /** The column header, DDP code or long-format series id that was not imported. */
  readonly column: string;
  readonly reason: string;
}

export interface ImportReport {
  readonly format: ImportFormat;
  /** Every series written, in file order; at least one. */
  readonly series: readonly SeriesImport[];
  /** Columns or ids in the file that were not imported, with why (DDP and long files). */
  readonly skipped: readonly ImportSkipped[];
}

/** One series' converted batch, before anything is written. */
interface Batch {
  readonly def: SeriesDef;
  readonly from: string | null;
  readonly raw: readonly RawObservation[];
}

/** Money units by their size in dollars; other units convert only to themselves. */
const MONEY_SIZE: Partial<Record<NativeUnit, number>> = { usd: 1, usd_mn: 1e6, usd_bn: 1e9 };

/**
 * Rescales values from a file's declared unit to the catalog series' native unit (an H.8 DDP file
 * is in millions; FRED's H.8 ids are in billions). Null when the units cannot be converted.
 */
function toNative(raw: readonly RawObservation[], from: NativeUnit, to: NativeUnit): readonly RawObservation[] | null {
  if (from === to) return raw;
  const a = MONEY_SIZE[from];
  const b = MONEY_SIZE[to];
  if (a === undefined || b === undefined) return null;
  // Divide or multiply by an exact integer ratio, then round off float noise (as toCanonical does).
  const f = (v: number): number => Math.round((a > b ? v * (a / b) : v / (b / a)) * 1e9) / 1e9;
  return raw.map((o) => (o.value === null ? o : { date: o.date, value: f(o.value) }));
}

const isJson = (text: string): boolean => /^[[{]/.test(stripBom(text).trimStart());

function lookup(id: string): Result<SeriesDef> {
  const def = findSeries(id);
  return def === undefined ? err(`unknown series ${id.toUpperCase()}; \`status\` lists the catalog`) : ok(def);
}

/** Write options for every import; the one place import flags reach the write path. */
function writeOptions(def: SeriesDef, opts: ImportOptions): WriteOptions {
  const today = opts.seenAt.slice(0, 10) as IsoDate;
  const flags = { ...(opts.scale === undefined ? {} : { scale: opts.scale }), ...(opts.allowFrequency === true ? { allowFrequency: true } : {}) };
  return { origin: 'import', mode: 'overwrite', seenAt: opts.seenAt, checks: { def, today, ...flags }, ...(opts.scale === undefined ? {} : { scale: opts.scale }) };
}

/** The file's values × --scale; a factor like 0.001 divides by 1000 instead, as toCanonical does, to avoid float noise. */
function applyScale(raw: readonly RawObservation[], scale: number | undefined): readonly RawObservation[] {
  if (scale === undefined || scale === 1) return raw;
  const inv = Math.round(1 / scale);
  const divide = scale < 1 && Math.abs(1 / scale - inv) < 1e-9;
  const f = (v: number): number => Math.round((divide ? v / inv : v * scale) * 1e9) / 1e9;
  return raw.map((o) => (o.value === null ? o : { date: o.date, value: f(o.value) }));
}

export function importCsvText(db: Db, text: string, opts: ImportOptions): Result<ImportReport> {
  if (text.trim() === '') return err('the file is empty');
  if (opts.scale !== undefined && !(Number.isFinite(opts.scale) && opts.scale > 0)) return err(`--scale must be a positive number, got ${opts.scale}`);
  if (isJson(text)) return err('JSON is not an import format; download CSV');
  const picked = pick(text, opts);
  if (!picked.ok) return picked;
  const { format, batches, skipped } = picked.value;

  // Convert and guard every series before writing any: one impossible value refuses the file.
  const prepared: { batch: Batch; rows: readonly Observation[]; missing: number }[] = [];
  for (const batch of batches) {
    const p = prepareBatch(batch.def, applyScale(batch.raw, opts.scale));
    if (!p.ok) {
      // A value out of range after a user-stated factor is most likely that factor: say so.
      const stated = opts.scale !== undefined && opts.scale !== 1 ? ` (after your --scale ${opts.scale}: check it)` : '';
      return err(batches.length > 1 ? `${p.error}${stated} (nothing from this file was written)` : `${p.error}${stated}`);
    }
    prepared.push({ batch, rows: p.value.rows, missing: p.value.missing });
  }
  // writeSeriesBatch opens its own transaction; inside this one it becomes a savepoint, so a throw
  // in any series (a refused batch, a full disk) rolls back every series of the file.
  try {
    const series = db.transaction(() =>
      prepared.map(({ batch, rows, missing }): SeriesImport => {
        const w = writeSeriesBatch(db, batch.def.id, rows, writeOptions(batch.def, opts));
        return { ...w, seriesId: batch.def.id, from: batch.from, rows: rows.length, missing };
      }),
    )();
    return ok({ format, series, skipped });
  } catch (e) {
    if (!(e instanceof BatchRefusedError)) throw e;
    // A refused import leaves the database byte for byte as it was (issue 10 §1): the message goes
    // straight to whoever imported, so nothing is recorded on the series.
    return err(batches.length > 1 ? `${e.message} (nothing from this file was written)` : e.message);
  }
}

interface Picked {
  readonly format: ImportFormat;
  readonly batches: readonly Batch[];
  readonly skipped: readonly ImportSkipped[];
}

/** Detects the format and decides which series the file gives, from the options alone. */
function pick(text: string, opts: ImportOptions): Result<Picked> {
  const src = stripBom(text);
  // parseFredCsv names the HTML page for what it is (FRED's answer to an unknown id).
  if (looksLikeHtml(src)) return pickFred(src, opts);
  if (src.startsWith('Record Date,')) {
    if (opts.column !== undefined) return err('--column applies to multi-column CSV files, not to a FiscalData DTS export');
    return pickDts(src, opts);
  }
  if (isDdpCsv(src)) return pickDdp(src, opts);
  const table = parseCsv(src);
  if (!table.ok) return table;
  const header = table.value[0] ?? [];
  if (isLongHeader(header)) return pickLong(table.value, opts);
  if (header.length === 2 && opts.column === undefined) return pickFred(src, opts);
  return pickWide(table.value, opts);
}

function pickDts(text: string, opts: ImportOptions): Result<Picked> {
  const parsed = parseDtsCsv(text);
  if (!parsed.ok) return parsed;
  const def = findSeries(opts.seriesId ?? 'TGA_DTS');
  if (def?.id !== 'TGA_DTS') return err('a FiscalData DTS export can only be imported into TGA_DTS');
  return ok({ format: 'dts-csv', batches: [{ def, from: null, raw: parsed.value.observations }], skipped: [] });
}

function pickFred(text: string, opts: ImportOptions): Result<Picked> {
  const parsed = parseFredCsv(text);
  if (!parsed.ok) return parsed;
  const id = opts.seriesId ?? parsed.value.headerId;
  if (id === null) return err('this file has a generic "date,value" header: say which series it is with --series ID');
  if (opts.seriesId !== undefined && parsed.value.headerId !== null && parsed.value.headerId !== opts.seriesId.toUpperCase()) {
    return err(`the file is for ${parsed.value.headerId}, not ${opts.seriesId.toUpperCase()}`);
  }
  const def = lookup(id);
  if (!def.ok) return def;
  return ok({ format: 'fred-csv', batches: [{ def: def.value, from: null, raw: parsed.value.observations }], skipped: [] });
}

function pickWide(table: readonly (readonly string[])[], opts: ImportOptions): Result<Picked> {
  const header = (table[0] ?? []).map((h) => h.trim());
  if (!isDateHeader(header[0] ?? '')) {
    return err(`the first column must be "observation_date" or "DATE", got ${JSON.stringify(header[0] ?? '')} (header: ${header.join(',')})`);
  }
  const columns = header.slice(1);
  const listed = columns.join(', ');
  let index: number;
  if (opts.column !== undefined) {
    index = wideColumnIndex(header, opts.column);
    if (index < 1) return err(`no column ${JSON.stringify(opts.column)} in this file; its columns are ${listed}`);
  } else {
    // Without --column, a column may be taken only when --series names it exactly.
    const want = opts.seriesId;
    if (want === undefined) return err(`this file has ${columns.length} value columns (${listed}): say which to import with --column NAME [--series ID]`);
    index = wideColumnIndex(header, want);
    if (index < 1) return err(`no column is named ${want.toUpperCase()}; this file's columns are ${listed}: pick one with --column NAME --series ${want.toUpperCase()}`);
  }
  const name = header[index] ?? '';
  const headerDef = findSeries(name);
  const id = opts.seriesId ?? name;
  const def = lookup(id);
  if (!def.ok) return opts.seriesId === undefined ? err(`column ${name} is not a catalog series id: say which series it is with --series ID`) : def;
  // A column headed with another catalog id is that series: importing it as a different one is refused.
  if (headerDef !== undefined && headerDef.id !== def.value.id) return err(`column ${name} is ${headerDef.id}, not ${def.value.id}`);
  const raw = readWideColumn(table, index);
  if (!raw.ok) return raw;
  return ok({ format: 'wide-csv', batches: [{ def: def.value, from: name, raw: raw.value }], skipped: [] });
}

function pickLong(table: readonly (readonly string[])[], opts: ImportOptions): Result<Picked> {
  if (opts.column !== undefined) return err('--column does not apply to a long "series_id,observation_date,value" file; use --series ID to import one series');
  const parsed = parseLongTable(table);
  if (!parsed.ok) return parsed;
  const want = opts.seriesId?.toUpperCase();
  const ids = parsed.value.map((s) => s.id);
  if (want !== undefined && !ids.includes(want)) return err(`this file has no rows for ${want}; it holds ${ids.join(', ')}`);
  const batches: Batch[] = [];
  const skipped: ImportSkipped[] = [];
  for (const s of parsed.value) {
    if (want !== undefined && s.id !== want) continue;
    const def = findSeries(s.id);
    if (def === undefined) {
      if (want !== undefined) return err(`unknown series ${s.id}; \`status\` lists the catalog`);
      skipped.push({ column: s.id, reason: 'not a catalog series' });
      continue;
    }
    batches.push({ def, from: s.id, raw: s.observations });
  }
  if (batches.length === 0) return err(`none of the series in this file is in the catalog (${ids.join(', ')})`);
  return ok({ format: 'long-csv', batches, skipped });
}

function pickDdp(text: string, opts: ImportOptions): Result<Picked> {
  const table = parseDdpCsv(text);
  if (!table.ok) return table;
  const mapped = mapDdpTable(table.value);
  const skipped: ImportSkipped[] = mapped.skipped.map((s) => ({ column: s.code, reason: s.reason }));
  const batches: Batch[] = [];
  for (const s of mapped.series) {
    const def = findSeries(s.fredId);
    if (def === undefined) {
      skipped.push({ column: s.code, reason: `maps to FRED ${s.fredId}, which is not in the catalog` });
      continue;
    }
    const raw = toNative(s.observations, s.nativeUnit, def.conversion.native);
    if (raw === null) {
      skipped.push({ column: s.code, reason: `${def.id} is in ${def.conversion.native}, this column in ${s.nativeUnit}` });
      continue;
    }
    batches.push({ def, from: s.code, raw });
  }
  const col = opts.column?.trim().toUpperCase();
  const want = opts.seriesId?.toUpperCase();
  let chosen = batches;
  if (col !== undefined) {
    const why = skipped.find((s) => s.column.toUpperCase() === col);
    if (why !== undefined) return err(`DDP column ${why.column} is not imported: ${why.reason}`);
    chosen = chosen.filter((b) => (b.from ?? '').toUpperCase() === col);
    if (chosen.length === 0) return err(`this DDP file has no column ${opts.column ?? ''}`);
  }
  if (want !== undefined) {
    const all = chosen;
    chosen = chosen.filter((b) => b.def.id === findSeries(want)?.id);
    if (chosen.length === 0) {
      const ids = all.map((b) => `${b.def.id} (${b.from ?? ''})`).join(', ');
      return err(col !== undefined ? `DDP column ${opts.column ?? ''} is ${ids}, not ${want}` : `no column of this DDP file maps to ${want}; it gives ${ids || 'no catalog series'}`);
    }
  }
  if (chosen.length === 0) return err(`no column of this DDP file maps to a catalog series (${skipped.length} columns skipped, e.g. ${skipped.slice(0, 3).map((s) => s.column).join(', ')})`);
  // With --series or --column the other mapped columns are left out on purpose: list them as skipped too.
  const left = batches.filter((b) => !chosen.includes(b)).map((b) => ({ column: b.from ?? '', reason: `maps to ${b.def.id}; not asked for` }));
  return ok({ format: 'ddp-csv', batches: chosen, skipped: [...skipped, ...left] });
}
