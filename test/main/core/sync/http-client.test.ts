import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getWithRetry, HttpError, parseRetryAfter, sleepReal, type HttpDeps } from '../../../../main/core/sync/http-client.js';
import { redact } from '../../../../main/core/sync/redact.js';
import { readData } from '../../../support/fixtures.js';
import { csv, startReplayServer, type ReplayServer } from '../../../support/replay-server.js';
import { FAST_RETRY } from '../../../support/sync-harness.js';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer(() => csv(''));
});
afterAll(() => server.close());

const slept: number[] = [];
const deps: HttpDeps = {
  fetch: globalThis.fetch,
  now: Date.now,
  sleep: (ms, signal) => {
    slept.push(ms);
    return sleepReal(Math.min(ms, 5), signal);
  },
  random: () => 0.5,
};
const walcl = readData('fred/WALCL.csv');

describe('getWithRetry', () => {
  it('retries a 503 and then succeeds', async () => {
    let n = 0;
    server.setHandler(() => (++n < 3 ? { status: 503, body: 'busy' } : csv(walcl)));
    const r = await getWithRetry(deps, { url: `${server.base}/x`, expect: 'csv', what: 'test' }, FAST_RETRY);
    expect(r.body).toBe(walcl);
    expect(n).toBe(3);
  });

  it('waits as long as Retry-After asks on a 429, then succeeds', async () => {
    slept.length = 0;
    let n = 0;
    server.setHandler(() => (++n === 1 ? { status: 429, headers: { 'retry-after': '0' }, body: '' } : csv(walcl)));
    const paused: number[] = [];
    await getWithRetry(deps, { url: `${server.base}/x`, expect: 'csv', what: 'test' }, { ...FAST_RETRY, maxRetryAfterMs: 10_000 }, undefined, (ms) => paused.push(ms));
    expect(paused).toEqual([0]);
    expect(slept.length).toBe(1);
  });

  it('does not retry a 404', async () => {
    let n = 0;
    server.setHandler(() => {
      n++;
      return { status: 404, body: 'nope' };
    });
    await expect(getWithRetry(deps, { url: `${server.base}/x`, expect: 'csv', what: 'test' }, FAST_RETRY)).rejects.toMatchObject({ kind: 'http', status: 404 });
    expect(n).toBe(1);
  });

  it('refuses a body over the size cap, declared or streamed', async () => {
    server.setHandler(() => csv(walcl));
    await expect(getWithRetry(deps, { url: `${server.base}/x`, expect: 'csv', what: 'test', maxBytes: 1000 }, FAST_RETRY)).rejects.toMatchObject({ kind: 'too-large' });
  });

  it('a reset connection is retried and then reported plainly', async () => {
    server.setHandler(() => ({ reset: true }));
    const e = await getWithRetry(deps, { url: `${server.base}/x`, expect: 'csv', what: 'FRED WALCL' }, FAST_RETRY).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).message).toMatch(/^FRED WALCL: the connection was cut before the response was complete .*\(gave up after 3 attempts\)$/);
  });

  it('cancellation stops at once', async () => {
    server.setHandler(() => ({ ...csv(walcl), delayMs: 2000 }));
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 30);
    await expect(getWithRetry(deps, { url: `${server.base}/x`, expect: 'csv', what: 'test', signal: ctl.signal }, FAST_RETRY)).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

describe('helpers', () => {
  it('parses Retry-After in seconds and as an HTTP date', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z'))).toBe(60_000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });

  it('redacts api_key parameters and the literal key', () => {
    expect(redact('GET /fred/series?series_id=X&api_key=abcdef0123&file_type=json')).toBe('GET /fred/series?series_id=X&api_key=REDACTED&file_type=json');
    expect(redact('key abcdef0123 leaked', ['abcdef0123'])).toBe('key REDACTED leaked');
  });
});
