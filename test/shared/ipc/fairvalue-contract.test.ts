/** The `fairvalue:get` request validator (issue 14 §4): dates, window length, no stray fields. */
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../../shared/ipc/contract.js';

const v = validateRequest['fairvalue:get'];

describe('fairvalue:get', () => {
  it('takes nothing, dates and a window length', () => {
    expect(v({})).toEqual({ ok: true, value: {} });
    expect(v({ from: '2025-09-01', to: '2025-12-31', windowYears: 3 })).toEqual({ ok: true, value: { from: '2025-09-01', to: '2025-12-31', windowYears: 3 } });
  });
  it('refuses bad dates, reversed ranges, odd window lengths and extra fields', () => {
    expect(v({ from: '2025-13-01' }).ok).toBe(false);
    expect(v({ from: '2025-12-31', to: '2025-09-01' }).ok).toBe(false);
    for (const w of [0, 11, 2.5, '2']) expect(v({ windowYears: w }).ok, String(w)).toBe(false);
    expect(v({ step: 3 }).ok).toBe(false);
    expect(v([]).ok).toBe(false);
  });
});
