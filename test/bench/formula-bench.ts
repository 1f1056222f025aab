/**
 * Workspace formula speed on the real snapshot: one formula over 20 catalog series (12 balance-sheet
 * and money-market quantities in $bn, 8 rates as 4 spreads), each series a 5-year window, mixed daily
 * and weekly, two rolling z-scores: parse, one date grid, every series aligned as of each date, then
 * element-wise. The store read is measured separately ("5-year window of 20 series").
 */
import { performance } from 'node:perf_hooks';
import { getColumns } from '../../main/core/db/repos/observations-repo.js';
import { openStore } from '../../main/core/store.js';
import { catalogFormulaEnv } from '../../shared/compute/formula/catalog-env.js';
import { evaluateFormula } from '../../shared/compute/formula/evaluate.js';
import { parseFormula } from '../../shared/compute/formula/parse.js';
import type { Series } from '../../shared/compute/series.js';
import type { IsoDate } from '../../shared/time/iso-date.js';
import { tempDir } from '../support/temp-dir.js';
import { summarize, type Figure } from './stats.js';

const MONEY = ['WALCL', 'TREAST', 'WSHOMCB', 'SWPT', 'WCURCIR', 'WDTGAL', 'WTREGEN', 'WRESBAL', 'WRBWFRBL', 'RRPONTSYD', 'RPONTTLD', 'TGA_DTS'];
const SPREADS: readonly (readonly [string, string])[] = [['SOFR', 'IORB'], ['EFFR', 'DFEDTARL'], ['TGCR', 'RRPONTSYAWARD'], ['OBFR', 'DFEDTARU']];
export const BENCH_FORMULA = `z(${MONEY.map((id, i) => `${i === 0 ? '' : i % 2 === 0 ? ' + ' : ' - '}${id}`).join('')}, 20) + z(${SPREADS.map(([a, b]) => `bp(${a}, ${b})`).join(' + ')}, 20)`;

export function formulaFigures(runs = 30): Figure[] {
  const t = tempDir('reservoir-bench-');
  const store = openStore({ dataDir: t.dir, now: Date.now, backups: false });
  const cols = new Map<string, Series>();
  for (const id of [...MONEY, ...SPREADS.flat()]) cols.set(id, getColumns(store.db, id, '2021-08-01' as IsoDate, '2026-08-01' as IsoDate));
  store.close();
  t.cleanup();
  const env = catalogFormulaEnv((id) => cols.get(id));
  let points = 0;
  const samples: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    const v = evaluateFormula(parseFormula(BENCH_FORMULA), env);
    const ms = performance.now() - t0;
    points = v.series?.dates.length ?? 0;
    if (i >= 3) samples.push(ms); // the first runs warm the JIT
  }
  const s = summarize(samples);
  return [{ name: 'formula: 20 series × 5 years in one Workspace formula (parse + align + evaluate)', unit: 'ms', ...s, goal: '≤ 20 ms', met: s.median <= 20, note: `${points} dates out` }];
}
