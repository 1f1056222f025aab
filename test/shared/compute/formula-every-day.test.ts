/** FRED's 7-day series add no weekend dates beside a business-day series (real snapshot data). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFormulaEnv } from '../../../shared/compute/formula/catalog-env.js';
import { evaluateFormula } from '../../../shared/compute/formula/evaluate.js';
import { parseFormula } from '../../../shared/compute/formula/parse.js';
import type { Series } from '../../../shared/compute/series.js';
import { epochDay, fromEpochDay, weekday, type IsoDate } from '../../../shared/time/iso-date.js';
import { snapshotDir } from '../../../main/core/paths.js';

function load(id: string): Series {
  const rows = readFileSync(path.join(snapshotDir(), 'series', `${id}.csv`), 'utf8').trim().split('\n').slice(1);
  return { dates: Int32Array.from(rows.map((r) => epochDay(r.slice(0, 10) as IsoDate))), values: Float64Array.from(rows.map((r) => Number(r.slice(11)))) };
}
const env = catalogFormulaEnv((id) => load(id));
const run = (src: string): Series => {
  const v = evaluateFormula(parseFormula(src), env);
  if (v.series === null) throw new Error('constant');
  return v.series;
};
const weekend = (s: Series): number => Array.from(s.dates).filter((d) => [0, 6].includes(weekday(fromEpochDay(d)))).length;

describe('7-day series beside business-day series', () => {
  it('bp(SOFR, IORB) lives on SOFR business days, with no Saturday carrying Friday', () => {
    const s = run('bp(SOFR, IORB)');
    expect(weekend(s)).toBe(0);
    expect(s.dates.length).toBeGreaterThan(1000);
    expect(Array.from(run('IORB - SOFR').dates)).toEqual(Array.from(s.dates));
  });
  it('a 7-day series alone, or with another 7-day series, keeps every calendar day', () => {
    expect(weekend(run('DFEDTARU - DFEDTARL'))).toBeGreaterThan(1000);
    expect(weekend(run('ma(IORB, 7)'))).toBeGreaterThan(100);
    // A window over a 7-day series is still a 7-day series beside SOFR.
    expect(weekend(run('SOFR - ma(IORB, 7)'))).toBe(0);
  });
});
