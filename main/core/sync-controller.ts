/** One background sync at a time, with progress and cancellation, for the UI. */
import type { SyncStatusDto } from '../../shared/ipc/contract.js';
import type { Db } from './db/open-database.js';
import type { HttpDeps } from './sync/http-client.js';
import { RateLimiter } from './sync/rate-limit.js';
import type { SourceUrls } from './sync/source-context.js';
import { runSync } from './sync/sync-service.js';

export interface SyncController {
  start(ids?: readonly string[]): SyncStatusDto;
  status(): SyncStatusDto;
  cancel(): SyncStatusDto;
  /** Resolves when the running sync (if any) has finished. */
  idle(): Promise<void>;
}

export function createSyncController(db: Db, http: HttpDeps, urls: SourceUrls, fredKey: () => string | null, log?: (l: string) => void, fredPerSecond = 1): SyncController {
  let state: SyncStatusDto = { running: false, done: 0, total: 0, rows: 0, currentSeries: null, lastRun: null };
  let ctl: AbortController | null = null;
  let running: Promise<void> = Promise.resolve();
  const limiter = new RateLimiter({ perSecond: fredPerSecond, perMinute: fredPerSecond > 1 ? 100_000 : 100, now: http.now, sleep: http.sleep });
  return {
    start(ids) {
      if (state.running) return state;
      ctl = new AbortController();
      // The previous run's outcome (its error list) goes when a new run starts: a list left on screen
      // during the next run reads as that run's errors. The store's sync log keeps it (sync:last-run).
      state = { ...state, running: true, done: 0, total: 0, rows: 0, currentSeries: null, lastRun: null };
      const signal = ctl.signal;
      running = runSync(
        { db, http, urls, fredApiKey: fredKey(), fredLimiter: limiter, ...(log ? { log } : {}) },
        { ...(ids && ids.length > 0 ? { seriesIds: ids } : {}), signal, trigger: 'ui', onProgress: (p) => (state = { ...state, done: p.done, total: p.total, rows: p.rows, currentSeries: p.seriesId }) },
      ).then(
        (report) => {
          const errors = report.results.filter((r) => r.outcome === 'error').map((r) => ({ seriesId: r.seriesId, error: r.error ?? '' }));
          const finishedAt = new Date(http.now()).toISOString();
          state = { ...state, running: false, currentSeries: null, lastRun: { status: report.status, ok: report.results.filter((r) => r.outcome === 'ok').length, errors, message: report.message, finishedAt } };
        },
        (e: unknown) => {
          // The run did not start (an unknown id, a series with no live source): one message, no list.
          const message = e instanceof Error ? e.message : String(e);
          state = { ...state, running: false, currentSeries: null, lastRun: { status: 'failed', ok: 0, errors: [], message, finishedAt: new Date(http.now()).toISOString() } };
        },
      );
      return state;
    },
    status: () => state,
    cancel() {
      ctl?.abort();
      return state;
    },
    idle: () => running,
  };
}
