/**
 * `layout:rename` (issue 12): a saved layout under a new name with its panels as they were (multi-series
 * panels included); a name another layout has is refused, and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, memoryKeyStore, type Core } from '../../../main/core/create-core.js';
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
const list = async (): Promise<unknown> => {
  const r = await call('layout:list', {});
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('layout:rename', () => {
  const plumbing = [{ formula: 'WRESBAL, WDTGAL', units: 'lin', step: false, right: ['WDTGAL'], log: true, refLines: [{ value: 3000, label: 'ample' }] }];
  const rates = [{ formula: 'bp(SOFR, IORB)', units: 'lin', step: true }];

  it('renames, keeping the panels; the old name is free again', async () => {
    expect(await call('layout:save', { name: 'Plumbing', panels: plumbing })).toMatchObject({ ok: true });
    expect(await call('layout:save', { name: 'Rates', panels: rates })).toMatchObject({ ok: true });
    expect(await call('layout:rename', { from: 'Plumbing', name: '  Reserves and TGA ' })).toEqual({ ok: true, value: { name: 'Reserves and TGA' } });
    expect(await list()).toEqual([
      { name: 'Rates', panels: rates },
      { name: 'Reserves and TGA', panels: plumbing },
    ]);
    expect(await call('layout:save', { name: 'Plumbing', panels: rates })).toMatchObject({ ok: true });
    expect(await call('layout:delete', { name: 'Plumbing' })).toMatchObject({ ok: true });
  });

  it('refuses a name another layout has, and a layout that does not exist; nothing changes', async () => {
    const before = await list();
    expect(await call('layout:rename', { from: 'Rates', name: 'Reserves and TGA' })).toMatchObject({ ok: false, error: expect.stringMatching(/already exists; nothing was renamed/) });
    expect(await call('layout:rename', { from: 'Nope', name: 'Other' })).toMatchObject({ ok: false, error: expect.stringMatching(/no layout named “Nope”/) });
    expect(await call('layout:rename', { from: 'Rates', name: 'bad\u202ename' })).toMatchObject({ ok: false });
    expect(await list()).toEqual(before);
    // To its own name: nothing to do, and no error.
    expect(await call('layout:rename', { from: 'Rates', name: 'Rates' })).toEqual({ ok: true, value: { name: 'Rates' } });
    expect(await list()).toEqual(before);
  });
});
