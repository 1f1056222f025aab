/** What a chart shows, independent of uPlot: built by views, drawn by TimeChart, exported to PNG/CSV. */
export type SeriesStyle = 'line' | 'step' | 'bars' | 'dash' | 'band-edge';

export interface ChartSeries {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
  readonly style?: SeriesStyle;
  readonly width?: number;
  /** How the stored value was derived from the published one (shown on hover and in exports). */
  readonly conversion?: string;
}

export interface ChartBand {
  readonly upper: string;
  readonly lower: string;
  readonly fill: string;
}

export interface ChartSpec {
  readonly key: string;
  readonly title: string;
  /** Axis unit label, e.g. "$bn", "% per annum", "bp". */
  readonly unitLabel: string;
  /** Epoch days (UTC), ascending. */
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly bands?: readonly ChartBand[];
  readonly shadeCalendar?: boolean;
  /** Provenance footer lines: sources, last observation dates, scenario parameters. */
  readonly footer: readonly string[];
  /** A vertical line (e.g. the projection anchor), epoch day. */
  readonly marker?: { readonly day: number; readonly label: string };
}

/** Joins series given on their own dates onto the union of dates (null where a series has no value). */
export function joinOnDates(inputs: readonly { dates: readonly number[]; values: readonly number[] }[]): { x: number[]; columns: (number | null)[][] } {
  const all = new Set<number>();
  for (const s of inputs) for (const d of s.dates) all.add(d);
  const x = [...all].sort((a, b) => a - b);
  const pos = new Map(x.map((d, i) => [d, i]));
  const columns = inputs.map((s) => {
    const col: (number | null)[] = new Array<number | null>(x.length).fill(null);
    for (let i = 0; i < s.dates.length; i++) {
      const p = pos.get(s.dates[i] ?? 0);
      const v = s.values[i];
      if (p !== undefined && v !== undefined && Number.isFinite(v)) col[p] = v;
    }
    return col;
  });
  return { x, columns };
}

/** Carries each value forward to later dates (for step-like policy rates on a shared grid). */
export function fillForward(col: readonly (number | null)[], maxGap = Number.POSITIVE_INFINITY): (number | null)[] {
  const out: (number | null)[] = [];
  let last: number | null = null;
  let gap = 0;
  for (const v of col) {
    if (v !== null) {
      last = v;
      gap = 0;
    } else gap++;
    out.push(v ?? (gap <= maxGap ? last : null));
  }
  return out;
}

export function toCsv(spec: ChartSpec): string {
  const head = ['date', ...spec.series.map((s) => `${s.id} (${s.unit})`)];
  const lines = [head.join(',')];
  for (let i = 0; i < spec.x.length; i++) {
    const row = spec.series.map((s) => {
      const v = s.values[i];
      return v === null || v === undefined || !Number.isFinite(v) ? '' : String(Math.round(v * 1e9) / 1e9);
    });
    if (row.every((c) => c === '')) continue;
    lines.push([new Date((spec.x[i] ?? 0) * 86_400_000).toISOString().slice(0, 10), ...row].join(','));
  }
  return `${lines.join('\n')}\n`;
}
