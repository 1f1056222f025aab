/**
 * The release calendar (issue 10 §4): the expected latest observation at an instant, per publication,
 * around release times, weekends and federal holidays, and the count of releases behind.
 */
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../shared/compute/calendar.js';
import { expectedLatest, freshness, freshnessWord, GDP_BY_RULE, scheduleFor, summarizeBehind, type GdpReleaseDates, type ScheduleKey } from '../../../shared/compute/freshness.js';
import { easternInstant } from '../../../shared/compute/realtime.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';

const cal = new BusinessCalendar();
const d = (s: string): IsoDate => s as IsoDate;
/** Epoch ms of a New York wall-clock time. */
const et = (day: string, hh: number, mm: number): number => easternInstant(d(day), hh, mm);

const WALCL: ScheduleKey = { id: 'WALCL', source: 'fred', frequency: 'W', basis: 'wed_level' };
const TGA: ScheduleKey = { id: 'TGA_DTS', source: 'fiscaldata', frequency: 'D', basis: 'daily' };
const SOFR: ScheduleKey = { id: 'SOFR', source: 'nyfed', frequency: 'D', basis: 'daily' };
const DFF: ScheduleKey = { id: 'DFF', source: 'fred', frequency: 'D', basis: 'daily' };
const RRP: ScheduleKey = { id: 'RRPONTSYD', source: 'fred', frequency: 'D', basis: 'daily' };
const GDP: ScheduleKey = { id: 'GDP', source: 'fred', frequency: 'Q', basis: 'quarterly' };

const expected = (key: ScheduleKey, now: number): string => {
  const s = scheduleFor(key);
  if (s === null) throw new Error(`no schedule for ${key.id}`);
  return expectedLatest(s, now, cal).date;
};

describe('H.4.1: Thursday 4:30 p.m. ET for the Wednesday', () => {
  it('a normal Thursday, before and after 4:30 p.m. ET (TV-S4, 2025-11-13)', () => {
    expect(expected(WALCL, et('2025-11-13', 10, 0))).toBe('2025-11-05');
    expect(expected(WALCL, et('2025-11-13', 16, 29))).toBe('2025-11-05');
    expect(expected(WALCL, et('2025-11-13', 16, 30))).toBe('2025-11-12');
    // 2026-11-19, EST: 16:30 ET is 21:30 UTC.
    expect(expected(WALCL, Date.parse('2026-11-19T21:29:00Z'))).toBe('2026-11-11');
    expect(expected(WALCL, Date.parse('2026-11-19T21:31:00Z'))).toBe('2026-11-18');
  });

  it('Thanksgiving (Thursday 2026-11-26): the release moves to Friday', () => {
    expect(expected(WALCL, et('2026-11-26', 17, 0))).toBe('2026-11-18');
    expect(expected(WALCL, et('2026-11-27', 16, 29))).toBe('2026-11-18');
    expect(expected(WALCL, et('2026-11-27', 16, 31))).toBe('2026-11-25');
    expect(scheduleFor(WALCL)?.publishedAt(d('2026-11-25'), cal).at).toBe(et('2026-11-27', 16, 30));
  });

  it('Christmas and New Year on a Thursday (2025): Friday releases; on a Friday (2026): Thursday as usual', () => {
    expect(expected(WALCL, et('2025-12-25', 18, 0))).toBe('2025-12-17');
    expect(expected(WALCL, et('2025-12-26', 16, 31))).toBe('2025-12-24');
    expect(expected(WALCL, et('2026-01-01', 18, 0))).toBe('2025-12-24');
    expect(expected(WALCL, et('2026-01-02', 16, 31))).toBe('2025-12-31');
    // 2026-12-25 and 2027-01-01 are Fridays: the Thursdays before are business days.
    expect(expected(WALCL, et('2026-12-24', 16, 31))).toBe('2026-12-23');
    expect(expected(WALCL, et('2026-12-31', 16, 31))).toBe('2026-12-30');
  });

  it('counts the weeks between the last stored Wednesday and the expected one', () => {
    const now = et('2026-12-01', 12, 0);
    expect(freshness(WALCL, d('2026-11-25'), now)).toMatchObject({ expectedLatest: '2026-11-25', releasesBehind: 0, word: 'up to date' });
    expect(freshness(WALCL, d('2026-11-18'), now)).toMatchObject({ releasesBehind: 1, word: '1 release behind' });
    expect(freshness(WALCL, d('2026-08-26'), now)).toMatchObject({ releasesBehind: 13, word: '13 releases behind' });
    expect(freshness(WALCL, d('2026-08-26'), now)?.next).toMatchObject({ date: '2026-12-02', at: et('2026-12-03', 16, 30), estimated: false });
  });
});

describe('DTS: 4:00 p.m. ET for the previous business day', () => {
  it('across a weekend: Friday’s statement comes on Monday afternoon', () => {
    expect(expected(TGA, et('2026-11-21', 12, 0))).toBe('2026-11-19'); // Saturday
    expect(expected(TGA, et('2026-11-23', 15, 59))).toBe('2026-11-19');
    expect(expected(TGA, et('2026-11-23', 16, 1))).toBe('2026-11-20');
  });

  it('across holidays: Thanksgiving, and Columbus Day (Monday 2026-10-12)', () => {
    expect(expected(TGA, et('2026-11-26', 17, 0))).toBe('2026-11-24'); // no DTS on the holiday
    expect(expected(TGA, et('2026-11-27', 16, 1))).toBe('2026-11-25');
    expect(expected(TGA, et('2026-11-30', 16, 1))).toBe('2026-11-27');
    expect(expected(TGA, et('2026-10-12', 17, 0))).toBe('2026-10-08');
    expect(expected(TGA, et('2026-10-13', 16, 1))).toBe('2026-10-09');
  });

  it('one release per business day behind', () => {
    expect(freshness(TGA, d('2026-11-19'), et('2026-11-23', 16, 1))?.releasesBehind).toBe(1);
    // 2026-11-20 → 2026-11-30: 23, 24, 25, 27, 30 (the 26th is Thanksgiving).
    expect(freshness(TGA, d('2026-11-20'), et('2026-12-01', 16, 1))?.releasesBehind).toBe(5);
  });
});

describe('NY Fed reference rates: the next business day, about 8:00 a.m. ET', () => {
  it('SOFR on a Monday morning, before and after 8:00 ET', () => {
    expect(expected(SOFR, et('2026-11-23', 7, 59))).toBe('2026-11-19');
    expect(expected(SOFR, et('2026-11-23', 8, 0))).toBe('2026-11-20');
    // After Thanksgiving: Wednesday's rate came out on Friday, Friday's on Monday.
    expect(expected(SOFR, et('2026-11-30', 7, 59))).toBe('2026-11-25');
    expect(expected(SOFR, et('2026-11-30', 8, 1))).toBe('2026-11-27');
  });

  it("FRED's copy (DFF, a 7-day series) comes an hour later, and Monday's one release carries the weekend", () => {
    expect(expected(DFF, et('2026-11-23', 8, 30))).toBe('2026-11-19');
    expect(expected(DFF, et('2026-11-23', 9, 0))).toBe('2026-11-22');
    expect(freshness(DFF, d('2026-11-20'), et('2026-11-23', 9, 0))).toMatchObject({ releasesBehind: 1, word: '1 release behind' });
    expect(freshness(DFF, d('2026-11-18'), et('2026-11-23', 9, 0))?.releasesBehind).toBe(2);
  });

  it('ON RRP results via FRED: the same day, 4:30 p.m. ET', () => {
    expect(expected(RRP, et('2026-11-24', 16, 29))).toBe('2026-11-23');
    expect(expected(RRP, et('2026-11-24', 16, 30))).toBe('2026-11-24');
    expect(expected(RRP, et('2026-11-28', 12, 0))).toBe('2026-11-27');
  });
});

describe('GDP: BEA first releases', () => {
  it('by rule (no table): the advance estimate about a month after the quarter, labelled estimated', () => {
    const f = freshness(GDP, d('2026-01-01'), et('2026-12-01', 12, 0), { gdp: GDP_BY_RULE });
    expect(f).toMatchObject({ expectedLatest: '2026-07-01', expectedEstimated: true, releasesBehind: 2, word: '2 releases behind' });
    expect(f?.next).toMatchObject({ date: '2026-10-01', estimated: true });
  });

  it('a table of release dates plugs in; quarters it lacks fall back to the rule', () => {
    const table: GdpReleaseDates = { firstRelease: (q) => (q === '2026-07-01' ? et('2026-10-29', 8, 30) : null) };
    expect(freshness(GDP, d('2026-07-01'), et('2026-10-29', 8, 0), { gdp: table })).toMatchObject({ expectedLatest: '2026-04-01', releasesBehind: 0 });
    const after = freshness(GDP, d('2026-04-01'), et('2026-10-29', 9, 0), { gdp: table });
    expect(after).toMatchObject({ expectedLatest: '2026-07-01', expectedEstimated: false, releasesBehind: 1, word: '1 release behind' });
    expect(after?.next).toMatchObject({ date: '2026-10-01', estimated: true });
  });
});

describe('monthly series and fallbacks', () => {
  it('M2SL (H.6, about the fourth Tuesday) and MSPD bills (fourth business day)', () => {
    const m2: ScheduleKey = { id: 'M2SL', source: 'fred', frequency: 'M', basis: 'monthly' };
    expect(expected(m2, et('2026-11-24', 12, 0))).toBe('2026-09-01');
    expect(expected(m2, et('2026-11-24', 13, 0))).toBe('2026-10-01');
    const bills: ScheduleKey = { id: 'MSPD_BILLS', source: 'fiscaldata', frequency: 'M', basis: 'month_end' };
    expect(freshness(bills, d('2026-10-31'), et('2026-12-04', 14, 0))).toMatchObject({ expectedLatest: '2026-10-31', releasesBehind: 0 });
    expect(freshness(bills, d('2026-10-31'), et('2026-12-04', 15, 0))).toMatchObject({ expectedLatest: '2026-11-30', releasesBehind: 1 });
  });

  it('a discontinued series is expected no later than its last date', () => {
    const ioer: ScheduleKey = { id: 'IOER', source: 'fred', frequency: 'D', basis: 'daily', endsOn: d('2021-07-28') };
    expect(freshness(ioer, d('2021-07-28'), et('2026-12-01', 12, 0))).toMatchObject({ expectedLatest: '2021-07-28', releasesBehind: 0, word: 'up to date', next: null });
  });

  it('unknown sources get a conservative daily rule; an unknown frequency has no calendar', () => {
    const other: ScheduleKey = { id: 'NEWTHING', source: 'somewhere', frequency: 'D', basis: 'daily' };
    expect(expected(other, et('2026-11-24', 16, 59))).toBe('2026-11-20');
    expect(expected(other, et('2026-11-24', 17, 0))).toBe('2026-11-23');
    expect(freshness({ id: 'X', source: 'fred', frequency: 'A', basis: 'annual' }, d('2020-01-01'), et('2026-12-01', 12, 0))).toBeNull();
  });

  it('data ahead of the calendar (IORB is posted ahead; a slow clock) is up to date, never negative', () => {
    const iorb: ScheduleKey = { id: 'IORB', source: 'fred', frequency: 'D', basis: 'daily' };
    expect(freshness(iorb, d('2026-11-30'), et('2026-11-27', 12, 0))).toMatchObject({ releasesBehind: 0, word: 'up to date' });
  });

  it('words', () => {
    expect([freshnessWord(null), freshnessWord(0), freshnessWord(1), freshnessWord(7)]).toEqual(['no data', 'up to date', '1 release behind', '7 releases behind']);
  });
});

describe('summarizeBehind (the all-views banner)', () => {
  it('names the newest and oldest data date among the inputs and the behind quarters apart', () => {
    const s = summarizeBehind([
      { id: 'WALCL', frequency: 'W', lastDate: '2026-10-13', releasesBehind: 7 },
      { id: 'TGA_DTS', frequency: 'D', lastDate: '2026-06-23', releasesBehind: 110 },
      { id: 'GDP', frequency: 'Q', lastDate: '2026-01-01', releasesBehind: 2 },
      { id: 'SRF_AM', frequency: 'D', lastDate: null, releasesBehind: null },
    ]);
    expect(s).toMatchObject({ withData: 3, newest: { id: 'WALCL', date: '2026-10-13' }, oldest: { id: 'TGA_DTS', date: '2026-06-23' }, quarters: [{ id: 'GDP', quarter: '2026Q1', releasesBehind: 2 }] });
    expect(s?.behind.map((x) => x.id)).toEqual(['WALCL', 'TGA_DTS', 'GDP']);
  });

  it('is null when every input with data is up to date', () => {
    expect(summarizeBehind([{ id: 'WALCL', frequency: 'W', lastDate: '2026-11-25', releasesBehind: 0 }, { id: 'SRF_AM', frequency: 'D', lastDate: null, releasesBehind: null }])).toBeNull();
  });
});
