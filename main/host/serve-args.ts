/**
 * The arguments of `npm run serve` (and of `npm start` when it falls back to browser mode), checked
 * before anything starts: `--port abc` used to reach `server.listen(NaN)` and print a stack trace.
 */
import { parseArgs } from 'node:util';

export const SERVE_USAGE = 'usage: npm run serve -- [--data-dir DIR] [--port N]   (N: 1 to 65535; without --port a free port is picked)';

/** Why the arguments cannot be used (a usage message), or null. */
export function serveArgsProblem(argv: readonly string[]): string | null {
  let port: string | undefined;
  try {
    const { values } = parseArgs({ args: [...argv], options: { 'data-dir': { type: 'string' }, port: { type: 'string' } }, allowPositionals: true });
    port = values.port;
  } catch (e) {
    // parseArgs names the option ("Unknown option '--prot'", "Option '--port <value>' argument missing").
    return `${e instanceof Error ? e.message : String(e)}\n${SERVE_USAGE}`;
  }
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) return `--port must be a whole number from 1 to 65535, got ${JSON.stringify(port)}\n${SERVE_USAGE}`;
  return null;
}
