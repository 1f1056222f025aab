/**
 * A chart rebuilt under a resting mouse keeps its cursor (found by a user: with the mouse on the lab's
 * reserves chart, moving the RMP pace through 0 makes the RMP-band lines go and come back, the chart
 * is rebuilt, and the legend jumped to "latest …" until the mouse moved again).
 */
import { describe, expect, it } from 'vitest';
import { type E2eApp, useE2eApp } from '../support/e2e-app.js';

let app: E2eApp;
useE2eApp((a) => (app = a));

const setSlider = (id: string, v: number): Promise<void> =>
  app.page.evaluate(
    ([sel, value]) => {
      const el = document.querySelector(sel) as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, String(value));
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [`[data-input="${id}"]`, v] as const,
  );

describe('lab chart under a resting mouse', () => {
  it('keeps the cursor’s date in the legend when the RMP band appears and goes', async () => {
    const p = app.page;
    await p.click('[data-view="lab"]');
    await p.selectOption('[data-input="preset"]', 'Goldman baseline');
    const chart = p.locator('[data-chart="lab-reserves"]');
    await chart.locator('canvas').waitFor();
    const box = await chart.locator('.u-over').boundingBox();
    if (box === null) throw new Error('no plot area');
    await p.mouse.move(box.x + box.width * 0.7 - 3, box.y + box.height / 2);
    await p.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 2 });
    const date = chart.locator('.readout-date');
    await expect.poll(() => date.textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const before = await date.textContent();
    expect(await chart.locator('.legend-item:has-text("RMP ×")').count()).toBe(4);
    // Every RMP step to 0: no band, fewer lines, the chart is rebuilt; then back.
    for (const v of [0, 40]) {
      const steps = await p.locator('[data-input^="rmp"][type="range"]').count();
      for (let i = 0; i < steps; i++) await setSlider(`rmp${i}`, v);
      await expect.poll(() => chart.locator('.legend-item:has-text("RMP ×")').count()).toBe(v === 0 ? 0 : 4);
      await p.waitForTimeout(200);
      expect(await date.textContent()).toBe(before);
    }
  });
});
