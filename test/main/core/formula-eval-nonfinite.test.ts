/**
 * `formula:eval` says how many dates a formula left out for a division by zero or an overflow, so the
 * Workspace can name the formula ("WRESBAL / 0 gives no finite values …") instead of "no data".
 * The real core on the snapshot-seeded store.
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

interface Evaluated {
  dates: number[];
  values: number[];
  nonFinite: number;
}
const evaluate = async (source: string): Promise<Evaluated> => {
  const r = await core.router.handle('formula:eval', { source });
  if (!r.ok) throw new Error(r.error);
  return r.value as Evaluated;
};

describe('formula:eval nonFinite', () => {
  it('WRESBAL / 0 and 1e308 * WRESBAL * 10: no dates, each of WRESBAL’s dates counted', async () => {
    const n = (await evaluate('WRESBAL')).dates.length;
    expect(n).toBeGreaterThan(100);
    expect(await evaluate('WRESBAL')).toMatchObject({ nonFinite: 0 });
    for (const src of ['WRESBAL / 0', '1e308 * WRESBAL * 10']) expect(await evaluate(src)).toEqual({ formula: src, unit: 'usd_bn', dates: [], values: [], nonFinite: n });
  });
});
