/**
 * Issue 13 §2 and §7 end to end: the Analysis view's "What moved reserves" and "Alerts" tabs against
 * the real renderer, core and SQLite seeded from the snapshot (no network): hover naming the series
 * and dates, the chosen week as a table summing exactly, PNG and CSV exports, an alert created and
 * evaluated; screenshots in both themes (test-results/analysis-attribution-*.png, analysis-alerts-*.png).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { SHOTS, type E2eApp, useE2eApp } from '../support/e2e-app.js';
import { download, themeShots } from '../support/e2e-charts.js';

let app: E2eApp;
useE2eApp((a) => (app = a), { width: 1500, height: 1000 });

async function openTab(p: Page, tab: string, ready: string): Promise<Locator> {
  await p.click('[data-view="analysis"]');
  await p.waitForSelector('.view.analysis', { timeout: 20_000 });
  await p.click(`[data-tab="${tab}"]`);
  const panel = p.locator(`[data-panel="${tab}"]`);
  await panel.locator(ready).first().waitFor({ timeout: 30_000 });
  return panel;
}

describe('Analysis: what moved reserves', () => {
  it('stacks the weekly components, hovers a term naming its series and dates, shows a week as a table, exports PNG and CSV', async () => {
    const p = app.page;
    const panel = await openTab(p, 'attribution', 'svg[data-chart="attribution-stack"]');
    expect(await panel.locator('[data-basis]').textContent()).toContain('Wednesday levels');
    expect(await panel.locator('[data-summary="attribution"]').textContent()).toContain('2026-08-19');
    // 26 weeks by default, each a group with its bars.
    expect(await panel.locator('svg[data-chart="attribution-stack"] g[data-week]').count()).toBe(26);

    // The week of 2025-10-29 (checked by hand in the unit test): choose it, read the table.
    await panel.locator('[data-pick="week"]').selectOption('2025-10-29');
    const table = panel.locator('[data-table="attribution-week"]');
    await expect.poll(() => table.locator('caption').textContent()).toContain('2025-10-22 → 2025-10-29');
    expect(await table.locator('tr[data-term="tga"]').textContent()).toContain('−$78.785bn');
    expect(await table.locator('tr[data-term="tga"]').textContent()).toContain('WDTGAL');
    expect(await table.locator('tr[data-term="repo"]').textContent()).toContain('RPONTTLD');
    expect(await table.locator('tr[data-term="other"]').textContent()).toContain('−$5.657bn');
    expect(await table.locator('tr[data-term="total"]').textContent()).toContain('−$101.728bn');
    expect(await table.locator('[data-check]').textContent()).toContain('(exact, in $mn)');

    // Hover the TGA bar of the last week: the tooltip names the series and both Wednesdays.
    const last = panel.locator('svg[data-chart="attribution-stack"] g[data-week="2026-08-19"]');
    await last.locator('rect[data-term="tga"]').hover();
    const tip = panel.locator('[data-tooltip]');
    await expect.poll(() => tip.textContent()).toContain('WDTGAL');
    expect(await tip.textContent()).toContain('2026-08-12');
    expect(await tip.textContent()).toContain('+$22.999bn');
    // A click on a week chooses it.
    await last.locator('rect[data-term="tga"]').click();
    await expect.poll(() => table.locator('caption').textContent()).toContain('2026-08-12 → 2026-08-19');

    const csv = await download(app.page, () => panel.locator('[data-export="attribution-csv"]').click());
    expect(csv.name).toMatch(/^reservoir-attribution-.*\.csv$/);
    expect(csv.text).toMatch(/^# Weekly change in reserve balances/);
    expect(csv.text).toContain('2026-08-19,2026-08-12,');
    expect(csv.text.trim().split('\n')).toHaveLength(2 + 26);
    const png = await download(app.page, () => panel.locator('[data-export="attribution-png"]').click());
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    writeFileSync(path.join(SHOTS, 'analysis-attribution-export.png'), png.bytes);

    // The full-history chart is the standard one: its own PNG and CSV.
    const hist = panel.locator('[data-chart="attribution-history"]');
    await hist.locator('.u-over').waitFor();
    const hcsv = await download(app.page, () => hist.locator('button:has-text("CSV")').click());
    expect(hcsv.text).toContain('2025-10-29');
    await panel.locator('[data-span="13"]').click();
    expect(await panel.locator('svg[data-chart="attribution-stack"] g[data-week]').count()).toBe(13);
    await themeShots(p, 'attribution');
    expect(app.pageErrors).toEqual([]);
  });
});

describe('Analysis: alerts', () => {
  it('lists the presets with their state, creates an alert and sees it evaluated, with history', async () => {
    const p = app.page;
    const panel = await openTab(p, 'alerts', '[data-table="alerts"]');
    expect(await panel.locator('[data-table="alerts"] tbody tr').count()).toBe(8);
    expect(await panel.locator('tr[data-alert="preset:reserves_gdp_10"]').getAttribute('data-state')).toBe('firing');
    expect(await panel.locator('tr[data-alert="preset:srf_50"]').textContent()).toContain('2025-12-31 ($74.6bn)');
    expect(await panel.locator('[data-summary="alerts"]').textContent()).toContain('1 firing now: Reserves / GDP < 10%');
    // The start evaluation recorded the year's triggers.
    expect(await panel.locator('[data-table="alert-history"] tr[data-history="preset:srf_50"]').count()).toBe(2);

    // A new alert: TGA above $900bn, only if not calendar-expected.
    await panel.locator('[data-field="formula"]').fill('WDTGAL');
    await panel.locator('[data-field="op"]').selectOption('above');
    await panel.locator('[data-field="threshold"]').fill('900');
    await panel.locator('[data-field="skip"]').check();
    await panel.locator('[data-action="create-alert"]').click();
    const row = panel.locator('tr[data-alert="user:1"]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('WDTGAL > 900');
    expect(await row.textContent()).toContain('only if not calendar-expected');
    expect(await row.textContent()).toContain('2026-08-26');
    expect(['firing', 'expected']).toContain(await row.getAttribute('data-state'));
    // Chosen: its formula chart with the threshold line.
    await row.click();
    await panel.locator('[data-chart="alert-user:1"] .u-over').waitFor({ timeout: 10_000 });
    expect(await panel.locator('[data-table="alert-history"] tr[data-history="user:1"]').count()).toBeGreaterThan(0);
    // A preset from the picker fills the form.
    await panel.locator('[data-field="preset"]').selectOption('preset:srf_25');
    expect(await panel.locator('[data-field="formula"]').inputValue()).toBe('RPONTTLD');
    // Disable, then delete the new alert.
    await row.locator('[data-action="toggle"]').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('disabled');
    await themeShots(p, 'alerts');
    await row.locator('[data-action="delete"]').click();
    await expect.poll(() => panel.locator('tr[data-alert="user:1"]').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
