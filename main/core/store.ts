/**
 * Opens the data directory: database file, catalog, and the offline snapshot on first use.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CATALOG } from '../../shared/catalog.js';
import type { Db } from './db/open-database.js';
import { backupIfDue, takeBackup } from './db/backup.js';
import { openOrRecover, type RecoveryReport } from './db/recover.js';
import { upsertCatalog } from './db/repos/series-repo.js';
import { snapshotDir } from './paths.js';
import { seedFromSnapshot, type SeedReport } from './snapshot/seed.js';
import { applyGdpReleaseDates } from './snapshot/gdp-release-dates.js';

export const DB_FILE = 'reservoir.sqlite';

export interface Store {
  readonly db: Db;
  readonly dataDir: string;
  readonly seed: SeedReport | null;
  /** Set when the database was found damaged at start and rebuilt (or a stray WAL set aside). */
  readonly recovery: RecoveryReport | null;
  close(): void;
}

export interface OpenStoreOptions {
  readonly dataDir: string;
  readonly now: () => number;
  /** Defaults to the bundled resources/snapshot; null disables seeding (tests of an empty store). */
  readonly snapshot?: string | null;
  /** Scheduled daily backups (on by default; tests that copy stores turn them off). */
  readonly backups?: boolean;
}

export function openStore(opts: OpenStoreOptions): Store {
  mkdirSync(opts.dataDir, { recursive: true });
  const now = opts.now();
  const { db, recovery } = openOrRecover(path.join(opts.dataDir, DB_FILE), opts.dataDir, now, (d, from) => {
    takeBackup(d, opts.dataDir, `before-migration-from-v${from}`, now);
  });
  upsertCatalog(db, CATALOG);
  let seed: SeedReport | null = null;
  const snap = opts.snapshot === undefined ? snapshotDir() : opts.snapshot;
  if (snap !== null) {
    const r = seedFromSnapshot(db, snap, new Date(opts.now()).toISOString());
    if (!r.ok) {
      db.close();
      throw new Error(`cannot seed from the offline snapshot: ${r.error}`);
    }
    seed = r.value;
    // The real GDP first-release dates go into the data dir too, for hosts whose analysis code cannot
    // find the snapshot folder (the packaged app). Written only when they differ; a snapshot without
    // the file leaves the labelled approximation in force.
    applyGdpReleaseDates(db, snap);
  }
  if (opts.backups !== false) backupIfDue(db, opts.dataDir, now);
  return { db, dataDir: opts.dataDir, seed, recovery, close: () => db.close() };
}
