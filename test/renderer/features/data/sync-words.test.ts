/** The Data view's one sentence per finished sync, and the progress bar's state (issue 12). */
import { describe, expect, it } from 'vitest';
import { progressState, syncOutcome, syncSummary } from '../../../../renderer/features/data/sync-words.js';

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

describe('syncSummary (the line beside the progress bar)', () => {
  const offline = 'No network: could not connect to 127.0.0.1:9 (ECONNREFUSED); nothing was fetched and stored data is unchanged. Sync again when you are back online.';
  it('a run stopped by the network says so, never "0 ok, 0 errors"', () => {
    const line = syncSummary({ status: 'failed', ok: 0, errors: [], message: offline });
    expect(line).toBe('failed: no network — nothing was fetched; stored data unchanged');
    expect(line).not.toMatch(/0 ok, 0 errors/);
  });
  it('the network lost part way: what was done, then why it stopped', () => {
    expect(syncSummary({ status: 'partial', ok: 12, errors: [], message: 'No network: could not connect to x; 12 series were updated before the connection was lost; the rest are unchanged. Sync again when you are back online.' })).toBe('partial: 12 ok, 0 errors, then no network — the rest unchanged');
  });
  it('a run that could not start (its one message, no list)', () => {
    expect(syncSummary({ status: 'failed', ok: 0, errors: [], message: 'unknown series NOPE' })).toBe('failed: the run could not start — nothing was fetched; stored data unchanged');
  });
  it('series by series: the counts, as before', () => {
    expect(syncSummary({ status: 'partial', ok: 38, errors: [{ seriesId: 'A', error: 'x' }, { seriesId: 'B', error: 'y' }], message: null })).toBe('partial: 38 ok, 2 errors');
    expect(syncSummary({ status: 'failed', ok: 0, errors: [{ seriesId: 'A', error: 'x' }] })).toBe('failed: 0 ok, 1 errors');
    expect(syncSummary({ status: 'cancelled', ok: 0, errors: [] })).toBe('cancelled: before any series was fetched; stored data unchanged');
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
