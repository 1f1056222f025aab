/**
 * The write-path checks on real data (the committed snapshot, built from ../shared/data). Batches
 * marked SYNTHETIC are real series put through one transformation (a unit slip, a thinning), to show
 * what the checks catch; no observation is invented.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSeries, type SeriesDef } from '../../../shared/catalog.js';
import { checkBatch, checkDates, checkUnits, detectFrequency, type Columns } from '../../../shared/model/batch-checks.js';
import { epochDay, weekday, type IsoDate } from '../../../shared/time/iso-date.js';
import { snapshotDir } from '../../../main/core/paths.js';

const TODAY = '2026-12-01' as IsoDate;

function load(id: string): { days: number[]; values: number[] } {
  const text = readFileSync(path.join(snapshotDir(), 'series', `${id}.csv`), 'utf8');
  const days: number[] = [];
  const values: number[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (line === '') continue;
    const [d, v] = line.split(',');
    days.push(epochDay(d as IsoDate));
    values.push(Number(v));
  }
  return { days, values };
}

function def(id: string): SeriesDef {
  const d = findSeries(id);
  if (d === undefined) throw new Error(id);
  return d;
}

const slice = (c: { days: number[]; values: number[] }, from: number, to: number): Columns => ({ days: c.days.slice(from, to), values: c.values.slice(from, to) });
const scaled = (c: Columns, f: number): Columns => ({ days: c.days, values: Array.from(c.values as ArrayLike<number>, (v) => v * f) });
const EMPTY: Columns = { days: [], values: [] };

describe('unit changes never get in silently', () => {
  const wtregen = load('WTREGEN');
  const n = wtregen.days.length;

  it('refuses a billions copy of a millions series on overlapping dates, naming the unit (SYNTHETIC: real WTREGEN ÷ 1000)', () => {
    const stored = slice(wtregen, 0, n);
    const msg = checkBatch(def('WTREGEN'), scaled(slice(wtregen, n - 300, n), 1e-3), stored, { today: TODAY });
    expect(msg).toMatch(/^these values look like billions; WTREGEN is published in millions \(compared on 300 dates\) — re-download it from FRED or pass --scale 1000; nothing was written$/);
  });

  it('names thousands, millions-for-billions, and any other constant factor', () => {
    const rrp = load('RRPONTSYD');
    const stored = slice(rrp, 0, rrp.days.length);
    const batch = slice(rrp, 1000, 1500);
    // RRPONTSYD is published in billions: a millions file read as billions is 1000× too large.
    expect(checkUnits(def('RRPONTSYD'), scaled(batch, 1e3), stored, undefined)).toMatch(/look like millions; RRPONTSYD is published in billions .* --scale 0\.001/);
    expect(checkUnits(def('WTREGEN'), scaled(slice(wtregen, 0, 200), 1e3), slice(wtregen, 0, n), undefined)).toMatch(/look like thousands; WTREGEN is published in millions/);
    expect(checkUnits(def('WTREGEN'), scaled(slice(wtregen, 0, 200), 1e-6), slice(wtregen, 0, n), undefined)).toMatch(/look like trillions/);
    expect(checkUnits(def('WTREGEN'), scaled(slice(wtregen, 0, 200), 2.54), slice(wtregen, 0, n), undefined)).toMatch(/constant factor of about 0\.394/);
  });

  it('names a rate file in fractions (SYNTHETIC: real SOFR ÷ 100)', () => {
    const sofr = load('SOFR');
    const k = sofr.days.length;
    expect(checkUnits(def('SOFR'), scaled(slice(sofr, k - 400, k), 0.01), slice(sofr, 0, k), undefined)).toMatch(/look like fractions \(0\.0525 for 5\.25%\); SOFR is published in percent/);
  });

  it('accepts the same values back, and real-sized revisions', () => {
    const stored = slice(wtregen, 0, n);
    expect(checkBatch(def('WTREGEN'), slice(wtregen, n - 300, n), stored, { today: TODAY })).toBeNull();
    const revised = { days: wtregen.days.slice(n - 50), values: wtregen.values.slice(n - 50).map((v, i) => (i % 7 === 0 ? v * 1.004 : v)) };
    expect(checkBatch(def('WTREGEN'), revised, stored, { today: TODAY })).toBeNull();
  });

  it('without overlap, tests the join with the neighbouring stored values (SYNTHETIC: the next weeks in billions)', () => {
    const stored = slice(wtregen, 0, n - 20);
    const next = slice(wtregen, n - 20, n);
    expect(checkUnits(def('WTREGEN'), scaled(next, 1e-3), stored, undefined)).toMatch(/look like billions; WTREGEN is published in millions/);
    expect(checkUnits(def('WTREGEN'), next, stored, undefined)).toBeNull();
    // Before the stored history too.
    expect(checkUnits(def('WTREGEN'), scaled(slice(wtregen, 0, 20), 1e-3), slice(wtregen, 20, n), undefined)).toMatch(/look like billions/);
  });

  it('an explicit --scale that fixes the file passes; one that does not is named in the message', () => {
    const stored = slice(wtregen, 0, n);
    const billions = scaled(slice(wtregen, n - 100, n), 1e-3);
    expect(checkUnits(def('WTREGEN'), scaled(billions, 1000), stored, 1000)).toBeNull();
    expect(checkUnits(def('WTREGEN'), scaled(billions, 10), stored, 10)).toMatch(/after your --scale 10/);
  });

  it('never refuses a real series against its own history: every snapshot series, split with an overlap', () => {
    const files = readdirSync(path.join(snapshotDir(), 'series')).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const id = f.replace(/\.csv$/, '');
      const s = load(id);
      const m = s.days.length;
      const cut = Math.floor(m * 0.6);
      // Overlapping: the stored first 60%, then a batch of the last 50%.
      expect(checkBatch(def(id), slice(s, Math.floor(m * 0.5), m), slice(s, 0, cut), { today: TODAY }), id).toBeNull();
      // Joining without overlap.
      expect(checkBatch(def(id), slice(s, cut, m), slice(s, 0, cut), { today: TODAY }), `${id} join`).toBeNull();
    }
  });
});

describe('frequency changes need --allow-frequency', () => {
  it('a weekly file for a daily series, and a daily file for a weekly one (SYNTHETIC: real files thinned or swapped)', () => {
    const rrp = load('RRPONTSYD');
    const wednesdays: Columns = {
      days: rrp.days.filter((d) => weekday(new Date(d * 86_400_000).toISOString().slice(0, 10) as IsoDate) === 3),
      values: rrp.values.filter((_, i) => weekday(new Date((rrp.days[i] ?? 0) * 86_400_000).toISOString().slice(0, 10) as IsoDate) === 3),
    };
    expect(detectFrequency(wednesdays.days).frequency).toBe('W');
    expect(checkBatch(def('RRPONTSYD'), wednesdays, EMPTY, { today: TODAY })).toMatch(/these dates are weekly \(\d+ of \d+ dates on a Wednesday, 7 days apart\), but RRPONTSYD is a daily series — import the daily file, or pass --allow-frequency/);
    expect(checkBatch(def('RRPONTSYD'), wednesdays, EMPTY, { today: TODAY, allowFrequency: true })).toBeNull();
    const tga = load('TGA_DTS');
    expect(checkBatch(def('WDTGAL'), { days: tga.days, values: tga.values }, EMPTY, { today: TODAY })).toMatch(/these dates are daily .* but WDTGAL is a weekly series/);
  });

  it('recognises the real frequencies of the catalog', () => {
    expect(detectFrequency(load('WALCL').days).frequency).toBe('W');
    expect(detectFrequency(load('WM2NS').days).frequency).toBe('W');
    expect(detectFrequency(load('M2SL').days).frequency).toBe('M');
    expect(detectFrequency(load('MSPD_BILLS').days).frequency).toBe('M');
    expect(detectFrequency(load('GDP').days).frequency).toBe('Q');
    expect(detectFrequency(load('SOFR').days).frequency).toBe('D');
  });
});

describe('impossible dates are refused', () => {
  const one = (d: string, v = 1): Columns => ({ days: [epochDay(d as IsoDate)], values: [v] });
  it('after today, with a week of lead for administered rates', () => {
    expect(checkDates(def('WALCL'), one('9999-12-29', 6730), TODAY)).toMatch(/^WALCL 9999-12-29: dated after today \(2026-12-01\)/);
    expect(checkDates(def('WALCL'), one('2026-12-02', 6730), TODAY)).toMatch(/dated after today/);
    expect(checkDates(def('WALCL'), one('2026-12-01', 6730), TODAY)).toBeNull();
    expect(checkDates(def('IORB'), one('2026-12-08', 3.9), TODAY)).toBeNull();
    expect(checkDates(def('IORB'), one('2026-12-09', 3.9), TODAY)).toMatch(/dated after today \(2026-12-01\) \+ 7 days/);
  });
  it("before a series existed, or after it ended", () => {
    expect(checkDates(def('IORB'), one('2021-07-28', 0.15), TODAY)).toMatch(/before IORB's first possible date \(2021-07-29\)/);
    expect(checkDates(def('IOER'), one('2021-07-29', 0.15), TODAY)).toMatch(/IOER ended on 2021-07-28/);
    expect(checkDates(def('SOFR'), one('2017-12-29', 1.3), TODAY)).toMatch(/before SOFR's first possible date \(2018-04-02\)/);
  });
});
