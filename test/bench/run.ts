/**
 * `npm run bench`: speed figures, printed with their goals. Timings live here, never in tests.
 * The projection uses the synthetic anchor A0 of domain.md §5.7 (labelled synthetic) so the figure
 * does not depend on the store.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_INPUTS, PRESETS } from '../../shared/compute/presets.js';
import { project, type Anchor, type ScenarioInputs } from '../../shared/compute/projection.js';
import type { IsoDate } from '../../shared/time/iso-date.js';

const A0: Anchor = { date: '2025-12-31' as IsoDate, Tc: 3995, Tb: 235, M: 2060, OA: 290, C: 2410, TGA: 850, RRP: 10, FRRP: 340, R0: 2900, GDP0: 31_000, BA0: 24_500 };

function stats(samples: number[]): { median: number; min: number; max: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? Number.NaN;
  return { median: at(0.5), min: s[0] ?? Number.NaN, max: s[s.length - 1] ?? Number.NaN, p95: at(0.95) };
}

function timeIt(label: string, goal: string, reps: number, inner: number, fn: () => void): void {
  for (let i = 0; i < 200; i++) fn(); // warm-up: let the JIT compile the hot path
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    samples.push(((performance.now() - t0) * 1000) / inner);
  }
  const s = stats(samples);
  console.log(`${label.padEnd(58)} median ${s.median.toFixed(2).padStart(8)} µs  (min ${s.min.toFixed(2)}, p95 ${s.p95.toFixed(2)}, max ${s.max.toFixed(2)})   goal: ${goal}`);
}

const ten: ScenarioInputs = { ...DEFAULT_INPUTS, horizonYears: 10 };
const five = PRESETS.map((p) => ({ ...ten, ...p.overrides }));
let sink = 0;
console.log('Reservoir benchmarks (synthetic anchor A0 of domain.md §5.7)\n');
timeIt('one projection, 10 years (120 months)', 'a few to tens of µs', 30, 200, () => {
  sink += project(A0, ten).reserves[120] ?? 0;
});
timeIt('five scenarios (all presets), 10 years each', '≪ 4,000 µs (one frame)', 30, 100, () => {
  for (const s of five) sink += project(A0, s).reserves[120] ?? 0;
});
timeIt('one projection, 10 years, SRF at the ceiling', 'a few to tens of µs', 30, 200, () => {
  sink += project(A0, { ...ten, srfMode: 'ceiling' }).srf[60] ?? 0;
});
if (!Number.isFinite(sink)) console.log('(sink)', sink);
