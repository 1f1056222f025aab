/**
 * The desktop app's menu and opened files, on the page side (issue 15 §3): a stand-in for the preload's
 * bridge (invoke forwarded to the loopback host, onShellEvent captured) is installed before the page
 * loads, then shell events are fired as the preload would deliver them. Proves the page's handling
 * (validation, view switch, the views' own import code), not Electron's menu itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type E2eApp, useE2eApp } from '../support/e2e-app.js';
import { REPO_ROOT } from '../support/paths.js';

let app: E2eApp;
useE2eApp((a) => (app = a));

// A string, not a function: tsx would add __name helpers the page does not have.
const BRIDGE = `(() => {
  const token = new URLSearchParams(location.search).get('token') || sessionStorage.getItem('reservoir.token') || '';
  window.reservoir = {
    invoke: (channel, payload) => (channel === 'export:save-file' && (window.__saves = [...(window.__saves || []), payload.fileName]), fetch('/api/' + encodeURIComponent(channel), { method: 'POST', headers: { 'content-type': 'application/json', 'x-reservoir-token': token }, body: JSON.stringify(payload) }).then((r) => r.json())),
    onShellEvent: (fn) => { window.__shellEvent = fn; },
  };
})();`;

const fire = (event: unknown): Promise<void> => app.page.evaluate((e) => (window as unknown as { __shellEvent: (x: unknown) => void }).__shellEvent(e), event);
const fireFile = (action: string, name: string, text: string): Promise<void> =>
  app.page.evaluate(([a, n, t]) => (window as unknown as { __shellEvent: (x: unknown) => void }).__shellEvent({ action: a, file: { name: n, bytes: new TextEncoder().encode(t) } }), [action, name, text] as const);
const viewTitle = (): Promise<string | null> => app.page.locator('[data-view-title]').textContent();

describe('shell events in the page (desktop menu, files opened from the OS)', () => {
  it('the page subscribes once loaded; view and theme actions act like their shortcuts', async () => {
    const p = app.page;
    await p.addInitScript(BRIDGE);
    await p.reload();
    await p.waitForSelector('[data-tile="reserves"]');
    await p.waitForFunction(() => typeof (window as unknown as { __shellEvent?: unknown }).__shellEvent === 'function');
    await fire({ action: 'view-data' });
    await p.waitForSelector('[data-view="data"][aria-current="page"]');
    expect(await viewTitle()).toBe('Data');
    await fire({ action: 'view-analysis' });
    await p.waitForSelector('[data-view="analysis"][aria-current="page"]');
    const theme = await p.evaluate(() => document.documentElement.dataset['theme']);
    await fire({ action: 'toggle-theme' });
    expect(await p.evaluate(() => document.documentElement.dataset['theme'])).not.toBe(theme);
    await fire({ action: 'toggle-theme' });
    await fire({ action: 'show-shortcuts' });
    await p.waitForSelector('#help-title');
    await p.click('[data-action="help-close"]');
  });

  it('malformed or unknown events are dropped', async () => {
    await fire({ action: 'view-monitor' });
    await app.page.waitForSelector('[data-view="monitor"][aria-current="page"]');
    for (const e of [{ action: 'view-settings' }, { action: 'view-data', extra: true }, { action: 'import-scenario', file: { name: '../x.reservoir.json', bytes: new Uint8Array(0) } }, 'view-data', null]) await fire(e);
    await app.page.waitForTimeout(200);
    expect(await viewTitle()).toBe('Monitor');
    expect(app.pageErrors).toEqual([]);
  });

  it('a scenario file opened from the OS is imported in Compare by its own import code', async () => {
    const p = app.page;
    const text = JSON.stringify({ format: 'reservoir-scenario', version: 1, name: 'Opened from Finder', inputs: { rmpSchedule: [{ from: '2026-01', perMonthBn: 40 }] } });
    await fireFile('import-scenario', 'Opened.reservoir.json', text);
    await p.waitForSelector('[data-view="compare"][aria-current="page"]');
    await p.waitForSelector('[data-status]:has-text("imported Opened.reservoir.json")');
    await p.waitForSelector('.scenario-list tbody tr:has-text("Opened from Finder")');
  });

  it('File → Import CSV… hands the picked file to the Data view’s import (real WRESBAL from FRED)', async () => {
    const p = app.page;
    const csv = readFileSync(path.join(REPO_ROOT, '..', 'shared', 'data', 'fred', 'WRESBAL.csv'), 'utf8');
    await fireFile('import-csv', 'WRESBAL.csv', csv);
    await p.waitForSelector('[data-view="data"][aria-current="page"]');
    const msg = p.locator('[data-status]');
    await p.waitForSelector('[data-status]:has-text("Imported WRESBAL from WRESBAL.csv")', { timeout: 30_000 });
    const rows = csv.trim().split('\n').length - 1;
    expect(await msg.textContent()).toContain(`${rows.toLocaleString('en-US')} rows`);
  });

  it('File → Export CSV / Export PNG from another view switch to the Monitor and save once its data is there', async () => {
    const p = app.page;
    expect(await viewTitle()).toBe('Data');
    const saves = (): Promise<string[]> => p.evaluate(() => (window as unknown as { __saves?: string[] }).__saves ?? []);
    await fire({ action: 'export-csv' });
    await p.waitForSelector('[data-view="monitor"][aria-current="page"]');
    await p.waitForFunction(() => ((window as unknown as { __saves?: string[] }).__saves ?? []).length === 1, undefined, { timeout: 20_000 });
    expect((await saves())[0]).toMatch(/^monitor-tiles-\d{4}-\d{2}-\d{2}\.csv$/);
    await fire({ action: 'view-compare' });
    await fire({ action: 'export-png' });
    await p.waitForFunction(() => ((window as unknown as { __saves?: string[] }).__saves ?? []).length === 2, undefined, { timeout: 20_000 });
    expect((await saves())[1]).toMatch(/^monitor-\d{4}-\d{2}-\d{2}\.png$/);
    expect(app.pageErrors).toEqual([]);
  });
});
