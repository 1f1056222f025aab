/**
 * Clock skew and DST (issue 5): with the clock 36 hours off either way, staleness moves by at most two
 * days and never goes negative, and "as of" labels (observation dates) do not move at all; release
 * times stay right across the 2025 daylight-saving changes.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../../shared/compute/calendar.js';
import { availableAt, easternInstant } from '../../../../shared/compute/realtime.js';
import { isoDateOfInstant, type IsoDate } from '../../../../shared/time/iso-date.js';
import { createRouter } from '../../../../main/core/router.js';
import { memoryKeyStore } from '../../../../main/core/create-core.js';
import { staleness } from '../../../../main/core/staleness.js';
import { openDatabase, type Db } from '../../../../main/core/db/open-database.js';
import { DB_FILE } from '../../../../main/core/store.js';
import type { SeriesStatusDto } from '../../../../shared/ipc/contract.js';
import { seededDataDir } from '../../../support/sync-harness.js';

const H36 = 36 * 3600 * 1000;
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

async function statusAt(now: number): Promise<SeriesStatusDto[]> {
  const sync = { start: () => ({ running: false, done: 0, total: 0, rows: 0, currentSeries: null, lastRun: null }), status: () => ({ running: false, done: 0, total: 0, rows: 0, currentSeries: null, lastRun: null }), cancel: () => ({ running: false, done: 0, total: 0, rows: 0, currentSeries: null, lastRun: null }), idle: async () => undefined };
  const router = createRouter({ store: { db, dataDir: d.dir, seed: null, recovery: null, close: () => undefined }, now: () => now, sync, keys: memoryKeyStore(), saveFile: async () => ({ saved: false, path: null }) });
  const r = await router.handle('series:list', {});
  if (!r.ok) throw new Error(r.error);
  return r.value as SeriesStatusDto[];
}

describe('clock 36 hours off', () => {
  it.each([
    ['on time', 0],
    ['36 h fast', H36],
    ['36 h slow', -H36],
  ])('%s: dates unchanged, staleness within two days, never negative', async (_n, skew) => {
    const real = Date.parse('2026-11-21T12:00:00Z');
    const base = await statusAt(real);
    const skewed = await statusAt(real + skew);
    for (const s of skewed) {
      const b = base.find((x) => x.id === s.id);
      expect(s.lastDate).toBe(b?.lastDate);
      expect(s.firstDate).toBe(b?.firstDate);
      if (s.ageDays !== null && b?.ageDays !== null && b?.ageDays !== undefined) {
        expect(Math.abs(s.ageDays - b.ageDays)).toBeLessThanOrEqual(2);
        expect(s.ageDays).toBeGreaterThanOrEqual(0);
      }
    }
    console.log(`clock ${_n}: WALCL last ${skewed.find((s) => s.id === 'WALCL')?.lastDate}, age ${skewed.find((s) => s.id === 'WALCL')?.ageDays} days`);
  });

  it('a clock behind the data gives zero days, not a negative age', () => {
    expect(staleness('D', '2026-08-21' as IsoDate, '2026-08-20' as IsoDate)).toEqual({ ageDays: 0, stale: false });
  });

  it('"today" is a calendar date in UTC whatever the local zone, so it moves by whole days only', () => {
    expect(isoDateOfInstant(Date.parse('2026-11-21T23:59:59Z'))).toBe('2026-11-21');
    expect(isoDateOfInstant(Date.parse('2026-11-21T23:59:59Z') + H36)).toBe('2026-11-23');
    expect(isoDateOfInstant(Date.parse('2026-11-21T23:59:59Z') - H36)).toBe('2026-11-20');
  });
});

describe('daylight saving', () => {
  const cal = new BusinessCalendar();
  it('H.4.1 releases stay at 4:30 p.m. New York time on both sides of each 2025 change', () => {
    // 2025-03-09 DST starts: EST (UTC−5) before, EDT (UTC−4) after.
    expect(availableAt('h41', '2025-03-05' as IsoDate, cal)).toBe(Date.parse('2025-03-06T21:30:00Z'));
    expect(availableAt('h41', '2025-03-12' as IsoDate, cal)).toBe(Date.parse('2025-03-13T20:30:00Z'));
    // 2025-11-02 DST ends.
    expect(availableAt('h41', '2025-10-29' as IsoDate, cal)).toBe(Date.parse('2025-10-30T20:30:00Z'));
    expect(availableAt('h41', '2025-11-05' as IsoDate, cal)).toBe(Date.parse('2025-11-06T21:30:00Z'));
  });
  it('the change days themselves', () => {
    expect(easternInstant('2025-03-09' as IsoDate, 16, 0)).toBe(Date.parse('2025-03-09T20:00:00Z'));
    expect(easternInstant('2025-11-02' as IsoDate, 16, 0)).toBe(Date.parse('2025-11-02T21:00:00Z'));
  });
});
