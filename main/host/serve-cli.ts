/**
 * `npm run serve` entry: browser mode on the user's data dir. Bundled to dist/host/serve.mjs at build
 * time so a start does not transpile the core on the fly (cold start ~0.3 s faster than under tsx).
 */
import { serve } from './serve.js';

await serve(process.argv.slice(2));
