/**
 * The Workspace: panels of any catalog series or formulas (several per panel, on one or two y axes),
 * FRED units transforms and frequency aggregation, linked cursors and ranges, and saved layouts
 * (save, replace after asking, rename, delete with Undo, reopen exactly).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ALIGNMENT_RULE } from '../../../shared/compute/formula/evaluate.js';
import { MAX_PANELS, MAX_UI_VALUE_CHARS, uiValueRefusal, type PanelUi, type WorkspaceUi } from '../../../shared/model/ui-state.js';
import { layoutOfPanels, panelsOfLayout } from '../../../shared/model/workspace-layout.js';
import { api } from '../../api/client.js';
import { bump, useVersion } from '../../app/changes.js';
import { newId } from '../../app/ids.js';
import { askConfirm, showToast } from '../../app/overlays.js';
import { getUi, setUi, useUi } from '../../app/ui-store.js';
import { useAsync } from '../../app/use-async.js';
import { ChartGroup } from '../../charts/chart-group.js';
import type { SeriesStatusDto, SyncStatusDto } from '../../../shared/ipc/contract.js';
import type { CatalogEntry } from '../../../shared/model/workspace-panel.js';
import type { ViewMessageState } from '../data/ViewMessage.js';
import { AddFredDialog } from './AddFredDialog.js';
import { addSeriesPatch } from './panel-edits.js';
import { CATALOG_LIST_ID, PanelView } from './PanelView.js';

const panel = (formula: string, id = newId('p')): PanelUi => ({ id, formula, draft: formula, units: 'lin', step: false, freq: 'native' });

/** Fixed ids: the first visit's panels are the same two on every machine until the user changes them. */
const DEFAULT_WORKSPACE: WorkspaceUi = { panels: [panel('bp(SOFR, IORB)', 'default-0'), panel('WALCL - WDTGAL - RRPONTSYD', 'default-1')], layoutName: '' };

/**
 * Every change of the Workspace's state goes through here, from its current value: the new state is
 * checked first with the store's own validator (the one `ui:set` runs, size included), and an edit
 * it would refuse is not made, its reason returned. Taking it would leave it unsaved and make every
 * later write of the view state fail with it (the theme, the view, the Monitor's range too).
 */
function update(f: (w: WorkspaceUi) => WorkspaceUi): string | null {
  const cur = getUi('workspace') ?? DEFAULT_WORKSPACE;
  const next = f(cur);
  if (next === cur) return null;
  const why = uiValueRefusal('workspace', next);
  if (why !== null) return why;
  setUi('workspace', next);
  return null;
}

/** A refusal of update() in the page's words (the validator's field path stays in the parentheses). */
function refusalWords(why: string): string {
  if (/^workspace is over \d+ characters as JSON$/.test(why)) return `Not changed: the Workspace's panels together would be over the ${MAX_UI_VALUE_CHARS.toLocaleString('en-US')} characters its saved state may have (long formulas in several panels). Shorten a formula or remove a panel.`;
  return `Not changed: the saved Workspace state would not take it (${why}).`;
}

const withPanel = (id: string, patch: Partial<Omit<PanelUi, 'id'>>) => (w: WorkspaceUi): WorkspaceUi => ({ ...w, panels: w.panels.map((p) => (p.id === id ? { ...p, ...patch } : p)) });
const withoutPanel = (id: string) => (w: WorkspaceUi): WorkspaceUi => ({ ...w, panels: w.panels.filter((x) => x.id !== id) });
/** The state with the linked charts' range `r` (none: each chart shows all of its data). */
const withRange = (r: { min: number; max: number } | null) => (w: WorkspaceUi): WorkspaceUi => {
  const { range: _old, ...rest } = w;
  return r === null ? rest : { ...rest, range: { min: r.min, max: r.max } };
};

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const POLL_MS = 250;
const pause = (ms: number): Promise<void> => new Promise((r) => window.setTimeout(r, ms));

/**
 * How syncing one series just added went, in one sentence for its panel. `row` is the series as
 * series:list gives it after the run: a run that did not include it (another sync was already
 * running when it was started) leaves it never synced, and that is said rather than "fetched".
 */
function fetchOutcome(id: string, s: SyncStatusDto, row: SeriesStatusDto | undefined): ViewMessageState {
  const r = s.lastRun;
  const failed = r?.errors.find((e) => e.seriesId === id);
  if (failed !== undefined) return { kind: 'error', text: `${id} was added, but fetching it failed: ${failed.error}` };
  if (r && typeof r.message === 'string' && r.message !== '') return { kind: 'error', text: `${id} was added, but not fetched: ${r.message}` };
  if (r?.status === 'cancelled') return { kind: 'warn', text: `${id} was added; fetching it was cancelled.` };
  if (row === undefined || row.lastSyncedAt === null) return { kind: 'warn', text: `${id} was added, but its history was not fetched (another sync was running): sync it from the Data view.` };
  return { kind: 'ok', text: `${id} was added to the catalog and fetched from FRED: ${row.rowCount.toLocaleString('en-US')} observations.` };
}

export function Workspace({ themeKey, onStatus }: { themeKey: string; onStatus: (m: string) => void }): React.JSX.Element {
  const ws = useUi('workspace') ?? DEFAULT_WORKSPACE;
  const { panels, layoutName } = ws;
  const version = useVersion('layouts');
  const [layouts] = useAsync(() => api('layout:list', {}), [version]);
  // Series added from FRED (here or in the Data view) or removed: the picker lists the catalog as it is now.
  const catalogVersion = useVersion('catalog');
  const [seriesList] = useAsync(() => api('series:list', {}), [catalogVersion]);
  const catalog: readonly CatalogEntry[] = useMemo(() => (seriesList.status === 'ready' ? seriesList.value.map((s) => ({ id: s.id, title: s.title })) : []), [seriesList]);
  const mine = useMemo(() => new Map(seriesList.status === 'ready' ? seriesList.value.flatMap((s) => (s.userSeries ? [[s.id, s.userSeries.fredId] as const] : [])) : []), [seriesList]);
  // "Add a FRED series" opened from a panel's picker, and how fetching what it added went, per panel.
  const [addFred, setAddFred] = useState<{ panelId: string; fredId: string } | null>(null);
  const [fetched, setFetched] = useState<Readonly<Record<string, ViewMessageState>>>({});
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  // Why the last edit was not made (by the panel it was for; null: the toolbar's), until the next one is.
  const [refused, setRefused] = useState<{ readonly panelId: string | null; readonly text: string } | null>(null);
  const apply = (panelId: string | null, f: (w: WorkspaceUi) => WorkspaceUi): boolean => {
    const why = update(f);
    if (why === null) {
      setRefused(null);
      return true;
    }
    const text = refusalWords(why);
    setRefused({ panelId, text });
    onStatus(text);
    return false;
  };
  const editPanel = (id: string, patch: Partial<Omit<PanelUi, 'id'>>): boolean => apply(id, withPanel(id, patch));
  // The linked range is kept in the UI state, as the Monitor keeps its own: the charts open on the
  // window left last time (in this session or before a restart), and rebasing starts from it.
  const group = useMemo(() => {
    const g = new ChartGroup('workspace');
    const r = getUi('workspace')?.range;
    if (r !== undefined) g.setRange({ min: r.min, max: r.max });
    return g;
  }, []);
  useEffect(
    () =>
      group.subscribe((r) => {
        const cur = getUi('workspace')?.range;
        if (r === null ? cur === undefined : cur?.min === r.min && cur.max === r.max) return;
        update(withRange(r));
      }),
    [group],
  );
  const saved = layouts.status === 'ready' ? layouts.value : [];
  const trimmed = layoutName.trim();
  const exists = saved.some((l) => l.name === trimmed);
  // The rename field: open while the user types the new name (a passing step, not kept across views).
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);

  const save = async (): Promise<void> => {
    const name = trimmed;
    const count = panels.length;
    // Replacing a saved layout is never silent (issue 11 §4): the page asks, and the core refuses an
    // existing name unless told to overwrite.
    if (exists && !(await askConfirm('Replace the saved layout?', `A layout named “${name}” already exists. Replace it with these ${count} panel${count === 1 ? '' : 's'}?`, 'Replace'))) {
      onStatus(`layout “${name}” left as it was`);
      return;
    }
    try {
      await api('layout:save', { name, panels: layoutOfPanels(panels), ...(exists ? { overwrite: true } : {}) });
      onStatus(`layout “${name}” saved`);
      bump('layouts');
    } catch (e) {
      onStatus(message(e));
    }
  };

  const rename = async (from: string, to: string): Promise<void> => {
    try {
      const r = await api('layout:rename', { from, name: to });
      setRenaming(null);
      apply(null, (w) => ({ ...w, layoutName: r.name }));
      bump('layouts');
      onStatus(`layout “${from}” renamed to “${r.name}”`);
    } catch (e) {
      onStatus(message(e));
    }
  };

  /** The series added from a panel's picker: into that panel, then fetched (sync:start of that id alone). */
  const added = async (panelId: string, id: string): Promise<void> => {
    setAddFred(null);
    bump('catalog');
    const say = (m: ViewMessageState): void => {
      if (live.current) setFetched((f) => ({ ...f, [panelId]: m }));
      onStatus(m.text);
    };
    const target = ws.panels.find((x) => x.id === panelId);
    if (target !== undefined) {
      const r = addSeriesPatch(target, id);
      // A refusal (the state would be too large) is said in the panel by editPanel.
      if (r.ok) editPanel(panelId, r.patch);
      else onStatus(`${id} was added to the catalog, but ${r.error}`);
    }
    say({ kind: 'info', text: `Fetching ${id} from FRED…` });
    try {
      let s = await api('sync:start', { ids: [id] });
      while (s.running) {
        await pause(POLL_MS);
        s = await api('sync:status', {});
      }
      const row = (await api('series:list', {})).find((x) => x.id === id);
      say(fetchOutcome(id, s, row));
    } catch (e) {
      say({ kind: 'error', text: `${id} was added, but fetching it failed: ${message(e)}` });
    } finally {
      // Its observations are in the store now (or it failed): the panels evaluate again.
      bump('catalog');
    }
  };

  const remove = async (): Promise<void> => {
    const name = trimmed;
    try {
      await api('layout:delete', { name });
      bump('layouts');
      onStatus(`layout “${name}” deleted`);
      showToast(`Deleted layout “${name}”.`, {
        label: 'Undo',
        run: () =>
          void api('layout:undelete', { name }).then(
            (r) => {
              bump('layouts');
              onStatus(`layout “${r.name}” restored`);
            },
            (e: unknown) => onStatus(message(e)),
          ),
      });
    } catch (e) {
      onStatus(message(e));
    }
  };

  return (
    <div className="view workspace">
      <div className="toolbar">
        <button type="button" data-action="add-panel" onClick={() => apply(null, (w) => ({ ...w, panels: [...w.panels, panel('WRESBAL')] }))} disabled={panels.length >= MAX_PANELS}>
          Add panel
        </button>
        <input placeholder="Layout name" aria-label="Layout name" data-input="layout-name" value={layoutName} onChange={(e) => apply(null, (w) => ({ ...w, layoutName: e.target.value }))} maxLength={80} />
        <button type="button" data-action="save-layout" disabled={trimmed === ''} onClick={() => void save()}>
          Save layout
        </button>
        <select
          value=""
          data-input="open-layout"
          aria-label="Open a saved layout"
          onChange={(e) => {
            const l = saved.find((x) => x.name === e.target.value);
            // Fresh ids: every panel (its field, its chart) is new, nothing is carried over by position;
            // the linked range stays (the charts are still zoomed to it).
            if (l) apply(null, (w) => ({ ...w, panels: panelsOfLayout(l.panels, newId), layoutName: l.name }));
          }}
        >
          <option value="">Open layout…</option>
          {saved.map((l) => (
            <option key={l.name}>{l.name}</option>
          ))}
        </select>
        {renaming === null ? (
          <button type="button" data-action="rename-layout" disabled={!exists} title={exists ? `Rename the saved layout “${trimmed}”` : 'Type or open the name of a saved layout to rename it'} onClick={() => setRenaming({ from: trimmed, to: trimmed })}>
            Rename…
          </button>
        ) : (
          <form
            className="rename-layout"
            onSubmit={(e) => {
              e.preventDefault();
              void rename(renaming.from, renaming.to.trim());
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setRenaming(null);
            }}
          >
            <input aria-label={`New name for the layout “${renaming.from}”`} data-input="rename-layout" value={renaming.to} onChange={(e) => setRenaming({ ...renaming, to: e.target.value })} maxLength={80} autoFocus />
            <button type="submit" data-action="rename-layout-ok" disabled={renaming.to.trim() === '' || renaming.to.trim() === renaming.from}>
              Rename
            </button>
            <button type="button" data-action="rename-layout-cancel" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </form>
        )}
        <button type="button" className="danger" data-action="delete-layout" disabled={!exists} title={exists ? `Delete the saved layout “${trimmed}” (can be undone for 10 s)` : 'Type or open the name of a saved layout to delete it'} onClick={() => void remove()}>
          Delete layout
        </button>
        <span className="hint">Several series per panel, comma-separated. Formulas: ids, + − × ÷, bp, ma, lag, diff, pct, z, asof, abs, min, max — e.g. ma(bp(SOFR, RRPONTSYAWARD), 10)</span>
        <details className="hint" data-help="formula-alignment">
          <summary>How series of different frequencies meet</summary>
          <p>{ALIGNMENT_RULE}</p>
        </details>
      </div>
      {refused !== null && (refused.panelId === null || !panels.some((p) => p.id === refused.panelId)) ? (
        <div className="formula-error" role="alert" data-refused="workspace">
          {refused.text}
        </div>
      ) : null}
      <datalist id={CATALOG_LIST_ID}>
        {catalog.map((c) => {
          const fredId = mine.get(c.id);
          return <option key={c.id} value={c.id} label={fredId === undefined ? c.title : `${c.title} (yours, from FRED ${fredId})`} />;
        })}
      </datalist>
      {panels.map((p, i) => (
        <PanelView
          key={p.id}
          panel={p}
          index={i}
          group={group}
          themeKey={themeKey}
          catalog={catalog}
          catalogReady={seriesList.status === 'ready'}
          onEdit={editPanel}
          onRemove={(id) => apply(null, withoutPanel(id))}
          onStatus={onStatus}
          onAddFred={(panelId, fredId) => setAddFred({ panelId, fredId })}
          fetchMessage={fetched[p.id] ?? null}
          refusal={refused !== null && refused.panelId === p.id ? refused.text : null}
        />
      ))}
      {addFred !== null ? <AddFredDialog fredId={addFred.fredId} onClose={() => setAddFred(null)} onAdded={(id) => void added(addFred.panelId, id)} onStatus={onStatus} /> : null}
    </div>
  );
}
