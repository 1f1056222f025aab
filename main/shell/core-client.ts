/**
 * The main process's side of issue 15 §2: starts the core process, hands it one port per page, answers
 * what it asks of the main process (save dialog, keychain, notifications) and closes it on quit. A core
 * that stops unexpectedly is started again (its SQLite writes are transactions: nothing half-written
 * survives a crash) and the pages get new ports; one that keeps stopping ends the app with a message.
 * No electron import: main.ts passes utilityProcess.fork, tests pass a child process or a stand-in.
 */
import { parseFromCore, type FromCore, type ToCore } from './core-protocol.js';

export interface UtilityLike<P> {
  postMessage(message: unknown, transfer?: P[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface CoreClientDeps<P> {
  fork(): UtilityLike<P>;
  readonly dataDir: string;
  readonly snapshotDir: string;
  /** The key as the keychain holds it now (a restarted core gets the current one). */
  fredKey(): string | null;
  readonly keyStorage: string;
  saveFile(fileName: string, mime: string, bytes: Uint8Array): Promise<{ saved: boolean; path: string | null }>;
  setFredKey(key: string | null): void;
  notify(title: string, body: string): void;
  log(line: string): void;
  /** A core that started and then stopped more often than RESTART_LIMIT allows: say so and quit. */
  onFatal(message: string): void;
  /** A restarted core is ready: give every page a new port. */
  onRestarted(): void;
  now(): number;
}

export interface CoreClient<P> {
  /** Resolves when the core has opened the data folder; rejects with its start-failure message. */
  readonly started: Promise<void>;
  /** Hands one end of a page's channel to the core (after it started). */
  connect(port: P): void;
  /** Closes the core (lock released, last backup taken) and waits for its process to end. */
  dispose(): Promise<void>;
}

/** At most this many unexpected stops in RESTART_WINDOW_MS before the app gives up. */
export const RESTART_LIMIT = 3;
export const RESTART_WINDOW_MS = 60_000;
/** A core that does not finish closing within this is ended (its database is crash-safe). */
export const DISPOSE_TIMEOUT_MS = 10_000;

export function startCoreClient<P>(deps: CoreClientDeps<P>): CoreClient<P> {
  let child: UtilityLike<P>;
  let ready = false;
  let quitting = false;
  let everStarted = false;
  let exited: Promise<void> = Promise.resolve();
  const stops: number[] = [];
  const waiting: P[] = [];
  let resolveStarted: () => void = () => undefined;
  let rejectStarted: (e: Error) => void = () => undefined;
  const started = new Promise<void>((res, rej) => {
    resolveStarted = res;
    rejectStarted = rej;
  });
  // main.ts awaits it; a rejection nobody awaits yet must not end the process.
  started.catch(() => undefined);

  const post = (m: ToCore, transfer?: P[]): void => child.postMessage(m, transfer);

  /** `from`: the process that sent it; answers go back to that one (a save dialog left open across a restart must not answer the new core). */
  const onMessage = (from: UtilityLike<P>, raw: unknown): void => {
    const m: FromCore | null = parseFromCore(raw);
    if (m === null) {
      deps.log('warning: the core process sent a message that is not part of the protocol; ignored');
      return;
    }
    switch (m.type) {
      case 'started': {
        const first = !everStarted;
        everStarted = true;
        ready = true;
        for (const p of waiting.splice(0)) post({ type: 'connect' }, [p]);
        if (first) resolveStarted();
        else deps.onRestarted();
        return;
      }
      case 'start-failed':
        // After a restart there is no start to fail: the message is logged and the process's exit counts as a stop.
        if (everStarted) deps.log(`warning: the restarted Reservoir core could not start: ${m.message}`);
        else rejectStarted(new Error(m.message));
        return;
      case 'save-file':
        deps.saveFile(m.fileName, m.mime, m.bytes).then(
          (r) => {
            if (from === child) post({ type: 'save-file-done', id: m.id, saved: r.saved, path: r.path });
          },
          (e: unknown) => {
            if (from === child) post({ type: 'save-file-failed', id: m.id, error: e instanceof Error ? e.message : String(e) });
          },
        );
        return;
      case 'fred-key':
        deps.setFredKey(m.key);
        return;
      case 'notice':
        deps.notify(m.title, m.body);
        return;
      case 'log':
        deps.log(m.line);
        return;
      case 'disposed':
        return;
    }
  };

  const spawn = (): void => {
    ready = false;
    const c = deps.fork();
    child = c;
    let markExited: () => void = () => undefined;
    exited = new Promise<void>((r) => (markExited = r));
    c.on('message', (raw) => onMessage(c, raw));
    c.on('exit', (code) => {
      markExited();
      if (quitting || child !== c) return;
      const wasReady = ready;
      ready = false;
      if (!wasReady && !everStarted) {
        // It never opened the data folder: a start failure with no message of its own (a crash while loading).
        rejectStarted(new Error(`the Reservoir core stopped while starting (exit code ${code})`));
        return;
      }
      const now = deps.now();
      stops.push(now);
      while (stops.length > 0 && (stops[0] ?? now) < now - RESTART_WINDOW_MS) stops.shift();
      if (stops.length > RESTART_LIMIT) {
        deps.onFatal(`The Reservoir core stopped ${stops.length} times within a minute (last exit code ${code}). Your data is kept in the data folder; Reservoir will close.`);
        return;
      }
      deps.log(`warning: the Reservoir core stopped (exit code ${code}); starting it again`);
      spawn();
    });
    post({ type: 'start', dataDir: deps.dataDir, snapshotDir: deps.snapshotDir, fredKey: deps.fredKey(), keyStorage: deps.keyStorage });
  };
  spawn();

  return {
    started,
    connect(port) {
      if (ready) post({ type: 'connect' }, [port]);
      else waiting.push(port);
    },
    async dispose() {
      if (quitting) return exited;
      quitting = true;
      post({ type: 'quit' });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((r) => (timer = setTimeout(r, DISPOSE_TIMEOUT_MS)));
      await Promise.race([exited, timeout]);
      clearTimeout(timer);
      child.kill();
    },
  };
}
