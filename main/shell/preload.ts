/**
 * Exposes exactly two functions to the renderer: invoke(channel, payload) over one IPC channel, and
 * onShellEvent(listener) for the native menu and files opened from the OS (issue 15 §3). Every shell
 * event is checked here (parseShellEvent) before the page sees it; events that arrive before the page
 * subscribes wait here, so a file double-clicked to launch the app is not lost while the page loads.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { parseShellEvent, SHELL_EVENT_CHANNEL, type ShellEvent } from '../../shared/ipc/shell-events.js';

let listener: ((e: ShellEvent) => void) | null = null;
const waiting: ShellEvent[] = [];

ipcRenderer.on(SHELL_EVENT_CHANNEL, (_event, raw: unknown) => {
  const e = parseShellEvent(raw);
  if (e === null) return;
  if (listener === null) waiting.push(e);
  else listener(e);
});

contextBridge.exposeInMainWorld('reservoir', {
  invoke: (channel: string, payload: unknown): Promise<unknown> => ipcRenderer.invoke('reservoir:invoke', channel, payload),
  onShellEvent: (fn: unknown): void => {
    // One subscriber (the page's App); a second call replaces it.
    if (typeof fn !== 'function') return;
    listener = (e) => (fn as (e: ShellEvent) => void)(e);
    for (const e of waiting.splice(0)) listener(e);
  },
});
