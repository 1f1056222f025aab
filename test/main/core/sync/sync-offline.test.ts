/**
 * Sync with no network (issue 12): after the first connection that cannot be made, the engine checks
 * the other sources' hosts once and stops with one "No network" outcome, within 3 s, instead of failing
 * every series one per second at FRED's pace. One server down while the others answer is not "no
 * network": that server's series fail without being tried again, the rest sync. An HTTP error on one
 * series stays that series' error. Real HTTP client, real loopback ports, real recorded payloads.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../main/core/db/open-database.js';
import { lastFinishedRun } from '../../../../main/core/db/repos/sync-runs-repo.js';
import { connectFailureCode, sleepReal } from '../../../../main/core/sync/http-client.js';
import { RateLimiter } from '../../../../main/core/sync/rate-limit.js';
import { runSync } from '../../../../main/core/sync/sync-service.js';
import { DB_FILE } from '../../../../main/core/store.js';
import { startReplayServer, type ReplayServer } from '../../../support/replay-server.js';
import { dataDigest, FAST_RETRY, harness, replayRoutes, seededDataDir, urlsFor } from '../../../support/sync-harness.js';

let live: ReplayServer;
let deadBase = '';
beforeAll(async () => {
  live = await startReplayServer(replayRoutes);
  // A port that was just listening and is now closed: connections to it are refused.
  const dead = await startReplayServer(replayRoutes);
  deadBase = dead.base;
  await dead.close();
});
afterAll(() => live.close());

describe('sync with no network', () => {
  it('a full sync against a port that refuses connections ends in < 3 s with one "No network" outcome and writes nothing', async () => {
    const d = seededDataDir();
    const db = openDatabase(path.join(d.dir, DB_FILE));
    const before = dataDigest(db);
    const errorsBefore = db.prepare('SELECT id, last_error FROM series ORDER BY id').raw().all();
    const log: string[] = [];
    // FRED's real pace (1 request a second): the old engine needed ~1 s per series here.
    const limiter = new RateLimiter({ perSecond: 1, perMinute: 100, now: Date.now, sleep: sleepReal });
    const t0 = Date.now();
    const report = await runSync(
      { db, http: { fetch: globalThis.fetch, now: Date.now, sleep: sleepReal, random: () => 0.5 }, urls: urlsFor(deadBase), fredApiKey: null, retry: FAST_RETRY, timeoutMs: 2_000, fredLimiter: limiter, log: (l) => log.push(l) },
      { trigger: 'test' },
    );
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(3_000);
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(new RegExp(`^No network: could not connect to 127\\.0\\.0\\.1:${deadBase.split(':').at(-1) ?? ''} \\(ECONNREFUSED\\); nothing was fetched and stored data is unchanged\\. Sync again when you are back online\\.$`));
    // One outcome for the run, not one error per series.
    expect(report.results.filter((r) => r.outcome === 'error')).toEqual([]);
    expect(report.results).toEqual([]);
    expect(dataDigest(db)).toBe(before);
    expect(db.prepare('SELECT id, last_error FROM series ORDER BY id').raw().all()).toEqual(errorsBefore);
    // The sync log in the store says when and why (the Monitor's notice reads it).
    expect(lastFinishedRun(db)).toMatchObject({ id: report.runId, status: 'failed', message: report.message, ok: 0, errors: 0, trigger: 'test' });
    expect(db.prepare('SELECT count(*) FROM sync_run_series WHERE run_id = ?').pluck().get(report.runId)).toBe(0);
    db.close();
    d.cleanup();
  });

  it('one server down while the others answer: its series fail at once, untried; the others sync; no "No network"', async () => {
    live.setHandler(replayRoutes);
    const d = seededDataDir();
    const h = harness(d.dir, live.base);
    const start = live.requests.length;
    const t0 = Date.now();
    // FRED on the dead port, the NY Fed (and FiscalData) on the live replay server.
    const report = await h.sync({ seriesIds: ['WALCL', 'WRESBAL', 'WTREGEN', 'SOFR'], urls: { ...urlsFor(live.base), fredApi: `${deadBase}/fred`, fredGraph: deadBase } });
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(report.message).toBeNull();
    expect(report.status).toBe('partial');
    const byId = new Map(report.results.map((r) => [r.seriesId, r]));
    for (const id of ['WALCL', 'WRESBAL', 'WTREGEN']) {
      expect(byId.get(id)).toMatchObject({ outcome: 'error', error: expect.stringMatching(new RegExp(`^${id}: not fetched — 127\\.0\\.0\\.1:\\d+ \\(ECONNREFUSED\\) cannot be reached, though the other sources answer`)) });
    }
    expect(byId.get('SOFR')?.outcome).toBe('ok');
    // The live host got the probe and the NY Fed request, nothing for FRED's series.
    const urls = live.requests.slice(start).map((r) => r.url);
    expect(urls.some((u) => u.startsWith('/api/rates/secured/sofr/search.json'))).toBe(true);
    expect(urls.some((u) => u.includes('fredgraph'))).toBe(false);
    h.close();
    d.cleanup();
  });

  it('an HTTP 404 for one series stays that series\' error and the run goes on', async () => {
    live.setHandler(replayRoutes);
    const d = seededDataDir();
    const h = harness(d.dir, live.base);
    // WSHOBL has no recorded fredgraph file: the replay server answers FRED's HTML 404 page.
    const report = await h.sync({ seriesIds: ['WSHOBL', 'WALCL'] });
    expect(report.message).toBeNull();
    expect(report.status).toBe('partial');
    expect(report.results.map((r) => [r.seriesId, r.outcome])).toEqual([
      ['WSHOBL', 'error'],
      ['WALCL', 'ok'],
    ]);
    expect(report.results[0]?.error).toMatch(/FRED has no series WSHOBL/);
    h.close();
    d.cleanup();
  });
});

describe('connection failures are told apart from other network errors', () => {
  const fetchFailed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });
  it.each([
    ['ECONNREFUSED', fetchFailed(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))],
    ['ENOTFOUND', fetchFailed(Object.assign(new Error('getaddrinfo ENOTFOUND api.stlouisfed.org'), { code: 'ENOTFOUND' }))],
    ['EAI_AGAIN', fetchFailed(Object.assign(new Error('getaddrinfo EAI_AGAIN fred.stlouisfed.org'), { code: 'EAI_AGAIN' }))],
    ['ENETUNREACH', fetchFailed(Object.assign(new Error('connect ENETUNREACH'), { code: 'ENETUNREACH' }))],
    // Happy eyeballs: every address failed; the codes sit on the AggregateError's errors.
    ['ECONNREFUSED', fetchFailed(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:443'), { code: 'ECONNREFUSED' })], 'all failed'))],
    ['UND_ERR_CONNECT_TIMEOUT', fetchFailed(Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' }))],
    // Electron's net.fetch words for the same conditions.
    ['ERR_INTERNET_DISCONNECTED', new TypeError('Failed to fetch', { cause: new Error('net::ERR_INTERNET_DISCONNECTED') })],
  ])('%s is a connection failure', (code, e) => {
    expect(connectFailureCode(e)).toBe(code);
  });
  it('a reset mid-response or a TLS error is not', () => {
    expect(connectFailureCode(fetchFailed(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })))).toBe('');
    expect(connectFailureCode(fetchFailed(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' })))).toBe('');
    expect(connectFailureCode(new TypeError('fetch failed'))).toBe('');
  });
});
