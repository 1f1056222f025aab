/**
 * Runs the real sync engine, over the real HTTP client, against the loopback replay server, on a copy
 * of a store seeded from the real snapshot.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { SeriesDef } from '../../shared/catalog.js';
import { openDatabase, type Db } from '../../main/core/db/open-database.js';
import { DEFAULT_RETRY, sleepReal, type RetryPolicy } from '../../main/core/sync/http-client.js';
import { RateLimiter } from '../../main/core/sync/rate-limit.js';
import type { SourceUrls } from '../../main/core/sync/source-context.js';
import { runSync, type SyncDeps, type SyncOptions, type SyncReport } from '../../main/core/sync/sync-service.js';
import { DB_FILE, openStore } from '../../main/core/store.js';
import { readData } from './fixtures.js';
import { csv, html, json, type Handler, type Reply } from './replay-server.js';
import { tempDir } from './temp-dir.js';

export const FAST_RETRY: RetryPolicy = { ...DEFAULT_RETRY, maxAttempts: 3, baseDelayMs: 2, maxDelayMs: 10, maxRetryAfterMs: 200 };

export const urlsFor = (base: string): SourceUrls => ({ fredApi: `${base}/fred`, fredGraph: base, nyfed: base, fiscaldata: base });

let template: string | null = null;

/** A data dir whose database was seeded from the real snapshot once per test process, then copied. */
export function seededDataDir(): { dir: string; cleanup: () => void } {
  if (template === null || !existsSync(template)) {
    const t = tempDir('reservoir-template-');
    openStore({ dataDir: t.dir, now: () => Date.parse('2026-11-21T12:00:00Z') }).close();
    template = path.join(t.dir, DB_FILE);
  }
  const d = tempDir();
  copyFileSync(template, path.join(d.dir, DB_FILE));
  return d;
}

export function emptyDataDir(): { dir: string; cleanup: () => void } {
  const d = tempDir();
  openStore({ dataDir: d.dir, now: Date.now, snapshot: null }).close();
  return d;
}

export interface Harness {
  readonly db: Db;
  readonly log: string[];
  sync(opts?: SyncOptions & { apiKey?: string | null; catalog?: readonly SeriesDef[]; timeoutMs?: number; maxBytes?: number; urls?: SourceUrls }): Promise<SyncReport>;
  close(): void;
}

export function harness(dataDir: string, base: string): Harness {
  const db = openDatabase(path.join(dataDir, DB_FILE));
  const log: string[] = [];
  const limiter = new RateLimiter({ perSecond: 1000, perMinute: 100_000, now: Date.now, sleep: sleepReal });
  return {
    db,
    log,
    sync: (opts = {}) => {
      const deps: SyncDeps = {
        db,
        http: { fetch: globalThis.fetch, now: Date.now, sleep: sleepReal, random: () => 0.5, log: (l) => log.push(l) },
        urls: opts.urls ?? urlsFor(base),
        fredApiKey: opts.apiKey ?? null,
        retry: FAST_RETRY,
        timeoutMs: opts.timeoutMs ?? 1_000,
        ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
        fredLimiter: limiter,
        log: (l) => log.push(l),
        ...(opts.catalog ? { catalog: opts.catalog } : {}),
      };
      return runSync(deps, opts);
    },
    close: () => db.close(),
  };
}

/** A fingerprint of every stored observation and revision: equal before and after = zero writes. */
export function dataDigest(db: Db): string {
  const h = createHash('sha256');
  for (const r of db.prepare('SELECT key, value, origin FROM observations ORDER BY key').raw().iterate()) h.update(JSON.stringify(r));
  for (const r of db.prepare('SELECT series_id, date, old_value, new_value FROM revisions ORDER BY id').raw().iterate()) h.update(JSON.stringify(r));
  return h.digest('hex');
}

/** The default routes: every recorded payload in ../shared/data at the path its API serves it on. */
export const replayRoutes: Handler = (url) => {
  const p = url.pathname;
  if (p === '/graph/fredgraph.csv') {
    const id = url.searchParams.get('id') ?? '';
    try {
      return csv(readData(`fred/${id}.csv`));
    } catch {
      return html('<!DOCTYPE html><html><head><title>404 Not Found | FRED | St. Louis Fed</title></head><body>Error - Series not found</body></html>');
    }
  }
  if (p === '/fred/series/observations') {
    const id = url.searchParams.get('series_id') ?? '';
    try {
      return json(readData(`api-samples/fred-series-observations-${id}.json`));
    } catch {
      return json({ error_code: 400, error_message: 'Bad Request.  The series does not exist.' }, 400);
    }
  }
  if (p === '/fred/series') return json(fredMetaFor(url.searchParams.get('series_id') ?? ''));
  const rate = /^\/api\/rates\/(secured|unsecured)\/(sofr|effr|obfr)\/search\.json$/.exec(p);
  if (rate) return json(readData(`api-samples/nyfed-${rate[2]}-search.json`));
  return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'no such route in the replay server' };
};

/**
 * FRED `series` metadata: the recorded SOFR75 response, with id and title swapped for the SOFR-family
 * series the tests fetch through FRED (only SOFR75's metadata was recorded).
 */
export function fredMetaFor(id: string): unknown {
  const meta = JSON.parse(readData('api-samples/fred-series-SOFR75.json')) as { seriess: Record<string, unknown>[] };
  const s = meta.seriess[0] ?? {};
  return { ...meta, seriess: [{ ...s, id, title: `Secured Overnight Financing Rate (${id})` }] };
}

export const reply = (r: Reply): Reply => r;
