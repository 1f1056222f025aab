/**
 * A test double of the `electron` module (issue 15 §6): exactly the API surface main/shell uses, so
 * the real built dist/shell/main.cjs and preload.cjs run under plain Node. Windows are Playwright
 * Chromium pages; the preload runs here in Node (as a sandboxed preload: `require` gives only
 * `electron`) and what it passes to contextBridge.exposeInMainWorld becomes the page's only bridge,
 * through one Playwright binding that the page script hides; ipcRenderer.invoke reaches the
 * ipcMain.handle handlers with a sender frame whose URL is the page's. protocol.handle serves the
 * page's requests (Chromium cannot register a standard scheme without Electron, so app://HOST/ is
 * served at the stand-in origin https://HOST.app.invalid/ and every URL the shell sees is translated
 * back). The single-instance lock is a lock file and a Unix socket in userData, so a second process
 * really hands its command line over. utilityProcess.fork is a real Node child process
 * (utility-child.ts gives it `process.parentPort`), and MessageChannelMain ports transferred to it or
 * to a page's preload carry structured-clone copies across, so the page → preload → port → core
 * process path is the desktop app's. What it proves is our wiring of Electron's API, not Electron.
 * Not implemented because the shell does not use it: webviews, redirects, ports sent over ports.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import vm from 'node:vm';
import Module from 'node:module';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { decode, encode } from './codec.js';
import { pageScript } from './page-script.js';
import { isWire, QueuedPort, type Wire } from './utility-wire.js';

type Fn = (...args: never[]) => unknown;

export interface DoubleOptions {
  readonly version: string;
  readonly appPath: string;
  /** Electron's default userData (the shell moves it with --data-dir). */
  readonly userData: string;
  readonly documents: string;
  /** Starts Chromium for the first window; absent in a process that must never open one. */
  readonly launchBrowser?: () => Promise<Browser>;
  /** app.quit()/app.exit() finished with this code (the real app's process would end here). */
  readonly onExit: (code: number) => void;
  readonly safeStorageBackend?: string;
}

export interface Recorded {
  readonly errorBoxes: { title: string; content: string }[];
  readonly messageBoxes: unknown[];
  readonly dialogs: { kind: 'save' | 'open'; options: unknown; answer: string | null }[];
  readonly recentDocuments: string[];
  readonly openExternal: string[];
  readonly openPath: string[];
  readonly notifications: unknown[];
  readonly navigations: { url: string; prevented: boolean }[];
  readonly permissions: { kind: 'request' | 'check'; permission: string; url: string; granted: boolean }[];
  readonly windowOpens: { url: string; action: string }[];
  readonly schemes: unknown[];
  readonly secondInstances: { argv: string[]; cwd: string }[];
  readonly blockedRequests: string[];
  /** utilityProcess.fork calls: the module and options, in order. */
  readonly utilityForks: { modulePath: string; options: unknown }[];
}

const INVALID_TLD = 'invalid';

/** ipcMain's handlers and listeners (one per process, as in Electron). */
class IpcMainDouble extends EventEmitter {
  readonly handlers = new Map<string, (event: IpcEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, fn: (event: IpcEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

interface FrameDouble {
  readonly url: string;
}
interface SenderDouble {
  readonly mainFrame: FrameDouble;
  getURL(): string;
}
interface IpcEvent {
  readonly sender: SenderDouble;
  readonly senderFrame: FrameDouble;
  readonly processId: number;
  readonly frameId: number;
}

interface MenuItemTemplate {
  readonly label?: string;
  readonly role?: string;
  readonly type?: string;
  readonly accelerator?: string;
  readonly submenu?: readonly MenuItemTemplate[];
  readonly click?: (item: MenuItemTemplate, win: unknown, event: unknown) => void;
}

interface IpcRendererDouble {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, fn: Fn): IpcRendererDouble;
  once(channel: string, fn: Fn): IpcRendererDouble;
  removeListener(channel: string, fn: Fn): IpcRendererDouble;
}

/** A window as the test sees it. */
export interface DoubleWindow {
  readonly page: Page | null;
  readonly options: { readonly webPreferences?: Readonly<Record<string, unknown>> };
  readonly webContents: { getURL(): string };
}

export interface DoubleControl {
  readonly recorded: Recorded;
  /** Emits ready, after the main script ran, as Electron does. */
  ready(): void;
  windows(): DoubleWindow[];
  /** The next save dialog answers this path (null: cancelled). */
  answerSaveDialog(filePath: string | null): void;
  answerOpenDialog(filePaths: string[] | null): void;
  /** Clicks a menu item by its labels as shown, File → Export PNG as ('File', 'Export PNG'). */
  clickMenu(...labels: string[]): void;
  /** The application menu's top-level labels (a role when it has none). */
  menuLabels(): string[];
  quit(): void;
  closeBrowser(): Promise<void>;
  /** The utility processes still running, newest last (the test can kill one, as a crash would). */
  utilityProcesses(): { readonly pid: number | undefined; kill(): boolean }[];
}

export interface ElectronDouble {
  /** What `require('electron')` returns. */
  readonly electron: object;
  readonly control: DoubleControl;
}

export function createElectronDouble(opts: DoubleOptions): ElectronDouble {
  const rec: Recorded = { errorBoxes: [], messageBoxes: [], dialogs: [], recentDocuments: [], openExternal: [], openPath: [], notifications: [], navigations: [], permissions: [], windowOpens: [], schemes: [], secondInstances: [], blockedRequests: [], utilityForks: [] };
  const paths = new Map<string, string>([
    ['userData', opts.userData],
    ['appData', path.dirname(opts.userData)],
    ['documents', opts.documents],
    ['temp', path.dirname(opts.userData)],
  ]);
  const saveAnswers: (string | null)[] = [];
  const openAnswers: (string[] | null)[] = [];
  const ipcMain = new IpcMainDouble();
  const schemes = new Map<string, (req: Request) => Response | Promise<Response>>();
  let ready = false;
  let resolveReady: () => void = () => undefined;
  const whenReady = new Promise<void>((r) => (resolveReady = r));
  let quitting = false;
  let exited = false;
  let lockServer: net.Server | null = null;
  let lockFile: string | null = null;
  let handOff: Promise<void> = Promise.resolve();
  let browser: Promise<Browser> | null = null;
  let context: Promise<BrowserContext> | null = null;
  let permissionRequest: ((wc: WebContentsDouble, permission: string, cb: (granted: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void) | null = null;
  let permissionCheck: ((wc: WebContentsDouble | null, permission: string, origin: string, details: { requestingUrl: string; isMainFrame: boolean }) => boolean) | null = null;
  let appMenu: { items: readonly MenuItemTemplate[] } | null = null;

  const toPageUrl = (url: string): string => {
    const u = new URL(url);
    const scheme = u.protocol.slice(0, -1);
    if (!schemes.has(scheme)) return url;
    return `https://${u.host}.${scheme}.${INVALID_TLD}${u.pathname}${u.search}${u.hash}`;
  };
  const toShellUrl = (url: string): string => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return url;
    }
    const parts = u.hostname.split('.');
    if (u.protocol !== 'https:' || parts.length < 3 || parts[parts.length - 1] !== INVALID_TLD) return url;
    const scheme = parts[parts.length - 2] ?? '';
    if (!schemes.has(scheme)) return url;
    return `${scheme}://${parts.slice(0, -2).join('.')}${u.pathname}${u.search}${u.hash}`;
  };

  const finishExit = (code: number): void => {
    if (exited) return;
    exited = true;
    lockServer?.close();
    if (lockFile !== null) rmSync(lockFile, { force: true });
    void handOff.finally(() => opts.onExit(code));
  };

  class AppDouble extends EventEmitter {
    readonly isPackaged = false;
    readonly commandLine = { appendSwitch: (): void => undefined, hasSwitch: (): boolean => false };
    getAppPath(): string {
      return opts.appPath;
    }
    getPath(name: string): string {
      const p = paths.get(name);
      if (p === undefined) throw new Error(`Failed to get '${name}' path`);
      return p;
    }
    setPath(name: string, p: string): void {
      // Electron refuses a folder that does not exist (main.ts creates it first).
      if (!existsSync(p) || !statSync(p).isDirectory()) throw new Error(`Failed to set path: ${p} does not exist`);
      paths.set(name, p);
    }
    getVersion(): string {
      return opts.version;
    }
    getName(): string {
      return 'Reservoir';
    }
    isReady(): boolean {
      return ready;
    }
    whenReady(): Promise<void> {
      return whenReady;
    }
    addRecentDocument(p: string): void {
      rec.recentDocuments.push(p);
    }
    setAboutPanelOptions(): void {}
    requestSingleInstanceLock(): boolean {
      const dir = this.getPath('userData');
      const file = path.join(dir, 'SingletonLock');
      const socket = path.join(dir, 'SingletonSocket');
      if (existsSync(file)) {
        const pid = Number(readFileSync(file, 'utf8'));
        let alive: boolean;
        try {
          process.kill(pid, 0);
          alive = true;
        } catch {
          alive = false;
        }
        if (alive) {
          // Electron hands the command line over inside this call; here the send finishes before exit.
          handOff = new Promise<void>((resolve) => {
            const c = net.connect(socket, () => c.end(JSON.stringify({ argv: process.argv, cwd: process.cwd() })));
            c.on('close', () => resolve());
            c.on('error', () => resolve());
          });
          return false;
        }
        rmSync(file, { force: true });
      }
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      lockFile = file;
      rmSync(socket, { force: true });
      lockServer = net.createServer((c) => {
        let text = '';
        c.setEncoding('utf8');
        c.on('data', (d: string) => (text += d));
        c.on('end', () => {
          const m = JSON.parse(text) as { argv: string[]; cwd: string };
          rec.secondInstances.push(m);
          this.emit('second-instance', { preventDefault: () => undefined }, m.argv, m.cwd, null);
        });
      });
      lockServer.listen(socket);
      lockServer.unref();
      return true;
    }
    quit(): void {
      if (exited) return;
      quitting = true;
      const before = { defaultPrevented: false, preventDefault: () => void (before.defaultPrevented = true) };
      this.emit('before-quit', before);
      if (before.defaultPrevented) return;
      void Promise.all(BrowserWindowDouble.getAllWindows().map((w) => w.closeNow())).then(() => {
        const e = { defaultPrevented: false, preventDefault: () => void (e.defaultPrevented = true) };
        this.emit('will-quit', e);
        if (e.defaultPrevented) return;
        this.emit('quit', {}, 0);
        finishExit(0);
      });
    }
    exit(code = 0): void {
      for (const w of BrowserWindowDouble.getAllWindows()) void w.closeNow();
      finishExit(code);
    }
  }
  const app = new AppDouble();

  const sessionContext = (): Promise<BrowserContext> => {
    if (context !== null) return context;
    if (opts.launchBrowser === undefined) throw new Error('electron double: this process cannot open windows');
    browser = opts.launchBrowser();
    context = browser.then(async (b) => {
      const ctx = await b.newContext({ viewport: { width: 1400, height: 900 } });
      await ctx.route(() => true, (route) => routeRequest(route));
      return ctx;
    });
    return context;
  };

  /** Every request of every page: the app's schemes from their handlers, top-level navigations past will-navigate, nothing from the network. */
  async function routeRequest(route: Route): Promise<void> {
    const req = route.request();
    const frame = req.frame();
    const win = BrowserWindowDouble.all.find((w) => w.page !== null && w.page.mainFrame() === frame);
    if (req.isNavigationRequest() && win !== undefined) {
      if (win.expectedNavigation === req.url()) win.expectedNavigation = null;
      else {
        const e = { url: toShellUrl(req.url()), isMainFrame: true, defaultPrevented: false, preventDefault: () => void (e.defaultPrevented = true) };
        win.webContents.emit('will-navigate', e);
        rec.navigations.push({ url: e.url, prevented: e.defaultPrevented });
        if (e.defaultPrevented) return route.abort('aborted');
      }
    }
    const shellUrl = toShellUrl(req.url());
    const scheme = shellUrl.split(':', 1)[0] ?? '';
    const handler = schemes.get(scheme);
    if (handler === undefined || shellUrl === req.url()) {
      rec.blockedRequests.push(req.url());
      return route.abort('internetdisconnected');
    }
    const body = req.postDataBuffer();
    const res = await handler(new Request(shellUrl, { method: req.method(), headers: req.headers(), ...(body !== null && req.method() !== 'GET' && req.method() !== 'HEAD' ? { body: new Uint8Array(body) } : {}) }));
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    await route.fulfill({ status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) });
  }

  /** MessagePortMain: messages are structured-clone copies, delivered on a later turn, queued until start(). */
  class MessagePortMainDouble extends QueuedPort {
    partner: MessagePortMainDouble | null = null;
    private closed = false;
    postMessage(data: unknown, transfer?: readonly unknown[]): void {
      if (transfer !== undefined && transfer.length > 0) throw new Error('electron double: ports sent over ports are not implemented (the shell sends none)');
      const p = this.partner;
      if (p === null || this.closed) return;
      const copy = structuredClone(data);
      setImmediate(() => p.deliver(copy));
    }
    override deliver(data: unknown): void {
      if (!this.closed) super.deliver(data);
    }
    close(): void {
      if (this.closed) return;
      this.closed = true;
      const p = this.partner;
      this.partner = null;
      this.emit('close');
      if (p !== null) {
        p.partner = null;
        p.close();
      }
    }
  }
  class MessageChannelMainDouble {
    readonly port1 = new MessagePortMainDouble();
    readonly port2 = new MessagePortMainDouble();
    constructor() {
      this.port1.partner = this.port2;
      this.port2.partner = this.port1;
    }
  }
  /** A port as a page's preload sees it (Chromium's MessagePort): setting onmessage starts it. */
  const pagePort = (p: MessagePortMainDouble): object => {
    let handler: ((m: { data: unknown }) => void) | null = null;
    p.on('message', (e: { data: unknown }) => handler?.({ data: e.data }));
    return {
      postMessage: (m: unknown): void => p.postMessage(m),
      close: (): void => p.close(),
      start: (): void => p.start(),
      get onmessage(): ((m: { data: unknown }) => void) | null {
        return handler;
      },
      set onmessage(h: ((m: { data: unknown }) => void) | null) {
        handler = h;
        p.start();
      },
    };
  };
  const asPorts = (transfer: readonly unknown[] | undefined): MessagePortMainDouble[] =>
    (transfer ?? []).map((t) => {
      if (!(t instanceof MessagePortMainDouble)) throw new Error('electron double: only MessageChannelMain ports can be transferred');
      return t;
    });

  const UTILITY_CHILD = path.join(path.dirname(new URL(import.meta.url).pathname), 'utility-child.ts');
  const running: UtilityProcessDouble[] = [];
  /** utilityProcess: a Node child process; transferred ports are relayed over its IPC channel by id. */
  class UtilityProcessDouble extends EventEmitter {
    private readonly child: ChildProcess;
    private readonly ports = new Map<number, MessagePortMainDouble>();
    private nextPort = 1;
    constructor(modulePath: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } | undefined) {
      super();
      this.child = fork(UTILITY_CHILD, [modulePath, ...args], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: options?.env ?? process.env, ...(options?.cwd !== undefined ? { cwd: options.cwd } : {}) });
      running.push(this);
      this.child.on('spawn', () => this.emit('spawn'));
      this.child.on('message', (raw: unknown) => {
        if (!isWire(raw)) return;
        if (raw.t === 'parent') this.emit('message', raw.data);
        else if (raw.t === 'port-post') this.ports.get(raw.port)?.postMessage(raw.data);
        else if (raw.t === 'port-close') {
          const p = this.ports.get(raw.port);
          this.ports.delete(raw.port);
          p?.close();
        }
      });
      this.child.on('exit', (code, signal) => {
        running.splice(running.indexOf(this), 1);
        for (const p of this.ports.values()) p.close();
        this.ports.clear();
        // Electron reports the code from waitpid; a signal shows as a non-zero code.
        this.emit('exit', code ?? (signal !== null ? 1 : 0));
      });
    }
    get pid(): number | undefined {
      return this.child.pid;
    }
    private wire(m: Wire): void {
      if (this.child.connected) this.child.send(m);
    }
    postMessage(message: unknown, transfer?: readonly unknown[]): void {
      const moved = asPorts(transfer).map((p) => ({ id: this.nextPort++, p }));
      // The child learns of the ports first: messages already queued on a port (posted by its partner
      // before the transfer, as a page does while the core starts) follow, in order, as in Electron.
      this.wire({ t: 'parent', data: message, ports: moved.map((m) => m.id) });
      for (const { id, p } of moved) {
        this.ports.set(id, p);
        p.on('message', (e: { data: unknown }) => this.wire({ t: 'port-msg', port: id, data: e.data }));
        p.on('close', () => {
          if (this.ports.delete(id)) this.wire({ t: 'port-close', port: id });
        });
        p.start();
      }
    }
    kill(): boolean {
      return this.child.kill();
    }
    override on(event: string, fn: Fn): this {
      return super.on(event, fn as (...a: unknown[]) => void);
    }
  }

  let nextId = 1;
  class WebContentsDouble extends EventEmitter {
    readonly id = nextId++;
    windowOpenHandler: ((d: { url: string; frameName: string; features: string; disposition: string }) => { action: string }) | null = null;
    /** The renderer side: ipcRenderer's listeners of this page's preload. */
    readonly rendererListeners = new EventEmitter();
    /** One object for the top frame, so `senderFrame === sender.mainFrame` holds as in Electron. */
    readonly mainFrame: FrameDouble;
    constructor(private readonly win: BrowserWindowDouble) {
      super();
      const getUrl = (): string => this.getURL();
      this.mainFrame = Object.freeze({
        get url(): string {
          return getUrl();
        },
      });
    }
    getURL(): string {
      return this.win.page === null ? '' : toShellUrl(this.win.page.url());
    }
    send(channel: string, ...args: unknown[]): void {
      // Structured clone, as Electron's IPC; delivered on a later turn, as across processes.
      const copy = structuredClone(args);
      setImmediate(() => this.rendererListeners.emit(channel, { sender: null, ports: [] }, ...copy));
    }
    /** webContents.postMessage: the ports arrive in the preload's event.ports, as Chromium MessagePorts. */
    postMessage(channel: string, message: unknown, transfer?: readonly unknown[]): void {
      const ports = asPorts(transfer).map(pagePort);
      const copy = structuredClone(message);
      setImmediate(() => this.rendererListeners.emit(channel, { sender: null, ports }, copy));
    }
    setWindowOpenHandler(h: WebContentsDouble['windowOpenHandler']): void {
      this.windowOpenHandler = h;
    }
    isDestroyed(): boolean {
      return this.win.destroyed;
    }
    openDevTools(): void {}
    closeDevTools(): void {}
  }

  class BrowserWindowDouble extends EventEmitter {
    static readonly all: BrowserWindowDouble[] = [];
    static focused: BrowserWindowDouble | null = null;
    static getAllWindows(): BrowserWindowDouble[] {
      return [...BrowserWindowDouble.all];
    }
    static getFocusedWindow(): BrowserWindowDouble | null {
      return BrowserWindowDouble.focused;
    }
    readonly webContents: WebContentsDouble;
    readonly options: { webPreferences?: { preload?: string; contextIsolation?: boolean; sandbox?: boolean; nodeIntegration?: boolean } };
    page: Page | null = null;
    expectedNavigation: string | null = null;
    destroyed = false;
    private readonly pageReady: Promise<Page>;
    private preloadRan = false;
    /** Resolves once the first page load committed: a preload runs in the loaded document in Electron, so what it sends comes from the app's URL. */
    private markLoaded: () => void = () => undefined;
    private readonly loaded = new Promise<void>((r) => (this.markLoaded = r));
    private bounds: { x: number; y: number; width: number; height: number };
    private maximized = false;
    private visible = false;
    constructor(options: BrowserWindowDouble['options'] & { width?: number; height?: number; x?: number; y?: number; show?: boolean }) {
      super();
      this.options = options;
      this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
      this.webContents = new WebContentsDouble(this);
      BrowserWindowDouble.all.push(this);
      app.emit('web-contents-created', {}, this.webContents);
      app.emit('browser-window-created', {}, this);
      this.pageReady = sessionContext().then(async (ctx) => {
        const p = await ctx.newPage();
        this.page = p;
        return p;
      });
      this.pageReady.catch(() => undefined);
      if (options.show !== false) this.show();
    }
    get id(): number {
      return this.webContents.id;
    }
    async loadURL(url: string): Promise<void> {
      const page = await this.pageReady;
      if (!this.preloadRan) {
        this.preloadRan = true;
        await this.runPreload(page);
      }
      const target = toPageUrl(url);
      this.expectedNavigation = target;
      await page.goto(target, { waitUntil: 'commit' });
      this.markLoaded();
      await page.waitForLoadState('load');
      if (!this.visible) this.emit('ready-to-show');
      this.webContents.emit('did-finish-load');
    }
    /** The preload in Node with a sandboxed require; its exposeInMainWorld calls become the page's bridge. */
    private async runPreload(page: Page): Promise<void> {
      const file = this.options.webPreferences?.preload;
      if (file === undefined) return;
      const worlds: Record<string, { functions: string[]; values: Record<string, unknown>; api: Record<string, unknown> }> = {};
      const wc = this.webContents;
      const ipcRenderer: IpcRendererDouble = {
        invoke: async (channel: string, ...args: unknown[]): Promise<unknown> => {
          const h = ipcMain.handlers.get(channel);
          if (h === undefined) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
          const event: IpcEvent = { sender: wc, senderFrame: wc.mainFrame, processId: 1, frameId: 1 };
          try {
            return structuredClone(await h(event, ...structuredClone(args)));
          } catch (e) {
            throw new Error(`Error invoking remote method '${channel}': ${String(e)}`, { cause: e });
          }
        },
        send: (channel: string, ...args: unknown[]): void => {
          // The double runs the preload before the page loads (Playwright needs its bindings first); its
          // messages leave once the document is the app's, as they would from a preload in Electron.
          const copy = structuredClone(args);
          void this.loaded.then(() => ipcMain.emit(channel, { sender: wc, senderFrame: wc.mainFrame }, ...copy));
        },
        on: (channel: string, fn: Fn): IpcRendererDouble => (wc.rendererListeners.on(channel, fn as (...a: unknown[]) => void), ipcRenderer),
        once: (channel: string, fn: Fn): IpcRendererDouble => (wc.rendererListeners.once(channel, fn as (...a: unknown[]) => void), ipcRenderer),
        removeListener: (channel: string, fn: Fn): IpcRendererDouble => (wc.rendererListeners.removeListener(channel, fn as (...a: unknown[]) => void), ipcRenderer),
      };
      const contextBridge = {
        exposeInMainWorld: (name: string, api: unknown): void => {
          if (typeof api !== 'object' || api === null) throw new Error('electron double: exposeInMainWorld takes an object');
          const w = { functions: [] as string[], values: {} as Record<string, unknown>, api: api as Record<string, unknown> };
          for (const [k, v] of Object.entries(api)) {
            if (typeof v === 'function') w.functions.push(k);
            else if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) w.values[k] = v;
            else throw new Error(`electron double: ${name}.${k} is neither a function nor a plain value (the shell exposes none)`);
          }
          worlds[name] = w;
        },
      };
      const rendererElectron = { contextBridge, ipcRenderer };
      const src = readFileSync(file, 'utf8');
      const wrapped = vm.runInThisContext(Module.wrap(src), { filename: file }) as (exports: unknown, require: (id: string) => unknown, module: { exports: unknown }, filename: string, dirname: string) => void;
      const mod = { exports: {} };
      wrapped(mod.exports, (id) => {
        if (id === 'electron') return rendererElectron;
        throw new Error(`module not found: ${id} (a sandboxed preload can require only electron)`);
      }, mod, file, path.dirname(file));

      const binding = `__electronDouble_${Math.random().toString(36).slice(2)}`;
      const deliver = `__electronDoubleDeliver_${Math.random().toString(36).slice(2)}`;
      const callbackFor = (id: number) => (...args: unknown[]): void => {
        void page.evaluate(`window[${JSON.stringify(deliver)}](${id}, ${JSON.stringify(JSON.stringify(encode(args)))})`).catch(() => undefined);
      };
      await page.exposeBinding(binding, async (source: { frame: unknown }, kind: unknown, json: unknown): Promise<string> => {
        const body = decode(JSON.parse(String(json)), callbackFor) as Record<string, unknown>;
        const top = source.frame === page.mainFrame();
        const url = toShellUrl(String(body['url'] ?? page.url()));
        if (kind === 'bridge') {
          const w = worlds[String(body['world'])];
          const f = w?.api[String(body['key'])];
          if (!top || typeof f !== 'function') throw new Error('electron double: no such bridge function');
          const args = Array.isArray(body['args']) ? (body['args'] as unknown[]) : [];
          return JSON.stringify(encode(await (f as (...a: unknown[]) => unknown)(...args)));
        }
        const permission = String(body['permission']);
        if (kind === 'permission-request') {
          // Electron grants what no handler refuses.
          const granted = await new Promise<boolean>((resolve) => (permissionRequest === null ? resolve(true) : permissionRequest(wc, permission, (g) => resolve(g === true), { requestingUrl: url, isMainFrame: top })));
          rec.permissions.push({ kind: 'request', permission, url, granted });
          return JSON.stringify(granted);
        }
        if (kind === 'permission-check') {
          const origin = new URL(url).origin === 'null' ? url.replace(/^(\w+:\/\/[^/]+).*$/, '$1') : new URL(url).origin;
          const granted = permissionCheck === null ? true : permissionCheck(wc, permission, origin, { requestingUrl: url, isMainFrame: top }) === true;
          rec.permissions.push({ kind: 'check', permission, url, granted });
          return JSON.stringify(granted);
        }
        if (kind === 'window-open') {
          const r = wc.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window' }) ?? { action: 'allow' };
          rec.windowOpens.push({ url, action: r.action });
          if (r.action !== 'deny') throw new Error('electron double: opening a second window is not implemented (the shell denies all)');
          return JSON.stringify(null);
        }
        throw new Error(`electron double: unknown call ${String(kind)}`);
      });
      const pageWorlds: Record<string, { functions: string[]; values: Record<string, unknown> }> = {};
      for (const [n, w] of Object.entries(worlds)) pageWorlds[n] = { functions: w.functions, values: w.values };
      await page.addInitScript(pageScript({ binding, deliver, worlds: pageWorlds }));
    }
    override on(event: string, fn: Fn): this {
      return super.on(event, fn as (...a: unknown[]) => void);
    }
    override once(event: string, fn: Fn): this {
      return super.once(event, fn as (...a: unknown[]) => void);
    }
    show(): void {
      this.visible = true;
      BrowserWindowDouble.focused = this;
      this.emit('show');
    }
    focus(): void {
      BrowserWindowDouble.focused = this;
      this.emit('focus');
    }
    isVisible(): boolean {
      return this.visible;
    }
    maximize(): void {
      this.maximized = true;
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    getBounds(): { x: number; y: number; width: number; height: number } {
      return { ...this.bounds };
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    close(): void {
      void this.closeNow();
    }
    async closeNow(): Promise<void> {
      if (this.destroyed) return;
      const e = { defaultPrevented: false, preventDefault: () => void (e.defaultPrevented = true) };
      this.emit('close', e);
      if (e.defaultPrevented) return;
      this.destroyed = true;
      BrowserWindowDouble.all.splice(BrowserWindowDouble.all.indexOf(this), 1);
      if (BrowserWindowDouble.focused === this) BrowserWindowDouble.focused = null;
      await this.page?.close().catch(() => undefined);
      this.emit('closed');
      this.webContents.emit('destroyed');
      if (BrowserWindowDouble.all.length === 0 && !quitting) app.emit('window-all-closed');
    }
  }

  /** A label as the menu shows it: '&' marks the Windows/Linux mnemonic, '&&' is a literal '&'. */
  const shown = (label: string | undefined): string => (label ?? '').replace(/&(&?)/g, '$1');
  const toMenu = (template: readonly MenuItemTemplate[]): { items: readonly MenuItemTemplate[] } => ({ items: template });

  const electron = {
    app,
    BrowserWindow: BrowserWindowDouble,
    ipcMain,
    MessageChannelMain: MessageChannelMainDouble,
    utilityProcess: {
      fork: (modulePath: string, args?: readonly string[], options?: { env?: NodeJS.ProcessEnv; cwd?: string }): UtilityProcessDouble => {
        if (!ready) throw new Error('utilityProcess.fork can only be called after the ready event');
        rec.utilityForks.push({ modulePath, options });
        return new UtilityProcessDouble(modulePath, args ?? [], options);
      },
    },
    dialog: {
      showErrorBox: (title: string, content: string): void => void rec.errorBoxes.push({ title, content }),
      showMessageBox: (...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> => {
        rec.messageBoxes.push(args[args.length - 1]);
        return Promise.resolve({ response: 0, checkboxChecked: false });
      },
      showSaveDialog: (...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> => {
        const answer = saveAnswers.shift() ?? null;
        rec.dialogs.push({ kind: 'save', options: args[args.length - 1], answer });
        return Promise.resolve(answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: answer });
      },
      showOpenDialog: (...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> => {
        const answer = openAnswers.shift() ?? null;
        rec.dialogs.push({ kind: 'open', options: args[args.length - 1], answer: answer?.join(path.delimiter) ?? null });
        return Promise.resolve(answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: answer });
      },
    },
    Menu: {
      buildFromTemplate: toMenu,
      setApplicationMenu: (m: { items: readonly MenuItemTemplate[] } | null): void => void (appMenu = m),
      getApplicationMenu: (): { items: readonly MenuItemTemplate[] } | null => appMenu,
    },
    Notification: class NotificationDouble {
      static isSupported(): boolean {
        return true;
      }
      constructor(private readonly o: unknown) {}
      show(): void {
        rec.notifications.push(this.o);
      }
    },
    protocol: {
      registerSchemesAsPrivileged: (list: readonly { scheme: string; privileges?: { standard?: boolean; secure?: boolean } }[]): void => {
        if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        rec.schemes.push(...list);
      },
      handle: (scheme: string, handler: (req: Request) => Response | Promise<Response>): void => {
        if (!ready) throw new Error('protocol.handle can only be used after app is ready');
        const privileged = (rec.schemes as { scheme: string; privileges?: { standard?: boolean; secure?: boolean } }[]).some((s) => s.scheme === scheme && s.privileges?.standard === true && s.privileges.secure === true);
        if (!privileged) throw new Error(`electron double: ${scheme}: is served only when registered as standard and secure`);
        schemes.set(scheme, handler);
      },
    },
    safeStorage: {
      isAsyncEncryptionAvailable: (): Promise<boolean> => Promise.resolve(true),
      getSelectedStorageBackend: (): string => opts.safeStorageBackend ?? 'gnome_libsecret',
      // Reversible but not plain text: enough to show the key never reaches the disk as typed.
      encryptStringAsync: (s: string): Promise<Buffer> => Promise.resolve(Buffer.concat([Buffer.from('v11'), Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)])),
      decryptStringAsync: (b: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> => {
        if (b.subarray(0, 3).toString() !== 'v11') return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
        return Promise.resolve({ result: Buffer.from(b.subarray(3).map((x) => x ^ 0x5a)).toString('utf8'), shouldReEncrypt: false });
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof permissionRequest): void => void (permissionRequest = h),
        setPermissionCheckHandler: (h: typeof permissionCheck): void => void (permissionCheck = h),
      },
    },
    shell: {
      openExternal: (url: string): Promise<void> => (rec.openExternal.push(url), Promise.resolve()),
      openPath: (p: string): Promise<string> => (rec.openPath.push(p), Promise.resolve('')),
    },
  };

  /** The test's side: what the user does (dialogs, menus) and what the app did. */
  const control: DoubleControl = {
    recorded: rec,
    ready(): void {
      ready = true;
      app.emit('ready', {}, {});
      resolveReady();
    },
    windows: (): BrowserWindowDouble[] => BrowserWindowDouble.getAllWindows(),
    answerSaveDialog: (filePath: string | null): void => void saveAnswers.push(filePath),
    answerOpenDialog: (filePaths: string[] | null): void => void openAnswers.push(filePaths),
    clickMenu(...labels: string[]): void {
      let items: readonly MenuItemTemplate[] = appMenu?.items ?? [];
      let item: MenuItemTemplate | undefined;
      for (const l of labels) {
        item = items.find((i) => shown(i.label) === l);
        if (item === undefined) throw new Error(`no menu item ${labels.join(' → ')} (at ${l})`);
        items = item.submenu ?? [];
      }
      if (item?.click === undefined) throw new Error(`menu item ${labels.join(' → ')} does nothing`);
      item.click(item, BrowserWindowDouble.focused, {});
    },
    utilityProcesses: (): UtilityProcessDouble[] => [...running],
    menuLabels: (): string[] => (appMenu?.items ?? []).map((i) => shown(i.label) || (i.role ?? '')),
    quit: (): void => app.quit(),
    async closeBrowser(): Promise<void> {
      const b = browser;
      browser = null;
      context = null;
      if (b !== null) await (await b).close();
    },
  };
  mkdirSync(opts.documents, { recursive: true });
  return { electron, control };
}

