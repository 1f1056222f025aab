/**
 * Opens the data directory: database file, catalog, and the offline snapshot on first use.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CATALOG } from '../../shared/catalog.js';
import { acquireDataFolderLock } from './data-folder-lock.js';
import { APPLICATION_ID, openDatabase, type Db } from './db/open-database.js';
import { backupIfDue, tryBackup } from './db/backup.js';
import { classifyOpenError, ensureDataFolder, StoreUnavailableError } from './db/classify-open-error.js';
import { schemaVersion } from './db/migrate.js';
import { MIGRATIONS } from './db/migrations/index.js';
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
  /** Where a failed backup is reported (it never stops the start); stderr by default. */
  readonly warn?: (line: string) => void;
  /**
   * Hold the data folder's lock while the store is open (the app, browser mode, CLI writes), waiting
   * up to `waitMs` for another owner; throws DataFolderLocked when it stays taken. Off by default:
   * tests open stores on their own temporary folders.
   */
  readonly lock?: { readonly waitMs: number; readonly hint?: string };
}

export function openStore(opts: OpenStoreOptions): Store {
  ensureDataFolder(opts.dataDir);
  // Taken before the database is touched, so a second app never migrates, seeds or recovers it.
  // (On the real clock: opts.now may be a test's fixed instant, and waiting needs time to pass.)
  const lock = opts.lock ? acquireDataFolderLock(opts.dataDir, { waitMs: opts.lock.waitMs, ...(opts.lock.hint ? { hint: opts.lock.hint } : {}) }) : null;
  try {
    const store = openStoreUnlocked(opts);
    return { ...store, close: () => {
      try {
        store.close();
      } finally {
        lock?.release();
      }
    } };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

function openStoreUnlocked(opts: OpenStoreOptions): Store {
  const now = opts.now();
  const warn = opts.warn ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  const { db, recovery } = openOrRecover(path.join(opts.dataDir, DB_FILE), opts.dataDir, now, (d, from) => {
    // Warned, not fatal (issue 11 §3): the migration itself runs in one transaction and rolls back.
    tryBackup(d, opts.dataDir, `before-migration-from-v${from}`, now, warn);
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
  if (opts.backups !== false) backupIfDue(db, opts.dataDir, now, warn);
  return { db, dataDir: opts.dataDir, seed, recovery, close: () => db.close() };
}

/**
 * A read-only connection for CLI reads while another process holds the folder (issue 11 §1): no
 * migration, no seed, no backup, and no recovery. A database that is missing, not yet at this
 * Reservoir's schema, or not usable gets a plain message instead.
 */
export function openStoreReadOnly(dataDir: string, holder: string): Store {
  const file = path.join(dataDir, DB_FILE);
  if (!existsSync(file)) {
    throw new StoreUnavailableError('not-set-up', file, `There is no database in ${dataDir} yet: ${holder} is setting it up. Try again in a moment.`);
  }
  let db: Db;
  try {
    db = openDatabase(file, { readonly: true });
  } catch (e) {
    const c = classifyOpenError(e, file);
    throw c.damage ? new StoreUnavailableError('other', file, `The database ${file} looks damaged (${c.problem}). Nothing was moved or changed; ${holder} has it open.`) : c.error;
  }
  try {
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    const appId = Number(db.pragma('application_id', { simple: true }));
    const version = schemaVersion(db);
    if (appId !== APPLICATION_ID && version === 0) throw new StoreUnavailableError('not-set-up', file, `The database in ${dataDir} is not set up yet: ${holder} is creating it. Try again in a moment.`);
    if (appId !== APPLICATION_ID) throw new StoreUnavailableError('other', file, `${file} is not a Reservoir database (application_id ${appId}). Nothing was moved or changed.`);
    if (version > latest) throw new StoreUnavailableError('other', file, `The database ${file} was written by a newer Reservoir (schema ${version}; this one knows up to ${latest}). Nothing was moved or changed; use the newer Reservoir.`);
    if (version < latest) {
      throw new StoreUnavailableError('not-set-up', file, `The database ${file} is at schema ${version} and this Reservoir reads schema ${latest}; a read-only command does not upgrade it. ${holder} will upgrade it when it opens it; try again in a moment, or once it is closed.`);
    }
  } catch (e) {
    db.close();
    if (e instanceof StoreUnavailableError) throw e;
    const c = classifyOpenError(e, file);
    throw c.damage ? new StoreUnavailableError('other', file, `The database ${file} looks damaged (${c.problem}). Nothing was moved or changed.`) : c.error;
  }
  return { db, dataDir, seed: null, recovery: null, close: () => db.close() };
}
