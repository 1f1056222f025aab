/**
 * A FRED series added from the Workspace picker, end to end: an id the catalog does not have offers
 * "Add a FRED series"; the dialog (the Data view's add form, the same channels) looks it up, the user
 * enters and confirms the metadata (keyless), and the series lands in the panel, is synced alone
 * (`sync:start { ids }`) and is plotted with the stored values. Removed in the Data view, the panel
 * says so by name instead of drawing or failing. Browser mode, real core and SQLite seeded from the
 * snapshot, FRED replayed on loopback from the recorded SOFR download (1,247 values).
 * Screenshots: test-results/user-series-*.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { parseCsv } from '../../shared/parse/csv.js';
import { SHOTS, startE2eApp, type E2eApp, chooseCsvRange } from '../support/e2e-app.js';
import { readData } from '../support/fixtures.js';
import { REPO_ROOT } from '../support/paths.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { replayRoutes } from '../support/sync-harness.js';

let app: E2eApp;
let sources: ReplayServer;
beforeAll(async () => {
  sources = await startReplayServer(replayRoutes);
  app = await startE2eApp(sources.base);
  await app.page.setViewportSize({ width: 1600, height: 1000 });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await sources?.close();
});

const text = async (sel: string): Promise<string> => ((await app.page.textContent(sel)) ?? '').trim();
const panelAt = (i: number): Locator => app.page.locator(`.view.workspace [data-panel="${i}"]`);

/** The recorded download's rows with a value, as [date, value text]. */
const FILE_ROWS = readData('fred/SOFR.csv')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','))
  .filter((c) => (c[1] ?? '').trim() !== '');

/** A chart's CSV (full history): rows of [date, ...values]. */
async function chartCsv(panel: Locator): Promise<string[][]> {
  await chooseCsvRange(panel, 'full');
  const [dl] = await Promise.all([app.page.waitForEvent('download'), panel.locator('button:has-text("CSV")').click()]);
  const rows = parseCsv(readFileSync(await dl.path()).toString('utf8'));
  if (!rows.ok) throw new Error(rows.error);
  return rows.value.filter((r) => r.length > 1);
}

/** axe-core's serious and critical violations, one line each (as test/e2e/a11y.e2e.test.ts runs it). */
async function axeSerious(): Promise<string[]> {
  const p = app.page;
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(`${readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')}\n;void 0;`);
  return p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResults> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
  });
}

describe('a FRED series added from the Workspace picker', () => {
  it('is offered for an id the catalog lacks, added through the dialog, synced alone and plotted; removed in the Data view, the panel says so', async () => {
    const p = app.page;
    await p.click('[data-view="workspace"]');
    await p.waitForSelector('.view.workspace [data-panel="1"] section.chart canvas');
    // A third panel, emptied: the series added from FRED will be its only one.
    await p.click('[data-action="add-panel"]');
    await panelAt(2).locator('[data-action="remove-series"]').click();
    await p.waitForFunction(() => document.querySelectorAll('[data-panel="2"] .series-chip').length === 0);

    // Catalog ids, titles and formulas are not offered from FRED; an id the catalog lacks is.
    const field = '[data-input="add-series-2"]';
    const offer = panelAt(2).locator('[data-action="add-fred-series"]');
    for (const typed of ['walcl', 'bp(SOFR, IORB)', 'WRESBAL / 2']) {
      await p.fill(field, typed);
      expect(await offer.count(), typed).toBe(0);
    }
    await p.fill(field, 'sofr_fred');
    await offer.waitFor();
    expect((await offer.textContent())?.trim()).toBe('Add a FRED series: SOFR_FRED…');
    const requestsBefore = sources.requests.length;
    await offer.click();

    // The dialog looks the typed id up at once: FRED has no SOFR_FRED (its HTML 404 page), said in the dialog.
    const dialog = p.locator('[data-dialog="add-fred"]');
    await dialog.waitFor();
    expect(await p.inputValue('[data-dialog="add-fred"] [data-input="fred-series-id"]')).toBe('SOFR_FRED');
    await p.waitForFunction(() => (document.querySelector('[data-dialog="add-fred"] [data-message="add-series"]')?.getAttribute('data-kind') ?? '') === 'error');
    expect(await text('[data-dialog="add-fred"] [data-message="add-series"]')).toMatch(/SOFR_FRED/);
    expect(sources.requests.slice(requestsBefore).map((r) => r.url)).toEqual(['/graph/fredgraph.csv?id=SOFR_FRED']);

    // FRED's id is SOFR: looked up, entered and confirmed (no key), added as SOFR_FRED.
    await p.fill('[data-dialog="add-fred"] [data-input="fred-series-id"]', 'SOFR');
    await p.click('[data-dialog="add-fred"] [data-action="lookup-fred"]');
    await p.waitForSelector('[data-dialog="add-fred"] [data-preview]');
    expect(await p.inputValue('[data-dialog="add-fred"] [data-input="add-id"]')).toBe('SOFR_FRED');
    await p.fill('[data-dialog="add-fred"] [data-input="add-title"]', 'Secured Overnight Financing Rate (FRED copy)');
    await p.selectOption('[data-dialog="add-fred"] [data-input="add-units"]', 'Percent');
    await p.selectOption('[data-dialog="add-fred"] [data-input="add-sa"]', 'Not Seasonally Adjusted');
    await p.check('[data-dialog="add-fred"] [data-input="add-confirm"]');
    // A modal dialog: the focus stays inside it, and it has no serious axe findings.
    expect(await p.evaluate(() => document.querySelector('[data-dialog="add-fred"]')?.contains(document.activeElement) ?? false)).toBe(true);
    expect(await axeSerious()).toEqual([]);
    await p.screenshot({ path: path.join(SHOTS, 'user-series-add-dialog.png') });
    const syncStart = sources.requests.length;
    await p.click('[data-dialog="add-fred"] [data-action="add-fred"]');
    await p.waitForSelector('[data-dialog="add-fred"]', { state: 'detached' });

    // In the panel, fetched alone (no other series is requested), and plotted with the stored values.
    await p.waitForSelector('[data-panel="2"] .series-chip[data-series="SOFR_FRED"]');
    await p.waitForFunction(() => /^SOFR_FRED was added to the catalog and fetched from FRED: 1,247 observations\.$/.test(document.querySelector('[data-message="fetch-2"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    // catalog:add-fred checks the download again before adding; then the sync of SOFR_FRED alone.
    expect(sources.requests.slice(syncStart).map((r) => r.url)).toEqual(['/graph/fredgraph.csv?id=SOFR', '/graph/fredgraph.csv?id=SOFR']);
    expect(app.core.store.db.prepare("SELECT count(*) FROM sync_run_series WHERE series_id = 'SOFR_FRED'").pluck().get()).toBe(1);
    await p.waitForSelector('[data-panel="2"] section.chart canvas');
    expect(await panelAt(2).locator('.formula-error').count()).toBe(0);
    const rows = await chartCsv(panelAt(2));
    const data = rows.slice(1);
    expect(data).toHaveLength(FILE_ROWS.length);
    expect(data[0]?.slice(0, 1)).toEqual([FILE_ROWS[0]?.[0]]);
    expect(Number(data.at(-1)?.[1])).toBe(Number(FILE_ROWS.at(-1)?.[1]));
    expect(data.at(-1)?.[0]).toBe(FILE_ROWS.at(-1)?.[0]);
    // The picker lists it now, marked as the user's.
    expect(await p.locator('datalist#ws-catalog option[value="SOFR_FRED"]').getAttribute('label')).toBe('Secured Overnight Financing Rate (FRED copy) (yours, from FRED SOFR)');
    // A formula over it in another panel: FRED's copy against the built-in IORB, in basis points.
    await p.fill('[data-input="formula-1"]', 'bp(SOFR_FRED, IORB)');
    await p.press('[data-input="formula-1"]', 'Enter');
    await p.waitForFunction(() => (document.querySelector('[data-panel="1"] section.chart h3')?.textContent ?? '').includes('bp(SOFR_FRED, IORB)'));
    expect(await panelAt(1).locator('.formula-error').count()).toBe(0);
    await p.screenshot({ path: path.join(SHOTS, 'user-series-plotted.png'), fullPage: true });

    // Removed in the Data view (after its confirm).
    await p.click('[data-view="data"]');
    await p.waitForSelector('[data-table="catalog"] [data-series="SOFR_FRED"]');
    await p.locator('[data-series="SOFR_FRED"] [data-action="remove-series"]').click();
    await p.click('[data-action="confirm-yes"]');
    await p.waitForFunction(() => document.querySelector('[data-table="catalog"] [data-series="SOFR_FRED"]') === null);
    expect(await text('[data-message="catalog"]')).toBe('Removed SOFR_FRED and its 1,247 observations.');

    // Back in the Workspace: each panel that names it says it was removed, by name; nothing else breaks.
    await p.click('[data-view="workspace"]');
    const removed = /SOFR_FRED was removed from the catalog on \d{4}-\d{2}-\d{2} \(it was FRED SOFR: Secured Overnight Financing Rate \(FRED copy\)\); add it again from FRED to use it/;
    for (const i of [1, 2]) {
      await p.waitForSelector(`[data-error="${i}"]`);
      expect(await text(`[data-error="${i}"]`)).toMatch(removed);
      expect(await panelAt(i).locator('section.chart').count()).toBe(0);
    }
    // Its chip stays (it is the user's list), the picker no longer lists it, and offers it from FRED again.
    expect(await panelAt(2).locator('.series-chip[data-series="SOFR_FRED"]').count()).toBe(1);
    expect(await p.locator('datalist#ws-catalog option[value="SOFR_FRED"]').count()).toBe(0);
    await p.fill(field, 'SOFR_FRED');
    await offer.waitFor();
    await p.fill(field, '');
    // The other panel still draws.
    await p.waitForSelector('[data-panel="0"] section.chart canvas');
    await p.screenshot({ path: path.join(SHOTS, 'user-series-removed.png'), fullPage: true });
    // After a reload too (the panels are kept in the data folder, the removal record with them).
    await p.reload();
    await p.waitForSelector('[data-error="2"]');
    expect(await text('[data-error="2"]')).toMatch(removed);
    // Nothing of it is left in the store but that record.
    const db = app.core.store.db;
    for (const [table, col] of [['series', 'id'], ['user_series', 'id'], ['series_columns', 'series_id'], ['revisions', 'series_id'], ['sync_run_series', 'series_id']] as const) {
      expect(db.prepare(`SELECT count(*) FROM ${table} WHERE ${col} = 'SOFR_FRED'`).pluck().get(), table).toBe(0);
    }
    expect(app.pageErrors).toEqual([]);
  });
});
