/** dist/shell/start.mjs (`npm start`): the Node version check, then start.ts (see main/host/serve-entry.ts for why two files). */
import { nodeVersionProblem } from '../core/node-version.js';

const problem = nodeVersionProblem();
if (problem !== null) {
  console.error(problem);
  process.exit(1);
}
// The bundle beside this one at run time (not a source module: typechecked as a plain string).
const app: string = './start-app.mjs';
await import(app);
