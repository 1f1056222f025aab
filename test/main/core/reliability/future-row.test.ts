/**
 * A row from the future already in the store (issue 10 §1: one row dated 9999-12-29 got in before the
 * date checks existed). It made every later sync ask FRED for data from 9999 and hung the Monitor. Now
 * sync asks from today's look-back, charts never receive it, and the calendar shading costs nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusinessCalendar, markersBetween } from '../../../../shared/compute/calendar.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { memoryKeyStore } from '../../../../main/core/create-core.js';
import { writeSeriesBatch } from '../../../../main/core/db/repos/observations-repo.js';
import { createRouter } from '../../../../main/core/router.js';
import { startReplayServer, type ReplayServer } from '../../../support/replay-server.js';
import { harness, replayRoutes, seededDataDir, type Harness } from '../../../support/sync-harness.js';

let server: ReplayServer;
let d: ReturnType<typeof seededDataDir>;
let h: Harness;
beforeAll(async () => {
  server = await startReplayServer(replayRoutes);
  d = seededDataDir();
  h = harness(d.dir, server.base);
  // Planted the way the old code let it in: a write without the checks.
  writeSeriesBatch(h.db, 'WALCL', [{ date: '9999-12-29' as IsoDate, value: 6730.912 }], { origin: 'import', mode: 'overwrite', seenAt: 't', checks: 'none' });
});
afterAll(async () => {
  h.close();
  d.cleanup();
  await server.close();
});

describe('a stored row dated 9999-12-29', () => {
  it('sync asks for data from the recent past, not from 9999', async () => {
    server.requests.length = 0;
    await h.sync({ seriesIds: ['WALCL'] });
    const asked = server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('cosd')).filter((x) => x !== null);
    expect(asked.length).toBeGreaterThan(0);
    const today = new Date().toISOString().slice(0, 10);
    for (const cosd of asked) expect(cosd < today).toBe(true);
  });

  it('charts never receive it', async () => {
    const idle = { running: false, done: 0, total: 0, rows: 0, currentSeries: null, lastRun: null };
    const sync = { start: () => idle, status: () => idle, cancel: () => idle, idle: async () => undefined };
    const router = createRouter({ store: { db: h.db, dataDir: d.dir, seed: null, recovery: null, close: () => undefined }, now: () => Date.parse('2026-12-01T12:00:00Z'), sync, keys: memoryKeyStore(), saveFile: async () => ({ saved: false, path: null }) });
    const r = await router.handle('series:get', { ids: ['WALCL'] });
    if (!r.ok) throw new Error(r.error);
    const [walcl] = r.value as { dates: number[] }[];
    const last = walcl?.dates.at(-1) ?? 0;
    expect(new Date(last * 86_400_000).toISOString().slice(0, 10) <= '2026-12-01').toBe(true);
  });

  it('calendar shading over a range ending in 9999 is bounded', () => {
    // Unclamped, this walked eight thousand years of month-ends, quarter windows and tax dates.
    const m = markersBetween(new BusinessCalendar(), '2002-12-18' as IsoDate, '9999-12-29' as IsoDate);
    expect(m.length).toBeLessThan(20_000);
    expect(m.at(-1)?.date.slice(0, 4)).toMatch(/^220[0-2]$/);
  });
});
