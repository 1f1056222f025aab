/** A canonical unit string from the core, as the page writes it ($bn, %, index), via shared/model/units.ts. */
import { unitLabel, type CanonicalUnit } from '../../../shared/model/units.js';

const CANONICAL: ReadonlySet<string> = new Set<CanonicalUnit>(['usd_bn', 'usd_bn_saar', 'percent', 'index', 'usd_price']);
const isCanonical = (u: string): u is CanonicalUnit => CANONICAL.has(u);

export function unitText(u: string): string {
  return isCanonical(u) ? unitLabel(u) : u;
}
