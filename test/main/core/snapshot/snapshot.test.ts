import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getObservations } from '../../../../main/core/db/repos/observations-repo.js';
import { getSeries } from '../../../../main/core/db/repos/series-repo.js';
import { snapshotDir } from '../../../../main/core/paths.js';
import { buildSnapshot } from '../../../../main/core/snapshot/build-snapshot.js';
import { readManifest } from '../../../../main/core/snapshot/seed.js';
import { openStore, type Store } from '../../../../main/core/store.js';
import { SHARED_DATA } from '../../../support/paths.js';
import { tempDir } from '../../../support/temp-dir.js';

describe('offline snapshot', () => {
  it('the committed resources/snapshot is exactly what the build makes from shared/data', () => {
    const built = buildSnapshot(SHARED_DATA);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    for (const [name, text] of built.value.files) {
      expect(readFileSync(path.join(snapshotDir(), name), 'utf8'), `${name} is stale: run npm run snapshot`).toBe(text);
    }
  });

  it('every overlapping source agrees and the manifest names its files', () => {
    const m = readManifest(snapshotDir());
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    const walcl = m.value.series.find((s) => s.id === 'WALCL');
    expect(walcl).toMatchObject({ first: '2002-12-18', last: '2026-08-26', rows: 1237, unit: 'usd_bn' });
    expect(walcl?.sources.map((s) => s.file)).toEqual(['fred/WALCL.csv', 'derived/heliar-k__market-base/liquidity.csv']);
    expect(walcl?.sources[1]?.rowsAgreeing).toBe(1236);
  });
});

describe('a new data dir is seeded from the snapshot', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  beforeAll(() => {
    tmp = tempDir();
    store = openStore({ dataDir: tmp.dir, now: () => Date.parse('2026-11-21T12:00:00Z') });
  });
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });

  it('with the real values the issue names', () => {
    expect(store.seed?.applied).toBe(true);
    expect(getSeries(store.db, 'WALCL')?.lastDate).toBe('2026-08-26');
    expect(getObservations(store.db, 'RPONTTLD', '2025-10-31' as never, '2025-10-31' as never)).toEqual([{ date: '2025-10-31', value: 50.35, origin: 'snapshot' }]);
    expect(getObservations(store.db, 'WRESBAL', '2025-10-29' as never, '2025-10-29' as never)[0]?.value).toBe(2848.021);
    expect(getObservations(store.db, 'TGA_DTS', '2026-06-23' as never, '2026-06-23' as never)[0]?.value).toBe(925.876);
  });

  it('only once: reopening does not re-apply it', () => {
    store.close();
    store = openStore({ dataDir: tmp.dir, now: Date.now });
    expect(store.seed?.applied).toBe(false);
  });
});
