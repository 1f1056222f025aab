/** A utility-process module for the double's own test (test/electron/double-ports.test.ts): answers every message on every port it is given with the same data, tagged. */
const parent = (process as { parentPort?: { on(e: 'message', f: (m: { data: unknown; ports: { on(e: 'message', f: (m: { data: unknown }) => void): void; postMessage(d: unknown): void; start(): void }[] }) => void): void; postMessage(d: unknown): void } }).parentPort;
if (parent === undefined) throw new Error('echo-utility runs only as a utility process');
parent.on('message', (m) => {
  parent.postMessage({ echo: m.data });
  for (const port of m.ports) {
    port.on('message', (e) => port.postMessage({ echo: e.data }));
    port.start();
  }
});
