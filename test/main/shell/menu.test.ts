import { describe, expect, it } from 'vitest';
import { aboutText, DATA_SOURCE_LINKS, menuSpec, type MenuSpecItem } from '../../../main/shell/menu.js';
import { isAllowedExternalUrl } from '../../../main/shell/policy.js';
import { parseShellEvent } from '../../../shared/ipc/shell-events.js';

const flat = (items: readonly MenuSpecItem[]): MenuSpecItem[] => items.flatMap((i) => (i.kind === 'submenu' ? [i, ...flat(i.items)] : [i]));
const top = (platform: NodeJS.Platform, packaged: boolean) => menuSpec({ platform, packaged });
const labels = (items: readonly MenuSpecItem[]): string[] => items.flatMap((i) => ('label' in i ? [i.label] : []));

describe('native menus', () => {
  it('File, View and Help carry the app’s actions', () => {
    const m = top('win32', true);
    expect(m.map((t) => t.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(labels(m[0]?.items ?? [])).toEqual(['Import CSV…', 'Import scenario…', 'Export PNG', 'Export CSV', 'Sync now', 'Open data folder']);
    expect(labels(m[2]?.items ?? [])).toEqual(['Monitor', 'Workspace', 'Scenario lab', 'Compare', 'Data', 'Analysis', 'Light / dark theme']);
    expect(flat(m[2]?.items ?? []).filter((i) => i.kind === 'role').map((i) => (i.kind === 'role' ? i.role : ''))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(labels(m[3]?.items ?? [])).toEqual(['Keyboard shortcuts', 'Data sources', 'About Reservoir']);
  });

  it('every page action is an event the preload lets through; accelerators are unique and never a bare key', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const items = menuSpec({ platform, packaged: false }).flatMap((t) => flat(t.items));
      const accels: string[] = [];
      for (const i of items) {
        if (i.kind === 'page') expect(parseShellEvent({ action: i.action })).toEqual({ action: i.action });
        if (i.kind === 'import') expect(parseShellEvent({ action: i.action, file: { name: 'a', bytes: new Uint8Array(0) } })).not.toBeNull();
        if ((i.kind === 'page' || i.kind === 'import' || i.kind === 'command') && i.accelerator) accels.push(i.accelerator);
      }
      expect(new Set(accels).size).toBe(accels.length);
      for (const a of accels) expect(a).toMatch(/^(CmdOrCtrl\+|F\d+$)/);
    }
  });

  it('macOS: the app menu first and a Window menu; About in the app menu', () => {
    const m = top('darwin', true);
    expect(m.map((t) => t.role ?? t.label)).toEqual(['appMenu', '&File', 'editMenu', '&View', 'windowMenu', 'help']);
    expect(labels(m.at(-1)?.items ?? [])).not.toContain('About Reservoir');
  });

  it('reload and DevTools only when not packaged', () => {
    const roles = (packaged: boolean): string[] => top('linux', packaged).flatMap((t) => flat(t.items)).flatMap((i) => (i.kind === 'role' ? [i.role] : []));
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('data-source links are on the external allow-list', () => {
    expect(DATA_SOURCE_LINKS.length).toBe(4);
    for (const l of DATA_SOURCE_LINKS) expect(isAllowedExternalUrl(l.url)).toBe(true);
  });

  it('About names the versions', () => {
    expect(aboutText({ app: '0.1.0', electron: '45.4.1', chrome: '142.0.7444.0', node: '22.20.0', v8: '14.2' })).toBe('Reservoir 0.1.0\nElectron 45.4.1\nChromium 142.0.7444.0\nNode.js 22.20.0\nV8 14.2');
    expect(aboutText({ app: '0.1.0', electron: undefined, chrome: undefined, node: '22', v8: '1' })).toContain('Electron unknown');
  });
});
