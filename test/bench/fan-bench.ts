/**
 * Issue 14 speed goal: a 500-path fan over 10 years ≤ 40 ms. Measured in Node on the real snapshot
 * (anchor, defaults, fitted curve and its covariance, default sds, as the lab's worker gets them); the
 * worker runs the same `fan` function, so Node stands for the worker minus the message copy (the
 * result is 15 columns of 121 doubles, ~15 kB). The store is read outside the timing.
 */
import { performance } from 'node:perf_hooks';
import { projectionContext } from '../../main/core/analysis/projection-context.js';
import { openStore } from '../../main/core/store.js';
import { DEFAULT_FAN_PATHS, DEFAULT_FAN_SEED, fan, fanCrossingText } from '../../shared/compute/fan.js';
import { tempDir } from '../support/temp-dir.js';
import { summarize, type Figure } from './stats.js';

export function fanFigures(runs = 30): Figure[] {
  const t = tempDir('reservoir-bench-');
  const store = openStore({ dataDir: t.dir, now: Date.now, backups: false });
  const ctx = projectionContext(store.db);
  store.close();
  t.cleanup();
  const req = { anchor: ctx.anchor.anchor, inputs: { ...ctx.inputs, horizonYears: 10 }, curveCovariance: ctx.fan.curveCovariance, sds: ctx.fan.defaults, paths: DEFAULT_FAN_PATHS, seed: DEFAULT_FAN_SEED };
  const samples: number[] = [];
  let text = '';
  for (let i = 0; i < runs + 5; i++) {
    const t0 = performance.now();
    const f = fan({ ...req, seed: DEFAULT_FAN_SEED + i });
    const ms = performance.now() - t0;
    if (i >= 5) samples.push(ms); // the first runs warm the JIT
    if (i === 0) text = fanCrossingText(f);
  }
  const s = summarize(samples);
  return [{ name: `fan: ${DEFAULT_FAN_PATHS} paths over 10 years (120 months)`, unit: 'ms', ...s, goal: '≤ 40 ms', met: s.median <= 40, note: `Node (the worker runs the same code), anchor ${req.anchor.date}, curve covariance ${req.curveCovariance === null ? 'absent' : 'from the fit'}; ${text}` }];
}
