/**
 * Fills the charts' events layer: the sourced table, the target range's changes read from the stored
 * DFEDTARU/DFEDTARL, and the user's annotations from the data folder. The toggle is remembered in this
 * browser profile (a display preference, like the theme hint).
 */
import { api } from '../api/client.js';
import { EVENTS, rangeChangeEvents, type ChartEvent } from '../../shared/model/events.js';
import { isIsoDate } from '../../shared/time/iso-date.js';
import { chartEvents, setChartEvents } from '../charts/events-layer.js';
import type { AnnotationDto } from '../../shared/ipc/events-contract.js';

const TOGGLE = 'reservoir.events';
let rangeEvents: readonly ChartEvent[] = [];
let annotations: readonly ChartEvent[] = [];

const byDate = (a: ChartEvent, b: ChartEvent): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

function publish(): void {
  setChartEvents({ events: [...EVENTS, ...rangeEvents, ...annotations].sort(byDate) });
}

export const annotationEvent = (a: AnnotationDto): ChartEvent | null => (isIsoDate(a.date) ? { date: a.date, kind: 'annotation', label: a.text, source: `your annotation of ${a.createdAt.slice(0, 10)}` } : null);

export async function reloadAnnotations(): Promise<readonly AnnotationDto[]> {
  const list = await api('annotation:list', {});
  annotations = list.map(annotationEvent).filter((e): e is ChartEvent => e !== null);
  publish();
  return list;
}

let fetched: Promise<void> | null = null;

/** The stored range and the annotations, read once (again after an annotation changes: reloadAnnotations). */
function fetchOnce(): Promise<void> {
  fetched ??= (async () => {
    const [range] = await Promise.all([api('series:get', { ids: ['DFEDTARU', 'DFEDTARL'], from: '2008-12-16' }).catch(() => []), reloadAnnotations().catch(() => [])]);
    const upper = range.find((s) => s.id === 'DFEDTARU');
    const lower = range.find((s) => s.id === 'DFEDTARL');
    if (upper && lower) {
      const lowerByDay = new Map(lower.dates.map((d, i) => [d, lower.values[i] ?? null] as const));
      rangeEvents = rangeChangeEvents(upper.dates, upper.values, upper.dates.map((d) => lowerByDay.get(d) ?? null));
    }
    publish();
  })();
  return fetched;
}

/** The full list now (the Events panel asks on opening). */
export const ensureChartEvents = (): Promise<void> => fetchOnce();

/** At start: at once when the markers are on; otherwise a moment later, off the first window's path. */
export async function loadChartEvents(): Promise<void> {
  setChartEvents({ enabled: localStorage.getItem(TOGGLE) === 'on' });
  publish();
  if (chartEvents().enabled) await fetchOnce();
  else window.setTimeout(() => void fetchOnce(), 2_000);
}

export function toggleChartEvents(): boolean {
  const on = !chartEvents().enabled;
  localStorage.setItem(TOGGLE, on ? 'on' : 'off');
  setChartEvents({ enabled: on });
  if (on) void fetchOnce();
  return on;
}
