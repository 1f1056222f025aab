/** The core's command-line hints, as the app shows them (issue 12): no command or flag names in a window. */
import { describe, expect, it } from 'vitest';
import { inAppWords } from '../../../main/core/app-wording.js';
import { createCore, memoryKeyStore } from '../../../main/core/create-core.js';
import { readData } from '../../support/fixtures.js';
import { seededDataDir, urlsFor } from '../../support/sync-harness.js';

describe('inAppWords', () => {
  it.each([
    ['unknown series NOPE; `status` lists the catalog', 'unknown series NOPE; the catalog in the Data view lists every series'],
    ['OFR_X: no live source yet — the history comes from the bundled snapshot; bring newer data in with `import`', 'OFR_X: no live source yet — the history comes from the bundled snapshot; bring newer data in with Import a CSV in the Data view'],
    ['this file has 3 value columns (A, B, C): say which to import with --column NAME [--series ID]', 'this file has 3 value columns (A, B, C): type the one to import in the Column box (and its series id in the Series id box)'],
    ['no column is named X; this file\'s columns are A, B: pick one with --column NAME --series X', 'no column is named X; this file\'s columns are A, B: type one in the Column box and X in the Series id box'],
    ['column EFFR_X is not a catalog series id: say which series it is with --series ID', 'column EFFR_X is not a catalog series id: type which series it is in the Series id box'],
    ['these dates are weekly (…), but RRPONTSYD is a daily series — import the daily file, or pass --allow-frequency to store them as they are; nothing was written', 'these dates are weekly (…), but RRPONTSYD is a daily series — import the daily file; nothing was written'],
    ['these values look like billions; WTREGEN is published in millions (compared on 40 dates) — re-download it from FRED or pass --scale 1000; nothing was written', 'these values look like billions; WTREGEN is published in millions (compared on 40 dates) — re-download it from FRED in the units it is published in; nothing was written'],
    ['FRED rejected the API key (…); check the key in Settings', 'FRED rejected the API key (…); check the key under FRED API key in the Data view'],
  ])('%s', (cli, app) => {
    expect(inAppWords(cli)).toBe(app);
  });

  it('leaves other messages alone', () => {
    const m = 'FRED WALCL: HTTP 500 (gave up after 4 attempts)';
    expect(inAppWords(m)).toBe(m);
  });

  it('the router sends app words: a date,value file with no series named', async () => {
    const d = seededDataDir();
    const core = createCore({ dataDir: d.dir, fetch: globalThis.fetch, now: Date.now, random: Math.random, urls: urlsFor('http://127.0.0.1:9'), keys: memoryKeyStore(), saveFile: async () => ({ saved: false, path: null }) });
    const r = await core.router.handle('import:csv', { text: readData('derived/EFFR.jonsflow__risk-model.csv') });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/type which series it is in the Series id box/);
      expect(r.error).not.toMatch(/--series|`/);
    }
    await core.dispose();
    d.cleanup();
  });
});
