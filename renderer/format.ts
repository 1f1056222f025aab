/** Number formats analysts expect (design.md §7). Units always shown. */

const MINUS = '\u2212';
const finite = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);
/** Rounds to `dp` decimals without a negative zero. */
const roundTo = (x: number, dp: number): number => {
  const f = 10 ** dp;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
};
// One formatter per precision: `toLocaleString` with options builds a new Intl.NumberFormat on every
// call, which cost ~1 ms per chart's legend box in the chart benchmark.
const FORMATTERS = new Map<string, Intl.NumberFormat>();
const formatter = (min: number, max: number): Intl.NumberFormat => {
  const k = `${min}/${max}`;
  let f = FORMATTERS.get(k);
  if (f === undefined) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
    FORMATTERS.set(k, f);
  }
  return f;
};
const grouped = (x: number, dp: number): string => formatter(dp, dp).format(x);

/** A level in $bn: `$2,855bn` under ten thousand billions, `$12.34tn` from there; negatives `−$5bn`. */
export function money(bn: number | null | undefined): string {
  if (!finite(bn)) return '—';
  const sign = bn < 0 ? MINUS : '';
  const a = Math.abs(bn);
  const whole = Math.round(a);
  if (whole >= 10_000) return `${sign}$${(a / 1000).toFixed(2)}tn`;
  return whole === 0 ? '$0bn' : `${sign}$${grouped(whole, 0)}bn`;
}

/** A level in trillions with 2 dp, for the balance sheet (`$6.58tn`). */
export function moneyTn(bn: number | null | undefined): string {
  if (!finite(bn)) return '—';
  const t = roundTo(bn / 1000, 2);
  return `${t < 0 ? MINUS : ''}$${Math.abs(t).toFixed(2)}tn`;
}

/**
 * A small flow (SRF take-up, a drained ON RRP): one decimal below $10bn (`$0.3bn`), `$0bn` for zero,
 * `<$0.1bn` for a positive amount too small to show; from $10bn on, as `money`.
 */
export function moneySmall(bn: number | null | undefined): string {
  if (!finite(bn)) return '—';
  if (Math.abs(bn) >= 9.95) return money(bn);
  if (bn === 0) return '$0bn';
  const r = roundTo(bn, 1);
  if (r === 0) return bn > 0 ? '<$0.1bn' : `>${MINUS}$0.1bn`;
  return `${r < 0 ? MINUS : ''}$${Math.abs(r).toFixed(1)}bn`;
}

/** A change in $bn, signed (`+$41bn`, `−$12bn`); one that rounds to zero is `±$0bn`, never `−$0bn`. */
export function moneyChange(bn: number | null | undefined): string {
  if (!finite(bn)) return '—';
  const r = roundTo(bn, 0);
  if (r === 0) return '±$0bn';
  return `${r > 0 ? '+' : MINUS}$${grouped(Math.abs(r), 0)}bn`;
}

/** A change of a small flow: one decimal below $10bn (`−$0.4bn`), otherwise as `moneyChange`. */
export function moneyChangeSmall(bn: number | null | undefined): string {
  if (!finite(bn)) return '—';
  if (Math.abs(bn) >= 9.95) return moneyChange(bn);
  const r = roundTo(bn, 1);
  if (r === 0) return '±$0bn';
  return `${r > 0 ? '+' : MINUS}$${Math.abs(r).toFixed(1)}bn`;
}

export function moneyPrecise(bn: number): string {
  const a = formatter(0, 3).format(Math.abs(bn));
  return `${bn < 0 && a !== '0' ? MINUS : ''}$${a}bn`;
}

/** A share 0..1 as a whole percentage (`48%`); outside the range it says so by going below 0 or above 100. */
export function shareText(x: number | null | undefined): string {
  if (!finite(x)) return '—';
  const r = roundTo(100 * x, 0);
  return `${r < 0 ? MINUS : ''}${Math.abs(r)}%`;
}

/**
 * The text a number field shows for a stored value: rounded to the step's decimals plus two (α with
 * step 0.1 → 3 dp, γ with step 0.01 → 4 dp), trailing zeros dropped. Display only: the stored value
 * keeps its full precision until the user edits the field.
 */
export function fieldText(value: number, step: number): string {
  if (!Number.isFinite(value)) return '';
  const s = String(step);
  const stepDp = Number.isFinite(step) && s.includes('.') && !s.includes('e') ? s.length - s.indexOf('.') - 1 : 0;
  return String(roundTo(value, Math.min(stepDp + 2, 6)));
}

export function rate(pct: number | null | undefined): string {
  return pct === null || pct === undefined || !Number.isFinite(pct) ? '—' : `${pct.toFixed(2)}%`;
}

export function bpText(bp: number | null | undefined): string {
  if (bp === null || bp === undefined || !Number.isFinite(bp)) return '—';
  const r = Math.round(bp * 10) / 10;
  const s = Number.isInteger(r) ? String(Math.abs(r)) : Math.abs(r).toFixed(1);
  return r > 0 ? `+${s} bp` : r < 0 ? `−${s} bp` : '0 bp';
}

export function pctOf(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}%`;
}

export function isoOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** A signed difference with `dp` decimals (`+0.42 pp`, `−1.30%`); one that rounds to zero is `0`, never `−0`. */
export function signedFixed(v: number, dp: number, suffix: string): string {
  const r = roundTo(v, dp);
  return `${r > 0 ? '+' : r < 0 ? MINUS : ''}${Math.abs(r).toFixed(dp)}${suffix}`;
}

export function valueFor(unit: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  switch (unit) {
    case 'usd_bn':
    case 'usd_bn_saar':
      return moneyPrecise(v);
    case 'percent':
      return rate(v);
    case 'bp':
      return bpText(v);
    // Differences between scenarios (Compare): signed, in the metric's own unit.
    case '$bn change':
      return moneyChangeSmall(v);
    case 'pp':
      return signedFixed(v, 2, ' pp');
    case '% change':
      return signedFixed(v, 2, '%');
    default:
      return String(Math.round(v * 1e4) / 1e4);
  }
}

/**
 * A value as a chart's legend box reads it: money as the presentation rules write levels (`$3,030bn`,
 * `$0.3bn`, `$12.34tn`), rates 2 dp, spreads in bp; exact stored values are in the table and the CSV.
 */
export function readoutValue(unit: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  switch (unit) {
    case 'usd_bn':
    case 'usd_bn_saar':
      return moneySmall(v);
    case 'usd_price':
      return `${v < 0 ? MINUS : ''}$${grouped(Math.abs(v), 2)}`;
    case 'index':
      return grouped(v, 2);
    default:
      return valueFor(unit, v);
  }
}

/** Text matched literally inside a RegExp. */
export const escapeRegExp = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
