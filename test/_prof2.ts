import { startE2eApp } from './support/e2e-app.js';
const what = process.argv[2] ?? 'lab';
const app = await startE2eApp('http://127.0.0.1:9');
app.page.on('console', (m) => console.log('page:', m.text()));
const p = app.page;
await p.waitForSelector('[data-chart="srf"] canvas');
const cdp = await p.context().newCDPSession(p);
type Prof = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };
const inclusive = (profile: Prof & { nodes: { children?: number[] }[] }, names: string[]): void => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfT = new Map<number, number>();
  profile.samples.forEach((id, i) => selfT.set(id, (selfT.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = (id: number): number => { const n = byId.get(id) as { children?: number[] }; return (selfT.get(id) ?? 0) + (n.children ?? []).reduce((a, c) => a + total(c), 0); };
  const acc = new Map<string, number>();
  const walk = (id: number, inside: Set<string>): void => {
    const n = byId.get(id)!; const nm = n.callFrame.functionName;
    const next = new Set(inside);
    if (names.includes(nm) && !inside.has(nm)) { acc.set(nm, (acc.get(nm) ?? 0) + total(id)); next.add(nm); }
    for (const c of ((n as { children?: number[] }).children ?? [])) walk(c, next);
  };
  walk(profile.nodes[0]!.id, new Set());
  for (const [k, v] of acc) console.log('incl', (v / 1000).toFixed(1).padStart(7), 'ms', k);
  // Self time of everything under drawSeries.
  const under = new Map<string, number>();
  const walk2 = (id: number, inside: boolean): void => {
    const n = byId.get(id)!; const nm = n.callFrame.functionName;
    const ins = inside || nm === 'drawSeries';
    if (ins) under.set(nm || '(anon)', (under.get(nm || '(anon)') ?? 0) + (selfT.get(id) ?? 0));
    for (const c of ((n as { children?: number[] }).children ?? [])) walk2(c, ins);
  };
  walk2(profile.nodes[0]!.id, false);
  [...under.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).forEach(([k, v]) => console.log('  under drawSeries', (v / 1000).toFixed(1).padStart(7), 'ms', k));
};
const report = (profile: Prof): void => {
  inclusive(profile as never, ['dispatchDiscreteEvent', '_commit', 'commitRoot', 'project', 'labSpecs', 'drawSeries', 'drawAxesGrid', 'renderRootSync', 'performWorkOnRoot', 'setData', 'flushPassiveEffects', 'commitLayoutEffects', 'commitPassiveMountOnFiber', 'drawClear', 'drawPath', 'cacheStrokeFill', 'updateInput', 'bandSummary', 'crossingSummary', 'historyFrom']);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => { const n = byId.get(id)!; const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0)); });
  [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).forEach(([k, t]) => console.log((t / 1000).toFixed(1).padStart(7), 'ms', k));
};
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
if (what === 'lab') {
  await p.click('[data-view="lab"]');
  await p.waitForSelector('[data-chart="lab-spread"] canvas');
  await p.fill('[data-field="horizonYears"]', '10');
  await p.waitForTimeout(300);
  await cdp.send('Profiler.start');
  const times = await p.evaluate(async () => {
    const el = document.querySelector('[data-input="rmp1"]') as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    const out: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      setter?.call(el, String((i * 5) % 150));
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise<void>((r) => queueMicrotask(() => queueMicrotask(r)));
      out.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(r));
    }
    return out.sort((a, b) => a - b);
  });
  console.log('tick median', times[100]?.toFixed(2), 'p95', times[190]?.toFixed(2));
} else {
  await cdp.send('Profiler.start');
  for (let i = 0; i < 5; i++) {
    await Promise.all([p.waitForEvent('download'), p.click('[data-action="export-monitor"]')]);
    console.log('export', await p.evaluate(() => document.body.dataset['lastExportMs']));
  }
}
const { profile } = (await cdp.send('Profiler.stop')) as { profile: Prof };
report(profile);
await app.close();
