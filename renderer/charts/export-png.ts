/**
 * PNG export at 2× pixel ratio: an offscreen copy of the chart drawn with every size doubled, then a
 * page with the title, legend (colour + id + unit), axis unit and a provenance footer.
 */
import uPlot from 'uplot';
import { UNIT_TEXT, type ChartSpec } from './chart-spec.js';
import { themed } from './palette.js';
import { buildOptions, drawData, readTheme } from './uplot-options.js';

export const EXPORT_PX_RATIO = 2;

/** Creates the offscreen charts together; uPlot draws each in a queued microtask, awaited once for all. */
async function drawChartCanvases(specs: readonly ChartSpec[], cssWidth: number, cssHeight: number, range: { min: number; max: number } | null): Promise<HTMLCanvasElement[]> {
  const dpr = window.devicePixelRatio || 1;
  const scale = EXPORT_PX_RATIO / dpr;
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;left:-100000px;top:0;';
  document.body.appendChild(host);
  const theme = readTheme();
  const plots = specs.map((spec) => {
    // Decimated to the exported pixel width: the image is the same, the draw is far cheaper.
    const u = new uPlot(buildOptions(spec, { width: Math.round(cssWidth * scale), height: Math.round(cssHeight * scale), scale, theme }), drawData(spec, cssWidth * EXPORT_PX_RATIO, range).data, host);
    if (range) u.setScale('x', range);
    return u;
  });
  await new Promise<void>((r) => queueMicrotask(r));
  const out = plots.map((u) => {
    const c = u.ctx.canvas;
    // Detach the drawn canvas instead of copying its pixels.
    c.remove();
    return c;
  });
  plots.forEach((u) => u.destroy());
  host.remove();
  return out;
}

interface LegendItem {
  readonly color: string;
  readonly text: string;
  readonly x: number;
  readonly line: number;
}

/** Legend entries laid out left to right, wrapping within `width` device pixels. */
function legendLayout(ctx: CanvasRenderingContext2D, spec: ChartSpec, width: number, r: number): { items: LegendItem[]; lines: number } {
  const items: LegendItem[] = [];
  let x = 0;
  let line = 0;
  for (const s of spec.series) {
    if (s.style === 'band-edge') continue;
    const text = `${s.label} [${UNIT_TEXT[s.unit] ?? s.unit}]`;
    const w = 18 * r + ctx.measureText(text).width;
    if (x > 0 && x + w > width) {
      x = 0;
      line++;
    }
    items.push({ color: s.color, text, x, line });
    x += w + 16 * r;
  }
  return { items, lines: items.length === 0 ? 0 : line + 1 };
}

/** A Monitor tile as the PNG draws it. */
export interface PngTile {
  readonly label: string;
  readonly value: string;
  readonly change: string;
  readonly meta: string;
  /** 'ok' | 'watch' | 'alert': the tile's left border, as on screen. */
  readonly level: string;
}

export interface PageExtras {
  /** A line under the title (the Monitor's as-of line). */
  readonly subtitle?: string;
  /** A row of tiles under the title (wraps to rows of at most eight). */
  readonly tiles?: readonly PngTile[];
}

/** A tile's height in the PNG (css px): label, value, up to three lines of change, the flag line. */
const TILE_H = 100;

/** Words laid into at most `max` lines of `width` px; with a finite `max`, the last keeps what is left, fitted with "…". */
function wrapWords(ctx: CanvasRenderingContext2D, text: string, width: number, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    const next = cur === '' ? w : `${cur} ${w}`;
    if (ctx.measureText(next).width > width && cur !== '' && out.length < max - 1) {
      out.push(cur);
      cur = w;
    } else cur = next;
  }
  if (cur !== '') {
    let last = cur;
    if (Number.isFinite(max) && ctx.measureText(last).width > width) {
      while (last.length > 1 && ctx.measureText(`${last}…`).width > width) last = last.slice(0, -1);
      last = `${last}…`;
    }
    out.push(last);
  }
  return out;
}

const LEVEL_COLOR: Readonly<Record<string, string>> = { ok: '#2e7d32', watch: '#945800', alert: '#c0392b' };

/** Draws the tiles row(s) from `y` (device px); returns the height used. */
/** Eight tiles a row on a page as wide as a 1600 px window's Monitor, four otherwise (as on screen). */
const tilesPerRow = (n: number, cssWidth: number): number => Math.max(1, Math.min(n, cssWidth >= 1400 ? 8 : 4));

function drawTiles(ctx: CanvasRenderingContext2D, tiles: readonly PngTile[], perRow: number, x0: number, y: number, width: number, r: number, theme: ReturnType<typeof readTheme>): number {
  if (tiles.length === 0) return 0;
  const gap = 6 * r;
  const w = (width - (perRow - 1) * gap) / perRow;
  const h = TILE_H * r;
  const fit = (t: string, max: number): string => {
    if (ctx.measureText(t).width <= max) return t;
    let s = t;
    while (s.length > 1 && ctx.measureText(`${s}…`).width > max) s = s.slice(0, -1);
    return `${s}…`;
  };
  tiles.forEach((t, i) => {
    const x = x0 + (i % perRow) * (w + gap);
    const ty = y + Math.floor(i / perRow) * (h + gap);
    ctx.strokeStyle = theme.grid;
    ctx.lineWidth = r;
    ctx.strokeRect(x, ty, w, h);
    ctx.fillStyle = LEVEL_COLOR[t.level] ?? theme.muted;
    ctx.fillRect(x, ty, 4 * r, h);
    const tx = x + 10 * r;
    const tw = w - 14 * r;
    ctx.fillStyle = theme.muted;
    ctx.font = `${10.5 * r}px system-ui, sans-serif`;
    ctx.fillText(fit(t.label, tw), tx, ty + 14 * r);
    ctx.fillStyle = theme.fg;
    ctx.font = `600 ${17 * r}px system-ui, sans-serif`;
    ctx.fillText(fit(t.value, tw), tx, ty + 35 * r);
    ctx.fillStyle = theme.muted;
    ctx.font = `${10 * r}px system-ui, sans-serif`;
    // The change line wraps to three lines (the EFFR tile's sentence), as on screen; never cut mid-number.
    const lines = wrapWords(ctx, t.change, tw, 3);
    lines.forEach((l, k) => ctx.fillText(l, tx, ty + (50 + 12 * k) * r));
    ctx.fillText(fit(t.meta, tw), tx, ty + (50 + 12 * Math.max(1, lines.length)) * r + 1 * r);
  });
  const rows = Math.ceil(tiles.length / perRow);
  return rows * h + (rows - 1) * gap + 10 * r;
}

/**
 * Composes charts into one PNG page: a title, then the charts in `columns` columns (as the Monitor
 * shows them on screen), each with its title, a wrapped legend (colour, label, unit) and the chart
 * drawn at 2×, then the deduplicated provenance footer. Two columns also halve the pixels to draw,
 * compose and encode. A null title exports one chart under its own title (with its unit), said once.
 */
export async function chartsToPng(title: string | null, specs: readonly ChartSpec[], cssWidth: number, range: { min: number; max: number } | null, extraFooter: readonly string[] = [], columns = 1, extras: PageExtras = {}): Promise<Blob> {
  const r = EXPORT_PX_RATIO;
  const theme = readTheme();
  const cols = Math.max(1, Math.min(columns, specs.length));
  const margin = 14;
  const gap = 16;
  const colCss = Math.floor((cssWidth - 2 * margin - (cols - 1) * gap) / cols);
  const chartH = specs.length > 1 ? 220 : 320;
  const canvases = await drawChartCanvases(specs, colCss, chartH, range);
  const measure = document.createElement('canvas').getContext('2d');
  if (measure === null) throw new Error('canvas 2D context unavailable');
  measure.font = `${10.5 * r}px system-ui, sans-serif`;
  const wrap = (line: string, font = `${10.5 * r}px system-ui, sans-serif`): string[] => {
    measure.font = font;
    return wrapWords(measure, line, (cssWidth - 2 * margin) * r, Number.POSITIVE_INFINITY);
  };
  const footerLines = [...new Set([...specs.flatMap((sp) => sp.footer), ...extraFooter])].flatMap((l) => wrap(l));
  const titleFont = `600 ${17 * r}px system-ui, sans-serif`;
  const blockTitles = title !== null;
  const titleLines = wrap(title ?? specs.map((sp) => `${sp.title}  (${sp.unitLabel})`).join('; '), titleFont);
  measure.font = `${11 * r}px system-ui, sans-serif`;
  const legends = specs.map((sp) => legendLayout(measure, sp, colCss * r, r));
  // Rows: the header height is the tallest legend in the row, so charts in a row line up.
  const rows: { y: number; header: number; height: number }[] = [];
  const subtitleLines = extras.subtitle ? wrap(extras.subtitle, `${11.5 * r}px system-ui, sans-serif`) : [];
  const tilesTop = (24 + 22 * titleLines.length + 16 * subtitleLines.length) * r;
  const tileRows = extras.tiles && extras.tiles.length > 0 ? Math.ceil(extras.tiles.length / tilesPerRow(extras.tiles.length, cssWidth)) : 0;
  const tilesHeight = tileRows === 0 ? 0 : tileRows * TILE_H * r + (tileRows - 1) * 6 * r + 10 * r;
  let y = tilesTop + tilesHeight;
  for (let i = 0; i < specs.length; i += cols) {
    const inRow = legends.slice(i, i + cols);
    const header = ((blockTitles ? 24 : 4) + 16 * Math.max(1, ...inRow.map((l) => l.lines)) + 4) * r;
    const height = header + Math.max(...canvases.slice(i, i + cols).map((c) => c.height));
    rows.push({ y, header, height });
    y += height + 8 * r;
  }
  const W = cssWidth * r;
  const H = y + (footerLines.length * 15 + 16) * r;
  const page = document.createElement('canvas');
  page.width = W;
  page.height = H;
  const ctx = page.getContext('2d');
  if (ctx === null) throw new Error('canvas 2D context unavailable');
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = theme.fg;
  ctx.font = titleFont;
  titleLines.forEach((line, k) => ctx.fillText(line, margin * r, (28 + 22 * k) * r));
  ctx.fillStyle = theme.muted;
  ctx.font = `${11.5 * r}px system-ui, sans-serif`;
  subtitleLines.forEach((line, k) => ctx.fillText(line, margin * r, (24 + 22 * titleLines.length + 16 * k) * r));
  if (extras.tiles) drawTiles(ctx, extras.tiles, tilesPerRow(extras.tiles.length, cssWidth), margin * r, tilesTop, (cssWidth - 2 * margin) * r, r, theme);
  specs.forEach((spec, i) => {
    const row = rows[Math.floor(i / cols)];
    if (row === undefined) return;
    const x0 = (margin + (i % cols) * (colCss + gap)) * r;
    ctx.fillStyle = theme.fg;
    if (blockTitles) {
      ctx.font = `600 ${13 * r}px system-ui, sans-serif`;
      ctx.fillText(`${spec.title}  (${spec.unitLabel})`, x0, row.y + 16 * r, colCss * r);
    }
    ctx.font = `${11 * r}px system-ui, sans-serif`;
    for (const it of legends[i]?.items ?? []) {
      const ly = row.y + ((blockTitles ? 27 : 7) + 16 * it.line) * r;
      ctx.fillStyle = themed(it.color, theme.fg);
      ctx.fillRect(x0 + it.x, ly, 14 * r, 4 * r);
      ctx.fillStyle = theme.fg;
      ctx.fillText(it.text, x0 + it.x + 18 * r, ly + 6 * r);
    }
    const c = canvases[i];
    if (c) ctx.drawImage(c, x0, row.y + row.header);
  });
  ctx.fillStyle = theme.muted;
  ctx.font = `${10.5 * r}px system-ui, sans-serif`;
  let fy = y + 6 * r;
  for (const line of footerLines) {
    ctx.fillText(line, margin * r, fy);
    fy += 15 * r;
  }
  return new Promise((resolve, reject) => page.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
