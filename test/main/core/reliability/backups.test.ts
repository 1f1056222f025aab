/**
 * Backups that can be trusted (issue 11 §3). Found: a full backups folder stopped the app from
 * starting; a 0-byte file counted as today's backup; nine empty files plus one good backup made
 * rotation delete ten good ones; backups were taken only at start, so a long session never got one.
 * Here: a backups "folder" that is a file, one on a full 1 MB tmpfs, empty and truncated files, a
 * copy interrupted by a crash (a leftover temporary file, and a real kill -9 mid-copy), rotation, and
 * the backups after changes (10-minute debounce on an injected clock and timer) and on quit.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDir, backupIfDue, BACKUP_EVERY_MS, CHANGE_BACKUP_EVERY_MS, createBackupScheduler, isGoodBackup, listBackups, takeBackup, type SetTimer } from '../../../../main/core/db/backup.js';
import { createCore, memoryKeyStore, START_BACKUP_DELAY_MS } from '../../../../main/core/create-core.js';
import { insertScenario, listScenarios } from '../../../../main/core/db/repos/scenarios-repo.js';
import { DB_FILE, openStore, type Store } from '../../../../main/core/store.js';
import { DEFAULT_INPUTS } from '../../../../shared/compute/presets.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { REPO_ROOT } from '../../../support/paths.js';
import { urlsFor } from '../../../support/sync-harness.js';
import { tempDir } from '../../../support/temp-dir.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const DAY = 24 * 3600 * 1000;
const anchor = { date: '2026-07-31' as IsoDate, Tc: 4000, Tb: 0, M: 2000, OA: 500, C: 2400, TGA: 900, RRP: 1, FRRP: 0, R0: 2930, GDP0: 32000, BA0: Number.NaN };
const stampOf = (ms: number): string => new Date(ms).toISOString().replace(/[:.]/g, '-');
const names = (dir: string): string[] => (existsSync(backupDir(dir)) ? readdirSync(backupDir(dir)).sort() : []);
const goodCount = (dir: string): number => names(dir).filter((n) => /^reservoir-.*\.sqlite$/.test(n) && isGoodBackup(path.join(backupDir(dir), n))).length;

let seeded: ReturnType<typeof tempDir>;
let small: ReturnType<typeof tempDir>;
beforeAll(() => {
  seeded = tempDir('reservoir-backups-seeded-');
  openStore({ dataDir: seeded.dir, now: () => NOW, backups: false }).close();
  small = tempDir('reservoir-backups-small-');
  const s = openStore({ dataDir: small.dir, now: () => NOW, backups: false, snapshot: null });
  insertScenario(s.db, { name: 'Desk view', inputs: DEFAULT_INPUTS, anchor, curveLabel: 'illustrative', dataAsOf: '2026-08-19', modelVersion: 1 }, '2026-11-20T00:00:00Z');
  s.close();
});
afterAll(() => {
  seeded.cleanup();
  small.cleanup();
});

function copyOf(template: string): { dir: string; cleanup: () => void } {
  const t = tempDir();
  copyFileSync(path.join(template, DB_FILE), path.join(t.dir, DB_FILE));
  return t;
}

/** Starts the store with backups on, as the app does; returns it with the warnings it gave. */
function start(dir: string, now = NOW): { store: Store; warnings: string[] } {
  const warnings: string[] = [];
  const store = openStore({ dataDir: dir, now: () => now, snapshot: null, warn: (l) => warnings.push(l) });
  return { store, warnings };
}

function startsNormally(store: Store): void {
  expect(store.recovery).toBeNull();
  expect(store.db.pragma('quick_check', { simple: true })).toBe('ok');
  expect(listScenarios(store.db).map((s) => s.name)).toEqual(['Desk view']);
}

const printed: string[] = [];
afterAll(() => console.log(`backups: ${printed.length} cases — ${printed.join('; ')}`));

describe('a backup that cannot be written never stops the start', () => {
  it('backups/ is a file', () => {
    const t = copyOf(small.dir);
    try {
      writeFileSync(backupDir(t.dir), 'not a folder');
      const { store, warnings } = start(t.dir);
      startsNormally(store);
      expect(warnings.join('\n')).toMatch(/backup not written: .*backups cannot be a folder .*Reservoir carries on without it/);
      store.close();
      printed.push('backups/ a file: started, 1 warning');
    } finally {
      t.cleanup();
    }
  });

  it('backups/ on a full tmpfs: the ten good backups stay, no partial file is left, the start goes on', () => {
    const t = copyOf(small.dir);
    const mountPoint = backupDir(t.dir);
    // The size of one copy, measured on disk first: the tmpfs is made to hold ten and a half.
    const s = openStore({ dataDir: t.dir, now: () => NOW, backups: false, snapshot: null });
    const probe = takeBackup(s.db, t.dir, 'probe', NOW - 30 * DAY);
    const one = statSync(probe).size;
    rmSync(probe);
    const sizeKiB = Math.ceil((10.5 * one) / 4096) * 4;
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', mountPoint]).status === 0;
    try {
      if (!mounted) {
        // Without mount rights the full disk is simulated by the next-best thing: no room at all.
        s.close();
        rmSync(mountPoint, { recursive: true });
        writeFileSync(mountPoint, '');
        const { store, warnings } = start(t.dir);
        startsNormally(store);
        expect(warnings).toHaveLength(1);
        store.close();
        printed.push('full tmpfs: mount not allowed here, simulated by an unwritable backups path: started');
        return;
      }
      for (let i = 0; i < 10; i++) takeBackup(s.db, t.dir, 'scheduled', NOW - (20 - i) * DAY);
      s.close();
      expect(goodCount(t.dir)).toBe(10);
      const { store, warnings } = start(t.dir);
      startsNormally(store);
      expect(warnings.join('\n')).toMatch(/backup not written .*(full|SQLITE_FULL)/i);
      // The ten good ones are untouched (nothing is deleted before a new copy is proven) and no partial remains.
      expect(goodCount(t.dir)).toBe(10);
      expect(names(t.dir).filter((n) => n.includes('.partial'))).toEqual([]);
      store.close();
      printed.push(`full ${sizeKiB} KiB tmpfs (copies of ${Math.round(one / 1024)} KiB): started, 10 good kept, 0 partial left`);
    } finally {
      if (mounted) spawnSync('umount', [mountPoint]);
      t.cleanup();
    }
  });

  it('backups/ on a 1 MB tmpfs smaller than one copy of the seeded store: the start goes on', () => {
    const t = copyOf(seeded.dir);
    const mountPoint = backupDir(t.dir);
    mkdirSync(mountPoint);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]).status === 0;
    try {
      const warnings: string[] = [];
      const store = openStore({ dataDir: t.dir, now: () => NOW, warn: (l) => warnings.push(l) });
      expect(store.recovery).toBeNull();
      if (mounted) {
        expect(warnings.join('\n')).toMatch(/database or disk is full/);
        expect(readdirSync(mountPoint)).toEqual([]);
      }
      store.close();
      printed.push(mounted ? '1 MB tmpfs, seeded store: started, 1 warning, folder left empty' : '1 MB tmpfs: mount not allowed here (skipped)');
    } finally {
      if (mounted) spawnSync('umount', [mountPoint]);
      t.cleanup();
    }
  });
});

describe('only good backups count', () => {
  it('a 0-byte file named as today’s backup is not today’s backup', () => {
    const t = copyOf(small.dir);
    try {
      mkdirSync(backupDir(t.dir));
      writeFileSync(path.join(backupDir(t.dir), `reservoir-${stampOf(NOW - 60_000)}-scheduled.sqlite`), '');
      expect(listBackups(t.dir)).toEqual([]);
      const { store, warnings } = start(t.dir);
      startsNormally(store);
      expect(warnings).toEqual([]);
      expect(goodCount(t.dir)).toBe(1);
      store.close();
      printed.push('0-byte "today" backup: a real one taken');
    } finally {
      t.cleanup();
    }
  });

  it('nine empty files and one good backup newer than ten good ones: ten good ones are kept', () => {
    const t = copyOf(small.dir);
    try {
      const s = openStore({ dataDir: t.dir, now: () => NOW, backups: false, snapshot: null });
      const older = Array.from({ length: 10 }, (_, i) => takeBackup(s.db, t.dir, 'scheduled', NOW - (30 - i) * DAY));
      for (let i = 0; i < 9; i++) writeFileSync(path.join(backupDir(t.dir), `reservoir-${stampOf(NOW - (10 - i) * DAY)}-scheduled.sqlite`), '');
      const newer = takeBackup(s.db, t.dir, 'scheduled', NOW - DAY / 2);
      expect(goodCount(t.dir)).toBe(10);
      // The good ones kept are the newest: the new one and nine of the ten before the empty files.
      expect(existsSync(newer)).toBe(true);
      expect(older.filter((f) => existsSync(f))).toEqual(older.slice(1));
      // And one more: still ten good, the oldest good one goes.
      takeBackup(s.db, t.dir, 'scheduled', NOW);
      expect(goodCount(t.dir)).toBe(10);
      expect(existsSync(older[1] ?? '')).toBe(false);
      s.close();
      printed.push(`9 empty + 1 good + 10 good: ${goodCount(t.dir)} good kept`);
    } finally {
      t.cleanup();
    }
  });

  it('a crash mid-copy never becomes a backup: a leftover temporary file and a truncated copy are ignored, then cleared', () => {
    const t = copyOf(seeded.dir);
    try {
      const s = openStore({ dataDir: t.dir, now: () => NOW, backups: false, snapshot: null });
      const good = takeBackup(s.db, t.dir, 'scheduled', NOW - 3 * DAY);
      s.close();
      // What a crash during VACUUM INTO leaves: the temporary name, half written.
      const partial = path.join(backupDir(t.dir), `reservoir-${stampOf(NOW - 60_000)}-scheduled.sqlite.partial`);
      copyFileSync(good, partial);
      truncateSync(partial, Math.floor(statSync(good).size / 2));
      // And a truncated copy under a backup's name (copied by hand, or by an older Reservoir).
      const truncated = path.join(backupDir(t.dir), `reservoir-${stampOf(NOW - 30_000)}-scheduled.sqlite`);
      copyFileSync(good, truncated);
      truncateSync(truncated, Math.floor(statSync(good).size / 2));
      expect(listBackups(t.dir).map((b) => b.file)).toEqual([good]);
      const { store } = start(t.dir);
      // Neither counted as today's backup: a new one was taken, and the leftover cleared.
      expect(listBackups(t.dir).map((b) => path.basename(b.file))).toEqual([`reservoir-${stampOf(NOW)}-scheduled.sqlite`, path.basename(good)]);
      expect(existsSync(partial)).toBe(false);
      store.close();
      printed.push('leftover .partial + truncated copy: ignored, new backup taken, leftover cleared');
    } finally {
      t.cleanup();
    }
  });

  it('kill -9 during a backup: every file with a backup’s name is good', async () => {
    const t = copyOf(seeded.dir);
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/main/core/reliability/backup-child.ts'), t.dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          // Killed while the third copy is being written.
          if ((out.match(/^TOOK /gm) ?? []).length >= 2) resolve();
        });
        child.on('exit', () => reject(new Error(`child ended early: ${out}`)));
      });
      await new Promise((r) => setTimeout(r, 15));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const named = names(t.dir).filter((n) => /\.sqlite$/.test(n));
      const partials = names(t.dir).filter((n) => n.includes('.partial'));
      expect(named.length).toBeGreaterThanOrEqual(2);
      for (const n of named) expect(isGoodBackup(path.join(backupDir(t.dir), n))).toBe(true);
      // The next start clears what the killed copy left.
      const { store } = start(t.dir, NOW + 2 * DAY);
      expect(names(t.dir).filter((n) => n.includes('.partial'))).toEqual([]);
      store.close();
      printed.push(`kill -9 mid-copy: ${named.length} named files, all good; ${partials.length} partial left, cleared at next start`);
    } finally {
      t.cleanup();
    }
  });
});

/** A hand-driven timer: tests fire what is due. */
function fakeTimers(): { setTimer: SetTimer; pending: () => { ms: number; fire: () => void }[] } {
  const list: { ms: number; fn: () => void; live: boolean }[] = [];
  return {
    setTimer: (fn, ms) => {
      const t = { ms, fn, live: true };
      list.push(t);
      return { cancel: () => void (t.live = false) };
    },
    pending: () =>
      list
        .filter((t) => t.live)
        .map((t) => ({
          ms: t.ms,
          fire: () => {
            t.live = false;
            t.fn();
          },
        })),
  };
}

describe('backups during a session', () => {
  it('after changes, at most one per 10 minutes; on quit when something changed since', () => {
    const t = copyOf(small.dir);
    try {
      let now = NOW;
      const s = openStore({ dataDir: t.dir, now: () => now, backups: false, snapshot: null });
      const timers = fakeTimers();
      const b = createBackupScheduler({ db: s.db, dataDir: t.dir, now: () => now, setTimer: timers.setTimer });
      // No backup yet: the first change is backed up after a few seconds' settling.
      b.noteChange();
      b.noteChange();
      expect(timers.pending()).toHaveLength(1);
      expect(timers.pending()[0]?.ms).toBe(5_000);
      now += 5_000;
      timers.pending()[0]?.fire();
      expect(listBackups(t.dir)).toHaveLength(1);
      // The next change waits out the rest of the 10 minutes.
      now += 60_000;
      b.noteChange();
      expect(timers.pending()[0]?.ms).toBe(CHANGE_BACKUP_EVERY_MS - 60_000);
      for (let i = 0; i < 50; i++) b.noteChange();
      expect(timers.pending()).toHaveLength(1);
      now += CHANGE_BACKUP_EVERY_MS - 60_000;
      timers.pending()[0]?.fire();
      expect(listBackups(t.dir)).toHaveLength(2);
      // Quit with nothing new: no copy that would only push an older one out of the ten.
      expect(b.close()).toBeNull();
      const b2 = createBackupScheduler({ db: s.db, dataDir: t.dir, now: () => now, setTimer: timers.setTimer });
      now += 1000;
      b2.noteChange();
      const quit = b2.close();
      expect(quit).toMatch(/-on-quit\.sqlite$/);
      expect(timers.pending()).toEqual([]);
      expect(listBackups(t.dir)).toHaveLength(3);
      s.close();
      printed.push('session: 5 s settle, then 1 per 10 min for 52 changes, 1 on quit after a change, 0 on quit without');
    } finally {
      t.cleanup();
    }
  });

  it('the core wires it: scenario and layout writes schedule a backup, reads do not, dispose takes the last one', async () => {
    const t = copyOf(seeded.dir);
    try {
      let now = NOW;
      const timers = fakeTimers();
      const core = createCore({ dataDir: t.dir, fetch: globalThis.fetch, now: () => now, random: Math.random, urls: urlsFor('http://127.0.0.1:9'), keys: memoryKeyStore(), saveFile: async () => ({ saved: false, path: null }), setTimer: timers.setTimer });
      // The daily backup waits a few seconds after start (the first window is drawn without it), then runs.
      expect(listBackups(t.dir)).toHaveLength(0);
      expect(timers.pending().map((p) => p.ms)).toEqual([START_BACKUP_DELAY_MS]);
      timers.pending()[0]?.fire();
      expect(listBackups(t.dir)).toHaveLength(1);
      expect((await core.router.handle('layout:list', {})).ok).toBe(true);
      expect((await core.router.handle('scenario:list', {})).ok).toBe(true);
      expect(timers.pending()).toEqual([]);
      expect((await core.router.handle('layout:save', { name: 'Plumbing', panels: [{ formula: 'WRESBAL' }] })).ok).toBe(true);
      expect(timers.pending().map((p) => p.ms)).toEqual([CHANGE_BACKUP_EVERY_MS]);
      now += CHANGE_BACKUP_EVERY_MS;
      timers.pending()[0]?.fire();
      expect(listBackups(t.dir).map((b) => path.basename(b.file))[0]).toMatch(/-changed\.sqlite$/);
      expect((await core.router.handle('layout:delete', { name: 'Plumbing' })).ok).toBe(true);
      now += 1000;
      await core.dispose();
      const list = listBackups(t.dir).map((b) => path.basename(b.file));
      expect(list[0]).toMatch(/-on-quit\.sqlite$/);
      expect(list).toHaveLength(3);
      printed.push(`core: start + change + quit = ${list.length} backups`);
    } finally {
      t.cleanup();
    }
  });

  it('the daily backup at start is counted from the newest good one', () => {
    const t = copyOf(small.dir);
    try {
      const s = openStore({ dataDir: t.dir, now: () => NOW, backups: false, snapshot: null });
      takeBackup(s.db, t.dir, 'scheduled', NOW - 2 * 3600_000);
      expect(backupIfDue(s.db, t.dir, NOW)).toBeNull();
      expect(backupIfDue(s.db, t.dir, NOW + BACKUP_EVERY_MS)).toMatch(/-scheduled\.sqlite$/);
      s.close();
    } finally {
      t.cleanup();
    }
  });
});
