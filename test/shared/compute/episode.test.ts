/** The episode overlay's pure core (issue 13 §3) on small hand-made series. */
import { describe, expect, it } from 'vitest';
import { episodeLines, episodeReport, keyFacts, parseAlign, RESERVES_GDP_KEY, valuesAtOffsets, type Columns } from '../../../shared/compute/episode.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';

const d = (s: string): number => epochDay(s as IsoDate);
const col = (rows: [string, number][]): Columns => ({ dates: rows.map(([x]) => d(x)), values: rows.map(([, v]) => v) });
const every = (from: string, to: string, v: (day: number) => number): Columns => {
  const dates: number[] = [];
  for (let x = d(from); x <= d(to); x++) dates.push(x);
  return { dates, values: dates.map(v) };
};

const inputs = (): { get: (id: string) => Columns | undefined } => {
  const m = new Map<string, Columns>([
    ['SOFR', col([['2019-09-16', 2.43], ['2019-09-17', 5.25], ['2019-09-18', 2.55], ['2019-09-19', 1.95]])],
    ['IOER', every('2019-06-01', '2019-12-31', (x) => (x < d('2019-09-19') ? 2.1 : 1.8))],
    ['RPONTSYD', col([['2019-09-17', 40.85], ['2019-09-18', 51.55], ['2019-09-19', 55.843]])],
    ['RPONTTLD', col([['2025-10-31', 50.35], ['2025-12-01', 26]])],
    [RESERVES_GDP_KEY, col([['2019-07-31', 0.0717], ['2019-09-25', 0.065434856]])],
  ]);
  return { get: (id) => m.get(id) };
};

describe('episode overlay core', () => {
  it('reads the 2019 facts from the series: SOFR 5.25 on 2019-09-17, IOER 2.10 then 1.80 from 2019-09-19', () => {
    const f = Object.fromEntries(keyFacts(inputs()).map((x) => [x.id, x]));
    expect(f['sofr-2019-09-17']).toMatchObject({ value: 5.25, date: '2019-09-17' });
    expect(f['ioer-2019-09-17']?.value).toBe(2.1);
    expect(f['ioer-cut']).toMatchObject({ date: '2019-09-19', value: 1.8 });
    expect(f['srf-2025-10-31']?.value).toBe(50.35);
    expect(f['srf-peak']).toMatchObject({ date: '2025-10-31', value: 50.35 });
  });

  it('re-dates each series in days from the anchor; SOFR − IOER in bp; repo days without a row are 0', () => {
    const lines = episodeLines(inputs(), 'spike', { before: 3, after: 3 });
    const spread = lines.find((l) => l.episode === '2019' && l.metric === 'sofrSpread');
    expect(spread?.offsets).toEqual([-1, 0, 1, 2]);
    expect(spread?.values).toEqual([33, 315, 45, 15]);
    const repo = lines.find((l) => l.episode === '2019' && l.metric === 'repo');
    expect(repo?.offsets).toEqual([0, 1, 2]);
    const srf = lines.find((l) => l.episode === '2025' && l.metric === 'repo');
    // Friday 2025-10-31 … Monday 2025-11-03: the weekend is left out, the Monday without a row is 0.
    expect(srf?.offsets).toEqual([0, 3]);
    expect(srf?.values).toEqual([50.35, 0]);
    const rg = episodeLines(inputs(), 'qt-end').find((l) => l.episode === '2019' && l.metric === 'reservesGdp');
    expect(rg?.values).toEqual([7.17, 6.543486]);
    const at = valuesAtOffsets(rg ?? { episode: '2019', metric: 'reservesGdp', offsets: [], dates: [], values: [] }, '2019-07-31' as IsoDate, [0, 60, 200], 8);
    expect(at.map((a) => [a.day, a.date, a.value])).toEqual([
      ['2019-07-31', '2019-07-31', 7.17],
      ['2019-09-29', '2019-09-25', 6.543486],
      ['2020-02-16', null, null],
    ]);
  });

  it('parses the alignment choices', () => {
    expect(parseAlign('qt-end')).toBe('qt-end');
    expect(parseAlign('2019-09-16')).toEqual({ dates: { '2019': '2019-09-16' } });
    expect(parseAlign('2025-11-01')).toEqual({ dates: { '2025': '2025-11-01' } });
    expect(parseAlign('2019-09-16,2025-11-01')).toEqual({ dates: { '2019': '2019-09-16', '2025': '2025-11-01' } });
    expect(parseAlign('2019-13-01')).toBeNull();
    expect(episodeReport(inputs(), parseAlign('2019-09-16') ?? 'qt-end').anchors).toEqual({ '2019': '2019-09-16', '2025': '2025-12-01' });
  });
});
