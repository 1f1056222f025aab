/**
 * The app's UI state (design.md §8, "UI state is data"): one store above the views, so switching view
 * keeps what each view holds, and written to the data folder's settings table (`ui:set`) a moment
 * after the last change, so a restart restores it. Views subscribe to their own key only: a slider
 * tick in the lab re-renders the lab, nothing else.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { UI_KEYS, type UiKey, type UiValues } from '../../shared/model/ui-state.js';
import { api } from '../api/client.js';

type Values = { -readonly [K in UiKey]?: UiValues[K] };

/** Long enough to coalesce a slider drag or typing into one write, short enough that little is at risk. */
export const UI_SAVE_DELAY_MS = 400;

let values: Values = {};
const listeners = new Map<UiKey, Set<() => void>>();
const dirty = new Set<UiKey>();
let timer: ReturnType<typeof setTimeout> | null = null;
let inFlight = 0;
let reportError: (message: string) => void = () => undefined;

/** Marks the page for tests and the curious: "pending" while a change is not yet in the store. */
function mark(): void {
  const v = dirty.size > 0 || inFlight > 0 ? 'pending' : 'saved';
  // Only on a change: a slider drag calls this on every tick.
  if (document.body.dataset['uiState'] !== v) document.body.dataset['uiState'] = v;
}

function put<K extends UiKey>(k: K, v: UiValues[K]): void {
  values = { ...values, [k]: v };
  dirty.add(k);
  for (const l of listeners.get(k) ?? []) l();
  schedule();
}

function schedule(): void {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => void flushUi(), UI_SAVE_DELAY_MS);
  mark();
}

/** Reads the stored state once at start; a store that cannot answer leaves every view at its defaults. */
export async function loadUiState(onError: (message: string) => void): Promise<void> {
  reportError = onError;
  try {
    const v = await api('ui:get', {});
    const next: Values = {};
    for (const k of UI_KEYS) copy(v, next, k);
    values = next;
  } catch (e) {
    onError(`the saved view state could not be read (${e instanceof Error ? e.message : String(e)}); starting from defaults`);
  }
  // The page may close at any time: what is still waiting is sent with the page's last request.
  window.addEventListener('pagehide', () => void flushUi(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushUi(true);
  });
  mark();
}

function copy<K extends UiKey>(from: Values, to: Values, k: K): void {
  const v = from[k];
  if (v !== undefined) to[k] = v;
}

/** Writes every changed key now (one request); `keepalive` lets it outlive a closing page. */
export async function flushUi(keepalive = false): Promise<void> {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (dirty.size === 0) return;
  const patch: Values = {};
  for (const k of dirty) copy(values, patch, k);
  const keys = [...dirty];
  dirty.clear();
  inFlight++;
  mark();
  try {
    await api('ui:set', { values: patch }, { keepalive });
  } catch (e) {
    // Kept for the next change's write; said once on the status line.
    for (const k of keys) dirty.add(k);
    reportError(`the view state was not saved: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    inFlight--;
    mark();
  }
}

export function getUi<K extends UiKey>(k: K): UiValues[K] | undefined {
  return values[k];
}

export function setUi<K extends UiKey>(k: K, v: UiValues[K]): void {
  if (values[k] !== v) put(k, v);
}

/** From the current value (not a render's copy): handlers of memoised controls stay correct. */
export function updateUi<K extends UiKey>(k: K, f: (cur: UiValues[K] | undefined) => UiValues[K]): void {
  setUi(k, f(values[k]));
}

function subscribe(k: UiKey, l: () => void): () => void {
  const set = listeners.get(k) ?? new Set<() => void>();
  listeners.set(k, set);
  set.add(l);
  return () => set.delete(l);
}

/** One key of the UI state, `undefined` until the user (or a default) sets it. */
export function useUi<K extends UiKey>(k: K): UiValues[K] | undefined {
  const sub = useCallback((l: () => void) => subscribe(k, l), [k]);
  return useSyncExternalStore(sub, () => values[k]);
}
