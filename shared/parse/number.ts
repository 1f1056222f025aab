/**
 * Strict number parsing. `Number("")` is 0 and `parseFloat("12abc")` is 12: both would turn a
 * malformed cell into a plausible-looking observation, so neither is used.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export type ParsedCell = { readonly kind: 'number'; readonly value: number } | { readonly kind: 'missing' } | { readonly kind: 'invalid'; readonly text: string };

/** Markers that sources use for "no observation": FRED `.` and empty, FiscalData `"null"`. */
const MISSING = new Set(['', '.', 'null', 'NULL', 'NaN', 'ND', 'N/A']);

export function parseCell(raw: string): ParsedCell {
  const text = raw.trim();
  if (MISSING.has(text)) return { kind: 'missing' };
  if (!DECIMAL.test(text)) return { kind: 'invalid', text: raw };
  const value = Number(text);
  if (!Number.isFinite(value)) return { kind: 'invalid', text: raw };
  return { kind: 'number', value };
}

/** For JSON sources that send numbers as numbers (NY Fed) or as strings (FRED, FiscalData). */
export function parseJsonNumber(raw: unknown): ParsedCell {
  if (raw === null || raw === undefined) return { kind: 'missing' };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { kind: 'number', value: raw } : { kind: 'invalid', text: String(raw) };
  if (typeof raw === 'string') return parseCell(raw);
  return { kind: 'invalid', text: typeof raw };
}
