/**
 * Bad input from the network: every case gets its specific, human-readable error, writes nothing,
 * and never shows the API key. All through the real HTTP client against the loopback replay server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSeries, type SeriesDef } from '../../../../shared/catalog.js';
import { getSeries } from '../../../../main/core/db/repos/series-repo.js';
import { dtsClosingRows, dtsPages, readData } from '../../../support/fixtures.js';
import { csv, html, json, startReplayServer, type Handler, type ReplayServer } from '../../../support/replay-server.js';
import { dataDigest, fredMetaFor, harness, replayRoutes, seededDataDir } from '../../../support/sync-harness.js';

const KEY = 'abcdefghij0123456789abcdefghij01';
let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer(replayRoutes);
});
afterAll(() => server.close());

function fredSourced(id: string): SeriesDef {
  const d = findSeries(id);
  if (!d) throw new Error(id);
  return { ...d, source: 'fred', sourceKey: { kind: 'fred', fredId: id } };
}

const route =
  (path: string | RegExp, r: Parameters<Handler>[0] extends never ? never : ReturnType<Handler>): Handler =>
  (url, req) =>
    (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)) ? r : replayRoutes(url, req);

const walcl = readData('fred/WALCL.csv');
/**
 * SYNTHETIC (made from the real file for this test): FRED's WTREGEN with every value divided by 1000,
 * i.e. the billions that older FRED downloads used, served where FRED now publishes millions.
 */
const wtregenInBillions = readData('fred/WTREGEN.csv')
  .split('\n')
  .map((l, i) => {
    const [d, v] = l.split(',');
    return i === 0 || v === undefined || v.trim() === '' ? l : `${d},${(Number(v) / 1000).toFixed(6)}`;
  })
  .join('\n');
/** SYNTHETIC: the real RRPONTSYD file cut to its Wednesdays (a weekly file for a daily series). */
const rrpWednesdays = readData('fred/RRPONTSYD.csv')
  .split('\n')
  .filter((l, i) => i === 0 || (/^\d{4}-\d{2}-\d{2}/.test(l) && new Date(`${l.slice(0, 10)}T00:00:00Z`).getUTCDay() === 3))
  .join('\n');
const sofrObs = readData('api-samples/fred-series-observations-SOFR.json');
const sofrNyFed = readData('api-samples/nyfed-sofr-search.json');
const dtsRows = dtsClosingRows('2026-06-15', '2026-06-23');

interface Case {
  readonly name: string;
  readonly series: readonly string[];
  readonly handler: Handler;
  readonly expect: RegExp;
  readonly apiKey?: string;
  readonly catalog?: readonly SeriesDef[];
  readonly base?: () => string;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

const FRED_API = { apiKey: KEY, catalog: [fredSourced('SOFR')] };

const CASES: readonly Case[] = [
  // FRED keyless CSV
  { name: 'FRED: unknown series id (HTML 404 page)', series: ['WSHOBL'], handler: replayRoutes, expect: /FRED has no series WSHOBL/ },
  { name: 'FRED: HTML page with status 200 (captive portal)', series: ['WALCL'], handler: route('/graph/fredgraph.csv', html('<html><body>Sign in to the guest Wi-Fi</body></html>', 200)), expect: /expected CSV but the server sent text\/html.*HTML page/ },
  { name: 'FRED: body cut off mid-transfer', series: ['WALCL'], handler: route('/graph/fredgraph.csv', { headers: { 'content-type': 'text/csv' }, body: walcl, truncateAt: 5000 }), expect: /cut off|connection was cut/ },
  { name: 'FRED: non-numeric value', series: ['WALCL'], handler: route('/graph/fredgraph.csv', csv(walcl.replace('2026-08-26,6730912', '2026-08-26,6730x12'))), expect: /line 1238: "6730x12" is not a number/ },
  { name: 'FRED: impossible magnitude (billions where millions are expected)', series: ['WALCL'], handler: route('/graph/fredgraph.csv', csv('observation_date,WALCL\n2026-08-19,6745.699\n2026-08-26,6730.912\n')), expect: /WALCL 2026-08-19: 6\.745699 usd_bn is outside the possible range \[500, 15000\]/ },
  { name: 'FRED: file for another series', series: ['WALCL'], handler: route('/graph/fredgraph.csv', csv(readData('fred/WDTGAL.csv'))), expect: /the file is for WDTGAL/ },
  { name: 'FRED: server error that persists (HTTP 500)', series: ['WALCL'], handler: route('/graph/fredgraph.csv', { status: 500, body: 'Internal Server Error' }), expect: /HTTP 500 \(gave up after 3 attempts\)/ },
  { name: 'FRED: timeout', series: ['WALCL'], handler: route('/graph/fredgraph.csv', { ...csv(walcl), delayMs: 600 }), expect: /no answer within 0\.2 s/, timeoutMs: 200 },
  // Connection refused (offline) is no longer a per-series error: the run stops with one "No network"
  // outcome (issue 12); see sync-offline.test.ts.
  { name: 'FRED: rate limited with a long Retry-After', series: ['WALCL'], handler: route('/graph/fredgraph.csv', { status: 429, headers: { 'retry-after': '3600' }, body: '' }), expect: /rate limited; the server asks to wait 3600 s/ },
  { name: 'FRED: empty body', series: ['WALCL'], handler: route('/graph/fredgraph.csv', csv('')), expect: /the file is empty/ },
  // Unit, frequency and date checks against the stored values (issue 10 §1)
  {
    name: 'FRED: a billions copy of a millions series (ratios cluster at 0.001 on the stored dates)',
    series: ['WTREGEN'],
    handler: route('/graph/fredgraph.csv', csv(wtregenInBillions)),
    expect: /these values look like billions; WTREGEN is published in millions \(compared on \d+ dates\) — re-download it from FRED or pass --scale 1000/,
  },
  {
    name: 'FRED: a weekly file for a daily series',
    series: ['RRPONTSYD'],
    handler: route('/graph/fredgraph.csv', csv(rrpWednesdays)),
    expect: /these dates are weekly \(\d+ of \d+ dates on a Wednesday, 7 days apart\), but RRPONTSYD is a daily series/,
  },
  {
    name: 'FRED: one row dated 9999-12-29',
    series: ['WALCL'],
    handler: route('/graph/fredgraph.csv', csv(`${walcl.trimEnd()}\n9999-12-29,6730912\n`)),
    expect: /WALCL 9999-12-29: dated after today \(\d{4}-\d{2}-\d{2}\); an observation cannot come from the future/,
  },
  // FRED JSON API
  {
    name: 'FRED API: key rejected (400 with error_message)',
    series: ['SOFR'],
    ...FRED_API,
    // Paraphrase of FRED's bad-key message (the exact text was not recorded; see PROVENANCE §6).
    handler: route(/^\/fred\//, json({ error_code: 400, error_message: `Bad Request.  The value for variable api_key is not registered.` }, 400)),
    expect: /FRED rejected the API key \(FRED error 400: Bad Request\. {2}The value for variable api_key is not registered\.\); check the key in Settings/,
  },
  { name: 'FRED API: malformed key refused before sending', series: ['SOFR'], apiKey: 'not-a-key', catalog: [fredSourced('SOFR')], handler: replayRoutes, expect: /the FRED API key is malformed/ },
  { name: 'FRED API: the real 400 realtime_end body', series: ['SOFR'], ...FRED_API, handler: route('/fred/series/observations', json(readData('api-samples/fred-error-400-realtime_end.json'), 400)), expect: /FRED SOFR: FRED error 400: Bad Request\. {2}Variable realtime_end can not be after today's date/ },
  { name: 'FRED API: truncated JSON', series: ['SOFR'], ...FRED_API, handler: route('/fred/series/observations', json(sofrObs.slice(0, 300))), expect: /FRED SOFR: the response is not valid JSON \(truncated body\?\)/ },
  { name: 'FRED API: non-numeric value string', series: ['SOFR'], ...FRED_API, handler: route('/fred/series/observations', json(sofrObs.replace('"5.35"', '"5.3five"'))), expect: /value "5\.3five" is not a number/ },
  { name: 'FRED API: units changed at the source', series: ['SOFR'], ...FRED_API, handler: route('/fred/series', json(JSON.stringify(fredMetaFor('SOFR')).replace('"Percent"', '"Billions of U.S. Dollars"'))), expect: /FRED reports SOFR in "Billions of U\.S\. Dollars" but the catalog expects percent/ },
  { name: 'FRED API: observations array missing', series: ['SOFR'], ...FRED_API, handler: route('/fred/series/observations', json(sofrObs.replace('"observations"', '"obs"'))), expect: /"observations" is not an array/ },
  { name: 'FRED API: wrong content type (XML)', series: ['SOFR'], ...FRED_API, handler: route('/fred/series/observations', { headers: { 'content-type': 'application/xml' }, body: '<observations/>' }), expect: /expected JSON but the server sent application\/xml/ },
  // NY Fed
  { name: 'NY Fed: refRates missing', series: ['SOFR'], handler: route(/\/api\/rates\//, json('{"rates": []}')), expect: /NY Fed rates: "refRates" is missing/ },
  { name: 'NY Fed: body for another rate', series: ['TGCR'], handler: route(/\/api\/rates\//, json(sofrNyFed)), expect: /type "SOFR", expected TGCR/ },
  { name: 'NY Fed: rate is not a number', series: ['SOFR'], handler: route(/\/api\/rates\//, json(sofrNyFed.replace('"percentRate": 5.35', '"percentRate": "5,35"'))), expect: /2024-06-03 percentRate "5,35" is not a number/ },
  { name: 'NY Fed: maintenance page', series: ['SOFR'], handler: route(/\/api\/rates\//, html('<!DOCTYPE html><html>Scheduled maintenance</html>', 503)), expect: /HTTP 503 \(gave up after 3 attempts\)/ },
  { name: 'NY Fed: impossible rate (basis points where percent is expected)', series: ['SOFR'], handler: route(/\/api\/rates\//, json(sofrNyFed.replace('"percentRate": 5.35', '"percentRate": 535'))), expect: /SOFR 2024-06-03: 535 percent is outside the possible range \[-1, 25\]/ },
  { name: 'NY Fed operations: "repo" missing', series: ['SRF_TOTAL'], handler: route(/\/api\/rp\//, json('{"operations": []}')), expect: /NY Fed operations: "repo" is missing/ },
  // FiscalData
  { name: 'FiscalData: links.next missing', series: ['TGA_DTS'], handler: route(/operating_cash_balance$/, json(JSON.stringify({ data: [], meta: {} }))), expect: /"links\.next" is missing/ },
  { name: 'FiscalData: data is not an array', series: ['TGA_DTS'], handler: route(/operating_cash_balance$/, json('{"data": {}, "links": {"next": null}}')), expect: /"data" is missing or not an array/ },
  { name: 'FiscalData: amount is not a number', series: ['TGA_DTS'], handler: route(/operating_cash_balance$/, json((dtsPages(dtsRows, 100)[0] ?? '').replace('"925876"', '"925,876"'))), expect: /2026-06-23 Treasury General Account \(TGA\) Closing Balance: open_today_bal "925,876" is not a number/ },
  { name: 'FiscalData: dollars where millions are expected', series: ['TGA_DTS'], handler: route(/operating_cash_balance$/, json((dtsPages(dtsRows, 100)[0] ?? '').replace('"925876"', '"925876000000"'))), expect: /TGA_DTS 2026-06-23: 925876000 usd_bn is outside the possible range \[0, 2500\]/ },
  { name: 'FiscalData: API error body', series: ['TGA_DTS'], handler: route(/operating_cash_balance$/, json('{"error": "Invalid Query Param", "message": "Invalid query parameter \'sort\' with value \'[record_dat]\'."}', 400)), expect: /FiscalData DTS page 1: HTTP 400/ },
  // Transport and more source faults (issue 5)
  { name: 'transport: gzip body that does not decompress', series: ['WALCL'], handler: route('/graph/fredgraph.csv', { headers: { 'content-type': 'text/csv', 'content-encoding': 'gzip' }, body: Buffer.from('this is not gzip at all, just text pretending') }), expect: /cut off or could not be decoded|connection was cut/ },
  { name: 'transport: redirect loop', series: ['WALCL'], handler: route('/graph/fredgraph.csv', { status: 302, headers: { location: '/graph/fredgraph.csv?id=WALCL' }, body: '' }), expect: /too many redirects/ },
  { name: 'transport: redirect to a login page', series: ['WALCL'], handler: (url, req) => (url.pathname === '/graph/fredgraph.csv' ? { status: 302, headers: { location: '/login' }, body: '' } : url.pathname === '/login' ? html('<html><body>Corporate proxy: please sign in</body></html>', 200) : replayRoutes(url, req)), expect: /expected CSV but the server sent text\/html/ },
  { name: 'transport: huge body (declared length)', series: ['WALCL'], maxBytes: 10_000, handler: route('/graph/fredgraph.csv', csv(walcl)), expect: /the response is 23269 bytes, over the 10000-byte limit/ },
  { name: 'transport: huge body (streamed, no length)', series: ['WALCL'], maxBytes: 10_000, handler: route('/graph/fredgraph.csv', { ...csv(walcl), chunked: true }), expect: /passed the 10000-byte limit/ },
  { name: 'transport: connection reset on every attempt', series: ['SOFR'], handler: route(/\/api\/rates\//, { reset: true }), expect: /connection was cut before the response was complete.*gave up after 3 attempts/ },
  { name: 'NY Fed: partial body', series: ['SOFR'], handler: route(/\/api\/rates\//, { ...json(sofrNyFed), truncateAt: 200 }), expect: /cut off|connection was cut/ },
  { name: 'NY Fed: empty body', series: ['SOFR'], handler: route(/\/api\/rates\//, json('')), expect: /the response body is empty/ },
  { name: 'NY Fed: timeout', series: ['SOFR'], timeoutMs: 150, handler: route(/\/api\/rates\//, { ...json(sofrNyFed), delayMs: 500 }), expect: /no answer within 0\.15 s/ },
  { name: 'NY Fed operations: negative amount', series: ['SRF_TOTAL'], handler: route(/\/api\/rp\//, json('{"repo":{"operations":[{"operationId":"RP 1","auctionStatus":"Results","operationDate":"2025-10-31","operationType":"Repo","closeTime":"13:45","totalAmtAccepted":-5}]}}')), expect: /totalAmtAccepted is negative/ },
  {
    name: 'FiscalData: page 2 fails after page 1 arrived',
    series: ['TGA_DTS'],
    handler: (url, req) => (url.pathname.endsWith('/operating_cash_balance') ? (url.searchParams.get('page[number]') === '1' ? json(dtsPages(dtsRows, 3)[0] ?? '') : { status: 500, body: 'boom' }) : replayRoutes(url, req)),
    expect: /FiscalData DTS page 2: HTTP 500 \(gave up after 3 attempts\)/,
  },
  { name: 'FiscalData: rate limited with a long Retry-After', series: ['TGA_DTS'], handler: route(/operating_cash_balance$/, { status: 429, headers: { 'retry-after': '900' }, body: '' }), expect: /rate limited; the server asks to wait 900 s/ },
  { name: 'FiscalData: truncated JSON', series: ['TGA_DTS'], handler: route(/operating_cash_balance$/, json((dtsPages(dtsRows, 100)[0] ?? '').slice(0, 150))), expect: /not valid JSON \(truncated body\?\)/ },
  { name: 'FiscalData: HTML page with status 200', series: ['TGA_DTS'], handler: route(/operating_cash_balance$/, html('<html>maintenance</html>', 200)), expect: /expected JSON but the server sent text\/html/ },
  { name: 'FRED API: metadata for another series', series: ['SOFR'], ...FRED_API, handler: route('/fred/series', json(fredMetaFor('SOFR99'))), expect: /FRED answered with metadata for SOFR99, not SOFR/ },
  { name: 'FRED: CSV without a header', series: ['WALCL'], handler: route('/graph/fredgraph.csv', csv('2026-08-19,6745699\n2026-08-26,6730912\n')), expect: /the first column must be "observation_date" or "DATE"/ },
  { name: 'FRED: 503 every time', series: ['WALCL'], handler: route('/graph/fredgraph.csv', { status: 503, headers: { 'retry-after': '0' }, body: 'Service Unavailable' }), expect: /HTTP 503 \(gave up after 3 attempts\)/ },
];


describe('bad source responses: specific error, zero writes, no key shown', () => {
  it(`covers at least 45 cases (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(45);
    console.log(`bad source responses: ${CASES.length} cases`);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    server.setHandler(c.handler);
    const d = seededDataDir();
    const base = c.base?.() ?? server.base;
    const h = harness(d.dir, base);
    const before = dataDigest(h.db);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => void unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const report = await h.sync({
        seriesIds: c.series,
        ...(c.apiKey ? { apiKey: c.apiKey } : {}),
        ...(c.catalog ? { catalog: c.catalog } : {}),
        ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
        ...(c.maxBytes ? { maxBytes: c.maxBytes } : {}),
      });
      const errors = report.results.map((r) => r.error ?? '');
      expect(report.results.every((r) => r.outcome === 'error')).toBe(true);
      for (const e of errors) expect(e).toMatch(c.expect);
      expect(dataDigest(h.db)).toBe(before);
      if (!c.catalog) expect(getSeries(h.db, c.series[0] ?? '')?.lastError).toMatch(c.expect);
      const everything = [...errors, ...h.log, JSON.stringify(h.db.prepare('SELECT * FROM sync_run_series').all())].join('\n');
      expect(everything).not.toContain(KEY);
      await new Promise((r) => setTimeout(r, 5));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      h.close();
      d.cleanup();
    }
  });
});
