import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSeries, type SeriesDef } from '../../../../shared/catalog.js';
import { getObservations } from '../../../../main/core/db/repos/observations-repo.js';
import { getSeries } from '../../../../main/core/db/repos/series-repo.js';
import { dtsClosingRows, dtsPages, nyfedRepoBody, readData, srfDailyTotals } from '../../../support/fixtures.js';
import { csv, json, startReplayServer, type ReplayServer } from '../../../support/replay-server.js';
import { emptyDataDir, harness, replayRoutes, seededDataDir } from '../../../support/sync-harness.js';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer(replayRoutes);
});
afterAll(() => server.close());

const KEY = 'abcdefghij0123456789abcdefghij01';

/** SOFR fetched through FRED rather than the NY Fed, to exercise the FRED JSON path on recorded bodies. */
function fredSourced(id: string): SeriesDef {
  const d = findSeries(id);
  if (!d) throw new Error(id);
  return { ...d, source: 'fred', sourceKey: { kind: 'fred', fredId: id } };
}

describe('sync against the replay server (real payloads)', () => {
  it('keyless FRED: WALCL incremental from the snapshot, look-back 8 weeks, supersedes snapshot rows without revisions', async () => {
    server.setHandler(replayRoutes);
    const d = seededDataDir();
    const h = harness(d.dir, server.base);
    const start = server.requests.length;
    const report = await h.sync({ seriesIds: ['WALCL'] });
    expect(report.status).toBe('ok');
    const req = server.requests.slice(start).map((r) => r.url);
    // The snapshot's WALCL ends 2026-10-07 (the October excerpt); 8 weeks back is 2026-08-12.
    expect(req).toEqual(['/graph/fredgraph.csv?id=WALCL&cosd=2026-08-12']);
    expect(report.results[0]).toMatchObject({ seriesId: 'WALCL', outcome: 'ok', revisions: 0, lastDate: '2026-10-07' });
    const recent = getObservations(h.db, 'WALCL', '2026-08-12' as never, '2026-08-26' as never);
    expect(recent).toHaveLength(3);
    expect(recent.every((r) => r.origin === 'sync')).toBe(true);
    expect(recent.find((r) => r.date === '2026-08-12')?.value).toBe(6759.955);
    // The replayed FRED file ends 2026-08-26: the excerpt's later Wednesdays stay as the snapshot had them.
    expect(getObservations(h.db, 'WALCL', '2026-09-02' as never).every((r) => r.origin === 'snapshot')).toBe(true);
    h.close();
    d.cleanup();
  });

  it('records a revision when the source changes a value inside the look-back window', async () => {
    // A hypothetical revision: the real WALCL file with its 2026-08-19 value changed by +1,000 mn.
    const revised = readData('fred/WALCL.csv').replace(/\n2026-08-19,(\d+)/, (_m, v: string) => `\n2026-08-19,${Number(v) + 1000}`);
    server.setHandler((url) => (url.pathname === '/graph/fredgraph.csv' ? csv(revised) : replayRoutes(url, undefined as never)));
    const d = seededDataDir();
    const h = harness(d.dir, server.base);
    const before = getObservations(h.db, 'WALCL', '2026-08-19' as never, '2026-08-19' as never)[0]?.value ?? 0;
    const report = await h.sync({ seriesIds: ['WALCL'] });
    expect(report.results[0]).toMatchObject({ outcome: 'ok', revisions: 1, updated: 1 });
    const rev = h.db.prepare('SELECT date, old_value, new_value, run_id FROM revisions').all();
    expect(rev).toEqual([{ date: '2026-08-19', old_value: before, new_value: before + 1, run_id: report.runId }]);
    h.close();
    d.cleanup();
  });

  it('FRED API with a key: metadata checked, values parsed from strings, key never logged', async () => {
    server.setHandler(replayRoutes);
    const d = emptyDataDir();
    const h = harness(d.dir, server.base);
    const start = server.requests.length;
    const report = await h.sync({ seriesIds: ['SOFR', 'SOFR1'], apiKey: KEY, catalog: [fredSourced('SOFR'), fredSourced('SOFR1')] });
    expect(report.status).toBe('ok');
    const sofr1 = JSON.parse(readData('api-samples/fred-series-observations-SOFR1.json')) as { observations: { value: string }[] };
    expect(getObservations(h.db, 'SOFR1').at(0)?.value).toBe(Number(sofr1.observations[0]?.value));
    expect(getObservations(h.db, 'SOFR').map((o) => o.value)).toEqual([5.35, 5.33, 5.33, 5.33]);
    const urls = server.requests.slice(start).map((r) => r.url);
    expect(urls.some((u) => u.startsWith('/fred/series?') && u.includes(`api_key=${KEY}`))).toBe(true);
    expect(h.log.join('\n')).not.toContain(KEY);
    expect(h.log.join('\n')).toContain('api_key=REDACTED');
    h.close();
    d.cleanup();
  });

  it('FRED API paging: follows offset until count is reached', async () => {
    // The recorded SOFR response, served two observations per page as FRED does when limit < count.
    const full = JSON.parse(readData('api-samples/fred-series-observations-SOFR.json')) as { observations: unknown[] } & Record<string, unknown>;
    server.setHandler((url, req) => {
      if (url.pathname !== '/fred/series/observations') return replayRoutes(url, req);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      return json({ ...full, offset, limit: 2, observations: full.observations.slice(offset, offset + 2) });
    });
    const d = emptyDataDir();
    const h = harness(d.dir, server.base);
    const start = server.requests.length;
    const report = await h.sync({ seriesIds: ['SOFR'], apiKey: KEY, catalog: [fredSourced('SOFR')] });
    expect(report.status).toBe('ok');
    const offsets = server.requests.slice(start).filter((r) => r.url.startsWith('/fred/series/observations')).map((r) => new URL(r.url, 'http://x').searchParams.get('offset'));
    expect(offsets).toEqual(['0', '2']);
    expect(getObservations(h.db, 'SOFR')).toHaveLength(4);
    h.close();
    d.cleanup();
  });

  it('NY Fed reverse repo results: ON RRP take-up in $bn', async () => {
    // Real daily ON RRP totals (FRED RRPONTSYD, $bn) carried in a reverse-repo results envelope.
    const rrp = readData('fred/RRPONTSYD.csv')
      .split('\n')
      .filter((l) => /^2025-10-(2[7-9]|3[01]),\d/.test(l))
      .map((l) => ({ date: l.slice(0, 10), bn: Number(l.slice(11)) }));
    const body = JSON.parse(nyfedRepoBody(rrp)) as { repo: { operations: Record<string, unknown>[] } };
    body.repo.operations = body.repo.operations.map((o) => ({ ...o, operationType: 'Reverse Repo', operationMethod: 'Fixed Rate', closeTime: '13:15' }));
    server.setHandler((url, req) => (url.pathname === '/api/rp/reverserepo/all/results/search.json' ? json(body) : replayRoutes(url, req)));
    const d = emptyDataDir();
    const h = harness(d.dir, server.base);
    const report = await h.sync({ seriesIds: ['ONRRP_NYF'] });
    expect(report.status).toBe('ok');
    expect(getObservations(h.db, 'ONRRP_NYF').map((o) => [o.date, o.value])).toEqual(rrp.filter((r) => r.bn > 0).map((r) => [r.date, r.bn]));
    h.close();
    d.cleanup();
  });

  it('NY Fed SOFR: one request fills the rate, its four percentiles and the volume', async () => {
    server.setHandler(replayRoutes);
    const d = emptyDataDir();
    const h = harness(d.dir, server.base);
    const start = server.requests.length;
    const report = await h.sync({ seriesIds: ['SOFR', 'SOFR1', 'SOFR25', 'SOFR75', 'SOFR99', 'SOFRVOL'] });
    expect(report.status).toBe('ok');
    expect(server.requests.length - start).toBe(1);
    expect(server.requests.at(-1)?.url).toMatch(/^\/api\/rates\/secured\/sofr\/search\.json\?startDate=2018-04-02&endDate=\d{4}-\d{2}-\d{2}$/);
    expect(getObservations(h.db, 'SOFR99').at(-1)).toMatchObject({ date: '2024-06-06', value: 5.44 });
    expect(getObservations(h.db, 'SOFRVOL').at(0)).toMatchObject({ date: '2024-06-03', value: 1912 });
    h.close();
    d.cleanup();
  });

  it('NY Fed repo results: SRF daily totals converted from dollars (50.35bn on 2025-10-31)', async () => {
    const days = srfDailyTotals('2025-10-27', '2025-11-04');
    server.setHandler((url) => (url.pathname === '/api/rp/repo/all/results/search.json' ? json(nyfedRepoBody(days)) : replayRoutes(url, undefined as never)));
    const d = emptyDataDir();
    const h = harness(d.dir, server.base);
    const report = await h.sync({ seriesIds: ['SRF_TOTAL', 'SRF_AM', 'SRF_PM'] });
    expect(report.status).toBe('ok');
    const total = getObservations(h.db, 'SRF_TOTAL');
    expect(total.find((o) => o.date === '2025-10-31')?.value).toBe(50.35);
    expect(total.map((o) => o.value)).toEqual(days.filter((x) => x.bn > 0).map((x) => x.bn));
    h.close();
    d.cleanup();
  });

  it('FiscalData DTS: pages until links.next is null, closing balance from open_today_bal', async () => {
    const rows = dtsClosingRows('2026-06-01', '2026-06-23');
    const pages = dtsPages(rows, 6);
    server.setHandler((url) => {
      if (url.pathname.endsWith('/operating_cash_balance')) {
        const n = Number(url.searchParams.get('page[number]'));
        return json(pages[n - 1] ?? '{}');
      }
      return replayRoutes(url, undefined as never);
    });
    const d = emptyDataDir();
    const h = harness(d.dir, server.base);
    const start = server.requests.length;
    const report = await h.sync({ seriesIds: ['TGA_DTS'] });
    expect(report.status).toBe('ok');
    expect(server.requests.length - start).toBe(pages.length);
    const stored = getObservations(h.db, 'TGA_DTS');
    expect(stored).toHaveLength(rows.length);
    expect(stored.at(-1)).toMatchObject({ date: '2026-06-23', value: 925.876 });
    expect(getSeries(h.db, 'TGA_DTS')?.lastError).toBeNull();
    h.close();
    d.cleanup();
  });

  it('reports progress per series and can be cancelled between jobs, leaving the rest untouched', async () => {
    server.setHandler(replayRoutes);
    const d = seededDataDir();
    const h = harness(d.dir, server.base);
    const ctl = new AbortController();
    const progress: number[] = [];
    const report = await h.sync({
      seriesIds: ['WALCL', 'WDTGAL', 'IORB'],
      signal: ctl.signal,
      onProgress: (p) => {
        progress.push(p.done);
        if (p.seriesId === 'WALCL') ctl.abort();
      },
    });
    expect(progress).toEqual([0, 1, 2, 3]);
    expect(report.status).toBe('cancelled');
    expect(report.results.map((r) => r.outcome)).toEqual(['ok', 'cancelled', 'cancelled']);
    h.close();
    d.cleanup();
  });
});
