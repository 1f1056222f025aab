import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../../shared/ipc/contract.js';
import { parseShellEvent, SHELL_ACTIONS, SHELL_FILE_MAX_BYTES } from '../../../shared/ipc/shell-events.js';

describe('shell events (main → page)', () => {
  it.each(SHELL_ACTIONS.map((a) => [a]))('accepts %s', (action) => {
    expect(parseShellEvent({ action })).toEqual({ action });
  });

  it('accepts a file for the two import actions, at the views’ own limits', () => {
    const bytes = new TextEncoder().encode('date,WALCL\n2025-10-29,6587.0\n');
    expect(parseShellEvent({ action: 'import-csv', file: { name: 'walcl.csv', bytes } })).toEqual({ action: 'import-csv', file: { name: 'walcl.csv', bytes } });
    expect(SHELL_FILE_MAX_BYTES['import-csv']).toBe(MAX_IMPORT_BYTES);
    expect(SHELL_FILE_MAX_BYTES['import-scenario']).toBe(1_000_000);
    expect(parseShellEvent({ action: 'import-scenario', file: { name: 'a.reservoir.json', bytes: new Uint8Array(1_000_000) } })).not.toBeNull();
    expect(parseShellEvent({ action: 'import-scenario', file: { name: 'a.reservoir.json', bytes: new Uint8Array(1_000_001) } })).toBeNull();
  });

  it.each([
    null,
    undefined,
    'view-monitor',
    ['view-monitor'],
    {},
    { action: 'view-settings' },
    { action: 'VIEW-MONITOR' },
    { action: 'view-monitor', extra: 1 },
    { action: 'import-csv' },
    { action: 'import-csv', file: null },
    { action: 'import-csv', file: { name: 'a.csv', bytes: 'date,value' } },
    { action: 'import-csv', file: { name: 'a.csv', bytes: [1, 2, 3] } },
    { action: 'import-csv', file: { name: '../../etc/passwd', bytes: new Uint8Array(1) } },
    { action: 'import-csv', file: { name: 'C:\\x.csv', bytes: new Uint8Array(1) } },
    { action: 'import-csv', file: { name: 'a\u0000.csv', bytes: new Uint8Array(1) } },
    { action: 'import-csv', file: { name: '', bytes: new Uint8Array(1) } },
    { action: 'import-csv', file: { name: 'x'.repeat(256), bytes: new Uint8Array(1) } },
    { action: 'export-png', file: { name: 'a.png', bytes: new Uint8Array(1) } },
  ])('refuses %j', (raw) => {
    expect(parseShellEvent(raw)).toBeNull();
  });
});
