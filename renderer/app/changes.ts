/**
 * Change counters for data several views show (the saved scenarios, the saved layouts, the catalog:
 * a series added or removed, or new observations synced or imported). A view lists
 * the counter among its loader's dependencies; whoever changes the data (a save, a delete, its Undo
 * from a toast that outlives the view) bumps it, and every mounted list reloads.
 */
import { useCallback, useSyncExternalStore } from 'react';

export type Topic = 'scenarios' | 'layouts' | 'catalog';
const counts: Record<Topic, number> = { scenarios: 0, layouts: 0, catalog: 0 };
const listeners = new Set<() => void>();

export function bump(t: Topic): void {
  counts[t]++;
  for (const l of listeners) l();
}

export function useVersion(t: Topic): number {
  const sub = useCallback((l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return useSyncExternalStore(sub, () => counts[t]);
}
