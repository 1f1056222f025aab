/**
 * Issue 13 §2 and §7 on the real snapshot: the weekly reserve attribution (pinned by hand to the shared
 * CSVs) and the stored alerts (presets seeded by migration 0060, history recorded, notices).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeReserves, ATTRIBUTION_KEYS, termOf } from '../../../../shared/compute/attribution.js';
import { evaluateStoredAlerts } from '../../../../main/core/analysis/alerts-from-store.js';
import { attributionFromStore } from '../../../../main/core/analysis/attribution-from-store.js';
import { createAlertService } from '../../../../main/core/alert-service.js';
import { openDatabase, type Db } from '../../../../main/core/db/open-database.js';
import { alertEvents, deleteAlert, listAlerts, saveAlert } from '../../../../main/core/db/repos/alerts-repo.js';
import { DB_FILE } from '../../../../main/core/store.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { readData } from '../../../support/fixtures.js';
import { seededDataDir } from '../../../support/sync-harness.js';

let d: ReturnType<typeof seededDataDir>;
let db: Db;
beforeAll(() => {
  d = seededDataDir();
  db = openDatabase(path.join(d.dir, DB_FILE));
});
afterAll(() => {
  db.close();
  d.cleanup();
});

/** A value on a date from a shared CSV, as text (no rounding on the way). */
function csvValue(rel: string, column: string, date: string): string {
  const rows = readData(rel).split(/\r?\n/).map((l) => l.split(','));
  const header = rows[0] ?? [];
  const c = header.indexOf(column);
  const row = rows.find((r) => r[0] === date);
  if (c < 0 || row === undefined) throw new Error(`${rel}: no ${column} on ${date}`);
  return row[c] ?? '';
}

describe('weekly attribution, week of 2025-10-29 (Wednesday 2025-10-22 → 2025-10-29)', () => {
  // By hand from the shared files, $mn (RRPONTSYD and the SRF total in $bn × 1000):
  //   WRBWFRBL 2,929,637 → 2,827,909          ΔR        = −101,728
  //   TREAST   4,196,467 → 4,196,739          Treasuries =    +272
  //   WSHOMCB  2,082,606 → 2,069,963          MBS        = −12,643
  //   SRF (RPONTTLD) 0.001 → 10.311 $bn       repo       = +10,310
  //   WDTGAL     905,074 →   983,859          −ΔTGA      = −78,785
  //   RRPONTSYD  4.005 → 19.504 $bn           −ΔON RRP   = −15,499
  //   WCURCIR  2,417,588 → 2,417,314 (w.a.)   −Δcurrency =    +274
  //   other = −101,728 − (272 − 12,643 + 10,310 − 78,785 − 15,499 + 274) = −5,657
  it('the shared CSVs hold the numbers used by hand', () => {
    const liq = 'derived/heliar-k__market-base/liquidity.csv';
    expect([csvValue(liq, 'WRBWFRBL', '2025-10-22'), csvValue(liq, 'WRBWFRBL', '2025-10-29')]).toEqual(['2929637.0', '2827909.0']);
    expect([csvValue(liq, 'TREAST', '2025-10-22'), csvValue(liq, 'TREAST', '2025-10-29')]).toEqual(['4196467.0', '4196739.0']);
    expect([csvValue(liq, 'WSHOMCB', '2025-10-22'), csvValue(liq, 'WSHOMCB', '2025-10-29')]).toEqual(['2082606.0', '2069963.0']);
    expect([csvValue('derived/heliar-k__market-base/srf.csv', 'SRF_USAGE', '2025-10-22'), csvValue('derived/heliar-k__market-base/srf.csv', 'SRF_USAGE', '2025-10-29')]).toEqual(['0.001', '10.311']);
    expect([csvValue('fred/WDTGAL.csv', 'WDTGAL', '2025-10-22'), csvValue('fred/WDTGAL.csv', 'WDTGAL', '2025-10-29')]).toEqual(['905074', '983859']);
    expect([csvValue('fred/RRPONTSYD.csv', 'RRPONTSYD', '2025-10-22'), csvValue('fred/RRPONTSYD.csv', 'RRPONTSYD', '2025-10-29')]).toEqual(['4.005', '19.504']);
    const cur = 'derived/WCURCIR.cool1990__Invest_Dashboard_V2.csv';
    expect([csvValue(cur, 'value', '2025-10-22'), csvValue(cur, 'value', '2025-10-29')]).toEqual(['2417588', '2417314']);
  });

  it('the store gives those components, and they sum exactly to the change in reserves', () => {
    const w = attributionFromStore(db, { from: '2025-10-29' as IsoDate, to: '2025-10-29' as IsoDate }).weeks;
    expect(w).toHaveLength(1);
    const x = w[0];
    if (x === undefined) throw new Error('no week');
    expect(x).toMatchObject({ week: '2025-10-29', prev: '2025-10-22', reservesFrom: 2929.637, reservesTo: 2827.909, change: -101.728 });
    const mn = (k: (typeof ATTRIBUTION_KEYS)[number]): number => Math.round((termOf(x, k)?.bn ?? Number.NaN) * 1000);
    expect(ATTRIBUTION_KEYS.map((k) => [k, mn(k)])).toEqual([
      ['treasuries', 272],
      ['bills', 0],
      ['mbs', -12643],
      ['agency', 0],
      ['repo', 10310],
      ['tga', -78785],
      ['onrrp', -15499],
      ['currency', 274],
      ['other', -5657],
    ]);
    expect(ATTRIBUTION_KEYS.reduce((a, k) => a + mn(k), 0)).toBe(-101728);
    expect(x.unknown).toEqual(['bills', 'agency']);
    expect(termOf(x, 'repo')).toMatchObject({ seriesId: 'RPONTTLD', fromValue: 0.001, toValue: 10.311 });
    expect(termOf(x, 'onrrp')).toMatchObject({ seriesId: 'RRPONTSYD', fromValue: 4.005, toValue: 19.504 });
  });

  it('every week 2002–2026 sums exactly; where the DDP file has bills, WORAL and WLRRAOL they are used', () => {
    const all = attributionFromStore(db).weeks;
    expect(all.length).toBeGreaterThan(1200);
    expect(all[0]?.week).toBe('2002-12-25');
    for (const w of all) expect(w.terms.reduce((a, t) => a + Math.round(t.bn * 1000), 0)).toBe(Math.round(w.change * 1000));
    const j = all.find((w) => w.week === '2022-06-01');
    expect(j?.unknown).toEqual([]);
    expect(j && termOf(j, 'onrrp')).toMatchObject({ seriesId: 'WLRRAOL', bn: 30.735 });
    expect(j && termOf(j, 'repo')).toMatchObject({ seriesId: 'WORAL', bn: 0 });
    expect(j && termOf(j, 'bills')).toMatchObject({ seriesId: 'WSHOBL', bn: 0 });
    expect(all.at(-1)?.week).toBe('2026-08-19');
  });

  it('a missing Wednesday value leaves the term unknown and inside Other, still exact', () => {
    const s = (dates: number[], values: number[]) => ({ dates: Int32Array.from(dates), values: Float64Array.from(values) });
    const cols: Record<string, ReturnType<typeof s>> = { WRBWFRBL: s([0, 7], [100, 90]), WDTGAL: s([0, 7], [50, 55]), TREAST: s([7], [1]) };
    const [w] = attributeReserves((id) => cols[id]);
    expect(w?.change).toBe(-10);
    expect(w?.unknown).toContain('treasuries');
    expect(w && termOf(w, 'tga')?.bn).toBe(-5);
    expect(w && termOf(w, 'other')?.bn).toBe(-5);
  });
});

describe('stored alerts on the snapshot', () => {
  it('migration 0060 seeds the eight presets of issue 13 §7', () => {
    expect(listAlerts(db).map((a) => [a.formula, a.op, a.threshold])).toEqual([
      ['bp(SOFR, IORB)', 'above', 0],
      ['bp(SOFR, IORB)', 'at_or_above', 10],
      ['bp(SOFR, DFEDTARU)', 'above', 0],
      ['RPONTTLD', 'above', 25],
      ['RPONTTLD', 'above', 50],
      ['100 * WRESBAL / GDP', 'below', 10],
      ['ma(bp(SOFR, RRPONTSYAWARD), 10)', 'at_or_above', 20],
      ['WRESBAL', 'below', 2500],
    ]);
  });

  it('evaluates them on the data: reserves/GDP below 10% fires; the SRF > $50bn history holds 2025-10-31 and 2025-12-31', () => {
    const r = evaluateStoredAlerts(db, { record: false, nowIso: '2026-10-20T00:00:00.000Z' });
    const by = (id: string) => r.results.find((x) => x.def.id === id)?.evaluation;
    expect(by('preset:reserves_gdp_10')).toMatchObject({ state: 'firing', lastDate: '2026-10-07' });
    expect(by('preset:reserves_2500')).toMatchObject({ state: 'ok', lastDate: '2026-10-07', lastValue: 3029.659 });
    expect(by('preset:srf_50')).toMatchObject({ state: 'ok', lastDate: '2026-08-21', lastValue: 0 });
    // The history window is the year before the latest observation (2026-08-21).
    expect(by('preset:srf_50')?.triggers.map((t) => [t.date, t.value])).toEqual([
      ['2025-10-31', 50.35],
      ['2025-12-31', 74.6],
    ]);
    const all = evaluateStoredAlerts(db, { record: false, nowIso: '2026-10-20T00:00:00.000Z' });
    expect(all.results.filter((x) => x.evaluation.state === 'firing').map((x) => x.def.id)).toEqual(['preset:reserves_gdp_10']);
  });

  it('a user alert is saved, evaluated and recorded once; a notice only for a trigger on the latest observation', () => {
    saveAlert(db, { id: 'user:1', name: 'TGA above $900bn', formula: 'WDTGAL', op: 'above', threshold: 900, skipCalendarExpected: false, enabled: true }, '2026-10-20T00:00:00.000Z');
    saveAlert(db, { id: 'user:2', name: 'bad', formula: 'NOPE + 1', op: 'above', threshold: 0, skipCalendarExpected: false, enabled: true }, '2026-10-20T00:00:00.000Z');
    const svc = createAlertService(db, () => Date.parse('2026-10-20T00:00:00Z'));
    const notices: string[] = [];
    svc.onNotice((n) => notices.push(n.alertId));
    const first = svc.evaluate();
    const tga = first.alerts.find((a) => a.id === 'user:1');
    expect(tga).toMatchObject({ state: 'firing', lastDate: '2026-08-26', condition: 'WDTGAL > 900' });
    expect(first.alerts.find((a) => a.id === 'user:2')).toMatchObject({ state: 'error' });
    expect(first.alerts.find((a) => a.id === 'user:2')?.error).toMatch(/NOPE/);
    const recorded = alertEvents(db, 'user:1').length;
    expect(recorded).toBe(tga?.triggers.length);
    expect(recorded).toBeGreaterThan(0);
    // A second evaluation records nothing new and notifies nothing more.
    const n0 = notices.length;
    svc.evaluate();
    expect(alertEvents(db, 'user:1').length).toBe(recorded);
    expect(notices.length).toBe(n0);
    expect(deleteAlert(db, 'user:1') && deleteAlert(db, 'user:2')).toBe(true);
    expect(alertEvents(db, 'user:1')).toEqual([]);
  });
});

describe('alerts after each sync', () => {
  it('evaluateAfterSync evaluates once the sync it started has finished, not for a start refused while running', async () => {
    const { evaluateAfterSync } = await import('../../../../main/core/alert-service.js');
    let finish: () => void = () => undefined;
    let running = false;
    let idle: Promise<void> = Promise.resolve();
    const status = { running: false, done: 0, total: 0, rows: 0, currentSeries: null, lastRun: null };
    const sync = {
      start: () => {
        if (!running) {
          running = true;
          idle = new Promise<void>((r) => (finish = () => ((running = false), r())));
        }
        return { ...status, running: true };
      },
      status: () => ({ ...status, running }),
      cancel: () => status,
      idle: () => idle,
    };
    let evaluations = 0;
    const alerts = { evaluate: () => (evaluations++, { evaluatedAt: null, alerts: [], history: [], notices: [] }), current: () => ({ evaluatedAt: null, alerts: [], history: [], notices: [] }), onNotice: () => () => undefined };
    const wrapped = evaluateAfterSync(sync, alerts);
    wrapped.start();
    wrapped.start(); // already running: no second evaluation queued
    expect(evaluations).toBe(0);
    finish();
    await wrapped.idle();
    await Promise.resolve();
    expect(evaluations).toBe(1);
  });
});
