/**
 * A request the contract refuses is answered in app words: no channel name ("settings:set-fred-key: …",
 * "ui:set: …") and no field names reach the window; the channel and the validator's text go to the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, memoryKeyStore, type Core } from '../../../main/core/create-core.js';
import { refusedRequestMessage } from '../../../main/core/refused-request.js';
import { CHANNELS } from '../../../shared/ipc/contract.js';
import { seededDataDir, urlsFor } from '../../support/sync-harness.js';

/** Any channel name, anywhere in a message ("ui:set", "settings:set-fred-key", …). */
const ANY_CHANNEL = new RegExp(CHANNELS.map((c) => c.replace(/[-:]/g, (x) => `\\${x}`)).join('|'));

describe('refusedRequestMessage', () => {
  it.each([
    ['settings:set-fred-key', 'a FRED API key is 32 lower-case letters and digits', 'The FRED API key is 32 lower-case letters and digits: what you typed was not saved, and the key in use (if any) is unchanged'],
    ['ui:set', 'lab.steps must be a list of at most 24 steps', "the Scenario lab's state did not pass the core's checks (steps must be a list of at most 24 steps)"],
    ['ui:set', 'view must be one of monitor, workspace, lab, compare, data', "the open view did not pass the core's checks (it must be one of monitor, workspace, lab, compare, data)"],
    ['ui:set', 'workspace is over 20000 characters as JSON', "the Workspace's state is larger than the 20,000 characters the data folder keeps for it"],
    ['ui:set', 'fredKey is not a UI state key (view, theme)', 'the app sent the core a request it does not accept (a fault in Reservoir, not in what you typed); nothing was changed'],
    ['import:csv', 'text must be a CSV file of at most 64 MB', 'the file is larger than 64 MB, the import limit; nothing was written'],
    ['import:csv', 'seriesId must be a series id', 'the Series id box must hold a series id (capital letters, digits or _, as in WALCL); nothing was written'],
    ['catalog:add-fred', 'seasonalAdjustment must be 1 to 80 printable characters', 'the Seasonal adjustment must be 1 to 80 printable characters; nothing was added'],
    ['scenario:save', 'name must be 1 to 80 characters', 'the name must be 1 to 80 characters'],
    ['formula:eval', 'source must be a formula of at most 2000 characters', 'the formula is longer than 2,000 characters'],
    ['series:get', 'expected an object', 'the app sent the core a request it does not accept (a fault in Reservoir, not in what you typed); nothing was changed'],
    ['sync:status', 'this request takes no fields', 'the app sent the core a request it does not accept (a fault in Reservoir, not in what you typed); nothing was changed'],
    // Already app words: passed through (with the command-line hints swapped, as every message is).
    ['catalog:lookup-fred', 'a FRED series id is 1 to 30 letters, digits or _ (as in WALCL or DGS30)', 'a FRED series id is 1 to 30 letters, digits or _ (as in WALCL or DGS30)'],
  ] as const)('%s: %s', (channel, error, shown) => {
    expect(refusedRequestMessage(channel, error)).toBe(shown);
  });
});

describe('the router answers a refused request without its channel', () => {
  let core: Core;
  let d: ReturnType<typeof seededDataDir>;
  const log: string[] = [];
  beforeAll(() => {
    d = seededDataDir();
    core = createCore({ dataDir: d.dir, fetch: globalThis.fetch, now: Date.now, random: Math.random, urls: urlsFor('http://127.0.0.1:9'), keys: memoryKeyStore(), saveFile: async () => ({ saved: false, path: null }), log: (l) => log.push(l) });
  });
  afterAll(async () => {
    await core.dispose();
    d.cleanup();
  });

  it('a bad FRED key: "The FRED API key is …" in the answer, the channel in the log, the key unchanged', async () => {
    log.length = 0;
    const r = await core.router.handle('settings:set-fred-key', { key: 'not-a-key' });
    expect(r).toEqual({ ok: false, error: 'The FRED API key is 32 lower-case letters and digits: what you typed was not saved, and the key in use (if any) is unchanged' });
    expect(log).toEqual(['settings:set-fred-key refused: a FRED API key is 32 lower-case letters and digits']);
    expect(await core.router.handle('settings:get', {})).toMatchObject({ ok: true, value: { fredKeySet: false } });
  });

  it('a refused UI-state save says which view, not "ui:set"', async () => {
    const r = await core.router.handle('ui:set', { values: { lab: { presetName: 'x', inputs: {}, steps: [], curveLabel: 'x'.repeat(30_000), showBand: true, scenarioName: '' } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^the Scenario lab's state /);
  });

  // Every channel, with payloads each validator refuses: not one answer names a channel.
  it.each(CHANNELS)('%s: no refusal names a channel', async (channel) => {
    const bad: unknown[] = [null, 7, 'x', [], { zzz: 1 }, { id: -1, name: '', key: 'k', ids: [], values: {}, text: 5, fredId: '!', source: 5, fileName: 'a.exe', from: 'x' }];
    for (const payload of bad) {
      const r = await core.router.handle(channel, payload);
      expect(r.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
      if (!r.ok) expect(r.error, `${channel} ${JSON.stringify(payload)}`).not.toMatch(ANY_CHANNEL);
    }
  });
});
