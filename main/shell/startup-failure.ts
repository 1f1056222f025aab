/**
 * The message box of a desktop start that failed (issue 15 §3): anything thrown while starting,
 * in the core or while creating the window, is shown with the data folder, then the app quits.
 * The plain sentences of start-failure.ts (folder locked, unusable) are shown as they are; any other
 * error by its message, never as a stack trace.
 */
import { startFailure } from '../core/start-failure.js';

export const STARTUP_FAILURE_TITLE = 'Reservoir could not start';
/** The core process kept stopping after it had started (core-client.ts). */
export const CORE_STOPPED_TITLE = 'Reservoir stopped';

export function startupFailureText(e: unknown, dataDir: string | null): string {
  const message = startFailure(e) ?? (e instanceof Error ? e.message : String(e));
  return dataDir === null ? message : `${message}\n\nData folder: ${dataDir}`;
}
