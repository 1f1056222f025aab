/** Chart helpers the end-to-end suites share: downloads, hovering a day, the legend box, theme screenshots. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SHOTS } from './e2e-app.js';

/** Runs `click` and returns the download it starts: its file name, text and bytes. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const bytes = readFileSync(await dl.path());
  return { name: dl.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

/** Moves the mouse over a chart's plot to the pixel of `day` (an epoch day, or a day offset on an event-aligned chart). */
export async function hoverDay(chart: Locator, day: number): Promise<void> {
  const over = chart.locator('.u-over');
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  if (!box) throw new Error('no plot');
  const xmin = Number(await chart.getAttribute('data-xmin'));
  const xmax = Number(await chart.getAttribute('data-xmax'));
  const px = box.x + ((day - xmin) / (xmax - xmin)) * box.width;
  await chart.page().mouse.move(px - 3, box.y + box.height / 2);
  await chart.page().mouse.move(px, box.y + box.height / 2, { steps: 2 });
}

/** The legend box as data: the date, each series' shown value text, and the whole box's text. */
export const readout = (chart: Locator): Promise<{ date: string; items: Record<string, string>; labels: string }> =>
  chart.evaluate((e) => ({
    date: e.querySelector('.readout-date')?.textContent ?? '',
    items: Object.fromEntries([...e.querySelectorAll<HTMLElement>('.readout [data-series]')].map((i) => [i.dataset['series'] ?? '', i.querySelector('.legend-value')?.textContent ?? ''])),
    labels: e.querySelector('.readout')?.textContent ?? '',
  }));

/** Full-page screenshots of the current view in the light and the dark theme: test-results/analysis-NAME-THEME.png. */
export async function themeShots(p: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark']) {
    if ((await p.evaluate(() => document.documentElement.dataset['theme'])) !== theme) {
      await p.locator('nav.top .brand').click();
      await p.keyboard.press('t');
      await p.waitForFunction((t) => document.documentElement.dataset['theme'] === t, theme);
    }
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.waitForTimeout(400);
    await p.screenshot({ path: path.join(SHOTS, `analysis-${name}-${theme}.png`), fullPage: true });
  }
}
