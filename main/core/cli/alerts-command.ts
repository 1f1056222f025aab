/** `alerts [--json]`: every stored alert with its current state, evaluated on the store now (nothing is written). */
import { alertValueText, conditionText } from '../../../shared/compute/alerts.js';
import { alertEvents } from '../db/repos/alerts-repo.js';
import { ALERT_HISTORY_DAYS, evaluateStoredAlerts } from '../analysis/alerts-from-store.js';
import type { Db } from '../db/open-database.js';
import { table } from './format.js';


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
        alertValueText(x.unit, x.lastValue),
        x.since ?? '—',
        String(x.triggersLastYear),
        x.lastTrigger ? `${x.lastTrigger.date} (${alertValueText(x.unit, x.lastTrigger.value)})` : '—',
      ]),
      new Set([6]),
    ),
  );
  for (const x of rows) if (x.error) console.log(`  ${x.name}: ${x.error}`);
}
