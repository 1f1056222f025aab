/**
 * A value that follows a fast-changing one at most every `everyMs`, always ending on the latest:
 * for the parts of a view that are read, not watched, while a slider is dragged (the lab's tables and
 * its solve box). A change after a quiet spell shows at once; changes while it is moving are merged
 * into one update per interval. Updates are transitions, so they never lengthen the tick that caused them.
 *
 * Why not `useDeferredValue` alone: it re-renders after every tick, so each frame of a drag laid the
 * page out and painted it twice (the table cells move with every tick), and on a two-core machine the
 * drag dropped frames (issue 12's frame goal).
 */
import { startTransition, useEffect, useRef, useState } from 'react';

export function useTrailing<T>(value: T, everyMs: number): T {
  const [shown, setShown] = useState(value);
  // When the value shown last changed (performance.now(), ms).
  const last = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (Object.is(value, shown)) return undefined;
    const apply = (): void => {
      last.current = performance.now();
      startTransition(() => setShown(value));
    };
    const wait = last.current + everyMs - performance.now();
    if (wait <= 0) {
      apply();
      return undefined;
    }
    // A newer value before the deadline replaces this one (the cleanup) and keeps the same deadline.
    const t = setTimeout(apply, wait);
    return () => clearTimeout(t);
  }, [value, shown, everyMs]);
  return shown;
}

/** How often the lab's tables and solve box follow a drag (ms): about eight updates a second. */
export const READOUT_EVERY_MS = 120;
