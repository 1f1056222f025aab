/**
 * Issue 14 §3 end to end: the Scenario lab's uncertainty fan against the real renderer, core and
 * SQLite seeded from the snapshot. The fan is computed in a Web Worker, drawn as shaded quantile
 * bands on the reserves, reserves/GDP and spread charts, stays on screen while a slider is dragged,
 * and its crossing distribution is said in words. Screenshot: test-results/lab-fan.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { SHOTS, type E2eApp, useE2eApp, chooseCsvRange } from '../support/e2e-app.js';
import { download } from '../support/e2e-charts.js';
import { parseCsv } from '../../shared/parse/csv.js';
import { REPO_ROOT } from '../support/paths.js';

let app: E2eApp;
useE2eApp((a) => (app = a), { width: 1500, height: 1100 });

const CROSSING = /^reserves\/GDP (reaches|falls below) 10% — 50%: (\d{4}-\d{2}|after \d{4}-\d{2}); 10–90%: (\d{4}-\d{2}|after \d{4}-\d{2}) … (\d{4}-\d{2}|after \d{4}-\d{2}); \d+% of paths never within the horizon \(to \d{4}-\d{2}\) \(500 paths, seed 1\)$/;

const fanLegend = (p: Page, chart: string): Locator => p.locator(`[data-chart="${chart}"] .legend-item[data-series="FAN_P50"]`);

/** The chart's full CSV as rows of named columns (header → text). */
async function csvRows(p: Page, chart: string): Promise<Record<string, string>[]> {
  const c = p.locator(`[data-chart="${chart}"]`);
  await chooseCsvRange(c, 'full');
  const csv = await download(p, () => c.locator('button:has-text("CSV")').click());
  const parsed = parseCsv(csv.text);
  if (!parsed.ok) throw new Error('CSV did not parse');
  const [head, ...rows] = parsed.value;
  return rows.map((r) => Object.fromEntries((head ?? []).map((h, i) => [h, r[i] ?? ''])));
}

const col = (row: Record<string, string>, start: string): number => {
  const k = Object.keys(row).find((h) => h.startsWith(start));
  return k === undefined || row[k] === '' ? Number.NaN : Number(row[k]);
};

/**
 * Pixels of the chart's canvas (transparent; the page's background shows through) in the projection's
 * orange (#D55E00) and translucent: the fan's shaded ranges are thousands of them; the edges of the
 * projection's own 1.5 px line a few dozen.
 */
async function orangePixels(p: Page, chart: string): Promise<number> {
  return p.evaluate((key) => {
    const c = document.querySelector(`[data-chart="${key}"] canvas`) as HTMLCanvasElement | null;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return -1;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b, a] = [d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0, d[i + 3] ?? 0];
      if (r > 180 && g > 60 && g < 130 && b < 60 && a >= 20 && a <= 160) n++;
    }
    return n;
  }, chart);
}

async function settled(p: Page): Promise<void> {
  await p.waitForSelector('.fan-controls[data-fan="ready"]', { timeout: 20_000 });
}

describe('Scenario lab: uncertainty fan', () => {
  it('turns on, draws the bands on three charts from a worker, and says when 10% is crossed', async () => {
    const p = app.page;
    await p.click('[data-view="lab"]');
    await p.waitForSelector('[data-chart="lab-reserves"] .u-over', { timeout: 30_000 });
    expect(await fanLegend(p, 'lab-reserves').count()).toBe(0);
    const plain = await orangePixels(p, 'lab-reserves');
    await p.check('[data-input="fan"]');
    await settled(p);
    // The shaded ranges are drawn (bands-layer.ts), not only listed in the legend.
    await expect.poll(() => orangePixels(p, 'lab-reserves')).toBeGreaterThan(plain + 3000);
    expect(await p.getAttribute('.fan-controls', 'data-fan-where')).toBe('worker');
    const text = (await p.textContent('[data-result="fan-crossing"]')) ?? '';
    expect(text).toMatch(CROSSING);
    for (const chart of ['lab-reserves', 'lab-ratio', 'lab-spread']) await expect.poll(() => fanLegend(p, chart).count()).toBe(1);
    expect(await fanLegend(p, 'lab-nl').count()).toBe(0);
    // The sd fields are named by their labels and hold the defaults from history.
    const tga = p.getByRole('spinbutton', { name: 'TGA level sd ($bn)' });
    expect(Number(await tga.inputValue())).toBeGreaterThan(50);
    expect(Number(await p.getByRole('spinbutton', { name: 'NGDP growth sd (pp/yr)' }).inputValue())).toBeGreaterThan(0.5);

    // The fan's numbers: 10% ≤ median ≤ 90% in every projected month, widening to hundreds of $bn.
    const rows = (await csvRows(p, 'lab-reserves')).filter((r) => Number.isFinite(col(r, 'Fan median')));
    expect(rows.length).toBeGreaterThanOrEqual(60);
    for (const r of rows) {
      expect(col(r, 'Fan 10%')).toBeLessThanOrEqual(col(r, 'Fan 25%'));
      expect(col(r, 'Fan 25%')).toBeLessThanOrEqual(col(r, 'Fan median'));
      expect(col(r, 'Fan median')).toBeLessThanOrEqual(col(r, 'Fan 75%'));
      expect(col(r, 'Fan 75%')).toBeLessThanOrEqual(col(r, 'Fan 90%'));
    }
    const last = rows[rows.length - 1] ?? {};
    expect(col(last, 'Fan 90%') - col(last, 'Fan 10%')).toBeGreaterThan(200);
    // t = 0 is data: every quantile is the anchor's reserves.
    expect(col(rows[0] ?? {}, 'Fan 10%')).toBe(col(rows[0] ?? {}, 'Fan 90%'));
    // axe-core on the fan's controls (as test/e2e/a11y.e2e.test.ts does for whole views): no serious or critical finding.
    await p.evaluate(`${readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')}\n;void 0;`);
    const found = await p.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<AxeResults> } }).axe;
      const el = document.querySelector('.fan-controls');
      if (el === null) return ['no .fan-controls'];
      const r = await axe.run(el, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(found).toEqual([]);
    await p.screenshot({ path: path.join(SHOTS, 'lab-fan.png'), fullPage: true });
    expect(app.pageErrors).toEqual([]);
  });

  it('stays drawn while a slider is dragged and follows it', async () => {
    const p = app.page;
    const before = await p.textContent('[data-result="fan-crossing"]');
    const slider = p.locator('[data-input="rmp1"]');
    const box = await slider.boundingBox();
    if (!box) throw new Error('no slider');
    await p.mouse.click(box.x + 4, box.y + box.height / 2);
    await p.mouse.down();
    const seen: number[] = [];
    for (let k = 1; k <= 10; k++) {
      await p.mouse.move(box.x + 4 + ((box.width - 6) * k) / 10, box.y + box.height / 2);
      seen.push(await fanLegend(p, 'lab-ratio').count());
    }
    await p.mouse.up();
    // The last fan stays on screen while the next computes: never a tick without it.
    expect(seen.every((n) => n === 1)).toBe(true);
    expect(await p.inputValue('[data-field="rmp1"]')).toBe('150');
    await settled(p);
    const after = (await p.textContent('[data-result="fan-crossing"]')) ?? '';
    expect(after).toMatch(CROSSING);
    expect(after).not.toBe(before);
    // $150bn a month from 2026-05 refills reserves: the median path reaches 10% within the horizon.
    expect(after).toMatch(/^reserves\/GDP reaches 10% — 50%: \d{4}-\d{2};/);
    // The worker's own time for a 10-year fan (the bench's goal is ≤ 40 ms; here only a gross regression fails).
    await p.fill('[data-field="horizonYears"]', '10');
    await expect.poll(async () => (await p.textContent('[data-result="fan-crossing"]')) ?? '').toMatch(/\(to 2036-07\)/);
    await settled(p);
    const ms: number[] = [];
    for (let k = 0; k < 5; k++) {
      const shown = Number(await p.getAttribute('.fan-controls', 'data-fan-shown'));
      // Always a new value (the field may already hold 4.0), so every step asks for a new fan.
      await p.fill('[data-field="ngdpGrowthPctYr"]', (4.1 + k / 10).toFixed(1));
      // A new fan is told by its answer number (found: waiting for a different compute time timed out when two fans took the same 0.1 ms).
      await expect.poll(async () => Number(await p.getAttribute('.fan-controls', 'data-fan-shown'))).toBeGreaterThan(shown);
      await settled(p);
      ms.push(Number(await p.getAttribute('.fan-controls', 'data-fan-ms')));
    }
    console.log(`500-path 10-year fan in the worker (Chromium): ${ms.map((m) => m.toFixed(1)).join(', ')} ms`);
    expect(Math.min(...ms)).toBeLessThan(400);
    await p.screenshot({ path: path.join(SHOTS, 'lab-fan-dragged.png'), fullPage: true });
    expect(app.pageErrors).toEqual([]);
  });

  it('while a slider moves every frame, the fan and the tables follow it a few times a second and end on its last value', async () => {
    // Found (issue 12/14 bench): the worker recomputed back to back (≈210 fans in 240 ticks), taking a
    // core from the page, and every fan and every deferred table render laid out and painted the page
    // once more per frame: the drag fell to 30 frames a second. Now fans start ≥ 100 ms apart
    // (use-fan.ts) and the tables and solve box follow at most every 120 ms (use-trailing.ts).
    const p = app.page;
    if ((await p.locator('[data-input="fan"]').count()) === 0) {
      await p.click('[data-view="lab"]');
      await p.waitForSelector('[data-input="fan"]', { timeout: 30_000 });
    }
    await p.check('[data-input="fan"]');
    await settled(p);
    const counts = await p.evaluate(async () => {
      const el = document.querySelector('[data-input="rmp1"]') as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      const fan = document.querySelector('.fan-controls') as HTMLElement;
      const shown0 = Number(fan.dataset['fanShown']);
      let tableChanges = 0;
      const watch = new MutationObserver((rs) => {
        tableChanges += rs.length > 0 ? 1 : 0;
      });
      const table = document.querySelector('[data-table="bills"]');
      if (table !== null) watch.observe(table, { subtree: true, characterData: true, childList: true });
      const t0 = performance.now();
      for (let i = 0; i < 90; i++) {
        await new Promise((r) => requestAnimationFrame(r));
        setter?.call(el, String(10 + (i % 28) * 5));
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
      const ms = performance.now() - t0;
      watch.disconnect();
      return { fans: Number(fan.dataset['fanShown']) - shown0, tableChanges, ms, watched: table !== null };
    });
    expect(counts.watched).toBe(true);
    // 90 frames (≈1.5 s at 60 Hz, longer on a slow machine): at most one fan per 100 ms started, plus the one in flight.
    const bound = Math.ceil(counts.ms / 100) + 2;
    expect(counts.fans).toBeGreaterThanOrEqual(2);
    expect(counts.fans).toBeLessThanOrEqual(bound);
    // The tables changed in batches (each batch one MutationObserver callback), not on all 90 frames.
    expect(counts.tableChanges).toBeGreaterThanOrEqual(2);
    expect(counts.tableChanges).toBeLessThanOrEqual(Math.ceil(counts.ms / 120) + 3);
    // Once the slider stops, the fan and the tables catch up with its last value ($10 + 5×(89 mod 28) = $35bn).
    expect(await p.inputValue('[data-field="rmp1"]')).toBe('35');
    await settled(p);
    const crossing = (await p.textContent('[data-result="fan-crossing"]')) ?? '';
    expect(crossing).toMatch(CROSSING);
    expect(app.pageErrors).toEqual([]);
  });

  it('collapses onto the projection with every sd at zero', async () => {
    const p = app.page;
    for (const name of ['Curve uncertainty (× fit covariance)', 'NGDP growth sd (pp/yr)', 'Currency growth sd (pp/yr)', 'TGA level sd ($bn)']) await p.getByRole('spinbutton', { name }).fill('0');
    await settled(p);
    await expect.poll(async () => (await csvRows(p, 'lab-ratio')).filter((r) => Number.isFinite(col(r, 'Fan median'))).every((r) => col(r, 'Fan 10%') === col(r, 'Fan 90%'))).toBe(true);
    const rows = (await csvRows(p, 'lab-ratio')).filter((r) => Number.isFinite(col(r, 'Fan median')));
    for (const r of rows) expect(col(r, 'Fan median')).toBe(col(r, 'Reserves/GDP (projection)'));
    await p.uncheck('[data-input="fan"]');
    expect(await fanLegend(p, 'lab-reserves').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('keeps its toggle and sds across a view switch, a preset change, an anchor change and a reload', async () => {
    const p = app.page;
    const ngdp = p.getByRole('spinbutton', { name: 'NGDP growth sd (pp/yr)' });
    const tga = p.getByRole('spinbutton', { name: 'TGA level sd ($bn)' });
    const shown = async (): Promise<{ on: boolean; ngdp: string; tga: string }> => ({ on: await p.isChecked('[data-input="fan"]'), ngdp: await ngdp.inputValue(), tga: await tga.inputValue() });
    const drawn = async (): Promise<void> => {
      await settled(p);
      for (const chart of ['lab-reserves', 'lab-ratio', 'lab-spread']) await expect.poll(() => fanLegend(p, chart).count()).toBe(1);
    };
    await p.check('[data-input="fan"]');
    // The sds typed in the previous test (all zero) were kept with the toggle off; set two of them.
    await ngdp.fill('1.3');
    await tga.fill('150');
    await drawn();
    const crossing = (await p.textContent('[data-result="fan-crossing"]')) ?? '';
    expect(crossing).toMatch(CROSSING);
    expect(await shown()).toEqual({ on: true, ngdp: '1.3', tga: '150' });

    // Away to the Monitor (the lab unmounts) and back.
    await p.click('[data-view="monitor"]');
    await p.waitForSelector('.view.monitor');
    expect(await p.locator('[data-input="fan"]').count()).toBe(0);
    await p.click('[data-view="lab"]');
    await p.waitForSelector('[data-chart="lab-reserves"] .u-over', { timeout: 30_000 });
    expect(await shown()).toEqual({ on: true, ngdp: '1.3', tga: '150' });
    await drawn();
    // The same seeded fan for the same inputs: the same words.
    expect(await p.textContent('[data-result="fan-crossing"]')).toBe(crossing);

    // A reload: the state comes back from the store.
    await p.waitForFunction(() => document.body.dataset['uiState'] === 'saved');
    await p.reload();
    await p.waitForSelector('[data-input="fan"]', { timeout: 30_000 }).catch(async () => {
      await p.click('[data-view="lab"]');
      await p.waitForSelector('[data-input="fan"]', { timeout: 30_000 });
    });
    expect(await shown()).toEqual({ on: true, ngdp: '1.3', tga: '150' });
    await drawn();
    expect(await p.textContent('[data-result="fan-crossing"]')).toBe(crossing);

    // A preset change resets the inputs, not the fan.
    await p.selectOption('[data-input="preset"]', 'Goldman baseline');
    await expect.poll(() => p.inputValue('[data-input="preset"]')).toBe('Goldman baseline');
    expect(await shown()).toEqual({ on: true, ngdp: '1.3', tga: '150' });
    await drawn();
    // A past anchor: the context (and its defaults from history) change, the typed sds stay.
    await p.fill('[data-input="anchor"]', '2025-11-26');
    await p.click('[data-action="anchor-set"]');
    await p.waitForSelector('[data-table="actual-errors"]', { timeout: 30_000 });
    await p.waitForSelector('[data-input="fan"]', { timeout: 30_000 });
    expect(await shown()).toEqual({ on: true, ngdp: '1.3', tga: '150' });
    await drawn();
    expect(await p.textContent('[data-result="fan-crossing"]')).toMatch(CROSSING);
    await p.screenshot({ path: path.join(SHOTS, 'lab-fan-kept.png'), fullPage: true });
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
