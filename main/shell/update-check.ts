/**
 * The electron-facing half of updates (issue 15 §5): electron-updater's `autoUpdater` reading the
 * GitHub releases feed that electron-builder's `publish` block writes into app-update.yml. The rules
 * (when, what counts as offline, what is valid) live in update-policy.ts; this file only wires them to
 * Electron. Nothing here runs before the window is shown, nothing is awaited by start-up, and the user
 * is asked twice: before the download, and before the install (restart now, or when quitting).
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { autoUpdater, type AppUpdater } from 'electron-updater';
import path from 'node:path';
import { checkIfDue, describeRun, DUE_TICK_MS, FIRST_CHECK_DELAY_MS, UPDATE_STATE_FILE, updatesDisabledReason, type UpdateEnvironment } from './update-policy.js';

let started = false;

function log(line: string): void {
  console.info(line);
}

/** Starts the daily check; returns at once. `getWindow` parents the questions (null: no window open). */
export function startUpdateChecks(getWindow: () => BrowserWindow | null): void {
  if (started) return;
  started = true;
  const environment: UpdateEnvironment = { isPackaged: app.isPackaged, platform: process.platform, env: process.env };
  const disabled = updatesDisabledReason(environment);
  if (disabled !== null) {
    log(`updates: not checking: ${disabled}`);
    return;
  }
  // The getter picks the platform's updater (NSIS, DMG, AppImage) on first use; it can throw on a
  // platform electron-updater does not know, which must never reach the user.
  let updater: AppUpdater;
  try {
    updater = autoUpdater;
  } catch (e) {
    log(`updates: no updater for this build: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  // Nothing is downloaded or installed without a yes: the check only reports the new version.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.logger = { info: (m: unknown) => log(`updates: ${String(m)}`), warn: (m: unknown) => log(`updates: ${String(m)}`), error: (m: unknown) => log(`updates: ${String(m)}`) };
  // electron-updater emits 'error' for failed checks and downloads; without a listener an
  // EventEmitter 'error' would throw. Logged only: offline or a broken feed is not the user's problem.
  updater.on('error', (e: Error) => log(`updates: ${e.message.split('\n', 1)[0] ?? ''}`));

  const stateFile = path.join(app.getPath('userData'), UPDATE_STATE_FILE);
  let busy = false;
  const tick = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const run = await checkIfDue({ environment, stateFile, nowMs: Date.now, check: () => updater.checkForUpdates() });
      log(describeRun(run));
      if (run.ran && run.outcome.kind === 'available') await offer(updater, run.outcome.version, getWindow);
    } catch (e) {
      log(`updates: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      busy = false;
    }
  };
  setTimeout(() => void tick(), FIRST_CHECK_DELAY_MS).unref();
  setInterval(() => void tick(), DUE_TICK_MS).unref();
}

async function ask(getWindow: () => BrowserWindow | null, opts: Electron.MessageBoxOptions): Promise<number> {
  const win = getWindow();
  const r = win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts);
  return r.response;
}

async function offer(updater: AppUpdater, version: string, getWindow: () => BrowserWindow | null): Promise<void> {
  const download = await ask(getWindow, {
    type: 'info',
    title: 'Update available',
    message: `Reservoir ${version} is available`,
    detail: `You have ${app.getVersion()}. Download it now? You will be asked again before it is installed. Your data folder is kept.`,
    buttons: ['Download', 'Not now'],
    defaultId: 0,
    cancelId: 1,
  });
  if (download !== 0) return;
  try {
    await updater.downloadUpdate();
  } catch (e) {
    log(`updates: download failed: ${e instanceof Error ? e.message.split('\n', 1)[0] : String(e)}`);
    return;
  }
  const install = await ask(getWindow, {
    type: 'info',
    title: 'Update ready',
    message: `Reservoir ${version} is ready to install`,
    detail: 'Restart now to install it, or it will be installed when you quit Reservoir.',
    buttons: ['Restart and install', 'Install when I quit'],
    defaultId: 0,
    cancelId: 1,
  });
  if (install === 0) updater.quitAndInstall();
  else updater.autoInstallOnAppQuit = true;
}
