/**
 * The core process's side of issue 15 §2: the same `createCore` and router as browser mode and the
 * CLI, driven by messages instead of function calls. The main process sends `start` (data folder,
 * snapshot, the FRED key it decrypted) and then one port per page; each page's requests are answered
 * on its own port. What only the main process can do (the native save dialog, the OS keychain,
 * notifications) goes back to it as a message. No electron import: the process entry
 * (core-process.ts) passes `process.parentPort`, tests and the electron double pass stand-ins.
 */
import { alertValueText } from '../../shared/compute/alerts.js';
import { createCore, type Core } from '../core/create-core.js';
import type { KeyStore, SaveFile } from '../core/router.js';
import { lazyFetch } from '../core/sync/http-client.js';
import { PUBLIC_URLS } from '../core/sync/source-context.js';
import { MALFORMED_WORDS } from '../core/refused-request.js';
import { parseCoreRequest, parseToCore, requestIdOf, type CoreReply, type FromCore } from './core-protocol.js';
import { startupFailureText } from './startup-failure.js';

/** What a page is told for a message that is not a request: the router's words for a malformed one. */
export const NOT_A_REQUEST = MALFORMED_WORDS;

export interface PortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
}
export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown; ports: readonly PortLike[] }) => void): unknown;
  postMessage(message: unknown): void;
}

export interface CoreServiceOptions {
  /** Ends the process (after `disposed`, or a failed start). */
  readonly exit: (code: number) => void;
}

export function runCoreService(parent: ParentPortLike, opts: CoreServiceOptions): void {
  const send = (m: FromCore): void => parent.postMessage(m);
  let core: Core | null = null;
  let quitting = false;
  let nextSave = 1;
  const saves = new Map<number, { resolve: (r: { saved: boolean; path: string | null }) => void; reject: (e: Error) => void }>();
  const log = (line: string): void => send({ type: 'log', line });

  const saveFile: SaveFile = (fileName, mime, bytes) =>
    new Promise((resolve, reject) => {
      const id = nextSave++;
      saves.set(id, { resolve, reject });
      send({ type: 'save-file', id, fileName, mime, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    });

  const serve = (port: PortLike): void => {
    port.on('message', (e) => {
      const req = parseCoreRequest(e.data);
      if (req === null) {
        const id = requestIdOf(e.data);
        if (id !== null) port.postMessage({ id, result: { ok: false, error: NOT_A_REQUEST } } satisfies CoreReply);
        return;
      }
      const answer = async (): Promise<CoreReply['result']> => {
        if (core === null || quitting) return { ok: false, error: 'Reservoir is closing' };
        try {
          const r = await core.router.handle(req.channel, req.payload);
          return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
        } catch (err) {
          // The router answers refusals itself; this is a bug, said plainly and logged for the developer.
          log(`error: ${req.channel} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          return { ok: false, error: `internal error: ${err instanceof Error ? err.message : String(err)}` };
        }
      };
      void answer().then((result) => port.postMessage({ id: req.id, result } satisfies CoreReply));
    });
    port.start();
  };

  parent.on('message', (e) => {
    const m = parseToCore(e.data);
    if (m === null) {
      // A start the core cannot use must not leave the app waiting for it with no word.
      if (core === null && typeof e.data === 'object' && e.data !== null && (e.data as { type?: unknown }).type === 'start') {
        send({ type: 'start-failed', message: 'the app started its core with settings it cannot use (a data folder path or stored key out of bounds)' });
        opts.exit(1);
      }
      return;
    }
    switch (m.type) {
      case 'start': {
        if (core !== null) return;
        let key = m.fredKey;
        const keys: KeyStore = {
          get: () => key,
          set: (k) => {
            key = k;
            send({ type: 'fred-key', key: k });
          },
          storage: m.keyStorage,
        };
        try {
          core = createCore({ dataDir: m.dataDir, snapshotDir: m.snapshotDir, fetch: lazyFetch, now: Date.now, random: Math.random, urls: PUBLIC_URLS, keys, saveFile, log });
        } catch (err) {
          // The data folder is named by the main process's dialog; the message is the plain sentence alone.
          send({ type: 'start-failed', message: startupFailureText(err, null) });
          opts.exit(1);
          return;
        }
        core.alerts.onNotice((n) => send({ type: 'notice', title: `Reservoir alert: ${n.name}`, body: `${alertValueText(n.unit, n.value)} on ${n.date}` }));
        send({ type: 'started' });
        return;
      }
      case 'connect': {
        const port = e.ports[0];
        if (port !== undefined) serve(port);
        return;
      }
      case 'save-file-done': {
        const w = saves.get(m.id);
        saves.delete(m.id);
        w?.resolve({ saved: m.saved, path: m.path });
        return;
      }
      case 'save-file-failed': {
        const w = saves.get(m.id);
        saves.delete(m.id);
        w?.reject(new Error(m.error));
        return;
      }
      case 'quit': {
        if (quitting) return;
        quitting = true;
        const c = core;
        core = null;
        void (c?.dispose() ?? Promise.resolve())
          .catch((err: unknown) => log(`warning: the core did not close cleanly: ${err instanceof Error ? err.message : String(err)}`))
          .finally(() => {
            send({ type: 'disposed' });
            opts.exit(0);
          });
        return;
      }
    }
  });
}
