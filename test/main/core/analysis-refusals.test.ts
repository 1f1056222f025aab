/**
 * Found by a new user (issue 13): an alert with a broken formula was saved and shown as an "error" row
 * (the reason only in a tooltip); `attribution --from` after `--to` printed an empty table and exited 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, memoryKeyStore, type Core } from '../../../main/core/create-core.js';
import { cmdAttribution } from '../../../main/core/cli/attribution-command.js';
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
const count = async (): Promise<number> => {
  const r = await call('alerts:list', {});
  if (!r.ok) throw new Error(r.error);
  return (r.value as { alerts: unknown[] }).alerts.length;
};

describe('alerts:save refuses a formula that cannot be evaluated, and saves nothing', () => {
  it.each([
    ['WRESBAL +', /cannot be an alert: .*column/],
    ['WRESBAL + SOFR', /cannot be an alert: .*(\$bn|%)/],
    ['NOPE123', /cannot be an alert: .*NOPE123/],
  ])('%s', async (formula, why) => {
    const before = await count();
    const r = await call('alerts:save', { name: 'bad', formula, op: 'above', threshold: 1, skipCalendarExpected: false, enabled: true });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(why) });
    expect(r.ok ? '' : r.error).toMatch(/nothing was saved$/);
    expect(await count()).toBe(before);
  });
  it('still saves a good one', async () => {
    const before = await count();
    expect(await call('alerts:save', { name: 'good', formula: 'WRESBAL', op: 'below', threshold: 2500, skipCalendarExpected: false, enabled: true })).toMatchObject({ ok: true });
    expect(await count()).toBe(before + 1);
  });
});

describe('attribution on the command line', () => {
  it('refuses --from after --to in one sentence', () => {
    expect(() => cmdAttribution(core.store.db, { from: '2026-01-01', to: '2025-01-01', json: false })).toThrow('--from 2026-01-01 is after --to 2025-01-01: nothing to attribute');
  });
});
