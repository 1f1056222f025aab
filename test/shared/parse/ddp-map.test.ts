import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDdpCsv, type DdpColumn } from '../../../shared/parse/ddp-csv.js';
import { DDP_TO_FRED, ddpNativeUnit, ddpSeries, mapDdpTable, type DdpSeries } from '../../../shared/parse/ddp-map.js';
import { parseFredCsv } from '../../../shared/parse/fred-csv.js';
import { readData } from '../../support/fixtures.js';
import { REPO_ROOT } from '../../support/paths.js';

const H41 = readData('ddp/FRB_H41.FilippoCaramatti__H8_report.csv');

function mapped(text: string): ReturnType<typeof mapDdpTable> {
  const t = parseDdpCsv(text);
  if (!t.ok) throw new Error(t.error);
  return mapDdpTable(t.value);
}

const byId = (series: readonly DdpSeries[], id: string): DdpSeries => {
  const s = series.find((x) => x.fredId === id);
  if (s === undefined) throw new Error(`${id} not mapped`);
  return s;
};

/** The bundled snapshot's copy of a FRED series ($bn), by date. */
function snapshot(id: string): Map<string, number> {
  const r = parseFredCsv(readFileSync(path.join(REPO_ROOT, 'resources/snapshot/series', `${id}.csv`), 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return new Map(r.value.observations.flatMap((o) => (o.value === null ? [] : [[o.date, o.value] as const])));
}

const valueOn = (s: DdpSeries, date: string): number | null | undefined => s.observations.find((o) => o.date === date)?.value;

describe('DDP → FRED mapping on the real H.4.1 file', () => {
  const m = mapped(H41);

  it('maps exactly the verified columns, all in usd_mn, 100 weeks each', () => {
    expect(Object.fromEntries(m.series.map((s) => [s.fredId, s.code]))).toEqual({
      TREAST: 'RESPPALGUO_N.WW',
      WSHOBL: 'RESPPALGUOB_N.WW',
      WSHONBNL: 'RESPPALGUOMN_N.WW',
      WSHONBIIL: 'RESPPALGUOMI_N.WW',
      WSHOFADSL: 'RESPPALGAO_N.WW',
      WSHOMCB: 'RESPPALGASMO_N.WW',
      WORAL: 'RESPPALGTR_N.WW',
      SWPT: 'RESH4SCS_N.WW',
      WLRRAL: 'RESPPLLR_N.WW',
      WLRRAFOIAL: 'RESPPLLRF_N.WW',
      WLRRAOL: 'RESPPLLRD_N.WW',
      WDTGAL: 'RESPPLLDT_N.WW',
      WTREGEN: 'RESPPLLDT_XAW_N.WW',
      WRBWFRBL: 'RESH4R_N.WW',
      WRESBAL: 'RESH4R_XAW_N.WW',
      WCURCIR: 'RESTBC_XAW_N.WW',
    });
    for (const s of m.series) {
      expect(s.nativeUnit).toBe('usd_mn');
      expect(s.observations).toHaveLength(100);
    }
    expect(m.series.length + m.skipped.length).toBe(191);
  });

  it('of the four variants of an item, exactly the one FRED publishes maps (WSHOBL is the Wednesday level)', () => {
    const codes = new Set(m.series.map((s) => s.code));
    for (const stem of ['RESPPALGUOB', 'RESPPALGUO', 'RESPPLLRD', 'RESH4R', 'RESTBC', 'RESPPLLDT']) {
      const variants = [`${stem}_N.WW`, `${stem}_XAW_N.WW`, `${stem}_XAW_XCH1_N.WW`, `${stem}_XAW_XCH52_N.WW`];
      const hits = variants.filter((v) => codes.has(v));
      // Reserves and the TGA have both a Wednesday-level and a week-average FRED id; the rest one.
      expect(hits.length, stem).toBe(stem === 'RESH4R' || stem === 'RESPPLLDT' ? 2 : 1);
      expect(hits.some((h) => h.includes('XCH')), stem).toBe(false);
    }
    expect(m.skipped.find((s) => s.code === 'RESPPALGUOB_XAW_N.WW')?.reason).toMatch(/no FRED id for the week average; WSHOBL is RESPPALGUOB_N.WW \(Wednesday level\)/);
    expect(m.skipped.find((s) => s.code === 'RESTBC_N.WW')?.reason).toMatch(/WCURCIR is RESTBC_XAW_N.WW \(week average\)/);
    expect(m.skipped.find((s) => s.code === 'RESPPALDP_N.WW')?.reason).toBe('no FRED id is mapped for this DDP code');
  });

  it('the Treasury total equals FRED TREAST on 2021-04-28, 2022-06-01, 2023-03-22 (and every week)', () => {
    const treast = byId(m.series, 'TREAST');
    const fred = snapshot('TREAST');
    expect(valueOn(treast, '2021-04-28')).toBe(5_014_762);
    expect(fred.get('2021-04-28')).toBe(5014.762);
    for (const d of ['2021-04-28', '2022-06-01', '2023-03-22']) expect((valueOn(treast, d) ?? 0) / 1000).toBeCloseTo(fred.get(d) ?? Number.NaN, 9);
    for (const o of treast.observations) expect((o.value ?? 0) / 1000, o.date).toBeCloseTo(fred.get(o.date) ?? Number.NaN, 9);
  });

  it('reverse repos "others" on 2023-03-22 = 2,279,608 millions = FRED RRPONTSYD 2,279.608bn', () => {
    expect(valueOn(byId(m.series, 'WLRRAOL'), '2023-03-22')).toBe(2_279_608);
    expect(snapshot('RRPONTSYD').get('2023-03-22')).toBe(2279.608);
  });

  it('equals the snapshot on every week for WSHOMCB, WDTGAL, WTREGEN, WRBWFRBL, WRESBAL, SWPT; the other variant does not', () => {
    const t = parseDdpCsv(H41);
    if (!t.ok) throw new Error(t.error);
    const col = (code: string): DdpColumn => {
      const c = t.value.columns.find((x) => x.code === code);
      if (c === undefined) throw new Error(code);
      return c;
    };
    const agree = (obs: DdpColumn['observations'], fred: Map<string, number>): number => obs.filter((o) => Math.abs((o.value ?? Number.NaN) / 1000 - (fred.get(o.date) ?? Number.NaN)) < 1e-9).length;
    for (const id of ['WSHOMCB', 'WDTGAL', 'WTREGEN', 'WRBWFRBL', 'WRESBAL', 'SWPT']) {
      expect(agree(byId(m.series, id).observations, snapshot(id)), id).toBe(100);
    }
    // The week average is not the Wednesday level: mixing them up would pass a magnitude guard.
    expect(agree(col('RESH4R_XAW_N.WW').observations, snapshot('WRBWFRBL'))).toBe(0);
    expect(agree(col('RESH4R_N.WW').observations, snapshot('WRESBAL'))).toBe(0);
    expect(agree(col('RESPPALGUO_XAW_N.WW').observations, snapshot('TREAST'))).toBe(0);
  });

  it('WCURCIR is the week average: equal to FRED until FRED revised it (2022-01-05), within $1bn after', () => {
    const wcurcir = byId(m.series, 'WCURCIR');
    const fred = snapshot('WCURCIR');
    for (const o of wcurcir.observations) {
      const diff = Math.abs((o.value ?? 0) / 1000 - (fred.get(o.date) ?? Number.NaN));
      if (o.date <= '2022-01-05') expect(diff, o.date).toBeLessThan(1e-9);
      else expect(diff, o.date).toBeLessThan(1);
    }
  });

  it('adds up: bills + nominal + TIPS + inflation compensation = TREAST; foreign official + others = total reverse repos', () => {
    const t = parseDdpCsv(H41);
    if (!t.ok) throw new Error(t.error);
    const v = (code: string, i: number): number => t.value.columns.find((c) => c.code === code)?.observations[i]?.value ?? Number.NaN;
    for (let i = 0; i < 100; i++) {
      // The Board rounds each line to millions on its own, so four parts may miss the total by a unit or two.
      const parts = v('RESPPALGUOB_N.WW', i) + v('RESPPALGUOMN_N.WW', i) + v('RESPPALGUOMI_N.WW', i) + v('RESPPALGUOMC_N.WW', i);
      expect(Math.abs(parts - v('RESPPALGUO_N.WW', i))).toBeLessThanOrEqual(2);
      expect(v('RESPPLLRF_N.WW', i) + v('RESPPLLRD_N.WW', i)).toBe(v('RESPPLLR_N.WW', i));
      expect(v('RESPPALGTRF_N.WW', i) + v('RESPPALGTRO_N.WW', i)).toBe(v('RESPPALGTR_N.WW', i));
    }
  });

  it('every mapping entry found in the real files carries the description printed there', () => {
    const h8 = parseDdpCsv(readData('ddp/FRB_H8_all.FilippoCaramatti__H8_report.csv'));
    const t = parseDdpCsv(H41);
    if (!t.ok || !h8.ok) throw new Error('parse');
    const all = [...t.value.columns, ...h8.value.columns];
    const inFiles = DDP_TO_FRED.filter((e) => all.some((c) => c.code === e.code));
    expect(inFiles.map((e) => e.fredId).sort()).toEqual(DDP_TO_FRED.map((e) => e.fredId).filter((id) => id !== 'WALCL').sort());
    for (const e of inFiles) expect(all.find((c) => c.code === e.code)?.description, e.code).toBe(e.description);
  });
});

describe('DDP mapping on H.8 and on edited headers', () => {
  it('H.8 total assets B1151NCBD is TLAACBW027NBOG (not seasonally adjusted), in usd_mn', () => {
    const r = ddpSeries(readData('ddp/FRB_H8_all.FilippoCaramatti__H8_report.csv'));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.map((s) => s.fredId)).toEqual(['TLAACBW027NBOG']);
    expect(r.value[0]).toMatchObject({ code: 'B1151NCBD', nativeUnit: 'usd_mn', multiplier: 1e6 });
    expect(r.value[0]?.observations).toHaveLength(2626);
  });

  it('skips a mapped code whose description or release differs, and says both texts', () => {
    const edited = H41.replace('"Assets: Securities Held Outright: U.S. Treasury securities: Bills: Wednesday level"', '"Assets: Securities Held Outright: U.S. Treasury securities: Bills: week average"');
    const m = mapped(edited);
    expect(m.series.some((s) => s.fredId === 'WSHOBL')).toBe(false);
    expect(m.skipped.find((s) => s.code === 'RESPPALGUOB_N.WW')?.reason).toMatch(/description differs from the one WSHOBL was verified with: expected ".*Bills: Wednesday level", got ".*Bills: week average"/);
    const moved = mapped(H41.replace('"H41/H41/RESPPALGUOB_N.WW"', '"H8/H8/RESPPALGUOB_N.WW"'));
    expect(moved.skipped.find((s) => s.code === 'RESPPALGUOB_N.WW')?.reason).toMatch(/this column is from H8/);
    // Case and spacing of the description do not matter.
    expect(mapped(H41.replace('Bills: Wednesday level', 'Bills:  WEDNESDAY level')).series.some((s) => s.fredId === 'WSHOBL')).toBe(true);
  });

  it('applies the multiplier: 1e6 → usd_mn as printed, 1e9 → usd_bn, 1e3 → usd_mn ÷ 1000; non-USD is not understood', () => {
    expect(ddpNativeUnit({ unit: 'Currency', multiplier: 1e6, currency: 'USD' })).toEqual({ unit: 'usd_mn', factor: 1 });
    expect(ddpNativeUnit({ unit: 'Currency', multiplier: 1e9, currency: 'USD' })).toEqual({ unit: 'usd_bn', factor: 1 });
    expect(ddpNativeUnit({ unit: 'Currency', multiplier: 1, currency: 'USD' })).toEqual({ unit: 'usd', factor: 1 });
    expect(ddpNativeUnit({ unit: 'Percent', multiplier: 1, currency: null })).toEqual({ unit: 'percent', factor: 1 });
    expect(ddpNativeUnit({ unit: 'Currency', multiplier: 1e6, currency: 'EUR' })).toEqual({ reason: expect.stringMatching(/not USD/) });
    expect(ddpNativeUnit({ unit: 'Currency', multiplier: 2.5, currency: 'USD' })).toEqual({ reason: expect.stringMatching(/not a power of ten/) });
    const thousands = mapped(H41.replaceAll('"1000000"', '"1000"'));
    const treast = byId(thousands.series, 'TREAST');
    expect(treast.nativeUnit).toBe('usd_mn');
    expect(valueOn(treast, '2021-04-28')).toBe(5014.762);
  });
});
