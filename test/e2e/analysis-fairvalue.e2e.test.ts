/**
 * Issue 14 §4 end to end: the Analysis view's "Fair value" tab against the real renderer, core and SQLite
 * seeded from the snapshot: the late-2025 summary, the three charts drawn (spreads vs implied, residual,
 * rolling ample edges), hover readouts matching `npm run cli -- fairvalue`, the window choice, and
 * screenshots in both themes (test-results/analysis-fairvalue-*.png).
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { type E2eApp, SHOTS, useE2eApp } from '../support/e2e-app.js';
import { hoverDay, readout, themeShots } from '../support/e2e-charts.js';

let app: E2eApp;
useE2eApp((a) => (app = a), { width: 1500, height: 1000 });

const day = (iso: string): number => Date.parse(`${iso}T12:00:00Z`) / 86_400_000;

describe('Analysis: fair value', () => {
  it('shows actual vs implied, the residual and the rolling ample edge, with the late-2025 answer', async () => {
    const p = app.page;
    await p.click('[data-view="analysis"]');
    await p.waitForSelector('.view.analysis', { timeout: 20_000 });
    await p.click('[data-tab="fairvalue"]');
    const panel = p.locator('[data-panel="fairvalue"]');
    await panel.locator('section.chart .u-over').first().waitFor({ timeout: 60_000 });
    expect(await panel.locator('section.chart').count()).toBe(3);
    for (const key of ['fairvalue-spreads', 'fairvalue-residuals', 'fairvalue-edges']) {
      const c = panel.locator(`[data-chart="${key}"]`);
      await c.locator('canvas').first().waitFor();
      // Drawn: the canvas has non-blank pixels.
      const inked = await c.locator('canvas').first().evaluate((cv) => {
        const el = cv as HTMLCanvasElement;
        const ctx = el.getContext('2d');
        if (ctx === null) return 0;
        const px = ctx.getImageData(0, 0, el.width, el.height).data;
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if ((px[i] ?? 0) > 0) n++;
        return n;
      });
      expect(inked, key).toBeGreaterThan(1000);
    }
    // The numbers the CLI prints on a fresh folder (test/main/core/cli/fairvalue-cli.test.ts).
    const residual = await panel.locator('[data-summary="fairvalue-residual"]').textContent();
    expect(residual).toMatch(/2025-09-01 … 2025-12-31 \(18 weeks\): EFFR − IORB averaged −3\.7 bp against an implied −3\.3 bp, a residual of −0\.4 bp \(about at fair value\)/);
    expect(residual).toMatch(/SOFR − IORB averaged \+5\.2 bp, \+8\.5 bp against the curve \(above fair value\), \+9\.9 bp beyond its usual −1\.3 bp gap/);
    const rolling = await panel.locator('[data-summary="fairvalue-rolling"]').textContent();
    expect(rolling).toMatch(/63 windows of 2 years: 19 identified, 9 weak, 35 not identified/);
    expect(rolling).toMatch(/Latest identified window 2024-08-20 … 2026-08-19: 1 bp\/pp at 12\.12%, 2 bp\/pp at 10\.86% of GDP/);
    expect(await panel.locator('[data-table="fairvalue-quarters"] [data-row="2025Q4"] [data-cell="sofr-resid"]').textContent()).toBe('+10.02 bp');
    expect(await panel.locator('[data-table="fairvalue-windows"] [data-status="not-identified"]').count()).toBe(35);

    const spreads = panel.locator('[data-chart="fairvalue-spreads"]');
    // One pixel is ~4.5 days here, so the cursor lands on whichever day its pixel is: the readout must show
    // that day's week as `fairvalue --json` has it (SOFR − IORB, implied; one decimal in the legend).
    const known: Readonly<Record<string, readonly [string, string]>> = {
      '2025-10-29': ['+11.6 bp', '−2.9 bp'],
      '2025-11-05': ['+16.0 bp', '−3.0 bp'],
      '2025-11-12': ['+4.5 bp', '−2.9 bp'],
    };
    let checked = 0;
    for (let k = 0; k < 12; k++) {
      await hoverDay(spreads, day('2025-10-29') + 2 * k);
      const r = await readout(spreads);
      const wk = /\((\d{4}-\d\d-\d\d)\)/.exec(r.items['sofr'] ?? '')?.[1] ?? r.date;
      const want = known[wk];
      if (want === undefined) continue;
      expect(r.items['sofr'], JSON.stringify(r)).toMatch(new RegExp(`^\\${want[0]}`));
      expect(r.items['implied'], JSON.stringify(r)).toMatch(new RegExp(`^${want[1]}`));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
    expect(await spreads.locator('h3').textContent()).toMatch(/\(bp\)/);

    const edges = panel.locator('[data-chart="fairvalue-edges"]');
    expect(await edges.locator('h3').textContent()).toMatch(/Rolling 2-year fit.*\(% of GDP\)/);
    await expect
      .poll(async () => {
        // Windows ending 2020-12-31 and 2021-03-31 (through the 2019 spike): 8.33% and 8.38% (fairvalue --json).
        await hoverDay(edges, day('2021-02-15'));
        return (await readout(edges)).items['edge1'] ?? '';
      })
      .toMatch(/^8\.3\d%/);
    await p.selectOption('[data-input="fairvalue-window"]', '3');
    await expect.poll(() => edges.locator('h3').textContent(), { timeout: 60_000 }).toMatch(/Rolling 3-year fit/);
    await p.selectOption('[data-input="fairvalue-window"]', '2');
    await expect.poll(() => edges.locator('h3').textContent(), { timeout: 60_000 }).toMatch(/Rolling 2-year fit/);
    await themeShots(p, 'fairvalue');
    // Each chart on its own (the full page is long), in the theme the shots ended on.
    for (const key of ['fairvalue-spreads', 'fairvalue-residuals', 'fairvalue-edges']) await panel.locator(`[data-chart="${key}"]`).screenshot({ path: path.join(SHOTS, `analysis-${key}.png`) });
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
