/**
 * `npm start`: the desktop app when Electron is installed; otherwise, in one plain sentence, browser
 * mode on the same data dir. It lives with the shell because it is the one other place that looks
 * for Electron.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../core/paths.js';
import { startFailure } from '../core/start-failure.js';
import { serve } from '../host/serve.js';
import { serveArgsProblem } from '../host/serve-args.js';

/**
 * The Electron binary, downloading it once when missing. Electron 45's package has no install script:
 * `require('electron')` downloads the binary on first use and, offline, prints a stack trace before it
 * throws. So the download runs here with its output kept back, and a failure is the one-sentence
 * fallback to browser mode below (`electron` is a dev dependency: its types typecheck the shell).
 */
function electronBinary(): string | null {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const fromPathFile = (): string | null => {
    const f = path.join(dir, 'path.txt');
    if (!existsSync(f)) return null;
    const exe = path.join(dir, 'dist', readFileSync(f, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  };
  if (process.env['ELECTRON_OVERRIDE_DIST_PATH'] === undefined && fromPathFile() === null) {
    const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'pipe', timeout: 300_000 });
    if (r.status !== 0) return null;
  }
  try {
    const bin = require('electron') as unknown;
    return typeof bin === 'string' ? bin : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
if (bin !== null) {
  const child = spawn(bin, [path.join(repoRoot(), 'dist', 'shell', 'main.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const usage = serveArgsProblem(process.argv.slice(2));
  if (usage !== null) {
    console.error(usage);
    process.exit(64);
  }
  try {
    await serve(process.argv.slice(2), 'Electron is not installed on this machine (its download needs internet access), so Reservoir is starting in browser mode instead.');
  } catch (e) {
    // Another Reservoir on this data folder, or a folder this user cannot use: say so and exit 1.
    const message = startFailure(e);
    if (message === null) throw e;
    console.error(message);
    process.exit(1);
  }
}
