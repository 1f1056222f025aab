/**
 * Issue 12 end to end: Workspace panels of several series on two y axes, log scale, rebase to 100 at
 * the start of the visible window, reference lines, FRED's monthly `sum` checked against the store,
 * and layouts (save, replace after asking, rename, delete with Undo, reopen exactly; a layout saved
 * by an earlier build still opens). Browser mode, real core and SQLite seeded from the snapshot,
 * Debian's Chromium at 1600×1000. Screenshots go to test-results/workspace-*.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { parseCsv } from '../../shared/parse/csv.js';
import { SHOTS, type E2eApp, useE2eApp, chooseCsvRange } from '../support/e2e-app.js';

let app: E2eApp;
useE2eApp((a) => (app = a), { width: 1600, height: 1000 });

const DAY_MS = 86_400_000;
const iso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOf = (s: string): number => Date.parse(`${s}T00:00:00Z`) / DAY_MS;
const shot = async (name: string, fullPage = false): Promise<void> => {
  await app.page.screenshot({ path: path.join(SHOTS, `workspace-${name}.png`), fullPage });
};

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const r = await app.core.router.handle(channel, payload);
  if (!r.ok) throw new Error(r.error);
  return r.value as T;
}

async function download(click: () => Promise<void>): Promise<string> {
  const [dl] = await Promise.all([app.page.waitForEvent('download'), click()]);
  return readFileSync(await dl.path()).toString('utf8');
}

/** A chart's CSV (full history): rows of [date, ...values]. */
async function chartCsv(panel: Locator): Promise<string[][]> {
  await chooseCsvRange(panel, 'full');
  const text = await download(() => panel.locator('button:has-text("CSV")').click());
  const rows = parseCsv(text);
  if (!rows.ok) throw new Error(rows.error);
  return rows.value.filter((r) => r.length > 1);
}

async function dragAcross(p: Page, plot: Locator, from: number, to: number): Promise<void> {
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  if (!box) throw new Error('no plot');
  await p.mouse.move(box.x + box.width * from, box.y + box.height / 2);
  await p.mouse.down();
  await p.mouse.move(box.x + box.width * to, box.y + box.height / 2, { steps: 6 });
  await p.mouse.up();
}

const panelAt = (i: number): Locator => app.page.locator(`[data-panel="${i}"]`);

async function plot(i: number, text: string): Promise<void> {
  await app.page.fill(`[data-input="formula-${i}"]`, text);
  await app.page.press(`[data-input="formula-${i}"]`, 'Enter');
}

/** Waits until every panel shows a chart (or an error) for what its field plots. */
async function settled(p: Page): Promise<void> {
  await p.waitForFunction(() =>
    [...document.querySelectorAll('.panel')].every((e) => {
      const chips = e.querySelectorAll('.series-chip').length;
      return chips === 0 || e.querySelector('section.chart canvas') !== null || e.querySelector('.formula-error') !== null;
    }),
  );
  await p.waitForTimeout(150);
}

/** Everything a panel shows that a layout must give back: fields, boxes, series with axes, lines, chart. */
async function shown(p: Page): Promise<unknown[]> {
  await settled(p);
  return p.locator('.panel').evaluateAll((els) =>
    els.map((e) => {
      const q = <T extends Element>(s: string): T | null => e.querySelector<T>(s);
      const boxes = [...e.querySelectorAll<HTMLInputElement>('.panel-form input[type="checkbox"]')].map((b) => b.checked);
      return {
        field: q<HTMLInputElement>('input.formula')?.value,
        units: q<HTMLSelectElement>('select[aria-label="FRED units transform"]')?.value,
        freq: q<HTMLSelectElement>('select[aria-label="Frequency"]')?.value,
        boxes,
        series: [...e.querySelectorAll('.series-chip')].map((c) => `${(c as HTMLElement).dataset['series'] ?? ''}:${(c.querySelector('select') as HTMLSelectElement).value}`),
        lines: [...e.querySelectorAll('.ref-chip')].map((c) => (c.textContent ?? '').replace('×', '').trim()),
        axes: (e as HTMLElement).dataset['axes'],
        log: (e as HTMLElement).dataset['log'],
        rebased: (e as HTMLElement).dataset['rebased'],
        uAxes: e.querySelectorAll('.u-axis').length,
        title: (e.querySelector('section.chart h3')?.textContent ?? '').trim(),
      };
    }),
  );
}

describe('issue 12: Workspace panels of several series, two axes, log, rebase, reference lines, sums, layouts', () => {
  it('WRESBAL and WDTGAL on two axes, log scale, a reference line, rebased to 100 at the start of the window', async () => {
    const p = app.page;
    await p.waitForSelector('[data-view="workspace"]');
    await p.click('[data-view="workspace"]');
    await p.waitForSelector('.view.workspace [data-panel="1"] section.chart canvas');

    // Typed comma-separated: the comma inside bp( , ) stays with its formula.
    await plot(0, 'WRESBAL, bp(SOFR, IORB)');
    await p.waitForFunction(() => document.querySelectorAll('[data-panel="0"] .series-chip').length === 2);
    expect(await panelAt(0).locator('.series-chip').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['series']))).toEqual(['WRESBAL', 'bp(SOFR, IORB)']);
    // Removed from its chip, then WDTGAL added from the catalog picker by its title.
    await panelAt(0).locator('[data-action="remove-series"][aria-label="Remove bp(SOFR, IORB) from the panel"]').click();
    expect(await p.inputValue('[data-input="formula-0"]')).toBe('WRESBAL');
    const title = (await call<{ id: string; title: string }[]>('series:list', {})).find((s) => s.id === 'WDTGAL')?.title ?? '';
    expect(title).not.toBe('');
    expect(await p.locator(`datalist#ws-catalog option[value="WDTGAL"]`).getAttribute('label')).toBe(title);
    await p.fill('[data-input="add-series-0"]', title);
    await p.press('[data-input="add-series-0"]', 'Enter');
    await p.waitForFunction(() => (document.querySelector('[data-input="formula-0"]') as HTMLInputElement).value === 'WRESBAL, WDTGAL');
    await settled(p);
    const chart = panelAt(0).locator('section.chart');
    await p.waitForFunction(() => document.querySelectorAll('[data-panel="0"] .readout .legend-item').length === 2);
    expect(await panelAt(0).getAttribute('data-axes')).toBe('1');
    expect(await chart.locator('.u-axis').count()).toBe(2);

    // WDTGAL to the right: a second y axis, both labelled $bn, the legend says which is on the right.
    await panelAt(0).locator('select[aria-label="Axis for WDTGAL"]').selectOption('right');
    await p.waitForFunction(() => document.querySelector('[data-panel="0"]')?.getAttribute('data-axes') === '2');
    await p.waitForFunction(() => document.querySelectorAll('[data-panel="0"] section.chart .u-axis').length === 3);
    expect(await chart.locator('h3 .unit').textContent()).toBe('($bn · rhs $bn)');
    expect(await chart.locator('.legend-label').allTextContents()).toEqual(['WRESBAL', 'WDTGAL (rhs)']);

    // Log scale: both series are above zero, so it is on.
    await p.check('[data-input="log-0"]');
    await p.waitForFunction(() => document.querySelector('[data-panel="0"]')?.getAttribute('data-log') === 'true');
    expect(await panelAt(0).locator('[data-notes]').count()).toBe(0);

    // A reference line on the left axis.
    await p.fill('[data-input="ref-value-0"]', '3000');
    await p.fill('[data-input="ref-label-0"]', 'ample: $3tn');
    await panelAt(0).locator('select[aria-label="Reference line axis"]').selectOption('left');
    await p.click('[data-panel="0"] [data-action="add-ref-line"]');
    await p.waitForSelector('[data-panel="0"] .ref-chip');
    expect(await panelAt(0).locator('.ref-chip').textContent()).toMatch(/ample: \$3tn \(3000\) left/);
    // A second line on the right axis, then removed again from its chip.
    await p.fill('[data-input="ref-value-0"]', '750');
    await p.fill('[data-input="ref-label-0"]', 'TGA $750bn');
    await panelAt(0).locator('select[aria-label="Reference line axis"]').selectOption('right');
    await p.press('[data-input="ref-value-0"]', 'Enter');
    await p.waitForFunction(() => document.querySelectorAll('[data-panel="0"] .ref-chip').length === 2);
    expect(await panelAt(0).locator('.ref-chip').nth(1).textContent()).toMatch(/TGA \$750bn \(750\) right/);
    await settled(p);
    await shot('two-axes-ref-lines-light');
    await panelAt(0).locator('button[aria-label="Remove the reference line at 750"]').click();
    await p.waitForFunction(() => document.querySelectorAll('[data-panel="0"] .ref-chip').length === 1);
    await settled(p);

    // Log is refused, with the reason, for a series that has zeros (SRF take-up).
    await plot(1, 'RPONTTLD');
    await p.check('[data-input="log-1"]');
    await p.waitForSelector('[data-notes="1"]:has-text("Log scale off: RPONTTLD goes down to $0bn")');
    expect(await panelAt(1).getAttribute('data-log')).toBe('false');
    await p.uncheck('[data-input="log-1"]');
    await shot('two-axes-log-light');

    // Rebase: zoom into the last two years or so, then each series is 100 at its first value in the window.
    await p.check('[data-input="rebase-0"]');
    await p.waitForFunction(() => document.querySelector('[data-panel="0"]')?.getAttribute('data-rebased') === 'true');
    const basesAll = await panelAt(0).getAttribute('data-bases');
    await dragAcross(p, chart.locator('.u-over'), 0.9, 0.99);
    await p.waitForFunction((before) => (document.querySelector('[data-panel="0"]')?.getAttribute('data-bases') ?? before) !== before, basesAll);
    const bases = ((await panelAt(0).getAttribute('data-bases')) ?? '').split(' ').map((b) => b.split('@') as [string, string]);
    expect(bases.map(([k]) => k)).toEqual(['WRESBAL', 'WDTGAL']);
    const xmin = Number(await chart.getAttribute('data-xmin'));
    for (const [, d] of bases) {
      // The first observation on or after the window's start: at most a week after it (weekly data).
      expect(dayOf(d) - xmin).toBeGreaterThanOrEqual(-1);
      expect(dayOf(d) - xmin).toBeLessThanOrEqual(8);
    }
    expect(await chart.locator('h3').textContent()).toBe('WRESBAL, WDTGAL rebased to 100 (index · rhs index)');

    // The readout at the base date reads 100 for both.
    const baseDay = dayOf(bases[0]?.[1] ?? '');
    const over = chart.locator('.u-over');
    const box = await over.boundingBox();
    if (!box) throw new Error('no plot');
    const xmax = Number(await chart.getAttribute('data-xmax'));
    await p.mouse.move(box.x + ((baseDay + 2 - xmin) / (xmax - xmin)) * box.width, box.y + box.height / 2);
    const values = await chart.locator('.legend-value').allTextContents();
    expect(values.map((v) => Number((v.split(' ')[0] ?? '').replace(/,/g, '')))).toEqual([100, 100]);

    // The CSV: 100 at the base date, and every value is the store's value over its value at the base date.
    const rows = await chartCsv(panelAt(0));
    const at = (d: string): string[] | undefined => rows.find((r) => r[0] === d);
    expect(at(bases[0]?.[1] ?? '')?.slice(1).map(Number)).toEqual([100, 100]);
    const store = await call<{ id: string; dates: number[]; values: number[] }[]>('series:get', { ids: ['WRESBAL', 'WDTGAL'], from: bases[0]?.[1] });
    const [res, tga] = store;
    if (!res || !tga) throw new Error('no store data');
    for (let i = 0; i < res.dates.length; i += 5) {
      const row = at(iso(res.dates[i] ?? 0));
      expect(Number(row?.[1])).toBeCloseTo(((res.values[i] ?? 0) / (res.values[0] ?? 1)) * 100, 6);
    }
    const j = tga.dates.length - 1;
    expect(Number(at(iso(tga.dates[j] ?? 0))?.[2])).toBeCloseTo(((tga.values[j] ?? 0) / (tga.values[0] ?? 1)) * 100, 6);
    await shot('rebased-light');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('the linked range is kept in the UI state: back from another view, and after a reload, the same window and the same bases', async () => {
    const p = app.page;
    const chart = panelAt(0).locator('section.chart');
    const bases = await panelAt(0).getAttribute('data-bases');
    const [xmin, xmax] = [await chart.getAttribute('data-xmin'), await chart.getAttribute('data-xmax')];
    expect(bases).toMatch(/^WRESBAL@\S+ WDTGAL@\S+$/);
    // Zoomed to the last part of the data: not the first value overall.
    const first = await call<{ dates: number[] }[]>('series:get', { ids: ['WRESBAL'] });
    expect(bases).not.toContain(`WRESBAL@${iso(first[0]?.dates[0] ?? 0)}`);
    await p.waitForFunction(() => document.body.dataset['uiState'] === 'saved');
    const stored = await call<{ workspace?: { range?: { min: number; max: number } } }>('ui:get', {});
    expect(String(Math.round((stored.workspace?.range?.min ?? 0) / 86_400))).toBe(xmin);
    expect(String(Math.round((stored.workspace?.range?.max ?? 0) / 86_400))).toBe(xmax);

    const same = async (): Promise<void> => {
      await p.waitForSelector('.view.workspace [data-panel="0"] section.chart canvas');
      await p.waitForFunction(() => document.querySelector('[data-panel="0"]')?.getAttribute('data-rebased') === 'true');
      await p.waitForFunction((x) => document.querySelector('[data-panel="0"] section.chart')?.getAttribute('data-xmin') === x, xmin);
      expect(await panelAt(0).getAttribute('data-bases')).toBe(bases);
      expect(await chart.getAttribute('data-xmax')).toBe(xmax);
      // The other panel shows the same window.
      expect(await panelAt(1).locator('section.chart').getAttribute('data-xmin')).toBe(xmin);
    };
    await p.click('[data-view="monitor"]');
    await p.waitForSelector('.view.workspace', { state: 'detached' });
    await p.click('[data-view="workspace"]');
    await same();
    await p.reload();
    await same();
    expect(app.pageErrors).toEqual([]);
  }, 60_000);

  it('M:sum of RPONTTLD: each month is the total of the store’s daily values', async () => {
    const p = app.page;
    await p.selectOption('[data-panel="1"] select[aria-label="Frequency"]', 'M:sum');
    await p.waitForSelector('[data-panel="1"] section.chart h3:has-text("RPONTTLD (monthly, sum)")');
    const rows = await chartCsv(panelAt(1));
    expect(rows[0]?.[0]).toBe('date');
    const months = rows.slice(1);
    expect(months.length).toBeGreaterThan(24);
    const store = (await call<{ dates: number[]; values: number[] }[]>('series:get', { ids: ['RPONTTLD'] }))[0];
    if (!store) throw new Error('no RPONTTLD');
    const totals = new Map<string, number>();
    store.dates.forEach((d, i) => {
      const m = `${iso(d).slice(0, 7)}-01`;
      const v = store.values[i] ?? Number.NaN;
      if (Number.isFinite(v)) totals.set(m, (totals.get(m) ?? 0) + v);
    });
    // The store's last month is not a month's total: RPONTTLD ends on Friday 2026-08-21, with August's
    // last business days still to come. Left out (as FRED aggregates), and the panel says so.
    const all = [...totals.keys()];
    expect(iso(store.dates.at(-1) ?? 0)).toBe('2026-08-21');
    expect(all.at(-1)).toBe('2026-08-01');
    expect(months.map((r) => r[0])).toEqual(all.slice(0, -1));
    await p.waitForSelector('[data-notes="1"]:has-text("The incomplete last month is left out: 2026-08 for RPONTTLD (its data ends 2026-08-21). FRED\'s own aggregation also reports complete periods only.")');
    for (const r of months) expect(Number(r[1])).toBeCloseTo(totals.get(r[0] ?? '') ?? Number.NaN, 6);
    // December 2025, the year-end peak, by hand from the store's days.
    const dec = await call<{ values: number[] }[]>('series:get', { ids: ['RPONTTLD'], from: '2025-12-01', to: '2025-12-31' });
    const decTotal = (dec[0]?.values ?? []).reduce((a, b) => a + b, 0);
    expect(decTotal).toBeGreaterThan(100);
    expect(Number(months.find((r) => r[0] === '2025-12-01')?.[1])).toBeCloseTo(decTotal, 6);
    expect(app.pageErrors).toEqual([]);
  }, 60_000);

  it('layouts: save, replace only after asking, rename, delete with Undo, reopen exactly; an earlier build’s layout opens', async () => {
    const p = app.page;
    const savedPanels = async (name: string): Promise<unknown> => (await call<{ name: string; panels: unknown }[]>('layout:list', {})).find((l) => l.name === name)?.panels;
    await p.fill('[data-input="layout-name"]', 'Plumbing');
    await p.click('[data-action="save-layout"]');
    await p.waitForSelector('[data-status]:has-text("layout “Plumbing” saved")');
    const first = await shown(p);
    expect(first[0]).toMatchObject({ field: 'WRESBAL, WDTGAL', series: ['WRESBAL:left', 'WDTGAL:right'], axes: '2', uAxes: 3, log: 'true', rebased: 'true' });
    expect(first[1]).toMatchObject({ field: 'RPONTTLD', freq: 'M:sum', axes: '1' });
    const firstFile = await savedPanels('Plumbing');
    expect(firstFile).toEqual([
      { formula: 'WRESBAL, WDTGAL', units: 'lin', step: false, right: ['WDTGAL'], log: true, rebase: true, refLines: [{ value: 3000, label: 'ample: $3tn' }] },
      { formula: 'RPONTTLD', units: 'lin', step: false, freq: 'M:sum' },
    ]);

    // A change, then Save under the same name: the page asks; Cancel keeps the saved one.
    await p.click('[data-action="add-panel"]');
    await plot(2, 'bp(SOFR, IORB), bp(EFFR, IORB)');
    await p.selectOption('[data-panel="2"] select[aria-label="FRED units transform"]', 'chg');
    await p.check('[data-panel="2"] .panel-form input[type="checkbox"] >> nth=0');
    await p.fill('[data-input="ref-value-2"]', '0');
    await p.click('[data-panel="2"] [data-action="add-ref-line"]');
    await p.waitForSelector('[data-panel="2"] .ref-chip');
    await p.click('[data-action="save-layout"]');
    const dialog = p.locator('[data-dialog="confirm"]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/A layout named “Plumbing” already exists\. Replace it with these 3 panels\?/);
    await p.click('[data-dialog="confirm"] [data-action="confirm-no"]');
    await dialog.waitFor({ state: 'detached' });
    expect(await savedPanels('Plumbing')).toEqual(firstFile);
    await p.click('[data-action="save-layout"]');
    await p.click('[data-dialog="confirm"] [data-action="confirm-yes"]');
    await p.waitForSelector('[data-status]:has-text("layout “Plumbing” saved")');
    const replaced = await shown(p);
    expect(replaced).toHaveLength(3);
    expect(replaced[2]).toMatchObject({ field: 'bp(SOFR, IORB), bp(EFFR, IORB)', units: 'chg', boxes: [true, false, false], series: ['bp(SOFR, IORB):left', 'bp(EFFR, IORB):left'], lines: ['┄ 0'] });
    const replacedFile = await savedPanels('Plumbing');
    expect(Array.isArray(replacedFile) && replacedFile.length).toBe(3);
    await shot('layout-saved-light', true);

    // Rename: to a name another layout has is refused; to a free one moves it.
    await call('layout:save', { name: 'Rates', panels: [{ formula: 'SOFR' }] });
    await p.click('[data-action="rename-layout"]');
    await p.fill('[data-input="rename-layout"]', 'Rates');
    await p.click('[data-action="rename-layout-ok"]');
    await p.waitForSelector('[data-status]:has-text("a layout named “Rates” already exists; nothing was renamed")');
    await p.fill('[data-input="rename-layout"]', 'Plumbing, two axes');
    await p.press('[data-input="rename-layout"]', 'Enter');
    await p.waitForSelector('[data-status]:has-text("layout “Plumbing” renamed to “Plumbing, two axes”")');
    expect(await p.inputValue('[data-input="layout-name"]')).toBe('Plumbing, two axes');
    expect(await savedPanels('Plumbing')).toBeUndefined();
    expect(await savedPanels('Plumbing, two axes')).toEqual(replacedFile);
    expect(await p.locator('[data-input="open-layout"] option', { hasText: 'Plumbing, two axes' }).count()).toBe(1);

    // Delete, then Undo from the toast: back with its panels.
    await p.click('[data-action="delete-layout"]');
    await p.waitForSelector('[data-toast]:has-text("Deleted layout “Plumbing, two axes”")');
    expect(await savedPanels('Plumbing, two axes')).toBeUndefined();
    await p.click('[data-toast] [data-action="undo"]');
    await p.waitForSelector('[data-status]:has-text("layout “Plumbing, two axes” restored")');
    expect(await savedPanels('Plumbing, two axes')).toEqual(replacedFile);

    // A layout saved by an earlier build (one formula per panel, nothing else) opens.
    await call('layout:save', { name: 'Earlier build', panels: [{ formula: 'WALCL' }, { formula: 'bp(SOFR, IORB)', units: 'lin', step: true }] });
    await p.click('[data-view="monitor"]');
    await p.click('[data-view="workspace"]');
    await p.selectOption('[data-input="open-layout"]', 'Earlier build');
    const earlier = await shown(p);
    expect(earlier.map((x) => (x as { field: string }).field)).toEqual(['WALCL', 'bp(SOFR, IORB)']);
    expect(earlier[1]).toMatchObject({ boxes: [true, false, false], series: ['bp(SOFR, IORB):left'], lines: [], axes: '1', uAxes: 2 });

    // Reopened: exactly as it was saved (series, axes, log, rebase, lines, units, frequency, steps).
    await p.selectOption('[data-input="open-layout"]', 'Plumbing, two axes');
    await p.waitForFunction(() => document.querySelectorAll('.panel').length === 3);
    const reopened = await shown(p);
    expect(reopened).toEqual(replaced.map((x) => ({ ...(x as object) })));
    expect(reopened[0]).toMatchObject({ series: ['WRESBAL:left', 'WDTGAL:right'], axes: '2', uAxes: 3, log: 'true', rebased: 'true', lines: ['┄ ample: $3tn (3000) left'] });
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('the PNG export draws the same chart: two axes, log scale, the reference line, the footer', async () => {
    const chart = panelAt(0).locator('section.chart');
    const [dl] = await Promise.all([app.page.waitForEvent('download'), chart.locator('button:has-text("PNG")').click()]);
    const png = readFileSync(await dl.path());
    writeFileSync(path.join(SHOTS, 'workspace-export-two-axes.png'), png);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // 2× pixel ratio: as wide as twice the chart on screen.
    const cssWidth = (await chart.locator('.plot').boundingBox())?.width ?? 0;
    expect(Math.abs(png.readUInt32BE(16) - 2 * cssWidth)).toBeLessThan(2 * 40);
    expect(app.pageErrors).toEqual([]);
  });

  it('screenshots at 1600×1000, light and dark', async () => {
    const p = app.page;
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.waitForTimeout(200);
    await shot('1600-light');
    await p.click('[data-action="theme"]');
    expect(await p.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await p.waitForTimeout(300);
    await shot('1600-dark');
    await shot('1600-dark-full', true);
    await p.click('[data-action="theme"]');
    expect(app.pageErrors).toEqual([]);
  });

  it('a reference line or label the store would refuse is refused beside the field, and the view state is still saved', async () => {
    const p = app.page;
    const status = async (): Promise<string> => (await p.locator('[data-status]').textContent()) ?? '';
    const lines = panelAt(0).locator('.ref-chip');
    const before = await lines.count();
    const problem = panelAt(0).locator('[data-ref-error]');
    await p.fill('[data-input="ref-value-0"]', '-1e308');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('“-1e308” is too large for a reference line: it can be from −1,000,000,000,000 to 1,000,000,000,000 (±1e12).');
    expect(await panelAt(0).locator('[data-action="add-ref-line"]').isDisabled()).toBe(true);
    expect(await p.getAttribute('[data-input="ref-value-0"]', 'aria-invalid')).toBe('true');
    await panelAt(0).locator('.add-ref').scrollIntoViewIfNeeded();
    await shot('ref-line-refused-light');
    await p.press('[data-input="ref-value-0"]', 'Enter');
    expect(await lines.count()).toBe(before);
    // A label longer than the stored limit is said, not cut short.
    await p.fill('[data-input="ref-value-0"]', '2500');
    await p.fill('[data-input="ref-label-0"]', 'x'.repeat(41));
    await p.waitForSelector('[data-panel="0"] [data-ref-error]:has-text("A label may have at most 40 characters; this one has 41.")');
    expect(await p.getAttribute('[data-input="ref-label-0"]', 'aria-invalid')).toBe('true');
    await p.fill('[data-input="ref-label-0"]', 'y'.repeat(40));
    await problem.waitFor({ state: 'detached' });
    await p.click('[data-panel="0"] [data-action="add-ref-line"]');
    await p.waitForFunction((n) => document.querySelectorAll('[data-panel="0"] .ref-chip').length === n, before + 1);
    // A tab pasted into a formula field becomes a space (the stored state has no control characters).
    await p.fill('[data-input="formula-2"]', 'SOFR,\tIORB');
    expect(await p.inputValue('[data-input="formula-2"]')).toBe('SOFR, IORB');

    // Every later write still reaches the store: the theme, and the Workspace with its new line.
    const saved = (): Promise<unknown> => p.waitForFunction(() => document.body.dataset['uiState'] === 'saved');
    await saved();
    expect((await call<{ theme?: string }>('ui:get', {})).theme).toBe('light');
    await p.click('[data-action="theme"]');
    await saved();
    expect((await call<{ theme?: string }>('ui:get', {})).theme).toBe('dark');
    const stored = await call<{ workspace?: { panels: { draft: string; refLines?: { value: number; label: string }[] }[] } }>('ui:get', {});
    expect(stored.workspace?.panels[0]?.refLines?.map((l) => [l.value, l.label])).toContainEqual([2500, 'y'.repeat(40)]);
    expect(stored.workspace?.panels[2]?.draft).toBe('SOFR, IORB');
    expect(await status()).not.toMatch(/not saved/);
    await p.click('[data-action="theme"]');
    await saved();
    expect((await call<{ theme?: string }>('ui:get', {})).theme).toBe('light');
    await plot(2, 'bp(SOFR, IORB), bp(EFFR, IORB)');
    expect(app.pageErrors).toEqual([]);
  });

  it('formulas with no finite value are named in their panel (not "no data"); a partly finite one is drawn on the rest, with the dates dropped counted', async () => {
    const p = app.page;
    await p.click('[data-action="add-panel"]');
    const i = (await p.locator('.panel').count()) - 1;
    const panel = panelAt(i);
    const unplottable = panel.locator('[data-unplottable]');
    await plot(i, 'WRESBAL / 0');
    await unplottable.waitFor();
    expect(await unplottable.allTextContents()).toEqual(['WRESBAL / 0 gives no finite values (division by zero or overflow) on any date.']);
    expect(await panel.locator('section.chart').count()).toBe(0);
    expect(await panel.textContent()).not.toMatch(/No data for this chart yet/);
    await panel.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot('no-finite-values-light');

    // Beside a series that has values: that one is drawn, alone.
    await plot(i, '1e308 * WRESBAL * 10, WDTGAL');
    await p.waitForSelector(`[data-panel="${i}"] section.chart canvas`);
    expect(await unplottable.allTextContents()).toEqual(['1e308 * WRESBAL * 10 gives no finite values (division by zero or overflow) on any date.']);
    expect(await panel.locator('.legend-label').allTextContents()).toEqual(['WDTGAL']);

    // SOFR - 3.88 is zero on the days SOFR printed 3.88: those are dropped, the others drawn.
    const sofr = (await call<{ dates: number[]; values: number[] }[]>('series:get', { ids: ['SOFR'] }))[0];
    if (!sofr) throw new Error('no SOFR');
    const zeros = sofr.values.filter((v) => v === 3.88).length;
    expect(zeros).toBeGreaterThan(0);
    await plot(i, 'SOFR / (SOFR - 3.88)');
    await p.waitForSelector(`[data-notes="${i}"]:has-text("SOFR / (SOFR - 3.88): ${zeros.toLocaleString('en-US')} date${zeros === 1 ? '' : 's'} left out, where it gives no finite value (division by zero or overflow).")`);
    expect(await unplottable.count()).toBe(0);
    const rows = await chartCsv(panel);
    expect(rows.length - 1).toBe(sofr.values.filter((v) => Number.isFinite(v)).length - zeros);
    expect(app.pageErrors).toEqual([]);
  }, 60_000);

  it('WRESBAL monthly sum: October 2026 (one week of data) is left out, September is the sum of its five Wednesdays', async () => {
    const p = app.page;
    const i = (await p.locator('.panel').count()) - 1;
    await plot(i, 'WRESBAL');
    await p.selectOption(`[data-panel="${i}"] select[aria-label="Frequency"]`, 'M:sum');
    await p.waitForSelector(`[data-panel="${i}"] section.chart h3:has-text("WRESBAL (monthly, sum)")`);
    await p.waitForSelector(`[data-notes="${i}"]:has-text("The incomplete last month is left out: 2026-10 for WRESBAL (its data ends 2026-10-07).")`);
    const rows = await chartCsv(panelAt(i));
    expect(rows.at(-1)?.[0]).toBe('2026-09-01');
    const sep = (await call<{ values: number[] }[]>('series:get', { ids: ['WRESBAL'], from: '2026-09-01', to: '2026-09-30' }))[0]?.values ?? [];
    expect(sep).toHaveLength(5);
    expect(Number(rows.at(-1)?.[1])).toBeCloseTo(sep.reduce((a, b) => a + b, 0), 6);
    // End of period keeps the last month: its value is the latest observation, not part of a total.
    await p.selectOption(`[data-panel="${i}"] select[aria-label="Frequency"]`, 'M:eop');
    await p.waitForSelector(`[data-panel="${i}"] section.chart h3:has-text("WRESBAL (monthly, end of period)")`);
    expect((await chartCsv(panelAt(i))).at(-1)?.[0]).toBe('2026-10-01');
    expect(await panelAt(i).locator('[data-notes]').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  }, 60_000);
});
