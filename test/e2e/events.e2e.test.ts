/**
 * Issue 13 §6 end to end: event markers on every time chart (toggle, key M), drawn on screen and in the
 * PNG; the user's annotations added in Analysis → Events, kept across a reload, drawn as markers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS, type E2eApp, useE2eApp } from '../support/e2e-app.js';

let app: E2eApp;
useE2eApp((a) => (app = a), { width: 1600, height: 1000 });

const pixels = (p: Page, chart: string): Promise<string> => p.locator(`[data-chart="${chart}"] canvas`).first().evaluate((c) => (c as HTMLCanvasElement).toDataURL());

async function monitorPng(p: Page): Promise<Buffer> {
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('[data-action="export-monitor"]')]);
  return readFileSync(await dl.path());
}

describe('event markers', () => {
  it('the toggle draws the events on every Monitor chart at once, and the PNG carries them', async () => {
    const p = app.page;
    await p.waitForSelector('[data-chart="reserves"] canvas');
    await p.click('[data-range="Max"]').catch(() => undefined);
    await p.waitForTimeout(200);
    expect(await p.getAttribute('[data-action="events"]', 'aria-pressed')).toBe('false');
    const before = await pixels(p, 'reserves');
    const pngOff = await monitorPng(p);
    await p.click('[data-action="events"]');
    expect(await p.getAttribute('[data-action="events"]', 'aria-pressed')).toBe('true');
    await p.waitForFunction(() => [...document.querySelectorAll('section.chart')].every((c) => (c as HTMLElement).dataset['events'] === 'on'));
    await p.waitForTimeout(100);
    expect(await pixels(p, 'reserves')).not.toBe(before);
    const pngOn = await monitorPng(p);
    expect(pngOn.equals(pngOff)).toBe(false);
    await p.screenshot({ path: path.join(SHOTS, 'events-monitor-light.png') });
    // Key M turns them off again; a click on a checkbox before does not stop the shortcut.
    await p.keyboard.press('m');
    expect(await p.getAttribute('[data-action="events"]', 'aria-pressed')).toBe('false');
    await p.keyboard.press('m');
    expect(await p.getAttribute('[data-action="events"]', 'aria-pressed')).toBe('true');
  });

  it('an annotation added in Analysis → Events is listed, drawn, and still there after a reload', async () => {
    const p = app.page;
    await p.click('[data-view="analysis"]');
    // The tab bar follows the ARIA tabs pattern: arrow keys move between tabs (found: they did nothing).
    await p.focus('[data-tab="rmp"]');
    await p.keyboard.press('ArrowRight');
    expect(await p.getAttribute('[data-tab="attribution"]', 'aria-selected')).toBe('true');
    expect(await p.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['tab'])).toBe('attribution');
    await p.keyboard.press('End');
    expect(await p.getAttribute('[data-tab="alerts"]', 'aria-selected')).toBe('true');
    await p.click('[data-tab="events"]');
    await p.waitForSelector('[data-events-table]');
    // The FOMC's 2025 cuts come from the stored range.
    await expect.poll(() => p.locator('[data-events-table] tr[data-event-kind="fomc"]:has-text("2025-12-11")').count()).toBe(1);
    expect(await p.locator('[data-events-table] tr:has-text("QT ends")').textContent()).toContain('2025-12-01');
    // Found: a date that is no calendar date (2026-02-30) was saved under the previous valid one.
    await p.fill('[data-input="annotation-text"]', 'never stored');
    await p.fill('[data-input="annotation-date"]', '2026-02-30');
    expect(await p.textContent('#annotation-date-problem')).toBe('2026-02-30 is not a calendar date.');
    expect(await p.isDisabled('[data-action="annotation-add"]')).toBe(true);
    await p.fill('[data-input="annotation-date"]', '');
    expect(await p.isDisabled('[data-action="annotation-add"]')).toBe(true);
    expect(await p.locator('[data-annotations] li').count()).toBe(0);
    await p.fill('[data-input="annotation-date"]', '2026-04-15');
    await p.fill('[data-input="annotation-text"]', 'Tax day drain');
    await p.click('[data-action="annotation-add"]');
    await p.waitForSelector('[data-annotation-message]:has-text("Tax day drain")');
    await expect.poll(() => p.locator('[data-events-table] tr[data-event-kind="annotation"]:has-text("Tax day drain")').count()).toBe(1);
    await p.screenshot({ path: path.join(SHOTS, 'events-panel-light.png'), fullPage: true });
    await p.click('[data-action="theme"]');
    await p.screenshot({ path: path.join(SHOTS, 'events-panel-dark.png'), fullPage: true });
    await p.click('[data-action="theme"]');
    // Empty text is refused before it is sent: the button stays disabled.
    expect(await p.isDisabled('[data-action="annotation-add"]')).toBe(true);
    await p.reload();
    await p.click('[data-tab="events"]');
    await p.waitForSelector('[data-events-table]');
    expect(await p.getAttribute('[data-action="events"]', 'aria-pressed')).toBe('true');
    await expect.poll(() => p.locator('[data-annotations] li:has-text("Tax day drain")').count()).toBe(1);
    // What's new: a fresh folder seeded from the snapshot has had no sync.
    expect(await p.textContent('[data-whats-new]')).toContain('No sync has run');
    await p.click('[data-action="annotation-delete"]');
    await expect.poll(() => p.locator('[data-annotations] li').count()).toBe(0);
  });
});
