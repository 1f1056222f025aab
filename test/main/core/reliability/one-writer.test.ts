/**
 * One writer per data folder (issue 11 §1). Found: two processes starting together on one folder both
 * ran the migration, one failed ("table scenarios already exists"), called the file damaged and moved
 * the healthy database aside (6 of 6 trials on an older schema, 3 of 20 on a new folder).
 *
 * Here: two browser-mode processes, and browser mode + a CLI import, start together on one folder,
 * 30 times each, on a new folder and on a version-30 database holding user rows. Every trial: nothing
 * moved aside, no row lost, the lock released, and each loser exits 1 with the plain message.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../../../main/core/data-folder-lock.js';
import { migrate } from '../../../../main/core/db/migrate.js';
import { MIGRATIONS } from '../../../../main/core/db/migrations/index.js';
import { APPLICATION_ID } from '../../../../main/core/db/open-database.js';
import { DB_FILE } from '../../../../main/core/store.js';
import { readData } from '../../../support/fixtures.js';
import { tempDir } from '../../../support/temp-dir.js';
import { bundleApp, LOCKED_MESSAGE, runCli, startServe, type AppBundles, type Outcome } from './app-processes.js';

const TRIALS = Number(process.env["ONE_WRITER_TRIALS"] ?? 30);
const PARALLEL = 3;
const USER_ROWS = 10_000;
const USER_NUM = 900; // a series number far above the catalog's
const SCENARIOS = 5;

let app: AppBundles;
let work: ReturnType<typeof tempDir>;
let v30: string;
let iorbCsv: string;

/** A version-30 database as an older Reservoir left it: user rows in observations, scenarios and layouts. */
function buildV30(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db, MIGRATIONS.filter((m) => m.version <= 30));
  db.prepare(
    "INSERT INTO series (id, title, source, source_key, native_units, canonical_units, scale, conversion, basis, frequency, num) VALUES ('USERDATA', 'rows only this user has', 'fred', '{}', 'usd_bn', 'usd_bn', 1, 'none', 'daily', 'D', ?)",
  ).run(USER_NUM);
  const obs = db.prepare('INSERT INTO observations (key, value, origin) VALUES (?, ?, 2)');
  const scen = db.prepare("INSERT INTO scenarios (name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at) VALUES (?, '{}', '{}', 'illustrative', '2026-08-19', 1, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')");
  db.transaction(() => {
    for (let i = 0; i < USER_ROWS; i++) obs.run(USER_NUM * 16777216 + 8388608 + 10_000 + i, i / 7);
    for (let i = 0; i < SCENARIOS; i++) scen.run(`Desk scenario ${i}`);
    db.prepare("INSERT INTO layouts (name, panels, updated_at) VALUES ('Morning', '[]', '2026-11-01T00:00:00Z')").run();
  })();
  db.close();
}

interface Counts {
  readonly version: number;
  readonly userRows: number;
  readonly scenarios: number;
  readonly walcl: number;
  readonly check: string;
}

function counts(dir: string): Counts {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const n = (sql: string, ...args: unknown[]): number => Number(db.prepare(sql).pluck().get(...args));
    return {
      version: Number(db.pragma('user_version', { simple: true })),
      userRows: n('SELECT count(*) FROM observations WHERE key / 16777216 = ?', USER_NUM),
      scenarios: n('SELECT count(*) FROM scenarios'),
      walcl: n("SELECT count(*) FROM observations_by_date WHERE series_id = 'WALCL'"),
      check: String(db.pragma('quick_check', { simple: true })),
    };
  } finally {
    db.close();
  }
}

/** Files Reservoir sets aside when it believes the database damaged. */
function setAside(dir: string): string[] {
  return readdirSync(dir).filter((n) => /\.damaged-|\.foreign-/.test(n));
}

beforeAll(async () => {
  app = await bundleApp();
  work = tempDir('reservoir-one-writer-');
  v30 = path.join(work.dir, 'v30.sqlite');
  buildV30(v30);
  iorbCsv = path.join(work.dir, 'IORB.csv');
  writeFileSync(iorbCsv, readData('fred/IORB.csv'));
}, 120_000);
afterAll(() => {
  app.cleanup();
  work.cleanup();
});

type Start = 'new folder' | 'version-30 database';

function folder(start: Start, trial: string): string {
  const dir = path.join(work.dir, trial);
  if (start === 'version-30 database') {
    const t = tempDir();
    copyFileSync(v30, path.join(t.dir, DB_FILE));
    return t.dir;
  }
  return dir; // does not exist yet: the winner creates it
}

const tally = { trials: 0, movedAside: 0, rowsLost: 0, losers: 0, plainLosers: 0, winners: 0 };
afterAll(() =>
  console.log(
    `one writer: ${tally.trials} trials (2 × ${TRIALS} two apps, 2 × ${TRIALS} app + CLI import, new folder and version-30 database); ${tally.movedAside} files moved aside, ${tally.rowsLost} rows lost, ${tally.losers} losers of which ${tally.plainLosers} exited 1 with "Reservoir is already open on this data folder (pid N, since T)", ${tally.winners} winners`,
  ),
);

function checkFolder(dir: string, start: Start): void {
  const aside = setAside(dir);
  tally.movedAside += aside.length;
  expect(aside).toEqual([]);
  expect(existsSync(path.join(dir, LOCK_FILE)), 'the lock is released when the winner exits').toBe(false);
  const c = counts(dir);
  expect(c.check).toBe('ok');
  expect(c.version).toBe(MIGRATIONS.at(-1)?.version);
  expect(c.walcl).toBe(1243);
  if (start === 'version-30 database') {
    tally.rowsLost += Math.max(0, USER_ROWS - c.userRows) + Math.max(0, SCENARIOS - c.scenarios);
    expect(c.userRows).toBe(USER_ROWS);
    expect(c.scenarios).toBe(SCENARIOS);
  }
}

function loser(o: Outcome): void {
  tally.losers++;
  expect(o.code, o.stderr).toBe(1);
  expect(o.stderr).toMatch(LOCKED_MESSAGE);
  expect(o.stderr).not.toMatch(/at .*\.(m?js|ts):\d+/); // no stack trace
  tally.plainLosers++;
}

/** Runs `trial(0..TRIALS-1)`, a few at a time on separate folders, to keep the suite near half a minute. */
async function inBatches(trial: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < TRIALS; i += PARALLEL) {
    await Promise.all(Array.from({ length: Math.min(PARALLEL, TRIALS - i) }, (_, k) => trial(i + k)));
  }
}

describe.each<Start>(['new folder', 'version-30 database'])('on a %s', (start) => {
  const tag = start === 'new folder' ? 'new' : 'v30';
  it(`two browser-mode processes started together, ${TRIALS} times: one opens, the other says who has it`, async () => {
    await inBatches(async (i) => {
      const dir = folder(start, `two-apps-${tag}-${i}`);
      const a = startServe(app.serve, dir);
      const b = startServe(app.serve, dir);
      const [ra, rb] = await Promise.all([a.ready, b.ready]);
      tally.trials++;
      // Exactly one holds the folder: the other failed before touching the database.
      const opened = [ra, rb].filter((r) => r === 'open').length;
      expect(opened, JSON.stringify([ra, rb])).toBe(1);
      for (const r of [ra, rb]) if (r !== 'open') loser(r);
      const stopped = await Promise.all([a.stop(), b.stop()]);
      tally.winners++;
      expect(stopped.filter((o) => o.code === 0), JSON.stringify(stopped)).toHaveLength(1);
      checkFolder(dir, start);
    });
  }, 300_000);

  it(`browser mode and a CLI import started together, ${TRIALS} times: both succeed in turn or the loser says who has it`, async () => {
    await inBatches(async (i) => {
      const dir = folder(start, `app-cli-${tag}-${i}`);
      const a = startServe(app.serve, dir);
      // No wait: a CLI write that finds the app there fails at once (the default waits 10 s).
      const cli = runCli(app.cli, ['import', iorbCsv, '--data-dir', dir], { RESERVOIR_LOCK_WAIT_MS: '0' });
      const [ra, rc] = await Promise.all([a.ready, cli]);
      tally.trials++;
      if (ra !== 'open') loser(ra);
      else tally.winners++;
      if (rc.code === 0) {
        tally.winners++;
        expect(rc.stdout).toMatch(/imported IORB from /);
      } else loser(rc);
      expect(ra === 'open' || rc.code === 0, 'someone got the folder').toBe(true);
      await a.stop();
      checkFolder(dir, start);
    });
  }, 300_000);
});

describe('the command line beside a running app', () => {
  it('reads on a read-only connection; a write waits, then says who holds the folder', async () => {
    const dir = folder('version-30 database', 'cli-beside');
    const a = startServe(app.serve, dir);
    expect(await a.ready).toBe('open');
    const status = await runCli(app.cli, ['status', '--json', '--data-dir', dir]);
    expect(status.code, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { series: { id: string; rowCount: number }[] }).series.find((s) => s.id === 'WALCL')?.rowCount).toBe(1243);
    const get = await runCli(app.cli, ['get', 'WALCL', '--from', '2026-10-07', '--json', '--data-dir', dir]);
    expect(get.code, get.stderr).toBe(0);
    const started = Date.now();
    const imp = await runCli(app.cli, ['import', iorbCsv, '--data-dir', dir], { RESERVOIR_LOCK_WAIT_MS: '700' });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(700);
    expect(imp.code).toBe(1);
    expect(imp.stderr).toMatch(LOCKED_MESSAGE);
    expect(imp.stderr).toMatch(/Waited 0\.7 s for it\. Close it and run this again/);
    await a.stop();
    checkFolder(dir, 'version-30 database');
    console.log(`cli beside the app: status and get read alongside it (exit 0); import (RESERVOIR_LOCK_WAIT_MS=700) returned after ${waited} ms, exit 1, naming the holder`);
  });
});
