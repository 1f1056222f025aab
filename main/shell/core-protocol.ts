/**
 * The messages between the desktop app's three parts (issue 15 §2): the main process (windows, menus,
 * dialogs, the keychain), the core process (an Electron utilityProcess running SQLite, sync and the
 * fits: main/shell/core-process.ts) and the page (through the preload). The page talks to the core
 * directly over a MessagePort the main process hands it, so a long write or a fit never runs on the
 * main process's event loop. Every message is checked when it arrives: a process boundary is a
 * boundary like IPC and HTTP. No electron import: the preload, the core process and tests share it.
 */

/** The page asks the main process for a port to the core (ipcRenderer.send); the answer arrives on CORE_PORT_CHANNEL with the port. */
export const CORE_CONNECT_CHANNEL = 'reservoir:core-connect';
export const CORE_PORT_CHANNEL = 'reservoir:core-port';

/** What the page sees for a request the core never answered because it stopped (it is restarted). */
export const CORE_RESTARTED_ERROR = 'the Reservoir core stopped and was restarted; nothing was lost, try again';

/** Page → core, on the page's port. */
export interface CoreRequest {
  readonly id: number;
  readonly channel: string;
  readonly payload: unknown;
}
/** Core → page: the router's envelope, as is. */
export interface CoreReply {
  readonly id: number;
  readonly result: { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };
}

/** Main → core, on the core process's parent port. */
export type ToCore =
  | { readonly type: 'start'; readonly dataDir: string; readonly snapshotDir: string; readonly fredKey: string | null; readonly keyStorage: string }
  /** A page's port arrives as the message's one transferred port. */
  | { readonly type: 'connect' }
  | { readonly type: 'save-file-done'; readonly id: number; readonly saved: boolean; readonly path: string | null }
  | { readonly type: 'save-file-failed'; readonly id: number; readonly error: string }
  | { readonly type: 'quit' };

/** Core → main. */
export type FromCore =
  | { readonly type: 'started' }
  /** The start failed: the one message to show (start-failure.ts wording), then the app quits. */
  | { readonly type: 'start-failed'; readonly message: string }
  /** The core needs the native save dialog (exports). */
  | { readonly type: 'save-file'; readonly id: number; readonly fileName: string; readonly mime: string; readonly bytes: Uint8Array }
  /** The user set or removed the FRED key: the main process writes it to the OS keychain. */
  | { readonly type: 'fred-key'; readonly key: string | null }
  /** An alert fired: a desktop notification. */
  | { readonly type: 'notice'; readonly title: string; readonly body: string }
  | { readonly type: 'log'; readonly line: string }
  /** Closed (lock released, last backup taken): the process exits next. */
  | { readonly type: 'disposed' };

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const hasOnly = (o: Obj, keys: readonly string[]): boolean => Object.keys(o).every((k) => keys.includes(k));
const PATH_MAX = 4096;

/** The id of a request that is otherwise not one, so it can still be answered (a page never waits forever). */
export function requestIdOf(raw: unknown): number | null {
  return isObj(raw) && isId(raw['id']) ? raw['id'] : null;
}

export function parseCoreRequest(raw: unknown): CoreRequest | null {
  if (!isObj(raw) || !hasOnly(raw, ['id', 'channel', 'payload']) || !isId(raw['id']) || !isText(raw['channel'], 100)) return null;
  return { id: raw['id'], channel: raw['channel'], payload: raw['payload'] ?? null };
}

export function parseCoreReply(raw: unknown): CoreReply | null {
  if (!isObj(raw) || !isId(raw['id']) || !isObj(raw['result'])) return null;
  const r = raw['result'];
  if (r['ok'] === true) return { id: raw['id'], result: { ok: true, value: r['value'] } };
  if (r['ok'] === false && typeof r['error'] === 'string') return { id: raw['id'], result: { ok: false, error: r['error'] } };
  return null;
}

export function parseToCore(raw: unknown): ToCore | null {
  if (!isObj(raw)) return null;
  switch (raw['type']) {
    case 'start': {
      const { dataDir, snapshotDir, fredKey, keyStorage } = raw;
      if (!isText(dataDir, PATH_MAX) || dataDir === '' || !isText(snapshotDir, PATH_MAX) || !(fredKey === null || isText(fredKey, 200)) || !isText(keyStorage, 500)) return null;
      return { type: 'start', dataDir, snapshotDir, fredKey, keyStorage };
    }
    case 'connect':
      return { type: 'connect' };
    case 'quit':
      return { type: 'quit' };
    case 'save-file-done': {
      const { id, saved, path } = raw;
      if (!isId(id) || typeof saved !== 'boolean' || !(path === null || isText(path, PATH_MAX))) return null;
      return { type: 'save-file-done', id, saved, path };
    }
    case 'save-file-failed': {
      const { id, error } = raw;
      return isId(id) && isText(error, 2000) ? { type: 'save-file-failed', id, error } : null;
    }
    default:
      return null;
  }
}

export function parseFromCore(raw: unknown): FromCore | null {
  if (!isObj(raw)) return null;
  switch (raw['type']) {
    case 'started':
      return { type: 'started' };
    case 'disposed':
      return { type: 'disposed' };
    case 'start-failed':
      return isText(raw['message'], 10_000) ? { type: 'start-failed', message: raw['message'] } : null;
    case 'save-file': {
      const { id, fileName, mime, bytes } = raw;
      // The router validated the name (a plain .png/.csv/.json name); checked again, since it becomes a dialog's default path.
      if (!isId(id) || !isText(fileName, 200) || /[/\\]/.test(fileName) || !isText(mime, 100) || !(bytes instanceof Uint8Array)) return null;
      return { type: 'save-file', id, fileName, mime, bytes };
    }
    case 'fred-key': {
      const k = raw['key'];
      return k === null || isText(k, 200) ? { type: 'fred-key', key: k } : null;
    }
    case 'notice':
      return isText(raw['title'], 500) && isText(raw['body'], 2000) ? { type: 'notice', title: raw['title'], body: raw['body'] } : null;
    case 'log':
      return isText(raw['line'], 20_000) ? { type: 'log', line: raw['line'] } : null;
    default:
      return null;
  }
}
