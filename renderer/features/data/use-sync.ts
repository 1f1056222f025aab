/**
 * The Data view's sync: start (all series, or the ids given), poll until done, cancel. It picks up a
 * sync already running (started from the banner) when the view opens.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatusDto } from '../../../shared/ipc/contract.js';
import { api } from '../../api/client.js';
import { syncOutcome } from './sync-words.js';
import type { ViewMessageState } from './ViewMessage.js';

const POLL_MS = 250;

export interface SyncHandle {
  readonly sync: SyncStatusDto | null;
  readonly message: ViewMessageState | null;
  start(ids?: readonly string[], label?: string): Promise<void>;
  cancel(): Promise<void>;
}

export function useSync(onDone: (s: SyncStatusDto) => void, onStatus: (m: string) => void): SyncHandle {
  const [sync, setSync] = useState<SyncStatusDto | null>(null);
  const [message, setMessage] = useState<ViewMessageState | null>(null);
  const timer = useRef<number | null>(null);
  const live = useRef(true);
  const done = useRef(onDone);
  done.current = onDone;
  const status = useRef(onStatus);
  status.current = onStatus;

  const poll = useCallback((announce: boolean): void => {
    void api('sync:status', {}).then(
      (s) => {
        if (!live.current) return;
        setSync(s);
        if (s.running) {
          timer.current = window.setTimeout(() => poll(true), POLL_MS);
          return;
        }
        if (s.lastRun) {
          // Opening the view shows how the last run went; only a run seen finishing here is announced.
          const m = syncOutcome(s.lastRun);
          setMessage(m);
          if (announce) {
            status.current(m.text);
            done.current(s);
          }
        }
      },
      (e: unknown) => live.current && setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) }),
    );
  }, []);

  useEffect(() => {
    live.current = true;
    // A sync started elsewhere (the banner's Sync now) shows here while it runs.
    poll(false);
    return () => {
      live.current = false;
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, [poll]);

  const start = useCallback(
    async (ids?: readonly string[], label?: string): Promise<void> => {
      // The previous run's message and error list go at once: they belong to that run.
      setMessage({ kind: 'info', text: label ?? 'Syncing…' });
      try {
        const s = await api('sync:start', ids && ids.length > 0 ? { ids } : {});
        setSync(s);
        if (timer.current !== null) window.clearTimeout(timer.current);
        timer.current = null;
        poll(true);
      } catch (e) {
        const text = e instanceof Error ? e.message : String(e);
        setMessage({ kind: 'error', text });
        status.current(text);
      }
    },
    [poll],
  );
  const cancel = useCallback(async (): Promise<void> => {
    setSync(await api('sync:cancel', {}));
  }, []);
  return { sync, message, start, cancel };
}
