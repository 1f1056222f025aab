/**
 * One desktop app per user (issue 11 §1): Electron's single-instance lock, and a second launch
 * brings the existing window forward instead of opening the data folder again. The data-folder
 * lock in the core still guards against browser mode or a second user-data path on the same folder.
 * The lock is keyed on Electron's userData folder, which main.ts points at the data folder given by
 * --data-dir / RESERVOIR_DATA_DIR: one app per data folder, and two data folders can be open at once.
 * A second launch with a scenario file (Windows and Linux pass a double-clicked file on the command
 * line) hands the file to the first instance, which opens it (issue 15 §3).
 * Takes the few Electron members it uses, so it can be tested with plain objects.
 */
import { scenarioFileInArgv } from './launch-args.js';

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
}

export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * Returns false when another instance already runs (this one is quitting: it must not open the
 * data folder); otherwise focuses `currentWindow()` on every later launch and passes the scenario
 * file named on that launch's command line, if any, to `openFile`.
 */
export function claimSingleInstance(app: SingleInstanceApp, currentWindow: () => FocusableWindow | null, openFile: (file: string) => void = () => undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const win = currentWindow();
    if (win !== null) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
    const file = Array.isArray(argv) ? scenarioFileInArgv(argv, typeof workingDirectory === 'string' ? workingDirectory : process.cwd()) : null;
    if (file !== null) openFile(file);
  });
  return true;
}
