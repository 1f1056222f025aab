/**
 * Shaded ranges between two series (the lab's uncertainty fan, the Monitor's SOFR percentiles, the
 * fans in Compare) drawn as plain filled polygons, with the thin lines at their edges, under the
 * chart's other series.
 *
 * Why not uPlot's own bands: uPlot fills a band by filling each upper edge down to the axis and
 * clipping it with a path built from the lower edge, plus a gap clip per series; for the lab's fan
 * (two bands and four edges on three charts) that came to 21 more clip paths and a copy of every
 * edge path per slider tick, about 2 ms of a tick whose budget is 8 ms (issue 14). A polygon per run
 * of points is one fill and needs no clip but the plot's rectangle.
 */
import uPlot from 'uplot';

export interface BandLayer {
  /** uPlot series indices of the two edges. */
  readonly upper: number;
  readonly lower: number;
  readonly fill: string;
  /** Either edge is a step line (a policy range): each value holds until the next point, as the line does. */
  readonly step: boolean;
}

export interface EdgeLine {
  readonly series: number;
  readonly stroke: string;
  /** CSS pixels at the chart's scale (uPlot's series widths), multiplied by the device pixel ratio when drawn. */
  readonly width: number;
  readonly alpha: number;
}

export interface BandsLayerOptions {
  readonly bands: readonly BandLayer[];
  /** Edge series drawn here instead of by uPlot (their uPlot series draw nothing). */
  readonly edges: readonly EdgeLine[];
  /** Per uPlot series index: points further apart than this (seconds of x) are not joined, as the lines' gaps. */
  readonly breakSeconds: (series: number) => number;
}

type Column = readonly (number | null | undefined)[];

/**
 * Index runs [from, to] over the window [i0, i1] (see outerWindow) of the points where every
 * column has a value, split where two such points are further apart than `limit` seconds. A missing
 * value between close points is bridged, as the chart's lines do (uplot-options.ts gapRefiner).
 */
export function bandRuns(xs: readonly number[], cols: readonly Column[], i0: number, i1: number, limit: number): [number, number][] {
  const out: [number, number][] = [];
  let from = -1;
  let prev = -1;
  for (let i = Math.max(0, i0); i <= Math.min(xs.length - 1, i1); i++) {
    if (!cols.every((c) => Number.isFinite(c[i] ?? Number.NaN))) continue;
    if (from >= 0 && (xs[i] ?? 0) - (xs[prev] ?? 0) > limit) {
      out.push([from, prev]);
      from = -1;
    }
    if (from < 0) from = i;
    prev = i;
  }
  if (from >= 0) out.push([from, prev]);
  return out;
}

/**
 * The visible window [i0, i1] widened on each side to the nearest point where every column has a
 * value, so a range runs to the plot's edge as its lines do (uPlot widens each line's window the same
 * way). Found: zoomed to days, a daily band stopped at the first weekday in view, because the
 * corridor chart's grid has weekend rows where only the policy rates have values.
 */
export function outerWindow(cols: readonly Column[], i0: number, i1: number, length: number): [number, number] {
  const has = (i: number): boolean => cols.every((c) => Number.isFinite(c[i] ?? Number.NaN));
  let a = Math.max(0, Math.min(i0, length - 1));
  let b = Math.min(length - 1, Math.max(i1, 0));
  while (a > 0 && !has(a)) a--;
  while (b < length - 1 && !has(b)) b++;
  return [a, b];
}

/**
 * Canvas position of a value on a scale: the linear case inline (this layer maps some 3,000 points a
 * tick for the lab's fan, and uPlot's valToPos per point was half its cost), anything else by uPlot.
 */
function mapper(u: uPlot, key: string, horizontal: boolean): (v: number) => number {
  const sc = u.scales[key];
  const { left, top, width, height } = u.bbox;
  if (sc === undefined || sc.distr !== 1 || sc.dir === -1 || sc.min == null || sc.max == null || sc.max === sc.min) return (v) => u.valToPos(v, key, true);
  const min = sc.min;
  const k = 1 / (sc.max - min);
  return horizontal ? (v) => left + width * (v - min) * k : (v) => top + height * (1 - (v - min) * k);
}

export function bandsPlugin(o: BandsLayerOptions): uPlot.Plugin {
  return {
    hooks: {
      // After the grid and axes, before the series: the ranges sit under every line.
      drawAxes: [
        (u: uPlot) => {
          const xs = u.data[0] as readonly number[];
          const [a, b] = u.series[0]?.idxs ?? [0, xs.length - 1];
          const i0 = Math.max(0, (a ?? 0) - 1);
          const i1 = Math.min(xs.length - 1, (b ?? xs.length - 1) + 1);
          const ctx = u.ctx;
          const { left, top, width, height } = u.bbox;
          const toX = mapper(u, 'x', true);
          // x positions on demand: each band and line reads the ones of its own (widened) window.
          const px = new Float64Array(xs.length).fill(Number.NaN);
          const xAt = (i: number): number => {
            let v = px[i] ?? Number.NaN;
            if (Number.isNaN(v)) v = px[i] = toX(xs[i] ?? 0);
            return v;
          };
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          for (const band of o.bands) {
            const hi = u.data[band.upper] as Column | undefined;
            const lo = u.data[band.lower] as Column | undefined;
            if (hi === undefined || lo === undefined || u.series[band.upper]?.show === false || u.series[band.lower]?.show === false) continue;
            const toY = mapper(u, u.series[band.upper]?.scale ?? 'y', false);
            ctx.fillStyle = band.fill;
            const [w0, w1] = outerWindow([hi, lo], i0, i1, xs.length);
            for (const [s, e] of bandRuns(xs, [hi, lo], w0, w1, Math.min(o.breakSeconds(band.upper), o.breakSeconds(band.lower)))) {
              // The points of the run with both edges (a missing one between close points is bridged).
              const at: number[] = [];
              for (let i = s; i <= e; i++) if (Number.isFinite(hi[i] ?? Number.NaN) && Number.isFinite(lo[i] ?? Number.NaN)) at.push(i);
              ctx.beginPath();
              at.forEach((i, k) => {
                const prev = at[k - 1];
                if (band.step && prev !== undefined) ctx.lineTo(xAt(i), toY(hi[prev] ?? 0));
                ctx.lineTo(xAt(i), toY(hi[i] ?? 0));
              });
              for (let k = at.length - 1; k >= 0; k--) {
                const i = at[k] ?? 0;
                const next = at[k + 1];
                if (band.step && next !== undefined) ctx.lineTo(xAt(next), toY(lo[i] ?? 0));
                ctx.lineTo(xAt(i), toY(lo[i] ?? 0));
              }
              ctx.closePath();
              ctx.fill();
            }
          }
          for (const edge of o.edges) {
            const col = u.data[edge.series] as Column | undefined;
            if (col === undefined || u.series[edge.series]?.show === false) continue;
            const toY = mapper(u, u.series[edge.series]?.scale ?? 'y', false);
            ctx.strokeStyle = edge.stroke;
            ctx.lineWidth = edge.width * uPlot.pxRatio;
            ctx.globalAlpha = edge.alpha;
            ctx.beginPath();
            const [w0, w1] = outerWindow([col], i0, i1, xs.length);
            for (const [s, e] of bandRuns(xs, [col], w0, w1, o.breakSeconds(edge.series))) {
              ctx.moveTo(xAt(s), toY(col[s] ?? 0));
              for (let i = s + 1; i <= e; i++) {
                const v = col[i];
                if (v !== null && v !== undefined && Number.isFinite(v)) ctx.lineTo(xAt(i), toY(v));
              }
            }
            ctx.stroke();
            ctx.globalAlpha = 1;
          }
          ctx.restore();
        },
      ],
    },
  };
}
