/**
 * The data-folder lock's own rules (issue 11 §1): one holder at a time, released on close and at
 * exit, a stale lock (dead pid, reused pid, unreadable and old) taken over, a live one respected, and
 * a CLI write that waits for it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataFolderLock, DataFolderLocked, LOCK_FILE } from '../../../../main/core/data-folder-lock.js';
import { claimSingleInstance } from '../../../../main/shell/single-instance.js';
import { tempDir } from '../../../support/temp-dir.js';

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('reservoir-lock-');
});
afterEach(() => t.cleanup());

const lockFile = (): string => path.join(t.dir, LOCK_FILE);
const owner = (pid: number, procStart: string | null = null): string => JSON.stringify({ pid, since: Date.parse('2026-12-01T09:30:00Z'), host: os.hostname(), procStart });

/** A pid no process has: one that just exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const tally = { cases: 0 };
describe('data-folder lock', () => {
  afterEach(() => {
    tally.cases++;
  });

  it('one holder at a time; release frees it', () => {
    const a = acquireDataFolderLock(t.dir);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(() => acquireDataFolderLock(t.dir)).toThrow(/^Reservoir is already open on this data folder \(pid \d+, since \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)/);
    a.release();
    expect(existsSync(lockFile())).toBe(false);
    acquireDataFolderLock(t.dir).release();
  });

  it('a lock whose pid is dead is taken over', () => {
    writeFileSync(lockFile(), owner(deadPid()));
    const l = acquireDataFolderLock(t.dir);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    l.release();
  });

  it.skipIf(process.platform !== 'linux')('a live pid with another start time (pid reused) is taken over; with its own start time it is respected (Linux: /proc)', () => {
    writeFileSync(lockFile(), owner(process.ppid, '1'));
    acquireDataFolderLock(t.dir).release();
    const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
    writeFileSync(lockFile(), owner(process.ppid, start));
    let err: unknown = null;
    try {
      acquireDataFolderLock(t.dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataFolderLocked);
    expect(String(err)).toMatch(new RegExp(`pid ${process.ppid}, since 2026-12-01 09:30:00 UTC`));
  });

  it('an unreadable lock is respected while fresh and taken over once old', () => {
    writeFileSync(lockFile(), '');
    expect(() => acquireDataFolderLock(t.dir)).toThrow(/another process is starting on it/);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lockFile(), old, old);
    acquireDataFolderLock(t.dir).release();
  });

  it('is released when its process exits, and a writer waiting for it then gets it', async () => {
    // The child holds the lock for 600 ms and exits normally; we wait up to 10 s.
    const script = `import('${path.resolve('main/core/data-folder-lock.ts')}').then((m) => { m.acquireDataFolderLock(${JSON.stringify(t.dir)}); process.stdout.write('HELD\\n'); setTimeout(() => process.exit(0), 600); });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => (d.toString().includes('HELD') ? resolve() : undefined)));
    expect(() => acquireDataFolderLock(t.dir)).toThrow(DataFolderLocked);
    const started = Date.now();
    const l = acquireDataFolderLock(t.dir, { waitMs: 10_000 });
    const waited = Date.now() - started;
    l.release();
    expect(waited).toBeGreaterThan(100);
    expect(waited).toBeLessThan(10_000);
  });

  it('the desktop shell: a second instance quits; the first focuses its window on a second launch', () => {
    const events: string[] = [];
    type Second = (event: unknown, argv: string[], workingDirectory: string) => void;
    let onSecond: Second | null = null;
    const app = (locked: boolean) => ({
      requestSingleInstanceLock: () => locked,
      quit: () => events.push('quit'),
      on: (_e: 'second-instance', f: Second) => (onSecond = f),
    });
    const win = { isMinimized: () => true, restore: () => events.push('restore'), show: () => events.push('show'), focus: () => events.push('focus') };
    expect(claimSingleInstance(app(false), () => win)).toBe(false);
    expect(events).toEqual(['quit']);
    events.length = 0;
    expect(claimSingleInstance(app(true), () => win)).toBe(true);
    (onSecond as Second | null)?.(null, ['Reservoir'], '/');
    expect(events).toEqual(['restore', 'show', 'focus']);
    console.log(`data-folder lock: ${tally.cases + 1} cases (exclusive, dead pid, reused pid, unreadable, released at exit and waited for, single instance)`);
  });
});
