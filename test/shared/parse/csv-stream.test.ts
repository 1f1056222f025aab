/** The chunked CSV reader and the column readers of the streamed import agree with the whole-text parsers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/parse/csv.js';
import { DayColumns, fredRows } from '../../../shared/parse/csv-columns.js';
import { CsvRecordReader } from '../../../shared/parse/csv-stream.js';
import { parseFredCsv } from '../../../shared/parse/fred-csv.js';
import { fromEpochDay } from '../../../shared/time/iso-date.js';
import { readData } from '../../support/fixtures.js';

/** Reads `text` cut at the given offsets; the records, or the error. */
function streamed(text: string, cuts: readonly number[]): { ok: true; value: string[][] } | { ok: false; error: string } {
  const out: string[][] = [];
  const r = new CsvRecordReader((f) => {
    out.push(f);
    return null;
  });
  let at = 0;
  for (const c of [...new Set(cuts)].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b)) {
    if (r.push(text.slice(at, c)) !== null) break;
    at = c;
  }
  const e = r.failed ?? (r.push(text.slice(at)) ?? r.end());
  return e === null ? { ok: true, value: out } : { ok: false, error: e };
}

describe('CsvRecordReader', () => {
  it('reads a real file the same in one chunk and in 7-character chunks (FRED WALCL, DTS export)', () => {
    for (const rel of ['fred/WALCL.csv', 'fiscaldata/DTS_OpCashBal_20210624_20260623.csv', 'ddp/FRB_H41.FilippoCaramatti__H8_report.csv']) {
      const text = readData(rel);
      const whole = parseCsv(text);
      expect(streamed(text, [])).toEqual(whole);
      const cuts = Array.from({ length: Math.ceil(text.length / 7) }, (_, i) => i * 7);
      expect(streamed(text, cuts)).toEqual(whole);
    }
  });

  it('property (synthetic input): any text, cut anywhere, gives parseCsv’s records or its error', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r', ' ', '\uFEFF'), maxLength: 60 });
    fc.assert(
      fc.property(text, fc.array(fc.nat({ max: 60 }), { maxLength: 6 }), (t, cuts) => {
        expect(streamed(t, cuts)).toEqual(parseCsv(t));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('fredRows (the streamed FRED reader)', () => {
  const observationsOf = (text: string): { ok: true; value: { date: string; value: number | null }[] } | { ok: false; error: string } => {
    const cols = new DayColumns();
    const rows = fredRows(cols);
    const r = new CsvRecordReader((f, i) => (i === 0 ? null : rows(f, i)));
    const e = r.push(text) ?? r.end();
    if (e !== null) return { ok: false, error: e };
    return { ok: true, value: Array.from(cols.days, (d, i) => ({ date: fromEpochDay(d), value: Number.isNaN(cols.values[i]) ? null : (cols.values[i] ?? null) })) };
  };

  it('property (synthetic input): the same observations, or the same message, as parseFredCsv', () => {
    const date = fc.constantFrom('2025-01-02', '2025-02-30', '2024-02-29', '20250103', ' 2025-01-06 ', '');
    const value = fc.constantFrom('1.5', '.', '', 'NaN', '12abc', '6747378.0000000000', '-0.25', '1e3', ' 7 ');
    const row = fc.oneof(fc.tuple(date, value).map(([d, v]) => `${d},${v}`), fc.constant('2025-01-07'), fc.constant('2025-01-08,1,2'));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
        const text = `observation_date,WALCL\n${rows.join('\n')}\n`;
        const old = parseFredCsv(text);
        const mine = observationsOf(text);
        if (old.ok) expect(mine).toEqual({ ok: true, value: old.value.observations });
        // A header with no rows is the importer's own message; every row error is parseFredCsv's.
        else if (mine.ok) expect(mine.value).toEqual([]);
        else expect(mine.error).toBe(old.error);
      }),
      { numRuns: 2000 },
    );
  });
});
