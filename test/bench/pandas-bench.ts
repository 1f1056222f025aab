/**
 * Reservoir's indicator pipeline against the same computation in pandas (Debian's python3-pandas,
 * installed through apt when missing), on the same input files, in the same run; the outputs must
 * agree to 1e-9 before the ratio is printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from '../support/paths.js';
import { tempDir } from '../support/temp-dir.js';
import { runPipeline, type PipelineOutput } from './pipeline.js';
import { summarize, type Figure } from './stats.js';

const PY = '/usr/bin/python3';
const IDS = ['SOFR', 'IORB', 'WALCL', 'WTREGEN', 'WRESBAL', 'RRPONTSYD', 'TGA_DTS', 'GDP'];

function ensurePandas(): string | null {
  const has = (): boolean => existsSync(PY) && spawnSync(PY, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
  if (has()) return null;
  if (process.getuid?.() !== 0) return 'python3-pandas is not installed and this user cannot install it (not root)';
  try {
    execFileSync('apt-get', ['install', '-y', '-qq', 'python3-pandas'], { stdio: 'ignore' });
  } catch {
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
      execFileSync('apt-get', ['install', '-y', '-qq', 'python3-pandas'], { stdio: 'ignore' });
    } catch (e) {
      return `apt-get could not install python3-pandas (${e instanceof Error ? e.message : String(e)})`;
    }
  }
  return has() ? null : 'python3-pandas did not import after installing';
}

/** Synthetic data (labelled synthetic): a 1,000,000-day set with the real files' shapes and magnitudes. */
export function writeSynthetic(dir: string): void {
  const start = Date.UTC(1900, 0, 1) / 86_400_000;
  const N = 1_000_000;
  const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const lines = (every: number, f: (i: number) => string): string => {
    const out = ['date,value'];
    for (let i = 0; i < N; i += every) out.push(`${iso(start + i)},${f(i)}`);
    return `${out.join('\n')}\n`;
  };
  writeFileSync(path.join(dir, 'SOFR.csv'), lines(1, (i) => (3 + ((i * 7919) % 200) / 100).toFixed(2)));
  writeFileSync(path.join(dir, 'IORB.csv'), lines(1, (i) => (3.5 + Math.floor(i / 5000) % 4 * 0.25).toFixed(2)));
  writeFileSync(path.join(dir, 'RRPONTSYD.csv'), lines(1, (i) => ((i * 104729) % 250000 / 100).toFixed(3)));
  writeFileSync(path.join(dir, 'TGA_DTS.csv'), lines(1, (i) => (700 + ((i * 31) % 40000) / 100).toFixed(3)));
  for (const id of ['WALCL', 'WTREGEN', 'WRESBAL']) writeFileSync(path.join(dir, `${id}.csv`), lines(7, (i) => (3000 + ((i * 13) % 300000) / 100).toFixed(3)));
  writeFileSync(path.join(dir, 'GDP.csv'), lines(91, (i) => (20000 + i / 10).toFixed(3)));
}

function agree(a: PipelineOutput, pyFile: string): { ok: boolean; maxDiff: number; compared: number } {
  const py = JSON.parse(readFileSync(pyFile, 'utf8')) as Record<string, (number | null)[]>;
  let maxDiff = 0;
  let compared = 0;
  for (const [k, arr] of Object.entries(a) as [keyof PipelineOutput, Float64Array][]) {
    const other = py[k];
    if (!other || other.length !== arr.length) return { ok: false, maxDiff: Number.POSITIVE_INFINITY, compared };
    for (let i = 0; i < arr.length; i++) {
      const x = arr[i] ?? Number.NaN;
      const y = other[i] ?? Number.NaN;
      if (Number.isNaN(x) !== Number.isNaN(y ?? Number.NaN)) return { ok: false, maxDiff: Number.POSITIVE_INFINITY, compared };
      if (Number.isNaN(x)) continue;
      const d = Math.abs(x - (y ?? 0)) / Math.max(1, Math.abs(x));
      if (d > maxDiff) maxDiff = d;
      compared++;
    }
  }
  return { ok: maxDiff <= 1e-9, maxDiff, compared };
}

function compare(label: string, dir: string, runs: number): Figure[] {
  const tsTimes: number[] = [];
  // One warm-up run each side (JIT here, imports and caches there), then the timed runs.
  let out: PipelineOutput | null = runPipeline(dir);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = runPipeline(dir);
    tsTimes.push(performance.now() - t0);
  }
  const pyOut = path.join(dir, 'pandas-out.json');
  const r = spawnSync(PY, [path.join(REPO_ROOT, 'test/bench/pipeline.py'), dir, pyOut, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0 || out === null) return [{ name: `indicator pipeline vs pandas (${label})`, unit: '×', median: Number.NaN, min: Number.NaN, max: Number.NaN, goal: '≥ 5×', met: null, note: `pandas run failed: ${r.stderr.slice(0, 200)}` }];
  const py = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ms: number[]; pandas: string };
  const check = agree(out, pyOut);
  const ts = summarize(tsTimes);
  const pd = summarize(py.ms);
  const ratio = pd.median / ts.median;
  return [
    { name: `indicator pipeline, Reservoir (${label})`, unit: 'ms', ...ts, goal: '—', met: null },
    { name: `indicator pipeline, pandas ${py.pandas} (${label})`, unit: 'ms', ...pd, goal: '—', met: null },
    {
      name: `indicator pipeline speed-up over pandas (${label})`,
      unit: '×',
      median: ratio,
      min: pd.min / ts.max,
      max: pd.max / ts.min,
      goal: '≥ 5×, outputs equal to 1e-9',
      met: check.ok ? ratio >= 5 : false,
      note: check.ok ? `${check.compared.toLocaleString('en-US')} outputs agree (max relative difference ${check.maxDiff.toExponential(1)})` : `OUTPUTS DIFFER (max relative difference ${check.maxDiff})`,
    },
  ];
}

export async function pandasFigures(): Promise<Figure[]> {
  const why = ensurePandas();
  if (why !== null) {
    console.log(`pandas comparison skipped: ${why}`);
    return [{ name: 'indicator pipeline vs pandas', unit: '×', median: Number.NaN, min: Number.NaN, max: Number.NaN, goal: '≥ 5×', met: null, note: `skipped: ${why}` }];
  }
  const real = tempDir('reservoir-pipeline-real-');
  for (const id of IDS) copyFileSync(path.join(REPO_ROOT, 'resources/snapshot/series', `${id}.csv`), path.join(real.dir, `${id}.csv`));
  const synth = tempDir('reservoir-pipeline-synthetic-');
  mkdirSync(synth.dir, { recursive: true });
  writeSynthetic(synth.dir);
  try {
    return [...compare('real snapshot', real.dir, 5), ...compare('1,000,000 synthetic rows, labelled synthetic', synth.dir, 3)];
  } finally {
    real.cleanup();
    synth.cleanup();
  }
}
