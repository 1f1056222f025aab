import path from 'node:path';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './support/e2e-app.js';
import { REPO_ROOT } from './support/paths.js';
const dir = path.join(REPO_ROOT, 'dist', 'chart-bench');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
type Node = { id: number; callFrame: { functionName: string }; children?: number[] };
const names = ['performWorkOnRoot', 'renderRootSync', 'commitRoot', 'flushPassiveEffects', 'uPlot', '_commit', 'drawData', 'buildOptions', 'toUplotData', 'drawSeries', 'drawAxesGrid', 'setSize', 'syncRect', 'axesCalc', 'run', 'createElement', 'appendChild', 'getBoundingClientRect', 'setScales', 'walk', 'dataset'];
const totals = new Map<string, number[]>();
for (let i = 0; i < 6; i++) for (const kind of i % 2 ? ['raw-8x3', 'ours-8x3'] : ['ours-8x3', 'raw-8x3']) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.route('http://chart-bench.local/**', (route) => {
    const rel = new URL(route.request().url()).pathname.replace(/^\/+/, '') || 'index.html';
    return route.fulfill({ status: 200, contentType: rel.endsWith('.js') ? 'text/javascript' : rel.endsWith('.css') ? 'text/css' : 'text/html', body: readFileSync(path.join(dir, rel)) });
  });
  await page.goto('http://chart-bench.local/index.html');
  await page.waitForFunction(() => 'chartBench' in window);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const r = (await page.evaluate((k) => (window as unknown as { chartBench: { run(k: string): Promise<{ jsMs: number }> } }).chartBench.run(k), kind));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfT = new Map<number, number>();
  profile.samples.forEach((id, j) => selfT.set(id, (selfT.get(id) ?? 0) + (profile.timeDeltas[j] ?? 0)));
  const total = (id: number): number => (selfT.get(id) ?? 0) + (byId.get(id)?.children ?? []).reduce((a, c) => a + total(c), 0);
  const acc = new Map<string, number>([['jsMs', r.jsMs * 1000]]);
  const walk = (id: number, inside: Set<string>): void => {
    const n = byId.get(id)!; const nm = n.callFrame.functionName || '(program)';
    const next = new Set(inside);
    if ((names.includes(nm) || nm === '(program)' || nm === '(garbage collector)') && !inside.has(nm)) { acc.set(nm, (acc.get(nm) ?? 0) + (nm.startsWith('(') ? (selfT.get(id) ?? 0) : total(id))); next.add(nm); }
    for (const c of n.children ?? []) walk(c, next);
  };
  walk(profile.nodes[0]!.id, new Set());
  for (const [k, v] of acc) { const key = `${kind} ${k}`; totals.set(key, [...(totals.get(key) ?? []), v / 1000]); }
  await page.close();
}
const med = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? 0;
for (const [k, v] of [...totals.entries()].sort()) console.log(k.padEnd(40), med(v).toFixed(1));
await browser.close();
