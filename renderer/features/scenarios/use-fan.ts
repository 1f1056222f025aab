/**
 * Runs the lab's fan in a Web Worker: posts the latest request, at most one in flight (a newer
 * request while one computes waits, replacing any older waiting one, so a drag never builds a queue),
 * shows every answer newer than the one shown (older ones are dropped), and keeps the last fan on
 * screen while the next one computes. Where a worker cannot start (or dies), the same code runs on
 * this thread after the current event, so the fan still appears.
 *
 * While a slider is dragged the fan is recomputed at a bounded rate (`nextStartAt`), not back to
 * back: on a two-core machine a worker busy all the time took a core from the page, and each fan
 * received redraws three charts, so the drag fell to 30 frames a second and the slider tick p95
 * doubled (issue 14). A request after a pause starts at once.
 */
import { useEffect, useRef, useState } from 'react';
import type { FanRequest, FanResult } from '../../../shared/compute/fan.js';
import { runFanJob, type FanJob, type FanReply } from './fan-worker.js';

export interface FanState {
  /** The latest fan received (possibly for inputs a little older than the current ones while computing). */
  readonly result: FanResult | null;
  /** A newer request than `result` is being computed. */
  readonly pending: boolean;
  readonly error: string | null;
  /** Compute time of `result` in the worker, ms. */
  readonly ms: number | null;
  /** 'worker' or 'main thread' (the fallback). */
  readonly where: string;
  /** Which answer `result` is (rises with every fan shown): tests wait for a new fan by it, not by its compute time. */
  readonly shown: number;
}

/** Fans start at least this far apart (ms)... */
export const FAN_MIN_GAP_MS = 100;
/** ...and the worker computes at most this share of the time, so a slow machine slows the fan, not the page. */
export const FAN_MAX_DUTY = 1 / 3;

/** When the next fan may start (performance.now() ms), given when the last one started and how long it took. */
export function nextStartAt(lastStartMs: number, lastJobMs: number): number {
  return lastStartMs + Math.max(FAN_MIN_GAP_MS, lastJobMs / FAN_MAX_DUTY);
}

interface Runner {
  worker: Worker | null;
  busy: boolean;
  /** When the job in flight (or the last one) was posted, and how long the last one took (ms, on this clock). */
  lastStart: number;
  lastJobMs: number;
  timer: ReturnType<typeof setTimeout> | null;
  waiting: FanRequest | null;
  last: FanRequest | null;
  nextId: number;
  shownId: number;
  alive: boolean;
}

function startWorker(): Worker | null {
  try {
    return new Worker(new URL('./fan-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

export function useFan(req: FanRequest | null): FanState {
  const [state, setState] = useState<FanState>({ result: null, pending: false, error: null, ms: null, where: 'worker', shown: 0 });
  const run = useRef<Runner>({ worker: null, busy: false, lastStart: Number.NEGATIVE_INFINITY, lastJobMs: 0, timer: null, waiting: null, last: null, nextId: 0, shownId: 0, alive: true });

  // Stable across renders: reads and writes only the ref and the state setter.
  const post = useRef<(r: FanRequest) => void>(() => undefined);
  const onReply = useRef<(reply: FanReply) => void>(() => undefined);
  onReply.current = (reply: FanReply): void => {
    const s = run.current;
    s.busy = false;
    s.lastJobMs = performance.now() - s.lastStart;
    const next = s.waiting;
    s.waiting = null;
    if (s.alive && reply.id > s.shownId) {
      s.shownId = reply.id;
      setState((cur) => (reply.ok ? { ...cur, result: reply.result, error: null, ms: reply.ms, pending: next !== null, shown: reply.id } : { ...cur, error: reply.error, pending: next !== null }));
    }
    if (next !== null) post.current(next);
    else setState((cur) => (cur.pending ? { ...cur, pending: false } : cur));
  };
  post.current = (r: FanRequest): void => {
    const s = run.current;
    s.last = r;
    if (s.busy || s.timer !== null) {
      s.waiting = r;
      return;
    }
    const wait = nextStartAt(s.lastStart, s.lastJobMs) - performance.now();
    if (wait > 0) {
      s.waiting = r;
      setState((cur) => (cur.pending ? cur : { ...cur, pending: true }));
      s.timer = setTimeout(() => {
        s.timer = null;
        const next = s.waiting;
        s.waiting = null;
        if (next !== null && s.alive) post.current(next);
      }, wait);
      return;
    }
    s.busy = true;
    s.lastStart = performance.now();
    const job: FanJob = { id: ++s.nextId, req: r };
    setState((cur) => (cur.pending ? cur : { ...cur, pending: true }));
    if (s.worker !== null) s.worker.postMessage(job);
    else setTimeout(() => onReply.current(runFanJob(job)), 0);
  };

  useEffect(() => {
    const s = run.current;
    s.alive = true;
    const w = startWorker();
    s.worker = w;
    if (w !== null) {
      w.onmessage = (e: MessageEvent<FanReply>) => onReply.current(e.data);
      // A worker that cannot load (a file:// origin that refuses module workers) or dies: fall back to
      // this thread and recompute the latest request there.
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        w.terminate();
        s.worker = null;
        s.busy = false;
        setState((cur) => ({ ...cur, where: 'main thread' }));
        const again = s.waiting ?? s.last;
        s.waiting = null;
        if (again !== null) post.current(again);
      };
    } else setState((cur) => ({ ...cur, where: 'main thread' }));
    return () => {
      s.alive = false;
      if (s.timer !== null) clearTimeout(s.timer);
      s.timer = null;
      w?.terminate();
      s.worker = null;
      s.busy = false;
      s.waiting = null;
    };
  }, []);

  useEffect(() => {
    if (req !== null) post.current(req);
    else run.current.waiting = null;
  }, [req]);

  return state;
}

