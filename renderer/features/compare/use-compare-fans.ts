/**
 * Compare's fans off the UI thread (issue 14 §6): one FanJob per compared scenario, posted to one
 * Web Worker (the lab's fan-worker.ts) one at a time. A new set of requests replaces the jobs still
 * waiting (never a queue), a request already answered is not recomputed, and each answer is shown
 * as it arrives. Where a worker cannot start (or dies), the jobs run on this thread after the
 * current event, one per tick, so the page stays responsive.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FanRequest, FanResult } from '../../../shared/compute/fan.js';
import { runFanJob, type FanJob, type FanReply } from '../scenarios/fan-worker.js';

export interface KeyedFanRequest {
  readonly key: string;
  readonly req: FanRequest;
}

export interface CompareFans {
  /** The answer per key, for exactly the request now asked (an older one is not shown for new inputs). */
  readonly results: ReadonlyMap<string, FanResult>;
  readonly pending: number;
  readonly errors: readonly string[];
  readonly where: 'worker' | 'main thread';
}

interface Runner {
  worker: Worker | null;
  busy: { id: number; key: string; req: FanRequest } | null;
  waiting: KeyedFanRequest[];
  nextId: number;
  alive: boolean;
}

export function useCompareFans(reqs: readonly KeyedFanRequest[] | null): CompareFans {
  const [done, setDone] = useState<ReadonlyMap<string, { req: FanRequest; result: FanResult | null; error: string | null }>>(new Map());
  const [where, setWhere] = useState<'worker' | 'main thread'>('worker');
  const run = useRef<Runner>({ worker: null, busy: null, waiting: [], nextId: 0, alive: true });
  const pump = useRef<() => void>(() => undefined);
  const onReply = useRef<(r: FanReply) => void>(() => undefined);

  pump.current = (): void => {
    const s = run.current;
    if (s.busy !== null) return;
    const next = s.waiting.shift();
    if (next === undefined) return;
    const job: FanJob = { id: ++s.nextId, req: next.req };
    s.busy = { id: job.id, key: next.key, req: next.req };
    if (s.worker !== null) s.worker.postMessage(job);
    else setTimeout(() => onReply.current(runFanJob(job)), 0);
  };
  onReply.current = (r: FanReply): void => {
    const s = run.current;
    const b = s.busy;
    if (b === null || b.id !== r.id) return;
    s.busy = null;
    if (s.alive) setDone((cur) => new Map(cur).set(b.key, { req: b.req, result: r.ok ? r.result : null, error: r.ok ? null : r.error }));
    pump.current();
  };

  // The worker starts with the first request (the fan is off by default) and ends with the page.
  const wanted = reqs !== null && reqs.length > 0;
  const wantedRef = useRef(wanted);
  wantedRef.current = wanted;
  useEffect(() => {
    if (!wanted) return;
    const s = run.current;
    s.alive = true;
    let w: Worker | null = null;
    try {
      w = new Worker(new URL('../scenarios/fan-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      w = null;
    }
    s.worker = w;
    if (w !== null) {
      w.onmessage = (e: MessageEvent<FanReply>) => onReply.current(e.data);
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        w?.terminate();
        s.worker = null;
        setWhere('main thread');
        // The job in flight is lost with the worker: run it again here.
        const b = s.busy;
        s.busy = null;
        if (b !== null) s.waiting.unshift({ key: b.key, req: b.req });
        pump.current();
      };
    } else setWhere('main thread');
    pump.current();
    return () => {
      s.alive = false;
      w?.terminate();
      s.worker = null;
      s.busy = null;
      s.waiting = [];
    };
  }, [wanted]);

  useEffect(() => {
    const s = run.current;
    const pending = (reqs ?? []).filter((q) => done.get(q.key)?.req !== q.req && s.busy?.req !== q.req);
    s.waiting = pending;
    // With no worker (none could start) pump runs the job on this thread, after the current event.
    if (wantedRef.current) pump.current();
    // `done` is read, not a trigger: an answer must not re-post the others.
  }, [reqs]);

  // Memoized on the requests and answers, so the charts are rebuilt only when a fan arrives.
  return useMemo(() => {
    const results = new Map<string, FanResult>();
    const errors: string[] = [];
    let pending = 0;
    for (const q of reqs ?? []) {
      const d = done.get(q.key);
      if (d === undefined || d.req !== q.req) pending++;
      else if (d.result !== null) results.set(q.key, d.result);
      else if (d.error !== null) errors.push(`${q.key}: ${d.error}`);
    }
    return { results, pending, errors, where };
  }, [reqs, done, where]);
}
