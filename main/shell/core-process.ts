/**
 * The core process's entry (issue 15 §2): started by the main process with `utilityProcess.fork`,
 * built to dist/shell/core.cjs. Everything that can take long (SQLite writes, a snapshot seed, sync,
 * the demand-curve fits) runs here, so the main process only moves windows and menus.
 */
import { runCoreService } from './core-service.js';

// Electron gives a utility process its parent port; run any other way, this file has no one to serve.
const parent = (process as { parentPort?: typeof process.parentPort }).parentPort;
if (parent === undefined || parent === null) {
  console.error('dist/shell/core.cjs is the desktop app\'s core process: the app starts it (npm start); it does nothing on its own.');
  process.exit(64);
}
runCoreService(parent, { exit: (code) => process.exit(code) });
