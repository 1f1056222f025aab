/**
 * Issue 13 §6: the events layer's data. The sourced table is well formed; the FOMC's range changes come
 * out of the stored DFEDTARU/DFEDTARL of the snapshot (checked by hand against the shared rates.csv:
 * 4.00–4.25% from 2025-09-18, 3.75–4.00% from 2025-10-30, 3.50–3.75% from 2025-12-11); annotations are
 * kept in the data folder, validated at the boundary; "what's new" reports no sync on a fresh folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, memoryKeyStore, type Core } from '../../../main/core/create-core.js';
import { EVENTS, EVENT_KINDS, rangeChangeEvents } from '../../../shared/model/events.js';
import { isIsoDate } from '../../../shared/time/iso-date.js';
import { finishRun, recordOutcome, startRun } from '../../../main/core/db/repos/sync-runs-repo.js';
import { seededDataDir, urlsFor } from '../../support/sync-harness.js';

let core: Core;
let d: ReturnType<typeof seededDataDir>;
beforeAll(() => {
  d = seededDataDir();
  core = createCore({ dataDir: d.dir, fetch: globalThis.fetch, now: () => Date.parse('2026-11-01T12:00:00Z'), random: Math.random, urls: urlsFor('http://127.0.0.1:9'), keys: memoryKeyStore(), saveFile: async () => ({ saved: false, path: null }) });
});
afterAll(async () => {
  await core.dispose();
  d.cleanup();
});

const call = (channel: string, payload: unknown) => core.router.handle(channel, payload);

describe('the sourced events table', () => {
  it('is sorted, dated, sourced, and its spans end after they start', () => {
    const dates = EVENTS.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    for (const e of EVENTS) {
      expect(isIsoDate(e.date)).toBe(true);
      expect(EVENT_KINDS).toContain(e.kind);
      expect(e.source.length).toBeGreaterThan(5);
      if (e.end !== undefined) expect(e.end > e.date).toBe(true);
    }
    expect(EVENTS.find((e) => e.label === 'QT ends')?.date).toBe('2025-12-01');
    expect(EVENTS.find((e) => e.label === 'QT2 starts')?.date).toBe('2022-06-01');
    expect(EVENTS.find((e) => e.label === 'RMP purchases start')?.date).toBe('2025-12-12');
  });
});

describe('FOMC range changes read from the stored range', () => {
  it('finds the 2025 cuts on their effective days, and nothing between them', async () => {
    const r = await call('series:get', { ids: ['DFEDTARU', 'DFEDTARL'], from: '2019-01-01' });
    if (!r.ok) throw new Error(r.error);
    const rows = r.value as { id: string; dates: number[]; values: number[] }[];
    const u = rows.find((s) => s.id === 'DFEDTARU');
    const l = rows.find((s) => s.id === 'DFEDTARL');
    if (!u || !l) throw new Error('range not stored');
    const lowerBy = new Map(l.dates.map((x, i) => [x, l.values[i] ?? null] as const));
    const ev = rangeChangeEvents(u.dates, u.values, u.dates.map((x) => lowerBy.get(x) ?? null));
    expect(ev.filter((e) => e.date >= '2025-01-01').map((e) => [e.date, e.label])).toEqual([
      ['2025-09-18', 'Range 4.00–4.25%'],
      ['2025-10-30', 'Range 3.75–4.00%'],
      ['2025-12-11', 'Range 3.50–3.75%'],
    ]);
    // 2019-01-01 … 2025-12-31: the 22 changes of the shared rates.csv (three cuts of 2019 …).
    expect(ev.filter((e) => e.date <= '2025-12-31')).toHaveLength(22);
    expect(ev[0]).toMatchObject({ date: '2019-08-01', label: 'Range 2.00–2.25%', kind: 'fomc' });
  });
  it('ignores missing days rather than reading them as a change', () => {
    expect(rangeChangeEvents([1, 2, 3, 4], [0.25, null, 0.25, 0.5], [0, null, 0, 0.25]).map((e) => e.label)).toEqual(['Range 0.25–0.50%']);
  });
});

describe('annotations', () => {
  it('adds, lists in date order and deletes; the text is trimmed', async () => {
    const a = await call('annotation:add', { date: '2026-03-31', text: '  Quarter-end  ' });
    const b = await call('annotation:add', { date: '2025-12-15', text: 'Tax date' });
    expect(a).toMatchObject({ ok: true, value: { date: '2026-03-31', text: 'Quarter-end' } });
    const list = await call('annotation:list', {});
    expect(list.ok && (list.value as { text: string }[]).map((x) => x.text)).toEqual(['Tax date', 'Quarter-end']);
    if (!b.ok) throw new Error(b.error);
    expect(await call('annotation:delete', { id: (b.value as { id: number }).id })).toEqual({ ok: true, value: { deleted: true } });
    expect(await call('annotation:delete', { id: (b.value as { id: number }).id })).toMatchObject({ ok: false, error: 'that annotation no longer exists' });
  });
  it('refuses bad input with a reason and stores nothing', async () => {
    const before = await call('annotation:list', {});
    for (const bad of [{ date: '2026-13-01', text: 'x' }, { date: '2026-01-01', text: '   ' }, { date: '2026-01-01', text: 'a\nb' }, { date: '2026-01-01', text: 'x'.repeat(201) }, { date: '2026-01-01', text: 'x', extra: 1 }]) {
      const r = await call('annotation:add', bad);
      expect(r.ok).toBe(false);
    }
    expect(await call('annotation:list', {})).toEqual(before);
  });
});

describe("what's new since the last sync", () => {
  it('says no sync has run on a folder seeded from the snapshot', async () => {
    expect(await call('sync:whats-new', {})).toEqual({ ok: true, value: { run: null, updated: [], revisions: [], revisionsTotal: 0 } });
  });
  it('after a run: the series it wrote to, its revisions old → new (newest dates first), a failed series left out', async () => {
    const db = core.store.db;
    const older = startRun(db, 'manual', '2026-10-01T10:00:00.000Z');
    recordOutcome(db, older, 'WALCL', 'ok', 3, 0, null);
    finishRun(db, older, 'ok', '2026-10-01T10:01:00.000Z');
    const run = startRun(db, 'manual', '2026-11-01T10:00:00.000Z');
    recordOutcome(db, run, 'WRESBAL', 'ok', 2, 1, null);
    recordOutcome(db, run, 'SOFR', 'ok', 0, 0, null);
    recordOutcome(db, run, 'TGA_DTS', 'error', 0, 0, 'timeout');
    const rev = db.prepare('INSERT INTO revisions (series_id, date, old_value, new_value, seen_at, run_id) VALUES (?, ?, ?, ?, ?, ?)');
    rev.run('WRESBAL', '2026-09-30', 3001.5, 3002.25, '2026-11-01T10:00:30.000Z', run);
    rev.run('WRESBAL', '2026-10-07', 3029.659, 3030.1, '2026-11-01T10:00:30.000Z', run);
    rev.run('WALCL', '2026-09-30', 6700, 6701, '2026-10-01T10:00:30.000Z', older);
    finishRun(db, run, 'partial', '2026-11-01T10:02:00.000Z');
    const r = await call('sync:whats-new', {});
    expect(r).toEqual({
      ok: true,
      value: {
        run: { id: run, startedAt: '2026-11-01T10:00:00.000Z', finishedAt: '2026-11-01T10:02:00.000Z', status: 'partial' },
        updated: [{ seriesId: 'WRESBAL', rowsWritten: 2, revisions: 1 }],
        revisions: [
          { seriesId: 'WRESBAL', date: '2026-10-07', oldValue: 3029.659, newValue: 3030.1 },
          { seriesId: 'WRESBAL', date: '2026-09-30', oldValue: 3001.5, newValue: 3002.25 },
        ],
        revisionsTotal: 2,
      },
    });
  });
});
