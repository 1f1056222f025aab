/**
 * One desktop app per user (issue 11 §1): Electron's single-instance lock, and a second launch
 * brings the existing window forward instead of opening the data folder again. The data-folder
 * lock in the core still guards against browser mode or a second user-data path on the same folder.
 * Takes the few Electron members it uses, so it can be tested with plain objects.
 */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * Returns false when another instance already runs (this one is quitting: it must not open the
 * data folder); otherwise focuses `currentWindow()` on every later launch.
 */
export function claimSingleInstance(app: SingleInstanceApp, currentWindow: () => FocusableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = currentWindow();
    if (win === null) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}
