/**
 * dist/host/serve.mjs: checks the Node version, then loads the bundled host (serve-app.mjs). A separate
 * file because an ES module's imports run before its first line: the check must finish before any
 * module that loads better-sqlite3 is even imported.
 */
import { nodeVersionProblem } from '../core/node-version.js';

const problem = nodeVersionProblem();
if (problem !== null) {
  console.error(problem);
  process.exit(1);
}
// The bundle beside this one at run time (not a source module: typechecked as a plain string).
const app: string = './serve-app.mjs';
await import(app);
