/**
 * The Monitor's composite series are the Workspace formulas, by the same code: its daily net
 * liquidity (NL_daily) equals `WALCL - TGA_DTS - RRPONTSYD` on every date, and its reserves chart's
 * 10% of GDP is GDP as known then, the same quarter the reserves/GDP indicator uses.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFormulaEnv } from '../../../../main/core/analysis/formula-env.js';
import { indicatorReport } from '../../../../main/core/analysis/indicator-report.js';
import { openDatabase, type Db } from '../../../../main/core/db/open-database.js';
import { getColumns } from '../../../../main/core/db/repos/observations-repo.js';
import { DB_FILE } from '../../../../main/core/store.js';
import { findSeries } from '../../../../shared/catalog.js';
import { evaluateFormula } from '../../../../shared/compute/formula/evaluate.js';
import { parseFormula } from '../../../../shared/compute/formula/parse.js';
import type { SeriesDataDto } from '../../../../shared/ipc/contract.js';
import { fromEpochDay, epochDay, type IsoDate } from '../../../../shared/time/iso-date.js';
import type { SeriesMap } from '../../../../renderer/app/series-data.js';
import { RESERVES_GDP_FORMULA } from '../../../../renderer/features/monitor/monitor-formulas.js';
import { MONITOR_IDS, netLiquiditySpec, reservesSpec } from '../../../../renderer/features/monitor/monitor-specs.js';
import { seededDataDir } from '../../../support/sync-harness.js';

const FROM = '2015-01-01';
let d: ReturnType<typeof seededDataDir>;
let db: Db;
let m: SeriesMap;
beforeAll(() => {
  d = seededDataDir();
  db = openDatabase(path.join(d.dir, DB_FILE));
  // What the Monitor loads: `series:get` for its ids from 2015 (as the router builds it) and the
  // core's `formula:eval` of WRESBAL / GDP (loadMonitorSeries), without the transport.
  const map = new Map<string, SeriesDataDto>();
  for (const id of MONITOR_IDS) {
    const def = findSeries(id);
    if (def === undefined) continue;
    const c = getColumns(db, def.id, FROM as IsoDate);
    map.set(id, { id, title: def.title, unit: def.conversion.canonical, conversion: def.conversion.label, basis: def.basis, frequency: def.frequency, dates: Array.from(c.dates), values: Array.from(c.values) });
  }
  const ratio = evaluateFormula(parseFormula(RESERVES_GDP_FORMULA), storeFormulaEnv(db)).series;
  const keep = ratio ? Array.from(ratio.dates).map((x, i) => [x, ratio.values[i] ?? Number.NaN] as const).filter(([x]) => x >= epochDay(FROM as IsoDate)) : [];
  map.set(RESERVES_GDP_FORMULA, { id: RESERVES_GDP_FORMULA, title: '', unit: 'ratio', conversion: '', basis: 'week_avg', frequency: 'W', dates: keep.map(([x]) => x), values: keep.map(([, v]) => v) });
  m = map;
});
afterAll(() => {
  db.close();
  d.cleanup();
});

describe('the Monitor computes with the Workspace formulas', () => {
  it('NL_daily on the Monitor equals WALCL - TGA_DTS - RRPONTSYD from the Workspace on every date', () => {
    const spec = netLiquiditySpec(m);
    const nl = spec.series.find((s) => s.id === 'NL');
    const ws = evaluateFormula(parseFormula('WALCL - TGA_DTS - RRPONTSYD'), storeFormulaEnv(db)).series;
    if (ws === null || nl === undefined) throw new Error('no net liquidity');
    const wsFrom = Array.from(ws.dates).map((x, i) => [x, ws.values[i]] as const).filter(([x]) => x >= epochDay(FROM as IsoDate));
    expect(spec.x.length).toBeGreaterThan(1000);
    expect(spec.x).toEqual(wsFrom.map(([x]) => x));
    expect(nl.values).toEqual(wsFrom.map(([, v]) => v));
    // The components are the values the formula took: NL = WALCL − TGA − ON RRP on each date.
    const w = spec.series.find((s) => s.id === 'WALCL')?.values ?? [];
    const t = spec.series.find((s) => s.id === 'TGA_DTS')?.values ?? [];
    const r = spec.series.find((s) => s.id === 'RRPONTSYD')?.values ?? [];
    spec.x.forEach((_, i) => expect(Math.abs((w[i] ?? 0) - (t[i] ?? 0) - (r[i] ?? 0) - (nl.values[i] ?? 0))).toBeLessThan(1e-9));
  });

  it('… and the indicator report’s NL_daily agrees on every 25th of those dates (to 1e-9: it rounds to 1e-9)', () => {
    const spec = netLiquiditySpec(m);
    const nl = spec.series.find((s) => s.id === 'NL')?.values ?? [];
    for (let i = 0; i < spec.x.length; i += 25) {
      const day = fromEpochDay(spec.x[i] ?? 0);
      const rep = indicatorReport(db, day).indicators.find((x) => x.id === 'NL_daily');
      expect(Math.abs((rep?.value ?? Number.NaN) - (nl[i] ?? Number.NaN)), day).toBeLessThanOrEqual(1e-9);
    }
  });

  it('the reserves chart draws 10% of GDP as known then and says so (2025-11-12: 2025-Q2, not the quarter containing the date)', () => {
    const spec = reservesSpec(m);
    expect(spec.title).toMatch(/as known then/);
    const gdp10 = spec.series.find((s) => s.id === 'GDP10');
    expect(gdp10?.label).toMatch(/as known then/);
    expect(spec.footer.join(' ')).toMatch(/GDP convention: as known then/);
    const i = spec.x.indexOf(epochDay('2025-11-12' as IsoDate));
    expect(gdp10?.values[i]).toBeCloseTo(0.1 * 30485.729, 9);
    // The tile's indicator: the same quarter on the same date.
    const ind = indicatorReport(db, '2025-11-12' as IsoDate).indicators.find((x) => x.id === 'reserves_gdp');
    expect(ind?.inputs.find((x) => x.seriesId === 'GDP')?.value).toBe(30485.729);
    // 2026-02-18 (before Q4 2025's release on 02-20): still 2025-Q3; 2026-02-25: 2025-Q4.
    const q3 = spec.x.indexOf(epochDay('2026-02-18' as IsoDate));
    const q4 = spec.x.indexOf(epochDay('2026-02-25' as IsoDate));
    expect(gdp10?.values[q3]).toBeCloseTo(0.1 * 31098.027, 9);
    expect(gdp10?.values[q4]).toBeCloseTo(0.1 * 31422.526, 9);
  });
});
