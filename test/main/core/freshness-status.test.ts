/**
 * Freshness against the release calendar where users read it (issue 10 §4): `series:list` at an
 * injected clock, GDP through the store's release dates, and `npm run cli -- status --json`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../../main/core/router.js';
import { memoryKeyStore } from '../../../main/core/create-core.js';
import { openDatabase, type Db } from '../../../main/core/db/open-database.js';
import { freshnessFields, gdpReleaseDates } from '../../../main/core/staleness.js';
import { DB_FILE } from '../../../main/core/store.js';
import { freshness } from '../../../shared/compute/freshness.js';
import { easternInstant } from '../../../shared/compute/realtime.js';
import type { SeriesStatusDto } from '../../../shared/ipc/contract.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';
import { REPO_ROOT } from '../../support/paths.js';
import { seededDataDir } from '../../support/sync-harness.js';

const et = (day: string, hh: number, mm: number): number => easternInstant(day as IsoDate, hh, mm);
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

async function listAt(now: number): Promise<Map<string, SeriesStatusDto>> {
  const idle = { running: false, done: 0, total: 0, rows: 0, currentSeries: null, lastRun: null };
  const sync = { start: () => idle, status: () => idle, cancel: () => idle, idle: async () => undefined };
  const router = createRouter({ store: { db, dataDir: d.dir, seed: null, recovery: null, close: () => undefined }, now: () => now, sync, keys: memoryKeyStore(), saveFile: async () => ({ saved: false, path: null }) });
  const r = await router.handle('series:list', {});
  if (!r.ok) throw new Error(r.error);
  return new Map((r.value as SeriesStatusDto[]).map((s) => [s.id, s]));
}

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const quarterIndex = (day: string): number => Number(day.slice(0, 4)) * 4 + Math.floor((Number(day.slice(5, 7)) - 1) / 3);

// The snapshot is rebuilt from time to time, so expectations are stated relative to its last dates.
describe('series:list against the release calendar (relative to the snapshot’s last dates)', () => {
  it('two days after the last stored H.4.1 Wednesday it is up to date, not "stale"; a week later one behind', async () => {
    const last = (await listAt(et('2026-12-01', 12, 0))).get('WALCL')?.lastDate ?? '';
    expect(new Date(`${last}T00:00:00Z`).getUTCDay()).toBe(3);
    // Friday 5:00 p.m. ET: after Thursday's release, and after Friday's when a Thursday holiday moves it.
    expect((await listAt(et(addDays(last, 2), 17, 0))).get('WALCL')).toMatchObject({ expectedLatest: last, releasesBehind: 0, freshness: 'up to date', stale: false, release: 'H.4.1' });
    expect((await listAt(et(addDays(last, 9), 17, 0))).get('WALCL')).toMatchObject({ expectedLatest: addDays(last, 7), releasesBehind: 1, freshness: '1 release behind', stale: true });
    expect((await listAt(et(addDays(last, 7 * 13 + 2), 17, 0))).get('WALCL')).toMatchObject({ releasesBehind: 13, freshness: '13 releases behind', nextObservation: addDays(last, 7 * 14) });
  });

  it('on 2026-12-01: GDP expects 2026Q3 by rule; a series with no rows says "no data"; ageDays is kept', async () => {
    const now = et('2026-12-01', 12, 0);
    const dec = await listAt(now);
    const gdp = dec.get('GDP');
    expect(gdp).toMatchObject({ expectedLatest: '2026-07-01', expectedEstimated: true, nextObservation: '2026-10-01', nextEstimated: true });
    expect(gdp?.releasesBehind).toBe(quarterIndex('2026-07-01') - quarterIndex(gdp?.lastDate ?? ''));
    expect(dec.get('SRF_AM')).toMatchObject({ rowCount: 0, releasesBehind: null, freshness: 'no data', stale: null });
    const walcl = dec.get('WALCL');
    expect(walcl?.ageDays).toBe(Math.round((Date.parse('2026-12-01') - Date.parse(walcl?.lastDate ?? '')) / 86_400_000));
    expect(walcl?.nextReleaseAt).toBe('2026-12-03T21:30:00.000Z');
  });

  it('GDP uses the store’s table of BEA first releases: 2025Q3 came out on 2025-12-23 (the shutdown delay)', () => {
    const row = { id: 'GDP', source: 'fred', frequency: 'Q', basis: 'quarterly', lastDate: '2025-04-01' };
    const gdp = gdpReleaseDates(db);
    expect(freshnessFields(row, et('2025-11-20', 12, 0), gdp)).toMatchObject({ expectedLatest: '2025-04-01', expectedEstimated: false, releasesBehind: 0, freshness: 'up to date' });
    expect(freshnessFields(row, et('2025-12-23', 8, 29), gdp)).toMatchObject({ expectedLatest: '2025-04-01', releasesBehind: 0 });
    expect(freshnessFields(row, et('2025-12-23', 8, 31), gdp)).toMatchObject({ expectedLatest: '2025-07-01', expectedEstimated: false, releasesBehind: 1, freshness: '1 release behind' });
    // By the rule alone the quarter would have been expected at the end of October.
    expect(freshnessFields(row, et('2025-11-20', 12, 0))).toMatchObject({ expectedLatest: '2025-07-01', expectedEstimated: true });
  });
});

describe('npm run cli -- status --json', () => {
  it('reports releasesBehind, expectedLatest and a freshness word per series, agreeing with the calendar at its clock', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), 'status', '--json', '--data-dir', d.dir], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const body = JSON.parse(r.stdout) as { now: string; series: { id: string; source: string; frequency: string; basis: string; lastDate: string | null; releasesBehind: number | null; expectedLatest: string | null; freshness: string; ageDays: number | null }[] };
    const walcl = body.series.find((s) => s.id === 'WALCL');
    expect(walcl).toMatchObject({ lastDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), releasesBehind: expect.any(Number), expectedLatest: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), ageDays: expect.any(Number) });
    for (const s of body.series.filter((x) => ['WALCL', 'TGA_DTS', 'SOFR', 'GDP', 'RRPONTSYD'].includes(x.id))) {
      const f = freshness(s, s.lastDate as IsoDate | null, Date.parse(body.now));
      expect(s.releasesBehind).toBe(f?.releasesBehind);
      expect(s.expectedLatest).toBe(f?.expectedLatest);
      expect(s.freshness).toMatch(/^(up to date|1 release behind|\d+ releases behind)$/);
    }
    const text = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), 'status', '--data-dir', d.dir], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(text.stdout).toMatch(/WALCL\s+fred\s+usd_bn\s+wed_level\s+2002-12-18\s+\d{4}-\d{2}-\d{2}\s+\d+\s+\d{4}-\d{2}-\d{2}\s+(up to date|\d+ releases? behind)/);
    expect(text.stdout).toMatch(/Last observation by release[^\n]*\n\s+H\.4\.1: \d{4}-\d{2}-\d{2}/);
  });
});
