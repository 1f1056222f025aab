import { describe, expect, it } from 'vitest';
import { parseFredCsv, parseWideCsv } from '../../../shared/parse/fred-csv.js';
import { readData } from '../../support/fixtures.js';

describe('parseFredCsv on real fredgraph files', () => {
  it('reads WALCL (observation_date header, 1,237 rows, the 6747378.0000000000 quirk)', () => {
    const r = parseFredCsv(readData('fred/WALCL.csv'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.headerId).toBe('WALCL');
    expect(r.value.observations).toHaveLength(1237);
    expect(r.value.observations[0]).toEqual({ date: '2002-12-18', value: 719542 });
    expect(r.value.observations.find((o) => o.date === '2026-07-22')?.value).toBe(6747378);
    expect(r.value.observations.at(-1)?.date).toBe('2026-08-26');
  });

  it('keeps empty values as missing, never as zero (RRPONTSYD has 58 holidays)', () => {
    const r = parseFredCsv(readData('fred/RRPONTSYD.csv'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const missing = r.value.observations.filter((o) => o.value === null);
    expect(missing).toHaveLength(58);
    expect(missing.some((o) => o.date === '2026-06-19')).toBe(true);
  });

  it('reads the legacy DATE header and "." missing markers (real rows, legacy spelling)', () => {
    const legacy = readData('fred/RRPONTSYD.csv').replace('observation_date,RRPONTSYD', 'DATE,RRPONTSYD').replace('2026-06-19,\n', '2026-06-19,.\n');
    const r = parseFredCsv(legacy);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.headerId).toBe('RRPONTSYD');
    expect(r.value.observations.find((o) => o.date === '2026-06-19')?.value).toBeNull();
  });

  it('reads a CRLF two-column file (WCURCIR) and a date,value file with no id', () => {
    const r = parseFredCsv(readData('derived/WCURCIR.cool1990__Invest_Dashboard_V2.csv'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.headerId).toBeNull();
    expect(r.value.observations).toHaveLength(1243);
  });

  it('reads a BOM in front of the header', () => {
    const r = parseFredCsv(`\uFEFF${readData('fred/IORB.csv')}`);
    expect(r.ok && r.value.headerId).toBe('IORB');
  });

  it.each([
    ['an HTML 404 page', '<!DOCTYPE html>\n<html><head><title>404</title></head></html>', /HTML page/],
    ['an empty body', '', /empty/],
    ['a header only', 'observation_date,WALCL\n', /no observations/],
    ['a non-numeric value', 'observation_date,WALCL\n2002-12-18,71abc\n', /line 2: "71abc" is not a number/],
    ['an impossible date', 'observation_date,WALCL\n2002-02-30,1\n', /not a date/],
    ['a truncated last line', 'observation_date,WALCL\n2002-12-18,719542\n2002-12-2', /line 3: expected 2 fields, got 1 \(truncated/],
    ['a line cut inside the date', 'observation_date,WALCL\n2002-12-18,719542\n2002-12-2,5\n', /line 3: "2002-12-2" is not a date/],
    ['three columns', 'observation_date,WALCL,X\n2002-12-18,1,2\n', /two-column header/],
  ])('rejects %s with a specific message', (_name, text, message) => {
    const r = parseFredCsv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('parseWideCsv', () => {
  it('reads one column of a wide table, skipping empty cells', () => {
    const r = parseWideCsv(readData('derived/heliar-k__market-base/liquidity.csv'), 'WRESBAL');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.find((o) => o.date === '2025-10-29')?.value).toBe(2848021);
    expect(r.value.every((o) => o.value !== null)).toBe(true);
  });
});
