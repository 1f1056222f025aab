/**
 * The one event the desktop shell sends to the page (issue 15 §3): a native menu item, or a scenario
 * file opened from the OS (double-click, a second launch, the recent-documents list). The preload
 * checks every event with `parseShellEvent` before the page sees it, and the page checks it again,
 * so a malformed or unknown event is dropped on both sides of the bridge.
 */

/** Menu actions that carry nothing: the same ones the keyboard shortcuts and buttons run. */
export const SHELL_ACTIONS = [
  'view-monitor',
  'view-workspace',
  'view-lab',
  'view-compare',
  'view-data',
  'view-analysis',
  'toggle-theme',
  'show-shortcuts',
  'export-png',
  'export-csv',
  'sync-now',
] as const;
export type ShellAction = (typeof SHELL_ACTIONS)[number];

/** Actions that hand the page a file the shell read after its native open dialog (or the OS opened). */
export const SHELL_FILE_ACTIONS = ['import-csv', 'import-scenario'] as const;
export type ShellFileAction = (typeof SHELL_FILE_ACTIONS)[number];

/** The IPC channel (main → page). */
export const SHELL_EVENT_CHANNEL = 'reservoir:shell-event';

/**
 * The largest files each action hands over: the Data view's CSV limit (contract.ts MAX_IMPORT_BYTES,
 * equal by test; not imported, so the preload bundle stays a few kB instead of the whole contract)
 * and the Compare view's scenario limit.
 */
export const SHELL_FILE_MAX_BYTES: Readonly<Record<ShellFileAction, number>> = {
  'import-csv': 64 * 1024 * 1024,
  'import-scenario': 1_000_000,
};

export interface ShellFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export type ShellEvent = { readonly action: ShellAction } | { readonly action: ShellFileAction; readonly file: ShellFile };

const isAction = (a: unknown): a is ShellAction => typeof a === 'string' && (SHELL_ACTIONS as readonly string[]).includes(a);
const isFileAction = (a: unknown): a is ShellFileAction => typeof a === 'string' && (SHELL_FILE_ACTIONS as readonly string[]).includes(a);

/** The event, or null when it is not exactly one of the shapes above (unknown action, extra data, a file too large). */
export function parseShellEvent(raw: unknown): ShellEvent | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const keys = Object.keys(o);
  if (isAction(o['action'])) return keys.length === 1 ? { action: o['action'] } : null;
  if (!isFileAction(o['action']) || keys.length !== 2) return null;
  const f = o['file'];
  if (typeof f !== 'object' || f === null) return null;
  const name = (f as Record<string, unknown>)['name'];
  const bytes = (f as Record<string, unknown>)['bytes'];
  // A bare file name (the page shows it in messages), never a path.
  if (typeof name !== 'string' || name.length === 0 || name.length > 255 || /[/\\]/.test(name) || [...name].some((c) => c.charCodeAt(0) < 0x20)) return null;
  if (!(bytes instanceof Uint8Array) || bytes.byteLength > SHELL_FILE_MAX_BYTES[o['action']]) return null;
  return { action: o['action'], file: { name, bytes } };
}
