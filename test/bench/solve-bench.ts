/**
 * Issue 14 speed goal: one solve ≤ 2 ms on the real snapshot (anchor, defaults and fitted curve as
 * `solve` uses them). The store is read outside the timing; each timed run is a full solve — every
 * engine run of the bracketed secant — for reserves/GDP to 10% two years on, and the TGA floor.
 */
import { performance } from 'node:perf_hooks';
import { projectionContext } from '../../main/core/analysis/projection-context.js';
import { openStore } from '../../main/core/store.js';
import { firstMonthAfter, solve, type SolveGoal } from '../../shared/compute/solve.js';
import type { IsoDate } from '../../shared/time/iso-date.js';
import { tempDir } from '../support/temp-dir.js';
import { summarize, type Figure } from './stats.js';

export function solveFigures(runs = 50): Figure[] {
  const t = tempDir('reservoir-bench-');
  const store = openStore({ dataDir: t.dir, now: Date.now, backups: false });
  const ctx = projectionContext(store.db);
  store.close();
  t.cleanup();
  const a = ctx.anchor.anchor;
  const by = `${Number(a.date.slice(0, 4)) + 2}${a.date.slice(4)}` as IsoDate;
  const goals: readonly [string, SolveGoal][] = [
    ['reserves/GDP to 10% in 2 years (RMP pace)', { kind: 'reserves-gdp', targetPct: 10, by, fromMonth: firstMonthAfter(a.date) }],
    ['reserves floor $2800bn (TGA level)', { kind: 'reserves-floor-tga', floorBn: 2800 }],
  ];
  return goals.map(([label, goal]) => {
    let evaluations = 0;
    const samples: number[] = [];
    for (let i = 0; i < runs + 5; i++) {
      const t0 = performance.now();
      evaluations = solve(a, ctx.inputs, goal).evaluations;
      const ms = performance.now() - t0;
      if (i >= 5) samples.push(ms); // the first runs warm the JIT
    }
    const s = summarize(samples);
    return { name: `solve: ${label}`, unit: 'ms', ...s, goal: '≤ 2 ms', met: s.median <= 2, note: `${evaluations} engine runs, anchor ${a.date}, ${ctx.inputs.horizonYears}-year horizon` };
  });
}
