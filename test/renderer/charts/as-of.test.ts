import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferFrequency, lastIndexAtOrBefore, valueAsOf, READOUT_LIMIT_DAYS } from '../../../renderer/charts/as-of.js';
import { csvHeader, exportName, toCsv, type ChartSpec } from '../../../renderer/charts/chart-spec.js';
import { parseCsv } from '../../../shared/parse/csv.js';
import { REPO_ROOT } from '../../support/paths.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** The snapshot's real WRESBAL weeks (Wednesdays) as a chart column. */
function wresbal(): { x: number[]; values: number[] } {
  const lines = readFileSync(path.join(REPO_ROOT, 'resources/snapshot/series/WRESBAL.csv'), 'utf8').trim().split('\n').slice(1);
  return { x: lines.map((l) => day(l.slice(0, 10))), values: lines.map((l) => Number(l.slice(11))) };
}

describe('values as of a day', () => {
  it('reads a weekly series as of any day within its 8-day limit, with its own date, and nothing beyond', () => {
    const w = wresbal();
    const last = w.x[w.x.length - 1] ?? 0;
    const a = valueAsOf(w.x, w.values, last + 3, READOUT_LIMIT_DAYS.W);
    expect(a).toEqual({ day: last, value: w.values[w.values.length - 1] });
    // Found in the lab: a projection month months after the history's last week showed that week as current.
    expect(valueAsOf(w.x, w.values, last + 60, READOUT_LIMIT_DAYS.W)).toBeNull();
    expect(valueAsOf(w.x, w.values, (w.x[0] ?? 0) - 1, READOUT_LIMIT_DAYS.W)).toBeNull();
  });

  it('skips nulls on a shared grid but never reaches past the limit', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const v = [1, null, null, null, null, null, null, 8, null, null, null];
    expect(valueAsOf(x, v, 10, 4)).toEqual({ day: 7, value: 8 });
    expect(valueAsOf(x, v, 6, 4)).toBeNull();
    expect(valueAsOf(x, v, 4, 4)).toEqual({ day: 0, value: 1 });
    expect(lastIndexAtOrBefore(x, -1)).toBe(-1);
    expect(lastIndexAtOrBefore(x, 100)).toBe(10);
  });

  it('infers the frequency of real series from their spacing', () => {
    const w = wresbal();
    expect(inferFrequency(w.x, w.values)).toBe('W');
    const monthly = [day('2026-01-31'), day('2026-02-28'), day('2026-03-31'), day('2026-04-30')];
    expect(inferFrequency(monthly, [1, 2, 3, 4])).toBe('M');
    const business = [day('2026-10-05'), day('2026-10-06'), day('2026-10-07'), day('2026-10-08'), day('2026-10-09'), day('2026-10-12')];
    expect(inferFrequency(business, [1, 2, 3, 4, 5, 6])).toBe('D');
  });
});

describe('CSV exports', () => {
  const spec: ChartSpec = {
    key: 'k',
    title: 'Reserve balances vs 10% of GDP (GDP as known then)',
    unitLabel: '$bn',
    x: [day('2025-12-03'), day('2025-12-10'), day('2025-12-17')],
    series: [
      { id: 'WRESBAL', label: 'WRESBAL (wk avg)', unit: 'usd_bn', color: '#000', values: [2900.5, 2950.25, null] },
      { id: 'WDTGAL', label: 'TGA (Wed level)', unit: 'usd_bn', color: '#000', values: [800, null, 810] },
      { id: 'SOFR_IORB', label: 'SOFR − IORB', unit: 'bp', color: '#000', values: [null, null, null] },
    ],
    footer: [],
  };
  it('headers are readable and quoted where they hold commas', () => {
    expect(csvHeader(spec.series[0]!)).toBe('WRESBAL ($bn, week average)');
    expect(csvHeader(spec.series[1]!)).toBe('TGA ($bn, Wednesday level)');
    expect(csvHeader(spec.series[2]!)).toBe('SOFR − IORB (bp)');
    expect(csvHeader({ id: 'RPONTTLD', label: 'SRF take-up (RPONTTLD)', unit: 'usd_bn', color: '', values: [] })).toBe('RPONTTLD ($bn)');
    const parsed = parseCsv(toCsv(spec));
    expect(parsed.ok && parsed.value[0]).toEqual(['date', 'WRESBAL ($bn, week average)', 'TGA ($bn, Wednesday level)', 'SOFR − IORB (bp)']);
  });
  it('the visible range keeps only its rows; the full history keeps all', () => {
    const all = toCsv(spec).trim().split('\n');
    expect(all.length).toBe(4);
    const some = toCsv(spec, { from: day('2025-12-09'), to: day('2025-12-31') }).trim().split('\n');
    expect(some.slice(1)).toEqual(['2025-12-10,2950.25,,', '2025-12-17,,810,']);
  });
  it('file names are plain words and the date', () => {
    expect(exportName(spec.title, '2026-12-02', 'csv')).toBe('reserve-balances-vs-10-of-gdp-gdp-as-known-then-2026-12-02.csv');
    expect(exportName('Implied EFFR − IORB with the corridor', '2026-12-02', 'png')).toBe('implied-effr-iorb-with-the-corridor-2026-12-02.png');
    expect(exportName('—', '2026-12-02', 'png')).toBe('chart-2026-12-02.png');
  });
});

describe('axis ticks', () => {
  it('are ISO dates, months or years by the tick spacing, in UTC', async () => {
    const { isoTicks } = await import('../../../renderer/charts/uplot-options.js');
    const t = Date.parse('2025-12-01T00:00:00Z') / 1000;
    const u = null as unknown as Parameters<typeof isoTicks>[0];
    expect(isoTicks(u, [t], 0, 0, 86_400 * 7)).toEqual(['2025-12-01']);
    expect(isoTicks(u, [t], 0, 0, 86_400 * 31)).toEqual(['2025-12']);
    expect(isoTicks(u, [t], 0, 0, 86_400 * 366)).toEqual(['2025']);
    // Ticks every 6 hours (a chart zoomed to a few days): each date once, at its first tick; within one
    // day the first tick still says which day it is.
    expect(isoTicks(u, [t - 21_600, t, t + 21_600, t + 43_200, t + 86_400], 0, 0, 21_600)).toEqual(['2025-11-30', '2025-12-01', '', '', '2025-12-02']);
    expect(isoTicks(u, [t + 21_600, t + 43_200], 0, 0, 21_600)).toEqual(['2025-12-01', '']);
  });
});
