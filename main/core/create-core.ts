/**
 * The core, given the world: data dir, fetch, clock, logger, source URLs and a key store. Both hosts
 * (Electron shell, loopback HTTP) build it the same way and talk to `router`.
 */
import { createRouter, type KeyStore, type Router, type SaveFile } from './router.js';
import { openStore, type Store } from './store.js';
import { sleepReal } from './sync/http-client.js';
import type { SourceUrls } from './sync/source-context.js';
import { createSyncController, type SyncController } from './sync-controller.js';

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
}

export interface Core {
  readonly router: Router;
  readonly store: Store;
  readonly sync: SyncController;
  dispose(): Promise<void>;
}

export function createCore(deps: CoreDeps): Core {
  const store = openStore({ dataDir: deps.dataDir, now: deps.now, ...(deps.snapshotDir ? { snapshot: deps.snapshotDir } : {}) });
  const http = { fetch: deps.fetch, now: deps.now, sleep: sleepReal, random: deps.random, ...(deps.log ? { log: deps.log } : {}) };
  const sync = createSyncController(store.db, http, deps.urls, () => deps.keys.get(), deps.log, deps.fredPerSecond);
  const router = createRouter({ store, now: deps.now, sync, keys: deps.keys, saveFile: deps.saveFile, ...(deps.log ? { log: deps.log } : {}) });
  return {
    router,
    store,
    sync,
    async dispose() {
      sync.cancel();
      await sync.idle();
      store.close();
    },
  };
}

/** Browser mode keeps the FRED key in memory only: there is no OS keychain to protect it on disk. */
export function memoryKeyStore(initial: string | null = null): KeyStore {
  let key = initial;
  return { get: () => key, set: (k) => (key = k), storage: 'memory only (browser mode: the key is not written to disk)' };
}
