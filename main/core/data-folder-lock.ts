/**
 * One writer per data folder (issue 11 §1): `reservoir.lock` in the data folder, created atomically
 * (O_CREAT|O_EXCL, `openSync(path, 'wx')`) and holding the owner's pid, start time and host. The app
 * and browser mode hold it for their lifetime; CLI writes hold it for one command. Found without it:
 * two processes starting together both ran the migration, one failed and moved the healthy file aside.
 *
 * A lock whose owner is gone is taken over: the pid is not alive (`kill(pid, 0)` gives ESRCH), or the
 * pid now belongs to another process (Linux: its start time in /proc differs from the one recorded).
 * Node has no flock(); a lock file is what works the same on Windows, macOS and Linux.
 */
import { closeSync, linkSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { folderReadOnly, StoreUnavailableError } from './db/classify-open-error.js';

export const LOCK_FILE = 'reservoir.lock';

export interface LockOwner {
  readonly pid: number;
  /** When the owner took the lock (epoch ms). */
  readonly since: number;
  readonly host: string;
  /** The owner's process start time as the OS records it (Linux /proc), to tell a reused pid; null elsewhere. */
  readonly procStart: string | null;
}

function formatSince(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export class DataFolderLocked extends Error {
  override readonly name = 'DataFolderLocked';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
    hint: string,
  ) {
    const who = owner === null ? 'another process is starting on it' : `pid ${owner.pid}${owner.host === os.hostname() ? '' : ` on ${owner.host}`}, since ${formatSince(owner.since)}`;
    super(`Reservoir is already open on this data folder (${who}): ${dataDir}\n${hint}`);
  }
}

export interface DataFolderLock {
  readonly file: string;
  release(): void;
}

export interface AcquireOptions {
  /** How long to wait for the owner to finish (CLI writes); 0 fails at once (the app). */
  readonly waitMs?: number;
  /** The second line of the message when the folder stays locked: what to do. */
  readonly hint?: string;
  readonly now?: () => number;
}

/** Linux: field 22 of /proc/PID/stat, the start time in clock ticks since boot. */
function procStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as { code?: unknown }).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const v = JSON.parse(text) as Partial<Record<keyof LockOwner, unknown>>;
    if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || v.pid <= 0 || typeof v.since !== 'number' || typeof v.host !== 'string') return null;
    return { pid: v.pid, since: v.since, host: v.host, procStart: typeof v.procStart === 'string' ? v.procStart : null };
  } catch {
    return null;
  }
}

/** Locks this process holds, so a second open in the same process is refused too and exit releases them. */
const held = new Map<string, string>();

function releaseAll(): void {
  for (const [file, text] of held) releaseFile(file, text);
  held.clear();
}

function releaseFile(file: string, text: string): void {
  try {
    // Only our own lock: after a takeover the file may be someone else's.
    if (readFileSync(file, 'utf8') === text) unlinkSync(file);
  } catch {
    // already gone
  }
}

let exitHookInstalled = false;

/** An owner this machine can prove gone. A lock from another host, or a fresh unreadable one, is respected. */
function isStale(owner: LockOwner | null, file: string, now: number): boolean {
  if (owner === null) {
    // A lock is complete from the moment it exists (linked into place); an unreadable one comes from
    // the O_EXCL fallback or a hand edit, and older than a few seconds its writer is gone.
    try {
      return now - statSync(file).mtimeMs > 5000;
    } catch {
      return false;
    }
  }
  if (owner.host !== os.hostname()) return false;
  if (owner.pid === process.pid) return !held.has(file);
  if (!isAlive(owner.pid)) return true;
  const start = owner.procStart === null ? null : procStartOf(owner.pid);
  return start !== null && start !== owner.procStart;
}

const sleepBuffer = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleepBuffer, 0, 0, ms);
}

type Attempt = { readonly ok: true } | { readonly ok: false; readonly owner: LockOwner | null };

function folderError(e: unknown, file: string): Error {
  const code = (e as { code?: unknown }).code;
  const dir = path.dirname(file);
  if (code === 'EACCES' || code === 'EPERM') return folderReadOnly(dir, 'this user may not create files there');
  if (code === 'EROFS') return folderReadOnly(dir, 'it is on a read-only file system');
  if (code === 'ENOTDIR' || code === 'ENOENT') return new StoreUnavailableError('folder-missing', dir, `The data folder ${dir} does not exist. Nothing was moved or changed.`);
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * Creates `file` holding `text` only if it does not exist. The text is written to a private file
 * first and hard-linked into place (link fails with EEXIST like O_EXCL), so a reader never sees
 * a lock file that exists but is still empty; where links are not supported, O_EXCL and one write.
 */
function createExclusive(file: string, text: string): boolean {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(tmp, text, { flag: 'wx', mode: 0o644 });
  } catch (e) {
    throw folderError(e, file);
  }
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw folderError(e, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'EEXIST') return false;
    throw folderError(e, file);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock under a short-lived second lock, so two processes that both find it stale
 * cannot each delete it and one then delete the other's new lock.
 */
function takeOver(file: string, staleText: string, now: number): void {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, String(process.pid))) {
    try {
      if (now - statSync(guard).mtimeMs > 10_000) unlinkSync(guard);
    } catch {
      // gone meanwhile
    }
    return;
  }
  try {
    let current: string | null = null;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // released meanwhile
    }
    if (current === staleText) unlinkSync(file);
  } finally {
    rmSync(guard, { force: true });
  }
}

function attempt(file: string, text: string, now: number): Attempt {
  for (let i = 0; i < 5; i++) {
    if (createExclusive(file, text)) return { ok: true };
    let existing: string;
    try {
      existing = readFileSync(file, 'utf8');
    } catch {
      continue; // released between our create and our read
    }
    const owner = parseOwner(existing);
    if (!isStale(owner, file, now)) return { ok: false, owner };
    takeOver(file, existing, now);
  }
  return { ok: false, owner: null };
}

const DEFAULT_HINT = 'Switch to that window or browser tab, or close it first.';

/** Takes the data folder's lock, waiting up to `waitMs`; throws DataFolderLocked naming the owner. */
export function acquireDataFolderLock(dataDir: string, opts: AcquireOptions = {}): DataFolderLock {
  const now = opts.now ?? Date.now;
  const file = path.join(dataDir, LOCK_FILE);
  const since = now();
  const text = JSON.stringify({ pid: process.pid, since, host: os.hostname(), procStart: procStartOf(process.pid) } satisfies LockOwner);
  const deadline = since + (opts.waitMs ?? 0);
  for (;;) {
    const r = attempt(file, text, now());
    if (r.ok) break;
    if (now() >= deadline) throw new DataFolderLocked(dataDir, r.owner, opts.hint ?? DEFAULT_HINT);
    sleepSync(Math.min(100, Math.max(1, deadline - now())));
  }
  held.set(file, text);
  if (!exitHookInstalled) {
    // 'exit' runs on a normal end and on process.exit(), which the hosts' SIGINT/SIGTERM handlers
    // call; a process killed outright leaves the file behind, and the next start takes it over.
    process.on('exit', releaseAll);
    exitHookInstalled = true;
  }
  return {
    file,
    release() {
      if (held.get(file) !== text) return;
      held.delete(file);
      releaseFile(file, text);
    },
  };
}

/** Who holds the data folder's lock now, or null when no live process does (a stale file counts as free). */
export function dataFolderLockOwner(dataDir: string): LockOwner | null {
  const file = path.join(dataDir, LOCK_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const owner = parseOwner(text);
  return isStale(owner, file, Date.now()) ? null : owner;
}

/** Milliseconds a CLI write waits for the lock: RESERVOIR_LOCK_WAIT_MS, default 10 s. */
export function lockWaitMs(env: NodeJS.ProcessEnv): number {
  const v = Number(env['RESERVOIR_LOCK_WAIT_MS']);
  return env['RESERVOIR_LOCK_WAIT_MS'] !== undefined && Number.isFinite(v) && v >= 0 ? v : 10_000;
}
