/**
 * Alerts (issue 13 §7): every stored alert — a series or formula against a threshold — with its state
 * at the core's last evaluation (at start, after each sync, after a change here), its triggers over the
 * last year and the recorded history. New alerts start empty or from a preset. In browser mode the
 * browser's Notification API shows new triggers after the user allowed it; the desktop shell's native
 * notification subscribes to the core's `alerts.onNotice` instead (not wired in this panel).
 */
import { useEffect, useMemo, useState } from 'react';
import { api, isElectron } from '../../api/client.js';
import { useAsync } from '../../app/use-async.js';
import { ChartGroup } from '../../charts/chart-group.js';
import type { ChartSpec } from '../../charts/chart-spec.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { valueFor } from '../../format.js';
import { ALERT_OP_SYMBOL, ALERT_OPS, ALERT_PRESETS, type AlertOp } from '../../../shared/compute/alerts.js';
import type { AlertDto, AlertNoticeDto, AlertsDto } from '../../../shared/ipc/analysis-contract.js';
import type { AnalysisPanelProps } from './tabs.js';
import { ViewMessage, type ViewMessageState } from '../data/ViewMessage.js';

const STATE_WORD: Readonly<Record<AlertDto['state'], string>> = { firing: '▲ firing', expected: '△ met, calendar-expected', ok: 'ok', no_data: 'no data', error: '✕ error', disabled: 'disabled' };
const OP_WORD: Readonly<Record<AlertOp, string>> = { above: 'above (>)', at_or_above: 'at or above (≥)', below: 'below (<)', at_or_below: 'at or below (≤)', crosses: 'crosses' };
const REFRESH_MS = 15_000;

const num = (v: number | null): string => (v === null ? '—' : String(Math.round(v * 1000) / 1000));
const unitText = (u: string): string => (u === 'usd_bn' ? '$bn' : u === 'percent' ? '%' : u === 'ratio' || u === 'number' ? '' : u);

/** The last notice this window has shown (notices count up within one run of the core). */
let lastNoticeSeq = 0;

/** Browser mode: a Notification per new notice, once the user allowed them. The clean hook for the shell is `Core.alerts.onNotice`. */
export function notifyAlerts(notices: readonly AlertNoticeDto[]): number {
  const fresh = notices.filter((n) => n.seq > lastNoticeSeq);
  if (fresh.length === 0) return 0;
  lastNoticeSeq = Math.max(lastNoticeSeq, ...fresh.map((n) => n.seq));
  if (isElectron() || typeof Notification === 'undefined' || Notification.permission !== 'granted') return 0;
  for (const n of fresh) new Notification(`Reservoir alert: ${n.name}`, { body: `${valueFor(n.unit, n.value)} on ${n.date}`, tag: `${n.alertId} ${n.date}` });
  return fresh.length;
}

interface Draft {
  name: string;
  formula: string;
  op: AlertOp;
  threshold: string;
  skip: boolean;
}
const EMPTY: Draft = { name: '', formula: '', op: 'above', threshold: '', skip: false };

export function AlertsPanel({ themeKey, onStatus }: AnalysisPanelProps): React.JSX.Element {
  const [formMsg, setFormMsg] = useState<ViewMessageState | null>(null);
  const [loaded, reload] = useAsync(() => api('alerts:list', {}), []);
  const [over, setOver] = useState<AlertsDto | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [selected, setSelected] = useState<string | null>(null);
  const [perm, setPerm] = useState<string>(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  const data = over ?? (loaded.status === 'ready' ? loaded.value : null);

  useEffect(() => {
    if (data) notifyAlerts(data.notices);
  }, [data]);
  useEffect(() => {
    const t = setInterval(() => {
      setOver(null);
      reload();
    }, REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);

  const chosen = data?.alerts.find((a) => a.id === selected) ?? data?.alerts.find((a) => a.state === 'firing') ?? data?.alerts[0] ?? null;
  const [chart] = useAsync(async (): Promise<ChartSpec | null> => {
    if (chosen === null || chosen.state === 'error') return null;
    const r = await api('formula:eval', { source: chosen.formula });
    const from = r.dates.length > 0 ? (r.dates[r.dates.length - 1] ?? 0) - 3 * 365 : 0;
    const i0 = r.dates.findIndex((d) => d >= from);
    const dates = i0 < 0 ? [] : r.dates.slice(i0);
    const values = i0 < 0 ? [] : r.values.slice(i0);
    return {
      key: `alert-${chosen.id}`,
      title: `${chosen.name}: ${r.formula}, last three years`,
      unitLabel: unitText(r.unit),
      x: [...dates],
      series: [{ id: chosen.formula, label: r.formula, unit: r.unit, color: '#0072B2', values: [...values] }],
      refLines: [{ value: chosen.threshold, label: `threshold ${ALERT_OP_SYMBOL[chosen.op]} ${num(chosen.threshold)}` }],
      footer: [`Formula ${r.formula} on the store's series (Workspace rules). Alert: ${chosen.condition}${chosen.skipCalendarExpected ? ', only if not calendar-expected' : ''}.`, 'Made with Reservoir.'],
    };
  }, [chosen?.id, chosen?.formula, chosen?.threshold, chosen?.op, data?.evaluatedAt]);
  const group = useMemo(() => new ChartGroup('alerts'), []);

  if (loaded.status === 'loading' && data === null) return <div className="state">Evaluating the alerts…</div>;
  if (loaded.status === 'error' && data === null) return <div className="state error">Could not read the alerts: {loaded.error}</div>;
  if (data === null) return <div className="state">Evaluating the alerts…</div>;

  const save = async (body: Parameters<typeof api<'alerts:save'>>[1], what: string): Promise<boolean> => {
    try {
      setOver(await api('alerts:save', body));
      onStatus(what);
      return true;
    } catch (e) {
      const text = `Not saved: ${e instanceof Error ? e.message : String(e)}`;
      onStatus(text);
      setFormMsg({ kind: 'error', text });
      return false;
    }
  };
  const create = async (): Promise<void> => {
    const t = Number(draft.threshold);
    if (draft.formula.trim() === '') return setFormMsg({ kind: 'error', text: 'Not saved: type a series id or a formula (e.g. bp(SOFR, IORB)).' });
    if (draft.threshold.trim() === '' || !Number.isFinite(t)) return setFormMsg({ kind: 'error', text: `Not saved: the threshold must be a number${draft.threshold.trim() === '' ? '' : ` (“${draft.threshold.trim()}” is not)`}.` });
    const name = draft.name.trim() || `${draft.formula.trim()} ${ALERT_OP_SYMBOL[draft.op]} ${t}`;
    // The form keeps what was typed when the core refuses it, so it can be corrected.
    if (await save({ name, formula: draft.formula.trim(), op: draft.op, threshold: t, skipCalendarExpected: draft.skip, enabled: true }, `alert “${name}” saved and evaluated`)) {
      setDraft(EMPTY);
      setFormMsg({ kind: 'ok', text: `Alert “${name}” saved and evaluated.` });
    }
  };
  const toggle = (a: AlertDto): Promise<boolean> => save({ id: a.id, name: a.name, formula: a.formula, op: a.op, threshold: a.threshold, skipCalendarExpected: a.skipCalendarExpected, enabled: !a.enabled }, `alert “${a.name}” ${a.enabled ? 'disabled' : 'enabled'}`);
  const remove = async (a: AlertDto): Promise<void> => {
    try {
      setOver(await api('alerts:delete', { id: a.id }));
      onStatus(`alert “${a.name}” deleted`);
    } catch (e) {
      onStatus(`not deleted: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const names = new Map(data.alerts.map((a) => [a.id, a.name]));
  const units = new Map(data.alerts.map((a) => [a.id, a.unit]));
  const firing = data.alerts.filter((a) => a.state === 'firing');

  return (
    <div className="alerts" data-alerts>
      <p data-summary="alerts">
        <strong>
          {data.alerts.length} alerts, {firing.length} firing now{firing.length > 0 ? `: ${firing.map((a) => a.name).join('; ')}` : ''}.
        </strong>{' '}
        <span className="muted">Evaluated {data.evaluatedAt?.slice(0, 19).replace('T', ' ') ?? '—'} UTC (at start, after each sync, after a change here). A level alert triggers on the first observation of each run that meets it; history covers the year before each alert&rsquo;s latest observation.</span>
      </p>
      <div className="toolbar">
        {isElectron() ? (
          <span className="muted">Desktop notifications come from the app shell.</span>
        ) : perm === 'granted' ? (
          <span className="muted" data-notify="on">
            Browser notifications on for new triggers.
          </span>
        ) : perm === 'unsupported' ? (
          <span className="muted">This browser has no notifications.</span>
        ) : (
          <button type="button" data-action="notify" onClick={() => void Notification.requestPermission().then(setPerm)}>
            Allow browser notifications
          </button>
        )}
      </div>
      <table data-table="alerts">
        <thead>
          <tr>
            <th scope="col">alert</th>
            <th scope="col">condition</th>
            <th scope="col">state</th>
            <th scope="col">latest</th>
            <th scope="col" className="num">
              value
            </th>
            <th scope="col">since</th>
            <th scope="col" className="num">
              triggers (1 y)
            </th>
            <th scope="col">last trigger</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {data.alerts.map((a) => (
            <tr key={a.id} data-alert={a.id} data-state={a.state} className={a.id === chosen?.id ? 'on' : ''} onClick={() => setSelected(a.id)} title={a.error ?? a.detail}>
              <td>
                {a.name}
                {a.preset ? <span className="muted"> (preset)</span> : null}
              </td>
              <td>
                <code>{a.condition}</code>
                {a.skipCalendarExpected ? <span className="muted"> · only if not calendar-expected</span> : null}
              </td>
              <td style={{ color: a.state === 'firing' ? 'var(--alert)' : a.state === 'expected' ? 'var(--watch)' : a.state === 'error' ? 'var(--alert)' : undefined }}>{STATE_WORD[a.state]}</td>
              <td>{a.lastDate ?? '—'}</td>
              <td className="num">
                {valueFor(a.unit, a.lastValue)}
              </td>
              <td>{a.since ?? '—'}</td>
              <td className="num">{a.triggers.length}</td>
              <td>{a.triggers.at(-1) ? `${a.triggers.at(-1)?.date ?? ''} (${valueFor(a.unit, a.triggers.at(-1)?.value ?? null)})` : '—'}</td>
              <td>
                <button type="button" data-action="toggle" onClick={(e) => (e.stopPropagation(), void toggle(a))}>
                  {a.enabled ? 'Disable' : 'Enable'}
                </button>{' '}
                <button type="button" data-action="delete" onClick={(e) => (e.stopPropagation(), void remove(a))}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {chosen?.error ? <p className="state error">{chosen.error}</p> : null}
      {chart.status === 'ready' && chart.value ? <TimeChart spec={chart.value} group={group} themeKey={themeKey} onStatus={onStatus} height={200} /> : null}
      <form
        className="alert-form toolbar"
        data-form="alert"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <strong>New alert</strong>
        <label>
          from a preset{' '}
          <select
            value=""
            data-field="preset"
            onChange={(e) => {
              const p = ALERT_PRESETS.find((x) => x.id === e.target.value);
              if (p) setDraft({ name: p.name, formula: p.formula, op: p.op, threshold: String(p.threshold), skip: p.skipCalendarExpected });
            }}
          >
            <option value="">—</option>
            {ALERT_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          name <input value={draft.name} data-field="name" onChange={(e) => setDraft({ ...draft, name: e.target.value })} placeholder="(from the condition)" />
        </label>
        <label>
          series or formula <input value={draft.formula} data-field="formula" onChange={(e) => setDraft({ ...draft, formula: e.target.value })} placeholder="bp(SOFR, IORB)" size={28} />
        </label>
        <select value={draft.op} data-field="op" aria-label="condition" onChange={(e) => setDraft({ ...draft, op: ALERT_OPS.find((o) => o === e.target.value) ?? 'above' })}>
          {ALERT_OPS.map((o) => (
            <option key={o} value={o}>
              {OP_WORD[o]}
            </option>
          ))}
        </select>
        <label>
          threshold <input value={draft.threshold} data-field="threshold" inputMode="decimal" size={8} onChange={(e) => setDraft({ ...draft, threshold: e.target.value })} />
        </label>
        <label>
          <input type="checkbox" checked={draft.skip} data-field="skip" onChange={(e) => setDraft({ ...draft, skip: e.target.checked })} /> only if not calendar-expected
        </label>
        <button type="submit" data-action="create-alert">
          Add alert
        </button>
      </form>
      <ViewMessage id="alert-form" message={formMsg} />
      <div style={{ maxHeight: 320, overflow: 'auto' }}>
      <table data-table="alert-history">
        <caption>Recorded triggers (newest first)</caption>
        <thead>
          <tr>
            <th scope="col">observation</th>
            <th scope="col">alert</th>
            <th scope="col" className="num">
              value
            </th>
            <th scope="col">recorded</th>
          </tr>
        </thead>
        <tbody>
          {data.history.slice(0, 200).map((h) => (
            <tr key={`${h.alertId} ${h.date}`} data-history={h.alertId}>
              <td>{h.date}</td>
              <td>{names.get(h.alertId) ?? h.alertId}</td>
              <td className="num">{valueFor(units.get(h.alertId) ?? '', h.value)}</td>
              <td>{h.recordedAt.slice(0, 19).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}
