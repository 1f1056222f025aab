/**
 * The Electron shell: the only code that imports electron. One secure window over the built
 * renderer served from app://reservoir/, the same core as browser mode running in its own
 * utilityProcess (core-process.ts; the page talks to it over a MessagePort this process hands the
 * preload, so SQLite, sync and the fits never block the window: issue 15 §2), native
 * save and open dialogs and menus, scenario files opened from the OS, the FRED key in the OS keychain
 * through safeStorage, remembered window bounds. The decisions live in pure modules beside this one
 * (policy, launch-args, app-protocol, menu, permissions, keychain, single-instance, startup-failure),
 * tested without Electron; this file wires them to Electron's API.
 * Built to dist/shell/main.cjs by `npm run build:shell` (esbuild); `npm test` typechecks it against
 * Electron 45's electron.d.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, Notification, protocol, safeStorage, session, shell, utilityProcess, type MenuItemConstructorOptions, type MessagePortMain, type WebContents } from 'electron';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startCoreClient, type CoreClient } from './core-client.js';
import { CORE_CONNECT_CHANNEL, CORE_PORT_CHANNEL } from './core-protocol.js';
import { SHELL_EVENT_CHANNEL, SHELL_FILE_MAX_BYTES, type ShellEvent, type ShellFileAction } from '../../shared/ipc/shell-events.js';
import { APP_SCHEME, appUrlToFile, contentTypeFor, RENDERER_ENTRY_URL } from './app-protocol.js';
import { openKeychainStore, type KeychainStore } from './keychain.js';
import { dataDirFromLaunch, isScenarioFileName, scenarioFileInArgv } from './launch-args.js';
import { aboutText, menuSpec, type MenuSpecItem, type MenuSpecTop } from './menu.js';
import { allowPermission } from './permissions.js';
import { allowNavigation, isAllowedExternalUrl, isTrustedSender, parseWindowState, webPreferences } from './policy.js';
import { claimSingleInstance } from './single-instance.js';
import { CORE_STOPPED_TITLE, STARTUP_FAILURE_TITLE, startupFailureText } from './startup-failure.js';
import { startUpdateChecks } from './update-check.js';

const root = app.isPackaged ? app.getAppPath() : path.resolve(__dirname, '..', '..');
const rendererDir = path.join(root, 'dist', 'renderer');

let core: CoreClient<MessagePortMain> | null = null;
let keys: KeychainStore | null = null;
let mainWindow: BrowserWindow | null = null;
let dataDir: string | null = null;
/** Scenario files opened before the page could take them (a double-click that launched the app). */
const pendingFiles: string[] = [];
let pageReady = false;

/** Any failure while starting: one message box with the message and the data folder, then quit. */
function failStart(e: unknown): void {
  dialog.showErrorBox(STARTUP_FAILURE_TITLE, startupFailureText(e, dataDir));
  // app.exit skips will-quit: close a core that did start (lock released, last backup) first.
  const c = core;
  core = null;
  void (c?.dispose() ?? Promise.resolve()).finally(() => app.exit(1));
}

/** --data-dir DIR / RESERVOIR_DATA_DIR: Electron's userData becomes the data folder, so the single-instance lock, window state and key live with it. */
function chooseDataDir(): boolean {
  const choice = dataDirFromLaunch(process.argv, process.env, process.cwd());
  if (!choice.ok) {
    dialog.showErrorBox(STARTUP_FAILURE_TITLE, choice.problem);
    app.exit(64);
    return false;
  }
  if (choice.dataDir !== null) {
    dataDir = choice.dataDir;
    // setPath refuses a folder that does not exist yet ("start with --data-dir NEW").
    try {
      mkdirSync(choice.dataDir, { recursive: true });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw new Error(code === 'EEXIST' || code === 'ENOTDIR' ? `Reservoir cannot use ${choice.dataDir} as its data folder: it is a file, not a folder.` : `Reservoir cannot create its data folder ${choice.dataDir}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    app.setPath('userData', choice.dataDir);
  }
  dataDir = app.getPath('userData');
  return true;
}

function sendToPage(e: ShellEvent): void {
  mainWindow?.webContents.send(SHELL_EVENT_CHANNEL, e);
}

/** Reads a file the user picked or the OS opened and hands it to the page, which imports it as its own Import button does. */
function handFileToPage(action: ShellFileAction, file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    void dialog.showMessageBox({ type: 'error', message: `Reservoir cannot read ${file}`, detail: e instanceof Error ? e.message : String(e) });
    return;
  }
  const limit = SHELL_FILE_MAX_BYTES[action];
  if (size > limit) {
    void dialog.showMessageBox({ type: 'error', message: `${path.basename(file)} is ${size.toLocaleString('en-US')} bytes, over the ${limit.toLocaleString('en-US')}-byte limit; nothing was imported.` });
    return;
  }
  const bytes = new Uint8Array(readFileSync(file));
  if (action === 'import-scenario') app.addRecentDocument(file);
  sendToPage({ action, file: { name: path.basename(file), bytes } });
}

/** A scenario file from a double-click, a second launch or the recent-documents list. */
function openScenarioFile(file: string): void {
  if (!isScenarioFileName(file)) return;
  if (!pageReady || mainWindow === null) {
    pendingFiles.push(file);
    // macOS: the app runs with its last window closed; the file opens a window again.
    if (mainWindow === null && core !== null && dataDir !== null) createWindow(dataDir).catch(failStart);
    return;
  }
  handFileToPage('import-scenario', file);
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function pickAndImport(action: ShellFileAction): Promise<void> {
  const filters = action === 'import-csv' ? [{ name: 'CSV', extensions: ['csv'] }] : [{ name: 'Reservoir scenario', extensions: ['json'] }];
  const opts = { properties: ['openFile' as const], filters };
  const r = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts);
  const file = r.filePaths[0];
  if (!r.canceled && file !== undefined) handFileToPage(action, file);
}

function showAbout(): void {
  const detail = aboutText({ app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, v8: process.versions.v8 });
  const opts = { type: 'info' as const, title: 'About Reservoir', message: 'Reservoir', detail };
  void (mainWindow ? dialog.showMessageBox(mainWindow, opts) : dialog.showMessageBox(opts));
}

function toElectronItem(item: MenuSpecItem): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      return { role: item.role };
    case 'submenu':
      return { label: item.label, submenu: item.items.map(toElectronItem) };
    case 'link':
      return { label: item.label, click: () => void (isAllowedExternalUrl(item.url) ? shell.openExternal(item.url) : undefined) };
    case 'page':
      return { label: item.label, ...(item.accelerator ? { accelerator: item.accelerator } : {}), click: () => sendToPage({ action: item.action }) };
    case 'import':
      return { label: item.label, ...(item.accelerator ? { accelerator: item.accelerator } : {}), click: () => void pickAndImport(item.action) };
    case 'command':
      return {
        label: item.label,
        ...(item.accelerator ? { accelerator: item.accelerator } : {}),
        click: () => {
          if (item.command === 'about') showAbout();
          else if (dataDir !== null) void shell.openPath(dataDir);
        },
      };
  }
}

function toElectronTop(top: MenuSpecTop): MenuItemConstructorOptions {
  if (top.role !== undefined && top.role !== 'help') return { role: top.role };
  return { label: top.label, ...(top.role === 'help' ? { role: 'help' as const } : {}), submenu: top.items.map(toElectronItem) };
}

/** Every web contents, the main window's and any other Chromium creates: no navigation, no redirect, no pop-up, no webview, no DevTools when packaged. */
function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (e) => {
    if (!allowNavigation(e.url)) e.preventDefault();
  });
  contents.on('will-redirect', (e) => {
    if (!allowNavigation(e.url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (app.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** The renderer's files, from app://reservoir/… only; anything outside dist/renderer is a 404. */
function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appUrlToFile(request.url, rendererDir);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), { headers: { 'content-type': contentTypeFor(file), 'x-content-type-options': 'nosniff' } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function denyAllPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowPermission(permission, details.requestingUrl)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowPermission(permission, requestingOrigin));
}

/** Writes an export where the native save dialog says (the core process asks: it has no windows). */
async function saveWithDialog(fileName: string, bytes: Uint8Array): Promise<{ saved: boolean; path: string | null }> {
  const win = BrowserWindow.getFocusedWindow();
  const ext = path.extname(fileName).slice(1);
  const opts = { defaultPath: path.join(app.getPath('documents'), fileName), filters: [{ name: ext.toUpperCase(), extensions: [ext] }] };
  const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
  if (r.canceled || !r.filePath) return { saved: false, path: null };
  writeFileSync(r.filePath, bytes);
  if (isScenarioFileName(r.filePath)) app.addRecentDocument(r.filePath);
  return { saved: true, path: r.filePath };
}

/** A page's own channel to the core: one end to the core process, the other to the page's preload. */
function connectPage(contents: WebContents): void {
  if (core === null || contents.isDestroyed()) return;
  const { port1, port2 } = new MessageChannelMain();
  core.connect(port1);
  contents.postMessage(CORE_PORT_CHANNEL, null, [port2]);
}

/** The core process, once per run (a window closed and reopened on macOS talks to the same one). */
async function startCore(dir: string): Promise<CoreClient<MessagePortMain>> {
  const k = await openKeychainStore(dir, safeStorage, process.platform, (line) => console.warn(line));
  keys = k;
  return startCoreClient<MessagePortMain>({
    fork: () => utilityProcess.fork(path.join(__dirname, 'core.cjs'), [], { serviceName: 'Reservoir core', stdio: 'inherit' }),
    dataDir: dir,
    snapshotDir: path.join(root, 'resources', 'snapshot'),
    fredKey: () => k.get(),
    keyStorage: k.storage,
    saveFile: (fileName, _mime, bytes) => saveWithDialog(fileName, bytes),
    setFredKey: (key) => k.set(key),
    // An alert that fires (at start, after a sync) becomes a desktop notification (issue 13 §7); the
    // page shows the browser's own only in browser mode.
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    log: (line) => console.warn(line),
    onFatal: (message) => {
      dialog.showErrorBox(CORE_STOPPED_TITLE, `${message}\n\nData folder: ${dir}`);
      app.exit(1);
    },
    onRestarted: () => {
      for (const w of BrowserWindow.getAllWindows()) connectPage(w.webContents);
    },
    now: Date.now,
  });
}

async function createWindow(dir: string): Promise<void> {
  const stateFile = path.join(dir, 'window-state.json');
  let state = parseWindowState(null);
  try {
    state = parseWindowState(JSON.parse(readFileSync(stateFile, 'utf8')));
  } catch {
    // first run or unreadable: defaults
  }
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    title: 'Reservoir',
    show: false,
    webPreferences: webPreferences(path.join(__dirname, 'preload.cjs'), { packaged: app.isPackaged }),
  });
  mainWindow = win;
  pageReady = false;
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => {
    win.show();
    // Returns at once; the first check runs seconds later (update-policy.ts), never during start-up.
    startUpdateChecks(() => mainWindow);
  });
  win.on('close', () => {
    const b = win.getBounds();
    try {
      writeFileSync(stateFile, JSON.stringify({ ...b, maximized: win.isMaximized() }));
    } catch {
      // a read-only data folder: the next start uses the defaults
    }
  });
  win.webContents.on('did-finish-load', () => {
    pageReady = true;
    for (const f of pendingFiles.splice(0)) openScenarioFile(f);
  });
  await win.loadURL(RENDERER_ENTRY_URL);
}

async function start(): Promise<void> {
  await app.whenReady();
  if (dataDir === null) throw new Error('the data folder was not chosen');
  serveRenderer();
  denyAllPermissions();
  if (process.platform === 'darwin') {
    app.setAboutPanelOptions({ applicationName: 'Reservoir', applicationVersion: app.getVersion(), credits: aboutText({ app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, v8: process.versions.v8 }) });
  }
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuSpec({ platform: process.platform, packaged: app.isPackaged }).map(toElectronTop)));
  const c = await startCore(dataDir);
  core = c;
  const dir = dataDir;
  // The window opens while the core opens (or seeds) the data folder in its own process; the page's
  // first requests wait in the preload until its port arrives.
  await Promise.all([c.started, createWindow(dir)]);
  // macOS: clicking the dock icon with no window open opens one again, on the same core.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && core !== null) createWindow(dir).catch(failStart);
  });
}

// The only IPC message the page sends the main process: "give me a port to the core". Only the app's
// own top frame gets one; every request then goes over that port and is validated by the core's router.
ipcMain.on(CORE_CONNECT_CHANNEL, (event) => {
  const frame = event.senderFrame;
  if (!isTrustedSender(frame?.url, frame === event.sender.mainFrame, RENDERER_ENTRY_URL)) return;
  connectPage(event.sender);
});

try {
  // Before ready, as Electron requires: app:// is a standard, secure scheme (its own origin, fetch and workers).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents));
  // macOS delivers a double-clicked scenario file here, also before ready when it launched the app.
  app.on('open-file', (e, file) => {
    e.preventDefault();
    openScenarioFile(file);
  });
  if (chooseDataDir()) {
    // Decided before anything opens the data folder: a second launch only focuses the first one's
    // window and hands over its scenario file.
    const first = claimSingleInstance(app, () => mainWindow, openScenarioFile);
    if (first) {
      // Windows and Linux: a double-clicked file arrives as an argument.
      const file = scenarioFileInArgv(process.argv.slice(1), process.cwd());
      if (file !== null) pendingFiles.push(file);
      start().catch(failStart);
    }
  }
} catch (e) {
  failStart(e);
}

app.on('window-all-closed', () => {
  // macOS keeps the app (and the data folder) open with no window, as its apps do.
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', (e) => {
  if (core === null) return;
  // Close the core (lock, last backup) and finish writing the key before the process ends.
  e.preventDefault();
  const c = core;
  core = null;
  void c
    .dispose()
    .then(() => keys?.flushed())
    .finally(() => app.quit());
});
