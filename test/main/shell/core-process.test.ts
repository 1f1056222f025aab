/**
 * The core process's protocol (issue 15 §2), both sides in this process: the main side
 * (core-client.ts) drives the core side (core-service.ts) over stand-in ports that copy every message
 * with structuredClone and deliver it on a later turn, as a process boundary does. The real core runs
 * on a seeded data folder. The electron double's smoke (test/electron/double-smoke.test.ts) runs the
 * same two halves in two real processes.
 */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCoreClient, RESTART_LIMIT, type CoreClientDeps, type UtilityLike } from '../../../main/shell/core-client.js';
import { parseCoreReply, parseCoreRequest, parseFromCore, parseToCore } from '../../../main/shell/core-protocol.js';
import { NOT_A_REQUEST, runCoreService, type ParentPortLike, type PortLike } from '../../../main/shell/core-service.js';
import { snapshotDir } from '../../../main/core/paths.js';
import { seededDataDir } from '../../support/sync-harness.js';
import { tempDir } from '../../support/temp-dir.js';

/** One end of a stand-in MessageChannel: structured-clone copies, delivered on a later turn, queued until start(). */
class FakePort extends EventEmitter implements PortLike {
  partner: FakePort | null = null;
  private started = false;
  private readonly queue: unknown[] = [];
  postMessage(m: unknown): void {
    const p = this.partner;
    const copy = structuredClone(m);
    if (p !== null) setImmediate(() => p.deliver(copy));
  }
  deliver(d: unknown): void {
    if (this.started) this.emit('message', { data: d });
    else this.queue.push(d);
  }
  start(): void {
    this.started = true;
    for (const d of this.queue.splice(0)) this.emit('message', { data: d });
  }
}
const channel = (): [FakePort, FakePort] => {
  const a = new FakePort();
  const b = new FakePort();
  a.partner = b;
  b.partner = a;
  return [a, b];
};

/** A utility process whose "child" is runCoreService in this process. */
class FakeUtility extends EventEmitter implements UtilityLike<FakePort> {
  private readonly parent = new EventEmitter();
  killed = false;
  private crashing = false;
  constructor() {
    super();
    const parentPort: ParentPortLike = {
      on: (ev, fn) => this.parent.on(ev, fn),
      postMessage: (m) => {
        const copy = structuredClone(m);
        setImmediate(() => !this.killed && !this.crashing && this.emit('message', copy));
      },
    };
    runCoreService(parentPort, { exit: (code) => setImmediate(() => this.end(this.crashing ? 1 : code)) });
  }
  postMessage(m: unknown, transfer: FakePort[] = []): void {
    const copy = structuredClone(m);
    setImmediate(() => !this.killed && this.parent.emit('message', { data: copy, ports: transfer }));
  }
  end(code: number): void {
    if (this.killed) return;
    this.killed = true;
    this.emit('exit', code);
  }
  kill(): boolean {
    this.end(1);
    return true;
  }
  /** A process that dies: in this process the core must still let go of the data folder (a dead process's lock is released by the OS). */
  crash(): void {
    this.crashing = true;
    this.parent.emit('message', { data: { type: 'quit' }, ports: [] });
  }
}

const request = (port: FakePort, id: number, channelName: string, payload: unknown): Promise<unknown> =>
  new Promise((resolve) => {
    const on = (e: { data: unknown }): void => {
      const r = parseCoreReply(e.data);
      if (r?.id !== id) return;
      port.off('message', on);
      resolve(r.result);
    };
    port.on('message', on);
    port.start();
    port.postMessage({ id, channel: channelName, payload });
  });

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function deps(dir: string, over: Partial<CoreClientDeps<FakePort>> = {}): CoreClientDeps<FakePort> & { forks: FakeUtility[]; saved: { name: string; bytes: Uint8Array }[]; keys: (string | null)[]; logs: string[]; fatal: string[]; restarted: number } {
  const rec = { forks: [] as FakeUtility[], saved: [] as { name: string; bytes: Uint8Array }[], keys: [] as (string | null)[], logs: [] as string[], fatal: [] as string[], restarted: 0 };
  const d: CoreClientDeps<FakePort> = {
    fork: () => {
      const u = new FakeUtility();
      rec.forks.push(u);
      return u;
    },
    dataDir: dir,
    snapshotDir: snapshotDir(),
    fredKey: () => null,
    keyStorage: 'test keychain',
    saveFile: (name, _mime, bytes) => {
      rec.saved.push({ name, bytes });
      return Promise.resolve({ saved: true, path: `/saved/${name}` });
    },
    setFredKey: (k) => void rec.keys.push(k),
    notify: () => undefined,
    log: (l) => void rec.logs.push(l),
    onFatal: (m) => void rec.fatal.push(m),
    onRestarted: () => void (rec.restarted += 1),
    now: Date.now,
    ...over,
  };
  return Object.assign(rec, d);
}

describe('the core process protocol', () => {
  it('serves a page over its own port with the same router, and asks the main process for the save dialog and the keychain', async () => {
    const data = seededDataDir();
    cleanups.push(data.cleanup);
    const d = deps(data.dir);
    const client = startCoreClient(d);
    const [pagePort, corePort] = channel();
    client.connect(corePort);
    await client.started;
    const list = (await request(pagePort, 1, 'series:list', {})) as { ok: boolean; value: { id: string }[] };
    expect(list.ok).toBe(true);
    expect(list.value.some((s) => s.id === 'WRESBAL')).toBe(true);
    // A refusal comes back as the router's envelope, in its words.
    expect(await request(pagePort, 2, 'series:get', { ids: [] })).toEqual({ ok: false, error: expect.stringMatching(/^the app sent the core a request it does not accept/) as unknown });
    // An export: the bytes cross to the main process, which shows the dialog and answers.
    // Not a request (an over-long channel name): still answered, so the page never waits forever.
    expect(await request(pagePort, 9, 'x'.repeat(101), {})).toEqual({ ok: false, error: NOT_A_REQUEST });
    const saved = (await request(pagePort, 3, 'export:save-file', { fileName: 'x.csv', mime: 'text/csv', base64: Buffer.from('date,v\n').toString('base64') })) as { ok: boolean; value: unknown };
    expect(saved).toEqual({ ok: true, value: { saved: true, path: '/saved/x.csv' } });
    expect(d.saved.map((s) => [s.name, Buffer.from(s.bytes).toString()])).toEqual([['x.csv', 'date,v\n']]);
    // The FRED key set in the page goes to the main process's keychain; the core keeps it for its syncs.
    const key = 'abcdefabcdefabcdefabcdefabcdef12';
    expect((await request(pagePort, 4, 'settings:set-fred-key', { key })) as { ok: boolean }).toMatchObject({ ok: true });
    expect(d.keys).toEqual([key]);
    expect(((await request(pagePort, 5, 'settings:get', {})) as { value: { fredKeySet: boolean; keyStorage: string } }).value).toMatchObject({ fredKeySet: true });
    await client.dispose();
    expect(d.forks[0]?.killed).toBe(true);
    // Closed cleanly: the data-folder lock is gone, so another core can open the folder.
    expect(existsSync(path.join(data.dir, 'reservoir.lock'))).toBe(false);
  });

  it('a start that fails says why, in the plain sentence of start-failure.ts', async () => {
    const t = tempDir('reservoir-core-file-');
    cleanups.push(t.cleanup);
    const file = path.join(t.dir, 'not-a-folder');
    await import('node:fs').then((fs) => fs.writeFileSync(file, 'x'));
    const d = deps(file);
    const client = startCoreClient(d);
    await expect(client.started).rejects.toThrow(/not-a-folder/);
  });

  it('a start with settings out of bounds fails with a message instead of leaving the app waiting', async () => {
    const d = deps('/' + 'd'.repeat(5000));
    await expect(startCoreClient(d).started).rejects.toThrow(/settings it cannot use/);
  });

  it("a save dialog left open across a restart never answers the new core's save", async () => {
    class Manual extends EventEmitter implements UtilityLike<FakePort> {
      readonly posted: unknown[] = [];
      postMessage(m: unknown): void {
        this.posted.push(m);
      }
      kill(): boolean {
        return true;
      }
    }
    const children: Manual[] = [];
    let answer: (r: { saved: boolean; path: string | null }) => void = () => undefined;
    const d = deps('/data', {
      fork: () => {
        const c = new Manual();
        children.push(c);
        return c;
      },
      saveFile: () => new Promise((r) => (answer = r)),
    });
    const client = startCoreClient(d);
    const [a] = children;
    a?.emit('message', { type: 'started' });
    await client.started;
    a?.emit('message', { type: 'save-file', id: 1, fileName: 'old.csv', mime: 'text/csv', bytes: new Uint8Array() });
    a?.emit('exit', 1);
    const b = children[1];
    b?.emit('message', { type: 'started' });
    answer({ saved: true, path: '/docs/old.csv' });
    await new Promise((r) => setTimeout(r, 10));
    expect(b?.posted.filter((m) => (m as { type: string }).type.startsWith('save-file'))).toEqual([]);
  });

  it('restarts a core that stopped and hands the pages new ports; gives up after RESTART_LIMIT stops in a minute', async () => {
    const data = seededDataDir();
    cleanups.push(data.cleanup);
    let now = 1_000_000;
    const d = deps(data.dir, { now: () => now });
    const client = startCoreClient(d);
    await client.started;
    for (let k = 1; k <= RESTART_LIMIT; k++) {
      d.forks.at(-1)?.crash();
      const deadline = Date.now() + 20_000;
      while (d.restarted < k && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(d.restarted).toBe(k);
      const [page, core] = channel();
      client.connect(core);
      expect(((await request(page, 1, 'sync:status', {})) as { ok: boolean }).ok).toBe(true);
      now += 1_000;
    }
    expect(d.fatal).toEqual([]);
    d.forks.at(-1)?.crash();
    const deadline = Date.now() + 20_000;
    while (d.fatal.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(d.fatal[0]).toMatch(/stopped 4 times within a minute/);
    expect(d.forks).toHaveLength(RESTART_LIMIT + 1);
    await client.dispose();
  }, 60_000);
});

describe('every message is checked where it arrives', () => {
  it('refuses what is not the protocol', () => {
    expect(parseCoreRequest({ id: 1, channel: 'series:list', payload: {} })).toEqual({ id: 1, channel: 'series:list', payload: {} });
    for (const bad of [null, [], { id: -1, channel: 'x' }, { id: 1.5, channel: 'x' }, { id: 1, channel: 7 }, { id: 1, channel: 'x', extra: 1 }, { id: 1, channel: 'x'.repeat(101) }]) expect(parseCoreRequest(bad)).toBeNull();
    expect(parseCoreReply({ id: 1, result: { ok: false, error: 'no' } })).toEqual({ id: 1, result: { ok: false, error: 'no' } });
    expect(parseCoreReply({ id: 1, result: { ok: false } })).toBeNull();
    expect(parseToCore({ type: 'start', dataDir: '', snapshotDir: '/s', fredKey: null, keyStorage: 'k' })).toBeNull();
    expect(parseToCore({ type: 'start', dataDir: '/d', snapshotDir: '/s', fredKey: 5, keyStorage: 'k' })).toBeNull();
    expect(parseToCore({ type: 'run', code: 'rm -rf /' })).toBeNull();
    expect(parseFromCore({ type: 'save-file', id: 1, fileName: '../../etc/passwd', mime: 'text/csv', bytes: new Uint8Array() })).toBeNull();
    expect(parseFromCore({ type: 'save-file', id: 1, fileName: 'a.csv', mime: 'text/csv', bytes: 'not bytes' })).toBeNull();
    expect(parseFromCore({ type: 'fred-key', key: 7 })).toBeNull();
  });

  it('the built core process refuses to run outside a utility process', async () => {
    const cjs = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'dist', 'shell', 'core.cjs');
    if (!existsSync(cjs)) throw new Error(`${cjs} is missing: run npm run -s build:shell`);
    expect(readFileSync(cjs, 'utf8')).toContain('parentPort');
    const { execFileSync } = await import('node:child_process');
    let out = '';
    try {
      execFileSync(process.execPath, [cjs], { stdio: 'pipe' });
    } catch (e) {
      out = String((e as { stderr?: unknown }).stderr ?? '');
      expect((e as { status?: unknown }).status).toBe(64);
    }
    expect(out).toMatch(/core process: the app starts it/);
  });
});
