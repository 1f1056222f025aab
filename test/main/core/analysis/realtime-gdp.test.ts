/**
 * Issue 10 §3: real-time GDP is what was actually known. BEA's first-release dates (ALFRED vintages,
 * bundled as resources/snapshot/gdp-first-release.csv) decide which quarter reserves/GDP divides by,
 * in the indicator report, the Workspace formula `WRESBAL / GDP` and the Monitor's reserves chart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFormulaEnv } from '../../../../main/core/analysis/formula-env.js';
import { GDP_FIT_CONVENTION } from '../../../../main/core/analysis/fit-from-store.js';
import { approximateFirstRelease, gdpReleaseCalendar, type GdpReleaseCalendar } from '../../../../main/core/analysis/gdp-releases.js';
import { indicatorReport } from '../../../../main/core/analysis/indicator-report.js';
import { SeriesCache } from '../../../../main/core/analysis/series-cache.js';
import { openDatabase, type Db } from '../../../../main/core/db/open-database.js';
import { getSetting } from '../../../../main/core/db/repos/settings-repo.js';
import { applyGdpReleaseDates, GDP_RELEASES_FILE, GDP_RELEASES_SETTING, gdpReleaseDatesCsv, GDP_RELEASES_SOURCE } from '../../../../main/core/snapshot/gdp-release-dates.js';
import { DB_FILE } from '../../../../main/core/store.js';
import { evaluateFormula, type FormulaValue } from '../../../../shared/compute/formula/evaluate.js';
import { parseFormula } from '../../../../shared/compute/formula/parse.js';
import { valueAsOf } from '../../../../shared/compute/series.js';
import { epochDay, fromEpochDay, type IsoDate } from '../../../../shared/time/iso-date.js';
import { dataFile, REPO_ROOT } from '../../../support/paths.js';
import { seededDataDir } from '../../../support/sync-harness.js';

const SNAPSHOT = path.join(REPO_ROOT, 'resources', 'snapshot');
let d: ReturnType<typeof seededDataDir>;
let db: Db;
let cal: GdpReleaseCalendar;
beforeAll(() => {
  d = seededDataDir();
  db = openDatabase(path.join(d.dir, DB_FILE));
  cal = gdpReleaseCalendar(db);
});
afterAll(() => {
  db.close();
  d.cleanup();
});

const iso = (s: string): IsoDate => s as IsoDate;
const gdpOf = (asOf: string) => indicatorReport(db, iso(asOf)).indicators.find((i) => i.id === 'reserves_gdp');
const formula = (src: string): FormulaValue => evaluateFormula(parseFormula(src), storeFormulaEnv(db));
const at = (v: FormulaValue, day: string): number | undefined => {
  const i = v.series?.dates.indexOf(epochDay(iso(day))) ?? -1;
  return i < 0 ? undefined : v.series?.values[i];
};

describe('GDP first-release dates (BEA via ALFRED)', () => {
  it.each([
    ['2013-07-01', '2013-11-07', 'shutdown-delayed'],
    ['2018-10-01', '2019-02-28', 'shutdown-delayed'],
    ['2025-07-01', '2025-12-23', 'shutdown-delayed'],
    ['2025-10-01', '2026-02-20', 'delayed'],
    ['2019-04-01', '2019-07-26', 'normal'],
    ['2008-07-01', '2008-10-30', 'normal'],
  ])('quarter starting %s was first published %s (%s)', (q, date) => {
    expect(cal.release(iso(q))).toMatchObject({ firstReleaseDate: date, basis: 'BEA first release (ALFRED vintage)' });
    expect(cal.known(iso(q))).toBe(date);
  });

  it('before 1991-Q4 (no real ALFRED vintage) and after the bundled dates the old rule is used and labelled approximate', () => {
    expect(cal.release(iso('1991-07-01'))).toMatchObject({ quarter: '1991-Q3', firstReleaseDate: '1991-10-31', basis: 'approximate (before 1991-Q4)' });
    expect(cal.known(iso('1991-07-01'))).toBeNull();
    expect(cal.release(iso('1991-10-01')).basis).toBe('BEA first release (ALFRED vintage)');
    expect(cal.release(iso('2026-01-01'))).toMatchObject({ firstReleaseDate: '2026-04-30', basis: 'approximate (no release date known for this quarter)' });
    expect(approximateFirstRelease(iso('2025-10-01'))).toBe('2026-01-31');
  });

  it('the bundled file is what the builder makes from shared/data, and a data dir can keep it', () => {
    const built = gdpReleaseDatesCsv(readFileSync(dataFile(GDP_RELEASES_SOURCE), 'utf8'), iso('2026-12-01'));
    expect(built.ok && built.value).toBe(readFileSync(path.join(SNAPSHOT, GDP_RELEASES_FILE), 'utf8'));
    const kept = applyGdpReleaseDates(db, SNAPSHOT);
    expect(kept.ok && kept.value).toBeGreaterThan(130);
    expect(getSetting(db, GDP_RELEASES_SETTING)?.split('\n')[1]).toBe('1991-Q4,1992-01-29');
    expect(gdpReleaseCalendar(db).source).toMatch(/kept in the data dir/);
  });
});

describe('reserves/GDP as known then', () => {
  it.each([
    ['2026-02-05', '2025-07-01', '2025-Q3', 'Q4 2025 was first published 2026-02-20'],
    ['2026-02-20', '2025-10-01', '2025-Q4', 'released that morning'],
    ['2019-02-15', '2018-07-01', '2018-Q3', 'Q4 2018 was first published 2019-02-28'],
    ['2019-02-28', '2018-10-01', '2018-Q4', 'released that morning'],
    ['2013-11-06', '2013-04-01', '2013-Q2', 'Q3 2013 was first published 2013-11-07'],
    ['2025-11-12', '2025-04-01', '2025-Q2', 'Q3 2025 was first published 2025-12-23'],
  ])('indicators --asof %s divide by GDP of the quarter starting %s (%s: %s)', (asOf, quarterStart, label) => {
    const i = gdpOf(asOf);
    expect(i?.inputs.find((x) => x.seriesId === 'GDP')?.date).toBe(quarterStart);
    expect(i).toMatchObject({ gdpQuarter: label, gdpReleaseBasis: 'BEA first release (ALFRED vintage)' });
    expect(i?.note).toMatch(/first released \d{4}-\d\d-\d\d \[BEA first release/);
  });

  it('a date before 1991-Q4 says its GDP release date is approximate', () => {
    expect(gdpOf('1990-06-30')).toMatchObject({ gdpQuarter: '1990-Q1', gdpFirstRelease: '1990-04-30', gdpReleaseBasis: 'approximate (before 1991-Q4)' });
  });

  it('the Workspace formula WRESBAL / GDP uses the same quarters, on every Wednesday', () => {
    const v = formula('WRESBAL / GDP');
    expect(v.frequency).toBe('W');
    const c = new SeriesCache(db);
    const res = c.get('WRESBAL');
    const gdp = c.get('GDP');
    let checked = 0;
    for (const day of ['2013-11-06', '2013-11-13', '2019-02-13', '2019-02-27', '2019-03-06', '2025-11-12', '2025-12-24', '2026-02-04', '2026-02-25']) {
      const want = indicatorReport(db, iso(day)).indicators.find((i) => i.id === 'reserves_gdp');
      const r = valueAsOf(res, epochDay(iso(day)), 0);
      const q = want?.inputs.find((x) => x.seriesId === 'GDP');
      if (r === null || q === undefined) continue;
      const g = gdp.values[gdp.dates.indexOf(epochDay(q.date))] ?? Number.NaN;
      expect(at(v, day), day).toBe(r.value / g);
      expect(100 * (at(v, day) ?? Number.NaN)).toBeCloseTo(want?.value ?? Number.NaN, 9);
      checked++;
    }
    expect(checked).toBe(9);
  });

  it('WRESBAL / GDP does not stop 100 days after the last quarter starts: that GDP is known until the next release', () => {
    const v = formula('WRESBAL / GDP');
    const gdp = new SeriesCache(db).get('GDP');
    const lastQ = gdp.dates[gdp.dates.length - 1] ?? 0;
    const last = v.series?.dates[v.series.dates.length - 1] ?? 0;
    const release = epochDay(cal.release(fromEpochDay(lastQ)).firstReleaseDate);
    expect(last).toBeGreaterThan(lastQ + 100);
    // Past the last stored quarter's release it holds for two quarterly limits (200 days), as `indicators` does.
    expect(last).toBeLessThanOrEqual(release + 200);
    // Between releases there is no gap, however late the next one came (2025-07-30 → 2025-12-23: 146 days).
    const between = (v.series ? Array.from(v.series.dates) : []).filter((x) => x >= epochDay(iso('2025-07-30')) && x < epochDay(iso('2025-12-23')));
    expect(between.length).toBe(21);
  });

  it('bracketing stays irrelevant with GDP in the formula, and asof(GDP) gives the other convention (quarter containing the date, latest vintage)', () => {
    const a = formula('100 * WRESBAL / GDP');
    for (const f of ['WRESBAL / GDP * 100', '100 * (WRESBAL / GDP)', 'WRESBAL * 100 / GDP', 'WRESBAL / (GDP / 100)']) {
      const b = formula(f);
      expect(Array.from(b.series?.dates ?? []), f).toEqual(Array.from(a.series?.dates ?? []));
      expect(Array.from(b.series?.values ?? []), f).toEqual(Array.from(a.series?.values ?? []));
    }
    const latest = formula('WRESBAL / asof(GDP)');
    // 2025-11-12: as known then is 2025-Q2; the quarter containing the date is 2025-Q4 in today's vintage.
    const gdp = new SeriesCache(db).get('GDP');
    const q4 = gdp.values[gdp.dates.indexOf(epochDay(iso('2025-10-01')))] ?? Number.NaN;
    expect(at(latest, '2025-11-12')).toBe(2855.03 / q4);
    expect(at(formula('WRESBAL / GDP'), '2025-11-12')).toBe(2855.03 / 30485.729);
  });

  it('a window of GDP alone stays as known then: WRESBAL / ma(GDP, 1) is WRESBAL / GDP; WRESBAL / lag(GDP, 1) on 2025-11-12 uses 2025-Q1', () => {
    const a = formula('WRESBAL / GDP');
    const b = formula('WRESBAL / ma(GDP, 1)');
    expect(Array.from(b.series?.dates ?? [])).toEqual(Array.from(a.series?.dates ?? []));
    expect(Array.from(b.series?.values ?? [])).toEqual(Array.from(a.series?.values ?? []));
    const gdp = new SeriesCache(db).get('GDP');
    const q1 = gdp.values[gdp.dates.indexOf(epochDay(iso('2025-01-01')))] ?? Number.NaN;
    expect(at(formula('WRESBAL / lag(GDP, 1)'), '2025-11-12')).toBe(2855.03 / q1);
  });

  it('the demand-curve fit says it uses the latest-vintage convention', () => {
    expect(GDP_FIT_CONVENTION).toMatch(/quarter containing the date, latest vintage/);
  });
});
