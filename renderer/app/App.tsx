/** The window: navigation, theme, help overlay with shortcuts, status line. */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Compare } from '../features/compare/Compare.js';
import { DataView } from '../features/data/DataView.js';
import { Monitor } from '../features/monitor/Monitor.js';
import { ScenarioLab } from '../features/scenarios/ScenarioLab.js';
import { Workspace } from '../features/workspace/Workspace.js';
import { api } from '../api/client.js';
import { FreshnessBanner } from './FreshnessBanner.js';
import { isConfirmOpen, Overlays } from './overlays.js';
import { loadUiState, setUi, updateUi, useUi } from './ui-store.js';
import type { Theme, ViewId } from '../../shared/model/ui-state.js';

const VIEWS = [
  { id: 'monitor', label: 'Monitor', key: '1' },
  { id: 'workspace', label: 'Workspace', key: '2' },
  { id: 'lab', label: 'Scenario lab', key: '3' },
  { id: 'compare', label: 'Compare', key: '4' },
  { id: 'data', label: 'Data', key: '5' },
] as const satisfies readonly { id: ViewId; label: string; key: string }[];

/** Before the store answers, the theme last used in this browser, so a dark user gets no white flash. */
const THEME_HINT = 'reservoir.theme';
const hintTheme = (): Theme => (localStorage.getItem(THEME_HINT) === 'dark' ? 'dark' : 'light');

const SHORTCUTS: readonly [string, string][] = [
  ['1 – 5', 'Monitor, Workspace, Scenario lab, Compare, Data'],
  ['T', 'Light / dark theme'],
  ['E', 'Export the Monitor to PNG'],
  ['?', 'This help'],
  ['Esc', 'Close this help'],
  ['Drag on a chart', 'Zoom all linked charts; double-click to reset'],
];

/**
 * The window. View, theme and each view's state live in the UI store (ui-store.ts), read from the data
 * folder before the first view is drawn: a view switch unmounts a view but not its state.
 */
export function App(): React.JSX.Element {
  const [status, setStatus] = useState('');
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    void loadUiState(setStatus).then(() => {
      // An address naming a view (#lab) wins over the stored one; the stored one otherwise.
      const fromHash = VIEWS.find((v) => `#${v.id}` === window.location.hash)?.id;
      if (fromHash !== undefined) setUi('view', fromHash);
      setLoaded(true);
    });
  }, []);
  const view: ViewId = useUi('view') ?? 'monitor';
  const theme: Theme = useUi('theme') ?? hintTheme();
  const setView = useCallback((v: ViewId) => setUi('view', v), []);
  const toggleTheme = useCallback(() => updateUi('theme', (t) => ((t ?? hintTheme()) === 'dark' ? 'light' : 'dark')), []);
  const [help, setHelp] = useState(false);
  const exporter = useRef<(() => Promise<void>) | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [snapshotAsOf, setSnapshotAsOf] = useState<string | null>(null);
  useEffect(() => {
    api('settings:get', {}).then(
      (s) => {
        setSnapshotAsOf(s.snapshotAsOf);
        const r = s.recovery;
        if (r) setBanner(`${r.problem.charAt(0).toUpperCase()}${r.problem.slice(1)}. The damaged file was kept aside (${r.keptAside.join(', ')}); history was rebuilt from the offline snapshot; ${r.summary ?? (r.restoredFrom ? `${r.scenariosRestored} saved scenarios restored from ${r.restoredFrom}` : 'no saved scenarios could be restored')}.`);
      },
      () => undefined,
    );
  }, []);
  const registerExport = useCallback((f: (() => Promise<void>) | null) => {
    exporter.current = f;
  }, []);

  // A layout effect: the charts read the theme's colours in their (passive) effects, which React runs
  // child-first, before this component's own; set as a passive effect, a live toggle (T) drew the
  // charts in the old theme's grid and text colours.
  useLayoutEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    localStorage.setItem(THEME_HINT, theme);
  }, [theme]);
  useEffect(() => {
    if (loaded) window.location.hash = view;
  }, [view, loaded]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
      if (e.ctrlKey || e.metaKey || e.altKey || isConfirmOpen()) return;
      const v = VIEWS.find((x) => x.key === e.key);
      if (v) setView(v.id);
      else if (e.key === 't' || e.key === 'T') toggleTheme();
      else if (e.key === '?') setHelp((h) => !h);
      else if (e.key === 'Escape') setHelp(false);
      else if ((e.key === 'e' || e.key === 'E') && exporter.current) void exporter.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setView, toggleTheme]);

  if (!loaded) return <div className="state">Opening…</div>;

  return (
    <div className="app">
      <nav className="top">
        <span className="brand">Reservoir</span>
        {VIEWS.map((v) => (
          <button key={v.id} type="button" className={view === v.id ? 'on' : ''} onClick={() => setView(v.id)} data-view={v.id} title={`Shortcut: ${v.key}`}>
            {v.label}
          </button>
        ))}
        <span className="spacer" />
        <button type="button" onClick={toggleTheme} data-action="theme" title="Shortcut: T">
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
        <button type="button" onClick={() => setHelp(true)} data-action="help" title="Shortcut: ?">
          Shortcuts
        </button>
      </nav>
      {banner ? (
        <div className="banner" role="alert" data-banner>
          {banner} <button type="button" onClick={() => setBanner(null)}>Dismiss</button>
        </div>
      ) : null}
      <FreshnessBanner view={view} snapshotAsOf={snapshotAsOf} />
      <main>
        {view === 'monitor' ? <Monitor themeKey={theme} onStatus={setStatus} registerExport={registerExport} /> : null}
        {view === 'workspace' ? <Workspace themeKey={theme} onStatus={setStatus} /> : null}
        {view === 'lab' ? <ScenarioLab themeKey={theme} onStatus={setStatus} /> : null}
        {view === 'compare' ? <Compare themeKey={theme} onStatus={setStatus} /> : null}
        {view === 'data' ? <DataView onStatus={setStatus} /> : null}
      </main>
      <Overlays />
      <footer className="status" data-status role="status">
        {status}
      </footer>
      {help ? (
        <div className="overlay" role="dialog" aria-label="Keyboard shortcuts" onClick={() => setHelp(false)}>
          <div className="help" onClick={(e) => e.stopPropagation()}>
            <h2>Keyboard shortcuts</h2>
            <table>
              <tbody>
                {SHORTCUTS.map(([k, d]) => (
                  <tr key={k}>
                    <td>
                      <kbd>{k}</kbd>
                    </td>
                    <td>{d}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" onClick={() => setHelp(false)}>Close</button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
