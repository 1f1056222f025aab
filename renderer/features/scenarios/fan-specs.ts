/**
 * Draws the uncertainty fan on the lab's reserves, reserves/GDP and spread charts: the 10–90% and
 * 25–75% ranges filled between their quantile lines (the spec's bands between 'band-edge' series, as
 * the Monitor's SOFR percentiles, drawn by bands-layer.ts), and the median as a thin line with a legend entry. Added to the specs
 * labSpecs builds, matched on the month-end days, so it needs nothing from lab-specs.ts.
 */
import type { FanResult } from '../../../shared/compute/fan.js';
import { epochDay } from '../../../shared/time/iso-date.js';
import type { ChartBand, ChartSeries, ChartSpec } from '../../charts/chart-spec.js';

const FAN_CHARTS: Readonly<Record<string, { readonly pick: (f: FanResult) => readonly Float64Array[]; readonly unit: string }>> = {
  'lab-reserves': { pick: (f) => f.reserves, unit: 'usd_bn' },
  'lab-ratio': { pick: (f) => f.reservesGdpPct, unit: 'percent' },
  'lab-spread': { pick: (f) => f.spreadBp, unit: 'bp' },
};

/** The projection's colour (lab-specs.ts) at two strengths: the inner range darker, so the bands read as 10–90 and 25–75. */
const EDGE = '#D55E0099';
const OUTER_FILL = '#D55E0024';
const INNER_FILL = '#D55E0040';
const IDS = ['FAN_P10', 'FAN_P25', 'FAN_P50', 'FAN_P75', 'FAN_P90'] as const;
const LABELS = ['Fan 10%', 'Fan 25%', 'Fan median', 'Fan 75%', 'Fan 90%'] as const;

/**
 * The fan's lines for one chart, by fan result and chart axis: while a slider is dragged the last fan
 * received is drawn on every tick on the same axis (labSpecs keeps it per anchor and horizon), so its
 * columns are built once per fan, not once per tick.
 */
const FAN_LINES = new WeakMap<FanResult, Map<string, { x: readonly number[]; series: ChartSeries[] }>>();

export function withFan(specs: readonly ChartSpec[], f: FanResult | null, footer: string): ChartSpec[] {
  if (f === null) return [...specs];
  let cache = FAN_LINES.get(f);
  if (cache === undefined) {
    cache = new Map();
    FAN_LINES.set(f, cache);
  }
  const byChart = cache;
  let days: number[] | null = null;
  return specs.map((s) => {
    const c = FAN_CHARTS[s.key];
    if (c === undefined) return s;
    const bands: ChartBand[] = [
      { upper: 'FAN_P90', lower: 'FAN_P10', fill: OUTER_FILL },
      { upper: 'FAN_P75', lower: 'FAN_P25', fill: INNER_FILL },
    ];
    const hit = byChart.get(s.key);
    if (hit !== undefined && hit.x === s.x) return { ...s, series: [...s.series, ...hit.series], bands: [...(s.bands ?? []), ...bands], footer: [...s.footer, footer] };
    days ??= f.dates.map((d) => epochDay(d));
    const pos = new Map(s.x.map((d, i) => [d, i]));
    const at = days.map((d) => pos.get(d));
    const column = (v: Float64Array | undefined): (number | null)[] => {
      const out = new Array<number | null>(s.x.length).fill(null);
      at.forEach((i, t) => {
        const x = v?.[t];
        if (i !== undefined && x !== undefined && Number.isFinite(x)) out[i] = x;
      });
      return out;
    };
    const cols = c.pick(f);
    const series: ChartSeries[] = IDS.map((id, k) => ({
      id,
      label: k === 2 ? `${LABELS[k] ?? id} (${f.paths} paths; shaded 10–90%, 25–75%)` : (LABELS[k] ?? id),
      unit: c.unit,
      color: EDGE,
      values: column(cols[k]),
      frequency: 'M' as const,
      ...(k === 2 ? { width: 1, style: 'dash' as const } : { style: 'band-edge' as const }),
    }));
    byChart.set(s.key, { x: s.x, series });
    return { ...s, series: [...s.series, ...series], bands: [...(s.bands ?? []), ...bands], footer: [...s.footer, footer] };
  });
}
