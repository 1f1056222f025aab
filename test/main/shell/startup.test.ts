import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { DataFolderLocked } from '../../../main/core/data-folder-lock.js';
import { allowPermission } from '../../../main/shell/permissions.js';
import { claimSingleInstance } from '../../../main/shell/single-instance.js';
import { STARTUP_FAILURE_TITLE, startupFailureText } from '../../../main/shell/startup-failure.js';

describe('start-up failures (message box, then quit)', () => {
  it('the data folder held by browser mode: its plain sentence and the folder', () => {
    const e = new DataFolderLocked('/Users/ana/Reservoir', { pid: 4242, since: Date.UTC(2026, 11, 2, 9, 30), host: os.hostname(), procStart: null }, 'Switch to that window or browser tab, or close it first.');
    expect(STARTUP_FAILURE_TITLE).toBe('Reservoir could not start');
    expect(startupFailureText(e, '/Users/ana/Reservoir')).toBe(
      'Reservoir is already open on this data folder (pid 4242, since 2026-12-02 09:30:00 UTC): /Users/ana/Reservoir\nSwitch to that window or browser tab, or close it first.\n\nData folder: /Users/ana/Reservoir',
    );
  });

  it('anything else thrown during start (inside createWindow too): its message, never a stack', () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'getBounds')");
    expect(startupFailureText(e, 'C:\\Users\\ana\\AppData\\Roaming\\Reservoir')).toBe("Cannot read properties of undefined (reading 'getBounds')\n\nData folder: C:\\Users\\ana\\AppData\\Roaming\\Reservoir");
    expect(startupFailureText('boom', null)).toBe('boom');
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'usb', 'unknown'])('denies %s', (p) => {
    expect(allowPermission(p, 'app://reservoir')).toBe(false);
    expect(allowPermission(p, 'https://evil.example')).toBe(false);
  });
});

describe('second launch', () => {
  it('focuses the window and hands over the scenario file on its command line', () => {
    type Second = (event: unknown, argv: string[], workingDirectory: string) => void;
    let onSecond: Second | null = null;
    const events: string[] = [];
    const app = { requestSingleInstanceLock: () => true, quit: () => events.push('quit'), on: (_e: 'second-instance', f: Second) => (onSecond = f) };
    const win = { isMinimized: () => false, restore: () => events.push('restore'), show: () => events.push('show'), focus: () => events.push('focus') };
    const opened: string[] = [];
    expect(claimSingleInstance(app, () => win, (f) => opened.push(f))).toBe(true);
    const second = onSecond as Second | null;
    second?.(null, ['Reservoir.exe', '--original-process-start-time=1', 'QE.reservoir.json'], '/home/ana/plans');
    expect(events).toEqual(['show', 'focus']);
    expect(opened).toEqual(['/home/ana/plans/QE.reservoir.json']);
    second?.(null, ['Reservoir.exe'], '/home/ana');
    expect(opened).toHaveLength(1);
  });
});
