/**
 * `npm run serve` entry: browser mode on the user's data dir. Bundled to dist/host/serve.mjs at build
 * time so a start does not transpile the core on the fly (cold start ~0.3 s faster than under tsx).
 */
import { startFailure } from '../core/start-failure.js';
import { serveArgsProblem } from './serve-args.js';
import { serve } from './serve.js';

// A bad argument is the user's typo: one line saying so and exit 64 (EX_USAGE), before anything starts.
const usage = serveArgsProblem(process.argv.slice(2));
if (usage !== null) {
  console.error(usage);
  process.exit(64);
}

try {
  await serve(process.argv.slice(2));
} catch (e) {
  // A folder another Reservoir has open, or one this user cannot use: one plain message, exit 1,
  // and nothing in the folder touched (issue 11 §1–2). Anything else is a bug and keeps its stack.
  const message = startFailure(e);
  if (message === null) throw e;
  console.error(message);
  process.exit(1);
}
