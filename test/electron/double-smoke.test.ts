/**
 * The desktop shell's wiring, run here (issue 15 §6): the real built dist/shell/main.cjs and
 * preload.cjs under Node with the electron double (test/support/electron-double), its windows in
 * Debian's Chromium. The page reaches the core only through what the preload exposed: the preload
 * asks the main process for a port (ipcRenderer.send → ipcMain.on) and sends every request over it
 * to the core, which runs in a utilityProcess (a real Node child process here, issue 15 §2), so
 * renaming the IPC channel on one side, or the core process's file, fails this file.
 * It proves our use of Electron's API (menus, dialogs, protocol, permission and navigation handlers,
 * the single-instance hand-off), not Electron itself: test/electron/smoke.test.ts runs the real app
 * where its binary exists.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/db/open-database.js';
import { getObservations } from '../../main/core/db/repos/observations-repo.js';
import { DB_FILE } from '../../main/core/store.js';
import { createElectronDouble, type ElectronDouble } from '../support/electron-double/electron-double.js';
import { runShell, stageApp, type StagedApp } from '../support/electron-double/load-shell.js';
import { CHROMIUM, CHROMIUM_ARGS, ensureRendererBuilt } from '../support/e2e-app.js';
import { REPO_ROOT } from '../support/paths.js';
import { seededDataDir } from '../support/sync-harness.js';
import { tempDir } from '../support/temp-dir.js';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

let double: ElectronDouble;
let staged: StagedApp;
let data: { dir: string; cleanup: () => void };
let docs: { dir: string; cleanup: () => void };
let home: { dir: string; cleanup: () => void };
let exited: Promise<number>;
let page: Page;
const pageErrors: string[] = [];

interface Bridge {
  invoke(channel: string, payload: unknown): Promise<{ ok: boolean; value?: { id?: number; name?: string }; error?: string }>;
}

/** The latest weekly reserves (WRESBAL, $bn) in the seeded store, read before the app opens it. */
function latestReservesBn(dir: string): number {
  const db = openDatabase(path.join(dir, DB_FILE), { readonly: true });
  try {
    const last = getObservations(db, 'WRESBAL').at(-1);
    if (last === undefined) throw new Error('the seeded store has no WRESBAL');
    return last.value;
  } finally {
    db.close();
  }
}
let reservesBn = 0;

beforeAll(async () => {
  staged = stageApp(ensureRendererBuilt());
  data = seededDataDir();
  docs = tempDir('reservoir-double-docs-');
  home = tempDir('reservoir-double-home-');
  reservesBn = latestReservesBn(data.dir);
  let setExit: (code: number) => void = () => undefined;
  exited = new Promise<number>((r) => (setExit = r));
  double = createElectronDouble({
    version: pkg.version,
    appPath: staged.root,
    userData: home.dir,
    documents: docs.dir,
    launchBrowser: () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
    onExit: setExit,
  });
  runShell(staged.mainCjs, ['--data-dir', data.dir], double.electron);
  double.control.ready();
  const deadline = Date.now() + 30_000;
  while (double.control.windows()[0]?.page == null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const p = double.control.windows()[0]?.page;
  if (p == null) throw new Error(`no window opened: ${JSON.stringify(double.control.recorded.errorBoxes)}`);
  page = p;
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
}, 60_000);

afterAll(async () => {
  await double?.control.closeBrowser();
  staged?.cleanup();
  data?.cleanup();
  docs?.cleanup();
  home?.cleanup();
});

describe('the built desktop shell under the electron double', () => {
  it('draws the Monitor through the preload bridge, with the real latest reserves', async () => {
    await page.waitForSelector('[data-tile="reserves"] .tile-value', { timeout: 30_000 });
    const bn = Math.round(reservesBn).toLocaleString('en-US');
    expect(await page.textContent('[data-tile="reserves"] .tile-value')).toBe(`$${bn}bn`);
    const w = double.control.windows();
    expect(w).toHaveLength(1);
    expect(w[0]?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(w[0]?.webContents.getURL()).toMatch(/^app:\/\/reservoir\/index\.html/);
    // The page sees exactly what the preload exposed, and no Node.
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { require: typeof w['require'], process: typeof w['process'], keys: Object.keys(w['reservoir'] as object), plumbing: Object.keys(w).filter((k) => k.startsWith('__electronDouble')) };
    });
    expect(seen).toEqual({ require: 'undefined', process: 'undefined', keys: ['invoke', 'onShellEvent'], plumbing: [] });
    expect(double.control.menuLabels()).toEqual(['File', 'editMenu', 'View', 'Help']);
  });

  it('saves a scenario to a file through the save dialog and reopens it with File → Import scenario…', async () => {
    const saved = await page.evaluate(() => (window as unknown as { reservoir: Bridge }).reservoir.invoke('scenario:save', { name: 'Double RMP 40', inputs: { rmpSchedule: [{ from: '2026-01', perMonthBn: 40 }] } }));
    expect(saved.ok).toBe(true);
    await page.click('[data-view="compare"]');
    const row = page.locator('.scenario-list tbody tr', { hasText: 'Double RMP 40' });
    await row.waitFor();
    const file = path.join(docs.dir, 'double-rmp.reservoir.json');
    double.control.answerSaveDialog(file);
    await row.locator('button', { hasText: 'Export' }).click();
    await page.waitForSelector('[data-status]:has-text("exported Double RMP 40")');
    const written = JSON.parse(readFileSync(file, 'utf8')) as { name: string; inputs: { rmpSchedule: { perMonthBn: number }[] } };
    expect(written.name).toBe('Double RMP 40');
    expect(written.inputs.rmpSchedule[0]?.perMonthBn).toBe(40);
    const dialog = double.control.recorded.dialogs.at(-1);
    expect(dialog?.kind).toBe('save');
    expect((dialog?.options as { defaultPath: string }).defaultPath).toBe(path.join(docs.dir, 'Double RMP 40.reservoir.json'));
    expect(double.control.recorded.recentDocuments).toContain(file);

    double.control.answerOpenDialog([file]);
    double.control.clickMenu('File', 'Import scenario…');
    await page.waitForSelector('[data-status]:has-text("imported double-rmp.reservoir.json")');
    expect(await page.locator('.scenario-list tbody tr', { hasText: 'Double RMP 40' }).count()).toBe(2);
  });

  it('File → Export PNG saves the Monitor as a PNG where the save dialog says', async () => {
    const file = path.join(docs.dir, 'monitor.png');
    double.control.answerSaveDialog(file);
    double.control.clickMenu('File', 'Export PNG');
    await page.waitForSelector('[data-view="monitor"][aria-current="page"]');
    const deadline = Date.now() + 20_000;
    while (!existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const png = readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBeGreaterThan(400);
    expect(png.readUInt32BE(20)).toBeGreaterThan(200);
    expect((double.control.recorded.dialogs.at(-1)?.options as { defaultPath: string }).defaultPath).toMatch(/monitor-\d{4}-\d{2}-\d{2}\.png$/);
  });

  it('denies a navigation away from the app and a pop-up, opening an allowed link in the browser', async () => {
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'https://example.com/phish';
    });
    const deadline = Date.now() + 10_000;
    while (double.control.recorded.navigations.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(double.control.recorded.navigations).toEqual([{ url: 'https://example.com/phish', prevented: true }]);
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    expect(await page.locator('[data-view="monitor"]').count()).toBe(1);
    const opened = await page.evaluate(() => window.open('https://fred.stlouisfed.org/series/WRESBAL') === null);
    expect(opened).toBe(true);
    await page.waitForTimeout(100);
    expect(double.control.recorded.windowOpens).toEqual([{ url: 'https://fred.stlouisfed.org/series/WRESBAL', action: 'deny' }]);
    expect(double.control.recorded.openExternal).toEqual(['https://fred.stlouisfed.org/series/WRESBAL']);
  });

  it('denies web permissions (Electron would grant them without the handlers)', async () => {
    const r = await page.evaluate(async () => ({ notify: await Notification.requestPermission(), geo: (await navigator.permissions.query({ name: 'geolocation' })).state }));
    expect(r).toEqual({ notify: 'denied', geo: 'denied' });
    const p = double.control.recorded.permissions;
    expect(p.map((x) => [x.kind, x.permission, x.granted])).toEqual([
      ['request', 'notifications', false],
      ['check', 'geolocation', false],
    ]);
    expect(p[0]?.url).toMatch(/^app:\/\/reservoir\/index\.html/);
  });

  it('a second launch with a scenario file hands it to the first window and quits', async () => {
    const file = path.join(docs.dir, 'handed.reservoir.json');
    writeFileSync(file, JSON.stringify({ format: 'reservoir-scenario', version: 1, name: 'Handed over', inputs: { rmpSchedule: [{ from: '2026-01', perMonthBn: 25 }] } }));
    const child = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const c = execFile(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test', 'support', 'electron-double', 'second-instance.ts'), staged.mainCjs, '--data-dir', data.dir, file], { cwd: REPO_ROOT, timeout: 30_000 }, (_e, out, err) => resolve({ code: c.exitCode, out: String(out), err: String(err) }));
    });
    expect(child.code, child.err).toBe(0);
    expect(JSON.parse(child.out.trim().split('\n').at(-1) ?? '{}')).toEqual({ exit: 0, errorBoxes: [], windows: 0 });
    expect(double.control.recorded.secondInstances[0]?.argv.slice(-1)).toEqual([file]);
    await page.waitForSelector('[data-view="compare"][aria-current="page"]');
    await page.waitForSelector('[data-status]:has-text("imported handed.reservoir.json")');
    await page.waitForSelector('.scenario-list tbody tr:has-text("Handed over")');
  });

  it('runs the core in its own process: this (main) process holds no SQLite file', async () => {
    expect(double.control.recorded.utilityForks.map((f) => path.basename(f.modulePath))).toEqual(['core.cjs']);
    const [core] = double.control.utilityProcesses();
    expect(core?.pid).toBeTypeOf('number');
    const open = (pid: number | 'self'): string[] =>
      readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
        try {
          return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
        } catch {
          return [];
        }
      });
    expect(open(core?.pid ?? 0).some((f) => f === path.join(data.dir, DB_FILE))).toBe(true);
    expect(open('self').filter((f) => f.startsWith(data.dir))).toEqual([]);
  });

  it('a core process that dies is started again and the window carries on with a new port', async () => {
    const [first] = double.control.utilityProcesses();
    first?.kill();
    const deadline = Date.now() + 30_000;
    while ((double.control.recorded.utilityForks.length < 2 || double.control.utilityProcesses()[0] === first) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(double.control.recorded.utilityForks).toHaveLength(2);
    // The page's next request goes to the new core, once it has opened the data folder.
    let r: Awaited<ReturnType<Bridge['invoke']>> = { ok: false };
    while (Date.now() < deadline) {
      r = await page.evaluate(() => (window as unknown as { reservoir: Bridge }).reservoir.invoke('scenario:list', {}));
      if (r.ok) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(r.ok).toBe(true);
    expect(double.control.recorded.errorBoxes).toEqual([]);
  });

  it('quits cleanly: window state written, core closed, no error box, no page error', async () => {
    double.control.quit();
    expect(await exited).toBe(0);
    expect(JSON.parse(readFileSync(path.join(data.dir, 'window-state.json'), 'utf8'))).toMatchObject({ width: 1400, height: 900, maximized: false });
    expect(double.control.recorded.errorBoxes).toEqual([]);
    // Everything the page loaded came from app://reservoir/ (the denied navigation never left).
    expect(double.control.recorded.blockedRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
