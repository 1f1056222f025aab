/** The computation core on the real snapshot: indicators as of a date, the anchor, the fit, a projection. */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bp } from '../../../../shared/compute/bp.js';
import { BusinessCalendar } from '../../../../shared/compute/calendar.js';
import { anchorFromStore } from '../../../../main/core/analysis/anchor-from-store.js';
import { fitFromStore } from '../../../../main/core/analysis/fit-from-store.js';
import { indicatorReport } from '../../../../main/core/analysis/indicator-report.js';
import { SeriesCache } from '../../../../main/core/analysis/series-cache.js';
import { openDatabase, type Db } from '../../../../main/core/db/open-database.js';
import { DB_FILE } from '../../../../main/core/store.js';
import { REPO_ROOT } from '../../../support/paths.js';
import { seededDataDir } from '../../../support/sync-harness.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';

let d: ReturnType<typeof seededDataDir>;
let db: Db;
beforeAll(() => {
  d = seededDataDir();
  db = openDatabase(path.join(d.dir, DB_FILE));
});
afterAll(() => {
  db.close();
  d.cleanup();
});

const ind = (asOf: string, id: string) => indicatorReport(db, asOf as IsoDate).indicators.find((i) => i.id === id);

describe('indicators on the snapshot', () => {
  it('2025-10-31: SOFR − IORB +32 bp, SOFR above the top, SRF 50.35 with its alert', () => {
    const r = indicatorReport(db, '2025-10-31' as IsoDate);
    expect(r.indicators.find((i) => i.id === 'sofr_iorb')).toMatchObject({ value: 32, inputs: [{ seriesId: 'SOFR', date: '2025-10-31', value: 4.22 }, { seriesId: 'IORB', date: '2025-10-31', value: 3.9 }] });
    expect(r.indicators.find((i) => i.id === 'sofr_top')?.value).toBe(22);
    expect(r.indicators.find((i) => i.id === 'srf_takeup')?.value).toBe(50.35);
    expect(r.flags.find((f) => f.id === 'sofr_above_top')).toMatchObject({ level: 'alert', calendarExpected: true });
    expect(r.flags.find((f) => f.id === 'srf_takeup')?.level).toBe('alert');
    expect(r.indicators.find((i) => i.id === 'onrrp')?.value).toBe(51.802);
  });

  it('2025-11-12: reserves/GDP on real data with the GDP quarter it used (2025Q2, released before the delayed Q3)', () => {
    const i = ind('2025-11-12', 'reserves_gdp');
    expect(i?.inputs.map((x) => [x.seriesId, x.date])).toEqual([
      ['WRESBAL', '2025-11-12'],
      ['GDP', '2025-04-01'],
    ]);
    expect(i?.value).toBeCloseTo((100 * 2855.03) / 30485.729, 9);
    expect(i?.note).toMatch(/GDP quarter starting 2025-04-01/);
  });

  it('TV-R6 on the bundled data: SOFR − EFFR −14 bp on 2022-06-14, +22 bp on 2024-10-01, 2020–22 mean −3.0 bp', () => {
    expect(ind('2022-06-14', 'sofr_effr')?.value).toBe(-14);
    expect(ind('2024-10-01', 'sofr_effr')?.value).toBe(22);
    const c = new SeriesCache(db);
    const sofr = c.get('SOFR');
    const cal = new BusinessCalendar();
    let sum = 0;
    let n = 0;
    for (let i = 0; i < sofr.dates.length; i++) {
      const day = new Date((sofr.dates[i] ?? 0) * 86_400_000).toISOString().slice(0, 10) as IsoDate;
      if (day < '2020-01-01' || day > '2022-12-31' || !cal.isBusinessDay(day)) continue;
      const e = c.at('EFFR', day, 0);
      if (e === null) continue;
      sum += bp(sofr.values[i] ?? Number.NaN, e.value);
      n++;
    }
    expect(Math.abs(sum / n - -3.0)).toBeLessThanOrEqual(0.05);
  });
});

describe('projection anchor and fit on the snapshot', () => {
  it('anchors on the latest complete H.4.1 Wednesday and lists its fallbacks', () => {
    const a = anchorFromStore(db);
    expect(a.wednesday).toBe('2026-08-19');
    expect(a.anchor.date).toBe('2026-07-31');
    expect(a.anchor.R0).toBe(2930.817);
    // Stored, but not on this Wednesday: the fallback says so and where the series ends (found: "not in the store").
    expect(a.fallbacks.join('\n')).toMatch(/WLRRAOL has no value on 2026-08-19 \(stored 2021-04-28 … 2023-03-22\): ON RRP taken from daily RRPONTSYD/);
  });

  it('fits α per regime, β and γ on history with diagnostics', () => {
    const f = fitFromStore(db);
    // With IOER in the snapshot the fit reaches back to 2009 (issue 14 §4): before ON RRP (2013-09)
    // one "no ON RRP" regime, then the 2018–2019 technical adjustments (IOER − lower 25 → 20 → 15 →
    // 10 → 5 bp) and the 2021 move to IORB; ordered by last week, so 15/0 (back since 2025) is last.
    expect(f.regimes.map((r) => r.key)).toEqual(['25/none', '25/3', '25/5', '25/0', '20/0', '5/-5', '10/0', '15/5', '15/0']);
    expect(f.sample.weeks).toBeGreaterThan(800);
    expect(f.rmseBp).toBeLessThan(2.5);
    expect(f.beta).toBeGreaterThan(0);
    expect(f.gamma).toBeGreaterThan(0.01);
    expect(f.rollingOrigin.length).toBeGreaterThan(0);
  });
});

describe('command line', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), ...args, '--data-dir', d.dir], { cwd: REPO_ROOT, encoding: 'utf8' });

  it('indicators --asof 2025-10-31 --json', () => {
    const r = cli('indicators', '--asof', '2025-10-31', '--json');
    expect(r.status).toBe(0);
    const body = JSON.parse(r.stdout) as { indicators: { id: string; value: number }[]; flags: { id: string; level: string }[] };
    expect(body.indicators.find((i) => i.id === 'sofr_iorb')?.value).toBe(32);
    expect(body.flags.find((f) => f.id === 'srf_takeup')?.level).toBe('alert');
  });

  it('project --preset "Goldman baseline" --json runs from the real anchor and reports the 10% crossing', () => {
    const r = cli('project', '--preset', 'Goldman baseline', '--json');
    expect(r.status).toBe(0);
    const body = JSON.parse(r.stdout) as { anchor: { date: string; R0: number }; crossings: { reservesGdp: { threshold: number; statusAtStart: string } }; months: unknown[] };
    expect(body.anchor).toMatchObject({ date: '2026-07-31', R0: 2930.817 });
    expect(body.crossings.reservesGdp).toMatchObject({ threshold: 10, statusAtStart: 'already below' });
    expect(body.months.length).toBe(61);
  });

  it('project refuses an unknown preset and a hostile scenario file', () => {
    expect(cli('project', '--preset', 'Nope').stderr).toMatch(/unknown preset Nope; presets: "Fed RMP"/);
  });

  it('formula evaluates on the store and reports errors with their column', () => {
    const r = cli('formula', 'bp(SOFR, IORB)', '--from', '2025-10-31', '--to', '2025-10-31', '--json');
    expect(JSON.parse(r.stdout)).toEqual({ formula: 'bp(SOFR, IORB)', unit: 'bp', observations: [{ date: '2025-10-31', value: 32 }] });
    const bad = cli('formula', 'WALCL + SOFR');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/cannot add % to \$bn \(column 1\)/);
  });

  it('fit --json', () => {
    const r = cli('fit', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ label: 'fitted', basis: 'gdp' });
    const j = JSON.parse(r.stdout) as { covariance: number[][] | null; standardErrors: number[] | null; weeks2019: number; sample: { from: string } };
    expect(j.sample.from).toBe('2009-01-07');
    expect(j.weeks2019).toBeGreaterThanOrEqual(50);
    expect(j.covariance?.length).toBe(j.standardErrors?.length);
  });
});
