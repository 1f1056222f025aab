/** Event-aligned charts (issue 13 §3): x in days from an event reads "+60 d" everywhere, never a date. */
import { describe, expect, it } from 'vitest';
import { offsetText, toCsv, xText, type ChartSpec } from '../../../renderer/charts/chart-spec.js';
import { buildOptions, offsetTicks } from '../../../renderer/charts/uplot-options.js';

const spec: ChartSpec = {
  key: 'k',
  title: 'SOFR − administered rate',
  unitLabel: 'bp',
  x: [-1, 0, 60],
  xAxis: 'days-from-event',
  series: [{ id: 'a', label: '2019 SOFR − IOER (day 0 2019-09-17)', unit: 'bp', color: '#000', values: [33, 315, null] }],
  footer: [],
};

describe('days-from-event x axis', () => {
  it('labels offsets with a sign and "d", and dates stay dates on ordinary charts', () => {
    expect([offsetText(-30), offsetText(0), offsetText(60)]).toEqual(['−30 d', '0 d', '+60 d']);
    expect(xText(spec, 60)).toBe('+60 d');
    expect(xText({}, 18_000)).toBe('2019-04-14');
    expect(offsetTicks(null as never, [-86_400 * 30, 0, 86_400 * 60])).toEqual(['−30 d', '0 d', '+60 d']);
  });

  it('exports the offset in a "days from event" column', () => {
    expect(toCsv(spec)).toBe('days from event,2019 SOFR − IOER (day 0 2019-09-17) (bp)\n-1,33\n0,315\n');
  });

  it('uses a numeric (not time) x scale with day-multiple ticks', () => {
    const o = buildOptions(spec, { width: 600, height: 200, scale: 1, theme: { fg: '#000', muted: '#666', grid: '#eee', bg: '#fff', panel: '#fff', border: '#ddd' } as never });
    expect(o.scales?.['x']?.time).toBe(false);
    expect(o.axes?.[0]?.values).toBe(offsetTicks);
  });
});
