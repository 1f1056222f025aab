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
import { MAX_IMPORT_BYTES } from '../../../shared/ipc/contract.js';
import type { RawObservation } from '../../../shared/model/observation.js';
import type { NativeUnit } from '../../../shared/model/units.js';
import { toCanonical } from '../../../shared/model/units.js';
import { guardViolation } from '../../../shared/catalog.js';
import { looksLikeHtml, stripBom } from '../../../shared/parse/csv.js';
import { DayColumns, fredRows, longRows, wideRows, type RowReader } from '../../../shared/parse/csv-columns.js';
import { CsvRecordReader } from '../../../shared/parse/csv-stream.js';
import { isDdpCsv, parseDdpCsv } from '../../../shared/parse/ddp-csv.js';
import { mapDdpTable } from '../../../shared/parse/ddp-map.js';
import { encodingProblemOfText } from '../../../shared/parse/encoding.js';
import { DtsCsvReader, isDtsHeader } from '../../../shared/parse/fiscaldata.js';
import { parseFredCsv } from '../../../shared/parse/fred-csv.js';
import { isDateHeader, isLongHeader, wideColumnIndex } from '../../../shared/parse/table-csv.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import { epochDay, fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { findDef, removedMessage, removedSeries } from '../catalog/user-catalog.js';
import { BatchRefusedError, writeSeriesColumns, type WriteOptions, type WriteSummary } from '../db/repos/observations-repo.js';

/** The CLI and the app accept the same files: 64 MiB (shared/ipc/contract.ts, where the app's limit is checked). */
export { MAX_IMPORT_BYTES };


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

/**
 * One series' values from the file, before anything is written: file order, epoch days, values in
 * the file's units with NaN where the file marks a date missing (no parsed cell is NaN).
 */
interface Batch {
  readonly def: SeriesDef;
  readonly from: string | null;
  readonly days: Int32Array;
  readonly values: Float64Array;
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

/** Observations as a batch's columns (the small whole-text formats: DDP). */
function columnsOf(raw: readonly RawObservation[]): { days: Int32Array; values: Float64Array } {
  const days = new Int32Array(raw.length);
  const values = new Float64Array(raw.length);
  raw.forEach((o, i) => {
    days[i] = epochDay(o.date);
    values[i] = o.value ?? Number.NaN;
  });
  return { days, values };
}

/** How much of the start of a file decides its format (header, HTML, JSON, DDP, encoding). */
export const HEAD_CHARS = 64 * 1024;

const isJson = (head: string): boolean => /^[[{]/.test(stripBom(head).trimStart());

/**
 * The catalog an import writes into: the built-in series alone (no database at hand), or with the
 * FRED series the user added (`storeCatalog`), each with its own unit, frequency, guard and checks.
 */
export interface ImportCatalog {
  find(id: string): SeriesDef | undefined;
  /** Why `id` is not in the catalog, in one sentence. */
  unknown(id: string): string;
}

const unknownSeries = (id: string): string => `unknown series ${id.toUpperCase()}; \`status\` lists the catalog`;

export const BUILT_IN_CATALOG: ImportCatalog = { find: findSeries, unknown: unknownSeries };

/** The built-in catalog and the user's FRED series in `db`; an id the user removed says so. */
export function storeCatalog(db: Db): ImportCatalog {
  return {
    find: (id) => findDef(db, id),
    unknown: (id) => {
      const gone = removedSeries(db, id);
      return gone === undefined ? unknownSeries(id) : removedMessage(gone);
    },
  };
}

/** Whether `def` is FRED's series `header` under its own id (a user series such as SOFR_FRED for FRED's SOFR). */
const isFredCopy = (def: SeriesDef | undefined, header: string): boolean => def?.sourceKey.kind === 'fred' && def.sourceKey.fredId === header.toUpperCase();

function lookup(id: string, catalog: ImportCatalog): Result<SeriesDef> {
  const def = catalog.find(id);
  return def === undefined ? err(catalog.unknown(id)) : ok(def);
}

/** Write options for every import; the one place import flags reach the write path. */
function writeOptions(def: SeriesDef, opts: ImportOptions): WriteOptions {
  const today = opts.seenAt.slice(0, 10) as IsoDate;
  const flags = { ...(opts.scale === undefined ? {} : { scale: opts.scale }), ...(opts.allowFrequency === true ? { allowFrequency: true } : {}) };
  return { origin: 'import', mode: 'overwrite', seenAt: opts.seenAt, checks: { def, today, ...flags }, ...(opts.scale === undefined ? {} : { scale: opts.scale }) };
}

/** The file's value × --scale; a factor like 0.001 divides by 1000 instead, as toCanonical does, to avoid float noise. */
function scaler(scale: number | undefined): ((v: number) => number) | null {
  if (scale === undefined || scale === 1) return null;
  const inv = Math.round(1 / scale);
  const divide = scale < 1 && Math.abs(1 / scale - inv) < 1e-9;
  return (v) => Math.round((divide ? v / inv : v * scale) * 1e9) / 1e9;
}

interface Prepared {
  readonly days: Int32Array;
  readonly values: Float64Array;
  readonly missing: number;
}

/**
 * prepareBatch (shared/model/observation.ts) on columns, in place: --scale, canonical units, the
 * magnitude guard, then ascending dates with a date given twice kept once when its values agree
 * and refused when they differ. One impossible value refuses the batch.
 */
function prepareColumns(def: SeriesDef, batch: Batch, scale: number | undefined): Result<Prepared> {
  const { days, values } = batch;
  const f = scaler(scale);
  const { min, max } = def.guard;
  let n = 0;
  let missing = 0;
  let ascending = true;
  for (let i = 0; i < days.length; i++) {
    const raw = values[i] ?? Number.NaN;
    if (Number.isNaN(raw)) {
      missing++;
      continue;
    }
    const v = toCanonical(f === null ? raw : f(raw), def.conversion);
    const d = days[i] ?? 0;
    // Inside [min, max] no guard rule can fire (a lower bound before `minFrom` only widens it), so
    // the date string is built only for the rare value outside.
    if (!(v >= min && v <= max)) {
      const problem = guardViolation(def, fromEpochDay(d), v);
      if (problem !== null) return err(problem);
    }
    if (n > 0 && d < (days[n - 1] ?? 0)) ascending = false;
    days[n] = d;
    values[n++] = v;
  }
  let d = days.subarray(0, n);
  let v = values.subarray(0, n);
  if (!ascending) {
    // A stable sort of row numbers by date, so the first of two rows for one date stays first (as in the file).
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (d[a] ?? 0) - (d[b] ?? 0) || a - b);
    const sd = new Int32Array(n);
    const sv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = order[i] ?? 0;
      sd[i] = d[k] ?? 0;
      sv[i] = v[k] ?? Number.NaN;
    }
    d = sd;
    v = sv;
  }
  let k = 0;
  for (let i = 0; i < n; i++) {
    const day = d[i] ?? 0;
    const value = v[i] ?? Number.NaN;
    if (k > 0 && day === d[k - 1]) {
      const prev = v[k - 1] ?? Number.NaN;
      if (prev !== value) return err(`${def.id} ${fromEpochDay(day)}: two different values in one response (${prev} and ${value})`);
      continue;
    }
    d[k] = day;
    v[k++] = value;
  }
  return ok({ days: d.subarray(0, k), values: v.subarray(0, k), missing });
}

/**
 * Imports a file's whole text (the app sends it over IPC or HTTP). The text is read line by line
 * into typed columns (csv-stream.ts), as the CLI's streamed file is: no table of rows is built.
 */
export function importCsvText(db: Db, text: string, opts: ImportOptions): Result<ImportReport> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_IMPORT_BYTES) return err(`the file is ${bytes} bytes, over the ${MAX_IMPORT_BYTES}-byte limit`);
  const catalog = storeCatalog(db);
  const start = beginImport(text.slice(0, HEAD_CHARS), text.length <= HEAD_CHARS, opts, catalog);
  if (!start.ok) return start;
  const s = start.value;
  if (s.kind === 'whole') return writeImport(db, pickWhole(text, opts, catalog), opts);
  s.reader.push(text);
  return writeImport(db, s.reader.end(), opts);
}

/** How a file is read once its start is known: streamed into columns, or (DDP, small) as a whole text. */
export type ImportStart = { readonly kind: 'stream'; readonly reader: StreamPicker } | { readonly kind: 'whole' };

/**
 * The checks on the start of a file, before any of it is parsed: options, encoding, JSON, HTML,
 * empty. `head` is the first HEAD_CHARS characters; `complete` says it is the whole file.
 */
export function beginImport(head: string, complete: boolean, opts: ImportOptions, catalog: ImportCatalog = BUILT_IN_CATALOG): Result<ImportStart> {
  if (opts.scale !== undefined && !(Number.isFinite(opts.scale) && opts.scale > 0)) return err(`--scale must be a positive number, got ${opts.scale}`);
  if (complete && head.trim() === '') return err('the file is empty');
  const encoding = encodingProblemOfText(head);
  if (encoding !== null) return err(encoding);
  if (isJson(head)) return err('JSON is not an import format; download CSV');
  const src = stripBom(head);
  // parseFredCsv names the HTML page for what it is (FRED's answer to an unknown id).
  if (looksLikeHtml(src)) {
    const p = parseFredCsv(src);
    return p.ok ? err('got an HTML page instead of CSV') : p;
  }
  // A DDP file is a release's few hundred rows (H.4.1, H.8) with a block of header rows: read whole.
  if (isDdpCsv(src)) return ok({ kind: 'whole' });
  return ok({ kind: 'stream', reader: new StreamPicker(opts, catalog) });
}

/** Converts, guards and writes a picked file: all or nothing. */
export function writeImport(db: Db, picked: Result<Picked>, opts: ImportOptions): Result<ImportReport> {
  if (!picked.ok) return picked;
  const { format, batches, skipped } = picked.value;

  // Convert and guard every series before writing any: one impossible value refuses the file.
  const prepared: { batch: Batch; rows: Prepared }[] = [];
  for (const batch of batches) {
    const p = prepareColumns(batch.def, batch, opts.scale);
    if (!p.ok) {
      // A value out of range after a user-stated factor is most likely that factor: say so.
      const stated = opts.scale !== undefined && opts.scale !== 1 ? ` (after your --scale ${opts.scale}: check it)` : '';
      return err(batches.length > 1 ? `${p.error}${stated} (nothing from this file was written)` : `${p.error}${stated}`);
    }
    prepared.push({ batch, rows: p.value });
  }
  // writeSeriesColumns opens its own transaction; inside this one it becomes a savepoint, so a throw
  // in any series (a refused batch, a full disk) rolls back every series of the file.
  try {
    const series = db.transaction(() =>
      prepared.map(({ batch, rows }): SeriesImport => {
        const w = writeSeriesColumns(db, batch.def.id, rows, writeOptions(batch.def, opts));
        return { ...w, seriesId: batch.def.id, from: batch.from, rows: rows.days.length, missing: rows.missing };
      }),
    ).immediate();
    return ok({ format, series, skipped });
  } catch (e) {
    if (!(e instanceof BatchRefusedError)) throw e;
    // A refused import leaves the database byte for byte as it was (issue 10 §1): the message goes
    // straight to whoever imported, so nothing is recorded on the series.
    return err(batches.length > 1 ? `${e.message} (nothing from this file was written)` : e.message);
  }
}

export interface Picked {
  readonly format: ImportFormat;
  readonly batches: readonly Batch[];
  readonly skipped: readonly ImportSkipped[];
}

/**
 * The streamed formats (FRED two-column, DTS export, long, wide), fed chunk by chunk. The header
 * record decides the format and every option check, so a wrong file is refused before its rows
 * are read; each row then lands in typed columns.
 */
export class StreamPicker {
  private readonly opts: ImportOptions;
  private readonly catalog: ImportCatalog;
  private readonly csv: CsvRecordReader;
  private rows: RowReader | null = null;
  private result: (() => Result<Picked>) | null = null;

  constructor(opts: ImportOptions, catalog: ImportCatalog = BUILT_IN_CATALOG) {
    this.opts = opts;
    this.catalog = catalog;
    this.csv = new CsvRecordReader((fields, index) => (index === 0 ? this.header(fields) : (this.rows?.(fields, index) ?? null)));
  }

  /** The first error so far (a parse error or a refused header), or null. */
  get failed(): string | null {
    return this.csv.failed;
  }

  push(chunk: string): string | null {
    return this.csv.push(chunk);
  }

  end(): Result<Picked> {
    const e = this.csv.end();
    if (e !== null) return err(e);
    return this.result === null ? err('the file is empty') : this.result();
  }

  /** Chooses the format from the header; null, or why the file is refused. */
  private header(header: string[]): string | null {
    const opts = this.opts;
    if (isDtsHeader(header)) {
      if (opts.column !== undefined) return '--column applies to multi-column CSV files, not to a FiscalData DTS export';
      const def = this.catalog.find(opts.seriesId ?? 'TGA_DTS');
      if (def?.id !== 'TGA_DTS') return 'a FiscalData DTS export can only be imported into TGA_DTS';
      const reader = DtsCsvReader.open(header);
      if (!reader.ok) return reader.error;
      this.rows = (row, i) => reader.value.row(row, i);
      this.result = () => {
        const done = reader.value.finish();
        if (!done.ok) return done;
        return ok({ format: 'dts-csv', batches: [{ def, from: null, ...columnsOf(done.value.observations) }], skipped: [] });
      };
      return null;
    }
    if (isLongHeader(header)) return this.long(header);
    if (header.length === 2 && opts.column === undefined) return this.fred(header);
    return this.wide(header);
  }

  private fred(header: readonly string[]): string | null {
    const opts = this.opts;
    const [h0, h1] = header.map((h) => h.trim());
    if (h0 === undefined || h1 === undefined || !isDateHeader(h0)) return `the first column must be "observation_date" or "DATE", got ${JSON.stringify(h0 ?? '')}`;
    const headerId = h1.toLowerCase() === 'value' ? null : h1.toUpperCase();
    if (headerId !== null && !/^[A-Z0-9_]{1,40}$/.test(headerId)) return `the second header ${JSON.stringify(h1)} is not a series id`;
    const id = opts.seriesId ?? headerId;
    if (id === null) return 'this file has a generic "date,value" header: say which series it is with --series ID';
    const def = lookup(id, this.catalog);
    if (!def.ok) return def.error;
    // FRED's own file for a series the user added under another id (SOFR for SOFR_FRED) is that series.
    if (opts.seriesId !== undefined && headerId !== null && headerId !== opts.seriesId.toUpperCase() && !isFredCopy(def.value, headerId)) return `the file is for ${headerId}, not ${opts.seriesId.toUpperCase()}`;
    const cols = new DayColumns();
    this.rows = fredRows(cols);
    this.result = () => (cols.length === 0 ? err('the file has a header but no observations') : ok({ format: 'fred-csv', batches: [{ def: def.value, from: null, days: cols.days, values: cols.values }], skipped: [] }));
    return null;
  }

  private wide(raw: readonly string[]): string | null {
    const opts = this.opts;
    const header = raw.map((h) => h.trim());
    if (!isDateHeader(header[0] ?? '')) return `the first column must be "observation_date" or "DATE", got ${JSON.stringify(header[0] ?? '')} (header: ${header.join(',')})`;
    const columns = header.slice(1);
    const listed = columns.join(', ');
    let index: number;
    if (opts.column !== undefined) {
      index = wideColumnIndex(header, opts.column);
      if (index < 1) return `no column ${JSON.stringify(opts.column)} in this file; its columns are ${listed}`;
    } else {
      // Without --column, a column may be taken only when --series names it exactly.
      const want = opts.seriesId;
      if (want === undefined) return `this file has ${columns.length} value columns (${listed}): say which to import with --column NAME [--series ID]`;
      index = wideColumnIndex(header, want);
      if (index < 1) return `no column is named ${want.toUpperCase()}; this file's columns are ${listed}: pick one with --column NAME --series ${want.toUpperCase()}`;
    }
    const name = header[index] ?? '';
    const headerDef = this.catalog.find(name);
    const def = lookup(opts.seriesId ?? name, this.catalog);
    if (!def.ok) return opts.seriesId === undefined ? `column ${name} is not a catalog series id: say which series it is with --series ID` : def.error;
    // A column headed with another catalog id is that series: importing it as a different one is refused.
    if (headerDef !== undefined && headerDef.id !== def.value.id && !isFredCopy(def.value, name)) return `column ${name} is ${headerDef.id}, not ${def.value.id}`;
    const cols = new DayColumns();
    this.rows = wideRows(cols, header.length, index, name);
    this.result = () => (cols.length === 0 ? err('the file has a header but no observations') : ok({ format: 'wide-csv', batches: [{ def: def.value, from: name, days: cols.days, values: cols.values }], skipped: [] }));
    return null;
  }

  private long(header: readonly string[]): string | null {
    const opts = this.opts;
    if (opts.column !== undefined) return '--column does not apply to a long "series_id,observation_date,value" file; use --series ID to import one series';
    const bySeries = new Map<string, DayColumns>();
    this.rows = longRows(header, bySeries);
    this.result = () => {
      if (bySeries.size === 0) return err('the file has a header but no observations');
      const want = opts.seriesId?.toUpperCase();
      const ids = [...bySeries.keys()];
      if (want !== undefined && !ids.includes(want)) return err(`this file has no rows for ${want}; it holds ${ids.join(', ')}`);
      const batches: Batch[] = [];
      const skipped: ImportSkipped[] = [];
      for (const [id, cols] of bySeries) {
        if (want !== undefined && id !== want) continue;
        const def = this.catalog.find(id);
        if (def === undefined) {
          if (want !== undefined) return err(this.catalog.unknown(id));
          skipped.push({ column: id, reason: 'not a catalog series' });
          continue;
        }
        batches.push({ def, from: id, days: cols.days, values: cols.values });
      }
      if (batches.length === 0) return err(`none of the series in this file is in the catalog (${ids.join(', ')})`);
      return ok({ format: 'long-csv', batches, skipped });
    };
    return null;
  }
}

/** The whole-text formats (DDP). */
function pickWhole(text: string, opts: ImportOptions, catalog: ImportCatalog): Result<Picked> {
  return pickDdp(stripBom(text), opts, catalog);
}

function pickDdp(text: string, opts: ImportOptions, catalog: ImportCatalog): Result<Picked> {
  const table = parseDdpCsv(text);
  if (!table.ok) return table;
  const mapped = mapDdpTable(table.value);
  const skipped: ImportSkipped[] = mapped.skipped.map((s) => ({ column: s.code, reason: s.reason }));
  const batches: Batch[] = [];
  for (const s of mapped.series) {
    const def = catalog.find(s.fredId);
    if (def === undefined) {
      skipped.push({ column: s.code, reason: `maps to FRED ${s.fredId}, which is not in the catalog` });
      continue;
    }
    const raw = toNative(s.observations, s.nativeUnit, def.conversion.native);
    if (raw === null) {
      skipped.push({ column: s.code, reason: `${def.id} is in ${def.conversion.native}, this column in ${s.nativeUnit}` });
      continue;
    }
    batches.push({ def, from: s.code, ...columnsOf(raw) });
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
    const wanted = catalog.find(want)?.id;
    chosen = chosen.filter((b) => b.def.id === wanted);
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
