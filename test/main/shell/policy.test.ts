import { describe, expect, it } from 'vitest';
import { allowNavigation, isAllowedExternalUrl, isSecureWebPreferences, isTrustedSender, parseWindowState, webPreferences } from '../../../main/shell/policy.js';

describe('external link allow-list', () => {
  it.each([
    'https://fred.stlouisfed.org/series/WALCL',
    'https://www.federalreserve.gov/releases/h41/',
    'https://markets.newyorkfed.org/static/docs/markets-api.html',
    'https://fiscaldata.treasury.gov/datasets/daily-treasury-statement/',
    'https://FRED.stlouisfed.org/series/SOFR',
    'https://fred.stlouisfed.org:443/',
  ])('allows %s', (u) => expect(isAllowedExternalUrl(u)).toBe(true));

  it.each([
    'http://fred.stlouisfed.org/',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///etc/passwd',
    'file://C:/Windows/System32',
    'data:text/html,<script>alert(1)</script>',
    'blob:https://fred.stlouisfed.org/123',
    'vbscript:msgbox(1)',
    'ftp://fred.stlouisfed.org/',
    'https://fred.stlouisfed.org.evil.com/',
    'https://fred-stlouisfed.org/',
    'https://fredstlouisfed.org/',
    'https://evil.com/fred.stlouisfed.org',
    'https://evil.com/?u=https://fred.stlouisfed.org',
    'https://fred.stlouisfed.org@evil.com/',
    'https://user:pass@fred.stlouisfed.org/',
    'https://user@fred.stlouisfed.org/',
    'https://fred.stlouisfed.org:8443/',
    'https://fred.stlouisfed.org./',
    'https://xn--fred-stlouisfed-org.com/',
    'https://fréd.stlouisfed.org/',
    'https://127.0.0.1/',
    'https://[::1]/',
    'https://localhost/',
    'https://192.168.0.1/',
    'https://stlouisfed.org/',
    'https://federalreserve.gov.attacker.net/',
    '//fred.stlouisfed.org/',
    'fred.stlouisfed.org',
    '',
    'https://',
    `https://fred.stlouisfed.org/${'a'.repeat(3000)}`,
    'chrome://settings',
    'about:blank',
  ])('refuses %s', (u) => expect(isAllowedExternalUrl(u)).toBe(false));
});

describe('window options and IPC senders', () => {
  it('the shell window is sandboxed and isolated, without Node', () => {
    const p = webPreferences('/app/dist/shell/preload.cjs');
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(isSecureWebPreferences(p as unknown as Record<string, unknown>)).toBe(true);
    expect(isSecureWebPreferences({ ...p, nodeIntegration: true })).toBe(false);
    expect(isSecureWebPreferences({ ...p, sandbox: false })).toBe(false);
    expect(isSecureWebPreferences({ ...p, contextIsolation: false })).toBe(false);
    expect(isSecureWebPreferences({ ...p, webSecurity: false })).toBe(false);
  });

  // The renderer is served from app://reservoir/ (app-protocol.ts), not file://.
  const index = 'app://reservoir/index.html';
  it.each([
    [index, true, true],
    [`${index}#monitor`, true, true],
    [index, false, false],
    ['app://reservoir/other.html', true, false],
    ['app://evil/index.html', true, false],
    ['app://user@reservoir/index.html', true, false],
    ['file:///Applications/Reservoir.app/Contents/Resources/app.asar/dist/renderer/index.html', true, false],
    ['file:///tmp/evil.html', true, false],
    ['https://fred.stlouisfed.org/', true, false],
    ['http://127.0.0.1:5173/index.html', true, false],
    [undefined, true, false],
    ['not a url', true, false],
  ])('sender %s (main frame %s) trusted: %s', (url, main, expected) => {
    expect(isTrustedSender(url, main, index)).toBe(expected);
  });

  it('developer tools only in development', () => {
    expect(webPreferences('/p.cjs', { packaged: true }).devTools).toBe(false);
    expect(webPreferences('/p.cjs').devTools).toBe(false);
    expect(webPreferences('/p.cjs', { packaged: false }).devTools).toBe(true);
  });

  it('never navigates', () => {
    expect(allowNavigation('https://fred.stlouisfed.org/')).toBe(false);
  });

  it('restores a sane window state and ignores a corrupt one', () => {
    expect(parseWindowState({ width: 1200, height: 800, x: 10, y: 20, maximized: true })).toEqual({ width: 1200, height: 800, x: 10, y: 20, maximized: true });
    expect(parseWindowState({ width: 1e9, height: 'x' })).toEqual({ width: 1400, height: 900, maximized: false });
    expect(parseWindowState(null)).toEqual({ width: 1400, height: 900, maximized: false });
  });
});
