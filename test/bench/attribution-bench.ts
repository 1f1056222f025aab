/**
 * Issue 13 speed goals on the real snapshot: the weekly reserve attribution over every week of
 * 2002–2026 (≤ 20 ms) and the evaluation of 50 alerts (≤ 10 ms). Store reads are outside the timing
 * (columns loaded once, as the app's series cache holds them); formula evaluation is inside it.
 */
import { performance } from 'node:perf_hooks';
import { alertFormulaEnv, evaluateAlerts } from '../../main/core/analysis/alerts-from-store.js';
import { getColumns } from '../../main/core/db/repos/observations-repo.js';
import { openStore } from '../../main/core/store.js';
import { ALERT_PRESETS, calendarExpected, type AlertDef, type AlertOp } from '../../shared/compute/alerts.js';
import { attributeReserves } from '../../shared/compute/attribution.js';
import type { Series } from '../../shared/compute/series.js';
import { tempDir } from '../support/temp-dir.js';
import { summarize, type Figure } from './stats.js';

const ATTRIBUTION_IDS = ['WRBWFRBL', 'TREAST', 'WSHOBL', 'WSHOMCB', 'WSHOFADSL', 'WORAL', 'RPONTTLD', 'RPONTSYD', 'WDTGAL', 'WLRRAOL', 'RRPONTSYD', 'WCURCIR'];

function timed(runs: number, f: () => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    f();
    const ms = performance.now() - t0;
    if (i >= 3) samples.push(ms); // the first runs warm the JIT
  }
  return samples;
}

export function attributionFigures(runs = 30): Figure[] {
  const t = tempDir('reservoir-bench-');
  const store = openStore({ dataDir: t.dir, now: Date.now, backups: false });
  const cols = new Map<string, Series>(ATTRIBUTION_IDS.map((id) => [id, getColumns(store.db, id)]));
  store.close();
  t.cleanup();
  let weeks = 0;
  let span = '';
  const s = summarize(
    timed(runs, () => {
      const w = attributeReserves((id) => cols.get(id));
      weeks = w.length;
      span = `${w[0]?.week ?? '?'} … ${w.at(-1)?.week ?? '?'}`;
    }),
  );
  return [{ name: 'attribution: weekly reserve change by the identity, 2002–2026', unit: 'ms', ...s, goal: '≤ 20 ms', met: s.median <= 20, note: `${weeks} weeks, ${span}` }];
}

/** The eight presets plus 42 more over other series, spreads and windows: 50 alerts, 22 distinct formulas. */
export function benchAlerts(): AlertDef[] {
  const formulas = ['bp(EFFR, IORB)', 'bp(SOFR, EFFR)', 'bp(TGCR, RRPONTSYAWARD)', 'bp(SOFR99, DFEDTARU)', 'WDTGAL', 'TGA_DTS', 'RRPONTSYD', 'WALCL - WDTGAL - WLRRAOL', 'diff(WRESBAL, 4)', 'z(bp(SOFR, IORB), 20)', 'ma(RPONTTLD, 5)', 'WRESBAL / TLAACBW027SBOG * 100', 'pct(WALCL, 52)', 'bp(OBFR, IORB)', 'lag(SOFR, 1)', 'ma(TGA_DTS, 10)'];
  const ops: readonly AlertOp[] = ['above', 'at_or_above', 'below', 'at_or_below', 'crosses'];
  const extra: AlertDef[] = [];
  for (let i = 0; extra.length < 42; i++) {
    const formula = formulas[i % formulas.length] ?? 'WDTGAL';
    extra.push({ id: `bench:${i}`, name: `bench ${i}`, formula, op: ops[i % ops.length] ?? 'above', threshold: (i % 7) * 3, skipCalendarExpected: i % 3 === 0, enabled: true });
  }
  return [...ALERT_PRESETS.map((p) => ({ ...p, skipCalendarExpected: true })), ...extra];
}

export function alertFigures(runs = 30): Figure[] {
  const t = tempDir('reservoir-bench-');
  const store = openStore({ dataDir: t.dir, now: Date.now, backups: false });
  const env = alertFormulaEnv(store.db);
  const defs = benchAlerts();
  // Loads every column once (the app's series cache); the timed runs then evaluate every formula anew.
  evaluateAlerts(defs, env, calendarExpected());
  let firing = 0;
  let errors = 0;
  const s = summarize(
    timed(runs, () => {
      const r = evaluateAlerts(defs, env, calendarExpected());
      firing = r.filter((x) => x.evaluation.state === 'firing').length;
      errors = r.filter((x) => x.evaluation.state === 'error').length;
    }),
  );
  store.close();
  t.cleanup();
  return [{ name: 'alerts: evaluate 50 alerts (22 formulas, calendar check)', unit: 'ms', ...s, goal: '≤ 10 ms', met: s.median <= 10, note: `${defs.length} alerts, ${firing} firing, ${errors} errors` }];
}
