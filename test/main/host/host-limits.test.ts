/**
 * Issue 11 §5 on the loopback host, with real HTTP requests: an import over the old 1,000,000-character
 * limit goes through as it does from the CLI, bad percent-encoding and non-URL paths are a 400 (not a
 * 500), and `--port abc` is a usage message, not a stack trace.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readData } from '../../support/fixtures.js';
import { REPO_ROOT } from '../../support/paths.js';
import { useSeededHost } from '../../support/host-harness.js';

const h = useSeededHost();
/** Requests carry the right Host header unless a test gives its own. */
const request = (target: string, opts: { method?: string; headers?: Record<string, string>; body?: string }) => h.request(target, { ...opts, headers: { host: h.hostHeader(), ...opts.headers } });
const api = (channel: string, payload: unknown) => h.api(channel, payload);

describe('the app imports what the CLI imports', () => {
  it('a real 2.1 MB file (over the old 1,000,000-character limit) over HTTP', async () => {
    const text = readData('derived/heliar-k__market-base/rates.csv');
    expect(text.length).toBeGreaterThan(1_000_000);
    const r = await api('import:csv', { text, column: 'ONRRP', seriesId: 'RRPONTSYAWARD' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { seriesId: 'RRPONTSYAWARD', rows: 3145 } });
  });

  it('a UTF-16 file (CONVERTED from the real WALCL download) as the page sends it: "save as UTF-8"', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readData('fred/WALCL.csv'), 'utf16le')]);
    const r = await api('import:csv', { text: utf16.toString('utf8') });
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: expect.stringMatching(/^import failed, nothing was written: this file is UTF-16 .*save it as UTF-8/) });
  });
});

describe('malformed request paths are the client’s error', () => {
  it('bad percent-encoding: 400 for a page path and for an API channel', async () => {
    for (const target of ['/%E0%A4%A', '/assets/%E0%A4%A.js', '/%', '/%zz']) {
      const r = await request(target, {});
      expect(r.status, target).toBe(400);
      expect(r.body, target).toMatch(/bad percent-encoding/);
    }
    const a = await request('/api/%E0%A4%A', { method: 'POST', headers: { 'content-type': 'application/json', 'x-reservoir-token': h.host().token }, body: '{}' });
    expect(a.status).toBe(400);
    expect(JSON.parse(a.body)).toMatchObject({ ok: false, error: 'bad percent-encoding in the request path' });
  });

  it('a request target that is no URL (//[): 400', async () => {
    expect((await request('//[', {})).status).toBe(400);
  });

  it('the host still answers afterwards', async () => {
    expect(JSON.parse((await api('series:list', {})).body)).toMatchObject({ ok: true });
  });
});

describe('npm run serve -- --port', () => {
  const serve = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/host/serve-cli.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
  it.each([
    [['--port', 'abc'], /--port must be a whole number from 1 to 65535, got "abc"/],
    [['--port', '70000'], /--port must be a whole number from 1 to 65535, got "70000"/],
    [['--port', '-1'], /Option '--port' argument is ambiguous/],
    [['--port', '8080.5'], /--port must be a whole number from 1 to 65535, got "8080.5"/],
    [['--prot', '8080'], /Unknown option '--prot'/],
  ])('%j is a usage error (exit 64), not a stack trace', (args, message) => {
    const r = serve(...args);
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: npm run serve -- \[--data-dir DIR\] \[--port N\]/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});
