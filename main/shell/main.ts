/**
 * The Electron shell: the only code that imports electron. One secure window over the built
 * renderer, validated IPC into the same core as browser mode, native save dialogs, the FRED key in
 * the OS keychain through safeStorage, remembered window bounds and an application menu.
 * Built to dist/shell/main.cjs by `npm run build:shell` (esbuild); typechecked where Electron's types
 * are installed (`npm test` typechecks this file against them).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, safeStorage, shell } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../core/create-core.js';
import type { KeyStore } from '../core/router.js';
import { alertValueText } from '../../shared/compute/alerts.js';
import { lazyFetch } from '../core/sync/http-client.js';
import { PUBLIC_URLS } from '../core/sync/source-context.js';
import { startFailure } from '../core/start-failure.js';
import { allowNavigation, isAllowedExternalUrl, isTrustedSender, parseWindowState, webPreferences } from './policy.js';
import { claimSingleInstance } from './single-instance.js';

const root = app.isPackaged ? app.getAppPath() : path.resolve(__dirname, '..', '..');
const rendererIndex = path.join(root, 'dist', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).toString();

/** The FRED key, encrypted by the OS keychain; refused where the backend would store plain text. */
function keychainStore(dataDir: string): KeyStore {
  const file = path.join(dataDir, 'fred-key.bin');
  const plain = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  const usable = safeStorage.isEncryptionAvailable() && !plain;
  let memory: string | null = null;
  return {
    storage: usable ? 'the OS keychain (encrypted with safeStorage)' : 'memory only: this system has no secure keychain, so the key is not written to disk',
    get() {
      if (!usable) return memory;
      if (!existsSync(file)) return null;
      try {
        return safeStorage.decryptString(readFileSync(file));
      } catch {
        return null;
      }
    },
    set(key) {
      if (!usable) {
        memory = key;
        return;
      }
      if (key === null) writeFileSync(file, Buffer.alloc(0));
      else writeFileSync(file, safeStorage.encryptString(key));
    },
  };
}

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
// Decided before anything opens the data folder: a second launch only focuses the first one's window.
const firstInstance = claimSingleInstance(app, () => mainWindow);

async function createWindow(): Promise<void> {
  const dataDir = app.getPath('userData');
  const stateFile = path.join(dataDir, 'window-state.json');
  let state = parseWindowState(null);
  try {
    state = parseWindowState(JSON.parse(readFileSync(stateFile, 'utf8')));
  } catch {
    // first run or unreadable: defaults
  }
  core = createCore({
    dataDir,
    snapshotDir: path.join(root, 'resources', 'snapshot'),
    fetch: lazyFetch,
    now: Date.now,
    random: Math.random,
    urls: PUBLIC_URLS,
    keys: keychainStore(dataDir),
    saveFile: async (fileName, _mime, bytes) => {
      const win = BrowserWindow.getFocusedWindow();
      const ext = path.extname(fileName).slice(1);
      const opts = { defaultPath: path.join(app.getPath('documents'), fileName), filters: [{ name: ext.toUpperCase(), extensions: [ext] }] };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      if (r.canceled || !r.filePath) return { saved: false, path: null };
      writeFileSync(r.filePath, bytes);
      return { saved: true, path: r.filePath };
    },
  });
  // An alert that fires (at start, after a sync) becomes a desktop notification (issue 13 §7); the
  // page shows the browser's own only in browser mode.
  core.alerts.onNotice((n) => {
    if (!Notification.isSupported()) return;
    new Notification({ title: `Reservoir alert: ${n.name}`, body: `${alertValueText(n.unit, n.value)} on ${n.date}` }).show();
  });
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    title: 'Reservoir',
    show: false,
    webPreferences: webPreferences(path.join(__dirname, 'preload.cjs')),
  });
  mainWindow = win;
  win.on('closed', () => {
    mainWindow = null;
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (e, url) => {
    if (!allowNavigation(url)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.on('close', () => {
    const b = win.getBounds();
    writeFileSync(stateFile, JSON.stringify({ ...b, maximized: win.isMaximized() }));
  });
  await win.loadFile(rendererIndex);
}

ipcMain.handle('reservoir:invoke', async (event, channel: unknown, payload: unknown) => {
  const frame = event.senderFrame;
  if (!isTrustedSender(frame?.url, frame === event.sender.mainFrame, rendererUrl)) return { ok: false, error: 'untrusted sender' };
  if (typeof channel !== 'string' || core === null) return { ok: false, error: 'bad request' };
  return core.router.handle(channel, payload);
});

Menu.setApplicationMenu(
  Menu.buildFromTemplate([
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'FRED', click: () => void shell.openExternal('https://fred.stlouisfed.org/') }] },
  ]),
);

if (firstInstance) {
  app.whenReady().then(createWindow).catch((e: unknown) => {
    // The data folder held by browser mode, or unusable: the plain message, exit 1, files untouched.
    dialog.showErrorBox('Reservoir could not start', startFailure(e) ?? (e instanceof Error ? e.message : String(e)));
    app.exit(1);
  });
}
app.on('window-all-closed', () => {
  void core?.dispose();
  app.quit();
});
