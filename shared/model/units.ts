/**
 * Units. Money is stored in USD billions everywhere (domain.md §0); rates in percent; spreads in bp.
 * `NativeUnit` is what a source publishes; `CanonicalUnit` is what the store holds.
 */
export type NativeUnit = 'usd_mn' | 'usd_bn' | 'usd' | 'usd_bn_saar' | 'percent' | 'index' | 'usd_price';
/**
 * `index` is a level without a currency (the broad dollar index, the S&P 500); `usd_price` is the
 * price of one unit of something in dollars (a BTC-USD close, a GLD share). Neither is money stored
 * in $bn, so neither may be added to a balance-sheet line.
 */
export type CanonicalUnit = 'usd_bn' | 'usd_bn_saar' | 'percent' | 'index' | 'usd_price';

export interface UnitConversion {
  readonly native: NativeUnit;
  readonly canonical: CanonicalUnit;
  /** canonical value = native value × scale */
  readonly scale: number;
  /** Human-readable explanation stored beside the series, e.g. "÷ 1,000 (USD millions → USD billions)". */
  readonly label: string;
}

export function conversionFor(native: NativeUnit): UnitConversion {
  switch (native) {
    case 'usd_mn':
      return { native, canonical: 'usd_bn', scale: 1e-3, label: '÷ 1,000 (USD millions → USD billions)' };
    case 'usd':
      return { native, canonical: 'usd_bn', scale: 1e-9, label: '÷ 1,000,000,000 (USD → USD billions)' };
    case 'usd_bn':
      return { native, canonical: 'usd_bn', scale: 1, label: '× 1 (already USD billions)' };
    case 'usd_bn_saar':
      return { native, canonical: 'usd_bn_saar', scale: 1, label: '× 1 (already USD billions, SAAR)' };
    case 'percent':
      return { native, canonical: 'percent', scale: 1, label: '× 1 (percent per annum, as published)' };
    case 'index':
      return { native, canonical: 'index', scale: 1, label: '× 1 (index level, as published)' };
    case 'usd_price':
      return { native, canonical: 'usd_price', scale: 1, label: '× 1 (price in USD, as published)' };
    default: {
      const never: never = native;
      throw new Error(`unknown unit ${String(never)}`);
    }
  }
}

/**
 * Converts a native value to canonical units. Scaling by a power of ten in float64 can leave
 * representation noise (719542 × 0.001 = 719.5419999…); rounding to 9 decimals removes it while
 * keeping every published digit (sources publish at most 6 decimals in canonical units).
 */
export function toCanonical(value: number, conv: UnitConversion): number {
  if (conv.scale === 1) return value;
  const scaled = conv.scale < 1 ? value / Math.round(1 / conv.scale) : value * conv.scale;
  return Math.round(scaled * 1e9) / 1e9;
}

export function unitLabel(u: CanonicalUnit): string {
  switch (u) {
    case 'usd_bn':
      return '$bn';
    case 'usd_bn_saar':
      return '$bn SAAR';
    case 'percent':
      return '%';
    case 'index':
      return 'index';
    case 'usd_price':
      return 'USD';
    default: {
      const never: never = u;
      return String(never);
    }
  }
}
