/**
 * `npm run cli -- <command>`: status, get, import, sync. The composition root for the command line:
 * the only place here that reads the real clock, network, environment and terminal.
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { findDef } from '../catalog/user-catalog.js';
import { isIsoDate, isoDateOfInstant, type IsoDate } from '../../../shared/time/iso-date.js';
import { getObservations } from '../db/repos/observations-repo.js';
import { getSeries, listSeries } from '../db/repos/series-repo.js';
import { MAX_IMPORT_BYTES } from '../import/import-csv.js';
import { importCsvFile } from '../import/import-file.js';
import { defaultDataDir, snapshotDir } from '../paths.js';
import { seedFromSnapshot } from '../snapshot/seed.js';
import { freshnessFields, gdpReleaseDates } from '../staleness.js';
import { DataFolderLocked, dataFolderLockOwner, lockWaitMs } from '../data-folder-lock.js';
import { openStore, openStoreReadOnly, type Store } from '../store.js';
import { startFailure } from '../start-failure.js';
import { lazyFetch, sleepReal } from '../sync/http-client.js';
import { PUBLIC_URLS, type SourceUrls } from '../sync/source-context.js';
import { runSync, type SyncReport } from '../sync/sync-service.js';
import { formatValue, progressBar, syncRunLine, table } from './format.js';
import { cmdEpisode } from './episode-command.js';
import { cmdContext } from './context-command.js';
import { cmdBills, cmdRmp } from './rmp-bills-commands.js';
import { ASOF_DEFAULT, cmdFit, cmdFormula, cmdIndicators, cmdProject, CommandError } from './analysis-commands.js';
import { cmdAttribution } from './attribution-command.js';
import { cmdAlerts } from './alerts-command.js';
import { cmdSolve } from './solve-command.js';
import { cmdBacktest } from './backtest-command.js';
import { cmdFairValue } from './fairvalue-command.js';

const USAGE = `Reservoir command line

  npm run cli -- status [--json]                       every catalog series: source, units, basis, dates, rows, staleness, last error
  npm run cli -- get SERIES [--from D] [--to D] [--json]  observations in canonical units ($bn, percent)
  npm run cli -- import FILE [--series ID] [--column NAME] [--scale F] [--allow-frequency]
                                                       a FRED CSV, a FiscalData DTS export, a Fed DDP file
                                                       (H.4.1, H.8), a long series_id,date,value file, or one
                                                       --column of a multi-column CSV. Refused when the values
                                                       look like another unit than the stored ones (--scale F
                                                       multiplies every value by F first, recorded on the
                                                       revisions) or the dates another frequency
  npm run cli -- sync [--series ID ...] [--offline]     fetch from FRED, NY Fed and FiscalData (--offline: snapshot only)
  npm run cli -- indicators [--asof D] [--json]          every indicator and stress flag as of a date, with its inputs
  npm run cli -- project [--preset NAME | --scenario FILE] [--years N] [--anchor D] [--json]
                                                       monthly projection and crossing dates; from a past H.4.1
                                                       Wednesday (--anchor) also what happened and the errors
  npm run cli -- backtest [--preset NAME | --scenario FILE] [--from D] [--to D] [--json]
                                                       every monthly anchor in the range (default from 2022-01-01):
                                                       error statistics at +1…+12 months beside a naive projection
  npm run cli -- solve (--target reserves-gdp=PP | --target spread<=BP | --hold reserves-gdp) [--by D] [--from YYYY-MM]
                     | --floor reserves=BN --solve-for tga   [--preset NAME] [--anchor D] [--json]
                                                       the RMP pace (or TGA level) that meets a target, plus a scenario file
  npm run cli -- fit [--json]                            fit the reserve demand curve on the store's history
  npm run cli -- attribution [--from D] [--to D] [--json]  weekly change in reserves by the balance-sheet identity
                                                       (Wednesday levels; default: the last 12 weeks)
  npm run cli -- episode [--align qt-end|spike|D|D2019,Dnow] [--json]   2019 vs 2025–26 in days from QT end (or the spike, or dates)
  npm run cli -- rmp [--from D] [--scenario FILE] [--json]   reserve-management bill purchases vs the announced pace; MBS paydowns
  npm run cli -- bills [--year Y] [--json]               net bill issuance, Fed bill purchases and private absorption by month and year
  npm run cli -- alerts [--json]                         every alert (series or formula vs a threshold) with its state now
  npm run cli -- context [--from D] [--to D] [--window WEEKS] [--json]   net liquidity vs markets (context, not causation); repo by segment
  npm run cli -- fairvalue [--from D] [--to D] [--window-years N] [--json]   EFFR − IORB and SOFR − IORB against the fitted
                                                       curve (residual over the window, default late 2025) and a rolling fit
  npm run cli -- formula "EXPR" [--from D] [--to D] [--json]   evaluate a formula, e.g. "ma(bp(SOFR, RRPONTSYAWARD), 10)"

Common options: --data-dir DIR (default: ${defaultDataDir()}; or set RESERVOIR_DATA_DIR)
FRED: set FRED_API_KEY to use the FRED API; without it the keyless fredgraph.csv download is used.`;

class UsageError extends Error {}

function urlsFromEnv(env: NodeJS.ProcessEnv): SourceUrls {
  return {
    fredApi: env['RESERVOIR_FRED_API_URL'] ?? PUBLIC_URLS.fredApi,
    fredGraph: env['RESERVOIR_FRED_GRAPH_URL'] ?? PUBLIC_URLS.fredGraph,
    nyfed: env['RESERVOIR_NYFED_URL'] ?? PUBLIC_URLS.nyfed,
    fiscaldata: env['RESERVOIR_FISCALDATA_URL'] ?? PUBLIC_URLS.fiscaldata,
  };
}

function cmdStatus(store: Store, json: boolean): void {
  const nowMs = Date.now();
  const now = isoDateOfInstant(nowMs);
  // Freshness is measured against each series' release calendar at this instant (not days since the date).
  const gdp = gdpReleaseDates(store.db);
  const rows = listSeries(store.db).map((s) => ({ ...s, ...freshnessFields(s, nowMs, gdp) }));
  if (json) {
    console.log(JSON.stringify({ dataDir: store.dataDir, today: now, now: new Date(nowMs).toISOString(), series: rows }, null, 2));
    return;
  }
  console.log(`data dir: ${store.dataDir}   today: ${now}`);
  console.log(
    table(
      ['series', 'source', 'units', 'basis', 'first', 'last', 'rows', 'expected', 'freshness', 'last error'],
      rows.map((s) => [
        s.id,
        s.source,
        s.canonicalUnits,
        s.basis,
        s.firstDate ?? '—',
        s.lastDate ?? '—',
        String(s.rowCount),
        s.expectedLatest === null ? '—' : `${s.expectedLatest}${s.expectedEstimated ? '~' : ''}`,
        s.freshness,
        (s.lastError ?? '').slice(0, 80),
      ]),
      new Set([6]),
    ),
  );
  const withData = rows.filter((r) => r.rowCount > 0).length;
  const behind = rows.filter((r) => (r.releasesBehind ?? 0) > 0).length;
  console.log(`\n${withData} of ${rows.length} series have data; ${behind} are behind their release calendar (~ = expected date by rule).`);
  console.log('Last observation by release (newest … oldest series):');
  for (const line of lastByRelease(rows)) console.log(`  ${line}`);
}

/** Per publication, the newest and oldest last observation among its series: one max date hides a lagging line. */
function lastByRelease(rows: readonly { id: string; release: string | null; lastDate: string | null }[]): string[] {
  const groups = new Map<string, { id: string; lastDate: string }[]>();
  for (const r of rows) {
    if (r.lastDate === null || r.release === null) continue;
    const g = groups.get(r.release) ?? [];
    g.push({ id: r.id, lastDate: r.lastDate });
    groups.set(r.release, g);
  }
  return [...groups].map(([release, g]) => {
    const sorted = [...g].sort((a, b) => (a.lastDate < b.lastDate ? 1 : a.lastDate > b.lastDate ? -1 : 0));
    const hi = sorted[0];
    const lo = sorted[sorted.length - 1];
    if (hi === undefined || lo === undefined) return release;
    return hi.lastDate === lo.lastDate ? `${release}: ${hi.lastDate} (${g.length} series)` : `${release}: ${hi.lastDate} (${hi.id}) … ${lo.lastDate} (${lo.id})`;
  });
}

function cmdGet(store: Store, id: string | undefined, from: string | undefined, to: string | undefined, json: boolean): void {
  if (id === undefined) throw new UsageError('get needs a series id, e.g. `get WRESBAL`');
  // Built-in or added by the user (catalog:add-fred), as `series:get` reads it.
  const def = findDef(store.db, id);
  if (def === undefined) throw new UsageError(`unknown series ${id}; \`status\` lists the catalog`);
  for (const [name, d] of [['--from', from], ['--to', to]] as const) {
    if (d !== undefined && !isIsoDate(d)) throw new UsageError(`${name} ${d} is not a date (YYYY-MM-DD)`);
  }
  const s = getSeries(store.db, def.id);
  const obs = getObservations(store.db, def.id, from as IsoDate | undefined, to as IsoDate | undefined);
  if (json) {
    console.log(
      JSON.stringify(
        { series: def.id, title: def.title, unit: def.conversion.canonical, conversion: def.conversion.label, basis: def.basis, source: def.source, lastError: s?.lastError ?? null, observations: obs },
        null,
        2,
      ),
    );
    return;
  }
  console.log(`${def.id} — ${def.title}\nunits: ${def.conversion.canonical} (${def.conversion.label}); basis: ${def.basis}; source: ${def.source}`);
  if (obs.length === 0) {
    console.log('no observations in that range');
    return;
  }
  console.log(table(['date', 'value', 'origin'], obs.map((o) => [o.date, formatValue(o.value, def.conversion.canonical), o.origin]), new Set([1])));
}

function parseScale(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // Plain decimal notation only (0x3e8 is not a scale anyone means).
  const f = /^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(f) || f <= 0) throw new UsageError(`--scale needs a positive number (e.g. --scale 1000 for a billions file into a millions series), got ${JSON.stringify(text)}`);
  return f;
}

async function cmdImport(
  store: Store,
  file: string | undefined,
  args: { readonly series: string | undefined; readonly column: string | undefined; readonly scale: string | undefined; readonly allowFrequency: boolean },
): Promise<number> {
  if (file === undefined) throw new UsageError('import needs a file path');
  const scale = parseScale(args.scale);
  const size = statSync(file).size;
  if (size > MAX_IMPORT_BYTES) {
    console.error(`import refused: ${file} is ${size} bytes, over the ${MAX_IMPORT_BYTES}-byte limit`);
    return 1;
  }
  const opts = {
    ...(args.series === undefined ? {} : { seriesId: args.series }),
    ...(args.column === undefined ? {} : { column: args.column }),
    ...(scale === undefined ? {} : { scale }),
    ...(args.allowFrequency ? { allowFrequency: true } : {}),
    seenAt: new Date().toISOString(),
  };
  // Streamed in chunks (import-file.ts): a 57 MB file is never held as one string.
  const r = await importCsvFile(store.db, file, opts);
  if (!r.ok) {
    console.error(`import failed, nothing was written: ${r.error.replace(/(;| —) nothing was written$/, '')}`);
    return 1;
  }
  const v = r.value;
  for (const s of v.series) {
    const from = s.from === null ? '' : ` ${s.from}`;
    console.log(`imported ${s.seriesId} from ${v.format}${from}: ${s.rows} rows (${s.inserted} new, ${s.updated} revised, ${s.unchanged} unchanged, ${s.missing} ${v.format === 'wide-csv' ? 'empty or missing cells' : 'missing markers'} skipped)`);
  }
  if (v.series.length > 1) console.log(`${v.series.length} series written in one transaction`);
  if (v.skipped.length > 0) {
    // Grouped by reason: a DDP file has ~175 columns with no FRED id, and one line each buries the rest.
    const byReason = new Map<string, string[]>();
    for (const k of v.skipped) byReason.set(k.reason, [...(byReason.get(k.reason) ?? []), k.column]);
    console.log(`skipped ${v.skipped.length} columns (not imported):`);
    for (const [reason, cols] of byReason) console.log(`  ${cols.join(', ')}: ${reason}`);
  }
  return 0;
}

function printSyncSummary(report: SyncReport): void {
  if (report.results.length > 0) {
    console.log(
      table(
        ['series', 'outcome', 'new', 'revised', 'last date'],
        report.results.map((r) => [r.seriesId, r.outcome, String(r.inserted), String(r.revisions), r.lastDate ?? '—']),
        new Set([2, 3]),
      ),
    );
  }
  const failed = report.results.filter((r) => r.outcome === 'error');
  if (failed.length > 0) console.log(`\nerrors:\n${failed.map((r) => `  ${r.seriesId}: ${r.error ?? ''}`).join('\n')}`);
  // A run that stopped as a whole (no network) says so once instead of listing every series.
  if (report.message !== null) console.log(`\n${report.message}`);
  console.log(`\n${syncRunLine(report)}`);
}

async function cmdSync(store: Store, series: readonly string[], offline: boolean): Promise<number> {
  if (offline) {
    const r = seedFromSnapshot(store.db, snapshotDir(), new Date().toISOString(), true);
    if (!r.ok) {
      console.error(`offline sync failed: ${r.error}`);
      return 1;
    }
    console.log(`offline: nothing fetched; the bundled snapshot (as of ${r.value.asOf}) filled ${r.value.inserted} missing rows across ${r.value.series} series`);
    return 0;
  }
  const ctl = new AbortController();
  process.once('SIGINT', () => {
    console.error('\ncancelling: finishing the series in flight, the rest stay as they were…');
    ctl.abort();
  });
  const tty = process.stderr.isTTY;
  const report = await runSync(
    {
      db: store.db,
      http: { fetch: lazyFetch, now: Date.now, sleep: sleepReal, random: Math.random },
      urls: urlsFromEnv(process.env),
      fredApiKey: process.env['FRED_API_KEY']?.trim() || null,
    },
    {
      seriesIds: series,
      signal: ctl.signal,
      trigger: 'cli',
      onProgress: (p) => {
        const line = `${progressBar(p.done, p.total)} ${p.seriesId ?? ''} ${p.rows} rows`;
        if (tty) process.stderr.write(`\r${line.padEnd(70)}`);
        else if (p.seriesId !== null) process.stderr.write(`${line}\n`);
      },
    },
  );
  if (tty) process.stderr.write('\n');
  printSyncSummary(report);
  return report.status === 'ok' ? 0 : report.status === 'partial' ? 2 : 1;
}

/** Commands that only read: they run alongside the app on a read-only connection. `fit` saves the curve. */
const READ_COMMANDS: ReadonlySet<string> = new Set(['status', 'get', 'indicators', 'project', 'formula', 'attribution', 'alerts', 'episode', 'context', 'rmp', 'bills', 'solve', 'backtest', 'fairvalue']);

/**
 * Writes (import, sync, fit) take the data folder's lock, waiting RESERVOIR_LOCK_WAIT_MS (10 s) for
 * the app or another command to let go. Reads take it when it is free (a new folder is then set up as
 * before) and otherwise read beside its holder without migrating, seeding or backing up (issue 11 §1).
 */
function openCliStore(command: string, dataDir: string): Store {
  if (!READ_COMMANDS.has(command)) {
    return openStore({ dataDir, now: Date.now, lock: { waitMs: lockWaitMs(process.env), hint: `Waited ${lockWaitMs(process.env) / 1000} s for it. Close it and run this again, or do it in the app (Data view: Sync now, Import CSV).` } });
  }
  try {
    return openStore({ dataDir, now: Date.now, lock: { waitMs: 0 } });
  } catch (e) {
    if (!(e instanceof DataFolderLocked)) throw e;
    const owner = e.owner ?? dataFolderLockOwner(dataDir);
    return openStoreReadOnly(dataDir, owner === null ? 'the Reservoir that has this folder open' : `the Reservoir that has this folder open (pid ${owner.pid})`);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      series: { type: 'string', multiple: true },
      column: { type: 'string' },
      scale: { type: 'string' },
      'allow-frequency': { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      asof: { type: 'string' },
      preset: { type: 'string' },
      scenario: { type: 'string' },
      years: { type: 'string' },
      year: { type: 'string' },
      align: { type: 'string' },
      window: { type: 'string' },
      'window-years': { type: 'string' },
      target: { type: 'string' },
      hold: { type: 'string' },
      floor: { type: 'string' },
      'solve-for': { type: 'string' },
      by: { type: 'string' },
      anchor: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const store = openCliStore(command, dataDir);
  try {
    if (store.recovery) {
      const r = store.recovery;
      console.error(`warning: ${r.problem}.\n  Kept aside: ${r.keptAside.join(', ') || 'nothing'}.\n  ${r.restored?.summary ?? (r.restoredFrom ? `Restored ${r.scenariosRestored} saved scenarios from ${r.restoredFrom}.` : 'No saved scenarios could be restored.')}`);
    }
    if (store.seed?.applied) console.error(`seeded ${dataDir} from the offline snapshot (as of ${store.seed.asOf}, ${store.seed.inserted} rows)`);
    switch (command) {
      case 'status':
        cmdStatus(store, values.json);
        return 0;
      case 'get':
        cmdGet(store, rest[0], values.from, values.to, values.json);
        return 0;
      case 'import':
        return await cmdImport(store, rest[0], { series: values.series?.[0], column: values.column, scale: values.scale, allowFrequency: values['allow-frequency'] });
      case 'sync':
        return await cmdSync(store, [...(values.series ?? []), ...rest], values.offline);
      case 'indicators':
        cmdIndicators(store.db, values.asof ?? ASOF_DEFAULT(), values.json);
        return 0;
      case 'project':
        cmdProject(store.db, { ...(values.preset ? { preset: values.preset } : {}), ...(values.scenario ? { scenario: values.scenario } : {}), ...(values.years ? { years: values.years } : {}), ...(values.anchor !== undefined ? { anchor: values.anchor } : {}), json: values.json });
        return 0;
      case 'backtest':
        cmdBacktest(store.db, { ...Object.fromEntries(Object.entries({ preset: values.preset, scenario: values.scenario, from: values.from, to: values.to }).filter(([, v]) => v !== undefined)), json: values.json });
        return 0;
      case 'solve':
        cmdSolve(store.db, { ...Object.fromEntries(Object.entries({ target: values.target, hold: values.hold, floor: values.floor, solveFor: values['solve-for'], by: values.by, from: values.from, preset: values.preset, anchor: values.anchor }).filter(([, v]) => v !== undefined)), json: values.json });
        return 0;
      case 'fit':
        cmdFit(store.db, values.json);
        return 0;
      case 'alerts':
        cmdAlerts(store.db, values.json);
        return 0;
      case 'attribution':
        cmdAttribution(store.db, { ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}), json: values.json });
        return 0;
      case 'episode':
        cmdEpisode(store.db, { ...(values.align ? { align: values.align } : {}), json: values.json });
        return 0;
      case 'rmp':
        cmdRmp(store.db, { ...(values.from ? { from: values.from } : {}), ...(values.scenario ? { scenario: values.scenario } : {}), json: values.json });
        return 0;
      case 'bills':
        cmdBills(store.db, { ...(values.year ? { year: values.year } : {}), json: values.json });
        return 0;
      case 'context':
        cmdContext(store.db, { ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}), ...(values.window ? { window: values.window } : {}), json: values.json });
        return 0;
      case 'fairvalue':
        cmdFairValue(store.db, { ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}), ...(values['window-years'] ? { windowYears: values['window-years'] } : {}), json: values.json });
        return 0;
      case 'formula':
        cmdFormula(store.db, rest.join(' ') || undefined, { ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}), json: values.json });
        return 0;
      default:
        throw new UsageError(`unknown command ${command}\n\n${USAGE}`);
    }
  } finally {
    store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof UsageError || e instanceof CommandError ? e.message : (startFailure(e) ?? `error: ${e instanceof Error ? e.message : String(e)}`));
    process.exitCode = e instanceof UsageError ? 64 : 1;
  },
);
