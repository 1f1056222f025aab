/**
 * Runs the built shell (dist/shell/main.cjs) in this Node process with the electron double answering
 * its `require('electron')`. The built files are copied into a staging app folder whose dist/renderer
 * is the renderer under test (RESERVOIR_E2E_RENDERER or dist/renderer) and whose resources and
 * node_modules are the checkout's, because main.cjs finds them beside itself (`__dirname/../..`).
 * RESERVOIR_SHELL_DIST names another folder holding main.cjs, preload.cjs and core.cjs (a deliberately broken
 * build, to watch the smoke fail).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';

/** What build:shell writes: the main process, the preload and the core process (issue 15 §2). */
const SHELL_FILES = ['main.cjs', 'preload.cjs', 'core.cjs'] as const;

export function shellDist(): string {
  const own = process.env['RESERVOIR_SHELL_DIST'];
  const dir = own !== undefined && own !== '' ? path.resolve(own) : path.join(REPO_ROOT, 'dist', 'shell');
  for (const f of SHELL_FILES) if (!existsSync(path.join(dir, f))) throw new Error(`${path.join(dir, f)} is missing: run \`npm run -s build:shell\``);
  return dir;
}

export interface StagedApp {
  readonly root: string;
  readonly mainCjs: string;
  cleanup(): void;
}

export function stageApp(rendererDir: string): StagedApp {
  const root = mkdtempSync(path.join(os.tmpdir(), 'reservoir-double-app-'));
  const shell = path.join(root, 'dist', 'shell');
  mkdirSync(shell, { recursive: true });
  const from = shellDist();
  for (const f of SHELL_FILES) copyFileSync(path.join(from, f), path.join(shell, f));
  symlinkSync(rendererDir, path.join(root, 'dist', 'renderer'));
  symlinkSync(path.join(REPO_ROOT, 'resources'), path.join(root, 'resources'));
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'));
  return { root, mainCjs: path.join(shell, 'main.cjs'), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
interface ModuleInternals {
  _load: Load;
}

/**
 * Loads `mainCjs` with process.argv as Electron gives it ([exe, main.cjs, ...args]); `electron`
 * resolves to the double for modules in its folder only (the hook stays for requires made later).
 */
export function runShell(mainCjs: string, args: readonly string[], electron: object): void {
  const internals = Module as unknown as ModuleInternals;
  const original = internals._load;
  const dir = path.dirname(mainCjs) + path.sep;
  internals._load = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    const from = (parent as { filename?: unknown } | null)?.filename;
    return request === 'electron' && typeof from === 'string' && from.startsWith(dir) ? electron : original.call(this, request, parent, isMain);
  };
  const argv = process.argv;
  process.argv = [process.execPath, mainCjs, ...args];
  try {
    createRequire(mainCjs)(mainCjs);
  } finally {
    process.argv = argv;
  }
}
