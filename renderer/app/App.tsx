/** The window: navigation, theme, help overlay with shortcuts, status line. */
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Monitor } from '../features/monitor/Monitor.js';
import { api } from '../api/client.js';
import { FreshnessBanner } from './FreshnessBanner.js';
import { loadChartEvents, toggleChartEvents } from './events-loader.js';
import { chartEvents, eventsVersion, subscribeEvents } from '../charts/events-layer.js';
import { isConfirmOpen, ModalDialog, Overlays } from './overlays.js';
import { loadUiState, setUi, updateUi, useUi } from './ui-store.js';
import { deliverShellEvent, shellActionView, subscribeShellEvents } from './shell-actions.js';
import type { Theme, ViewId } from '../../shared/model/ui-state.js';

// Loaded when first opened: its seven panels are a quarter of the app's code, which the Monitor (the
// first window) should not wait to parse.
const AnalysisView = lazy(() => import('../features/analysis/AnalysisView.js').then((m) => ({ default: m.AnalysisView })));
// The same for every view but the Monitor: cold start to a drawn Monitor parses only what it needs
// (issue 12's cold-start goal); each view's chunk loads on its first visit.
const Workspace = lazy(() => import('../features/workspace/Workspace.js').then((m) => ({ default: m.Workspace })));
const ScenarioLab = lazy(() => import('../features/scenarios/ScenarioLab.js').then((m) => ({ default: m.ScenarioLab })));
const Compare = lazy(() => import('../features/compare/Compare.js').then((m) => ({ default: m.Compare })));
const DataView = lazy(() => import('../features/data/DataView.js').then((m) => ({ default: m.DataView })));

const VIEWS = [
  { id: 'monitor', label: 'Monitor', key: '1' },
  { id: 'workspace', label: 'Workspace', key: '2' },
  { id: 'lab', label: 'Scenario lab', key: '3' },
  { id: 'compare', label: 'Compare', key: '4' },
  { id: 'data', label: 'Data', key: '5' },
  { id: 'analysis', label: 'Analysis', key: '6' },
] as const satisfies readonly { id: ViewId; label: string; key: string }[];

/** Before the store answers, the theme last used in this browser, so a dark user gets no white flash. */
const THEME_HINT = 'reservoir.theme';
const hintTheme = (): Theme => (localStorage.getItem(THEME_HINT) === 'dark' ? 'dark' : 'light');

const SHORTCUTS: readonly [string, string][] = [
  ['1 – 6', 'Monitor, Workspace, Scenario lab, Compare, Data, Analysis'],
  ['T', 'Light / dark theme'],
  ['M', 'Event markers on every chart (FOMC, QT, RMP, repo, debt limit, recessions, your annotations)'],
  ['E', 'Export the Monitor to PNG'],
  ['?', 'This help'],
  ['Esc', 'Close this help'],
  ['Drag on a chart', 'Zoom all linked charts; double-click to reset'],
];

/** Input types that take no typed text: after a click on one of these, the shortcuts still work. */
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/**
 * Whether a key pressed here is typing (text, number, date, month, search fields, a textarea, a
 * select's type-to-find, anything contenteditable), which the shortcuts must leave alone. Every INPUT
 * used to count, so after a click on a checkbox or a radio, 1–5, T and ? did nothing.
 */
function isTyping(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  return t instanceof HTMLInputElement && !NOT_TYPED.has(t.type);
}

/** The shortcuts, as a modal dialog: it takes the focus, keeps Tab inside, Esc (or ?) closes it. */
function HelpDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const close = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog labelledBy="help-title" name="help" initialFocus={close} closeKeys={['?']} onClose={onClose}>
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([k, d]) => (
              <tr key={k}>
                <th scope="row">
                  <kbd>{k}</kbd>
                </th>
                <td>{d}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Shortcuts work anywhere except while typing in a field.</p>
        <button type="button" ref={close} data-action="help-close" onClick={onClose}>
          Close
        </button>
    </ModalDialog>
  );
}

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
  useSyncExternalStore(subscribeEvents, eventsVersion);
  const eventsOn = chartEvents().enabled;
  useEffect(() => {
    void loadChartEvents();
  }, []);
  const toggleTheme = useCallback(() => updateUi('theme', (t) => ((t ?? hintTheme()) === 'dark' ? 'light' : 'dark')), []);
  const [help, setHelp] = useState(false);
  const helpOpen = useRef(false);
  helpOpen.current = help;
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
  const closeHelp = useCallback(() => setHelp(false), []);
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
  // A view switch removes the control that had the focus (a checkbox, the field last typed in): the
  // focus goes to the new view's heading, so Tab goes on from the top of the new view, not the page's.
  const viewHeading = useRef<HTMLHeadingElement>(null);
  const shownView = useRef<ViewId | null>(null);
  useEffect(() => {
    if (!loaded) return;
    const was = shownView.current;
    shownView.current = view;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (was !== null && was !== view && lost) viewHeading.current?.focus({ preventScroll: true });
  }, [view, loaded]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      // An open dialog handles its own keys (help: Esc, ?; confirm: Esc).
      if (isConfirmOpen() || helpOpen.current) return;
      const v = VIEWS.find((x) => x.key === e.key);
      if (v) setView(v.id);
      else if (e.key === 't' || e.key === 'T') toggleTheme();
      else if (e.key === 'm' || e.key === 'M') toggleChartEvents();
      else if (e.key === '?') setHelp(true);
      else if ((e.key === 'e' || e.key === 'E') && exporter.current) void exporter.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setView, toggleTheme]);
  // The desktop app's native menu and opened files (issue 15 §3): the same actions as the shortcuts
  // above, or handed to the view that owns them. Subscribed once the stored view is read, so a file
  // that launched the app switches to Compare after, not before, the restored view.
  useEffect(() => {
    if (!loaded) return;
    subscribeShellEvents((e) => {
      const v = VIEWS.find((x) => `view-${x.id}` === e.action);
      const owner = shellActionView(e.action);
      if (v) setView(v.id);
      else if (e.action === 'toggle-theme') toggleTheme();
      else if (e.action === 'show-shortcuts') setHelp(true);
      else if (owner !== null) {
        setView(owner);
        deliverShellEvent(e);
      }
    });
  }, [loaded, setView, toggleTheme]);

  if (!loaded) return <div className="state">Opening…</div>;

  return (
    <div className="app">
      <nav className="top" aria-label="Views">
        <h1 className="brand">Reservoir</h1>
        {VIEWS.map((v) => (
          <button key={v.id} type="button" className={view === v.id ? 'on' : ''} aria-current={view === v.id ? 'page' : undefined} onClick={() => setView(v.id)} data-view={v.id} title={`Shortcut: ${v.key}`} aria-keyshortcuts={v.key}>
            {v.label}
          </button>
        ))}
        <span className="spacer" />
        <button type="button" className={eventsOn ? 'on' : ''} onClick={() => toggleChartEvents()} data-action="events" aria-pressed={eventsOn} title="Event markers on every time chart (shortcut: M)" aria-keyshortcuts="M">
          Events
        </button>
        <button type="button" onClick={toggleTheme} data-action="theme" title="Shortcut: T" aria-keyshortcuts="T">
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
        <button type="button" onClick={() => setHelp(true)} data-action="help" title="Shortcut: ?" aria-keyshortcuts="?" aria-haspopup="dialog">
          Shortcuts
        </button>
      </nav>
      {banner ? (
        <div className="banner" role="alert" data-banner>
          {banner} <button type="button" onClick={() => setBanner(null)}>Dismiss</button>
        </div>
      ) : null}
      <FreshnessBanner view={view} snapshotAsOf={snapshotAsOf} />
      <main aria-labelledby="view-title">
        {/* One h2 per view (under the app's h1) for heading navigation; the nav shows the view to the eye. */}
        <h2 id="view-title" className="sr-only" tabIndex={-1} ref={viewHeading} data-view-title>
          {VIEWS.find((v) => v.id === view)?.label}
        </h2>
        {view === 'monitor' ? <Monitor themeKey={theme} onStatus={setStatus} registerExport={registerExport} /> : null}
        <Suspense fallback={<div className="view state">Opening {VIEWS.find((v) => v.id === view)?.label}…</div>}>
          {view === 'workspace' ? <Workspace themeKey={theme} onStatus={setStatus} /> : null}
          {view === 'lab' ? <ScenarioLab themeKey={theme} onStatus={setStatus} /> : null}
          {view === 'compare' ? <Compare themeKey={theme} onStatus={setStatus} /> : null}
          {view === 'analysis' ? <AnalysisView themeKey={theme} onStatus={setStatus} /> : null}
          {view === 'data' ? <DataView onStatus={setStatus} /> : null}
        </Suspense>
      </main>
      <Overlays />
      {/* A div, not a footer: a footer is the page's contentinfo landmark, which cannot also be a live status. */}
      <div className="status" data-status role="status">
        {status}
      </div>
      {help ? <HelpDialog onClose={closeHelp} /> : null}
    </div>
  );
}
