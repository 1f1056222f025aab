import { describe, expect, it } from 'vitest';
import { isDdpCsv, parseDdpCsv } from '../../../shared/parse/ddp-csv.js';
import { readData } from '../../support/fixtures.js';

const H41 = 'ddp/FRB_H41.FilippoCaramatti__H8_report.csv';
const H8 = 'ddp/FRB_H8_all.FilippoCaramatti__H8_report.csv';

/** A small DDP file in the Board's layout; the values are real H.4.1 Wednesday levels (millions). */
const small = (cells: string[] = ['326044', 'NA']): string =>
  [
    '"Series Description","Assets: Securities Held Outright: U.S. Treasury securities: Bills: Wednesday level"',
    '"Unit:","Currency"',
    '"Multiplier:","1000000"',
    '"Currency:","USD"',
    '"Unique Identifier: ","H41/H41/RESPPALGUOB_N.WW"',
    '"Time Period","RESPPALGUOB_N.WW"',
    `2021-04-28,${cells[0] ?? ''}`,
    `2021-05-05,${cells[1] ?? ''}`,
  ].join('\r\n') + '\r\n';

describe('parseDdpCsv on the real Board files', () => {
  it('reads H.4.1: 191 series, 100 weeks 2021-04-28 … 2023-03-22, multiplier 1000000, USD', () => {
    const text = readData(H41);
    expect(isDdpCsv(text)).toBe(true);
    const r = parseDdpCsv(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.periods).toBe(100);
    expect(r.value.columns).toHaveLength(191);
    const bills = r.value.columns.find((c) => c.code === 'RESPPALGUOB_N.WW');
    expect(bills).toMatchObject({
      identifier: 'H41/H41/RESPPALGUOB_N.WW',
      description: 'Assets: Securities Held Outright: U.S. Treasury securities: Bills: Wednesday level',
      unit: 'Currency',
      multiplier: 1_000_000,
      currency: 'USD',
    });
    expect(bills?.observations[0]).toEqual({ date: '2021-04-28', value: 326044 });
    expect(bills?.observations.at(-1)).toEqual({ date: '2023-03-22', value: 282374 });
    for (const c of r.value.columns) expect(c.observations).toHaveLength(100);
  });

  it('keeps NA as missing: the discontinued Maiden Lane column is NA in every week', () => {
    const r = parseDdpCsv(readData(H41));
    if (!r.ok) throw new Error(r.error);
    const ml = r.value.columns.find((c) => c.code === 'RESPPAAML1H_XAW_N.WW');
    expect(ml?.description).toMatch(/^Discontinued:/);
    expect(ml?.observations.every((o) => o.value === null)).toBe(true);
  });

  it('reads H.8 (all commercial banks, NSA): 41 series, 2,626 weeks 1973-01-03 … 2023-04-26, decimals', () => {
    const r = parseDdpCsv(readData(H8));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.periods).toBe(2626);
    expect(r.value.columns).toHaveLength(41);
    const assets = r.value.columns.find((c) => c.code === 'B1151NCBD');
    expect(assets?.description).toBe('Total assets, all commercial banks, not seasonally adjusted');
    expect(assets?.observations[0]?.date).toBe('1973-01-03');
    expect(assets?.observations.at(-1)?.date).toBe('2023-04-26');
    expect(r.value.columns[0]?.observations[0]).toEqual({ date: '1973-01-03', value: 569118.2 });
  });
});

describe('parseDdpCsv on malformed input', () => {
  it('reads a small file with CRLF and an NA cell', () => {
    const r = parseDdpCsv(small());
    if (!r.ok) throw new Error(r.error);
    expect(r.value.columns[0]?.observations).toEqual([
      { date: '2021-04-28', value: 326044 },
      { date: '2021-05-05', value: null },
    ]);
  });

  it('refuses a bad cell, a short row, a bad multiplier, a missing code row and an HTML page', () => {
    expect(parseDdpCsv(small(['326044', '12abc']))).toMatchObject({ ok: false, error: expect.stringMatching(/line 8, RESPPALGUOB_N.WW: "12abc" is not a number/) });
    expect(parseDdpCsv(small().replace('2021-05-05,NA', '2021-05-05'))).toMatchObject({ ok: false, error: expect.stringMatching(/line 8: expected 2 fields, got 1/) });
    expect(parseDdpCsv(small().replace('"1000000"', '"a million"'))).toMatchObject({ ok: false, error: expect.stringMatching(/multiplier "a million" is not a positive number/) });
    expect(parseDdpCsv(small().replace('"Time Period"', '"Period"'))).toMatchObject({ ok: false, error: expect.stringMatching(/not one of/) });
    expect(parseDdpCsv(small().replace('2021-05-05', '2021-04-28'))).toMatchObject({ ok: false, error: expect.stringMatching(/period 2021-04-28 appears twice/) });
    expect(parseDdpCsv(small().replace('2021-05-05', '2021-05'))).toMatchObject({ ok: false, error: expect.stringMatching(/only daily and weekly DDP files/) });
    expect(parseDdpCsv('<!DOCTYPE html><html></html>')).toMatchObject({ ok: false, error: expect.stringMatching(/HTML/) });
    expect(isDdpCsv('observation_date,WALCL\n')).toBe(false);
  });
});
