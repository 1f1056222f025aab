import { describe, expect, it } from 'vitest';
import { parseDtsCsv, parseDtsPage } from '../../../shared/parse/fiscaldata.js';
import { parseFredObservations, parseFredSeriesMeta } from '../../../shared/parse/fred-json.js';
import { parseJsonText, type Json } from '../../../shared/parse/json.js';
import { dailyTakeUp, parseClockMinutes, parseNyFedOperations, parseNyFedRates } from '../../../shared/parse/nyfed.js';
import { readData } from '../../support/fixtures.js';

const js = (rel: string): Json => {
  const r = parseJsonText(readData(rel));
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('FRED JSON (recorded API responses)', () => {
  it('reads string values and counts (SOFRVOL "1912.0")', () => {
    const r = parseFredObservations(js('api-samples/fred-series-observations-SOFRVOL.json'));
    expect(r.ok && r.value.observations.map((o) => o.value)).toEqual([1912, 2092, 1989, 2008]);
    expect(r.ok && r.value.count).toBe(4);
  });

  it('reads the `seriess` metadata', () => {
    const r = parseFredSeriesMeta(js('api-samples/fred-series-SOFR75.json'));
    expect(r.ok && r.value).toMatchObject({ id: 'SOFR75', units: 'Percent', frequency: 'Daily' });
  });

  it('turns the real 400 body into its message, two spaces and all', () => {
    const r = parseFredObservations(js('api-samples/fred-error-400-realtime_end.json'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe("FRED error 400: Bad Request.  Variable realtime_end can not be after today's date (2026-09-18) unless it's equal to the real-time max date 9999-12-31.");
  });

  it('treats "." as missing', () => {
    const body = JSON.parse(readData('api-samples/fred-series-observations-SOFR.json')) as { observations: { value: string }[] };
    const first = body.observations[0];
    if (first) first.value = '.';
    const r = parseFredObservations(body as unknown as Json);
    expect(r.ok && r.value.observations[0]?.value).toBeNull();
  });
});

describe('NY Fed reference rates (recorded API responses)', () => {
  it('reads SOFR with percentiles and volume, despite the space-before-comma style', () => {
    const r = parseNyFedRates(js('api-samples/nyfed-sofr-search.json'), 'sofr');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.percentRate.find((o) => o.date === '2024-06-03')?.value).toBe(5.35);
    expect(r.value.percentPercentile99.find((o) => o.date === '2024-06-06')?.value).toBe(5.44);
    expect(r.value.volumeInBillions.find((o) => o.date === '2024-06-03')?.value).toBe(1912);
  });

  it('reads 108 EFFR days and refuses a body of another rate', () => {
    const r = parseNyFedRates(js('api-samples/nyfed-effr-search.json'), 'effr');
    expect(r.ok && r.value.percentRate).toHaveLength(108);
    const wrong = parseNyFedRates(js('api-samples/nyfed-obfr-search.json'), 'tgcr');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatch(/type "OBFR", expected TGCR/);
  });
});

describe('NY Fed operation results', () => {
  it('parses clock times in 24-hour and AM/PM forms', () => {
    expect(parseClockMinutes('08:30')).toBe(510);
    expect(parseClockMinutes('1:45 PM')).toBe(825);
    expect(parseClockMinutes('25:00')).toBeNull();
  });

  it('synthetic (labelled): sums AM and PM slots, converts nothing, excludes small-value exercises and announcements', () => {
    // Synthetic operations: the amounts are made up to exercise the slot and exclusion rules only.
    const body: Json = {
      repo: {
        operations: [
          { operationId: 'A', auctionStatus: 'Results', operationDate: '2026-01-02', operationType: 'Repo', closeTime: '08:30', note: '', totalAmtAccepted: 1_000_000_000 },
          { operationId: 'B', auctionStatus: 'Results', operationDate: '2026-01-02', operationType: 'Repo', closeTime: '13:45', note: '', totalAmtAccepted: 2_500_000_000 },
          { operationId: 'C', auctionStatus: 'Results', operationDate: '2026-01-02', operationType: 'Repo', closeTime: '13:45', note: 'Small Value Exercise', totalAmtAccepted: 5_000_000 },
          { operationId: 'D', auctionStatus: 'Announcement', operationDate: '2026-01-05', operationType: 'Repo', closeTime: '08:30', note: '' },
          { operationId: 'E', auctionStatus: 'Results', operationDate: '2026-01-02', operationType: 'Reverse Repo', closeTime: '13:15', note: '', totalAmtAccepted: 9_000_000_000 },
        ],
      },
    };
    const ops = parseNyFedOperations(body);
    expect(ops.ok).toBe(true);
    if (!ops.ok) return;
    const daily = dailyTakeUp(ops.value, 'Repo');
    expect(daily.ok && daily.value).toEqual({
      am: [{ date: '2026-01-02', value: 1_000_000_000 }],
      pm: [{ date: '2026-01-02', value: 2_500_000_000 }],
      total: [{ date: '2026-01-02', value: 3_500_000_000 }],
    });
  });

  it('refuses an operation without an accepted amount', () => {
    const r = parseNyFedOperations({ repo: { operations: [{ operationId: 'X', operationDate: '2026-01-02', operationType: 'Repo', totalAmtAccepted: 'n/a' }] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/X \(2026-01-02\): totalAmtAccepted/);
  });
});

describe('FiscalData DTS', () => {
  it('reads the real CSV export: closing balances from Opening Balance Today, era-1 rows skipped', () => {
    const r = parseDtsCsv(readData('fiscaldata/DTS_OpCashBal_20210624_20260623.csv'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.observations.find((o) => o.date === '2026-06-23')?.value).toBe(925876);
    expect(r.value.observations[0]?.date).toBe('2022-04-18');
    expect(r.value.skippedRows).toBeGreaterThan(100);
  });

  it('reads both JSON eras: era 2 from open_today_bal ("null" close), era 1 from close_today_bal', () => {
    // Era-2 values are the real 2026-06-22/23 closing balances. The era-1 close for 2022-04-14 is the
    // real opening balance of 2022-04-15 (602,292): a day's close is the next business day's open.
    const page = {
      data: [
        { record_date: '2022-04-14', account_type: 'Treasury General Account (TGA)', open_today_bal: '543536', close_today_bal: '602292' },
        { record_date: '2026-06-22', account_type: 'Treasury General Account (TGA) Closing Balance', open_today_bal: '942815', close_today_bal: 'null' },
        { record_date: '2026-06-23', account_type: 'Treasury General Account (TGA) Opening Balance', open_today_bal: '942815', close_today_bal: 'null' },
        { record_date: '2026-06-23', account_type: 'Treasury General Account (TGA) Closing Balance', open_today_bal: '925876', close_today_bal: 'null' },
      ],
      meta: { 'total-pages': 1 },
      links: { next: null },
    };
    const r = parseDtsPage(page);
    expect(r.ok && r.value).toEqual({
      observations: [
        { date: '2022-04-14', value: 602292 },
        { date: '2026-06-22', value: 942815 },
        { date: '2026-06-23', value: 925876 },
      ],
      next: null,
      totalPages: 1,
    });
  });

  it('reads the trimmed sample with its BOM', () => {
    const r = parseDtsCsv(readData('api-samples/fiscaldata-dts-operating-cash-balance.sample.csv'));
    expect(r.ok && r.value.observations.map((o) => o.value)).toEqual([915085, 942815, 925876]);
  });
});
