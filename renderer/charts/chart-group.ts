/**
 * Links charts: one cursor (uPlot's sync key) and one x range. Zooming or choosing a range preset
 * on any chart sets the same range on all the others.
 */
import type uPlot from 'uplot';

export class ChartGroup {
  readonly key: string;
  private readonly charts = new Set<uPlot>();
  private range: { min: number; max: number } | null = null;
  private propagating = false;
  private readonly listeners = new Set<(r: { min: number; max: number } | null) => void>();

  constructor(key: string) {
    this.key = key;
  }

  add(u: uPlot): void {
    this.charts.add(u);
    if (this.range) u.setScale('x', this.range);
  }

  remove(u: uPlot): void {
    this.charts.delete(u);
  }

  /** Runs `fn` (chart creation, setData) without treating its automatic rescaling as a user zoom. */
  quiet(fn: () => void): void {
    const was = this.propagating;
    this.propagating = true;
    try {
      fn();
    } finally {
      this.propagating = was;
    }
  }

  /** Called from a chart's setScale hook. */
  onScale(src: uPlot): void {
    // A chart's first commit (status 0) autoscales to its own data: that is not a user zoom, and
    // propagating it would redraw every other chart once per chart created.
    if (this.propagating || src.status === 0) return;
    const min = src.scales['x']?.min;
    const max = src.scales['x']?.max;
    if (min === undefined || max === undefined || min === null || max === null) return;
    this.setRange({ min, max }, src);
  }

  setRange(r: { min: number; max: number } | null, except?: uPlot): void {
    this.range = r;
    this.propagating = true;
    try {
      for (const u of this.charts) {
        if (u === except) continue;
        if (r) u.setScale('x', r);
        else {
          const xs = u.data[0];
          if (xs && xs.length > 0) u.setScale('x', { min: xs[0] ?? 0, max: xs[xs.length - 1] ?? 0 });
        }
      }
    } finally {
      this.propagating = false;
    }
    for (const l of this.listeners) l(r);
  }

  currentRange(): { min: number; max: number } | null {
    return this.range;
  }

  subscribe(l: (r: { min: number; max: number } | null) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  size(): number {
    return this.charts.size;
  }
}
