import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
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
import type { IsoDate } from '../../../../shared/time/iso-date.js';

/** The date the committed snapshot was built against (the build refuses observations after it). */
const BUILD_DAY = '2026-12-01' as IsoDate;

describe('offline snapshot', () => {
  it('the committed resources/snapshot is exactly what the build makes from shared/data', () => {
    const built = buildSnapshot(SHARED_DATA, BUILD_DAY);
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
    expect(walcl).toMatchObject({ first: '2002-12-18', last: '2026-10-07', rows: 1243, unit: 'usd_bn' });
    expect(walcl?.sources.map((s) => s.file)).toEqual(['fred/WALCL.csv', 'derived/heliar-k__market-base/liquidity.csv', 'transcribed/fred_cache_2026-10.jonsflow__risk-model.csv']);
    expect(walcl?.sources[1]?.rowsAgreeing).toBe(1236);
    // The October 2026 excerpt overlaps the exact-byte files on 13 Wednesdays and adds 6 (to 2026-10-07).
    expect(walcl?.sources[2]).toMatchObject({ rowsAgreeing: 13, rowsAdded: 6 });
  });

  it('brings in every file PROVENANCE.md §7 lists, each series with its source files', () => {
    const m = readManifest(snapshotDir());
    if (!m.ok) throw new Error(m.error);
    const files = new Set(m.value.series.flatMap((s) => s.sources.map((x) => x.file)));
    for (const f of [
      'ddp/FRB_H41.FilippoCaramatti__H8_report.csv',
      'ddp/FRB_H8_all.FilippoCaramatti__H8_report.csv',
      'derived/jmbejara__blank_project/ioer.csv',
      'derived/jmbejara__blank_project/fed_repo_operations.csv',
      'derived/jmbejara__blank_project/ofr_repo.csv',
      'derived/heliar-k__market-base/fx.csv',
      'derived/heliar-k__market-base/auction_results.csv',
      'derived/heliar-k__market-base/mspd.csv',
      'derived/sivamsapingali__Codex_Macro-Monitor/SP500.csv',
      'derived/sivamsapingali__Codex_Macro-Monitor/WM2NS.csv',
      'derived/sivamsapingali__Codex_Macro-Monitor/M2SL.csv',
      'derived/jonsflow__risk-model/btc.csv',
      'derived/jonsflow__risk-model/gld.csv',
      'transcribed/fred_cache_2026-10.jonsflow__risk-model.csv',
    ]) {
      expect(files.has(f), f).toBe(true);
    }
    const byId = new Map(m.value.series.map((s) => [s.id, s]));
    expect(byId.get('IOER')).toMatchObject({ first: '2008-10-09', last: '2021-07-28', rows: 4676 });
    expect(byId.get('WSHOBL')).toMatchObject({ first: '2021-04-28', last: '2023-03-22', rows: 100 });
    expect(byId.get('IORB')?.last).toBe('2026-10-13');
    // Ragged ends stay ragged: the excerpt has no TGA, so the TGA ends where its files end.
    expect(byId.get('WDTGAL')?.last).toBe('2026-08-26');
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
    expect(getSeries(store.db, 'WALCL')?.lastDate).toBe('2026-10-07');
    // The facts of September 2019 come out of the data (issue 13 relies on them).
    expect(getObservations(store.db, 'IOER', '2019-09-17' as never, '2019-09-20' as never).map((o) => [o.date, o.value])).toEqual([
      ['2019-09-17', 2.1],
      ['2019-09-18', 2.1],
      ['2019-09-19', 1.8],
      ['2019-09-20', 1.8],
    ]);
    expect(getObservations(store.db, 'RPONTSYD', '2019-09-17' as never, '2019-09-19' as never).map((o) => o.value)).toEqual([40.85, 51.55, 55.843]);
    expect(getObservations(store.db, 'SOFR', '2019-09-17' as never, '2019-09-17' as never)[0]?.value).toBe(5.25);
    expect(getObservations(store.db, 'WSHOBL', '2022-06-01' as never, '2022-06-01' as never)).toHaveLength(1);
    // The rate change of 2026-09-17 from the October excerpt.
    expect(getObservations(store.db, 'IORB', '2026-09-16' as never, '2026-09-17' as never).map((o) => o.value)).toEqual([3.65, 3.9]);
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

describe('the seed reads the snapshot files line by line, and still checks them', () => {
  it('refuses any line that is not YYYY-MM-DD,number', async () => {
    const { parseSnapshotCsv } = await import('../../../../main/core/snapshot/seed.js');
    expect(parseSnapshotCsv('date,value\n2025-10-31,50.35\n')).toEqual({ ok: true, value: [{ date: '2025-10-31', value: 50.35 }] });
    for (const bad of ['date,value\n2025-10-31,\n', 'date,value\n2025-13-01,1\n', 'date,value\n2025-10-31;1\n', 'date,value\n2025-10-31,1x\n', 'observation_date,WALCL\n2025-10-31,1\n']) {
      expect(parseSnapshotCsv(bad).ok, bad).toBe(false);
    }
  });

  it('reads every number exactly as Number() does (property: decimals, the shortest form of any double)', async () => {
    const { parseSnapshotColumns } = await import('../../../../main/core/snapshot/seed.js');
    const same = (v: string): void => {
      const r = parseSnapshotColumns(`date,value\n2025-10-31,${v}\n`);
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) expect(r.ok, v).toBe(false);
      else expect(r.ok && Object.is(r.value.values[0], n), v).toBe(true);
    };
    fc.assert(fc.property(fc.stringMatching(/^-?\d{0,18}(\.\d{0,18})?$/), (v) => same(v)), { numRuns: 3000 });
    fc.assert(fc.property(fc.double({ noNaN: true }), (x) => same(String(x))), { numRuns: 3000 });
    for (const v of ['+5', '1e3', '0x10', ' 5', '5\r', '-0', '.5', '-.5', '5.', '.', '-', '1.2.3', '9007199254740993', '123456789012345.5']) same(v);
  });

  it('sorts a file that is out of order, and refuses one with a date twice before anything is written', () => {
    const tmp = tempDir();
    const snap = path.join(tmp.dir, 'snapshot');
    cpSync(snapshotDir(), snap, { recursive: true });
    const file = path.join(snap, 'series', 'WRESBAL.csv');
    const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
    writeFileSync(file, `${[header, ...lines.slice().reverse()].join('\n')}\n`);
    const a = openStore({ dataDir: path.join(tmp.dir, 'a'), now: Date.now, backups: false, snapshot: snap });
    expect(getObservations(a.db, 'WRESBAL').map((r) => `${r.date},${r.value}`)).toEqual(lines);
    a.close();
    writeFileSync(file, `${[header, ...lines, lines.at(-1)].join('\n')}\n`);
    expect(() => openStore({ dataDir: path.join(tmp.dir, 'b'), now: Date.now, backups: false, snapshot: snap })).toThrow(/WRESBAL.csv: WRESBAL \d{4}-\d\d-\d\d: the batch has this date twice/);
    tmp.cleanup();
  });
});
