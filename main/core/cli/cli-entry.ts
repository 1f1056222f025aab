/** `npm run cli`: the Node version check, then the command line (see main/host/serve-entry.ts for why two files). */
import { nodeVersionProblem } from '../node-version.js';

const problem = nodeVersionProblem();
if (problem !== null) {
  console.error(problem);
  process.exit(1);
}
await import('./main.js');
