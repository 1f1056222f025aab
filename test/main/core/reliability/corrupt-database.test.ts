/**
 * A damaged database at start (issue 5): 7 kinds of damage × {only cached data, with saved scenarios,
 * with backups}. Each: no crash, a specific message, the original kept aside byte for byte, the cache
 * rebuilt from the snapshot, scenarios restored from the newest backup where there is one, merged with
 * what the damaged file still holds (issue 11 §3; the merge itself is tested in recovery-merge.test.ts).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, openSync, readFileSync, writeFileSync, writeSync, closeSync, statSync, truncateSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeBackup, listBackups, backupIfDue, BACKUP_EVERY_MS } from '../../../../main/core/db/backup.js';
import { insertScenario, listScenarios } from '../../../../main/core/db/repos/scenarios-repo.js';
import { DB_FILE, openStore } from '../../../../main/core/store.js';
import { DEFAULT_INPUTS } from '../../../../shared/compute/presets.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { tempDir } from '../../../support/temp-dir.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const sha = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');
const anchor = { date: '2026-07-31' as IsoDate, Tc: 4000, Tb: 0, M: 2000, OA: 500, C: 2400, TGA: 900, RRP: 1, FRRP: 0, R0: 2930, GDP0: 32000, BA0: Number.NaN };

let template: ReturnType<typeof tempDir>;
beforeAll(() => {
  template = tempDir('reservoir-corrupt-template-');
  openStore({ dataDir: template.dir, now: () => NOW, backups: false }).close();
});
afterAll(() => template.cleanup());

type Variant = 'cache' | 'scenarios' | 'backups';

function prepare(variant: Variant): { dir: string; file: string; cleanup: () => void } {
  const t = tempDir();
  copyFileSync(path.join(template.dir, DB_FILE), path.join(t.dir, DB_FILE));
  if (variant !== 'cache') {
    const s = openStore({ dataDir: t.dir, now: () => NOW, backups: false });
    for (const name of ['Fed RMP copy', 'Desk view']) insertScenario(s.db, { name, inputs: DEFAULT_INPUTS, anchor, curveLabel: 'illustrative', dataAsOf: '2026-08-19', modelVersion: 1 }, '2026-11-20T00:00:00Z');
    if (variant === 'backups') takeBackup(s.db, t.dir, 'test', NOW - 3600_000);
    s.close();
  }
  return { dir: t.dir, file: path.join(t.dir, DB_FILE), cleanup: t.cleanup };
}

function foreignWal(file: string): void {
  // A WAL written by another SQLite database (kept open so its log is not checkpointed away).
  const other = path.join(os.tmpdir(), `foreign-${process.pid}-${Math.random().toString(36).slice(2)}.sqlite`);
  const db = new Database(other);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE intruder (x); INSERT INTO intruder VALUES (1), (2), (3);');
  copyFileSync(`${other}-wal`, `${file}-wal`);
  db.close();
  rmSync(other, { force: true });
  rmSync(`${other}-wal`, { force: true });
  rmSync(`${other}-shm`, { force: true });
}

const DAMAGE: Record<string, { apply: (file: string) => void; message: RegExp; walOnly?: boolean }> = {
  'header smashed': { apply: (f) => { const fd = openSync(f, 'r+'); writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0); closeSync(fd); }, message: /not a database any more \(its header is damaged\)/ },
  'file truncated': { apply: (f) => truncateSync(f, Math.floor(statSync(f).size / 3)), message: /damaged/ },
  'page scribbled': {
    apply: (f) => {
      const fd = openSync(f, 'r+');
      const page = 4096;
      const garbage = Buffer.alloc(page * 3);
      for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 7) % 251;
      writeSync(fd, garbage, 0, garbage.length, page * 3);
      closeSync(fd);
    },
    message: /damaged/,
  },
  'zero-length file': { apply: (f) => writeFileSync(f, Buffer.alloc(0)), message: /the database file is empty \(0 bytes\)/ },
  'foreign -wal beside it': { apply: foreignWal, message: /write-ahead log beside the database did not belong to it/, walOnly: true },
  'user_version from the future': { apply: (f) => { const db = new Database(f); db.pragma('user_version = 990'); db.close(); }, message: /written by a newer Reservoir \(schema 990/ },
  'wrong application_id': { apply: (f) => { const db = new Database(f); db.pragma('application_id = 1234'); db.close(); }, message: /not Reservoir's/ },
};

const CASES = Object.entries(DAMAGE).flatMap(([kind, d]) => (['cache', 'scenarios', 'backups'] as const).map((v) => [kind, v, d] as const));

describe('damaged database at start', () => {
  it(`covers at least 18 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(18));

  const outcomes: string[] = [];
  afterAll(() => console.log(`corrupt database: ${CASES.length} cases, ${outcomes.filter((o) => o === 'ok').length} recovered as specified`));

  it.each(CASES)('%s, with %s', (kind, variant, damage) => {
    const c = prepare(variant);
    try {
      damage.apply(c.file);
      const target = damage.walOnly ? `${c.file}-wal` : c.file;
      const before = sha(target);
      const store = openStore({ dataDir: c.dir, now: () => NOW, backups: false });
      try {
        const r = store.recovery;
        expect(r?.problem).toMatch(damage.message);
        const aside = r?.keptAside.find((p) => (damage.walOnly ? p.includes('-wal.foreign-') : p.includes('.damaged-') && !p.endsWith('-wal') && !p.endsWith('-shm')));
        expect(aside && existsSync(aside)).toBe(true);
        expect(sha(aside ?? '')).toBe(before);
        // The cache is there: from the snapshot when rebuilt, untouched when only the WAL was stray.
        expect(Number(store.db.prepare("SELECT count(*) FROM observations_by_date WHERE series_id = 'WALCL'").pluck().get())).toBe(1243);
        expect(store.db.pragma('quick_check', { simple: true })).toBe('ok');
        const names = listScenarios(store.db).map((s) => s.name).sort();
        if (variant === 'backups' || (variant === 'scenarios' && (damage.walOnly || /future|application_id/.test(kind)))) expect(names).toEqual(['Desk view', 'Fed RMP copy']);
        // The backup's copies are the same as the damaged file's, so they are counted as from the backup.
        if (variant === 'backups' && !damage.walOnly) expect(r?.restoredFrom).toMatch(/^reservoir-.*-test\.sqlite$/);
        if (variant === 'backups' && !damage.walOnly) expect(r?.restored?.summary).toMatch(/^restored 2 scenarios: 2 from the backup of 2026-11-21 11:00 UTC; no layouts/);
        if (variant === 'cache') expect(names).toEqual([]);
        outcomes.push('ok');
      } finally {
        store.close();
      }
      // And the next start is clean.
      const again = openStore({ dataDir: c.dir, now: () => NOW, backups: false });
      expect(again.recovery).toBeNull();
      again.close();
    } finally {
      c.cleanup();
    }
  });
});

describe('backups', () => {
  it('are taken before a migration and at most once a day, newest ten kept', () => {
    const t = tempDir();
    try {
      // A version-10 database: opening it migrates to 20, with a backup first.
      const db = new Database(path.join(t.dir, DB_FILE));
      db.pragma('application_id = 1381193298');
      db.exec(readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'v10-schema.sql'), 'utf8'));
      db.pragma('user_version = 10');
      db.close();
      const s = openStore({ dataDir: t.dir, now: () => NOW, snapshot: null });
      const names = listBackups(t.dir).map((b) => path.basename(b.file));
      expect(names.some((n) => n.includes('before-migration-from-v10'))).toBe(true);
      expect(backupIfDue(s.db, t.dir, NOW + 1000)).toBeNull();
      expect(backupIfDue(s.db, t.dir, NOW + BACKUP_EVERY_MS + 60_000)).not.toBeNull();
      for (let i = 0; i < 12; i++) takeBackup(s.db, t.dir, 'scheduled', NOW + i * 1000 + 5 * BACKUP_EVERY_MS);
      expect(listBackups(t.dir)).toHaveLength(10);
      s.close();
    } finally {
      t.cleanup();
    }
  });
});
