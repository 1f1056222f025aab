/**
 * Is the network down, or only one server? After the first connection that cannot be made at all
 * (ECONNREFUSED, ENOTFOUND, …), the sync engine asks the other sources' hosts once each, at the same
 * time and with a short timeout (issue 12: offline, the old engine failed 62 series one per second
 * for 26 s). Any HTTP answer, whatever its status, means that host is reachable.
 */
import { causeCode, connectFailureCode, type HttpDeps } from './http-client.js';
import type { SourceUrls } from './source-context.js';

/** Long enough for a slow DNS answer, short enough that "No network" is said within 3 s of the first failure. */
export const PROBE_TIMEOUT_MS = 1_500;

export interface Reachability {
  readonly origin: string;
  readonly host: string;
  readonly reachable: boolean;
  /** Why not, for the message: ECONNREFUSED, ENOTFOUND, 'no answer within 1.5 s'. */
  readonly why: string;
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export function hostOfOrigin(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** The distinct hosts the sources live on. */
export function sourceOrigins(urls: SourceUrls): string[] {
  return [...new Set([urls.fredApi, urls.fredGraph, urls.nyfed, urls.fiscaldata].map(originOf))];
}

async function probeOne(http: HttpDeps, origin: string, timeoutMs: number, signal?: AbortSignal): Promise<Reachability> {
  const host = hostOfOrigin(origin);
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, timeoutMs);
  const onAbort = (): void => ctl.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await http.fetch(`${origin}/`, { method: 'HEAD', redirect: 'manual', signal: ctl.signal });
    await res.body?.cancel();
    return { origin, host, reachable: true, why: `HTTP ${res.status}` };
  } catch (e) {
    if (timedOut) return { origin, host, reachable: false, why: `no answer within ${timeoutMs / 1000} s` };
    const down = connectFailureCode(e);
    if (down !== '') return { origin, host, reachable: false, why: down };
    // Anything else (a TLS error, a reset) came from a machine that answered: the network is up.
    return { origin, host, reachable: true, why: causeCode(e) || (e instanceof Error ? e.message : 'answered') };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Asks every origin at once; resolves within `timeoutMs` (plus scheduling). */
export function probeOrigins(http: HttpDeps, origins: readonly string[], timeoutMs = PROBE_TIMEOUT_MS, signal?: AbortSignal): Promise<Reachability[]> {
  return Promise.all(origins.map((o) => probeOne(http, o, timeoutMs, signal)));
}

/** "a (X), b (Y) and c (Z)". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
