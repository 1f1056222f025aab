/**
 * A second launch of the desktop app, in its own process (`node --import tsx second-instance.ts
 * MAIN_CJS ARGS...`): the built shell with the electron double and no browser. It finds the first
 * instance's lock in the data folder, hands over its command line and quits; the exit code is what
 * app.quit()/app.exit() ended with. Prints what it recorded as one JSON line for the test.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createElectronDouble } from './electron-double.js';
import { runShell } from './load-shell.js';
import { REPO_ROOT } from '../paths.js';

const [mainCjs, ...args] = process.argv.slice(2);
if (mainCjs === undefined) throw new Error('usage: second-instance.ts MAIN_CJS ARGS...');
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const { electron, control } = createElectronDouble({
  version: pkg.version,
  appPath: path.resolve(path.dirname(mainCjs), '..', '..'),
  userData: path.join(os.tmpdir(), 'reservoir-double-default-userdata'),
  documents: os.tmpdir(),
  onExit: (code) => {
    console.log(JSON.stringify({ exit: code, errorBoxes: control.recorded.errorBoxes, windows: control.windows().length }));
    process.exit(code);
  },
});
runShell(mainCjs, args, electron);
setImmediate(() => control.ready());
