/**
 * Chart bench page: the app's chart layer (TimeChart + ChartGroup, React) against raw uPlot given the
 * same points, in the same Chromium. Each run happens in a fresh page, so both are measured cold.
 * All data here is SYNTHETIC (seeded random walks), labelled as such on the charts.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { ChartGroup } from '../../../renderer/charts/chart-group.js';
import type { ChartSpec } from '../../../renderer/charts/chart-spec.js';
import { TimeChart } from '../../../renderer/charts/TimeChart.js';

export type BenchKind = 'raw-1m' | 'ours-1m' | 'raw-8x3' | 'ours-8x3';

export interface BenchResult {
  readonly kind: BenchKind;
  /** Start → every chart's draw has run (the task after creation). */
  readonly jsMs: number;
  /** Start → the next frame after that (raster included). */
  readonly frameMs: number;
  readonly canvases: number;
  readonly inkedCanvases: number;
}

declare global {
  interface Window {
    chartBench: { run(kind: BenchKind): Promise<BenchResult> };
  }
}

const DAY = 86_400;
const WIDTH = 1200;
const COLORS = ['#0072b2', '#d55e00', '#009e73'];

/** Seeded random walk (mulberry32), so every run draws the same synthetic points. */
function walk(n: number, seed: number): number[] {
  let a = seed >>> 0;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Array<number>(n);
  let v = 3000;
  for (let i = 0; i < n; i++) {
    v += (rnd() - 0.5) * 20;
    out[i] = Math.round(v * 1000) / 1000;
  }
  return out;
}

interface Dataset {
  readonly days: number[];
  readonly columns: number[][];
}

function dataset(points: number, series: number, seed: number): Dataset {
  const days = Array.from({ length: points }, (_, i) => -25_567 + i);
  return { days, columns: Array.from({ length: series }, (_, k) => walk(points, seed + k)) };
}

function specOf(key: string, d: Dataset): ChartSpec {
  return {
    key,
    title: `Synthetic benchmark ${key}`,
    unitLabel: '$bn',
    x: d.days,
    series: d.columns.map((values, k) => ({ id: `SYN${k}`, label: `synthetic ${k + 1}`, unit: 'usd_bn', color: COLORS[k] ?? '#555', values })),
    footer: ['SYNTHETIC data (seeded random walk), benchmark only'],
  };
}

/** The same visual settings the app's option builder uses, written against uPlot directly. */
function rawOptions(d: Dataset, height: number, sync: string | null): uPlot.Options {
  const font = '11px system-ui, -apple-system, Segoe UI, sans-serif';
  const axis = (side: 2 | 3): uPlot.Axis => ({ side, font, size: side === 2 ? 36 : 62, space: side === 2 ? 60 : 30, gap: 4 });
  return {
    width: WIDTH,
    height,
    tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    legend: { show: false },
    cursor: sync ? { sync: { key: sync, setSeries: false }, drag: { x: true, y: false, setScale: true } } : { show: false },
    scales: { x: { time: true } },
    axes: [axis(2), axis(3)],
    series: [{}, ...d.columns.map((_, k): uPlot.Series => ({ stroke: COLORS[k] ?? '#555', width: 1.5, spanGaps: true, points: { show: false } }))],
  };
}

function rawData(d: Dataset): uPlot.AlignedData {
  return [d.days.map((x) => x * DAY), ...d.columns] as uPlot.AlignedData;
}

const nextTask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const nextFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

function inked(c: HTMLCanvasElement): boolean {
  const ctx = c.getContext('2d');
  if (!ctx || c.width === 0 || c.height === 0) return false;
  const px = ctx.getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < px.length; i += 4 * 97) if ((px[i] ?? 0) > 0) return true;
  return false;
}

async function run(kind: BenchKind): Promise<BenchResult> {
  const host = document.getElementById('root');
  if (!host) throw new Error('no #root');
  const many = kind.endsWith('8x3');
  // Synthetic inputs are made before the clock starts: only drawing is measured.
  const sets = many ? Array.from({ length: 8 }, (_, i) => dataset(10_000, 3, 100 + i * 10)) : [dataset(1_000_000, 1, 7)];
  const height = many ? 200 : 300;
  // The bench browser runs with --expose-gc: collect the synthetic inputs' garbage before the clock
  // starts, so neither side pays for the other's (or the generator's) allocations.
  (globalThis as { gc?: () => void }).gc?.();
  let t0: number;
  if (kind.startsWith('raw')) {
    const raw = sets.map((d) => rawData(d));
    const holders = sets.map(() => host.appendChild(document.createElement('div')));
    t0 = performance.now();
    sets.forEach((d, i) => new uPlot(rawOptions(d, height, many ? 'bench' : null), raw[i] ?? [[]], holders[i]));
  } else {
    const specs = sets.map((d, i) => specOf(`b${i}`, d));
    const group = many ? new ChartGroup('bench') : undefined;
    const root = createRoot(host);
    t0 = performance.now();
    // A synchronous render: effects (which create the uPlot instances) run before flushSync returns.
    flushSync(() =>
      root.render(
        <>
          {specs.map((s) => (
            <TimeChart key={s.key} spec={s} height={height} themeKey="light" {...(group ? { group } : {})} />
          ))}
        </>,
      ),
    );
  }
  await nextTask();
  const jsMs = performance.now() - t0;
  await nextFrame();
  await nextFrame();
  const frameMs = performance.now() - t0;
  const canvases = [...document.querySelectorAll('canvas')];
  return { kind, jsMs, frameMs, canvases: canvases.length, inkedCanvases: canvases.filter(inked).length };
}

window.chartBench = { run };
