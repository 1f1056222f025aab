/**
 * The sync engine: groups catalog series into source jobs, fetches each from a little before the
 * last stored date (the look-back catches revisions), converts and guards, and writes each series in
 * its own transaction. A failed, cancelled or killed sync leaves every series fully updated or untouched.
 */
import type { SeriesDef } from '../../../shared/catalog.js';
import { CATALOG, findSeries } from '../../../shared/catalog.js';
import { prepareBatch, type RawObservation } from '../../../shared/model/observation.js';
import type { Result } from '../../../shared/result.js';
import { err } from '../../../shared/result.js';
import { addDays, isoDateOfInstant, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { BatchRefusedError, lastDate, writeSeriesBatch } from '../db/repos/observations-repo.js';
import { recordSeriesError } from '../db/repos/series-repo.js';
import { finishRun, recordOutcome, startRun, type RunStatus } from '../db/repos/sync-runs-repo.js';
import { fullCatalog } from '../catalog/user-catalog.js';
import { DEFAULT_RETRY, HttpError, type HttpDeps, type RetryPolicy } from './http-client.js';
import { hostOfOrigin, listInWords, originOf, PROBE_TIMEOUT_MS, probeOrigins, sourceOrigins } from './network-check.js';
import { RateLimiter } from './rate-limit.js';
import type { JobResult, SourceContext, SourceUrls } from './source-context.js';
import { fetchDtsTga } from './sources/fiscaldata.js';
import { fetchFredSeries } from './sources/fred.js';
import { fetchNyFedOperations, fetchNyFedRates } from './sources/nyfed.js';

/** Days re-requested before the last stored date, so revisions are seen and recorded. */
export const LOOKBACK_DAYS: Record<SeriesDef['frequency'], number> = { D: 14, W: 56, M: 120, Q: 730 };

export interface SyncProgress {
  readonly done: number;
  readonly total: number;
  readonly seriesId: string | null;
  readonly rows: number;
}

export interface SeriesSyncResult {
  readonly seriesId: string;
  readonly outcome: 'ok' | 'error' | 'cancelled';
  readonly inserted: number;
  readonly updated: number;
  readonly revisions: number;
  readonly lastDate: string | null;
  readonly error: string | null;
}

export interface SyncReport {
  readonly runId: number;
  readonly status: RunStatus;
  readonly results: readonly SeriesSyncResult[];
  /**
   * One sentence when the run stopped as a whole: "No network: …" after the first connection that
   * could not be made and a quick check of the other sources' hosts. The series not reached then
   * have no result (they are not each an error); null for a run that went series by series.
   */
  readonly message: string | null;
}

export interface SyncDeps {
  readonly db: Db;
  readonly http: HttpDeps;
  readonly urls: SourceUrls;
  readonly fredApiKey: string | null;
  readonly retry?: RetryPolicy;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** Shared across runs so back-to-back syncs still respect FRED's limits. */
  readonly fredLimiter?: RateLimiter;
  readonly log?: (line: string) => void;
  /** Defaults to the shipped catalog plus the user's FRED series; tests substitute definitions (e.g. a FRED-sourced SOFR). */
  readonly catalog?: readonly SeriesDef[];
  /** How long the check of the other hosts may take after a connection failure (default PROBE_TIMEOUT_MS). */
  readonly probeTimeoutMs?: number;
}

export interface SyncOptions {
  readonly seriesIds?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: SyncProgress) => void;
  /** Called after each series' transaction commits (the kill test relies on this being after COMMIT). */
  readonly onCommitted?: (seriesId: string, rows: number) => void;
  readonly trigger?: string;
}

interface Job {
  readonly key: string;
  readonly defs: readonly SeriesDef[];
  run(ctx: SourceContext, since: IsoDate | null): Promise<JobResult>;
}

function single(def: SeriesDef, fetch: (ctx: SourceContext, since: IsoDate | null) => Promise<Result<readonly RawObservation[]>>): Job {
  return { key: def.id, defs: [def], run: async (ctx, since) => new Map([[def.id, await fetch(ctx, since)]]) };
}

/** Groups series that one request serves (a NY Fed rate and its percentiles, AM/PM/total SRF). */
export function planJobs(defs: readonly SeriesDef[]): Job[] {
  const jobs: Job[] = [];
  const groups = new Map<string, SeriesDef[]>();
  for (const d of defs) {
    const k = d.sourceKey;
    switch (k.kind) {
      case 'fred':
        jobs.push(single(d, (ctx, since) => fetchFredSeries(ctx, d, since)));
        break;
      case 'fiscaldata-dts':
        jobs.push(single(d, (ctx, since) => fetchDtsTga(ctx, since)));
        break;
      case 'nyfed-rate': {
        const g = `rate:${k.rateType}`;
        groups.set(g, [...(groups.get(g) ?? []), d]);
        break;
      }
      case 'nyfed-ops': {
        const g = `ops:${k.feed}`;
        groups.set(g, [...(groups.get(g) ?? []), d]);
        break;
      }
      case 'bundled':
        // No live client (OFR, MSPD, auctions, market proxies): the snapshot and `import` fill these.
        break;
      default: {
        const never: never = k;
        throw new Error(`unknown source ${JSON.stringify(never)}`);
      }
    }
  }
  for (const [g, members] of groups) {
    const first = members[0];
    if (first === undefined) continue;
    const k = first.sourceKey;
    if (k.kind === 'nyfed-rate') jobs.push({ key: g, defs: members, run: (ctx, since) => fetchNyFedRates(ctx, k.rateType, members, since) });
    else if (k.kind === 'nyfed-ops') jobs.push({ key: g, defs: members, run: (ctx, since) => fetchNyFedOperations(ctx, k.feed, members, since) });
  }
  return jobs;
}

function jobSince(db: Db, job: Job, today: IsoDate): IsoDate | null {
  let since: IsoDate | null = null;
  for (const d of job.defs) {
    const stored = lastDate(db, d.id);
    if (stored === null) return null;
    // A row from the future (one dated 9999-12-29 got in before the date checks existed) must not
    // make every later sync ask for data from 9999: never start after today.
    const last = stored > today ? today : stored;
    const s = addDays(last, -LOOKBACK_DAYS[d.frequency]);
    if (since === null || s < since) since = s;
  }
  return since;
}

export function resolveSeries(ids: readonly string[] | undefined, catalog: readonly SeriesDef[] = CATALOG): Result<readonly SeriesDef[]> {
  if (ids === undefined || ids.length === 0) return { ok: true, value: catalog };
  const out: SeriesDef[] = [];
  for (const id of ids) {
    const d = catalog === CATALOG ? findSeries(id) : catalog.find((c) => c.id === id.toUpperCase());
    // (The app shows this with app words: main/core/app-wording.ts.)
    if (d === undefined) return err(`unknown series ${id}; \`status\` lists the catalog`);
    out.push(d);
  }
  return { ok: true, value: out };
}

/** A failed write, in words: a full disk says so plainly. */
export function describeWriteError(e: unknown, seriesId: string): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'SQLITE_FULL') return `${seriesId}: disk full — the database could not grow, so this series was left exactly as it was; free some disk space and sync again`;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return `${seriesId}: the database is busy (another Reservoir open?); nothing was written`;
  return `${seriesId}: could not write to the database (${e instanceof Error ? e.message : String(e)}); nothing was written`;
}

/** Bookkeeping writes (run log, last error) must not turn a handled failure into a crash. */
function safely(f: () => void): void {
  try {
    f();
  } catch {
    // e.g. the disk is full: the outcome is still returned to the caller
  }
}

/** Where a job's requests go (FRED's API with a key, its fredgraph.csv without). */
function jobOrigin(job: Job, urls: SourceUrls, fredKey: string | null): string {
  const k = job.defs[0]?.sourceKey;
  switch (k?.kind) {
    case 'fred':
      return originOf(fredKey === null ? urls.fredGraph : urls.fredApi);
    case 'nyfed-rate':
    case 'nyfed-ops':
      return originOf(urls.nyfed);
    case 'fiscaldata-dts':
      return originOf(urls.fiscaldata);
    default:
      return '';
  }
}

/** The run's one message when no host answers: what was tried, and that nothing changed. */
function noNetworkMessage(failures: readonly string[], okBefore: number): string {
  const after = okBefore > 0 ? `${okBefore} series were updated before the connection was lost; the rest are unchanged` : 'nothing was fetched and stored data is unchanged';
  return `No network: could not connect to ${listInWords(failures)}; ${after}. Sync again when you are back online.`;
}

export async function runSync(deps: SyncDeps, opts: SyncOptions = {}): Promise<SyncReport> {
  const resolved = resolveSeries(opts.seriesIds, deps.catalog ?? fullCatalog(deps.db));
  if (!resolved.ok) throw new Error(resolved.error);
  const explicit = opts.seriesIds !== undefined && opts.seriesIds.length > 0;
  const noClient = resolved.value.filter((d) => d.sourceKey.kind === 'bundled');
  if (explicit && noClient.length > 0) {
    throw new Error(`${noClient.map((d) => d.id).join(', ')}: no live source yet — the history comes from the bundled snapshot; bring newer data in with \`import\``);
  }
  // A full sync skips series without a live client; they are not failures.
  const defs = resolved.value.filter((d) => d.sourceKey.kind !== 'bundled');
  const { db } = deps;
  const nowIso = (): string => new Date(deps.http.now()).toISOString();
  const runId = startRun(db, opts.trigger ?? 'manual', nowIso());
  const ctx: SourceContext = {
    http: deps.http,
    urls: deps.urls,
    fredApiKey: deps.fredApiKey,
    fredLimiter: deps.fredLimiter ?? new RateLimiter({ perSecond: 1, perMinute: 100, now: deps.http.now, sleep: deps.http.sleep }),
    retry: deps.retry ?? DEFAULT_RETRY,
    timeoutMs: deps.timeoutMs ?? 30_000,
    ...(deps.maxBytes ? { maxBytes: deps.maxBytes } : {}),
    signal: opts.signal,
    today: isoDateOfInstant(deps.http.now()),
  };
  const results: SeriesSyncResult[] = [];
  let done = 0;
  let rows = 0;
  const total = defs.length;
  opts.onProgress?.({ done, total, seriesId: null, rows });
  const finishSeries = (r: SeriesSyncResult): void => {
    results.push(r);
    safely(() => recordOutcome(db, runId, r.seriesId, r.outcome, r.inserted + r.updated, r.revisions, r.error));
    done++;
    rows += r.inserted + r.updated;
    opts.onProgress?.({ done, total, seriesId: r.seriesId, rows });
  };
  const cancelled = (d: SeriesDef): SeriesSyncResult => ({ seriesId: d.id, outcome: 'cancelled', inserted: 0, updated: 0, revisions: 0, lastDate: lastDate(db, d.id), error: 'cancelled' });

  const failedSeries = (d: SeriesDef, error: string): SeriesSyncResult => ({ seriesId: d.id, outcome: 'error', inserted: 0, updated: 0, revisions: 0, lastDate: lastDate(db, d.id), error });
  // Hosts found unreachable in this run ("host (CODE)"): their remaining jobs are not tried again.
  const down = new Map<string, string>();
  const hostDown = (d: SeriesDef, where: string): string =>
    `${d.id}: not fetched — ${where} cannot be reached, though the other sources answer (that server, not your network, is down); stored data is unchanged`;
  let stopped: string | null = null;
  const jobs = planJobs(defs);
  for (const [j, job] of jobs.entries()) {
    if (opts.signal?.aborted) {
      job.defs.forEach((d) => finishSeries(cancelled(d)));
      continue;
    }
    const origin = jobOrigin(job, deps.urls, deps.fredApiKey);
    const known = down.get(origin);
    if (known !== undefined) {
      for (const d of job.defs) {
        const message = hostDown(d, known);
        safely(() => recordSeriesError(db, d.id, message, nowIso()));
        finishSeries(failedSeries(d, message));
      }
      continue;
    }
    const since = jobSince(db, job, ctx.today);
    let answer: JobResult;
    try {
      answer = await job.run(ctx, since);
    } catch (e) {
      if (e instanceof HttpError && e.kind === 'offline') {
        // The first connection that could not be made: is it the network or this one server? Ask the
        // other hosts once, together (not series by series at FRED's one request a second).
        const here = `${e.host ?? hostOfOrigin(origin)} (${e.code ?? 'no connection'})`;
        const later = jobs.slice(j + 1).map((x) => jobOrigin(x, deps.urls, deps.fredApiKey));
        const others = [...new Set([...later, ...sourceOrigins(deps.urls)])].filter((o) => o !== '' && o !== origin && !down.has(o));
        const probes = await probeOrigins(deps.http, others, deps.probeTimeoutMs ?? PROBE_TIMEOUT_MS, opts.signal);
        deps.log?.(`${e.message}; checked ${probes.length} other hosts: ${probes.map((p) => `${p.host} ${p.reachable ? 'answers' : `unreachable (${p.why})`}`).join(', ') || 'none configured'}`);
        if (opts.signal?.aborted) {
          job.defs.forEach((d) => finishSeries(cancelled(d)));
          continue;
        }
        if (probes.every((p) => !p.reachable)) {
          stopped = noNetworkMessage([here, ...probes.map((p) => `${p.host} (${p.why})`)], results.filter((r) => r.outcome === 'ok').length);
          deps.log?.(stopped);
          break;
        }
        down.set(origin, here);
        for (const p of probes) if (!p.reachable) down.set(p.origin, `${p.host} (${p.why})`);
        answer = new Map(job.defs.map((d) => [d.id, err(hostDown(d, here))]));
      } else {
        const message = e instanceof Error ? e.message : String(e);
        answer = new Map(job.defs.map((d) => [d.id, err(message)]));
      }
    }
    for (const d of job.defs) {
      if (opts.signal?.aborted) {
        finishSeries(cancelled(d));
        continue;
      }
      const fetched = answer.get(d.id) ?? err(`${d.id}: the source returned nothing for this series`);
      const prepared = fetched.ok ? prepareBatch(d, fetched.value) : fetched;
      if (!prepared.ok) {
        deps.log?.(`${d.id}: ${prepared.error}`);
        safely(() => recordSeriesError(db, d.id, prepared.error, nowIso()));
        finishSeries({ seriesId: d.id, outcome: 'error', inserted: 0, updated: 0, revisions: 0, lastDate: lastDate(db, d.id), error: prepared.error });
        continue;
      }
      let w: ReturnType<typeof writeSeriesBatch>;
      try {
        w = writeSeriesBatch(db, d.id, prepared.value.rows, { origin: 'sync', mode: 'overwrite', seenAt: nowIso(), runId, checks: { def: d, today: ctx.today } });
      } catch (e) {
        const message = e instanceof BatchRefusedError ? `${d.id}: ${e.message}` : describeWriteError(e, d.id);
        deps.log?.(message);
        safely(() => recordSeriesError(db, d.id, message, nowIso()));
        finishSeries({ seriesId: d.id, outcome: 'error', inserted: 0, updated: 0, revisions: 0, lastDate: lastDate(db, d.id), error: message });
        continue;
      }
      opts.onCommitted?.(d.id, prepared.value.rows.length);
      finishSeries({ seriesId: d.id, outcome: 'ok', inserted: w.inserted, updated: w.updated, revisions: w.revisions, lastDate: lastDate(db, d.id), error: null });
    }
  }
  const errors = results.filter((r) => r.outcome === 'error').length;
  const okCount = results.filter((r) => r.outcome === 'ok').length;
  const status: RunStatus = opts.signal?.aborted
    ? 'cancelled'
    : stopped !== null
      ? okCount > 0
        ? 'partial'
        : 'failed'
      : errors === 0
        ? 'ok'
        : errors === results.length
          ? 'failed'
          : 'partial';
  if (stopped !== null) opts.onProgress?.({ done, total, seriesId: null, rows });
  safely(() => finishRun(db, runId, status, nowIso(), stopped));
  return { runId, status, results, message: stopped };
}
