/**
 * Disk full (issue 5): `max_page_count` just above the current size at 25 different points of a
 * real sync. Each failing series rolls back and says "disk full" in plain words; data from before the
 * sync is unchanged; with room again, the next run succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getObservations, writeSeriesBatch } from '../../../../main/core/db/repos/observations-repo.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { startReplayServer, type ReplayServer } from '../../../support/replay-server.js';
import { emptyDataDir, harness, replayRoutes } from '../../../support/sync-harness.js';

const SERIES = ['WALCL', 'WDTGAL', 'WRESBAL', 'WTREGEN', 'RRPONTSYD', 'IORB', 'SOFR'];
let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer(replayRoutes);
});
afterAll(() => server.close());

describe('disk full during sync', () => {
  it('25 limits across the sync: each fails cleanly, the next run succeeds', async () => {
    // How many pages a full sync adds, measured on a fresh store.
    const probe = emptyDataDir();
    const hp = harness(probe.dir, server.base);
    const start = Number(hp.db.pragma('page_count', { simple: true }));
    const full = await hp.sync({ seriesIds: SERIES });
    expect(full.status).toBe('ok');
    const growth = Number(hp.db.pragma('page_count', { simple: true })) - start;
    const expectedRows = new Map(SERIES.map((s) => [s, getObservations(hp.db, s).length]));
    hp.close();
    probe.cleanup();

    let sawDiskFull = 0;
    for (let point = 0; point < 25; point++) {
      const d = emptyDataDir();
      const h = harness(d.dir, server.base);
      try {
        // A few rows from before the sync that must survive untouched (real WALCL values).
        writeSeriesBatch(h.db, 'WALCL', [{ date: '2002-12-18' as IsoDate, value: 719.542 }], { origin: 'import', mode: 'overwrite', seenAt: 'before' , checks: 'none' });
        const before = JSON.stringify(getObservations(h.db, 'WALCL'));
        const pages = Number(h.db.pragma('page_count', { simple: true }));
        h.db.pragma(`max_page_count = ${pages + Math.max(1, Math.round((point * growth) / 25))}`);
        const r = await h.sync({ seriesIds: SERIES });
        const failed = r.results.filter((x) => x.outcome === 'error');
        for (const f of failed) {
          expect(f.error).toMatch(/disk full — the database could not grow/);
          sawDiskFull++;
        }
        for (const s of SERIES) {
          const n = getObservations(h.db, s).length;
          const ok = r.results.find((x) => x.seriesId === s)?.outcome === 'ok';
          // All or nothing per series; WALCL keeps its pre-sync row when its batch fails.
          if (ok) expect(n).toBe(expectedRows.get(s));
          else expect(s === 'WALCL' ? JSON.stringify(getObservations(h.db, 'WALCL')) : String(n)).toBe(s === 'WALCL' ? before : '0');
        }
        expect(h.db.pragma('integrity_check', { simple: true })).toBe('ok');
        h.db.pragma('max_page_count = 1073741823');
        const again = await h.sync({ seriesIds: SERIES });
        expect(again.status).toBe('ok');
        for (const s of SERIES) expect(getObservations(h.db, s).length).toBe(expectedRows.get(s));
      } finally {
        h.close();
        d.cleanup();
      }
    }
    console.log(`disk full: 25 limits over a sync adding ${growth} pages; ${sawDiskFull} series failed with "disk full", all rolled back, every next run succeeded`);
    expect(sawDiskFull).toBeGreaterThan(25);
  }, 300_000);
});
