/**
 * Issue 11 §4 in the core: the `ui:get` / `ui:set` channels (validated, size-limited, per data
 * folder, re-checked as read), deletes that can be undone, and a layout name that is not overwritten
 * silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, memoryKeyStore, type Core } from '../../../main/core/create-core.js';
import { setSetting } from '../../../main/core/db/repos/settings-repo.js';
import { seededDataDir, urlsFor } from '../../support/sync-harness.js';

let core: Core;
let d: ReturnType<typeof seededDataDir>;
let clock = Date.parse('2026-11-01T12:00:00Z');
beforeAll(() => {
  d = seededDataDir();
  core = createCore({ dataDir: d.dir, fetch: globalThis.fetch, now: () => clock, random: Math.random, urls: urlsFor('http://127.0.0.1:9'), keys: memoryKeyStore(), saveFile: async () => ({ saved: false, path: null }) });
});
afterAll(async () => {
  await core.dispose();
  d.cleanup();
});

const call = (channel: string, payload: unknown) => core.router.handle(channel, payload);
const panel = (id: string, formula: string) => ({ id, formula, draft: formula, units: 'lin', step: false, freq: 'native' });

describe('ui:get / ui:set', () => {
  it('stores each key and gives it back', async () => {
    expect(await call('ui:get', {})).toEqual({ ok: true, value: {} });
    const values = {
      view: 'lab',
      theme: 'dark',
      monitor: { preset: null, range: { min: 1.7e9, max: 1.75e9 } },
      workspace: { panels: [panel('a1', 'WALCL'), panel('b2', 'SOFR')], layoutName: 'x' },
      lab: { presetName: 'Fed RMP', inputs: { horizonYears: 7 }, steps: [{ id: 's1', from: '2026-08', perMonthBn: 40 }, { id: 's2', from: '2026-05', perMonthBn: 20 }], curveLabel: 'c', showBand: false, scenarioName: '' },
      compare: { baseline: 3, picked: [1, 2], mode: 'delta', metric: 'reserves' },
    };
    expect(await call('ui:set', { values })).toEqual({ ok: true, value: { saved: ['view', 'theme', 'monitor', 'workspace', 'lab', 'compare'] } });
    expect(await call('ui:get', {})).toEqual({ ok: true, value: values });
    // A partial write leaves the other keys alone.
    await call('ui:set', { values: { view: 'data' } });
    expect(await call('ui:get', {})).toMatchObject({ ok: true, value: { view: 'data', theme: 'dark' } });
  });

  it.each([
    ['no values', {}],
    ['an empty patch', { values: {} }],
    ['an unknown key', { values: { fredKey: 'x' } }],
    ['an unknown view', { values: { view: 'settings' } }],
    ['an extra field', { values: { view: 'lab' }, x: 1 }],
    ['a panel without id', { values: { workspace: { panels: [{ formula: 'WALCL', units: 'lin' }], layoutName: '' } } }],
    ['two panels with one id', { values: { workspace: { panels: [panel('a', 'WALCL'), panel('a', 'SOFR')], layoutName: '' } } }],
    ['nine panels', { values: { workspace: { panels: Array.from({ length: 9 }, (_, i) => panel(`p${i}`, 'WALCL')), layoutName: '' } } }],
    ['a formula with a control character', { values: { workspace: { panels: [panel('a', 'WALCL\u0000')], layoutName: '' } } }],
    ['an oversized value', { values: { lab: { presetName: 'x', inputs: {}, steps: [], curveLabel: 'x'.repeat(30_000), showBand: true, scenarioName: '' } } }],
    ['lab inputs out of range', { values: { lab: { presetName: 'x', inputs: { horizonYears: 99 }, steps: [], curveLabel: '', showBand: true, scenarioName: '' } } }],
    ['a step month that is not a month', { values: { lab: { presetName: 'x', inputs: {}, steps: [{ id: 's', from: '2026-13', perMonthBn: 1 }], curveLabel: '', showBand: true, scenarioName: '' } } }],
    ['a range backwards', { values: { monitor: { preset: null, range: { min: 2, max: 1 } } } }],
    ['a prototype key', JSON.parse('{"values": {"__proto__": {"view": "lab"}}}') as unknown],
  ])('refuses %s and writes nothing', async (_what, payload) => {
    const before = await call('ui:get', {});
    const r = await call('ui:set', payload);
    expect(r.ok).toBe(false);
    expect(await call('ui:get', {})).toEqual(before);
  });

  it('a stored value that no longer fits (an older build, a hand edit) is left out, not handed to the page', async () => {
    setSetting(core.store.db, 'ui.theme', '"sepia"');
    setSetting(core.store.db, 'ui.compare', '{not json');
    const r = await call('ui:get', {});
    expect(r.ok).toBe(true);
    expect(r.ok && 'theme' in (r.value as object)).toBe(false);
    expect(r.ok && 'compare' in (r.value as object)).toBe(false);
    expect(r).toMatchObject({ value: { view: 'data' } });
  });
});

describe('deletes that can be undone', () => {
  it('a deleted scenario comes back once, under its id, within the minute', async () => {
    const a = await call('scenario:save', { name: 'Undo me', inputs: {} });
    if (!a.ok) throw new Error(a.error);
    const id = (a.value as { id: number }).id;
    expect(await call('scenario:delete', { id })).toEqual({ ok: true, value: { deleted: true } });
    expect(await call('scenario:export', { id })).toMatchObject({ ok: false });
    const back = await call('scenario:undelete', { id });
    expect(back).toMatchObject({ ok: true, value: { id, name: 'Undo me' } });
    expect(await call('scenario:undelete', { id })).toMatchObject({ ok: false, error: expect.stringMatching(/cannot be put back/) });
    // Too late: after the minute the delete stands.
    await call('scenario:delete', { id });
    clock += 61_000;
    expect(await call('scenario:undelete', { id })).toMatchObject({ ok: false });
    expect(await call('scenario:undelete', { id: 999_999 })).toMatchObject({ ok: false });
  });

  it('a scenario whose name was taken meanwhile comes back under a free name', async () => {
    const a = await call('scenario:save', { name: 'Taken', inputs: {} });
    if (!a.ok) throw new Error(a.error);
    const id = (a.value as { id: number }).id;
    await call('scenario:delete', { id });
    await call('scenario:save', { name: 'Taken', inputs: {} });
    expect(await call('scenario:undelete', { id })).toMatchObject({ ok: true, value: { name: 'Taken (restored)' } });
  });

  it('layouts: an existing name needs overwrite; a deleted layout comes back with its panels', async () => {
    const panels = [{ formula: 'WALCL', units: 'lin', step: false }];
    expect(await call('layout:save', { name: 'L', panels })).toMatchObject({ ok: true });
    expect(await call('layout:save', { name: 'L', panels: [] })).toMatchObject({ ok: false, error: expect.stringMatching(/already exists/) });
    expect(await call('layout:save', { name: 'L', panels: [], overwrite: 'yes' })).toMatchObject({ ok: false });
    expect(await call('layout:save', { name: 'L', panels: [...panels, ...panels], overwrite: true })).toMatchObject({ ok: true });
    expect(await call('layout:delete', { name: 'L' })).toMatchObject({ ok: true });
    expect(await call('layout:delete', { name: 'L' })).toMatchObject({ ok: false });
    expect(await call('layout:list', {})).toMatchObject({ ok: true, value: [] });
    expect(await call('layout:undelete', { name: 'L' })).toEqual({ ok: true, value: { name: 'L' } });
    expect(await call('layout:list', {})).toMatchObject({ ok: true, value: [{ name: 'L', panels: [...panels, ...panels] }] });
    for (const bad of [{}, { name: '' }, { name: 'L', x: 1 }, { name: 5 }, []]) {
      expect((await call('layout:delete', bad)).ok).toBe(false);
      expect((await call('layout:undelete', bad)).ok).toBe(false);
    }
  });
});
