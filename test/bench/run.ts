/**
 * `npm run bench`: every speed figure with its goal (median of several runs, min and max), written to
 * bench/results/<time>.json and bench/results/latest.json. Timings live here, never in tests.
 * Synthetic inputs are labelled as such; everything else runs on the real snapshot.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_INPUTS, PRESETS } from '../../shared/compute/presets.js';
import { project, type Anchor, type ScenarioInputs } from '../../shared/compute/projection.js';
import type { IsoDate } from '../../shared/time/iso-date.js';
import { REPO_ROOT } from '../support/paths.js';
import { alertFigures, attributionFigures } from './attribution-bench.js';
import { browserFigures } from './browser-bench.js';
import { formulaFigures } from './formula-bench.js';
import { importMemoryFigures } from './import-memory-bench.js';
import { pandasFigures } from './pandas-bench.js';
import { printFigure, summarize, type Figure } from './stats.js';
import { storeFigures } from './store-bench.js';
import { solveFigures } from './solve-bench.js';
import { fanFigures } from './fan-bench.js';
import { backtestFigures } from './backtest-bench.js';
import { shellStallFigures } from './shell-stall-bench.js';

// The synthetic anchor A0 of domain.md §5.7, so the projection figure does not depend on the store.
const A0: Anchor = { date: '2025-12-31' as IsoDate, Tc: 3995, Tb: 235, M: 2060, OA: 290, C: 2410, TGA: 850, RRP: 10, FRRP: 340, R0: 2900, GDP0: 31_000, BA0: 24_500 };

function perCall(reps: number, inner: number, fn: () => void): number[] {
  for (let i = 0; i < 300; i++) fn(); // warm-up so the JIT has compiled the hot path
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    out.push(((performance.now() - t0) * 1000) / inner);
  }
  return out;
}

function projectionFigures(): Figure[] {
  const ten: ScenarioInputs = { ...DEFAULT_INPUTS, horizonYears: 10 };
  const five = PRESETS.map((p) => ({ ...ten, ...p.overrides }));
  let sink = 0;
  const one = summarize(perCall(30, 200, () => (sink += project(A0, ten).reserves[120] ?? 0)));
  const all = summarize(perCall(30, 100, () => five.forEach((s) => (sink += project(A0, s).reserves[120] ?? 0))));
  if (!Number.isFinite(sink)) console.log(sink);
  return [
    { name: 'projection: one scenario, 10 years (120 months)', unit: 'µs', ...one, goal: 'a few to tens of µs', met: one.median <= 100 },
    { name: 'projection: five scenarios (the presets), 10 years each', unit: 'µs', ...all, goal: '≪ 4,000 µs (a frame)', met: all.median <= 1000 },
  ];
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  console.log(`Reservoir benchmarks — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}${quick ? ' (quick)' : ''}\n`);
  const figures: Figure[] = [];
  const add = (fs: Figure[]): void => {
    for (const f of fs) {
      printFigure(f);
      figures.push(f);
    }
  };
  add(projectionFigures());
  add(storeFigures());
  add(importMemoryFigures(quick ? 1 : 3));
  add(formulaFigures());
  add(attributionFigures());
  add(alertFigures());
  add(solveFigures());
  add(fanFigures());
  add(backtestFigures());
  add(await shellStallFigures(quick ? 2 : 5));
  add(await pandasFigures());
  add(await browserFigures({ heapSeconds: quick ? 10 : 60 }));
  const missed = figures.filter((f) => f.met === false);
  console.log(`\n${figures.length} figures, ${figures.filter((f) => f.met).length} met, ${missed.length} missed${missed.length ? `: ${missed.map((f) => f.name).join('; ')}` : ''}`);
  const dir = path.join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const body = JSON.stringify({ at: new Date().toISOString(), node: process.version, cores: os.cpus().length, figures }, null, 2);
  writeFileSync(path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`), body);
  writeFileSync(path.join(dir, 'latest.json'), body);
  console.log(`written: bench/results/latest.json`);
}

await main();
