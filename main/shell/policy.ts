/**
 * The Electron shell's security decisions as pure functions, so they are tested without Electron:
 * which external links may open in the system browser, the window's web preferences, and which IPC
 * senders are trusted. main.ts applies them to every web contents (`web-contents-created`).
 */

/** Hosts whose pages the app links to (sources and documentation). Exact host or a subdomain of it. */
export const EXTERNAL_ALLOW_LIST: readonly string[] = [
  'fred.stlouisfed.org',
  'alfred.stlouisfed.org',
  'www.federalreserve.gov',
  'federalreserve.gov',
  'markets.newyorkfed.org',
  'www.newyorkfed.org',
  'fiscaldata.treasury.gov',
  'api.fiscaldata.treasury.gov',
  'www.bea.gov',
];

/** https only, no credentials, no odd ports, host on the allow-list (no look-alikes, no IP literals). */
export function isAllowedExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:') return false;
  if (u.username !== '' || u.password !== '') return false;
  if (u.port !== '' && u.port !== '443') return false;
  const host = u.hostname.toLowerCase();
  if (host.endsWith('.')) return false;
  return EXTERNAL_ALLOW_LIST.includes(host);
}

export interface SecureWebPreferences {
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
  readonly spellcheck: false;
  /** Developer tools only in development (issue 15 §4): a packaged build cannot open them at all. */
  readonly devTools: boolean;
  readonly preload: string;
}

export function webPreferences(preloadPath: string, opts: { readonly packaged: boolean } = { packaged: true }): SecureWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !opts.packaged,
    preload: preloadPath,
  };
}

/** Checks any options object a window was created with (also used by a test on the real shell's options). */
export function isSecureWebPreferences(p: Readonly<Record<string, unknown>>): boolean {
  return p['contextIsolation'] === true && p['sandbox'] === true && p['nodeIntegration'] === false && p['webSecurity'] !== false && p['allowRunningInsecureContent'] !== true && p['webviewTag'] !== true && p['nodeIntegrationInWorker'] !== true && p['nodeIntegrationInSubFrames'] !== true;
}

/**
 * IPC is answered only for the app's own top frame, loaded from the app:// protocol (app-protocol.ts):
 * same scheme, host and path as the renderer's entry page (the views live in the hash).
 */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean, rendererIndexUrl: string): boolean {
  if (!isMainFrame || typeof frameUrl !== 'string') return false;
  let a: URL;
  let b: URL;
  try {
    a = new URL(frameUrl);
    b = new URL(rendererIndexUrl);
  } catch {
    return false;
  }
  return a.protocol === 'app:' && b.protocol === 'app:' && a.host === b.host && a.username === '' && a.password === '' && a.pathname === b.pathname;
}

/** Navigation (and a redirect) inside any web contents is never allowed: the app is one page. */
export function allowNavigation(_url: string): false {
  return false;
}

export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** Validates a remembered window state (a hand-edited or corrupt file falls back to defaults). */
export function parseWindowState(raw: unknown): WindowState {
  const d: WindowState = { width: 1400, height: 900, maximized: false };
  if (typeof raw !== 'object' || raw === null) return d;
  const o = raw as Record<string, unknown>;
  const n = (k: string, lo: number, hi: number): number | undefined => (typeof o[k] === 'number' && Number.isFinite(o[k]) && (o[k] as number) >= lo && (o[k] as number) <= hi ? (o[k] as number) : undefined);
  const width = n('width', 640, 10000) ?? d.width;
  const height = n('height', 480, 10000) ?? d.height;
  const x = n('x', -10000, 20000);
  const y = n('y', -10000, 20000);
  return { width, height, maximized: o['maximized'] === true, ...(x !== undefined && y !== undefined ? { x, y } : {}) };
}
