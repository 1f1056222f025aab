/**
 * What the desktop app reads from its command line and environment (issue 15 §3), as pure functions:
 * the data folder (`--data-dir DIR`, `--data-dir=DIR`, else `RESERVOIR_DATA_DIR`, as the README says
 * for every entry point) and which argument is a scenario file to open (Windows and Linux pass a
 * double-clicked file as an argument; a second launch passes its whole command line on).
 * Electron and Chromium add switches of their own, so unknown arguments are left alone, not refused.
 */
import path from 'node:path';

export const SCENARIO_FILE_SUFFIX = '.reservoir.json';

export type DataDirChoice = { readonly ok: true; readonly dataDir: string | null } | { readonly ok: false; readonly problem: string };

/** The data folder asked for (absolute), null for the default (Electron's userData), or why the arguments are wrong. */
export function dataDirFromLaunch(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string): DataDirChoice {
  let fromArgs: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    let value: string | undefined;
    if (a === '--data-dir') {
      value = argv[i + 1];
      if (value === undefined || value === '' || value.startsWith('--')) return { ok: false, problem: '--data-dir needs a folder: --data-dir DIR' };
      i++;
    } else if (a.startsWith('--data-dir=')) {
      value = a.slice('--data-dir='.length);
      if (value === '') return { ok: false, problem: '--data-dir needs a folder: --data-dir DIR' };
    } else continue;
    fromArgs = path.resolve(cwd, value);
  }
  if (fromArgs !== null) return { ok: true, dataDir: fromArgs };
  const env_ = env['RESERVOIR_DATA_DIR'];
  return { ok: true, dataDir: env_ !== undefined && env_ !== '' ? path.resolve(cwd, env_) : null };
}

export function isScenarioFileName(p: string): boolean {
  return p.toLowerCase().endsWith(SCENARIO_FILE_SUFFIX) && path.basename(p).length > SCENARIO_FILE_SUFFIX.length;
}

/** The last `.reservoir.json` argument (absolute, against the launching process's folder), or null. The value of --data-dir never counts. */
export function scenarioFileInArgv(argv: readonly string[], cwd: string): string | null {
  let found: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--data-dir') {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    if (isScenarioFileName(a)) found = path.resolve(cwd, a);
  }
  return found;
}
