/**
 * PNG export at 2× pixel ratio: an offscreen copy of the chart drawn with every size doubled, then a
 * page with the title, legend (colour + id + unit), axis unit and a provenance footer.
 */
import uPlot from 'uplot';
import type { ChartSpec } from './chart-spec.js';
import { themed } from './palette.js';
import { buildOptions, drawData, readTheme } from './uplot-options.js';

export const EXPORT_PX_RATIO = 2;

const UNIT_TEXT: Record<string, string> = { usd_bn: '$bn', usd_bn_saar: '$bn SAAR', percent: '%', bp: 'bp', ratio: 'ratio', number: 'number' };

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

/**
 * Composes charts into one PNG page: a title, then the charts in `columns` columns (as the Monitor
 * shows them on screen), each with its title, a wrapped legend (colour, label, unit) and the chart
 * drawn at 2×, then the deduplicated provenance footer. Two columns also halve the pixels to draw,
 * compose and encode. A null title exports one chart under its own title (with its unit), said once.
 */
export async function chartsToPng(title: string | null, specs: readonly ChartSpec[], cssWidth: number, range: { min: number; max: number } | null, extraFooter: readonly string[] = [], columns = 1): Promise<Blob> {
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
    const out: string[] = [];
    let cur = '';
    for (const word of line.split(' ')) {
      const next = cur === '' ? word : `${cur} ${word}`;
      if (measure.measureText(next).width > (cssWidth - 2 * margin) * r && cur !== '') {
        out.push(cur);
        cur = word;
      } else cur = next;
    }
    if (cur !== '') out.push(cur);
    return out;
  };
  const footerLines = [...new Set([...specs.flatMap((sp) => sp.footer), ...extraFooter])].flatMap((l) => wrap(l));
  const titleFont = `600 ${17 * r}px system-ui, sans-serif`;
  const blockTitles = title !== null;
  const titleLines = wrap(title ?? specs.map((sp) => `${sp.title}  (${sp.unitLabel})`).join('; '), titleFont);
  measure.font = `${11 * r}px system-ui, sans-serif`;
  const legends = specs.map((sp) => legendLayout(measure, sp, colCss * r, r));
  // Rows: the header height is the tallest legend in the row, so charts in a row line up.
  const rows: { y: number; header: number; height: number }[] = [];
  let y = (24 + 22 * titleLines.length) * r;
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
