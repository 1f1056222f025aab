import { EventEmitter } from 'node:events';

/** What the electron double's utilityProcess and its child (utility-child.ts) send each other over Node's IPC. */
export type Wire =
  /** A parent-port message, with the ids of the ports it transfers. */
  | { readonly t: 'parent'; readonly data: unknown; readonly ports: readonly number[] }
  /** A message arriving at a transferred port (parent → child). */
  | { readonly t: 'port-msg'; readonly port: number; readonly data: unknown }
  /** A message the child posts on a transferred port (child → parent, on to the port's partner). */
  | { readonly t: 'port-post'; readonly port: number; readonly data: unknown }
  | { readonly t: 'port-close'; readonly port: number };

export function isWire(v: unknown): v is Wire {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (o['t'] === 'parent') return Array.isArray(o['ports']) && o['ports'].every((p) => typeof p === 'number');
  return (o['t'] === 'port-msg' || o['t'] === 'port-post' || o['t'] === 'port-close') && typeof o['port'] === 'number';
}

/** A MessagePortMain's receiving side on either end of the double: messages wait until start(), as in Electron. */
export class QueuedPort extends EventEmitter {
  private started = false;
  private readonly queue: unknown[] = [];
  deliver(data: unknown): void {
    if (this.started) this.emit('message', { data, ports: [] });
    else this.queue.push(data);
  }
  start(): void {
    this.started = true;
    for (const d of this.queue.splice(0)) this.emit('message', { data: d, ports: [] });
  }
}
