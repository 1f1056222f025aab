/** Number formats analysts expect (design.md §7). Units always shown. */
export function money(bn: number | null | undefined): string {
  if (bn === null || bn === undefined || !Number.isFinite(bn)) return '—';
  if (Math.abs(bn) >= 10_000) return `$${(bn / 1000).toFixed(2)}tn`;
  return `$${Math.round(bn).toLocaleString('en-US')}bn`;
}

export function moneyPrecise(bn: number): string {
  return `$${bn.toLocaleString('en-US', { maximumFractionDigits: 3 })}bn`;
}

export function moneyChange(bn: number | null | undefined): string {
  if (bn === null || bn === undefined || !Number.isFinite(bn)) return '—';
  const s = Math.round(Math.abs(bn)).toLocaleString('en-US');
  return bn > 0 ? `+$${s}bn` : bn < 0 ? `−$${s}bn` : '$0bn';
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
    default:
      return String(Math.round(v * 1e4) / 1e4);
  }
}
