/** `attribution [--from D] [--to D] [--json]`: what moved reserves each week, by the balance-sheet identity. */
import { ATTRIBUTION_KEYS, ATTRIBUTION_LABELS } from '../../../shared/compute/attribution.js';
import { isIsoDate } from '../../../shared/time/iso-date.js';
import { attributionFromStore } from '../analysis/attribution-from-store.js';
import type { Db } from '../db/open-database.js';
import { CommandError } from './analysis-commands.js';
import { table } from './format.js';

const SHORT: Readonly<Record<(typeof ATTRIBUTION_KEYS)[number], string>> = {
  treasuries: 'Tsy',
  bills: 'bills',
  mbs: 'MBS',
  agency: 'agency',
  repo: 'repo',
  tga: '−TGA',
  onrrp: '−ONRRP',
  currency: '−curr',
  other: 'other',
};

const signed = (x: number): string => `${x > 0 ? '+' : ''}${x.toFixed(3)}`;

export function cmdAttribution(db: Db, opts: { from?: string; to?: string; json: boolean }): void {
  for (const [name, d] of [['--from', opts.from], ['--to', opts.to]] as const) {
    if (d !== undefined && !isIsoDate(d)) throw new CommandError(`${name} ${d} is not a date (YYYY-MM-DD)`);
  }
  const from = opts.from !== undefined && isIsoDate(opts.from) ? opts.from : undefined;
  const to = opts.to !== undefined && isIsoDate(opts.to) ? opts.to : undefined;
  if (from !== undefined && to !== undefined && from > to) throw new CommandError(`--from ${from} is after --to ${to}: nothing to attribute`);
  const r = attributionFromStore(db, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  // Without a range: the last 12 weeks (the JSON has the same weeks).
  const weeks = from === undefined && to === undefined ? r.weeks.slice(-12) : r.weeks;
  if (opts.json) {
    console.log(JSON.stringify({ basis: r.basis, unit: 'usd_bn', labels: ATTRIBUTION_LABELS, weeks }, null, 2));
    return;
  }
  console.log(`Weekly change in reserve balances (WRBWFRBL, Wednesday level), attributed — contributions in $bn\nbasis: ${r.basis}`);
  if (weeks.length === 0) {
    console.log('no weeks with reserve balances on two consecutive Wednesdays in that range');
    return;
  }
  console.log(
    table(
      ['week', 'ΔR', ...ATTRIBUTION_KEYS.map((k) => SHORT[k]), 'not known (in other)'],
      weeks.map((w) => [w.week, signed(w.change), ...ATTRIBUTION_KEYS.map((k) => (w.unknown.includes(k) ? 'n/a' : signed(w.terms.find((t) => t.key === k)?.bn ?? 0))), w.unknown.join(', ')]),
      new Set(ATTRIBUTION_KEYS.map((_, i) => i + 2).concat([1])),
    ),
  );
  console.log(`\n${ATTRIBUTION_KEYS.map((k) => `${SHORT[k]} = ${ATTRIBUTION_LABELS[k]}`).join('\n')}`);
  if (from === undefined && to === undefined && r.weeks.length > weeks.length) console.log(`(${r.weeks.length - weeks.length} earlier weeks not shown; use --from/--to or --json)`);
}
