/**
 * Installers cannot be built on this Linux image (the Electron binary cannot be downloaded), so the
 * builder configuration is validated here: electron-builder's own schema check, every fuse, asar
 * integrity, the pinned Electron version, native-module handling, per-user NSIS that keeps user data,
 * the macOS hardened runtime, icons and the release workflow.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../support/paths.js';

type Cfg = Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  nsis: Record<string, unknown>;
  mac: Record<string, unknown>;
  win: { target: { target: string; arch: string[] }[] };
};
const cfg = parse(readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as Cfg;
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string; devDependencies: Record<string, string>; dependencies: Record<string, string> };

async function validateConfigurationOf(c: unknown): Promise<void> {
  const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
  await validateConfiguration(c, { isEnabled: false, add: () => undefined });
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
    // The validator only consults the logger when it is enabled.
    await expect(validateConfiguration(cfg, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...cfg, nsis: { ...cfg.nsis, perMachine: 'sometimes' } }, { isEnabled: false, add: () => undefined })).rejects.toThrow(/perMachine/);
  });

  it('publishes update info for electron-updater to GitHub releases; electron-updater is a runtime dependency', () => {
    const publish = cfg['publish'] as Record<string, unknown>;
    expect(publish).toEqual({ provider: 'github', owner: expect.stringMatching(/^[A-Za-z0-9-]+$/), repo: 'reservoir' });
    expect(pkg.dependencies['electron-updater']).toMatch(/^\^6\./);
    expect(pkg.devDependencies['electron-updater']).toBeUndefined();
  });

  it('sets every fuse', () => {
    expect(cfg.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into asar with integrity validation and unpacks better-sqlite3, without a native rebuild', () => {
    expect(cfg['asar']).toBe(true);
    expect(cfg['asarUnpack']).toContain('**/node_modules/better-sqlite3/**');
    expect(cfg['npmRebuild']).toBe(false);
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^\^13\./);
  });

  it('pins the Electron version, equal to the electron dev dependency (whose types typecheck the shell)', () => {
    expect(cfg['electronVersion']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies['electron']).toBe(cfg['electronVersion']);
  });

  it('Windows: NSIS x64 and arm64, per-user, keeps user data unless the user asks', () => {
    expect(cfg.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(cfg.nsis).toMatchObject({ oneClick: false, perMachine: false, deleteAppDataOnUninstall: false });
    const include = path.join(REPO_ROOT, String(cfg.nsis['include']));
    expect(readFileSync(include, 'utf8')).toMatch(/customUnInstall[\s\S]*MB_YESNO[\s\S]*IDNO keepData/);
  });

  it('macOS: DMG x64 and arm64 (plus the zip electron-updater installs from), hardened runtime, entitlements, notarization from the environment', () => {
    expect(cfg.mac).toMatchObject({ hardenedRuntime: true, notarize: true, target: [{ target: 'dmg', arch: ['x64', 'arm64'] }, { target: 'zip', arch: ['x64', 'arm64'] }] });
    const ent = readFileSync(path.join(REPO_ROOT, String(cfg.mac['entitlements'])), 'utf8');
    expect(ent).toMatch(/com\.apple\.security\.cs\.allow-jit/);
    expect(ent).not.toMatch(/disable-library-validation|allow-unsigned-executable-memory/);
  });

  it('associates .reservoir.json scenario files with the app, with the suffix the shell opens', async () => {
    const { SCENARIO_FILE_SUFFIX } = await import('../../../main/shell/launch-args.js');
    expect(cfg['fileAssociations']).toEqual([expect.objectContaining({ ext: SCENARIO_FILE_SUFFIX.slice(1), name: 'Reservoir scenario', role: 'Editor' })]);
    await expect(validateConfigurationOf({ ...cfg, fileAssociations: [{ ext: 'reservoir.json', extension: 'json' }] })).rejects.toThrow(/extension|fileAssociations/);
  });

  it('ships the built app, the snapshot and icons; main points at the bundled shell', () => {
    expect(cfg['files']).toEqual(expect.arrayContaining(['dist/**', 'resources/snapshot/**']));
    expect(pkg.main).toBe('dist/shell/main.cjs');
    const icon = readFileSync(path.join(REPO_ROOT, 'resources/icons/icon.png'));
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(icon.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('a release workflow builds the installers on windows-latest and macos-latest and runs the Electron smoke spec', () => {
    const wf = path.join(REPO_ROOT, '.github/workflows/release.yml');
    expect(existsSync(wf)).toBe(true);
    const w = parse(readFileSync(wf, 'utf8')) as { on: { push: { tags: string[] } }; jobs: { installers: { strategy: { matrix: { os: string[] } }; steps: { run?: string }[] } } };
    expect(w.on.push.tags).toEqual(['v*']);
    expect(w.jobs.installers.strategy.matrix.os).toEqual(['windows-latest', 'macos-latest']);
    const runs = w.jobs.installers.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/test\/electron/);
    expect(runs).toMatch(/electron-builder/);
    // electron-updater needs the channel files and, on macOS, the zip in the release.
    expect(runs).toMatch(/gh release upload[^\n]*\*\.zip[^\n]*latest\*\.yml/);
    // The binary is fetched before the smoke spec (Electron 45 downloads it on first use), in this order.
    expect(runs.indexOf('node_modules/electron/install.js')).toBeGreaterThan(-1);
    expect(runs.indexOf('node_modules/electron/install.js')).toBeLessThan(runs.indexOf('test/electron'));
    // Checksums beside the installers, and both uploaded to the tag's release.
    expect(runs).toMatch(/sha256/);
    expect(runs).toMatch(/gh release upload "\$GITHUB_REF_NAME" .*\*\.exe .*\*\.dmg .*SHA256SUMS/);
  });
});
