/** `alerts [--json]`: every stored alert with its current state, evaluated on the store now (nothing is written). */
import { conditionText } from '../../../shared/compute/alerts.js';
import { alertEvents } from '../db/repos/alerts-repo.js';
import { ALERT_HISTORY_DAYS, evaluateStoredAlerts } from '../analysis/alerts-from-store.js';
import type { Db } from '../db/open-database.js';
import { table } from './format.js';

/** A value with its unit as the app writes it ($3,029.659bn, 3.87%, +12 bp), never the unit's id. */
function withUnit(unit: string, v: number | null): string {
  if (v === null) return '—';
  const r = (Math.round(v * 1000) / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 });
  if (unit === 'usd_bn') return `${v < 0 ? '−' : ''}$${r.replace('-', '')}bn`;
  if (unit === 'percent') return `${r}%`;
  if (unit === 'bp') return `${v > 0 ? '+' : ''}${r} bp`;
  return r;
}

export function cmdAlerts(db: Db, json: boolean): void {
  const r = evaluateStoredAlerts(db, { record: false, nowIso: new Date().toISOString() });
  const rows = r.results.map(({ def, evaluation: e }) => ({
    ...def,
    condition: conditionText(def),
    state: e.state,
    lastDate: e.lastDate,
    lastValue: e.lastValue,
    unit: e.unit,
    since: e.since,
    detail: e.detail,
    triggersLastYear: e.triggers.length,
    lastTrigger: e.triggers.at(-1) ?? null,
    suppressedLastYear: e.suppressed,
    recorded: alertEvents(db, def.id, 20),
    ...(e.error === undefined ? {} : { error: e.error }),
  }));
  if (json) {
    console.log(JSON.stringify({ historyDays: ALERT_HISTORY_DAYS, alerts: rows }, null, 2));
    return;
  }
  const firing = rows.filter((x) => x.state === 'firing');
  console.log(`${rows.length} alerts; ${firing.length} firing now${firing.length > 0 ? `: ${firing.map((x) => x.name).join('; ')}` : ''}`);
  console.log(
    table(
      ['alert', 'condition', 'state', 'latest', 'value', 'since', `triggers (${ALERT_HISTORY_DAYS} d)`, 'last trigger'],
      rows.map((x) => [
        x.name + (x.skipCalendarExpected ? ' [not calendar-expected]' : ''),
        x.condition,
        x.state,
        x.lastDate ?? '—',
        withUnit(x.unit, x.lastValue),
        x.since ?? '—',
        String(x.triggersLastYear),
        x.lastTrigger ? `${x.lastTrigger.date} (${withUnit(x.unit, x.lastTrigger.value)})` : '—',
      ]),
      new Set([6]),
    ),
  );
  for (const x of rows) if (x.error) console.log(`  ${x.name}: ${x.error}`);
}
