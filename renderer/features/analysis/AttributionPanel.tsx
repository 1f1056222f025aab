/**
 * What moved reserves (issue 13 §2): each week's change in Wednesday-level reserve balances split by
 * the balance-sheet identity (shared/compute/attribution.ts, the numbers `npm run cli -- attribution`
 * prints). A stacked bar per week — supplying terms above zero, draining ones below — with the net
 * change as a line; hover names each component's series and dates; a click (or the week picker) shows
 * the week as a table. PNG and CSV of what is shown; the full history as a standard chart below.
 */
import { useMemo, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import { useAsync } from '../../app/use-async.js';
import { ChartGroup } from '../../charts/chart-group.js';
import { csvField, type ChartSpec } from '../../charts/chart-spec.js';
import { themed } from '../../charts/palette.js';
import { fileStamp, saveBlob } from '../../charts/save.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { moneyChangeSmall, moneyPrecise } from '../../format.js';
import { ATTRIBUTION_KEYS, type AttributionKey, type AttributionWeek } from '../../../shared/compute/attribution.js';
import type { AttributionDto } from '../../../shared/ipc/analysis-contract.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { AnalysisPanelProps } from './tabs.js';

/** Okabe–Ito, one colour per term (black = ink, drawn in the theme's text colour). */
const COLORS: Readonly<Record<AttributionKey, string>> = {
  treasuries: '#0072B2',
  bills: '#56B4E9',
  mbs: '#CC79A7',
  agency: '#F0E442',
  repo: '#D55E00',
  tga: '#E69F00',
  onrrp: '#009E73',
  currency: '#999999',
  other: '#8c7b6b',
};
const SHORT: Readonly<Record<AttributionKey, string>> = {
  treasuries: 'SOMA Treasuries',
  bills: 'SOMA bills',
  mbs: 'SOMA MBS',
  agency: 'SOMA agency',
  repo: 'SRF + other repo',
  tga: '− TGA',
  onrrp: '− ON RRP',
  currency: '− Currency',
  other: 'Other (residual)',
};
const SERIES_BASIS: Readonly<Record<string, string>> = { RPONTTLD: 'NY Fed take-up on the Wednesday', RPONTSYD: 'NY Fed take-up on the Wednesday, Treasury tranche', RRPONTSYD: 'NY Fed take-up on the Wednesday', WCURCIR: 'week average' };
const SPANS = [13, 26, 52, 104] as const;
/** A contribution, signed as changes are (`+$22.999bn`, `−$78.785bn`). */
const signedBn = (bn: number): string => (bn > 0 ? `+${moneyPrecise(bn)}` : moneyPrecise(bn));
const W = 960;
const H = 320;
const PAD = { l: 56, r: 12, t: 12, b: 34 };
const SOURCE = 'Federal Reserve H.4.1 via FRED (Wednesday levels; currency week average), NY Fed repo and reverse repo operation results';

const termLine = (w: AttributionWeek, k: AttributionKey): string => {
  const t = w.terms.find((x) => x.key === k);
  if (t === undefined) return '';
  if (k === 'other') return `${SHORT[k]}: ${signedBn(t.bn)} (ΔR minus the other terms${w.unknown.length > 0 ? `; includes ${w.unknown.map((u) => SHORT[u]).join(', ')}, not known this week` : ''}), ${w.prev} → ${w.week}`;
  if (t.seriesId === null) return `${SHORT[k]}: not known this week (no value on both Wednesdays): inside Other`;
  const basis = SERIES_BASIS[t.seriesId] ?? 'Wednesday level';
  return `${SHORT[k]}: ${signedBn(t.bn)} — ${t.seriesId} (${basis}) ${w.prev} ${moneyPrecise(t.fromValue ?? 0)} → ${w.week} ${moneyPrecise(t.toValue ?? 0)}`;
};

/** CSV of the weeks shown: one row per week, the contribution of each term and the series used. */
export function attributionCsv(weeks: readonly AttributionWeek[], basis: string): string {
  const head = ['week', 'previous_wednesday', 'reserves_prev_bn', 'reserves_bn', 'change_bn', ...ATTRIBUTION_KEYS.map((k) => `${k}_bn`), ...ATTRIBUTION_KEYS.filter((k) => k !== 'other').map((k) => `${k}_series`), 'not_known'];
  const rows = weeks.map((w) => [w.week, w.prev, String(w.reservesFrom), String(w.reservesTo), String(w.change), ...ATTRIBUTION_KEYS.map((k) => String(w.terms.find((t) => t.key === k)?.bn ?? '')), ...ATTRIBUTION_KEYS.filter((k) => k !== 'other').map((k) => w.terms.find((t) => t.key === k)?.seriesId ?? ''), w.unknown.join(' ')]);
  return [`# Weekly change in reserve balances (WRBWFRBL), attributed; contributions to the change in $bn. Basis: ${basis}. Source: ${SOURCE}. Made with Reservoir.`, head.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
}

interface Bar {
  readonly key: AttributionKey;
  readonly y0: number;
  readonly y1: number;
}

/** Supplying terms stacked up from zero, draining ones down, in ATTRIBUTION_KEYS order. */
export function stackWeek(w: AttributionWeek): Bar[] {
  let up = 0;
  let down = 0;
  const out: Bar[] = [];
  for (const k of ATTRIBUTION_KEYS) {
    const v = w.terms.find((t) => t.key === k)?.bn ?? 0;
    if (v === 0) continue;
    if (v > 0) {
      out.push({ key: k, y0: up, y1: up + v });
      up += v;
    } else {
      out.push({ key: k, y0: down, y1: down + v });
      down += v;
    }
  }
  return out;
}

function niceTicks(lo: number, hi: number, n = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

function StackedBars({ weeks, chosen, onChoose, fg, grid }: { weeks: readonly AttributionWeek[]; chosen: string | null; onChoose: (w: string) => void; fg: string; grid: string }): React.JSX.Element {
  const [tip, setTip] = useState<{ x: number; y: number; lines: string[] } | null>(null);
  const stacks = weeks.map(stackWeek);
  let lo = 0;
  let hi = 0;
  stacks.forEach((s, i) => {
    for (const b of s) {
      lo = Math.min(lo, b.y0, b.y1);
      hi = Math.max(hi, b.y0, b.y1);
    }
    const c = weeks[i]?.change ?? 0;
    lo = Math.min(lo, c);
    hi = Math.max(hi, c);
  });
  const pad = (hi - lo) * 0.05 || 1;
  lo -= pad;
  hi += pad;
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const y = (v: number): number => PAD.t + ((hi - v) / (hi - lo)) * ih;
  const slot = iw / Math.max(1, weeks.length);
  const bw = Math.max(2, slot * 0.7);
  const cx = (i: number): number => PAD.l + slot * (i + 0.5);
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 7));
  const show = (e: React.MouseEvent, lines: string[]): void => {
    const box = (e.currentTarget as SVGElement).ownerSVGElement?.getBoundingClientRect();
    setTip({ x: box ? e.clientX - box.left : 0, y: box ? e.clientY - box.top : 0, lines });
  };
  return (
    <div className="attribution-chart" style={{ position: 'relative' }} onMouseLeave={() => setTip(null)}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label="Weekly change in reserves by component, $bn" data-chart="attribution-stack" xmlns="http://www.w3.org/2000/svg" style={{ fontFamily: 'system-ui, sans-serif', fontSize: 11 }}>
        {niceTicks(lo, hi).map((t) => (
          <g key={t}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(t)} y2={y(t)} style={{ stroke: t === 0 ? fg : grid }} strokeWidth={t === 0 ? 1 : 0.6} />
            <text x={PAD.l - 6} y={y(t) + 4} textAnchor="end" style={{ fill: fg }}>
              {t.toLocaleString('en-US')}
            </text>
          </g>
        ))}
        <text x={12} y={PAD.t + ih / 2} transform={`rotate(-90 12 ${PAD.t + ih / 2})`} textAnchor="middle" style={{ fill: fg }}>
          $bn (contribution to ΔR)
        </text>
        {weeks.map((w, i) => (
          <g key={w.week} data-week={w.week} onClick={() => onChoose(w.week)} style={{ cursor: 'pointer' }}>
            <rect x={cx(i) - slot / 2} y={PAD.t} width={slot} height={ih} style={{ fill: w.week === chosen ? grid : 'transparent' }} opacity={0.6} onMouseMove={(e) => show(e, [`Week to ${w.week} (from ${w.prev}): ΔR ${signedBn(w.change)} — WRBWFRBL (Wednesday level) ${moneyPrecise(w.reservesFrom)} → ${moneyPrecise(w.reservesTo)}`, 'Click for the table'])} />
            {(stacks[i] ?? []).map((b) => (
              <rect key={b.key} data-term={b.key} x={cx(i) - bw / 2} width={bw} y={y(Math.max(b.y0, b.y1))} height={Math.max(0.5, Math.abs(y(b.y0) - y(b.y1)))} fill={themed(COLORS[b.key], fg)} onMouseMove={(e) => show(e, [termLine(w, b.key), `Week ΔR ${signedBn(w.change)}`])} />
            ))}
            {i % labelEvery === 0 ? (
              <text x={cx(i)} y={H - PAD.b + 14} textAnchor="middle" style={{ fill: fg }}>
                {w.week}
              </text>
            ) : null}
          </g>
        ))}
        <polyline points={weeks.map((w, i) => `${cx(i)},${y(w.change)}`).join(' ')} fill="none" style={{ stroke: fg }} strokeWidth={1.6} data-line="net-change" />
        {weeks.map((w, i) => (
          <circle key={w.week} cx={cx(i)} cy={y(w.change)} r={Math.min(4, Math.max(2, bw / 4))} style={{ fill: fg }} onMouseMove={(e) => show(e, [`Net change in reserves, week to ${w.week}: ${signedBn(w.change)}`, `WRBWFRBL (Wednesday level) ${w.prev} ${moneyPrecise(w.reservesFrom)} → ${w.week} ${moneyPrecise(w.reservesTo)}`])} onClick={() => onChoose(w.week)} />
        ))}
      </svg>
      {tip ? (
        <div className="attribution-tip" role="tooltip" data-tooltip style={{ position: 'absolute', left: Math.min(tip.x + 12, 560), top: tip.y + 12, pointerEvents: 'none' }}>
          {tip.lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** Words wrapped to lines no wider than `max` px in the context's current font. */
function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (ctx.measureText(next).width > max && line !== '') {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') out.push(line);
  return out;
}

/** The stacked chart as a PNG: title, legend, the chart, and its source and basis footer (wrapped). */
async function svgToPng(svg: SVGSVGElement, title: string, footer: readonly string[]): Promise<Blob> {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  const fg = v('--fg', '#1b1f24');
  const bg = v('--bg', '#ffffff');
  const scale = 2;
  const measure = document.createElement('canvas').getContext('2d');
  if (measure === null) throw new Error('no canvas');
  measure.font = '11px system-ui, sans-serif';
  const lines = footer.flatMap((l) => wrap(measure, l, W - 20));
  const head = 50;
  const foot = 15 * lines.length + 12;
  const canvas = document.createElement('canvas');
  canvas.width = W * scale;
  canvas.height = (H + head + foot) * scale;
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('no canvas');
  ctx.scale(scale, scale);
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, W, H + head + foot);
  ctx.fillStyle = fg;
  ctx.font = '600 14px system-ui, sans-serif';
  ctx.fillText(title, 10, 19);
  ctx.font = '11px system-ui, sans-serif';
  let x = 10;
  for (const k of ATTRIBUTION_KEYS) {
    ctx.fillStyle = COLORS[k];
    ctx.fillRect(x, 32, 10, 10);
    ctx.fillStyle = fg;
    ctx.fillText(SHORT[k], x + 14, 41);
    x += 14 + ctx.measureText(SHORT[k]).width + 10;
  }
  ctx.fillRect(x, 36, 14, 2);
  ctx.fillText('net ΔR', x + 18, 41);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('width', String(W));
  clone.setAttribute('height', String(H));
  const text = new XMLSerializer().serializeToString(clone).replace(/var\(--(fg|grid|bg)\)/g, (_, n: string) => v(`--${n}`, n === 'grid' ? '#e3e6ea' : n === 'bg' ? bg : fg));
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('could not draw the chart'));
    img.src = url;
  });
  ctx.drawImage(img, 0, head, W, H);
  ctx.fillStyle = fg;
  lines.forEach((l, i) => ctx.fillText(l, 10, head + H + 14 + i * 15));
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
}

export function AttributionPanel({ themeKey, onStatus }: AnalysisPanelProps): React.JSX.Element {
  const [data] = useAsync(() => api('attribution:get', {}), []);
  const [span, setSpan] = useState<number>(26);
  const [chosen, setChosen] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const group = useMemo(() => new ChartGroup('attribution'), []);
  // Drawn with the theme's variables (so a theme switch recolours at once); the PNG resolves them when it is made.
  const fg = 'var(--fg)';
  const grid = 'var(--grid)';
  const history = useMemo((): ChartSpec | null => (data.status === 'ready' ? historySpec(data.value) : null), [data]);
  if (data.status === 'loading') return <div className="state">Loading the store…</div>;
  if (data.status === 'error') return <div className="state error">Could not compute the attribution: {data.error}</div>;
  const d = data.value;
  if (d.weeks.length === 0) return <div className="state error">No weeks with Wednesday-level reserve balances (WRBWFRBL) on two consecutive Wednesdays: sync or reseed from the offline snapshot.</div>;
  const weeks = d.weeks.slice(-span);
  const week = d.weeks.find((w) => w.week === chosen) ?? d.weeks[d.weeks.length - 1];
  const last5 = d.weeks.slice(-5);
  const title = `What moved reserves: weekly change in reserve balances by component, ${weeks[0]?.week ?? ''} … ${weeks.at(-1)?.week ?? ''}, $bn`;
  const footer = [`Source: ${SOURCE}. Basis: ${d.basis}.`, `Series (last Wednesday used): WRBWFRBL ${d.weeks.at(-1)?.week ?? ''}. Made with Reservoir.`];
  const exportPng = async (): Promise<void> => {
    const svg = box.current?.querySelector('svg[data-chart="attribution-stack"]');
    if (!(svg instanceof SVGSVGElement)) return;
    try {
      onStatus(await saveBlob(`reservoir-attribution-${fileStamp()}.png`, 'image/png', await svgToPng(svg, title, footer)));
    } catch (e) {
      onStatus(`PNG not saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const exportCsv = async (): Promise<void> => {
    onStatus(await saveBlob(`reservoir-attribution-${fileStamp()}.csv`, 'text/csv', new Blob([attributionCsv(weeks, d.basis)], { type: 'text/csv' })));
  };
  return (
    <div className="attribution" data-attribution ref={box}>
      <p data-summary="attribution">
        <strong>Last five weeks of data:</strong>{' '}
        {last5.map((w) => {
          const top = [...w.terms].filter((t) => t.key !== 'other').sort((a, b) => Math.abs(b.bn) - Math.abs(a.bn))[0];
          return `${w.week} ${moneyChangeSmall(w.change)}${top ? ` (largest: ${SHORT[top.key]} ${moneyChangeSmall(top.bn)})` : ''}`;
        }).join(' · ')}
      </p>
      <p className="muted" data-basis>
        Basis: {d.basis}.
      </p>
      <div className="toolbar">
        <span>Weeks shown</span>
        {SPANS.map((s) => (
          <button key={s} type="button" className={s === span ? 'on' : ''} aria-pressed={s === span} data-span={s} onClick={() => setSpan(s)}>
            {s}
          </button>
        ))}
        <label>
          Week{' '}
          <select value={week?.week ?? ''} onChange={(e) => setChosen(e.target.value)} data-pick="week">
            {[...d.weeks].reverse().map((w) => (
              <option key={w.week} value={w.week}>
                {w.week}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-export="attribution-png" onClick={() => void exportPng()}>
          PNG
        </button>
        <button type="button" data-export="attribution-csv" onClick={() => void exportCsv()}>
          CSV
        </button>
      </div>
      <div className="legend" data-legend="attribution" style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 14px' }}>
        {ATTRIBUTION_KEYS.map((k) => (
          <span key={k} className="legend-item">
            <span className="swatch" style={{ background: themed(COLORS[k], fg), display: 'inline-block', width: 10, height: 10, marginRight: 4 }} />
            {SHORT[k]}
          </span>
        ))}
        <span className="legend-item">— net change in reserves (WRBWFRBL, Wed)</span>
      </div>
      <StackedBars key={themeKey} weeks={weeks} chosen={week?.week ?? null} onChoose={setChosen} fg={fg} grid={grid} />
      <p className="muted footer">{footer.join(' ')}</p>
      {week ? <WeekTable w={week} /> : null}
      {history ? <TimeChart spec={history} group={group} themeKey={themeKey} onStatus={onStatus} height={220} /> : null}
    </div>
  );
}

function WeekTable({ w }: { w: AttributionWeek }): React.JSX.Element {
  const sumMn = w.terms.reduce((a, t) => a + Math.round(t.bn * 1000), 0);
  return (
    <table data-table="attribution-week">
      <caption>
        Week to {w.week} (Wednesday {w.prev} → {w.week}): contributions to the change in reserve balances, $bn
      </caption>
      <thead>
        <tr>
          <th scope="col">component</th>
          <th scope="col">series (basis)</th>
          <th scope="col" className="num">
            {w.prev}
          </th>
          <th scope="col" className="num">
            {w.week}
          </th>
          <th scope="col" className="num">
            contribution
          </th>
        </tr>
      </thead>
      <tbody>
        {ATTRIBUTION_KEYS.map((k) => {
          const t = w.terms.find((x) => x.key === k);
          const unknown = w.unknown.includes(k);
          return (
            <tr key={k} data-term={k}>
              <td>{SHORT[k]}</td>
              <td>{k === 'other' ? 'residual: ΔR − the terms above' : t?.seriesId ? `${t.seriesId} (${SERIES_BASIS[t.seriesId] ?? 'Wednesday level'})` : 'not known this week (inside Other)'}</td>
              <td className="num">{t?.fromValue == null ? '—' : moneyPrecise(t.fromValue)}</td>
              <td className="num">{t?.toValue == null ? '—' : moneyPrecise(t.toValue)}</td>
              <td className="num">{unknown ? 'n/a' : signedBn(t?.bn ?? 0)}</td>
            </tr>
          );
        })}
        <tr data-term="total">
          <th scope="row">Change in reserves</th>
          <td>WRBWFRBL (Wednesday level)</td>
          <td className="num">{moneyPrecise(w.reservesFrom)}</td>
          <td className="num">{moneyPrecise(w.reservesTo)}</td>
          <td className="num">
            <strong>{signedBn(w.change)}</strong>
          </td>
        </tr>
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={5} className="muted" data-check>
            Sum of the components: {signedBn(sumMn / 1000)} = ΔR {signedBn(w.change)} {sumMn === Math.round(w.change * 1000) ? '(exact, in $mn)' : '(NOT exact)'}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** Every week 2002–2026: the net change (bars) and the three largest movers as lines, on the standard chart (hover, table, PNG, CSV). */
function historySpec(d: AttributionDto): ChartSpec {
  const x = d.weeks.map((w) => epochDay(w.week as IsoDate));
  const col = (k: AttributionKey): (number | null)[] => d.weeks.map((w) => (w.unknown.includes(k) ? null : (w.terms.find((t) => t.key === k)?.bn ?? null)));
  return {
    key: 'attribution-history',
    title: 'Weekly change in reserve balances (WRBWFRBL, Wednesday levels) and its largest movers, every week',
    unitLabel: '$bn',
    x,
    series: [
      { id: 'dR', label: 'Δ reserve balances (WRBWFRBL, Wednesday to Wednesday)', unit: 'usd_bn', color: '#0072B2', style: 'bars', values: d.weeks.map((w) => w.change) },
      { id: 'dTGA', label: '− Δ TGA (WDTGAL, Wednesday to Wednesday)', unit: 'usd_bn', color: '#E69F00', values: col('tga') },
      { id: 'dRRP', label: '− Δ ON RRP (WLRRAOL or RRPONTSYD, Wednesday to Wednesday)', unit: 'usd_bn', color: '#009E73', values: col('onrrp') },
      { id: 'dTreasuries', label: 'Δ SOMA Treasuries (TREAST, Wednesday to Wednesday)', unit: 'usd_bn', color: '#CC79A7', values: col('treasuries') },
      { id: 'dOther', label: 'Other (residual of the identity)', unit: 'usd_bn', color: '#8c7b6b', style: 'dash', values: col('other') },
    ],
    footer: [`Source: ${SOURCE}. Basis: ${d.basis}.`, 'Made with Reservoir.'],
  };
}
