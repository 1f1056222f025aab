/** importCsvText on a fresh store: DDP, multi-column, long format, JSON refusal, all or nothing per file. */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG, findSeries } from '../../../../shared/catalog.js';
import { openDatabase, type Db } from '../../../../main/core/db/open-database.js';
import { getObservations } from '../../../../main/core/db/repos/observations-repo.js';
import { getSeries, upsertCatalog } from '../../../../main/core/db/repos/series-repo.js';
import { importCsvText, type ImportOptions, type ImportReport } from '../../../../main/core/import/import-csv.js';
import { parseCsv } from '../../../../shared/parse/csv.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { readData } from '../../../support/fixtures.js';
import { tempDir } from '../../../support/temp-dir.js';

const H41 = readData('ddp/FRB_H41.FilippoCaramatti__H8_report.csv');
const H8 = readData('ddp/FRB_H8_all.FilippoCaramatti__H8_report.csv');
const LONG = readData('transcribed/fred_cache_2026-10.jonsflow__risk-model.csv');
const RATES = readData('derived/heliar-k__market-base/rates.csv');
const SEEN = '2026-12-01T12:00:00Z';

let tmp: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(path.join(tmp.dir, 'r.sqlite'));
  upsertCatalog(db, CATALOG);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

type Opts = Omit<ImportOptions, 'seenAt'>;
const run = (text: string, opts: Opts = {}): ImportReport => {
  const r = importCsvText(db, text, { ...opts, seenAt: SEEN });
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const refused = (text: string, opts: Opts = {}): string => {
  const r = importCsvText(db, text, { ...opts, seenAt: SEEN });
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(r.value.series.map((s) => s.seriesId))}`);
  return r.error;
};
const value = (id: string, date: string): number | undefined => getObservations(db, id, date as IsoDate, date as IsoDate)[0]?.value;
const count = (id: string): number => getObservations(db, id).length;
const inCatalog = (id: string): boolean => findSeries(id) !== undefined;

/**
 * `DATE,EFFR,IOER,Spread` as an analyst's spreadsheet keeps it: real EFFR (derived/EFFR) and IOER
 * (derived/…/ioer.csv) for 2019-09-10 … 2019-09-19, the spread computed by the analyst. IOER is
 * published every calendar day, EFFR on business days, so weekends leave EFFR empty.
 */
function effrIoerFile(): string {
  const read = (rel: string): Map<string, string> => {
    const t = parseCsv(readData(rel));
    if (!t.ok) throw new Error(t.error);
    return new Map(t.value.slice(1).map((r) => [r[0] ?? '', r[1] ?? '']));
  };
  const effr = read('derived/EFFR.jonsflow__risk-model.csv');
  const ioer = read('derived/jmbejara__blank_project/ioer.csv');
  const lines = ['DATE,EFFR,IOER,Spread'];
  for (const [date, i] of ioer) {
    if (date < '2019-09-10' || date > '2019-09-19') continue;
    const e = effr.get(date) ?? '';
    lines.push(`${date},${e},${i},${e === '' ? '' : (Number(e) - Number(i)).toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('DDP files', () => {
  it('H.4.1: every mapped catalog series in one go, multiplier applied; the rest listed as skipped', () => {
    const r = run(H41);
    expect(r.format).toBe('ddp-csv');
    const ids = r.series.map((s) => s.seriesId);
    for (const id of ['TREAST', 'WSHOMCB', 'WDTGAL', 'WTREGEN', 'WCURCIR', 'WRESBAL', 'WRBWFRBL', 'SWPT']) expect(ids).toContain(id);
    for (const s of r.series) expect(s.rows, s.seriesId).toBe(100);
    // Millions in the file, billions in the store.
    expect(value('TREAST', '2021-04-28')).toBe(5014.762);
    expect(value('TREAST', '2023-03-22')).toBe(5328.976);
    expect(value('WRBWFRBL', '2023-03-22')).not.toBe(value('WRESBAL', '2023-03-22'));
    expect(count('TREAST')).toBe(100);
    expect(r.skipped.find((s) => s.column === 'RESPPALGUOB_XAW_N.WW')?.reason).toMatch(/week average; WSHOBL is RESPPALGUOB_N.WW/);
    expect(r.skipped.find((s) => s.column === 'RESPPALDP_N.WW')).toBeDefined();
    expect(r.series.length + r.skipped.length).toBe(191);
  });

  it.skipIf(!['WSHOBL', 'WSHONBNL', 'WSHONBIIL', 'WSHOFADSL', 'WORAL', 'WLRRAOL', 'WLRRAFOIAL', 'WLRRAL'].every(inCatalog))('H.4.1: the bill, coupon, agency, repo and reverse-repo lines the lead added to the catalog', () => {
    run(H41);
    expect(value('WSHOBL', '2021-04-28')).toBe(326.044);
    expect(value('WSHONBNL', '2023-03-22')).toBe(4566.632);
    expect(value('WSHONBIIL', '2023-03-22')).toBe(377.024);
    expect(value('WSHOFADSL', '2023-03-22')).toBe(2.347);
    expect(value('WORAL', '2023-03-22')).toBe(60);
    expect(value('WLRRAOL', '2023-03-22')).toBe(2279.608);
    expect(value('WLRRAFOIAL', '2023-03-22')).toBe(370.376);
    expect(value('WLRRAL', '2023-03-22')).toBe(2649.984);
  });

  it('--series or --column picks one mapped series; an unmapped column is refused with its reason, never guessed', () => {
    const one = run(H41, { seriesId: 'TREAST' });
    expect(one.series.map((s) => s.seriesId)).toEqual(['TREAST']);
    expect(count('WSHOMCB')).toBe(0);
    expect(run(H41, { column: 'RESH4R_XAW_N.WW' }).series.map((s) => s.seriesId)).toEqual(['WRESBAL']);
    expect(refused(H41, { column: 'RESPPALGUOB_XAW_N.WW', seriesId: 'WSHOBL' })).toMatch(/RESPPALGUOB_XAW_N.WW is not imported: no FRED id for the week average/);
    expect(refused(H41, { column: 'RESH4R_N.WW', seriesId: 'WRESBAL' })).toMatch(/RESH4R_N.WW is WRBWFRBL \(RESH4R_N.WW\), not WRESBAL/);
    expect(refused(H41, { seriesId: 'WALCL' })).toMatch(/no column of this DDP file maps to WALCL/);
  });

  it('all or nothing per file: one impossible value in one column refuses every series of the file', () => {
    // Reverse repos "others" on 2023-03-22 printed in dollars instead of millions: 2.3 quadrillion $bn.
    const bad = H41.replace(/^(2023-03-22,.*)$/m, (line) => {
      const t = parseCsv(H41);
      if (!t.ok) throw new Error(t.error);
      const j = (t.value[5] ?? []).indexOf('RESPPLLRD_N.WW');
      const cells = line.split(',');
      cells[j] = '2279608000000';
      return cells.join(',');
    });
    const e = refused(bad);
    expect(e).toMatch(/WLRRAOL 2023-03-22: .* outside the possible range .*nothing from this file was written/);
    for (const id of ['TREAST', 'WSHOMCB', 'WRESBAL', 'WLRRAOL']) expect(count(id), id).toBe(0);
    // A refused import records nothing (the database stays byte for byte as it was); the message is the answer.
    expect(getSeries(db, 'WLRRAOL')?.lastError).toBeNull();
  });

  it('NA cells are missing, not zero: counted and not stored', () => {
    const withNa = H41.replace(/^(2022-06-01,)(\d+)/m, '$1NA');
    const t = parseCsv(H41);
    if (!t.ok) throw new Error(t.error);
    const firstCode = t.value[5]?.[1];
    expect(firstCode).toBe('RESH4A_N.WW');
    // The first column is unmapped; put NA into a mapped one too (TREAST).
    const j = (t.value[5] ?? []).indexOf('RESPPALGUO_N.WW');
    const na = withNa.replace(/^(2022-06-01,.*)$/m, (line) => line.split(',').map((c, k) => (k === j ? 'NA' : c)).join(','));
    const r = run(na, { seriesId: 'TREAST' });
    expect(r.series[0]).toMatchObject({ seriesId: 'TREAST', rows: 99, missing: 1 });
    expect(value('TREAST', '2022-06-01')).toBeUndefined();
    expect(value('TREAST', '2022-06-08')).toBeDefined();
  });

  it.skipIf(!inCatalog('TLAACBW027NBOG'))('H.8: total assets NSA into TLAACBW027NBOG, millions rescaled to its billions', () => {
    const r = run(H8);
    expect(r.series.map((s) => [s.seriesId, s.from, s.rows])).toEqual([['TLAACBW027NBOG', 'B1151NCBD', 2626]]);
    expect(value('TLAACBW027NBOG', '2023-04-26')).toBe(22820.922);
    expect(r.skipped).toHaveLength(40);
  });
});

describe('multi-column CSV', () => {
  it('refuses without --column or a --series naming a column, listing the columns', () => {
    expect(refused(effrIoerFile())).toMatch(/this file has 3 value columns \(EFFR, IOER, Spread\): say which to import with --column NAME/);
    expect(refused(RATES)).toMatch(/28 value columns \(FEDFUNDS, DFF, .*BGCR\)/);
    expect(refused(effrIoerFile(), { seriesId: 'DFF' })).toMatch(/no column is named DFF; this file's columns are EFFR, IOER, Spread/);
  });

  it('--column EFFR gives the EFFR column; --series IOER alone gives the IOER column (its header is that id)', () => {
    const r = run(effrIoerFile(), { column: 'EFFR' });
    expect(r).toMatchObject({ format: 'wide-csv', series: [{ seriesId: 'EFFR', from: 'EFFR', rows: 8, missing: 2 }] });
    expect(value('EFFR', '2019-09-17')).toBe(2.3);
    expect(value('EFFR', '2019-09-19')).toBe(1.9);
    expect(count('IOER')).toBe(0);
    run(effrIoerFile(), { seriesId: 'IOER' });
    expect(value('IOER', '2019-09-18')).toBe(2.1);
    expect(value('IOER', '2019-09-19')).toBe(1.8);
  });

  it('a column that is not the series named is not imported by guess', () => {
    expect(refused(effrIoerFile(), { column: 'Spread' })).toMatch(/column Spread is not a catalog series id: say which series it is with --series ID/);
    expect(refused(effrIoerFile(), { column: 'EFFR', seriesId: 'DFF' })).toMatch(/column EFFR is EFFR, not DFF/);
    expect(refused(effrIoerFile(), { column: 'nope' })).toMatch(/no column "nope" in this file; its columns are EFFR, IOER, Spread/);
  });

  it('a real wide file: --series DFF; --column ONRRP --series RRPONTSYAWARD (FRED id under another header)', () => {
    expect(run(RATES, { seriesId: 'DFF' }).series[0]).toMatchObject({ seriesId: 'DFF', rows: 26349 });
    const r = run(RATES, { column: 'ONRRP', seriesId: 'RRPONTSYAWARD' });
    expect(r.series[0]).toMatchObject({ seriesId: 'RRPONTSYAWARD', from: 'ONRRP', rows: 3145 });
    expect(count('SOFR')).toBe(0);
  });

  it('a two-column FRED file still imports as before, with or without --column', () => {
    const walcl = readData('fred/WALCL.csv');
    expect(run(walcl)).toMatchObject({ format: 'fred-csv', series: [{ seriesId: 'WALCL', from: null, rows: 1237 }], skipped: [] });
    expect(run(walcl, { column: 'WALCL' }).series[0]).toMatchObject({ seriesId: 'WALCL', rows: 1237, unchanged: 1237 });
  });
});

describe('long format series_id,observation_date,value', () => {
  it('imports every catalog series it holds in one transaction, skipping ids not in the catalog', () => {
    const r = run(LONG);
    expect(r.format).toBe('long-csv');
    expect(r.series.map((s) => s.seriesId)).toEqual(['WALCL', 'WRESBAL', 'TREAST', 'WSHOMCB', 'RRPONTSYD', 'SOFR', 'EFFR', 'IORB']);
    expect(r.skipped).toEqual([{ column: 'SOFR30DAYAVG', reason: 'not a catalog series' }]);
    expect(value('WALCL', '2026-06-03')).toBe(6711.495);
    // The 2026-09-17 rate change the file records.
    expect(value('IORB', '2026-09-17')).toBe(3.9);
  });

  it('--series imports only that one; --column does not apply', () => {
    expect(run(LONG, { seriesId: 'iorb' }).series.map((s) => [s.seriesId, s.rows])).toEqual([['IORB', 30]]);
    expect(count('WALCL')).toBe(0);
    expect(refused(LONG, { seriesId: 'DFF' })).toMatch(/no rows for DFF; it holds WALCL, WRESBAL/);
    expect(refused(LONG, { column: 'value' })).toMatch(/--column does not apply/);
    expect(refused('series_id,observation_date,value\nWALCL,2026-06-03,6711495\nWALCL,2026-06-10\n')).toMatch(/line 3: expected 3 fields, got 2/);
  });
});

describe('--scale', () => {
  it('multiplies every value of the file before conversion (a WALCL file in billions, × 1000 to FRED millions)', () => {
    // Real WALCL Wednesday levels (transcribed FRED cache), written in billions as an older download would be.
    const text = 'date,value\n2026-06-03,6711.495\n2026-06-10,6725.397\n2026-06-17,6736.424\n';
    expect(refused(text, { seriesId: 'WALCL' })).toMatch(/outside the possible range/);
    expect(run(text, { seriesId: 'WALCL', scale: 1000 }).series[0]).toMatchObject({ seriesId: 'WALCL', rows: 3 });
    expect(value('WALCL', '2026-06-10')).toBe(6725.397);
    expect(refused(text, { seriesId: 'WALCL', scale: -1 })).toMatch(/--scale must be a positive number/);
  });
});

describe('refused by content', () => {
  it('JSON, with or without a BOM and leading space, gets a sentence saying to download CSV', () => {
    const json = readData('api-samples/fred-series-observations-SOFR.json');
    expect(refused(json)).toBe('JSON is not an import format; download CSV');
    expect(refused('\ufeff\n  [{"date":"2025-01-01"}]')).toBe('JSON is not an import format; download CSV');
  });

  it('an HTML page is still named as such', () => {
    expect(refused('<!DOCTYPE html><html><body>Not found</body></html>')).toMatch(/HTML page/);
  });
});
