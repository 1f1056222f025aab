/** The Data view's one sentence per finished sync, and the progress bar's state (issue 12). */
import { describe, expect, it } from 'vitest';
import { progressState, syncOutcome } from '../../../../renderer/features/data/sync-words.js';

const base = { running: false, done: 3, total: 3, rows: 10, currentSeries: null };

describe('syncOutcome', () => {
  it('a run stopped by the network says only that, as an error', () => {
    const message = 'No network: could not connect to api.stlouisfed.org (ENOTFOUND); nothing was fetched and stored data is unchanged. Sync again when you are back online.';
    expect(syncOutcome({ status: 'failed', ok: 0, errors: [], message })).toEqual({ kind: 'error', text: message });
    expect(syncOutcome({ status: 'partial', ok: 4, errors: [], message: 'No network: …' })).toEqual({ kind: 'warn', text: 'No network: …' });
  });
  it('otherwise counts, in words', () => {
    expect(syncOutcome({ status: 'ok', ok: 1, errors: [] })).toEqual({ kind: 'ok', text: 'Sync finished: 1 series updated.' });
    expect(syncOutcome({ status: 'partial', ok: 40, errors: [{ seriesId: 'A', error: 'x' }], message: null }).text).toBe('Sync finished with errors: 40 series updated, 1 series failed and kept their stored data (listed below).');
    expect(syncOutcome({ status: 'failed', ok: 0, errors: [{ seriesId: 'A', error: 'x' }, { seriesId: 'B', error: 'y' }] })).toEqual({ kind: 'error', text: 'Sync failed: all 2 series failed and kept their stored data (listed below).' });
    expect(syncOutcome({ status: 'cancelled', ok: 2, errors: [] }).kind).toBe('warn');
  });
});

describe('progressState', () => {
  it('is running while running, then the run status (red bar for failed)', () => {
    expect(progressState(null)).toBe('idle');
    expect(progressState({ ...base, running: true, lastRun: null })).toBe('running');
    expect(progressState({ ...base, lastRun: { status: 'failed', ok: 0, errors: [] } })).toBe('failed');
    expect(progressState({ ...base, lastRun: null })).toBe('idle');
  });
});
