/**
 * One colour-blind-safe palette (Okabe–Ito), the same series always the same colour in every view.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

const FIXED: Record<string, string> = {
  WRESBAL: '#0072B2',
  RESERVES: '#0072B2',
  WALCL: '#000000',
  WDTGAL: '#E69F00',
  TGA_DTS: '#E69F00',
  WTREGEN: '#E69F00',
  RRPONTSYD: '#009E73',
  NL: '#CC79A7',
  SOFR: '#D55E00',
  EFFR: '#0072B2',
  IORB: '#000000',
  TGCR: '#56B4E9',
  RRPONTSYAWARD: '#009E73',
  RPONTTLD: '#D55E00',
  GDP10: '#999999',
};

export function colorFor(id: string, i = 0): string {
  return FIXED[id] ?? OKABE_ITO[i % OKABE_ITO.length] ?? '#0072B2';
}

export const SCENARIO_COLORS = ['#000000', '#0072B2', '#D55E00', '#009E73', '#CC79A7'] as const;

/**
 * Okabe–Ito's black is "ink": drawn in the theme's text colour, so WALCL, IORB and a baseline stay
 * visible on the dark theme (where black lines disappeared).
 */
export function themed(color: string, fg: string): string {
  const c = color.toLowerCase();
  return c === '#000000' || c === '#000' ? fg : color;
}
