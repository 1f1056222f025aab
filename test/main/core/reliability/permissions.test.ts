/**
 * Only real damage is treated as damage (issue 11 §2). Found: a database with mode 000 was called
 * damaged, moved aside and rebuilt; a read-only folder made the app try to rename a healthy file;
 * mode 444 gave a raw "attempt to write a readonly database"; a data folder that is a file gave
 * "EEXIST … mkdir". Each case here starts browser mode and a CLI read on the folder as a user the OS
 * applies file modes to (root ignores them; see unprivileged()): a plain message with the path and
 * what to do, exit 1, and every file byte for byte as it was, nothing added, nothing moved.
 */
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE, openStore } from '../../../../main/core/store.js';
import { tempDir } from '../../../support/temp-dir.js';
import { bundleApp, runCli, startServe, unprivileged, type AppBundles, type Outcome } from './app-processes.js';

const who = unprivileged();
let app: AppBundles;
let work: ReturnType<typeof tempDir>;
let template: string;

beforeAll(async () => {
  if ('skip' in who) return;
  app = await bundleApp();
  work = tempDir('reservoir-perm-');
  chmodSync(work.dir, 0o755);
  const t = path.join(work.dir, 'template');
  openStore({ dataDir: t, now: Date.now, backups: false }).close();
  template = path.join(t, DB_FILE);
}, 120_000);
afterAll(() => {
  if ('skip' in who) return;
  app.cleanup();
  work.cleanup();
});

const sha = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');

/** Every file under `dir` (or `dir` itself when it is a file) with its hash and mode. */
function snapshotOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string, rel: string): void => {
    const st = statSync(p);
    if (st.isDirectory()) {
      out[`${rel}/`] = (st.mode & 0o777).toString(8);
      for (const n of readdirSync(p)) walk(path.join(p, n), `${rel}/${n}`);
    } else out[rel] = `${(st.mode & 0o777).toString(8)} ${sha(p)}`;
  };
  walk(dir, '.');
  return out;
}

interface Case {
  /** Makes the data folder (owned by the test user) and returns its path. */
  readonly prepare: (base: string, uid: number) => string;
  readonly message: RegExp;
}

function dataFolder(base: string, uid: number, dbMode: number, dirMode: number): string {
  const dir = path.join(base, 'data');
  mkdirSync(dir);
  copyFileSync(template, path.join(dir, DB_FILE));
  chownSync(dir, uid, uid);
  chownSync(path.join(dir, DB_FILE), uid, uid);
  chmodSync(path.join(dir, DB_FILE), dbMode);
  chmodSync(dir, dirMode);
  return dir;
}

const CASES: Record<string, Case> = {
  'database mode 000': { prepare: (b, uid) => dataFolder(b, uid, 0o000, 0o755), message: /^Reservoir cannot read its database .*reservoir\.sqlite: permission denied .*Nothing was moved or changed\. Give your user read and write access/m },
  'database mode 444': { prepare: (b, uid) => dataFolder(b, uid, 0o444, 0o755), message: /^Reservoir cannot write to its database .*reservoir\.sqlite: the file is read-only\. Nothing was moved or changed\. Make it writable/m },
  'read-only folder': { prepare: (b, uid) => dataFolder(b, uid, 0o644, 0o555), message: /^Reservoir cannot write in its data folder .*\/data \(this user may not .*\).*Nothing was moved or changed\. Make the folder writable/m },
  'folder is a file': {
    prepare: (b, uid) => {
      const f = path.join(b, 'data');
      writeFileSync(f, 'not a folder\n');
      chownSync(f, uid, uid);
      return f;
    },
    message: /^The data folder .*\/data is a file \(or lies inside one\), not a folder\. Nothing was moved or changed\./m,
  },
};

const tally = { cases: 0, plain: 0, untouched: 0 };
afterAll(() => {
  if ('skip' in who) console.log(`permissions: skipped (${who.skip})`);
  else console.log(`permissions: ${tally.cases} starts (browser mode and CLI status × mode 000, mode 444, read-only folder, folder-is-a-file) as uid ${who.uid}; ${tally.plain} plain messages, ${tally.untouched} with every file untouched (sha256 equal)`);
});

function plain(o: Outcome, message: RegExp): void {
  expect(o.code, o.stderr).toBe(1);
  expect(o.stderr).toMatch(message);
  expect(o.stderr).not.toMatch(/damaged|recover|SQLITE_|EEXIST|EACCES|mkdir|attempt to write|\n\s+at /);
  tally.plain++;
}

describe.skipIf('skip' in who)('a data folder this user cannot use is reported, never repaired', () => {
  it.each(Object.entries(CASES))('%s', async (name, c) => {
    if ('skip' in who) return;
    const base = path.join(work.dir, name.replace(/\W+/g, '-'));
    mkdirSync(base);
    chownSync(base, who.uid, who.uid);
    const dir = c.prepare(base, who.uid);
    const before = snapshotOf(dir);
    const serve = startServe(app.serve, dir, who.runAs);
    const ready = await serve.ready;
    if (ready === 'open') await serve.stop();
    expect(ready).not.toBe('open');
    if (ready !== 'open') plain(ready, c.message);
    tally.cases++;
    expect(snapshotOf(dir)).toEqual(before);
    tally.untouched++;
    const status = await runCli(app.cli, ['status', '--data-dir', dir], {}, who.runAs);
    plain(status, c.message);
    tally.cases++;
    expect(snapshotOf(dir)).toEqual(before);
    tally.untouched++;
  });
});
