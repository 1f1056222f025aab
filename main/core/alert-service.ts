/**
 * Alerts in a running app (issue 13 §7): evaluated at start and after each sync, their new triggers
 * recorded, and the ones on an alert's latest observation handed to listeners as notices — the
 * renderer shows them with the browser's Notification API (browser mode); the Electron shell can
 * subscribe with `onNotice` and show a native `Notification` (the shell's hook; not wired here).
 */
import { conditionText } from '../../shared/compute/alerts.js';
import type { AlertDto, AlertNoticeDto, AlertsDto } from '../../shared/ipc/analysis-contract.js';
import { evaluateStoredAlerts, type AlertsReport } from './analysis/alerts-from-store.js';
import type { Db } from './db/open-database.js';
import { alertEvents } from './db/repos/alerts-repo.js';
import type { SyncController } from './sync-controller.js';

export interface AlertService {
  /** Evaluates every alert now, recording new triggers; returns the panel's view of them. */
  evaluate(): AlertsDto;
  /** The last evaluation (evaluating first if there was none). */
  current(): AlertsDto;
  /** Called with each new notice; returns an unsubscribe function. */
  onNotice(fn: (n: AlertNoticeDto) => void): () => void;
}

const MAX_NOTICES = 100;

export function toAlertDtos(r: AlertsReport): AlertDto[] {
  return r.results.map(({ def, evaluation: e }) => ({
    id: def.id,
    name: def.name,
    formula: def.formula,
    op: def.op,
    threshold: def.threshold,
    skipCalendarExpected: def.skipCalendarExpected,
    enabled: def.enabled,
    preset: def.preset ?? null,
    condition: conditionText(def),
    state: e.state,
    lastDate: e.lastDate,
    lastValue: e.lastValue,
    unit: e.unit,
    since: e.since,
    detail: e.detail,
    triggers: e.triggers,
    suppressed: e.suppressed,
    error: e.error ?? null,
  }));
}

export function createAlertService(db: Db, now: () => number, log?: (line: string) => void): AlertService {
  let last: AlertsDto | null = null;
  let seq = 0;
  const notices: AlertNoticeDto[] = [];
  const listeners = new Set<(n: AlertNoticeDto) => void>();
  const evaluate = (): AlertsDto => {
    const evaluatedAt = new Date(now()).toISOString();
    let r: AlertsReport;
    try {
      r = evaluateStoredAlerts(db, { record: true, nowIso: evaluatedAt });
    } catch (e) {
      // A read-only store (a second window beside the app) cannot record: evaluate without history.
      log?.(`alerts: not recorded (${e instanceof Error ? e.message : String(e)})`);
      r = evaluateStoredAlerts(db, { record: false, nowIso: evaluatedAt });
    }
    for (const f of r.fresh) {
      if (!f.current) continue;
      const n: AlertNoticeDto = { seq: ++seq, alertId: f.alertId, name: f.name, date: f.trigger.date, value: f.trigger.value, unit: f.unit };
      notices.push(n);
      for (const l of listeners) l(n);
    }
    notices.splice(0, Math.max(0, notices.length - MAX_NOTICES));
    last = {
      evaluatedAt,
      alerts: toAlertDtos(r),
      history: alertEvents(db, undefined, 300).map((h) => ({ alertId: h.alertId, date: h.date, value: h.value, recordedAt: h.recordedAt })),
      notices: [...notices],
    };
    return last;
  };
  return {
    evaluate,
    current: () => last ?? evaluate(),
    onNotice(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** The same controller, evaluating the alerts once each sync it starts has finished. */
export function evaluateAfterSync(sync: SyncController, alerts: AlertService, log?: (line: string) => void): SyncController {
  return {
    ...sync,
    start(ids) {
      const wasRunning = sync.status().running;
      const s = sync.start(ids);
      if (!wasRunning && s.running) {
        void sync.idle().then(() => {
          try {
            alerts.evaluate();
          } catch (e) {
            log?.(`alerts: evaluation after sync failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        });
      }
      return s;
    },
  };
}
