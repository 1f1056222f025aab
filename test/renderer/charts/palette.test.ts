import { describe, expect, it } from 'vitest';
import { colorFor, themed } from '../../../renderer/charts/palette.js';

describe('themed', () => {
  it("draws Okabe–Ito's black (WALCL, IORB) in the theme's text colour and leaves every other colour alone", () => {
    expect(themed(colorFor('IORB'), '#e6e8eb')).toBe('#e6e8eb');
    expect(themed(colorFor('WALCL'), 'var(--fg)')).toBe('var(--fg)');
    expect(themed('#000', '#fff')).toBe('#fff');
    expect(themed(colorFor('SOFR'), '#fff')).toBe('#D55E00');
  });
});
