/**
 * When the desktop app looks for updates and what it does with the answer (issue 15 §5). No electron
 * import: the electron-facing part is update-check.ts, which hands electron-updater's
 * `checkForUpdates` to `checkIfDue`. Kept apart so the tests can drive the real electron-updater
 * against a loopback server through exactly this code.
 *
 * Rules: never in development (unpackaged) or portable builds; the first check a few seconds after the
 * window is shown, then at most once a day (the time of the last completed check is remembered in a
 * small JSON file in the user data folder); offline and broken feeds are logged, never shown; only a
 * valid, newer release reaches the user, who is asked before anything is downloaded or installed.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export const UPDATE_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** After the window is shown: start-up (first paint, first sync) has the network and the CPU first. */
export const FIRST_CHECK_DELAY_MS = 15_000;
/** How often a running app asks "is a check due?"; the answer is yes at most once a day. */
export const DUE_TICK_MS = 60 * 60 * 1000;
/** A check that has not answered by then counts as offline; nothing waits for it meanwhile. */
export const CHECK_TIMEOUT_MS = 30_000;
export const UPDATE_STATE_FILE = 'update-check.json';

export interface UpdateEnvironment {
  readonly isPackaged: boolean;
  readonly platform: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Why this build never checks, or null when it may. */
export function updatesDisabledReason(e: UpdateEnvironment): string | null {
  if (!e.isPackaged) return 'development build (not packaged)';
  // electron-builder's portable target sets this; a portable exe cannot be updated in place.
  if (e.env['PORTABLE_EXECUTABLE_DIR']) return 'portable build';
  // On Linux only the AppImage can replace itself (electron-updater reads $APPIMAGE).
  if (e.platform === 'linux' && !e.env['APPIMAGE']) return 'Linux build that is not an AppImage';
  return null;
}

export interface UpdateState {
  /** When the last check that reached the feed finished (ms since the epoch); null: never. */
  readonly lastCheckedAtMs: number | null;
}

/** The remembered state from the file's text; anything unreadable counts as "never checked". */
export function parseUpdateState(text: string | null): UpdateState {
  if (text === null) return { lastCheckedAtMs: null };
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return { lastCheckedAtMs: null };
    const at = (v as Record<string, unknown>)['lastCheckedAt'];
    const ms = typeof at === 'string' ? Date.parse(at) : Number.NaN;
    return { lastCheckedAtMs: Number.isFinite(ms) ? ms : null };
  } catch {
    return { lastCheckedAtMs: null };
  }
}

export function readUpdateState(file: string): UpdateState {
  try {
    return parseUpdateState(readFileSync(file, 'utf8'));
  } catch {
    return parseUpdateState(null);
  }
}

/** Written under a temporary name first so a crash mid-write leaves the old file, never half a file. */
export function writeUpdateState(file: string, nowMs: number): void {
  const tmp = `${file}.partial`;
  writeFileSync(tmp, JSON.stringify({ lastCheckedAt: new Date(nowMs).toISOString() }));
  renameSync(tmp, file);
}

/** Due when never checked, a day has passed, or the remembered time is in the future (clock changed). */
export function isCheckDue(state: UpdateState, nowMs: number): boolean {
  const last = state.lastCheckedAtMs;
  if (last === null || last > nowMs) return true;
  return nowMs - last >= UPDATE_INTERVAL_MS;
}

export type UpdateOutcome =
  | { readonly kind: 'available'; readonly version: string; readonly releaseDate: string }
  | { readonly kind: 'up-to-date'; readonly latestVersion: string }
  | { readonly kind: 'offline'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

/** The part of electron-updater's UpdateCheckResult this layer reads. */
export interface UpdateCheckResultLike {
  readonly isUpdateAvailable: boolean;
  readonly updateInfo: unknown;
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Checks a release's update info (electron-builder's latest.yml, as parsed by electron-updater) before
 * the user is offered it: electron-updater itself only insists on the version, and a release with no
 * files or no checksums would fail only after the user said yes.
 */
export function validateUpdateInfo(info: unknown): { ok: true; version: string; releaseDate: string } | { ok: false; error: string } {
  if (typeof info !== 'object' || info === null) return { ok: false, error: 'update info is not a mapping' };
  const r = info as Record<string, unknown>;
  const version = r['version'];
  if (typeof version !== 'string' || !SEMVER.test(version)) return { ok: false, error: `version is not a semver version: ${JSON.stringify(version)}` };
  // electron-builder quotes it; an unquoted ISO time is read by electron-updater's YAML parser as a Date.
  const rawDate = r['releaseDate'];
  const releaseDate = rawDate instanceof Date && Number.isFinite(rawDate.getTime()) ? rawDate.toISOString() : rawDate;
  if (typeof releaseDate !== 'string' || !Number.isFinite(Date.parse(releaseDate))) return { ok: false, error: `releaseDate is not a date: ${JSON.stringify(releaseDate)}` };
  const files = r['files'];
  if (!Array.isArray(files) || files.length === 0) return { ok: false, error: 'files is missing or empty' };
  for (const [i, f] of files.entries()) {
    if (typeof f !== 'object' || f === null) return { ok: false, error: `files[${i}] is not a mapping` };
    const url = (f as Record<string, unknown>)['url'];
    const sha512 = (f as Record<string, unknown>)['sha512'];
    if (typeof url !== 'string' || url.trim() === '') return { ok: false, error: `files[${i}].url is missing` };
    if (typeof sha512 !== 'string' || !BASE64.test(sha512)) return { ok: false, error: `files[${i}].sha512 is missing or not base64` };
  }
  return { ok: true, version, releaseDate };
}

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ENETDOWN', 'EPIPE']);
// Chromium's network errors, as Electron's net module reports them (electron-updater's transport).
const OFFLINE_NET = /net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|CONNECTION_\w+|NETWORK_\w+|ADDRESS_UNREACHABLE|TIMED_OUT|PROXY_\w+|TUNNEL_CONNECTION_FAILED)/;

/** True when the error means "could not reach the feed" rather than "the feed is wrong". */
export function isOfflineError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as Record<string, unknown>)['code'];
  if (typeof code === 'string' && OFFLINE_CODES.has(code)) return true;
  const message = (e as Record<string, unknown>)['message'];
  return typeof message === 'string' && (OFFLINE_NET.test(message) || /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH)\b/.test(message));
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n', 1)[0] ?? m;
}

/** Runs one check and classifies it; never throws and never waits longer than `timeoutMs`. */
export async function runUpdateCheck(check: () => Promise<UpdateCheckResultLike | null>, timeoutMs = CHECK_TIMEOUT_MS): Promise<UpdateOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<UpdateOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'offline', message: `no answer within ${timeoutMs} ms` }), timeoutMs);
    timer.unref?.();
  });
  const attempt = (async (): Promise<UpdateOutcome> => {
    try {
      const r = await check();
      if (r === null) return { kind: 'error', message: 'the updater is inactive (unpackaged app)' };
      if (!r.isUpdateAvailable) {
        const latest = (r.updateInfo as Record<string, unknown> | null)?.['version'];
        return { kind: 'up-to-date', latestVersion: typeof latest === 'string' ? latest : '?' };
      }
      const v = validateUpdateInfo(r.updateInfo);
      if (!v.ok) return { kind: 'error', message: `invalid update info: ${v.error}` };
      return { kind: 'available', version: v.version, releaseDate: v.releaseDate };
    } catch (e) {
      return isOfflineError(e) ? { kind: 'offline', message: firstLine(e) } : { kind: 'error', message: firstLine(e) };
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface DueCheckDeps {
  readonly environment: UpdateEnvironment;
  /** The remembered-state file (UPDATE_STATE_FILE in the user data folder). */
  readonly stateFile: string;
  readonly nowMs: () => number;
  readonly check: () => Promise<UpdateCheckResultLike | null>;
  readonly timeoutMs?: number;
}

export type DueCheckRun = { readonly ran: false; readonly reason: string } | { readonly ran: true; readonly outcome: UpdateOutcome };

/**
 * One scheduler tick: checks only when this build may and a check is due, and remembers the time of
 * every check that reached the feed (an offline attempt is not remembered, so the next tick retries).
 */
export async function checkIfDue(d: DueCheckDeps): Promise<DueCheckRun> {
  const disabled = updatesDisabledReason(d.environment);
  if (disabled !== null) return { ran: false, reason: disabled };
  const state = readUpdateState(d.stateFile);
  if (!isCheckDue(state, d.nowMs())) return { ran: false, reason: `checked less than 24 h ago (${new Date(state.lastCheckedAtMs ?? 0).toISOString()})` };
  const outcome = await runUpdateCheck(d.check, d.timeoutMs);
  if (outcome.kind !== 'offline') {
    try {
      writeUpdateState(d.stateFile, d.nowMs());
    } catch {
      // An unwritable user data folder only means the next start checks again.
    }
  }
  return { ran: true, outcome };
}

/** The log line for a tick; only an 'available' outcome goes further (to the question). */
export function describeRun(run: DueCheckRun): string {
  if (!run.ran) return `updates: not checking: ${run.reason}`;
  const o = run.outcome;
  switch (o.kind) {
    case 'available':
      return `updates: version ${o.version} (released ${o.releaseDate}) is available`;
    case 'up-to-date':
      return `updates: up to date (latest release ${o.latestVersion})`;
    case 'offline':
      return `updates: feed not reachable, will retry later: ${o.message}`;
    case 'error':
      return `updates: check failed: ${o.message}`;
  }
}
