/**
 * The Scenario lab's slider-tick figures (browser-bench.ts runs them on its app; a scratch script can
 * run them alone on its own): the tick without the fan, the frame interval while dragging, and the
 * same tick with the uncertainty fan on (issue 14, speed: "the slider tick p95 stays ≤ 8 ms with the
 * fan on; the fan updates when the worker returns").
 */
import type { Page } from 'playwright-core';
import { summarize, type Figure } from './stats.js';

interface Ticks {
  /** Input event → React's synchronous render and uPlot's microtask commit, per tick (ms). */
  readonly times: number[];
  /** requestAnimationFrame intervals during the ticks, the first two dropped (ms). */
  readonly frames: number[];
}

/** 240 ticks of the first RMP slider, one per animation frame, each timed to its charts' commit. */
export async function sliderTicks(p: Page): Promise<Ticks> {
  return p.evaluate(async () => {
    const el = document.querySelector('[data-input="rmp1"]') as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    const times: number[] = [];
    const frames: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 240; i++) {
      await new Promise<void>((resolve) =>
        requestAnimationFrame((ts) => {
          frames.push(ts - last);
          last = ts;
          const t0 = performance.now();
          setter?.call(el, String((i * 5) % 150));
          el.dispatchEvent(new Event('input', { bubbles: true }));
          // React flushes a discrete input synchronously; uPlot commits in a microtask.
          queueMicrotask(() =>
            queueMicrotask(() => {
              times.push(performance.now() - t0);
              resolve();
            }),
          );
        }),
      );
    }
    return { times, frames: frames.slice(2) };
  });
}

/** From the Monitor (or any view) of a running app: into the lab, 10-year horizon, both tick runs. */
export async function labTickFigures(p: Page): Promise<Figure[]> {
  const figs: Figure[] = [];
  // Slider ticks in the Scenario lab: 10-year horizon, each tick = recompute + redraw of every chart.
  await p.click('[data-view="lab"]');
  await p.waitForSelector('[data-chart="lab-spread"] canvas');
  await p.fill('[data-field="horizonYears"]', '10');
  // Five scenarios per tick: the edited one and its RMP pace band (×0.5, ×0.75, ×1.25, ×1.5).
  await p.waitForSelector('[data-result="band"]:has-text("×1.5")');
  const bandLines = await p.locator('[data-chart="lab-reserves"] .legend-item:has-text("RMP ×")').count();
  if (bandLines !== 4) throw new Error(`lab bench: expected the 4-line RMP band, found ${bandLines}`);
  if (await p.isChecked('[data-input="fan"]')) await p.uncheck('[data-input="fan"]');
  const tick = await sliderTicks(p);
  const t = summarize(tick.times);
  figs.push({ name: 'slider tick in the Scenario lab: 5 scenarios × 10 y recomputed + 4 charts redrawn', unit: 'ms', ...t, goal: 'p95 ≤ 8 ms', met: t.p95 <= 8, note: 'the edited scenario and its RMP pace band (×0.5, ×0.75, ×1.25, ×1.5)' });
  const f = summarize(tick.frames);
  figs.push({ name: 'frame interval while dragging (software raster, headless)', unit: 'ms', ...f, goal: 'no frame over 33 ms', met: f.max <= 33 });

  // The same ticks with the fan on: each tick also posts the new request to the worker (at most one
  // in flight) and redraws the three fanned charts with the last fan received; a fan that returns
  // redraws them once more, between ticks (counted, and seen in the frame intervals).
  await p.check('[data-input="fan"]');
  await p.waitForSelector('.fan-controls[data-fan="ready"]', { timeout: 30_000 });
  const where = await p.getAttribute('.fan-controls', 'data-fan-where');
  const fanLines = await p.locator('[data-chart="lab-ratio"] .legend-item[data-series="FAN_P50"]').count();
  if (where !== 'worker' || fanLines !== 1) throw new Error(`lab bench: expected the fan drawn from a worker, found ${fanLines} median line(s), computed on ${where ?? 'nothing'}`);
  await p.evaluate(() => {
    const w = window as unknown as { fanUpdates: number; fanObserver?: MutationObserver };
    w.fanUpdates = 0;
    w.fanObserver = new MutationObserver((records) => {
      w.fanUpdates += records.length;
    });
    // A fan received sets its worker time on the controls (the crossing text also flips on "updating…").
    const el = document.querySelector('.fan-controls');
    if (el !== null) w.fanObserver.observe(el, { attributes: true, attributeFilter: ['data-fan-ms'] });
  });
  const fanTick = await sliderTicks(p);
  const updates = await p.evaluate(() => {
    const w = window as unknown as { fanUpdates: number; fanObserver?: MutationObserver };
    w.fanObserver?.disconnect();
    return w.fanUpdates;
  });
  await p.waitForSelector('.fan-controls[data-fan="ready"]', { timeout: 30_000 });
  const workerMs = Number(await p.getAttribute('.fan-controls', 'data-fan-ms'));
  const ft = summarize(fanTick.times);
  const ff = summarize(fanTick.frames);
  figs.push({
    name: 'slider tick in the Scenario lab with the uncertainty fan on: as above + fan request posted + 3 fanned charts redrawn',
    unit: 'ms',
    ...ft,
    goal: 'p95 ≤ 8 ms',
    met: ft.p95 <= 8,
    note: `500-path 10-year fan in a Web Worker (last one ${workerMs.toFixed(1)} ms there); ≈${updates} fans received and drawn between the 240 ticks (changes of the worker time shown); frame interval median ${ff.median.toFixed(1)} ms, p95 ${ff.p95.toFixed(1)}, max ${ff.max.toFixed(1)} ms`,
  });
  // The heap figure that follows drags the slider without the fan, as before this run was added.
  await p.uncheck('[data-input="fan"]');
  return figs;
}
