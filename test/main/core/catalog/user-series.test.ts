/**
 * Any FRED series by id (issue 12) through the real router, HTTP client and SQLite, against the loopback
 * replay server: FRED's series endpoint with a key (the recorded SOFR75 metadata body), the keyless
 * fredgraph.csv with user-entered and confirmed metadata (the recorded SOFR download), sync and storage
 * as for a built-in series, the write checks, and a removal that leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, memoryKeyStore, type Core } from '../../../../main/core/create-core.js';
import { catalogHandlers } from '../../../../main/core/handlers/catalog.js';
import type { SyncController } from '../../../../main/core/sync-controller.js';
import { getObservations } from '../../../../main/core/db/repos/observations-repo.js';
import { rangeOf, seriesNum } from '../../../../main/core/db/repos/observation-keys.js';
import type { FredLookupDto, SeriesDataDto, SeriesStatusDto } from '../../../../shared/ipc/contract.js';
import { readData } from '../../../support/fixtures.js';
import { csv, json, startReplayServer, type ReplayServer } from '../../../support/replay-server.js';
import { replayRoutes, seededDataDir, urlsFor } from '../../../support/sync-harness.js';

const KEY = 'abcdefghij0123456789abcdefghij01';
let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer(replayRoutes);
});
afterAll(() => server.close());

/** Only the real recorded metadata body: SOFR75's, at the id it was recorded for; anything else is FRED's 400. */
const realMetaOnly = (url: URL): ReturnType<typeof json> | null =>
  url.pathname === '/fred/series'
    ? url.searchParams.get('series_id') === 'SOFR75'
      ? json(readData('api-samples/fred-series-SOFR75.json'))
      : json({ error_code: 400, error_message: 'Bad Request.  The series does not exist.' }, 400)
    : null;

function startCore(key: string | null): { core: Core; call: (c: string, p: unknown) => Promise<{ ok: boolean; value?: unknown; error?: string }>; cleanup: () => Promise<void> } {
  const d = seededDataDir();
  const core = createCore({ dataDir: d.dir, fetch: globalThis.fetch, now: Date.now, random: () => 0.5, urls: urlsFor(server.base), keys: memoryKeyStore(key), saveFile: async () => ({ saved: false, path: null }), fredPerSecond: 1000 });
  return {
    core,
    call: (c, p) => core.router.handle(c, p) as Promise<{ ok: boolean; value?: unknown; error?: string }>,
    cleanup: async () => {
      await core.dispose();
      d.cleanup();
    },
  };
}

async function syncIds(core: Core, ids: string[]): Promise<void> {
  core.sync.start(ids);
  await core.sync.idle();
}

describe('adding a FRED series with a key: metadata from FRED\'s series endpoint', () => {
  it('looks SOFR75 up (the recorded body), gives it its own id beside the built-in NY Fed SOFR75, and adds it with FRED\'s words', async () => {
    server.setHandler((url, req) => realMetaOnly(url) ?? replayRoutes(url, req));
    const { core, call, cleanup } = startCore(KEY);
    const start = server.requests.length;
    const looked = await call('catalog:lookup-fred', { fredId: 'sofr75' });
    expect(looked.ok, looked.error).toBe(true);
    const l = looked.value as FredLookupDto;
    expect(l).toMatchObject({
      fredId: 'SOFR75',
      suggestedId: 'SOFR75_FRED',
      conflict: null,
      via: 'fred-api',
      metadata: { title: 'Secured Overnight Financing Rate: 75th Percentile', units: 'Percent', frequency: 'Daily', seasonalAdjustment: 'Not Seasonally Adjusted', observationStart: '2018-04-03', lastUpdated: '2024-06-26 07:01:07-05' },
      mapping: { unit: 'percent', canonical: 'percent', scale: 1, frequency: 'D', basis: 'daily', everyDay: false },
      mappingProblem: null,
      preview: null,
    });
    expect(l.idNote).toMatch(/SOFR75 is the id of the built-in NY Fed series/);
    // The request is the one FRED documents, with the key (never logged: see sync-happy).
    const metaReq = server.requests.slice(start).map((r) => r.url);
    expect(metaReq).toEqual([`/fred/series?series_id=SOFR75&api_key=${KEY}&file_type=json`]);

    // With a key, what the user typed is not used: FRED's metadata is.
    const added = await call('catalog:add-fred', { fredId: 'SOFR75', title: 'typed by hand', units: 'Billions of Dollars', frequency: 'Weekly', seasonalAdjustment: 'x' });
    expect(added).toEqual({ ok: true, value: { id: 'SOFR75_FRED', title: 'Secured Overnight Financing Rate: 75th Percentile', unit: 'percent', conversion: '× 1 (percent per annum, as published)', frequency: 'D', basis: 'daily', metadataFrom: 'fred-api' } });
    const list = (await call('series:list', {})).value as SeriesStatusDto[];
    const row = list.find((s) => s.id === 'SOFR75_FRED');
    expect(row).toMatchObject({ source: 'fred', unit: 'percent', frequency: 'D', rowCount: 0, userSeries: { fredId: 'SOFR75', fredUnits: 'Percent', fredFrequency: 'Daily', seasonalAdjustment: 'Not Seasonally Adjusted', metadataFrom: 'fred-api' } });
    expect(list.find((s) => s.id === 'SOFR75')?.userSeries).toBeNull();
    // Added twice: refused, by its FRED id.
    expect(await call('catalog:add-fred', { fredId: 'SOFR75' })).toEqual({ ok: false, error: 'FRED SOFR75 is already in the catalog: you added it as SOFR75_FRED; nothing was added' });
    // A full sync now includes it, through FRED's API (its observations were not recorded: FRED's 400 is that series' own error).
    const before = server.requests.length;
    await syncIds(core, ['SOFR75_FRED']);
    expect(server.requests.slice(before).some((r) => r.url.startsWith('/fred/series/observations?series_id=SOFR75&'))).toBe(true);
    expect(core.sync.status().lastRun).toMatchObject({ status: 'failed', errors: [{ seriesId: 'SOFR75_FRED', error: expect.stringMatching(/FRED has no series SOFR75/) }] });
    await cleanup();
  });

  it('refuses an id FRED does not have, and a series already in the catalog', async () => {
    server.setHandler((url, req) => realMetaOnly(url) ?? replayRoutes(url, req));
    const { call, cleanup } = startCore(KEY);
    expect(await call('catalog:lookup-fred', { fredId: 'NOPE123' })).toEqual({ ok: false, error: 'FRED has no series NOPE123 (FRED error 400: Bad Request.  The series does not exist.)' });
    // Already in the catalog: said without asking FRED.
    const start = server.requests.length;
    expect((await call('catalog:lookup-fred', { fredId: 'WALCL' })).value).toMatchObject({ conflict: 'WALCL is already in the catalog (built in: Fed total assets (less eliminations), Wednesday level)', metadata: null });
    expect(server.requests.length).toBe(start);
    await cleanup();
  });
});

describe('adding a FRED series without a key: the keyless CSV, metadata entered and confirmed', () => {
  it('previews, refuses unconfirmed or wrong input, adds, syncs like a built-in series, and is removed without a trace', async () => {
    server.setHandler(replayRoutes);
    const { core, call, cleanup } = startCore(null);
    const db = core.store.db;
    const looked = await call('catalog:lookup-fred', { fredId: 'SOFR' });
    expect(looked.ok, looked.error).toBe(true);
    // The recorded fredgraph download: 1,305 days 2021-06-23 … 2026-06-23, 58 of them empty (holidays).
    expect(looked.value).toMatchObject({ fredId: 'SOFR', suggestedId: 'SOFR_FRED', conflict: null, via: 'keyless-csv', metadata: null, preview: { firstDate: '2021-06-23', lastDate: '2026-06-23', rows: 1247, frequency: 'D' } });
    expect((await call('catalog:lookup-fred', { fredId: 'WALCL' })).value).toMatchObject({ conflict: 'WALCL is already in the catalog (built in: Fed total assets (less eliminations), Wednesday level)' });
    expect(await call('catalog:add-fred', { fredId: 'WALCL', id: 'MY_WALCL', title: 't', units: 'Millions of Dollars', frequency: 'Weekly, As of Wednesday', seasonalAdjustment: 'Not Seasonally Adjusted', confirmed: true })).toMatchObject({ ok: false, error: expect.stringMatching(/^WALCL is already in the catalog \(built in/) });

    const entered = { fredId: 'SOFR', title: 'Secured Overnight Financing Rate (FRED)', units: 'Percent', frequency: 'Daily', seasonalAdjustment: 'Not Seasonally Adjusted' };
    expect(await call('catalog:add-fred', { fredId: 'SOFR' })).toMatchObject({ ok: false, error: expect.stringMatching(/^without a FRED key, FRED does not say the title, units, frequency and seasonal adjustment/) });
    expect(await call('catalog:add-fred', entered)).toEqual({ ok: false, error: 'confirm the units and frequency you entered before adding; nothing was added' });
    expect(await call('catalog:add-fred', { ...entered, frequency: 'Weekly', confirmed: true })).toMatchObject({ ok: false, error: expect.stringMatching(/^FRED's file for SOFR has daily dates \(1247 dates, mostly 1–3 days apart\), but you entered "Weekly"; nothing was added$/) });
    expect(await call('catalog:add-fred', { ...entered, units: 'Percent Change', confirmed: true })).toMatchObject({ ok: false, error: expect.stringMatching(/"Percent Change" is not a rate in percent/) });
    expect(await call('catalog:add-fred', { ...entered, id: 'WALCL', confirmed: true })).toMatchObject({ ok: false, error: expect.stringMatching(/^the id WALCL is taken/) });
    expect(await call('catalog:add-fred', { ...entered, confirmed: true })).toEqual({ ok: true, value: { id: 'SOFR_FRED', title: 'Secured Overnight Financing Rate (FRED)', unit: 'percent', conversion: '× 1 (percent per annum, as published)', frequency: 'D', basis: 'daily', metadataFrom: 'user' } });

    // Synced and stored like a built-in series: every value of the file, in the store and through series:get.
    await syncIds(core, ['SOFR_FRED']);
    expect(core.sync.status().lastRun).toMatchObject({ status: 'ok', ok: 1, errors: [] });
    const stored = getObservations(db, 'SOFR_FRED');
    expect(stored).toHaveLength(1247);
    expect(stored[0]).toMatchObject({ date: '2021-06-23', value: 0.05, origin: 'sync' });
    const file = readData('fred/SOFR.csv').trim().split('\n').slice(1).filter((l) => !l.endsWith(','));
    expect(stored.at(-1)?.value).toBe(Number(file.at(-1)?.split(',')[1]));
    const got = (await call('series:get', { ids: ['SOFR_FRED'], from: '2026-06-01' })).value as SeriesDataDto[];
    expect(got[0]).toMatchObject({ id: 'SOFR_FRED', unit: 'percent', frequency: 'D' });
    expect(got[0]?.values.length).toBe(file.filter((l) => l >= '2026-06-01').length);
    // The built-in NY Fed SOFR is untouched by FRED's copy.
    expect(getObservations(db, 'SOFR').every((o) => o.origin !== 'sync')).toBe(true);

    // The batch unit checks apply to it as to the built-ins. SYNTHETIC (made from the real file for
    // this test): the same download with every value × 100, i.e. basis points where FRED gives percent.
    const inBp = readData('fred/SOFR.csv')
      .split('\n')
      .map((l, i) => {
        const [dt, v] = l.split(',');
        return i === 0 || v === undefined || v.trim() === '' ? l : `${dt},${(Number(v) * 100).toFixed(2)}`;
      })
      .join('\n');
    server.setHandler((url, req) => (url.pathname === '/graph/fredgraph.csv' ? csv(inBp) : replayRoutes(url, req)));
    await syncIds(core, ['SOFR_FRED']);
    const unitSlip = core.sync.status().lastRun?.errors[0]?.error ?? '';
    expect(unitSlip).toMatch(/^SOFR_FRED: these values look like basis points; SOFR_FRED is published in percent \(compared on \d+ dates\)/);
    // In app words: no command-line flag in what the Data view shows.
    const shown = ((await call('sync:status', {})).value as { lastRun: { errors: { error: string }[] } }).lastRun.errors[0]?.error ?? '';
    expect(shown).not.toMatch(/--scale/);
    expect(shown).toMatch(/re-download it from FRED in the units it is published in; nothing was written$/);
    expect(getObservations(db, 'SOFR_FRED')).toHaveLength(1247);
    server.setHandler(replayRoutes);

    // Removal: built-in refused; the user's series goes with every row stored for it.
    expect(await call('catalog:remove-series', { id: 'WALCL' })).toEqual({ ok: false, error: 'WALCL is a built-in series and cannot be removed' });
    expect(await call('catalog:remove-series', { id: 'NOT_MINE' })).toEqual({ ok: false, error: 'NOT_MINE is not a series you added' });
    const num = seriesNum(db, 'SOFR_FRED');
    expect(num).not.toBeNull();
    const totalBefore = Number(db.prepare('SELECT count(*) FROM observations').pluck().get());
    const removed = await call('catalog:remove-series', { id: 'SOFR_FRED' });
    expect(removed).toEqual({ ok: true, value: { id: 'SOFR_FRED', observations: 1247, revisions: 0 } });
    expect(Number(db.prepare('SELECT count(*) FROM observations').pluck().get())).toBe(totalBefore - 1247);
    expect(db.prepare('SELECT count(*) FROM observations WHERE key BETWEEN ? AND ?').pluck().get(...rangeOf(num ?? 0))).toBe(0);
    for (const [table, col] of [['series', 'id'], ['user_series', 'id'], ['series_columns', 'series_id'], ['revisions', 'series_id'], ['sync_run_series', 'series_id']] as const) {
      expect(db.prepare(`SELECT count(*) FROM ${table} WHERE ${col} = 'SOFR_FRED'`).pluck().get(), table).toBe(0);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(((await call('series:list', {})).value as SeriesStatusDto[]).some((s) => s.id === 'SOFR_FRED')).toBe(false);
    // Only its removal record is left, so what still names it is told what happened (user-series-formula.test.ts).
    expect((await call('series:get', { ids: ['SOFR_FRED'] })).error).toMatch(/^SOFR_FRED was removed from the catalog on \d{4}-\d{2}-\d{2} /);
    // It can be added again afterwards, empty.
    expect((await call('catalog:add-fred', { ...entered, confirmed: true })).ok).toBe(true);
    expect(getObservations(db, 'SOFR_FRED')).toHaveLength(0);
    await cleanup();
  });

  it('says "No network" when FRED cannot be reached', async () => {
    const dead = await startReplayServer(replayRoutes);
    const base = dead.base;
    await dead.close();
    const d = seededDataDir();
    const core = createCore({ dataDir: d.dir, fetch: globalThis.fetch, now: Date.now, random: () => 0.5, urls: urlsFor(base), keys: memoryKeyStore(), saveFile: async () => ({ saved: false, path: null }) });
    const r = await core.router.handle('catalog:lookup-fred', { fredId: 'DGS30' });
    expect(r).toEqual({ ok: false, error: `No network: cannot reach ${base.replace('http://', '')} (ECONNREFUSED); nothing was looked up or added` });
    await core.dispose();
    d.cleanup();
  });
});

describe('the catalog channels validate what they are sent', () => {
  // In app words, without the channel name (that goes to the log): the window shows these messages.
  it('refuses malformed ids, unknown fields and non-text metadata before any handler runs', async () => {
    const { call, cleanup } = startCore(null);
    expect(await call('catalog:lookup-fred', { fredId: 'WAL CL' })).toMatchObject({ ok: false, error: expect.stringMatching(/^a FRED series id is 1 to 30 letters/) });
    expect(await call('catalog:lookup-fred', { fredId: 'WALCL', extra: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/^the app sent the core a request it does not accept/) });
    expect(await call('catalog:add-fred', { fredId: 'DGS30', title: 7 })).toMatchObject({ ok: false, error: 'the Title must be 1 to 200 printable characters; nothing was added' });
    expect(await call('catalog:add-fred', { fredId: 'DGS30', confirmed: 'yes' })).toMatchObject({ ok: false, error: expect.stringMatching(/^the app sent the core a request it does not accept/) });
    expect(await call('catalog:add-fred', { fredId: 'DGS30', id: 'bad id!' })).toMatchObject({ ok: false, error: 'the Catalog id must be 1 to 40 capital letters, digits or _; nothing was added' });
    expect(await call('catalog:remove-series', { id: 'lower' })).toMatchObject({ ok: false, error: expect.stringMatching(/^the app sent the core a request it does not accept/) });
    await cleanup();
  });

  it('does not add or remove while a sync is running (it may be writing that series)', async () => {
    const running = { start: () => status, status: () => status, cancel: () => status, idle: async () => undefined } as unknown as SyncController;
    const status = { running: true, done: 1, total: 9, rows: 0, currentSeries: 'WALCL', lastRun: null };
    const h = catalogHandlers({} as never, null, running);
    expect(await h['catalog:remove-series']({ id: 'X' })).toEqual({ ok: false, error: 'a sync is running: wait for it to finish (or cancel it), then try again; nothing was removed' });
  });
});
