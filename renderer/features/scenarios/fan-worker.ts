/**
 * The uncertainty fan off the UI thread (issue 14 §3): a 500-path Monte Carlo takes tens of ms, too
 * long for a slider tick. Receives a FanJob, answers a FanReply with the result's columns transferred
 * (not copied). The request is structured-cloned, so an unknown bank-assets figure stays NaN.
 */
import { fan, type FanRequest, type FanResult } from '../../../shared/compute/fan.js';

export interface FanJob {
  readonly id: number;
  readonly req: FanRequest;
}

export type FanReply = { readonly id: number; readonly ok: true; readonly result: FanResult; readonly ms: number } | { readonly id: number; readonly ok: false; readonly error: string };

/** Runs one job; also the in-thread fallback where a worker cannot start. */
export function runFanJob(job: FanJob): FanReply {
  const t0 = performance.now();
  try {
    return { id: job.id, ok: true, result: fan(job.req), ms: performance.now() - t0 };
  } catch (e) {
    return { id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The buffers of a result's columns, handed over to the receiving thread. */
export function fanTransfer(r: FanReply): ArrayBuffer[] {
  if (!r.ok) return [];
  const cols = [...r.result.reserves, ...r.result.reservesGdpPct, ...r.result.spreadBp];
  return cols.map((c) => c.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

// Only inside a worker (no `document`): importing this module elsewhere (the fallback) adds no listener.
if (typeof document === 'undefined' && typeof self !== 'undefined') {
  self.addEventListener('message', (e: MessageEvent<FanJob>) => {
    const reply = runFanJob(e.data);
    self.postMessage(reply, { transfer: fanTransfer(reply) });
  });
}
