/**
 * Issue 12, "Compare that cannot mislead", end to end: browser mode, the real core and SQLite (a
 * seeded data folder of its own), Debian's Chromium. Each test is one of the findings:
 *   - a new user saw an empty page: the presets are compared on arrival, one of them the baseline;
 *   - "% vs baseline" was offered for a spread that crosses zero; differences had no unit of their own;
 *   - small multiples each scaled themselves, so equal heights meant different numbers;
 *   - "Minimum reserves" and "Peak spread" were the anchor's values in every scenario;
 *   - a $100bn path saved from the lab was named "Fed RMP 22:03:42", and footers repeated that name.
 * Screenshots of Compare in both themes at 1600×1000 and 1280×800 go to test-results/.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS, type E2eApp, useE2eApp } from '../support/e2e-app.js';

let app: E2eApp;
useE2eApp((a) => (app = a));

const PRESET_NAMES = ['Fed RMP', 'Goldman baseline', 'No action', 'QE $60bn', 'QE $100bn'];

const view = async (p: Page, v: string): Promise<void> => {
  await p.click(`[data-view="${v}"]`);
  await p.waitForSelector(`.view.${v}`, { timeout: 20_000 });
};
const openCompare = async (p: Page): Promise<void> => {
  await view(p, 'compare');
  await p.waitForSelector('.view.compare section.chart canvas', { timeout: 20_000 });
};
const headers = (p: Page): Promise<string[]> => p.locator('[data-table="milestones"] thead th').allTextContents();
const chartUnit = (p: Page): Promise<string> => p.locator('.view.compare > section.chart h3 .unit').first().innerText();
/** A milestone row's cells (by its key, or by its label in a build without keys), or null when not shown. */
const milestone = (p: Page, key: 'minReserves' | 'peakSpread'): Promise<string[] | null> =>
  p.evaluate(
    ([k, label]) => {
      const rows = [...document.querySelectorAll('[data-table="milestones"] tbody tr')];
      const row = rows.find((r) => (r as HTMLElement).dataset['milestone'] === k) ?? rows.find((r) => new RegExp(label).test(r.querySelector('td')?.textContent ?? ''));
      return row ? [...row.querySelectorAll('td')].slice(1).map((td) => td.textContent ?? '') : null;
    },
    [key, key === 'minReserves' ? '^(Minimum|Lowest) reserves' : '^(Peak|Highest) implied'] as const,
  );
/** Only these are compared: the baseline's radio, then each other box (every other box unticked). */
async function compareOnly(p: Page, baseline: string, others: readonly string[]): Promise<void> {
  await p.check(`input[aria-label="baseline ${baseline}"]`);
  for (const box of await p.locator('.view.compare tbody input[type="checkbox"]').all()) {
    const label = (await box.getAttribute('aria-label')) ?? '';
    const want = others.some((o) => label === `compare ${o}`);
    if ((await box.isDisabled()) || (await box.isChecked()) === want) continue;
    if (want) await box.check();
    else await box.uncheck();
  }
  for (const o of others) await p.locator(`input[aria-label="compare ${o}"]`).check();
}

/** Saved through the core (as an import or an older build would have): the lab is not what these tests are about. */
async function saveThroughCore(name: string, inputs: Record<string, unknown>): Promise<void> {
  const r = await app.core.router.handle('scenario:save', { name, inputs });
  if (!r.ok) throw new Error(r.error);
}

/** A hash of the pixels of each small multiple's y-axis strip (the left 60 CSS px of its canvas). */
const axisStrips = (p: Page): Promise<string[]> =>
  p.locator('.small-multiples section.chart canvas').evaluateAll((els) =>
    els.map((el) => {
      const c = el as HTMLCanvasElement;
      const ctx = c.getContext('2d');
      if (!ctx) return 'no context';
      const r = c.width / c.getBoundingClientRect().width;
      const d = ctx.getImageData(0, 0, Math.round(60 * r), c.height).data;
      let h = 0;
      let ink = 0;
      for (let i = 0; i < d.length; i++) {
        h = (Math.imul(h, 31) + (d[i] ?? 0)) | 0;
        if (i % 4 === 3 && (d[i] ?? 0) > 0) ink++;
      }
      return ink > 50 ? `${c.height}:${h}` : 'blank';
    }),
  );

async function screenshots(p: Page, tag: string): Promise<void> {
  for (const [w, h] of [
    [1600, 1000],
    [1280, 800],
  ] as const) {
    for (const theme of ['light', 'dark'] as const) {
      if ((await p.evaluate(() => document.documentElement.dataset['theme'] ?? 'light')) !== theme) await p.click('[data-action="theme"]');
      await p.setViewportSize({ width: w, height: h });
      await p.waitForTimeout(250);
      await p.screenshot({ path: path.join(SHOTS, `compare-${tag}-${theme}-${w}x${h}.png`) });
      if (w === 1600) await p.screenshot({ path: path.join(SHOTS, `compare-${tag}-${theme}-${w}-full.png`), fullPage: true });
    }
  }
  if ((await p.evaluate(() => document.documentElement.dataset['theme'] ?? 'light')) !== 'light') await p.click('[data-action="theme"]');
  await p.setViewportSize({ width: 1400, height: 1000 });
}

describe('issue 12: Compare that cannot mislead', () => {
  it('a new user sees the presets compared at once, the first as baseline, nothing saved', async () => {
    const p = app.page;
    await p.waitForSelector('nav.top');
    await openCompare(p);
    expect(await headers(p)).toEqual(['Milestone', ...PRESET_NAMES.map((n) => `${n} (preset)`)]);
    expect(await p.isChecked('input[aria-label="baseline preset Fed RMP"]')).toBe(true);
    for (const n of PRESET_NAMES) expect(await p.isChecked(`input[aria-label="compare preset ${n}"]`)).toBe(true);
    await screenshots(p, 'arrival');
    // A preset is the baseline without being saved first, and the choice is kept in the UI store.
    await p.check('input[aria-label="baseline preset No action"]');
    await p.click('[data-mode="delta"]');
    await p.waitForSelector('.view.compare > section.chart h3:has-text("difference from “No action (preset)”")');
    expect((await headers(p))[1]).toBe('No action (preset)');
    const list = await app.core.router.handle('scenario:list', {});
    expect(list.ok && (list.value as readonly unknown[]).length).toBe(0);
    await p.waitForFunction(() => document.body.dataset['uiState'] === 'saved');
    await p.reload();
    await openCompare(p);
    expect(await p.isChecked('input[aria-label="baseline preset No action"]')).toBe(true);
    expect(await p.getAttribute('[data-mode="delta"]', 'aria-pressed')).toBe('true');
  });

  it('differences are in the metric’s own unit; a spread is never a % of a number near zero', async () => {
    const p = app.page;
    // Three saved paths (no RMP, $20bn and $100bn a month), so this runs on a build without presets too.
    await saveThroughCore('Path none', { rmpSchedule: [] });
    await saveThroughCore('Path 20', { rmpSchedule: [{ from: '2026-01', perMonthBn: 20 }] });
    await saveThroughCore('Path 100', { rmpSchedule: [{ from: '2026-01', perMonthBn: 100 }] });
    await view(p, 'monitor');
    await view(p, 'compare');
    await compareOnly(p, 'Path 20', ['Path 100']);
    await p.waitForSelector('.view.compare section.chart canvas');
    await p.click('[data-mode="delta"]');
    await p.selectOption('[data-input="metric"]', 'reservesGdpPct');
    await p.waitForSelector('.view.compare > section.chart h3:has-text("percentage points")');
    expect(await chartUnit(p)).toBe('(pp vs baseline)');
    expect(await p.textContent('[data-mode="delta"]')).toBe('Difference (pp)');
    await p.selectOption('[data-input="metric"]', 'reserves');
    await p.waitForSelector('.view.compare > section.chart h3:has-text("Reserves: difference")');
    expect(await chartUnit(p)).toBe('($bn vs baseline)');
    // "%" is there for money, and is taken away for the spread (the rule is by kind, not by the data).
    await p.click('[data-mode="pct"]');
    await p.waitForSelector('.view.compare > section.chart h3:has-text("% difference")');
    await p.selectOption('[data-input="metric"]', 'spreadBp');
    expect(await p.locator('[data-mode="pct"]').count()).toBe(0);
    await p.waitForSelector('.view.compare > section.chart h3:has-text("EFFR − IORB: difference")');
    expect(await chartUnit(p)).toBe('(bp vs baseline)');
    expect(await p.getAttribute('[data-mode="delta"]', 'aria-pressed')).toBe('true');
    expect(await p.textContent('[data-result="no-pct"]')).toMatch(/crosses zero/);
    await p.click('[data-mode="level"]');
    await p.selectOption('[data-input="metric"]', 'reservesGdpPct');
  });

  it('small multiples share one y-scale unless each is asked to scale itself', async () => {
    const p = app.page;
    await openCompare(p);
    await compareOnly(p, 'Path 20', ['Path none', 'Path 100']);
    await p.selectOption('[data-input="metric"]', 'reserves');
    await p.waitForSelector('.small-multiples section.chart canvas');
    await p.waitForTimeout(200);
    const shared = await axisStrips(p);
    expect(shared.length).toBe(3);
    expect(shared).not.toContain('blank');
    // Every panel's y axis is drawn the same, pixel for pixel.
    expect(new Set(shared).size).toBe(1);
    await p.check('[data-input="own-scale"]');
    await p.waitForSelector('.small-multiples[data-scale="own"]');
    await p.waitForTimeout(200);
    const own = await axisStrips(p);
    expect(own.length).toBe(3);
    expect(new Set(own).size).toBeGreaterThan(1);
    await p.uncheck('[data-input="own-scale"]');
    await p.waitForSelector('.small-multiples[data-scale="shared"]');
    await p.selectOption('[data-input="metric"]', 'reservesGdpPct');
  });

  it('lowest reserves and highest spread differ with the RMP path (never the anchor’s value), or the row is not shown', async () => {
    const p = app.page;
    const ctx = await app.core.router.handle('projection:context', {});
    if (!ctx.ok) throw new Error(ctx.error);
    const anchor = (ctx.value as { anchor: { date: string } }).anchor.date;
    const check = async (): Promise<void> => {
      for (const key of ['minReserves', 'peakSpread'] as const) {
        const cells = await milestone(p, key);
        if (cells === null) {
          expect(await p.textContent('[data-result="milestones-same"]')).toMatch(key === 'minReserves' ? /Lowest reserves/ : /Highest implied/);
          continue;
        }
        expect(cells.length).toBe(2);
        expect(cells[0]).not.toBe(cells[1]);
        for (const c of cells) expect(c).not.toContain(anchor);
      }
    };
    // Two saved paths on the current anchor (the finding: every scenario showed the anchor's values).
    for (const [name, pace] of [
      ['Saved 60', 60],
      ['Saved 100', 100],
    ] as const) {
      await saveThroughCore(name, { rmpSchedule: [{ from: '2026-01', perMonthBn: pace }] });
    }
    await view(p, 'monitor');
    await view(p, 'compare');
    await compareOnly(p, 'Saved 60', ['Saved 100']);
    await p.waitForSelector('[data-table="milestones"]');
    expect(await headers(p)).toEqual(['Milestone', 'Saved 60', 'Saved 100']);
    await check();
    // The same with two presets, never saved.
    await compareOnly(p, 'preset QE $60bn', ['preset QE $100bn']);
    expect(await headers(p)).toEqual(['Milestone', 'QE $60bn (preset)', 'QE $100bn (preset)']);
    await check();
  });

  it('a scenario saved from edited inputs is named after them, footers say the inputs, and an old misleading name is flagged', async () => {
    const p = app.page;
    await view(p, 'lab');
    await p.waitForSelector('[data-chart="lab-reserves"] canvas', { timeout: 30_000 });
    await p.selectOption('[data-input="preset"]', 'Fed RMP');
    // $100bn a month from 2026-09 and a TGA target of $850bn: the found path.
    while ((await p.locator('[data-action="rmp-remove-1"]').count()) > 0) await p.click('[data-action="rmp-remove-1"]');
    await p.fill('[data-input="rmp0-from"]', '2026-09');
    await p.fill('[data-field="rmp0"]', '100');
    await p.locator('[data-field="rmp0"]').blur();
    await p.selectOption('[data-input="tgaMode"]', 'target');
    await p.fill('[data-input="scenario-name"]', '');
    // The field shows, before saving, what an empty name saves as.
    expect(await p.getAttribute('[data-input="scenario-name"]', 'placeholder')).toBe('RMP $100bn/mo from 2026-09, TGA $850bn');
    await p.click('[data-action="save-scenario"]');
    await p.waitForSelector('[data-status]:has-text("saved scenario “RMP $100bn/mo from 2026-09, TGA $850bn”")');
    // Unchanged inputs keep the preset's name (made unique when saved twice).
    await p.selectOption('[data-input="preset"]', 'QE $60bn');
    await p.click('[data-action="save-scenario"]');
    await p.waitForSelector('[data-status]:has-text("saved scenario “QE $60bn”")');
    await p.click('[data-action="save-scenario"]');
    await p.waitForSelector('[data-status]:has-text("saved scenario “QE $60bn (2)”")');
    // One saved by an older build under the old default name.
    await saveThroughCore('Fed RMP 22:03:42', { rmpSchedule: [{ from: '2026-09', perMonthBn: 100 }] });

    await openCompare(p);
    await compareOnly(p, 'QE $60bn', ['RMP $100bn/mo from 2026-09, TGA $850bn']);
    const foot = (await p.locator('.view.compare > section.chart .chart-foot').first().innerText()).split(' · ');
    const line = foot.find((f) => f.startsWith('RMP $100bn/mo from 2026-09, TGA $850bn:')) ?? '';
    expect(line).toMatch(/: RMP \$100bn\/mo from 2026-09; TGA \$850bn/);
    // What it shares with the other line is said once, with the data behind both.
    expect(foot.find((f) => f.startsWith('Common to all: '))).toMatch(/QT ends 2025-12-01.*anchor \d{4}-\d{2}-\d{2}; data as of/);
    expect(foot.join(' ')).not.toContain('Fed RMP');
    for (const t of await p.locator('[data-table="milestones"] tr.stamp').allInnerTexts()) expect(t).not.toContain('Fed RMP');
    expect(await p.textContent('tr[data-scenario="Fed RMP 22:03:42"] [data-result="misnamed"]')).toBe(' (not the Fed RMP preset: RMP $100bn/mo from 2026-09)');
    await compareOnly(p, 'QE $60bn', ['Fed RMP 22:03:42']);
    expect(await p.locator('.view.compare > section.chart .chart-foot').first().innerText()).toMatch(/Fed RMP 22:03:42 \(not the Fed RMP preset: RMP \$100bn\/mo from 2026-09\): RMP \$100bn\/mo from 2026-09( ·|;|$)/);
    await compareOnly(p, 'preset Fed RMP', ['RMP $100bn/mo from 2026-09, TGA $850bn', 'preset QE $100bn', 'Saved 60']);
    await p.click('[data-mode="delta"]');
    await screenshots(p, 'mixed');
    expect(app.pageErrors).toEqual([]);
  });
});
