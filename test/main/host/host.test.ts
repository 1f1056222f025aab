/** The loopback host: token, Host header, channel validation; the router refuses malformed payloads. */
import { describe, expect, it } from 'vitest';
import { useSeededHost } from '../../support/host-harness.js';

const h = useSeededHost();
const request = h.request;
const hostHeader = h.hostHeader;
const api = h.api;

describe('loopback host', () => {
  it('binds 127.0.0.1 and serves the page only with the run token', async () => {
    expect(h.host().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect((await request('/', { headers: { host: hostHeader() } })).status).toBe(401);
    expect((await request(`/?token=${h.host().token}`, { headers: { host: hostHeader() } })).status).toBe(200);
  });

  it('refuses API calls without the token, with a wrong token, or with a foreign Host header', async () => {
    expect((await api('series:list', {}, { 'x-reservoir-token': '' })).status).toBe(401);
    expect((await api('series:list', {}, { 'x-reservoir-token': 'x'.repeat(h.host().token.length) })).status).toBe(401);
    expect((await api('series:list', {}, { host: 'evil.example:80' })).status).toBe(403);
    expect((await api('series:list', {}, { host: `127.0.0.1.nip.io:${h.host().port}` })).status).toBe(403);
    expect((await request(`/?token=${h.host().token}`, { headers: { host: 'attacker.com' } })).status).toBe(403);
    const ok = await api('series:list', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
  });

  it('does not serve files outside the renderer', async () => {
    expect((await request('/../package.json', { headers: { host: hostHeader() } })).status).toBe(404);
    expect((await request('/%2e%2e/%2e%2e/package.json', { headers: { host: hostHeader() } })).status).toBe(404);
  });
});

describe('every channel refuses malformed payloads', () => {
  const BAD: Record<string, unknown[]> = {
    'series:list': [{ x: 1 }, [], 'x', 1, { ids: [] }],
    'series:get': [{}, { ids: [] }, { ids: ['walcl; drop table'] }, { ids: ['WALCL'], from: '2025-02-30' }, { ids: 'WALCL' }, { ids: ['WALCL'], extra: 1 }],
    'indicators:get': [{ asOf: 'yesterday' }, { asOf: 20251031 }, [], 'x', { asOf: '2025-10-31', x: 1 }],
    'projection:context': [{ a: 1 }, [], 'x', 1, { __proto__: { a: 1 }, b: 2 }],
    'fit:run': [{ a: 1 }, [], 'x', 1, true],
    'formula:eval': [{}, { source: 1 }, { source: 'x'.repeat(3000) }, [], { source: 'WALCL', x: 1 }],
    'scenario:list': [{ a: 1 }, [], 'x', 1, null],
    'scenario:save': [{}, { name: '' }, { name: 'x', inputs: [] }, { name: 'a'.repeat(200), inputs: {} }, { name: 'ok', inputs: { horizonYears: 99 } }, { name: 'ok\u0000', inputs: {} }],
    'scenario:rename': [{}, { id: 0, name: 'x' }, { id: 1.5, name: 'x' }, { id: 1 }, { id: '1', name: 'x' }],
    'scenario:duplicate': [{}, { id: -1 }, { id: 'x' }, { id: 2 ** 40 }, { id: 1, x: 1 }],
    'scenario:delete': [{}, { id: null }, { id: [] }, { id: 0 }, { id: 1, extra: true }],
    'scenario:export': [{}, { id: 'a' }, { id: -5 }, { id: 1.1 }, []],
    'scenario:import': [{}, { text: 5 }, { text: 'x'.repeat(1_000_001) }, { text: '{}' }, { text: '{"format":"reservoir-scenario","version":2,"name":"x","inputs":{}}' }],
    'layout:list': [{ a: 1 }, [], 'x', 1, false],
    'layout:save': [{}, { name: 'x' }, { name: 'x', panels: {} }, { name: 'x', panels: new Array(13).fill({}) }, { name: '', panels: [] }],
    'layout:rename': [{}, { from: 'x' }, { name: 'x' }, { from: '', name: 'x' }, { from: 'x', name: 'y\u0000' }, { from: 'x', name: 'y', extra: 1 }, { from: 'no such layout', name: 'y' }],
    'sync:start': [{ ids: 'WALCL' }, { ids: ['bad id'] }, { ids: [1] }, [], { x: 1 }],
    'sync:status': [{ a: 1 }, [], 'x', 1, null],
    'sync:cancel': [{ a: 1 }, [], 'x', 1, null],
    'settings:get': [{ a: 1 }, [], 'x', 1, null],
    'settings:set-fred-key': [{}, { key: 'short' }, { key: 'ABCDEFGHIJ0123456789ABCDEFGHIJ01' }, { key: 5 }, { key: 'abcdefghij0123456789abcdefghij01', x: 1 }],
    'import:csv': [{}, { text: 5 }, { text: 'observation_date,WALCL\n2025-01-01,1\n' }, { text: 'x', seriesId: 'bad id' }, { text: 'x'.repeat(1_000_001) }],
    'export:save-file': [{}, { fileName: '../evil.png', mime: 'image/png', base64: '' }, { fileName: 'a.exe', mime: 'image/png', base64: '' }, { fileName: 'a.png', mime: 'text/html', base64: '' }, { fileName: 'a.png', mime: 'image/png', base64: '***' }],
  };

  it.each(Object.entries(BAD))('%s', async (channel, payloads) => {
    expect(payloads.length).toBeGreaterThanOrEqual(5);
    for (const p of payloads) {
      const r = await h.core().router.handle(channel, p);
      expect(r.ok, `${channel} accepted ${JSON.stringify(p).slice(0, 80)}`).toBe(false);
    }
  });

  it('unknown channels are refused', async () => {
    expect(await h.core().router.handle('fs:read-file', {})).toMatchObject({ ok: false, error: expect.stringMatching(/unknown channel/) });
    expect(await h.core().router.handle('__proto__', {})).toMatchObject({ ok: false });
  });
});
