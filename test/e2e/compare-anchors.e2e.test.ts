/**
 * Issue 14 §6 end to end: "Compare keeps up". One scenario saved from the lab at the past anchor
 * 2025-11-26 (the source articles' moment) and one at the latest data; Compare draws both on one date
 * axis, each from its own anchor, with what actually happened after the past one; a "Projection
 * errors" table for the past one only; and, when asked, each scenario's 10–90% fan from a worker.
 * Screenshots in both themes: test-results/analysis-compare-anchors-{light,dark}.png.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chooseCsvRange, type E2eApp, useE2eApp } from '../support/e2e-app.js';
import { download, themeShots } from '../support/e2e-charts.js';
import { parseCsv } from '../../shared/parse/csv.js';

let app: E2eApp;
useE2eApp((a) => (app = a), { width: 1600, height: 1000 });

const PAST = 'Fed from 2025-11-26';
const LATEST = 'Fed at the latest';

async function saveFromLab(p: Page, name: string): Promise<void> {
  await p.fill('[data-input="scenario-name"]', name);
  await p.click('[data-action="save-scenario"]');
  await p.waitForSelector(`[data-status]:has-text("saved scenario “${name}”")`);
}

/** Only these are compared: the baseline's radio, then each other box. */
async function compareOnly(p: Page, baseline: string, others: readonly string[]): Promise<void> {
  await p.check(`input[aria-label="baseline ${baseline}"]`);
  for (const box of await p.locator('.view.compare tbody input[type="checkbox"]').all()) {
    const label = (await box.getAttribute('aria-label')) ?? '';
    const want = others.some((o) => label === `compare ${o}`);
    if ((await box.isDisabled()) || (await box.isChecked()) === want) continue;
    if (want) await box.check();
    else await box.uncheck();
  }
}

async function csvRows(p: Page, chart: Locator): Promise<Record<string, string>[]> {
  await chooseCsvRange(chart, 'full');
  const csv = await download(p, () => chart.locator('button:has-text("CSV")').click());
  const parsed = parseCsv(csv.text);
  if (!parsed.ok) throw new Error('CSV did not parse');
  const [head, ...rows] = parsed.value;
  return rows.map((r) => Object.fromEntries((head ?? []).map((h, i) => [h, r[i] ?? ''])));
}
const col = (row: Record<string, string> | undefined, start: string): number => {
  const k = Object.keys(row ?? {}).find((h) => h.startsWith(start));
  return k === undefined || (row?.[k] ?? '') === '' ? Number.NaN : Number(row?.[k]);
};

/** Opaque-ish pixels in the overlay's canvas: a fill adds many. */
const ink = (chart: Locator): Promise<number> =>
  chart.locator('canvas').first().evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    if (d) for (let i = 3; i < d.length; i += 4) if ((d[i] ?? 0) > 8) n++;
    return n;
  });

describe('Compare across anchors', () => {
  it('saves one scenario at 2025-11-26 and one at the latest anchor from the lab', async () => {
    const p = app.page;
    await p.click('[data-view="lab"]');
    await p.waitForSelector('[data-panel="anchor"]');
    await p.fill('[data-input="anchor"]', '2025-11-26');
    await p.click('[data-action="anchor-set"]');
    await p.waitForSelector('[data-table="actual-errors"]', { timeout: 30_000 });
    await saveFromLab(p, PAST);
    await p.click('[data-action="anchor-latest"]');
    await p.waitForFunction(() => document.querySelector('[data-table="actual-errors"]') === null);
    await saveFromLab(p, LATEST);
    const list = await app.core.router.handle('scenario:list', {});
    if (!list.ok) throw new Error(list.error);
    const byName = new Map((list.value as readonly { name: string; dataAsOf: string; anchor: { date: string } }[]).map((s) => [s.name, s]));
    expect(byName.get(PAST)?.dataAsOf).toBe('2025-11-26');
    expect(byName.get(PAST)?.anchor.date).toBe('2025-10-31');
    expect((byName.get(LATEST)?.dataAsOf ?? '') > '2026-01-01').toBe(true);
  });

  it('draws both on one date axis from their own anchors, the actuals once, and the errors of the past one only', async () => {
    const p = app.page;
    await p.click('[data-view="compare"]');
    await p.waitForSelector('.view.compare section.chart canvas', { timeout: 20_000 });
    await compareOnly(p, PAST, [LATEST]);
    await p.selectOption('[data-input="metric"]', 'reserves');
    await p.waitForSelector('[data-table="compare-errors"]', { timeout: 20_000 });
    const note = (await p.textContent('[data-result="anchors-differ"]')) ?? '';
    expect(note).toMatch(/^Anchors differ \(H\.4\.1 2025-11-26, \d{4}-\d{2}-\d{2}\): levels are drawn from each scenario's own anchor on one calendar axis/);
    expect(note).toContain('differences, % and the milestones only from the later anchor');

    const chart = p.locator('[data-chart="compare-reserves-level"]');
    const rows = await csvRows(p, chart);
    // The axis starts at the past anchor's month-end: the past scenario has its t = 0 there, the latest nothing yet.
    expect(rows[0]?.['date']).toBe('2025-10-31');
    expect(col(rows[0], PAST)).toBeGreaterThan(2500);
    expect(Number.isNaN(col(rows[0], LATEST))).toBe(true);
    const firstLatest = rows.findIndex((r) => Number.isFinite(col(r, LATEST)));
    expect(firstLatest).toBeGreaterThan(6);
    // Actual reserves after the past anchor, one column, on month-ends from the anchor to the data's end.
    const actualCols = Object.keys(rows[0] ?? {}).filter((h) => h.startsWith('Actual after anchor'));
    expect(actualCols.length).toBe(1);
    expect(actualCols[0]).toContain('2025-11-26');
    const dec = rows.find((r) => r['date'] === '2025-12-31');
    expect(col(dec, 'Actual after anchor')).toBeGreaterThan(2500);
    expect(col(dec, PAST)).not.toBe(col(dec, 'Actual after anchor'));

    // Errors: the past scenario only, three variables, +1 … +9 months (no actual for +12 in this snapshot).
    const heads = await p.locator('[data-table="compare-errors"] thead th').allTextContents();
    expect(heads).toEqual(['Scenario (anchor)', 'Variable', '+1 m', '+3 m', '+6 m', '+9 m']);
    const names = await p.locator('[data-table="compare-errors"] tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset['scenario'] ?? ''));
    expect(names).toEqual([PAST, PAST, PAST]);
    const cell = (await p.textContent('[data-table="compare-errors"] tr[data-row="reservesBn"] [data-cell="reservesBn-1"]')) ?? '';
    expect(cell).toMatch(/^[+−]?\d+ \(naive [+−]?\d+\)$/);
    // The +1 month error is the chart's projected December minus the actual December.
    const err = Number(/^([+−]?\d+)/.exec(cell)?.[1]?.replace('−', '-').replace('+', ''));
    expect(Math.abs(err - (col(dec, PAST) - col(dec, 'Actual after anchor')))).toBeLessThanOrEqual(1);
    expect(await p.locator('[data-table="compare-errors"] [data-row="spreadBp"]').count()).toBe(1);

    // Differences need both: from the later anchor on.
    await p.click('[data-mode="delta"]');
    const dRows = await csvRows(p, p.locator('[data-chart="compare-reserves-delta"]'));
    expect(dRows[0]?.['date']).toBe(rows[firstLatest]?.['date']);
    await p.click('[data-mode="level"]');
    // Only the latest one: no errors table.
    await compareOnly(p, LATEST, []);
    await p.waitForFunction(() => document.querySelector('[data-table="compare-errors"]') === null);
    expect(await p.locator('[data-result="anchors-differ"]').count()).toBe(0);
    await compareOnly(p, PAST, [LATEST]);
    await p.waitForSelector('[data-table="compare-errors"]');
  });

  it('“Show fan” draws a 10–90% fill per scenario from a worker, off by default', async () => {
    const p = app.page;
    const chart = p.locator('[data-chart="compare-reserves-level"]');
    await p.waitForTimeout(300);
    expect(await p.isChecked('[data-input="compare-fan"]')).toBe(false);
    const before = await ink(chart);
    await p.check('[data-input="compare-fan"]');
    await p.waitForSelector('[data-result="compare-fan"][data-fan="ready"]', { timeout: 30_000 });
    expect(await p.textContent('[data-result="compare-fan"]')).toBe('2 fans drawn');
    expect(await p.getAttribute('[data-result="compare-fan"]', 'data-fan-where')).toBe('worker');
    await p.waitForTimeout(300);
    const after = await ink(chart);
    expect(after).toBeGreaterThan(before * 1.3);
    const rows = await csvRows(p, chart);
    for (const name of [PAST, LATEST]) {
      const withFan = rows.filter((r) => Number.isFinite(col(r, `${name} fan 10%`)));
      expect(withFan.length, name).toBeGreaterThanOrEqual(60);
      // t = 0 is data: the fan starts as a point at the scenario's own anchor, then widens.
      expect(col(withFan[0], `${name} fan 10%`)).toBe(col(withFan[0], `${name} fan 90%`));
      const last = withFan[withFan.length - 1];
      expect(col(last, `${name} fan 90%`) - col(last, `${name} fan 10%`)).toBeGreaterThan(100);
      for (const r of withFan) expect(col(r, `${name} fan 10%`)).toBeLessThanOrEqual(col(r, `${name} fan 90%`));
    }
    expect(rows.find((r) => Number.isFinite(col(r, `${PAST} fan 10%`)))?.['date']).toBe('2025-10-31');
    // The spread has a fan too; net liquidity says it has none.
    await p.selectOption('[data-input="metric"]', 'spreadBp');
    await p.waitForSelector('[data-result="compare-fan"][data-fan="ready"]');
    const sRows = await csvRows(p, p.locator('[data-chart="compare-spreadBp-level"]'));
    expect(sRows.some((r) => Number.isFinite(col(r, `${LATEST} fan 90%`)))).toBe(true);
    await p.selectOption('[data-input="metric"]', 'netLiquidity');
    expect(await p.textContent('[data-result="compare-fan"]')).toMatch(/^No fan for net liquidity/);
    await p.selectOption('[data-input="metric"]', 'reservesGdpPct');
    await p.waitForSelector('[data-result="compare-fan"][data-fan="ready"]');
    await p.waitForTimeout(300);
    await themeShots(p, 'compare-anchors');
    expect(app.pageErrors).toEqual([]);
  });
});
