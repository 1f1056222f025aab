/**
 * SIGKILL during a real sync (child process, loopback replay server): after every kill the database
 * passes integrity_check, each series is either complete or untouched, and every series acknowledged
 * before the kill is complete.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSeries } from '../../../../shared/catalog.js';
import { prepareBatch } from '../../../../shared/model/observation.js';
import { parseFredCsv } from '../../../../shared/parse/fred-csv.js';
import { DB_FILE } from '../../../../main/core/store.js';
import { readData } from '../../../support/fixtures.js';
import { REPO_ROOT } from '../../../support/paths.js';
import { startReplayServer, type ReplayServer } from '../../../support/replay-server.js';
import { replayRoutes } from '../../../support/sync-harness.js';
import { tempDir } from '../../../support/temp-dir.js';

const SERIES = ['WALCL', 'WDTGAL', 'WRESBAL', 'WTREGEN', 'RRPONTSYD', 'SOFR', 'IORB'];
const TRIALS = Number(process.env['RESERVOIR_KILL_TRIALS'] ?? 300);

/** Rows a complete sync of each series stores (from the same real payloads the server replays). */
function expectedRows(id: string): number {
  const def = findSeries(id);
  if (!def) throw new Error(id);
  if (id === 'SOFR') return 4; // the NY Fed sample: 4 days
  const parsed = parseFredCsv(readData(`fred/${id}.csv`));
  if (!parsed.ok) throw new Error(parsed.error);
  const prepared = prepareBatch(def, parsed.value.observations);
  if (!prepared.ok) throw new Error(prepared.error);
  return prepared.value.rows.length;
}

let server: ReplayServer;
beforeAll(async () => {
  // Random per-request delays spread the kill over fetches, parsing and commits.
  server = await startReplayServer((url, req) => ({ ...replayRoutes(url, req), delayMs: Math.floor(Math.random() * 40) }));
});
afterAll(() => server.close());

function runChild(dataDir: string, killAfterMs: number): Promise<{ acked: Map<string, number>; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/support/kill-child.ts'), dataDir, server.base, ...SERIES], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked = new Map<string, number>();
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'READY') {
          setTimeout(() => {
            child.kill('SIGKILL');
          }, killAfterMs);
        }
        const m = /^ACK (\S+) (\d+)$/.exec(line);
        if (m) acked.set(m[1] ?? '', Number(m[2]));
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ acked, killed: signal === 'SIGKILL' });
    });
  });
}

describe('kill during sync', () => {
  it(`${TRIALS} SIGKILLs at random moments leave whole batches only`, async () => {
    const expected = new Map(SERIES.map((s) => [s, expectedRows(s)]));
    let failures = 0;
    let partialStates = 0;
    let killsMidway = 0;
    for (let t = 0; t < TRIALS; t++) {
      const d = tempDir();
      try {
        const { acked, killed } = await runChild(d.dir, Math.floor(Math.random() * 400));
        const db = new Database(path.join(d.dir, DB_FILE));
        const integrity = db.pragma('integrity_check', { simple: true });
        const counts = new Map(SERIES.map((s) => [s, Number(db.prepare('SELECT count(*) FROM observations_by_date WHERE series_id = ?').pluck().get(s))]));
        const statsOk = SERIES.every((s) => Number(db.prepare('SELECT row_count FROM series WHERE id = ?').pluck().get(s)) === counts.get(s));
        db.close();
        const whole = SERIES.every((s) => counts.get(s) === 0 || counts.get(s) === expected.get(s));
        const ackedPresent = [...acked.keys()].every((s) => counts.get(s) === expected.get(s));
        const complete = SERIES.filter((s) => counts.get(s) === expected.get(s)).length;
        if (killed && complete > 0 && complete < SERIES.length) killsMidway++;
        if (complete > 0 && complete < SERIES.length) partialStates++;
        if (integrity !== 'ok' || !whole || !ackedPresent || !statsOk) failures++;
      } finally {
        d.cleanup();
      }
    }
    console.log(`kill during sync: ${TRIALS} trials, ${killsMidway} killed between series commits, ${failures} failures`);
    expect(failures).toBe(0);
    expect(partialStates).toBeGreaterThan(0);
  }, 600_000);
});
