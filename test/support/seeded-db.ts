/**
 * One seeded data folder (the offline snapshot) and an open connection for a test file: created before
 * its tests, closed and removed after. Tests read the real snapshot through the store like the app does.
 */
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Db } from '../../main/core/db/open-database.js';
import { DB_FILE } from '../../main/core/store.js';
import { seededDataDir } from './sync-harness.js';

export interface SeededDb {
  /** The open connection (valid inside tests, after beforeAll). */
  readonly db: () => Db;
  /** The data folder, for a CLI run with --data-dir. */
  readonly dir: () => string;
}

export function useSeededDb(): SeededDb {
  let d: ReturnType<typeof seededDataDir> | undefined;
  let db: Db | undefined;
  beforeAll(() => {
    d = seededDataDir();
    db = openDatabase(path.join(d.dir, DB_FILE));
  });
  afterAll(() => {
    db?.close();
    d?.cleanup();
  });
  const need = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('useSeededDb: used outside a test (before beforeAll)');
    return x;
  };
  return { db: () => need(db), dir: () => need(d).dir };
}
