/**
 * The child side of the electron double's utilityProcess (`node --import tsx utility-child.ts MODULE
 * ARGS...`): gives the module Electron's `process.parentPort`, and stands in for the MessagePortMain
 * objects the parent transfers to it, over Node's IPC channel with structured-clone serialization.
 * Messages on the parent port wait until a 'message' listener exists, and messages on a port until
 * its start(), as in Electron. The process ends with its parent, as a utility process does.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isWire, QueuedPort, type Wire } from './utility-wire.js';

const [modulePath, ...rest] = process.argv.slice(2);
if (modulePath === undefined) throw new Error('usage: utility-child.ts MODULE ARGS...');
const send = (m: Wire): void => void process.send?.(m);

class ChildPort extends QueuedPort {
  constructor(readonly id: number) {
    super();
  }
  postMessage(data: unknown): void {
    send({ t: 'port-post', port: this.id, data });
  }
  close(): void {
    ports.delete(this.id);
    send({ t: 'port-close', port: this.id });
    this.emit('close');
  }
}
const ports = new Map<number, ChildPort>();

class ParentPortDouble extends EventEmitter {
  private readonly queue: { data: unknown; ports: ChildPort[] }[] = [];
  override on(event: string, fn: (...a: never[]) => void): this {
    super.on(event, fn as (...a: unknown[]) => void);
    if (event === 'message') for (const e of this.queue.splice(0)) this.emit('message', e);
    return this;
  }
  deliver(e: { data: unknown; ports: ChildPort[] }): void {
    if (this.listenerCount('message') > 0) this.emit('message', e);
    else this.queue.push(e);
  }
  postMessage(data: unknown): void {
    send({ t: 'parent', data, ports: [] });
  }
}
const parent = new ParentPortDouble();

process.on('message', (raw: unknown) => {
  if (!isWire(raw)) return;
  if (raw.t === 'parent') {
    const list = raw.ports.map((id) => {
      const p = new ChildPort(id);
      ports.set(id, p);
      return p;
    });
    parent.deliver({ data: raw.data, ports: list });
  } else if (raw.t === 'port-msg') ports.get(raw.port)?.deliver(raw.data);
  else if (raw.t === 'port-close') {
    const p = ports.get(raw.port);
    ports.delete(raw.port);
    p?.emit('close');
  }
});
process.on('disconnect', () => process.exit(0));

Object.defineProperty(process, 'parentPort', { value: parent, configurable: true });
const file = path.resolve(modulePath);
process.argv = [process.execPath, file, ...rest];
createRequire(file)(file);
