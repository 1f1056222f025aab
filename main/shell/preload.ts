/**
 * Exposes exactly two functions to the renderer: invoke(channel, payload), answered by the core
 * process over a MessagePort (issue 15 §2), and onShellEvent(listener) for the native menu and files
 * opened from the OS (issue 15 §3). The port stays here, never in the page: the page sees only these
 * two functions. Requests made before the port arrives wait here; a core that was restarted sends a
 * new port, and requests the stopped one never answered get a plain error instead of hanging.
 * Every shell event is checked here (parseShellEvent) before the page sees it; events that arrive
 * before the page subscribes wait here, so a file double-clicked to launch the app is not lost.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CORE_CONNECT_CHANNEL, CORE_PORT_CHANNEL, CORE_RESTARTED_ERROR, parseCoreReply, type CoreReply, type CoreRequest } from './core-protocol.js';
import { parseShellEvent, SHELL_EVENT_CHANNEL, type ShellEvent } from '../../shared/ipc/shell-events.js';

let listener: ((e: ShellEvent) => void) | null = null;
const waiting: ShellEvent[] = [];

ipcRenderer.on(SHELL_EVENT_CHANNEL, (_event, raw: unknown) => {
  const e = parseShellEvent(raw);
  if (e === null) return;
  if (listener === null) waiting.push(e);
  else listener(e);
});

/** The page-side port as the preload uses it (the preload is typed without the DOM library). */
interface PagePort {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((m: { readonly data: unknown }) => void) | null;
}
let port: PagePort | null = null;
let nextId = 1;
/** Sent and not yet answered, by request id. */
const pending = new Map<number, (r: CoreReply['result']) => void>();
/** Made before the first port arrived. */
const unsent: CoreRequest[] = [];

ipcRenderer.on(CORE_PORT_CHANNEL, (event) => {
  const p = (event.ports as readonly unknown[])[0] as PagePort | undefined;
  if (p === undefined) return;
  if (port !== null) {
    // A new core: what the old one never answered is lost with it.
    for (const [id, resolve] of pending) if (!unsent.some((u) => u.id === id)) {
      pending.delete(id);
      resolve({ ok: false, error: CORE_RESTARTED_ERROR });
    }
    port.close();
  }
  port = p;
  p.onmessage = (m) => {
    const r = parseCoreReply(m.data);
    if (r === null) return;
    const resolve = pending.get(r.id);
    pending.delete(r.id);
    resolve?.(r.result);
  };
  for (const u of unsent.splice(0)) p.postMessage(u);
});
ipcRenderer.send(CORE_CONNECT_CHANNEL);

contextBridge.exposeInMainWorld('reservoir', {
  invoke: (channel: string, payload: unknown): Promise<CoreReply['result']> =>
    new Promise((resolve) => {
      const req: CoreRequest = { id: nextId++, channel: String(channel), payload };
      pending.set(req.id, resolve);
      if (port === null) unsent.push(req);
      else port.postMessage(req);
    }),
  onShellEvent: (fn: unknown): void => {
    // One subscriber (the page's App); a second call replaces it.
    if (typeof fn !== 'function') return;
    listener = (e) => (fn as (e: ShellEvent) => void)(e);
    for (const e of waiting.splice(0)) listener(e);
  },
});
