/**
 * Issue 11 §5: the streamed file import agrees with the text import; UTF-16 files and DTS exports with
 * an extra column say what they are; and a refused import, whatever refuses it, changes nothing:
 * not the series' last error, not one byte of the database.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../../shared/catalog.js';
import { openDatabase, type Db } from '../../../../main/core/db/open-database.js';
import { getObservations } from '../../../../main/core/db/repos/observations-repo.js';
import { listSeries, recordSeriesError, upsertCatalog } from '../../../../main/core/db/repos/series-repo.js';
import { importCsvText, type ImportOptions } from '../../../../main/core/import/import-csv.js';
import { importCsvFile } from '../../../../main/core/import/import-file.js';
import { readData } from '../../../support/fixtures.js';
import { dataFile } from '../../../support/paths.js';
import { tempDir } from '../../../support/temp-dir.js';

const SEEN = '2026-12-01T12:00:00Z';
const DTS = 'fiscaldata/DTS_OpCashBal_20210624_20260623.csv';

let tmp: ReturnType<typeof tempDir>;
let db: Db;
let dbFile: string;
beforeEach(() => {
  tmp = tempDir();
  dbFile = path.join(tmp.dir, 'r.sqlite');
  db = openDatabase(dbFile);
  upsertCatalog(db, CATALOG);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

type Opts = Omit<ImportOptions, 'seenAt'>;
const write = (name: string, body: string | Buffer): string => {
  const f = path.join(tmp.dir, name);
  writeFileSync(f, body);
  return f;
};
const fromFile = async (file: string, opts: Opts = {}) => importCsvFile(db, file, { ...opts, seenAt: SEEN });
const fromText = (text: string, opts: Opts = {}) => importCsvText(db, text, { ...opts, seenAt: SEEN });

describe('the streamed file import (CLI) and the text import (app) agree', () => {
  const CASES: readonly { rel: string; opts?: Opts }[] = [
    { rel: 'fred/WALCL.csv' },
    { rel: DTS },
    // 2.1 MB: three 1 MiB chunks, rows cut at chunk boundaries.
    { rel: 'derived/heliar-k__market-base/rates.csv', opts: { column: 'ONRRP', seriesId: 'RRPONTSYAWARD' } },
    { rel: 'transcribed/fred_cache_2026-10.jonsflow__risk-model.csv' },
    { rel: 'ddp/FRB_H41.FilippoCaramatti__H8_report.csv' },
    { rel: 'derived/WCURCIR.cool1990__Invest_Dashboard_V2.csv', opts: { seriesId: 'WCURCIR' } },
  ];
  for (const c of CASES) {
    it(`${c.rel}${c.opts ? ` ${JSON.stringify(c.opts)}` : ''}`, async () => {
      const a = await fromFile(dataFile(c.rel), c.opts);
      expect(a.ok, a.ok ? '' : a.error).toBe(true);
      const stored = listSeries(db).map((s) => [s.id, s.rowCount, s.firstDate, s.lastDate]);
      // The same file again as text: every row is already there, unchanged.
      const b = fromText(readData(c.rel), c.opts);
      expect(b.ok, b.ok ? '' : b.error).toBe(true);
      if (!a.ok || !b.ok) return;
      expect(b.value.series.map((s) => [s.seriesId, s.rows, s.missing, s.unchanged])).toEqual(a.value.series.map((s) => [s.seriesId, s.rows, s.missing, s.inserted]));
      expect(listSeries(db).map((s) => [s.id, s.rowCount, s.firstDate, s.lastDate])).toEqual(stored);
    });
  }

  it('the DTS export (newest first) lands oldest first with the real closing balances', async () => {
    const r = await fromFile(dataFile(DTS));
    expect(r.ok && r.value.series[0]?.rows).toBe(1047);
    const obs = getObservations(db, 'TGA_DTS');
    expect(obs[0]?.date).toBe('2022-04-18');
    expect(obs.at(-1)?.date).toBe('2026-06-23');
  });
});

describe('UTF-16 files say "save as UTF-8"', () => {
  // The real DTS export converted to UTF-16 here, as Excel's "Unicode Text" would save it (labelled: CONVERTED).
  const text = readData(DTS).replace(/^\uFEFF/, '');
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le);
  be.swap16();
  const noBom = Buffer.from(text, 'utf16le');
  const CASES: readonly [string, Buffer, RegExp][] = [
    ['UTF-16LE with BOM', le, /UTF-16 \(little-endian byte-order mark FF FE\)/],
    ['UTF-16BE with BOM', be, /UTF-16 \(big-endian byte-order mark FE FF\)/],
    ['UTF-16LE without BOM', noBom, /UTF-16 \(every other (byte|character) is NUL\)/],
  ];
  for (const [what, bytes, kind] of CASES) {
    it(`${what} (CONVERTED from the real DTS export): the file and the app's text are refused`, async () => {
      const f = await fromFile(write(`DTS.${what.replaceAll(' ', '-')}.CONVERTED.csv`, bytes));
      expect(f.ok).toBe(false);
      if (!f.ok) expect(f.error).toMatch(kind);
      if (!f.ok) expect(f.error).toMatch(/not UTF-8: save it as UTF-8/);
      // The app reads the file with File.text(), i.e. as UTF-8: BOM bytes become U+FFFD, NULs stay.
      const t = fromText(bytes.toString('utf8'));
      expect(t.ok).toBe(false);
      if (!t.ok) expect(t.error).toMatch(/this file is UTF-16 .*not UTF-8: save it as UTF-8/);
      expect(getObservations(db, 'TGA_DTS')).toHaveLength(0);
    });
  }
});

describe('a DTS export with an extra column says what it is', () => {
  const text = readData(DTS).replace(/^\uFEFF/, '');
  const lines = text.split('\n');

  it('an extra column in front (a spreadsheet row number, EDITED from the real export) is still the DTS export', () => {
    const edited = lines.map((l, i) => (l === '' ? l : `${i === 0 ? 'row' : i},${l}`)).join('\n');
    const r = fromText(edited);
    expect(r.ok, r.ok ? '' : r.error).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ format: 'dts-csv', series: [{ seriesId: 'TGA_DTS', rows: 1047 }] });
  });

  it('rows with one more field than the header names (EDITED): refused, naming the DTS export and the extra column', async () => {
    const edited = lines.map((l, i) => (i === 0 || l === '' ? l : `${l},x`)).join('\n');
    const r = await fromFile(write('DTS.extra-field.EDITED.csv', edited));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^FiscalData CSV line 2: 16 fields under 15 column names — this DTS export has an extra column with no name in the header \(Record Date, Type of Account, .*\); re-download it from fiscaldata.treasury.gov/);
  });

  it('rows shorter than the header (EDITED: a column name added): refused, saying so', () => {
    const edited = lines.map((l, i) => (i === 0 ? `${l},Notes` : l)).join('\n');
    const r = fromText(edited);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^FiscalData CSV line 2: expected 16 fields, got 15 — this DTS export's rows are shorter than its header/);
  });
});

describe('a refused import changes nothing: last errors and the database file stay as they were', () => {
  const sha = (f: string): string => (existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex') : 'absent');
  const snapshot = (): string[] => [sha(dbFile), sha(`${dbFile}-wal`)];
  const mapValues = (text: string, f: (v: number) => string): string =>
    text
      .split('\n')
      .map((l, i) => {
        const [d, v] = l.split(',');
        return i === 0 || v === undefined || v === '' ? l : `${d},${f(Number(v))}`;
      })
      .join('\n');

  it('over parse errors, encodings, guards, write-check refusals and unknown series, from a file and as text', async () => {
    // Real stored data, each series with an earlier error on record (what `status` shows).
    for (const [rel, opts] of [['fred/WALCL.csv', {}], ['fred/WTREGEN.csv', {}], ['fred/RRPONTSYD.csv', {}], [DTS, {}]] as const) {
      const r = fromText(readData(rel), opts);
      expect(r.ok, r.ok ? '' : r.error).toBe(true);
    }
    for (const s of listSeries(db)) recordSeriesError(db, s.id, `an earlier sync error of ${s.id}`, '2026-11-30T00:00:00Z');
    const errorsBefore = listSeries(db).map((s) => [s.id, s.lastError, s.lastErrorAt]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = snapshot();

    const walcl = readData('fred/WALCL.csv');
    const wtregen = readData('fred/WTREGEN.csv');
    const rrp = readData('fred/RRPONTSYD.csv');
    const dts = readData(DTS);
    // Edited copies of the real files (each labelled by what was changed) and small synthetic ones.
    const CASES: readonly [string, string | Buffer, Opts, RegExp][] = [
      ['empty', '', {}, /the file is empty/],
      ['JSON', '{"observations":[]}', {}, /JSON is not an import format/],
      ['HTML', '<!DOCTYPE html><html><body>404</body></html>', {}, /HTML page/],
      ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(walcl, 'utf16le')]), {}, /save it as UTF-8/],
      ['a bad date (EDITED WALCL)', walcl.replace('2002-12-25', '2002-12-32'), {}, /line \d+: "2002-12-32" is not a date/],
      ['a non-number (EDITED WALCL)', walcl.replace(/\n(2003-01-01),(\d+)/, '\n$1,12abc'), {}, /"12abc" is not a number/],
      ['a truncated last line (EDITED WALCL)', `${walcl}2026-09-02`, {}, /expected 2 fields, got 1/],
      ['an unclosed quote (EDITED WALCL)', walcl.replace('2003-01-08,', '"2003-01-08,'), {}, /never closes/],
      ['a quote inside a field (EDITED WALCL)', walcl.replace('2003-01-08,', '2003-01-08x",'), {}, /a quote inside an unquoted field/],
      ['a first column not a date', 'when,WALCL\n2025-01-01,1\n', {}, /the first column must be "observation_date" or "DATE"/],
      ['a generic header without --series', 'date,value\n2025-01-01,1\n', {}, /say which series it is with --series ID/],
      ['another series than --series (WALCL as WRESBAL)', walcl, { seriesId: 'WRESBAL' }, /the file is for WALCL, not WRESBAL/],
      ['an unknown header id', 'observation_date,NOTASERIES\n2025-01-01,1\n', {}, /unknown series NOTASERIES/],
      ['an unknown --series', 'date,value\n2025-01-01,1\n', { seriesId: 'NOPE' }, /unknown series NOPE/],
      ['a long file without the asked series', 'series_id,observation_date,value\nWALCL,2025-01-01,1\n', { seriesId: 'WRESBAL' }, /this file has no rows for WRESBAL/],
      ['a long file of unknown series', 'series_id,observation_date,value\nNOPE,2025-01-01,1\n', {}, /none of the series in this file is in the catalog/],
      ['a DTS export into WALCL', dts, { seriesId: 'WALCL' }, /can only be imported into TGA_DTS/],
      ['a DTS export with --column', dts, { column: 'Opening Balance Today' }, /--column applies to multi-column CSV files/],
      ['a value outside the guard (EDITED WALCL ×1e6)', mapValues(walcl, (v) => String(v * 1e6)), {}, /outside the possible range/],
      ['a date twice with two values (EDITED WALCL)', `${walcl}2002-12-18,719000\n`, {}, /2002-12-18: two different values in one response/],
      ['a unit change (SYNTHETIC: real WTREGEN ÷ 1000)', mapValues(wtregen, (v) => (v / 1000).toFixed(6)), {}, /these values look like billions; WTREGEN is published in millions/],
      ['a weekly file in a daily series (EDITED: real RRPONTSYD cut to Wednesdays)', rrp.split('\n').filter((l, i) => i === 0 || (l !== '' && new Date(`${l.slice(0, 10)}T00:00:00Z`).getUTCDay() === 3)).join('\n'), {}, /these dates are weekly/],
      ['a row from the future (EDITED WALCL)', `${walcl}9999-12-29,7000000\n`, {}, /dated after today/],
      ['a row before the first possible date (EDITED WALCL)', `observation_date,WALCL\n1899-12-27,7000000\n${walcl.split('\n').slice(1).join('\n')}`, {}, /before WALCL's first possible date/],
      ['a long file whose second series is refused (EDITED)', `series_id,observation_date,value\nWALCL,2026-06-03,6711495\nWTREGEN,9999-12-29,800000\n`, {}, /nothing from this file was written/],
      ['--scale 0', walcl, { scale: 0 }, /--scale must be a positive number/],
    ];
    let n = 0;
    for (const [what, body, opts, message] of CASES) {
      const file = write(`case-${n++}.csv`, body);
      const f = await fromFile(file, opts);
      expect(f.ok, `${what} (file)`).toBe(false);
      if (!f.ok) expect(f.error, `${what} (file)`).toMatch(message);
      // The app's path gets the text as File.text() decodes it.
      const t = fromText(typeof body === 'string' ? body : body.toString('utf8'), opts);
      expect(t.ok, `${what} (text)`).toBe(false);
      if (!t.ok) expect(t.error, `${what} (text)`).toMatch(message);
    }
    expect(listSeries(db).map((s) => [s.id, s.lastError, s.lastErrorAt])).toEqual(errorsBefore);
    expect(snapshot()).toEqual(before);
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });
});

describe('the app’s size limit is the CLI’s', () => {
  it('the contract takes a text up to MAX_IMPORT_BYTES characters, the importer up to MAX_IMPORT_BYTES UTF-8 bytes', async () => {
    const { MAX_IMPORT_BYTES, validateRequest } = await import('../../../../shared/ipc/contract.js');
    expect(MAX_IMPORT_BYTES).toBe(64 * 1024 * 1024);
    // A 10-year DTS export is ~1.3 MB: the old 1,000,000-character limit refused it in the app.
    expect(validateRequest['import:csv']({ text: 'x'.repeat(1_300_000) }).ok).toBe(true);
    const over = validateRequest['import:csv']({ text: 'x'.repeat(MAX_IMPORT_BYTES + 1) });
    expect(over).toEqual({ ok: false, error: 'text must be a CSV file of at most 64 MB' });
    // Under the limit in characters, over it in bytes (two bytes per é), as the CLI measures a file.
    const r = fromText(`date,value\n${'é'.repeat(MAX_IMPORT_BYTES / 2)}`);
    expect(r).toEqual({ ok: false, error: `the file is ${MAX_IMPORT_BYTES + 11} bytes, over the ${MAX_IMPORT_BYTES}-byte limit` });
  });
});
