/**
 * Opens the data directory: database file, catalog, and the offline snapshot on first use.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CATALOG } from '../../shared/catalog.js';
import { openDatabase, type Db } from './db/open-database.js';
import { upsertCatalog } from './db/repos/series-repo.js';
import { snapshotDir } from './paths.js';
import { seedFromSnapshot, type SeedReport } from './snapshot/seed.js';

export const DB_FILE = 'reservoir.sqlite';

export interface Store {
  readonly db: Db;
  readonly dataDir: string;
  readonly seed: SeedReport | null;
  close(): void;
}

export interface OpenStoreOptions {
  readonly dataDir: string;
  readonly now: () => number;
  /** Defaults to the bundled resources/snapshot; null disables seeding (tests of an empty store). */
  readonly snapshot?: string | null;
}

export function openStore(opts: OpenStoreOptions): Store {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(path.join(opts.dataDir, DB_FILE));
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
  }
  return { db, dataDir: opts.dataDir, seed, close: () => db.close() };
}
