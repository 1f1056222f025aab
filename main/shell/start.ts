/**
 * `npm start`: the desktop app when Electron is installed; otherwise, in one plain sentence, browser
 * mode on the same data dir. It lives with the shell because it is the one other place that looks
 * for Electron.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../core/paths.js';
import { startFailure } from '../core/start-failure.js';
import { serve } from '../host/serve.js';
import { serveArgsProblem } from '../host/serve-args.js';

function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
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
