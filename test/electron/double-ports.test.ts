/**
 * The electron double's utilityProcess and MessageChannelMain keep Electron's guarantees the shell
 * relies on (found in CI: requests a page posted while the core was still starting were dropped,
 * because the double relayed them before telling the child about the port): messages queued on a
 * port before it is transferred arrive, in order; structured-clone data (bytes) survives the trip.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createElectronDouble } from '../support/electron-double/electron-double.js';
import { tempDir } from '../support/temp-dir.js';

interface Port {
  on(e: 'message', f: (m: { data: unknown }) => void): void;
  postMessage(d: unknown): void;
  start(): void;
}
interface Child {
  on(e: 'message', f: (m: unknown) => void): void;
  postMessage(m: unknown, transfer?: Port[]): void;
  kill(): boolean;
}
interface Double {
  utilityProcess: { fork(p: string): Child };
  MessageChannelMain: new () => { port1: Port; port2: Port };
}

const home = tempDir('reservoir-double-ports-');
afterAll(() => home.cleanup());

describe('electron double: utilityProcess and ports', () => {
  it('delivers, in order, what was posted on a port before the port was transferred', async () => {
    const { electron, control } = createElectronDouble({ version: '0.0.0', appPath: home.dir, userData: home.dir, documents: home.dir, onExit: () => undefined });
    control.ready();
    const e = electron as unknown as Double;
    const child = e.utilityProcess.fork(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'support', 'electron-double', 'echo-utility.ts'));
    try {
      const { port1, port2 } = new e.MessageChannelMain();
      const got: unknown[] = [];
      const all = new Promise<void>((resolve) =>
        port2.on('message', (m) => {
          got.push(m.data);
          if (got.length === 4) resolve();
        }),
      );
      port2.start();
      // Posted while port1 is still here, as the page's first requests are while the core starts.
      port2.postMessage(1);
      port2.postMessage(2);
      port2.postMessage({ bytes: new Uint8Array([1, 2, 3]) });
      await new Promise((r) => setTimeout(r, 50));
      child.postMessage({ hello: true }, [port1]);
      port2.postMessage(4);
      await all;
      expect(got).toEqual([{ echo: 1 }, { echo: 2 }, { echo: { bytes: new Uint8Array([1, 2, 3]) } }, { echo: 4 }]);
    } finally {
      child.kill();
    }
  }, 30_000);
});
