/**
 * The native menus as data (issue 15 §3), so their content is tested without Electron; main.ts turns
 * them into Electron menu items. Page actions are sent to the page as shell events and run the same
 * code as the keyboard shortcuts and buttons there; file imports open a native dialog first.
 * Accelerators carry a modifier: the page's own one-key shortcuts (1–6, T, E, ?) must keep working
 * while the menu is there, and a bare-key accelerator would swallow those keys in text fields.
 */
import type { ShellAction, ShellFileAction } from '../../shared/ipc/shell-events.js';

/** What the main process does itself. */
export type ShellCommand = 'open-data-folder' | 'about';

/** Electron roles used (each is Electron's own item with the platform's wording and accelerator). */
export type MenuRole = 'appMenu' | 'editMenu' | 'windowMenu' | 'zoomIn' | 'zoomOut' | 'resetZoom' | 'togglefullscreen' | 'reload' | 'toggleDevTools' | 'quit' | 'close';

export type MenuSpecItem =
  | { readonly kind: 'page'; readonly label: string; readonly action: ShellAction; readonly accelerator?: string }
  | { readonly kind: 'import'; readonly label: string; readonly action: ShellFileAction; readonly accelerator?: string }
  | { readonly kind: 'command'; readonly label: string; readonly command: ShellCommand; readonly accelerator?: string }
  | { readonly kind: 'link'; readonly label: string; readonly url: string }
  | { readonly kind: 'role'; readonly role: MenuRole }
  | { readonly kind: 'separator' }
  | { readonly kind: 'submenu'; readonly label: string; readonly items: readonly MenuSpecItem[] };

export interface MenuSpecTop {
  readonly label: string;
  /** Electron's own top-level menu (the macOS app menu, Edit, Window) instead of items. */
  readonly role?: 'appMenu' | 'editMenu' | 'windowMenu' | 'help';
  readonly items: readonly MenuSpecItem[];
}

/** The sources the app reads, each on the external-link allow-list (policy.ts). */
export const DATA_SOURCE_LINKS: readonly { readonly label: string; readonly url: string }[] = [
  { label: 'FRED (St. Louis Fed)', url: 'https://fred.stlouisfed.org/' },
  { label: 'H.4.1 Factors Affecting Reserve Balances', url: 'https://www.federalreserve.gov/releases/h41/' },
  { label: 'NY Fed Markets Data', url: 'https://markets.newyorkfed.org/static/docs/markets-api.html' },
  { label: 'Treasury FiscalData: Daily Treasury Statement', url: 'https://fiscaldata.treasury.gov/datasets/daily-treasury-statement/' },
];

const VIEW_ITEMS: readonly { readonly label: string; readonly action: ShellAction }[] = [
  { label: 'Monitor', action: 'view-monitor' },
  { label: 'Workspace', action: 'view-workspace' },
  { label: 'Scenario lab', action: 'view-lab' },
  { label: 'Compare', action: 'view-compare' },
  { label: 'Data', action: 'view-data' },
  { label: 'Analysis', action: 'view-analysis' },
];

export interface MenuContext {
  readonly platform: NodeJS.Platform;
  /** Packaged builds get no reload and no developer tools. */
  readonly packaged: boolean;
}

export function menuSpec(ctx: MenuContext): MenuSpecTop[] {
  const mac = ctx.platform === 'darwin';
  const file: MenuSpecItem[] = [
    { kind: 'import', label: 'Import CSV…', action: 'import-csv', accelerator: 'CmdOrCtrl+O' },
    { kind: 'import', label: 'Import scenario…', action: 'import-scenario', accelerator: 'CmdOrCtrl+Shift+O' },
    { kind: 'separator' },
    { kind: 'page', label: 'Export PNG', action: 'export-png', accelerator: 'CmdOrCtrl+E' },
    { kind: 'page', label: 'Export CSV', action: 'export-csv', accelerator: 'CmdOrCtrl+Shift+E' },
    { kind: 'separator' },
    { kind: 'page', label: 'Sync now', action: 'sync-now', accelerator: 'CmdOrCtrl+Shift+S' },
    { kind: 'command', label: 'Open data folder', command: 'open-data-folder' },
    { kind: 'separator' },
    // macOS quits from the app menu; the File menu closes the window there.
    mac ? { kind: 'role', role: 'close' } : { kind: 'role', role: 'quit' },
  ];
  const view: MenuSpecItem[] = [
    ...VIEW_ITEMS.map((v, i): MenuSpecItem => ({ kind: 'page', label: v.label, action: v.action, accelerator: `CmdOrCtrl+${i + 1}` })),
    { kind: 'separator' },
    { kind: 'page', label: 'Light / dark theme', action: 'toggle-theme', accelerator: 'CmdOrCtrl+Shift+T' },
    { kind: 'separator' },
    { kind: 'role', role: 'resetZoom' },
    { kind: 'role', role: 'zoomIn' },
    { kind: 'role', role: 'zoomOut' },
    { kind: 'separator' },
    { kind: 'role', role: 'togglefullscreen' },
    ...(ctx.packaged ? [] : [{ kind: 'separator' } as const, { kind: 'role', role: 'reload' } as const, { kind: 'role', role: 'toggleDevTools' } as const]),
  ];
  const help: MenuSpecItem[] = [
    { kind: 'page', label: 'Keyboard shortcuts', action: 'show-shortcuts', accelerator: 'F1' },
    { kind: 'submenu', label: 'Data sources', items: DATA_SOURCE_LINKS.map((l): MenuSpecItem => ({ kind: 'link', label: l.label, url: l.url })) },
    // macOS shows About in the app menu (Electron's role), with the versions set by aboutPanel().
    ...(mac ? [] : [{ kind: 'separator' } as const, { kind: 'command', label: 'About Reservoir', command: 'about' } as const]),
  ];
  return [
    ...(mac ? [{ label: 'Reservoir', role: 'appMenu' as const, items: [] }] : []),
    { label: '&File', items: file },
    { label: '&Edit', role: 'editMenu', items: [] },
    { label: '&View', items: view },
    ...(mac ? [{ label: 'Window', role: 'windowMenu' as const, items: [] }] : []),
    { label: '&Help', role: 'help', items: help },
  ];
}

export interface Versions {
  readonly app: string;
  readonly electron: string | undefined;
  readonly chrome: string | undefined;
  readonly node: string;
  readonly v8: string;
}

/** The About box's text: the app's version and what it runs on. */
export function aboutText(v: Versions): string {
  return [`Reservoir ${v.app}`, `Electron ${v.electron ?? 'unknown'}`, `Chromium ${v.chrome ?? 'unknown'}`, `Node.js ${v.node}`, `V8 ${v.v8}`].join('\n');
}
