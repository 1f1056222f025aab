/**
 * PNG export at 2× pixel ratio: an offscreen copy of the chart drawn with every size doubled, then a
 * page with the title, legend (colour + id + unit), axis unit and a provenance footer.
 */
import uPlot from 'uplot';
import type { ChartSpec } from './chart-spec.js';
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

/** Composes one or more charts into a single PNG page. */
export async function chartsToPng(title: string, specs: readonly ChartSpec[], cssWidth: number, range: { min: number; max: number } | null, extraFooter: readonly string[] = []): Promise<Blob> {
  const r = EXPORT_PX_RATIO;
  const theme = readTheme();
  const chartH = specs.length > 1 ? 220 : 320;
  const canvases = await drawChartCanvases(specs, cssWidth, chartH, range);
  const measure = document.createElement('canvas').getContext('2d');
  if (measure) measure.font = `${10.5 * r}px system-ui, sans-serif`;
  const wrap = (line: string): string[] => {
    if (!measure) return [line];
    const out: string[] = [];
    let cur = '';
    for (const word of line.split(' ')) {
      const next = cur === '' ? word : `${cur} ${word}`;
      if (measure.measureText(next).width > (cssWidth - 28) * r && cur !== '') {
        out.push(cur);
        cur = word;
      } else cur = next;
    }
    if (cur !== '') out.push(cur);
    return out;
  };
  const footerLines = [...new Set([...specs.flatMap((s) => s.footer), ...extraFooter])].flatMap(wrap);
  const blockHeader = 44 * r;
  const W = cssWidth * r;
  const H = 46 * r + canvases.reduce((a, c) => a + c.height + blockHeader, 0) + (footerLines.length * 15 + 16) * r;
  const page = document.createElement('canvas');
  page.width = W;
  page.height = H;
  const ctx = page.getContext('2d');
  if (ctx === null) throw new Error('canvas 2D context unavailable');
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = theme.fg;
  ctx.font = `600 ${17 * r}px system-ui, sans-serif`;
  ctx.fillText(title, 14 * r, 28 * r);
  let y = 46 * r;
  specs.forEach((spec, i) => {
    ctx.fillStyle = theme.fg;
    ctx.font = `600 ${13 * r}px system-ui, sans-serif`;
    ctx.fillText(`${spec.title}  (${spec.unitLabel})`, 14 * r, y + 16 * r);
    // Legend: colour swatch, label.
    let x = 14 * r;
    ctx.font = `${11 * r}px system-ui, sans-serif`;
    for (const s of spec.series) {
      if (s.style === 'band-edge') continue;
      ctx.fillStyle = s.color;
      ctx.fillRect(x, y + 27 * r, 14 * r, 4 * r);
      ctx.fillStyle = theme.fg;
      const label = `${s.label} [${UNIT_TEXT[s.unit] ?? s.unit}]`;
      ctx.fillText(label, x + 18 * r, y + 33 * r);
      x += ctx.measureText(label).width + 34 * r;
    }
    const c = canvases[i];
    if (c) {
      ctx.drawImage(c, 0, y + blockHeader);
      y += blockHeader + c.height;
    }
  });
  ctx.fillStyle = theme.muted;
  ctx.font = `${10.5 * r}px system-ui, sans-serif`;
  y += 14 * r;
  for (const line of footerLines) {
    ctx.fillText(line, 14 * r, y);
    y += 15 * r;
  }
  return new Promise((resolve, reject) => page.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
