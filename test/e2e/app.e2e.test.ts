/**
 * The workstation end to end in Debian's Chromium: browser mode, real core, real SQLite seeded from
 * the snapshot, sources replayed on loopback. Screenshots of each view go to test-results/.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { SHOTS, type E2eApp, useE2eApp, chooseCsvRange } from '../support/e2e-app.js';
import { REPO_ROOT } from '../support/paths.js';
import { parseCsv } from '../../shared/parse/csv.js';

let app: E2eApp;
useE2eApp((a) => (app = a));

const shot = (name: string): Promise<Buffer> => app.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function download(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([app.page.waitForEvent('download'), click()]);
  const p = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(p) };
}

/** Drags across a plot from one fraction of its width to another (uPlot's drag-to-zoom); returns its box. */
async function dragAcross(plot: Locator, from: number, to: number): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await plot.boundingBox();
  if (!box) throw new Error('no plot');
  const p = app.page;
  await p.mouse.move(box.x + box.width * from, box.y + box.height / 2);
  await p.mouse.down();
  await p.mouse.move(box.x + box.width * to, box.y + box.height / 2, { steps: 5 });
  await p.mouse.up();
  return box;
}

/** Reads width and height from a PNG's IHDR and counts the distinct colours of its decoded pixels. */
function pngInfo(buf: Buffer): { width: number; height: number; distinctRows: number } {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = raw.length / height;
  const rows = new Set<string>();
  // Whole (filtered) rows, every 7th: a blank or single-colour image has very few distinct ones.
  for (let y = 0; y < height; y += 7) rows.add(createHash('sha1').update(raw.subarray(y * stride + 1, (y + 1) * stride)).digest('hex'));
  return { width, height, distinctRows: rows.size };
}

describe('Reservoir in the browser', () => {
  it('first launch offline shows the Monitor with real values', async () => {
    const p = app.page;
    await p.waitForSelector('[data-tile="reserves"]');
    expect(await p.textContent('[data-tile="reserves"] .tile-value')).toMatch(/^\$\d,\d{3}bn$/);
    // Issue 12: the EFFR tile says what its number is; no money text shows "−$0bn" or "$0.00bn" (design.md §7).
    expect(await p.textContent('[data-tile="effr-range"] .tile-value')).toMatch(/^−?\d+%$/);
    expect(await p.textContent('[data-tile="effr-range"] .tile-change')).toMatch(/^of the way from the bottom \(\d+\.\d{2}%\) to the top \(\d+\.\d{2}%\) of the range; EFFR \d+\.\d{2}%$/);
    const tileText = (await p.locator('[data-tile]').allTextContents()).join(' | ');
    expect(tileText).not.toMatch(/[−-]\$0(\.0+)?bn|\$0\.00bn/);
    expect(await p.locator('section.chart').count()).toBe(6);
    // The SRF chart's data (its CSV export) holds the record take-up of 2025-10-31.
    const csv = await download(() => p.click('[data-chart="srf"] button:has-text("CSV")'));
    const rows = parseCsv(csv.bytes.toString('utf8'));
    expect(rows.ok).toBe(true);
    if (rows.ok) {
      expect(rows.value[0]).toEqual(['date', 'RPONTTLD ($bn)']);
      expect(rows.value.find((r) => r[0] === '2025-10-31')).toEqual(['2025-10-31', '50.35']);
    }
    await shot('monitor');
  });

  it('the Monitor inputs are behind their release calendar: a banner in every view names the data dates; tiles count releases', async () => {
    const p = app.page;
    // The snapshot ends in 2026-08/10 and the clock is later, so on this first launch the banner must show.
    const banner = p.locator('[data-banner="freshness"]');
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    expect(text).toMatch(/Monitor inputs are behind their release calendar: newest data \d{4}-\d{2}-\d{2} \([A-Z0-9_]+\), oldest \d{4}-\d{2}-\d{2} \([A-Z0-9_]+\)/);
    expect(text).toMatch(/bundled offline snapshot/);
    expect(await banner.locator('[data-action="banner-sync"]').textContent()).toBe('Sync now');
    expect(await p.textContent('[data-tile="reserves"] [data-freshness]')).toMatch(/^(up to date|1 release behind|\d+ releases behind)/);
    for (const v of ['workspace', 'lab', 'compare', 'data', 'monitor']) {
      await p.click(`[data-view="${v}"]`);
      await banner.waitFor();
    }
    await p.waitForSelector('[data-tile="reserves"]');
  });

  it('linked cursor: hovering one chart moves the readout of every chart', async () => {
    const p = app.page;
    await p.locator('[data-chart="reserves"] .u-over').scrollIntoViewIfNeeded();
    const box = await p.locator('[data-chart="reserves"] .u-over').boundingBox();
    if (!box) throw new Error('no plot');
    await p.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await p.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 4 });
    await p.waitForFunction(() => [...document.querySelectorAll('section.chart .readout-date')].every((e) => /^\d{4}-\d{2}-\d{2}$/.test(e.textContent ?? '')));
    const dates = await p.locator('section.chart .readout-date').allTextContents();
    // Every chart reads the cursor's date (each series as of it, with its own date when older).
    expect(new Set(dates).size).toBe(1);
  });

  it('zoom one chart, all follow; a range preset sets all', async () => {
    const p = app.page;
    await p.locator('[data-chart="spreads"] .u-over').scrollIntoViewIfNeeded();
    await dragAcross(p.locator('[data-chart="spreads"] .u-over'), 0.3, 0.5);
    await p.waitForTimeout(150);
    const ranges = await p.locator('section.chart[data-chart]').evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset['xmin']}-${(e as HTMLElement).dataset['xmax']}`));
    expect(new Set(ranges).size).toBe(1);
    await p.click('[data-range="3M"]');
    await p.waitForTimeout(100);
    const after = await p.locator('section.chart[data-chart]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset['xmax']) - Number((e as HTMLElement).dataset['xmin'])));
    expect(after.every((d) => d === 92)).toBe(true);
  });

  it('exports the whole Monitor to a 2× PNG that is not blank', async () => {
    const p = app.page;
    const width = await p.locator('.view.monitor').evaluate((e) => (e as HTMLElement).clientWidth);
    const png = await download(() => p.click('[data-action="export-monitor"]'));
    writeFileSync(path.join(SHOTS, 'export-monitor.png'), png.bytes);
    const info = pngInfo(png.bytes);
    expect(info.width).toBe(width * 2);
    // Two rows of four tiles, then two columns of three charts, as on screen (1400 px window), plus title, as-of line and footer.
    expect(info.height).toBeGreaterThan(1800);
    expect(info.height).toBeLessThan(3000);
    expect(info.distinctRows).toBeGreaterThan(50);
  });

  it('a slider drag changes the projection and the crossing date', async () => {
    const p = app.page;
    await p.click('[data-view="lab"]');
    await p.waitForSelector('[data-result="crossing"]');
    await p.waitForSelector('[data-chart="lab-reserves"]');
    const before = await p.textContent('[data-result="crossing"]');
    const slider = p.locator('[data-input="rmp1"]');
    const box = await slider.boundingBox();
    if (!box) throw new Error('no slider');
    await p.mouse.click(box.x + 4, box.y + box.height / 2);
    await p.mouse.down();
    await p.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 10 });
    await p.mouse.up();
    const after = await p.textContent('[data-result="crossing"]');
    expect(after).not.toBe(before);
    expect(after).toMatch(/reaches 10% in \d{4}-\d{2}-\d{2}/);
    expect(await p.inputValue('[data-field="rmp1"]')).toBe('150');
    // The RMP pace band: four more projections, a line each on every projection chart, and their dates.
    expect(await p.textContent('[data-result="band"]')).toMatch(/×0\.5: .+ · ×0\.75: .+ · ×1\.25: .+ · ×1\.5: /);
    const legend = (): Promise<number> => p.locator('[data-chart="lab-reserves"] .legend-item:has-text("RMP ×")').count();
    expect(await legend()).toBe(4);
    await shot('scenario-lab');
    await p.uncheck('[data-input="rmp-band"]');
    expect(await legend()).toBe(0);
    await p.check('[data-input="rmp-band"]');
  });

  it('saves two scenarios, compares them and switches modes', async () => {
    const p = app.page;
    await p.fill('[data-input="scenario-name"]', 'Fast refill');
    await p.click('[data-action="save-scenario"]');
    await p.waitForSelector('[data-status]:has-text("saved scenario “Fast refill”")');
    await p.selectOption('[data-input="preset"]', 'No action');
    await p.fill('[data-input="scenario-name"]', 'No action');
    await p.click('[data-action="save-scenario"]');
    await p.waitForSelector('[data-status]:has-text("saved scenario “No action”")');
    await p.click('[data-view="compare"]');
    await p.check('input[aria-label="baseline No action"]');
    await p.check('input[aria-label="compare Fast refill"]');
    await p.waitForSelector('[data-table="milestones"]');
    expect(await p.locator('[data-table="milestones"] thead th').allTextContents()).toEqual(['Milestone', 'No action', 'Fast refill']);
    expect(await p.locator('[data-table="milestones"] td.differs').count()).toBeGreaterThan(0);
    await p.click('[data-mode="delta"]');
    await p.waitForSelector('section.chart h3:has-text("difference from “No action”")');
    await p.click('[data-mode="pct"]');
    await p.waitForSelector('section.chart h3:has-text("% difference")');
    await shot('compare');
  });

  it('refuses a bad scenario file with a clear message and changes nothing', async () => {
    const p = app.page;
    await p.click('[data-view="compare"]');
    await p.waitForSelector('.scenario-list');
    const before = await p.locator('.scenario-list tbody tr').count();
    const bad = path.join(app.dataDir, 'bad-scenario.json');
    // Hostile: a prototype key and a number that overflows to Infinity.
    writeFileSync(bad, '{"format": "reservoir-scenario", "version": 1, "name": "Evil", "inputs": {"__proto__": {"x": 1}, "horizonYears": 1e999}}');
    await p.setInputFiles('[data-input="import-file"]', bad);
    await p.waitForSelector('[data-status]:has-text("nothing was imported")');
    expect(await p.locator('.scenario-list tbody tr').count()).toBe(before);
  });

  it('dark theme', async () => {
    const p = app.page;
    await p.click('[data-action="theme"]');
    expect(await p.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await p.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 24, 28)');
    await p.click('[data-view="monitor"]');
    await p.waitForSelector('[data-chart="corridor"] canvas');
    await shot('monitor-dark');
    await p.keyboard.press('t');
  });

  it('Workspace: a formula with an error shows it inline; a good one plots', async () => {
    const p = app.page;
    await p.keyboard.press('2');
    await p.fill('[data-input="formula-0"]', 'WALCL + SOFR');
    await p.press('[data-input="formula-0"]', 'Enter');
    await p.waitForSelector('[data-error="0"]:has-text("cannot add % to $bn")');
    await p.fill('[data-input="formula-0"]', 'ma(bp(SOFR, RRPONTSYAWARD), 10)');
    await p.press('[data-input="formula-0"]', 'Enter');
    await p.waitForSelector('[data-panel="0"] section.chart canvas');
    await shot('workspace');
  });

  it('Workspace: 72 years of daily DFF draw at the pixel width, zoom brings back every day, and hover and CSV read the real values', async () => {
    const p = app.page;
    await p.keyboard.press('2');
    await p.fill('[data-input="formula-0"]', 'DFF');
    await p.press('[data-input="formula-0"]', 'Enter');
    const chart = p.locator('[data-panel="0"] section.chart');
    await chart.locator('canvas').waitFor();
    await p.waitForFunction(() => Number((document.querySelector('[data-panel="0"] section.chart') as HTMLElement | null)?.dataset['points'] ?? 0) > 0);
    const snapshot = readFileSync(path.join(REPO_ROOT, 'resources/snapshot/series/DFF.csv'), 'utf8').trim().split('\n').slice(1);
    const shownAll = Number(await chart.getAttribute('data-points'));
    // Decimated: a few points per pixel column instead of all 26,000+ days.
    expect(shownAll).toBeLessThan(snapshot.length / 3);
    const box = await dragAcross(chart.locator('.u-over'), 0.985, 0.998);
    await p.waitForFunction((n) => Number((document.querySelector('[data-panel="0"] section.chart') as HTMLElement | null)?.dataset['points'] ?? 0) > n, shownAll);
    const xmin = Number(await chart.getAttribute('data-xmin'));
    const xmax = Number(await chart.getAttribute('data-xmax'));
    const inWindow = snapshot.filter((l) => {
      const d = Date.parse(`${l.slice(0, 10)}T00:00:00Z`) / 86_400_000;
      return d >= xmin && d <= xmax;
    });
    // The window's days are added to the whole-range outline (which already held some of them).
    const shownZoomed = Number(await chart.getAttribute('data-points'));
    expect(inWindow.length).toBeGreaterThan(60);
    expect(shownZoomed - shownAll).toBeGreaterThan(inWindow.length * 0.8);
    expect(shownZoomed).toBeLessThanOrEqual(shownAll + inWindow.length + 2);
    await p.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    const text = `${(await chart.locator('.readout-date').textContent()) ?? ''} — ${(await chart.locator('.readout [data-series]').first().textContent()) ?? ''}`;
    const m = /^(\d{4}-\d{2}-\d{2}) — DFF[^\d-]*(-?[\d.]+)%/.exec(text);
    expect(m, text).not.toBeNull();
    const row = snapshot.find((l) => l.startsWith(`${m?.[1] ?? ''},`));
    expect(row, text).toBeDefined();
    expect(Number(m?.[2])).toBeCloseTo(Number(row?.slice(11)), 2);
    await chooseCsvRange(chart, 'full');
    const csv = await download(() => chart.locator('button:has-text("CSV")').click());
    expect(csv.bytes.toString('utf8').trim().split('\n').length - 1).toBe(snapshot.length);
    await shot('workspace-dff-zoomed');
  });

  it('syncs against the loopback replay server with the progress bar reaching 100%', async () => {
    const p = app.page;
    await p.click('[data-view="data"]');
    await p.click('[data-action="sync"]');
    await p.waitForFunction(() => (document.querySelector('[data-sync-text]')?.textContent ?? '').match(/^(ok|partial|failed):/) !== null, undefined, { timeout: 60_000 });
    expect(await p.getAttribute('[data-progress="sync"]', 'value')).toBe('100');
    expect(await p.textContent('[data-sync-text]')).toMatch(/^partial: \d+ ok, \d+ errors/);
    await shot('data');
  });

  it('help overlay lists the shortcuts', async () => {
    const p = app.page;
    await p.locator('nav.top .brand').click();
    await p.keyboard.press('?');
    await p.waitForSelector('[role="dialog"] h2:has-text("Keyboard shortcuts")');
    await shot('help');
    await p.keyboard.press('Escape');
    expect(app.pageErrors).toEqual([]);
  });
});
