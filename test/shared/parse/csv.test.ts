import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeHtml, parseCsv } from '../../../shared/parse/csv.js';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, CRLF and a BOM', () => {
    const r = parseCsv('\uFEFFa,b\r\n"x,1","say ""hi"""\r\n');
    expect(r).toEqual({ ok: true, value: [['a', 'b'], ['x,1', 'say "hi"']] });
  });

  it('reports an unclosed quote (a truncated file)', () => {
    const r = parseCsv('a,b\n"unterminated,1\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/never closes/);
  });

  it('property (synthetic input): any table written with RFC 4180 quoting reads back unchanged', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ',', '"', '\n', ' ', '.', '-') , maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 20 }), (rows) => {
        const text = rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\r\n');
        const back = parseCsv(text);
        expect(back).toEqual({ ok: true, value: rows });
      }),
      { numRuns: 300 },
    );
  });

  it('recognises HTML pages', () => {
    expect(looksLikeHtml('\n  <!DOCTYPE html><html>')).toBe(true);
    expect(looksLikeHtml('observation_date,WALCL\n')).toBe(false);
  });
});
