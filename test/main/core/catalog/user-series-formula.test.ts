/**
 * A FRED series the user added by id is a catalog series everywhere the core resolves ids: in
 * formulas (`formula:eval`, the Workspace's channel; storeFormulaEnv) with its unit and frequency from
 * the user catalog row, and in CSV imports (the app's `import:csv`, the CLI's streamed file) with the
 * same unit and batch checks as a sync. Once removed, each of them says so by name.
 * Real router, HTTP client and SQLite (a seeded data folder) against the loopback replay server; the
 * series is SOFR_FRED, FRED's SOFR added keyless (the recorded fredgraph.csv download, 1,247 values).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, memoryKeyStore, type Core } from '../../../../main/core/create-core.js';
import { storeFormulaEnv } from '../../../../main/core/analysis/formula-env.js';
import { listRemovedSeries } from '../../../../main/core/catalog/user-catalog.js';
import { getObservations } from '../../../../main/core/db/repos/observations-repo.js';
import { importCsvFile } from '../../../../main/core/import/import-file.js';
import { evaluateFormula } from '../../../../shared/compute/formula/evaluate.js';
import { parseFormula } from '../../../../shared/compute/formula/parse.js';
import { epochDay } from '../../../../shared/time/iso-date.js';
import { readData } from '../../../support/fixtures.js';
import { dataFile } from '../../../support/paths.js';
import { startReplayServer, type ReplayServer } from '../../../support/replay-server.js';
import { dataDigest, replayRoutes, seededDataDir, urlsFor } from '../../../support/sync-harness.js';
import { tempDir } from '../../../support/temp-dir.js';

type Answer = { ok: boolean; value?: unknown; error?: string };
type Evaluated = { formula: string; unit: string; dates: number[]; values: number[] };

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer(replayRoutes);
});
afterAll(() => server.close());

const ENTERED = { fredId: 'SOFR', title: 'Secured Overnight Financing Rate (FRED)', units: 'Percent', frequency: 'Daily', seasonalAdjustment: 'Not Seasonally Adjusted', confirmed: true };
/** The recorded download's rows with a value (58 holidays are empty), as [date, value]. */
const FILE_ROWS: readonly (readonly [string, number])[] = readData('fred/SOFR.csv')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','))
  .filter((c) => (c[1] ?? '').trim() !== '')
  .map((c) => [c[0] ?? '', Number(c[1])] as const);

function startCore(): { core: Core; call: (c: string, p: unknown) => Promise<Answer>; cleanup: () => Promise<void> } {
  const d = seededDataDir();
  const core = createCore({ dataDir: d.dir, fetch: globalThis.fetch, now: Date.now, random: () => 0.5, urls: urlsFor(server.base), keys: memoryKeyStore(null), saveFile: async () => ({ saved: false, path: null }), fredPerSecond: 1000 });
  return {
    core,
    call: (c, p) => core.router.handle(c, p) as Promise<Answer>,
    cleanup: async () => {
      await core.dispose();
      d.cleanup();
    },
  };
}

async function evalOk(call: (c: string, p: unknown) => Promise<Answer>, source: string): Promise<Evaluated> {
  const r = await call('formula:eval', { source });
  expect(r.ok, r.error).toBe(true);
  return r.value as Evaluated;
}

describe('formulas over a user series', () => {
  it('adds SOFR_FRED, syncs it, and `SOFR_FRED / 2` is every stored value halved, in percent, daily', async () => {
    server.setHandler(replayRoutes);
    const { core, call, cleanup } = startCore();
    const db = core.store.db;
    // Before it is added: an unknown series, as for any id.
    expect(await call('formula:eval', { source: 'SOFR_FRED / 2' })).toEqual({ ok: false, error: 'unknown series SOFR_FRED (column 1)' });
    expect((await call('catalog:add-fred', ENTERED)).ok).toBe(true);
    // Added, not synced yet: a series with no dates, not an error.
    expect(await evalOk(call, 'SOFR_FRED / 2')).toEqual({ formula: 'SOFR_FRED / 2', unit: 'percent', dates: [], values: [], nonFinite: 0 });

    core.sync.start(['SOFR_FRED']);
    await core.sync.idle();
    expect(core.sync.status().lastRun).toMatchObject({ status: 'ok', ok: 1, errors: [] });
    const stored = getObservations(db, 'SOFR_FRED');
    expect(stored).toHaveLength(1247);

    const half = await evalOk(call, 'sofr_fred / 2');
    expect(half.unit).toBe('percent');
    expect(half.dates).toEqual(stored.map((o) => epochDay(o.date)));
    expect(half.values).toEqual(stored.map((o) => o.value / 2));
    // The recorded file's first and last values, halved: what was stored is what FRED sent.
    expect(half.values[0]).toBe(0.025);
    expect(half.values.at(-1)).toBe((FILE_ROWS.at(-1)?.[1] ?? Number.NaN) / 2);
    // Frequency and unit come from the user catalog row (daily, percent), exactly as for a built-in series.
    const v = evaluateFormula(parseFormula('SOFR_FRED / 2'), storeFormulaEnv(db));
    expect(v.frequency).toBe('D');
    expect(v.unit).toBe('percent');
    // With a built-in series: a spread in basis points; a unit mistake is refused as for built-ins.
    const spread = await evalOk(call, 'bp(SOFR_FRED, IORB)');
    expect(spread.unit).toBe('bp');
    expect(spread.values.length).toBeGreaterThan(1000);
    expect(await call('formula:eval', { source: 'SOFR_FRED + WALCL' })).toEqual({ ok: false, error: 'cannot add $bn to % (column 1)' });

    // Removed: every id-resolving channel says what happened to it, by name, not "unknown series".
    expect((await call('catalog:remove-series', { id: 'SOFR_FRED' })).ok).toBe(true);
    const gone = await call('formula:eval', { source: 'SOFR_FRED / 2' });
    expect(gone.ok).toBe(false);
    expect(gone.error).toMatch(/^SOFR_FRED was removed from the catalog on \d{4}-\d{2}-\d{2} \(it was FRED SOFR: Secured Overnight Financing Rate \(FRED\)\); add it again from FRED to use it \(column 1\)$/);
    expect((await call('series:get', { ids: ['SOFR_FRED'] })).error).toMatch(/^SOFR_FRED was removed from the catalog on /);
    // An id never added is still plainly unknown; the record holds only this one id.
    expect(await call('formula:eval', { source: 'NOT_ADDED' })).toEqual({ ok: false, error: 'unknown series NOT_ADDED (column 1)' });
    expect(listRemovedSeries(db).map((r) => r.id)).toEqual(['SOFR_FRED']);
    // Added again: the removal record goes, and the formula is back (empty until synced).
    expect((await call('catalog:add-fred', ENTERED)).ok).toBe(true);
    expect(listRemovedSeries(db)).toEqual([]);
    expect(await evalOk(call, 'SOFR_FRED / 2')).toMatchObject({ unit: 'percent', dates: [] });
    await cleanup();
  });
});

describe('CSV imports into a user series', () => {
  it('imports FRED\'s own file for SOFR into SOFR_FRED (app and CLI paths), with the unit checks, and refuses once it is removed', async () => {
    server.setHandler(replayRoutes);
    const { core, call, cleanup } = startCore();
    const db = core.store.db;
    const sofrBefore = getObservations(db, 'SOFR');
    expect((await call('catalog:add-fred', ENTERED)).ok).toBe(true);

    // The recorded download itself (header `observation_date,SOFR`): FRED's SOFR is SOFR_FRED's source, so it fits.
    const text = readData('fred/SOFR.csv');
    const r = await call('import:csv', { text, seriesId: 'SOFR_FRED' });
    expect(r).toEqual({ ok: true, value: { seriesId: 'SOFR_FRED', rows: 1247, inserted: 1247, updated: 0, skipped: 0 } });
    const stored = getObservations(db, 'SOFR_FRED');
    expect(stored.map((o) => [o.date, o.value])).toEqual(FILE_ROWS);
    expect(stored.every((o) => o.origin === 'import')).toBe(true);
    // The built-in NY Fed SOFR is not touched by a file imported into FRED's copy.
    expect(getObservations(db, 'SOFR')).toEqual(sofrBefore);
    // Another series' file is still refused by its header.
    expect((await call('import:csv', { text: readData('fred/WALCL.csv'), seriesId: 'SOFR_FRED' })).error).toBe('import failed, nothing was written: the file is for WALCL, not SOFR_FRED');

    // The write checks as for a built-in series. SYNTHETIC (made from the real file for this test):
    // every value × 100, i.e. basis points where the series is in percent. Refused; nothing written.
    const inBp = text
      .split('\n')
      .map((l, i) => {
        const [dt, v] = l.split(',');
        return i === 0 || v === undefined || v.trim() === '' ? l : `${dt},${(Number(v) * 100).toFixed(2)}`;
      })
      .join('\n');
    const digest = dataDigest(db);
    const slip = await call('import:csv', { text: inBp, seriesId: 'SOFR_FRED' });
    expect(slip.ok).toBe(false);
    expect(slip.error).toMatch(/^import failed, nothing was written: these values look like basis points; SOFR_FRED is published in percent \(compared on \d+ dates\)/);
    expect(dataDigest(db)).toBe(digest);

    // The CLI's streamed file path and the long format resolve the user series the same way: the
    // same values again change nothing.
    const again = await importCsvFile(db, dataFile('fred/SOFR.csv'), { seriesId: 'SOFR_FRED', seenAt: new Date().toISOString() });
    expect(again.ok && again.value.series.map((s) => [s.seriesId, s.rows, s.inserted, s.updated])).toEqual([['SOFR_FRED', 1247, 0, 0]]);
    const t = tempDir();
    const long = path.join(t.dir, 'long.csv');
    writeFileSync(long, ['series_id,observation_date,value', ...FILE_ROWS.slice(-10).map(([d, v]) => `SOFR_FRED,${d},${v}`)].join('\n'));
    const fromLong = await importCsvFile(db, long, { seenAt: new Date().toISOString() });
    expect(fromLong.ok && fromLong.value.series.map((s) => [s.seriesId, s.rows, s.inserted, s.updated])).toEqual([['SOFR_FRED', 10, 0, 0]]);
    expect(dataDigest(db)).toBe(digest);

    // Removed: the import says so by name, and writes nothing.
    expect((await call('catalog:remove-series', { id: 'SOFR_FRED' })).ok).toBe(true);
    const afterRemoval = await call('import:csv', { text, seriesId: 'SOFR_FRED' });
    expect(afterRemoval.error).toMatch(/^import failed, nothing was written: SOFR_FRED was removed from the catalog on \d{4}-\d{2}-\d{2} \(it was FRED SOFR: /);
    const fromLongGone = await importCsvFile(db, long, { seriesId: 'SOFR_FRED', seenAt: new Date().toISOString() });
    expect(fromLongGone.ok ? '' : fromLongGone.error).toMatch(/^SOFR_FRED was removed from the catalog on /);
    expect(getObservations(db, 'SOFR_FRED')).toEqual([]);
    t.cleanup();
    await cleanup();
  });
});
