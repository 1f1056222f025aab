/**
 * The update flow (issue 15 §5) against a loopback server. electron-updater imports without Electron
 * (it requires `electron` lazily), so this runs its real NsisUpdater with the real GitHub provider
 * configured from electron-builder.yml's `publish` block — only the host is pointed at 127.0.0.1 (which
 * makes the provider use GitHub Enterprise's paths) and the transport is Node's http instead of
 * Electron's net module. electron-updater fetches releases.atom, the latest tag, then latest.yml,
 * parses it and compares versions; our layer (update-policy.ts) classifies the answer and decides.
 *
 * The release data served here (versions, file names, checksums) is SYNTHETIC, shaped like the
 * latest.yml electron-builder writes for an NSIS installer.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { HttpExecutor } from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  checkIfDue,
  describeRun,
  isCheckDue,
  parseUpdateState,
  readUpdateState,
  runUpdateCheck,
  UPDATE_INTERVAL_MS,
  updatesDisabledReason,
  validateUpdateInfo,
  writeUpdateState,
  type UpdateEnvironment,
} from '../../../main/shell/update-policy.js';
import { REPO_ROOT } from '../../support/paths.js';
import { html, startReplayServer, type ReplayServer, type Reply } from '../../support/replay-server.js';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; name: string };
const publish = (parse(readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as { publish: { provider: string; owner: string; repo: string } }).publish;
const PACKAGED_WIN: UpdateEnvironment = { isPackaged: true, platform: 'win32', env: {} };

/** Electron's net executor needs Electron; this is builder-util's NodeHttpExecutor (http only). */
class LoopbackExecutor extends HttpExecutor<http.ClientRequest> {
  createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest {
    return http.request(options, callback);
  }
}

const synthSha512 = (text: string): string => createHash('sha512').update(text).digest('base64');

function latestYml(version: string): string {
  const exe = `Reservoir-Setup-${version}-x64.exe`;
  const sha512 = synthSha512(`synthetic installer ${version}`);
  return stringify({ version, files: [{ url: exe, sha512, size: 98_765_432 }], path: exe, sha512, releaseDate: '2026-09-01T10:00:00.000Z' });
}

function atom(tag: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:github.com,2008:https://github.com/${publish.owner}/${publish.repo}/releases</id><title>Release notes</title>
<entry><id>tag:github.com,2008:Repository/1/${tag}</id><link rel="alternate" type="text/html" href="https://github.com/${publish.owner}/${publish.repo}/releases/tag/${tag}"/><title>${tag}</title><content type="html">Synthetic notes</content></entry></feed>`;
}

/** GitHub (Enterprise paths, as the provider uses them for a custom host) serving one release. */
function githubRelease(tag: string, yml: string): (url: URL) => Reply {
  const base = `/${publish.owner}/${publish.repo}`;
  return (url) => {
    if (url.pathname === `${base}/releases.atom`) return { headers: { 'content-type': 'application/atom+xml' }, body: atom(tag) };
    if (url.pathname === `/api/v3/repos/${publish.owner}/${publish.repo}/releases/latest`) return { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tag_name: tag }) };
    if (url.pathname === `${base}/releases/download/${tag}/latest.yml`) return { headers: { 'content-type': 'text/yaml' }, body: yml };
    return html('not found');
  };
}

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'reservoir-update-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The real electron-updater, as the packaged app has it: app-update.yml from the publish block. */
function realUpdater(host: string, userData: string, version = pkg.version): { updater: NsisUpdater; logs: string[] } {
  const appUpdateConfigPath = path.join(userData, 'app-update.yml');
  writeFileSync(appUpdateConfigPath, stringify({ ...publish, host, protocol: 'http', updaterCacheDirName: `${pkg.name}-updater` }));
  const updater = new NsisUpdater(null, {
    version,
    name: 'Reservoir',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: userData,
    baseCachePath: path.join(userData, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  });
  // win32 makes the provider ask for latest.yml (the Windows channel file) on any test OS.
  Object.assign(updater, { httpExecutor: new LoopbackExecutor(), _testOnlyOptions: { platform: 'win32' } });
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  const logs: string[] = [];
  updater.logger = { info: (m: unknown) => logs.push(String(m)), warn: (m: unknown) => logs.push(String(m)), error: (m: unknown) => logs.push(String(m)) };
  return { updater, logs };
}

describe('update check against a loopback GitHub releases feed (real electron-updater)', () => {
  let server: ReplayServer;
  let host: string;
  beforeAll(async () => {
    server = await startReplayServer(() => html('not found'));
    host = new URL(server.base).host;
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.requests.length = 0;
  });

  it('a newer release: "available" with its version, after reading releases.atom, the latest tag and latest.yml', async () => {
    server.setHandler(githubRelease('v0.2.0', latestYml('0.2.0')));
    const dir = tmp();
    const { updater } = realUpdater(host, dir);
    const stateFile = path.join(dir, 'update-check.json');
    const run = await checkIfDue({ environment: PACKAGED_WIN, stateFile, nowMs: () => Date.parse('2026-09-02T08:00:00Z'), check: () => updater.checkForUpdates() });
    expect(run).toEqual({ ran: true, outcome: { kind: 'available', version: '0.2.0', releaseDate: '2026-09-01T10:00:00.000Z' } });
    expect(server.requests.map((r) => r.url.split('?')[0])).toEqual([
      `/${publish.owner}/${publish.repo}/releases.atom`,
      `/api/v3/repos/${publish.owner}/${publish.repo}/releases/latest`,
      `/${publish.owner}/${publish.repo}/releases/download/v0.2.0/latest.yml`,
    ]);
    // Nothing downloaded: autoDownload is off until the user says yes.
    expect(server.requests.some((r) => r.url.endsWith('.exe'))).toBe(false);
    expect(readUpdateState(stateFile).lastCheckedAtMs).toBe(Date.parse('2026-09-02T08:00:00Z'));
    expect(describeRun(run)).toBe('updates: version 0.2.0 (released 2026-09-01T10:00:00.000Z) is available');
  });

  it(`the same version (${pkg.version}): up to date`, async () => {
    server.setHandler(githubRelease(`v${pkg.version}`, latestYml(pkg.version)));
    const { updater } = realUpdater(host, tmp());
    await expect(runUpdateCheck(() => updater.checkForUpdates())).resolves.toEqual({ kind: 'up-to-date', latestVersion: pkg.version });
  });

  it('an older release than the running app is not offered (no downgrade)', async () => {
    server.setHandler(githubRelease('v0.2.0', latestYml('0.2.0')));
    const { updater } = realUpdater(host, tmp(), '0.3.1');
    await expect(runUpdateCheck(() => updater.checkForUpdates())).resolves.toEqual({ kind: 'up-to-date', latestVersion: '0.2.0' });
  });

  it.each([
    ['YAML that does not parse', 'version: [0.2.0\nfiles: {url: x', /Cannot parse update info|unexpected end|flow/i],
    ['a version that is not semver', latestYml('0.2.0').replace('version: 0.2.0', 'version: latest'), /not have a valid semver version/],
    ['no files', stringify({ version: '0.2.0', path: 'x.exe', sha512: synthSha512('x'), releaseDate: '2026-09-01T10:00:00.000Z' }), /invalid update info: files is missing or empty/],
    ['a file without sha512', latestYml('0.2.0').replace(/ {4}sha512: .*\n/, ''), /invalid update info: files\[0\]\.sha512 is missing/],
    ['no releaseDate', latestYml('0.2.0').replace(/releaseDate: .*\n/, ''), /invalid update info: releaseDate is not a date/],
  ])('a malformed latest.yml (%s): an error result, no throw, nothing offered', async (_name, yml, message) => {
    server.setHandler(githubRelease('v0.2.0', yml));
    const { updater } = realUpdater(host, tmp());
    const errors: unknown[] = [];
    updater.on('error', (e) => errors.push(e));
    const outcome = await runUpdateCheck(() => updater.checkForUpdates());
    expect(outcome.kind).toBe('error');
    expect(outcome.kind === 'error' ? outcome.message : '').toMatch(message);
  });

  it('a release without latest.yml: an error result', async () => {
    server.setHandler((url) => (url.pathname.endsWith('latest.yml') ? html('not found') : githubRelease('v0.2.0', '')(url)));
    const { updater } = realUpdater(host, tmp());
    const outcome = await runUpdateCheck(() => updater.checkForUpdates());
    expect(outcome).toMatchObject({ kind: 'error', message: expect.stringMatching(/Cannot find latest\.yml in the latest release artifacts/) });
  });

  it('server down (closed port): "offline", quick, silent, and not remembered so the next tick retries', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const dir = tmp();
    const { updater } = realUpdater(`127.0.0.1:${port}`, dir);
    updater.on('error', () => undefined);
    const stateFile = path.join(dir, 'update-check.json');
    const t0 = performance.now();
    const run = await checkIfDue({ environment: PACKAGED_WIN, stateFile, nowMs: Date.now, check: () => updater.checkForUpdates() });
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(run).toMatchObject({ ran: true, outcome: { kind: 'offline', message: expect.stringMatching(/ECONNREFUSED/) } });
    expect(readUpdateState(stateFile).lastCheckedAtMs).toBeNull();
  });

  it('a feed that never answers counts as offline after the timeout', async () => {
    server.setHandler(() => ({ delayMs: 5_000, body: '' }));
    const { updater } = realUpdater(host, tmp());
    const t0 = performance.now();
    await expect(runUpdateCheck(() => updater.checkForUpdates(), 300)).resolves.toEqual({ kind: 'offline', message: 'no answer within 300 ms' });
    expect(performance.now() - t0).toBeLessThan(1_500);
  });
});

describe('update policy: when to check', () => {
  it('never in development (unpackaged) or portable builds, nor outside an AppImage on Linux', () => {
    expect(updatesDisabledReason({ isPackaged: false, platform: 'win32', env: {} })).toBe('development build (not packaged)');
    expect(updatesDisabledReason({ isPackaged: true, platform: 'win32', env: { PORTABLE_EXECUTABLE_DIR: 'C:\\Users\\a\\Desktop' } })).toBe('portable build');
    expect(updatesDisabledReason({ isPackaged: true, platform: 'linux', env: {} })).toBe('Linux build that is not an AppImage');
    expect(updatesDisabledReason({ isPackaged: true, platform: 'linux', env: { APPIMAGE: '/opt/Reservoir.AppImage' } })).toBeNull();
    expect(updatesDisabledReason(PACKAGED_WIN)).toBeNull();
    expect(updatesDisabledReason({ isPackaged: true, platform: 'darwin', env: {} })).toBeNull();
  });

  it('a disabled build never calls the updater', async () => {
    const dir = tmp();
    let calls = 0;
    const check = (): Promise<null> => {
      calls += 1;
      return Promise.resolve(null);
    };
    for (const environment of [{ ...PACKAGED_WIN, isPackaged: false }, { ...PACKAGED_WIN, env: { PORTABLE_EXECUTABLE_DIR: 'D:\\' } }]) {
      const run = await checkIfDue({ environment, stateFile: path.join(dir, 'update-check.json'), nowMs: Date.now, check });
      expect(run.ran).toBe(false);
    }
    expect(calls).toBe(0);
  });

  it('checked less than 24 h ago: skipped; 24 h later: due', async () => {
    const dir = tmp();
    const stateFile = path.join(dir, 'update-check.json');
    const t0 = Date.parse('2026-09-02T08:00:00Z');
    writeUpdateState(stateFile, t0);
    let calls = 0;
    const check = (): Promise<{ isUpdateAvailable: boolean; updateInfo: unknown }> => {
      calls += 1;
      return Promise.resolve({ isUpdateAvailable: false, updateInfo: { version: pkg.version } });
    };
    const skipped = await checkIfDue({ environment: PACKAGED_WIN, stateFile, nowMs: () => t0 + UPDATE_INTERVAL_MS - 60_000, check });
    expect(skipped).toEqual({ ran: false, reason: 'checked less than 24 h ago (2026-09-02T08:00:00.000Z)' });
    expect(calls).toBe(0);
    const due = await checkIfDue({ environment: PACKAGED_WIN, stateFile, nowMs: () => t0 + UPDATE_INTERVAL_MS, check });
    expect(due).toEqual({ ran: true, outcome: { kind: 'up-to-date', latestVersion: pkg.version } });
    expect(calls).toBe(1);
    expect(readUpdateState(stateFile).lastCheckedAtMs).toBe(t0 + UPDATE_INTERVAL_MS);
  });

  it.each([
    ['missing file', null],
    ['empty file', ''],
    ['not JSON', '{"lastCheckedAt": "2026-09-0'],
    ['JSON null', 'null'],
    ['wrong type', '{"lastCheckedAt": 1788336000000}'],
    ['not a date', '{"lastCheckedAt": "yesterday"}'],
  ])('a corrupt remembered file (%s) counts as never checked', (_name, text) => {
    const state = parseUpdateState(text);
    expect(state).toEqual({ lastCheckedAtMs: null });
    expect(isCheckDue(state, Date.parse('2026-09-02T08:00:00Z'))).toBe(true);
  });

  it('a corrupt file on disk is read as never checked, and a check rewrites it', async () => {
    const stateFile = path.join(tmp(), 'update-check.json');
    writeFileSync(stateFile, '\u0000\u0000garbage');
    expect(readUpdateState(stateFile)).toEqual({ lastCheckedAtMs: null });
    const now = Date.parse('2026-09-02T08:00:00Z');
    const run = await checkIfDue({ environment: PACKAGED_WIN, stateFile, nowMs: () => now, check: () => Promise.resolve({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } }) });
    expect(run.ran).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({ lastCheckedAt: '2026-09-02T08:00:00.000Z' });
  });

  it('a remembered time in the future (clock set back) does not block checks forever', () => {
    const now = Date.parse('2026-09-02T08:00:00Z');
    expect(isCheckDue({ lastCheckedAtMs: now + 3 * UPDATE_INTERVAL_MS }, now)).toBe(true);
    expect(isCheckDue({ lastCheckedAtMs: now - 1 }, now)).toBe(false);
  });

  it('validates update info field by field', () => {
    const good = parse(latestYml('1.2.3')) as unknown;
    expect(validateUpdateInfo(good)).toEqual({ ok: true, version: '1.2.3', releaseDate: '2026-09-01T10:00:00.000Z' });
    expect(validateUpdateInfo({ ...(good as object), files: [{ url: '', sha512: synthSha512('x') }] })).toEqual({ ok: false, error: 'files[0].url is missing' });
    expect(validateUpdateInfo({ ...(good as object), files: [{ url: 'a.exe', sha512: 'not base64!' }] })).toEqual({ ok: false, error: 'files[0].sha512 is missing or not base64' });
    expect(validateUpdateInfo('version: 1.2.3')).toEqual({ ok: false, error: 'update info is not a mapping' });
  });

  it('Electron net errors count as offline, HTTP and parse errors do not', async () => {
    const fail = (e: Error) => (): Promise<null> => Promise.reject(e);
    await expect(runUpdateCheck(fail(new Error('net::ERR_INTERNET_DISCONNECTED')))).resolves.toMatchObject({ kind: 'offline' });
    await expect(runUpdateCheck(fail(new Error('net::ERR_NAME_NOT_RESOLVED')))).resolves.toMatchObject({ kind: 'offline' });
    await expect(runUpdateCheck(fail(new Error('HttpError: 500 Internal Server Error')))).resolves.toMatchObject({ kind: 'error' });
  });
});
