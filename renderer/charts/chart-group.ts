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
  private home: (() => { min: number; max: number } | null) | null = null;
  /**
   * The range is the charts' data extent because a double-click reset to it (no preset): it follows
   * the data until the next zoom or preset (found: after a reset, a shorter horizon or a later anchor
   * left the lab's charts showing the old horizon's empty years).
   */
  private followsData = false;

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
    // uPlot runs scale hooks in its commit, after setRange has returned: a chart reporting the range
    // it was just given is no zoom (and must not end a range that follows the data).
    if (this.range !== null && this.range.min === min && this.range.max === max) return;
    this.setRange({ min, max }, src);
  }

  setRange(r: { min: number; max: number } | null, except?: uPlot): void {
    this.followsData = false;
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

  /** What a double-click returns to: the view's active range preset (set by views with presets). */
  setHome(f: (() => { min: number; max: number } | null) | null): void {
    this.home = f;
  }

  /**
   * Double-click on any chart: the active preset's range, or else the union of every chart's data, so
   * all charts show the same window (found: it jumped to the clicked chart's own data range).
   */
  resetHome(): void {
    const home = this.home?.() ?? null;
    const r = home ?? this.dataExtent();
    if (r) this.setRange(r);
    this.followsData = home === null && r !== null;
  }

  /** After a chart's data changed: a range that follows the data moves to the new extent. */
  dataChanged(): void {
    if (!this.followsData) return;
    const r = this.dataExtent();
    if (r === null || (this.range !== null && r.min === this.range.min && r.max === this.range.max)) return;
    this.setRange(r);
    this.followsData = true;
  }

  /** The union of the linked charts' data ranges (uPlot x units). */
  dataExtent(): { min: number; max: number } | null {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const u of this.charts) {
      const xs = u.data[0];
      if (!xs || xs.length === 0) continue;
      min = Math.min(min, xs[0] ?? min);
      max = Math.max(max, xs[xs.length - 1] ?? max);
    }
    return Number.isFinite(min) && Number.isFinite(max) && max > min ? { min, max } : null;
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
