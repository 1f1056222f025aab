/**
 * The core, given the world: data dir, fetch, clock, logger, source URLs and a key store. Both hosts
 * (Electron shell, loopback HTTP) build it the same way and talk to `router`.
 */
import { createBackupScheduler, realTimer, type SetTimer } from './db/backup.js';
import { pruneAllRevisions } from './db/repos/revisions-retention.js';
import { createRouter, type KeyStore, type Router, type SaveFile } from './router.js';
import { openStore, type Store } from './store.js';
import { sleepReal } from './sync/http-client.js';
import { RateLimiter } from './sync/rate-limit.js';
import type { SourceUrls } from './sync/source-context.js';
import { createSyncController, type SyncController } from './sync-controller.js';
import { createAlertService, evaluateAfterSync, type AlertService } from './alert-service.js';

export interface CoreDeps {
  readonly dataDir: string;
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => number;
  readonly random: () => number;
  readonly urls: SourceUrls;
  readonly keys: KeyStore;
  readonly saveFile: SaveFile;
  readonly log?: (line: string) => void;
  /** Where the offline snapshot lives (default: resources/snapshot beside the sources; the packaged app passes its own). */
  readonly snapshotDir?: string;
  /** FRED's limit (1 request a second); tests against the loopback replay server raise it. */
  readonly fredPerSecond?: number;
  /** The timer behind the backups after changes (tests drive it by hand); a real, unref'd one by default. */
  readonly setTimer?: SetTimer;
}

/** Channels that only read saved scenarios and layouts; every other scenario:/layout: channel writes. */
const SAVED_WORK_READS: ReadonlySet<string> = new Set(['scenario:list', 'scenario:export', 'layout:list']);
const changesSavedWork = (channel: string): boolean => /^(scenario|layout):/.test(channel) && !SAVED_WORK_READS.has(channel);

export interface Core {
  readonly router: Router;
  readonly store: Store;
  readonly sync: SyncController;
  /** Alerts (issue 13 §7): the Electron shell subscribes with `alerts.onNotice` for a native Notification. */
  readonly alerts: AlertService;
  dispose(): Promise<void>;
}

/** How long after start the daily backup waits: the first window is drawn by then. */
export const START_BACKUP_DELAY_MS = 3_000;
/** The start's alert evaluation waits this long, like the backup, so it never delays the first window. */
export const ALERTS_AT_START_DELAY_MS = 1_500;

export function createCore(deps: CoreDeps): Core {
  // The app and browser mode hold the data folder for their lifetime (issue 11 §1): a second one
  // fails at once with DataFolderLocked, which its host prints, instead of migrating the file too.
  // The daily backup is taken shortly after start (below), not before the first window is drawn: a
  // copy and check of the whole database cost the first start of each day a few hundred ms.
  const store = openStore({ dataDir: deps.dataDir, now: deps.now, lock: { waitMs: 0 }, backups: false, ...(deps.snapshotDir ? { snapshot: deps.snapshotDir } : {}), ...(deps.log ? { warn: deps.log } : {}) });
  const http = { fetch: deps.fetch, now: deps.now, sleep: sleepReal, random: deps.random, ...(deps.log ? { log: deps.log } : {}) };
  const alerts = createAlertService(store.db, deps.now, deps.log);
  const sync = evaluateAfterSync(createSyncController(store.db, http, deps.urls, () => deps.keys.get(), deps.log, deps.fredPerSecond), alerts, deps.log);
  // Looking a FRED series up to add it (catalog:lookup-fred, catalog:add-fred): one or two requests, at FRED's pace.
  const perSecond = deps.fredPerSecond ?? 1;
  const fredLimiter = new RateLimiter({ perSecond, perMinute: perSecond > 1 ? 100_000 : 100, now: deps.now, sleep: sleepReal });
  const fred = { http, urls: deps.urls, fredKey: () => deps.keys.get(), limiter: fredLimiter, now: deps.now };
  const inner = createRouter({ store, now: deps.now, sync, keys: deps.keys, saveFile: deps.saveFile, fred, alerts, ...(deps.log ? { log: deps.log } : {}) });
  try {
    // Files written before the revision policy existed, and the two-year line moving on with time.
    pruneAllRevisions(store.db, new Date(deps.now()).toISOString());
  } catch (e) {
    deps.log?.(`warning: old revisions not pruned: ${e instanceof Error ? e.message : String(e)}`);
  }
  // A long session gets backups too (issue 11 §3): after each change to saved work, at most every
  // 10 minutes, and a last one on a clean quit.
  const backups = createBackupScheduler({ db: store.db, dataDir: store.dataDir, now: deps.now, ...(deps.setTimer ? { setTimer: deps.setTimer } : {}), ...(deps.log ? { warn: deps.log } : {}) });
  const daily = (deps.setTimer ?? realTimer)(() => void backups.dailyIfDue(), START_BACKUP_DELAY_MS);
  // Alerts are evaluated at start (on the stored data) and after each sync (evaluateAfterSync). At start
  // after the first window has drawn (~35 ms cold, which made the first requests wait behind it);
  // `alerts:list` evaluates at once if asked first.
  const alertsAtStart = realTimer(() => {
    try {
      alerts.evaluate();
    } catch (e) {
      deps.log?.(`warning: alerts not evaluated at start: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, ALERTS_AT_START_DELAY_MS);
  const router: Router = {
    async handle(channel, payload) {
      const r = await inner.handle(channel, payload);
      if (r.ok && changesSavedWork(channel)) backups.noteChange();
      return r;
    },
  };
  return {
    router,
    store,
    sync,
    alerts,
    async dispose() {
      sync.cancel();
      await sync.idle();
      daily.cancel();
      alertsAtStart.cancel();
      // A quit before the delayed daily backup ran: close() takes it when one is due.
      backups.close();
      store.close();
    },
  };
}

/** Browser mode keeps the FRED key in memory only: there is no OS keychain to protect it on disk. */
export function memoryKeyStore(initial: string | null = null): KeyStore {
  let key = initial;
  return { get: () => key, set: (k) => (key = k), storage: 'memory only (browser mode: the key is not written to disk)' };
}
