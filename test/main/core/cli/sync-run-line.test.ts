/** The last line of `npm run cli -- sync`: a run stopped by the network never reads "0 series ok, 0 with errors". */
import { describe, expect, it } from 'vitest';
import { syncRunLine } from '../../../../main/core/cli/format.js';
import type { SeriesSyncResult } from '../../../../main/core/sync/sync-service.js';

const res = (seriesId: string, outcome: SeriesSyncResult['outcome']): SeriesSyncResult => ({ seriesId, outcome, inserted: 0, updated: 0, revisions: 0, lastDate: null, error: outcome === 'ok' ? null : outcome });

describe('syncRunLine', () => {
  it('no network, nothing fetched: why it stopped and that nothing changed', () => {
    const line = syncRunLine({ runId: 7, status: 'failed', results: [], message: 'No network: could not connect to 127.0.0.1:9 (ECONNREFUSED); nothing was fetched and stored data is unchanged. Sync again when you are back online.' });
    expect(line).toBe('sync run 7: failed: no network — nothing was fetched; stored data unchanged.');
    expect(line).not.toMatch(/0 series ok|0 with errors/);
  });
  it('no network after some series: the counts, then why it stopped', () => {
    expect(syncRunLine({ runId: 8, status: 'partial', results: [res('WALCL', 'ok'), res('SOFR', 'ok')], message: 'No network: …' })).toBe('sync run 8: partial: 2 ok, 0 errors, then no network — the rest unchanged.');
  });
  it('series by series: the counts; cancelled series are not counted as ok', () => {
    expect(syncRunLine({ runId: 9, status: 'partial', results: [res('A', 'ok'), res('B', 'error')], message: null })).toBe('sync run 9: partial; 1 series ok, 1 with errors. Stored data of failed series is unchanged.');
    expect(syncRunLine({ runId: 10, status: 'cancelled', results: [res('A', 'ok'), res('B', 'cancelled')], message: null })).toBe('sync run 10: cancelled; 1 series ok, 0 with errors, 1 not fetched (cancelled). Stored data of failed series is unchanged.');
    expect(syncRunLine({ runId: 11, status: 'cancelled', results: [res('A', 'cancelled')], message: null })).toBe('sync run 11: cancelled: before any series was fetched; stored data unchanged.');
  });
});
