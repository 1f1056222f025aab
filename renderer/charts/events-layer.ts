/**
 * Event markers on every time chart (issue 13 §6): the sourced events, the FOMC's range changes read
 * from the stored range and the user's annotations, drawn when the "Events" toggle is on. One list for
 * the whole window, kept here; charts redraw when it changes, and PNG exports draw what the screen shows.
 */
import type uPlot from 'uplot';
import type { ChartEvent, EventKind } from '../../shared/model/events.js';

interface EventsState {
  readonly enabled: boolean;
  readonly events: readonly ChartEvent[];
}

let state: EventsState = { enabled: false, events: [] };
let version = 0;
const listeners = new Set<() => void>();

export function setChartEvents(patch: Partial<EventsState>): void {
  state = { ...state, ...patch };
  version++;
  for (const l of listeners) l();
}

export const chartEvents = (): EventsState => state;
export const eventsVersion = (): number => version;
export function subscribeEvents(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Colours per kind (Okabe–Ito, as the series palette), readable on both themes. */
const KIND_COLOR: Readonly<Record<EventKind, string>> = {
  fomc: '#0072b2',
  balance_sheet: '#d55e00',
  repo: '#009e73',
  debt_limit: '#cc79a7',
  recession: '#888888',
  annotation: '#e69f00',
};

const DAY = 86_400;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000;

/**
 * Spans (recessions, debt-limit episodes) shaded behind the data; one-day events as thin lines with
 * their label at the top when there is room beside the previous label (FOMC changes are lines only
 * unless the window is short enough for their labels).
 */
export function eventsPlugin(theme: { readonly fg: string; readonly bg: string }, scale: number): uPlot.Plugin {
  return {
    hooks: {
      drawClear: [
        (u: uPlot) => {
          if (!state.enabled) return;
          const { left, top, width, height } = u.bbox;
          const ctx = u.ctx;
          ctx.save();
          for (const e of state.events) {
            if (e.end === undefined) continue;
            const x0 = Math.max(left, u.valToPos(dayOf(e.date), 'x', true));
            const x1 = Math.min(left + width, u.valToPos(dayOf(e.end) + DAY, 'x', true));
            if (!(x1 > x0)) continue;
            ctx.fillStyle = KIND_COLOR[e.kind];
            ctx.globalAlpha = e.kind === 'recession' ? 0.16 : 0.09;
            ctx.fillRect(x0, top, x1 - x0, height);
          }
          ctx.restore();
        },
      ],
      draw: [
        (u: uPlot) => {
          if (!state.enabled) return;
          const { left, top, width, height } = u.bbox;
          const ctx = u.ctx;
          ctx.save();
          ctx.font = `${10 * scale}px system-ui, sans-serif`;
          // uPlot leaves its own alignment on the shared context (axis labels are right-aligned).
          ctx.textAlign = 'left';
          ctx.textBaseline = 'top';
          const shown: { e: ChartEvent; x: number }[] = [];
          for (const e of state.events) {
            const x = u.valToPos(dayOf(e.date), 'x', true);
            if (!Number.isFinite(x) || x < left || x > left + width) continue;
            shown.push({ e, x });
            // FOMC changes are many (30 since 2015): fainter lines, so the other events stand out.
            ctx.strokeStyle = KIND_COLOR[e.kind];
            ctx.globalAlpha = e.kind === 'fomc' ? 0.35 : 0.8;
            ctx.lineWidth = scale;
            ctx.setLineDash(e.kind === 'annotation' ? [2 * scale, 2 * scale] : []);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
          }
          // Labels in two rows, the user's annotations first, then the sourced events, FOMC changes last:
          // a label goes where it overlaps no other, or is left out (its line stays; the Events panel
          // in Analysis lists every event).
          const taken: [number, number][][] = [[], []];
          const rank = (k: EventKind): number => (k === 'annotation' ? 0 : k === 'fomc' ? 2 : 1);
          for (const { e, x } of [...shown].sort((a, b) => rank(a.e.kind) - rank(b.e.kind))) {
            // A long annotation is cut on the chart (the Events panel shows it whole).
            const text = e.label.length > 48 ? `${e.label.slice(0, 47)}…` : e.label;
            const w = ctx.measureText(text).width;
            const x0 = x + 2 * scale;
            const x1 = x + 5 * scale + w;
            if (x1 > left + width) continue;
            const row = taken.findIndex((r) => r.every(([a, b]) => x1 + 3 * scale < a || x0 > b + 3 * scale));
            if (row < 0) continue;
            taken[row]?.push([x0, x1]);
            const y = top + 2 * scale + row * 12 * scale;
            ctx.globalAlpha = 0.85;
            ctx.fillStyle = theme.bg;
            ctx.fillRect(x0, y - scale, w + 2 * scale, 12 * scale);
            ctx.globalAlpha = 1;
            ctx.fillStyle = theme.fg;
            ctx.fillText(text, x + 3 * scale, y);
          }
          ctx.restore();
        },
      ],
    },
  };
}
