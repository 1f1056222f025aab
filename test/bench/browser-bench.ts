/** Figures measured in Chromium against browser mode: cold start, slider ticks, frames, PNG export, heap. */
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS, ensureRendererBuilt, startE2eApp } from '../support/e2e-app.js';
import { REPO_ROOT } from '../support/paths.js';
import { seededDataDir } from '../support/sync-harness.js';
import { DB_FILE } from '../../main/core/store.js';
import { tempDir } from '../support/temp-dir.js';
import { summarize, type Figure } from './stats.js';
import { labTickFigures } from './lab-tick-bench.js';

export async function coldStart(runs: number): Promise<number[]> {
  ensureRendererBuilt();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const out: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const seeded = seededDataDir();
      const d = tempDir('reservoir-cold-');
      copyFileSync(path.join(seeded.dir, DB_FILE), path.join(d.dir, DB_FILE));
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const t0 = performance.now();
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/host/serve.mjs'), '--data-dir', d.dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      const url = await new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (c: Buffer) => {
          buf += c.toString();
          const m = /Open: (http:\/\/\S+)/.exec(buf);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('exit', () => reject(new Error(`serve exited: ${buf}`)));
      });
      await page.goto(url);
      await page.waitForFunction(() => document.querySelectorAll('section.chart canvas').length >= 6 && document.querySelectorAll('[data-tile]').length >= 8);
      out.push(performance.now() - t0);
      await page.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      d.cleanup();
      seeded.cleanup();
    }
  } finally {
    await browser.close();
  }
  return out;
}

interface ChartRun {
  readonly kind: string;
  readonly jsMs: number;
  readonly frameMs: number;
  readonly canvases: number;
  readonly inkedCanvases: number;
}

/**
 * Our chart layer vs raw uPlot on the same synthetic points (labelled synthetic), each run in a fresh
 * page so both are cold, alternating which goes first.
 */
export async function chartLayerFigures(runs: number): Promise<Figure[]> {
  const dir = path.join(REPO_ROOT, 'dist', 'chart-bench');
  await build({ configFile: path.join(REPO_ROOT, 'test', 'bench', 'chart-page', 'vite.config.ts'), logLevel: 'warn' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
  const results: ChartRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      for (const pair of [['raw-1m', 'ours-1m'], ['raw-8x3', 'ours-8x3']] as const) {
        for (const kind of i % 2 === 0 ? pair : [...pair].reverse()) {
          const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
          await page.route('http://chart-bench.local/**', (route) => {
            const rel = decodeURIComponent(new URL(route.request().url()).pathname).replace(/^\/+/, '') || 'index.html';
            const file = path.join(dir, rel);
            if (!file.startsWith(dir)) return route.fulfill({ status: 404 });
            const type = rel.endsWith('.js') ? 'text/javascript' : rel.endsWith('.css') ? 'text/css' : 'text/html';
            return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
          });
          await page.goto('http://chart-bench.local/index.html');
          await page.waitForFunction(() => 'chartBench' in window);
          // The page defines window.chartBench (test/bench/chart-page/main.tsx).
          const r = (await page.evaluate((k) => (window as unknown as { chartBench: { run(k: string): Promise<unknown> } }).chartBench.run(k), kind)) as ChartRun;
          const want = kind.endsWith('8x3') ? 8 : 1;
          if (r.canvases !== want || r.inkedCanvases !== want) throw new Error(`chart bench ${kind}: ${r.inkedCanvases} of ${r.canvases} canvases drawn, expected ${want}`);
          results.push(r);
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  const figs: Figure[] = [];
  for (const [label, raw, ours] of [
    ['first draw of 1,000,000 points (synthetic)', 'raw-1m', 'ours-1m'],
    ['8 linked charts × 3 series × 10,000 points (synthetic)', 'raw-8x3', 'ours-8x3'],
  ] as const) {
    for (const [what, key] of [['drawn', 'jsMs'], ['drawn and painted', 'frameMs']] as const) {
      const r = summarize(results.filter((x) => x.kind === raw).map((x) => x[key]));
      const o = summarize(results.filter((x) => x.kind === ours).map((x) => x[key]));
      const ratio = o.median / r.median;
      figs.push({ name: `chart layer, ${label}: ${what}, ours`, unit: 'ms', ...o, goal: '≤ 1.2 × raw uPlot', met: ratio <= 1.2, note: `raw uPlot ${r.median.toFixed(1)} ms (min ${r.min.toFixed(1)}, max ${r.max.toFixed(1)}); ours/raw ${ratio.toFixed(2)}×` });
    }
  }
  return figs;
}

export async function browserFigures(opts: { heapSeconds: number }): Promise<Figure[]> {
  const figs: Figure[] = [...(await chartLayerFigures(7))];
  const cold = summarize(await coldStart(5));
  figs.push({ name: 'cold start, browser mode: process start → Monitor with every chart drawn', unit: 'ms', ...cold, goal: '≤ 1,000 ms', met: cold.median <= 1000, note: 'node dist/host/serve.mjs (what npm run serve and npm start run) on a seeded data dir, to the sixth chart drawn' });

  const app = await startE2eApp('http://127.0.0.1:9');
  try {
    const p = app.page;
    await p.waitForSelector('[data-chart="srf"] canvas');
    // PNG export of the whole Monitor.
    const exports: number[] = [];
    for (let i = 0; i < 5; i++) {
      await Promise.all([p.waitForEvent('download'), p.click('[data-action="export-monitor"]')]);
      exports.push(Number(await p.evaluate(() => document.body.dataset['lastExportMs'])));
    }
    const ex = summarize(exports);
    figs.push({ name: 'PNG export of the whole Monitor at 2× (6 charts, title, legends, footer)', unit: 'ms', ...ex, goal: '≤ 150 ms', met: ex.median <= 150 });

    // Each Analysis panel drawn cold on the full history: the tab's click to every chart in it drawn.
    await p.click('[data-view="analysis"]');
    // The view is its own chunk, loaded on first use: its tab bar appears once that has arrived.
    await p.waitForSelector('[data-tab]');
    // Panels of charts only: the events and alerts panels are tables and forms (alert evaluation has its own figure).
    const tabs = (await p.locator('[data-tab]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['tab'] ?? ''))).filter((t) => t !== 'events' && t !== 'alerts');
    if (tabs.length < 5) throw new Error(`Analysis bench: expected the five chart panels, found ${tabs.join(', ') || 'none'}`);
    for (const tab of tabs) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        // Away to another view and back, so the panel mounts afresh each time.
        await p.click('[data-view="data"]');
        await p.click('[data-view="analysis"]');
        const other = tabs.find((t) => t !== tab);
        if (other !== undefined) await p.click(`[data-tab="${other}"]`);
        const ms = await p.evaluate(async (id) => {
          const t0 = performance.now();
          (document.querySelector(`[data-tab="${id}"]`) as HTMLElement).click();
          // No named functions in here: tsx's keepNames would wrap them in a helper the page lacks.
          for (;;) {
            const panel = document.querySelector(`[data-panel="${id}"]`);
            const charts = panel ? [...panel.querySelectorAll('section.chart')] : [];
            if (charts.length > 0 && charts.every((c) => c.querySelector('canvas') !== null || c.querySelector('.empty') !== null)) break;
            await new Promise((r) => requestAnimationFrame(r));
          }
          return performance.now() - t0;
        }, tab);
        times.push(ms);
      }
      const a = summarize(times);
      figs.push({ name: `Analysis panel "${tab}": click → every chart drawn (full history)`, unit: 'ms', ...a, goal: '≤ 300 ms', met: a.median <= 300 });
    }

    // Slider ticks in the Scenario lab, without and with the uncertainty fan (lab-tick-bench.ts).
    figs.push(...(await labTickFigures(p)));

    // Heap after a period of slider use.
    const cdp = await p.context().newCDPSession(p);
    const heap = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      const u = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return u.usedSize / 1024 / 1024;
    };
    const h0 = await heap();
    const end = Date.now() + opts.heapSeconds * 1000;
    let k = 0;
    while (Date.now() < end) {
      await p.evaluate((i) => {
        const el = document.querySelector('[data-input="rmp1"]') as HTMLInputElement;
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, String((i * 5) % 150));
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }, k++);
    }
    const h1 = await heap();
    figs.push({ name: `renderer JS heap after ${opts.heapSeconds} s of slider use (${k} ticks)`, unit: 'MB', median: h1, min: h0, max: h1, goal: '≤ 50 MB, no growth', met: h1 <= 50 && h1 - h0 < 5, note: `before ${h0.toFixed(1)} MB, after ${h1.toFixed(1)} MB` });
  } finally {
    await app.close();
  }
  return figs;
}
