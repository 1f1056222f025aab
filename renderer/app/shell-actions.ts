/**
 * The desktop app's native menu and files opened from the OS, in the page (issue 15 §3). App.tsx
 * subscribes once to the preload's bridge, switches to the view that owns an action, and hands the
 * action to that view's handler (`useShellAction`); an action that arrives before its view has
 * mounted (a lazily loaded view, a scenario file that launched the app) waits for it for a while.
 * Each handler is the code the view's own button or shortcut runs. Browser mode has no bridge:
 * nothing here runs there.
 */
import { useEffect, useRef } from 'react';
import { parseShellEvent, type ShellEvent } from '../../shared/ipc/shell-events.js';
import type { ViewId } from '../../shared/model/ui-state.js';

type Action = ShellEvent['action'];
type Handler = (e: ShellEvent) => void;

const handlers = new Map<Action, Handler>();
const pending = new Map<Action, { readonly e: ShellEvent; readonly at: number }>();
/** A waiting action older than this is dropped rather than run by surprise later. */
const PENDING_MS = 30_000;

export function deliverShellEvent(e: ShellEvent): void {
  const h = handlers.get(e.action);
  if (h) h(e);
  else pending.set(e.action, { e, at: Date.now() });
}

/** Runs `handler` for `action` while the calling component is mounted (the latest handler each time). */
export function useShellAction(action: Action, handler: Handler): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const h: Handler = (e) => latest.current(e);
    handlers.set(action, h);
    const p = pending.get(action);
    pending.delete(action);
    if (p && Date.now() - p.at < PENDING_MS) h(p.e);
    return () => {
      if (handlers.get(action) === h) handlers.delete(action);
    };
  }, [action]);
}

/** Subscribes to the shell's events (checked again here: the page trusts nothing it did not validate). */
export function subscribeShellEvents(onEvent: (e: ShellEvent) => void): void {
  window.reservoir?.onShellEvent?.((raw) => {
    const e = parseShellEvent(raw);
    if (e !== null) onEvent(e);
  });
}

/** A file the shell read after its native dialog, as the File the view's own file chooser would give. */
export function shellFile(e: ShellEvent): File | null {
  return 'file' in e ? new File([e.file.bytes.slice()], e.file.name) : null;
}

/** The view whose code runs an action that is not the window's own (views, theme, help). */
export function shellActionView(action: Action): ViewId | null {
  switch (action) {
    case 'export-png':
    case 'export-csv':
      return 'monitor';
    case 'import-csv':
    case 'sync-now':
      return 'data';
    case 'import-scenario':
      return 'compare';
    default:
      return null;
  }
}
