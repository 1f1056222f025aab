/**
 * Electron smoke: launches the real desktop shell with Playwright's Electron driver where the
 * Electron binary is installed; skipped with a message elsewhere (its download needs internet).
 */
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

/**
 * The binary only when it is already downloaded: Electron 45's package downloads it on the first
 * `require('electron')`, which offline costs a second and a stack trace on every test run. The release
 * workflow downloads it first (`node node_modules/electron/install.js`).
 */
function electronPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('electron/package.json'));
    const f = path.join(dir, 'path.txt');
    if (!existsSync(f)) return null;
    const exe = path.join(dir, 'dist', readFileSync(f, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

const bin = electronPath();
if (bin === null) console.log('Electron smoke skipped: the Electron binary is not installed on this machine (npm could not download it). It runs on the Windows and macOS CI builds.');

describe.skipIf(bin === null)('Electron shell', () => {
  it('opens one secure window showing the Monitor', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'reservoir-electron-'));
    const app = await _electron.launch({ executablePath: bin ?? '', args: [path.join(REPO_ROOT, 'dist', 'shell', 'main.cjs'), `--user-data-dir=${home}`] });
    try {
      const win = await app.firstWindow();
      await win.waitForSelector('[data-tile="reserves"]', { timeout: 30_000 });
      expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => typeof (window as unknown as { reservoir?: { invoke?: unknown } }).reservoir?.invoke)).toBe('function');
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
