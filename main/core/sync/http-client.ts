/**
 * The one HTTP client every source uses: injected fetch, per-request timeout, cancellation, a body
 * size cap, content-type checks, retries with backoff and jitter, and 429 / Retry-After handling.
 * Every error is an `HttpError` whose message is safe to show (keys redacted) and says what happened.
 */
import { redact } from './redact.js';

export type HttpErrorKind = 'offline' | 'timeout' | 'reset' | 'http' | 'rate-limited' | 'too-large' | 'cancelled' | 'content-type';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** The body of an HTTP error response, for sources that explain errors in it (FRED). */
    readonly body?: string,
    /** For `offline`: the connection error's code (ECONNREFUSED, ENOTFOUND, …) and the host it was for. */
    readonly code?: string,
    readonly host?: string,
  ) {
    super(message);
  }
}

/**
 * The platform's fetch, looked up when first called: reading `globalThis.fetch` makes Node load its
 * HTTP client (~60 ms), which a start that never syncs should not wait for.
 */
export const lazyFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);

export interface HttpDeps {
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly log?: (line: string) => void;
}

export interface GetSpec {
  readonly url: string;
  readonly expect: 'json' | 'csv';
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
  /** Strings to scrub from any message (the FRED key). */
  readonly secrets?: readonly string[];
  /** A short name for messages: "FRED WALCL". */
  readonly what: string;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this fails the request instead of stalling the sync. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 120_000 };
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export function sleepReal(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new HttpError('cancelled', 'cancelled'));
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new HttpError('cancelled', 'cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Parses Retry-After: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The first error code on the cause chain. Node's fetch throws `TypeError('fetch failed')` with the
 * socket error as `cause`; with happy eyeballs (several addresses) that cause is an AggregateError
 * whose own `errors` carry the codes, so those are searched too.
 */
export function causeCode(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 6 && typeof cur === 'object' && cur !== null; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      for (const x of errors) {
        const c = (x as { code?: unknown } | null)?.code;
        if (typeof c === 'string') return c;
      }
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return '';
}

/**
 * Connection failures that mean the host (or the whole network) cannot be reached at all, as opposed
 * to a server that answered badly. Node codes, undici's connect timeout, and Chromium's net::ERR_*
 * words (Electron's net.fetch) for the same conditions.
 */
export const CONNECT_FAILURE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const CHROMIUM_CONNECT_FAILURE = /net::(ERR_INTERNET_DISCONNECTED|ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED|ERR_CONNECTION_REFUSED|ERR_ADDRESS_UNREACHABLE|ERR_NETWORK_CHANGED|ERR_NETWORK_ACCESS_DENIED|ERR_CONNECTION_TIMED_OUT)/;

/** The connection-failure code of a fetch error ('' when it is not one). */
export function connectFailureCode(e: unknown): string {
  const code = causeCode(e);
  if (CONNECT_FAILURE_CODES.has(code)) return code;
  const chromium = CHROMIUM_CONNECT_FAILURE.exec(causeMessages(e));
  return chromium?.[1] ?? '';
}

function causeMessages(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 4 && typeof cur === 'object' && cur !== null; i++) {
    const m = (cur as { message?: unknown }).message;
    if (typeof m === 'string') parts.push(m);
    cur = (cur as { cause?: unknown }).cause;
  }
  return parts.join(' / ');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

function classifyNetworkError(e: unknown, what: string, url: string): HttpError {
  if (/redirect count exceeded|redirect loop/i.test(causeMessages(e))) return new HttpError('http', `${what}: too many redirects (a proxy or login portal in the way?)`);
  const down = connectFailureCode(e);
  if (down !== '') {
    return new HttpError('offline', `${what}: cannot reach the server (${down}); you may be offline — stored data is unchanged`, undefined, undefined, undefined, down, hostOf(url));
  }
  const code = causeCode(e);
  return new HttpError('reset', `${what}: the connection was cut before the response was complete (${code || (e instanceof Error ? e.message : 'network error')})`);
}

function contentTypeOk(ct: string, expect: 'json' | 'csv'): boolean {
  const t = ct.toLowerCase();
  if (t === '') return true;
  if (expect === 'json') return t.includes('json');
  return t.includes('csv') || t.startsWith('text/plain') || t.includes('octet-stream');
}

async function readCapped(res: Response, maxBytes: number, what: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new HttpError('too-large', `${what}: the response is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  if (res.body === null) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new HttpError('too-large', `${what}: the response passed the ${maxBytes}-byte limit`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.byteLength;
  }
  return new TextDecoder('utf-8').decode(all);
}

export interface HttpText {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** One attempt. Throws HttpError. */
export async function getOnce(deps: HttpDeps, spec: GetSpec): Promise<HttpText> {
  const secrets = spec.secrets ?? [];
  const what = spec.what;
  if (spec.signal?.aborted) throw new HttpError('cancelled', `${what}: cancelled`);
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, spec.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onAbort = (): void => ctl.abort();
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    deps.log?.(redact(`GET ${spec.url}`, secrets));
    let res: Response;
    try {
      res = await deps.fetch(spec.url, {
        signal: ctl.signal,
        redirect: 'follow',
        headers: { accept: spec.expect === 'json' ? 'application/json' : 'text/csv, text/plain;q=0.9' },
      });
    } catch (e) {
      if (timedOut) throw new HttpError('timeout', `${what}: no answer within ${(spec.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s`);
      if (spec.signal?.aborted) throw new HttpError('cancelled', `${what}: cancelled`);
      throw classifyNetworkError(e, what, spec.url);
    }
    const contentType = res.headers.get('content-type') ?? '';
    let body: string;
    try {
      body = await readCapped(res, spec.maxBytes ?? DEFAULT_MAX_BYTES, what);
    } catch (e) {
      if (e instanceof HttpError) throw e;
      if (timedOut) throw new HttpError('timeout', `${what}: the response stalled and timed out`);
      if (spec.signal?.aborted) throw new HttpError('cancelled', `${what}: cancelled`);
      throw new HttpError('reset', `${what}: the response body was cut off or could not be decoded (${redact(e instanceof Error ? e.message : String(e), secrets)})`);
    }
    if (res.status === 429) {
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), deps.now());
      throw new HttpError('rate-limited', `${what}: rate limited by the server (HTTP 429)`, 429, retryAfterMs, redact(body, secrets));
    }
    if (res.status < 200 || res.status >= 300) {
      throw new HttpError('http', `${what}: HTTP ${res.status}`, res.status, undefined, redact(body.slice(0, 4000), secrets));
    }
    if (!contentTypeOk(contentType, spec.expect)) {
      const hint = contentType.toLowerCase().includes('html') ? ' (an HTML page: a login portal, proxy or error page?)' : '';
      throw new HttpError('content-type', `${what}: expected ${spec.expect.toUpperCase()} but the server sent ${contentType}${hint}`);
    }
    return { status: res.status, contentType, body };
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener('abort', onAbort);
  }
}

function retryable(e: HttpError): boolean {
  return e.kind === 'timeout' || e.kind === 'reset' || e.kind === 'rate-limited' || (e.kind === 'http' && (e.status ?? 0) >= 500);
}

/**
 * Retries timeouts, resets, 5xx and 429 with exponential backoff and full jitter; honours
 * Retry-After. `beforeAttempt` lets a rate limiter gate every attempt, retries included.
 */
export async function getWithRetry(
  deps: HttpDeps,
  spec: GetSpec,
  policy: RetryPolicy = DEFAULT_RETRY,
  beforeAttempt?: () => Promise<void>,
  onRateLimited?: (retryAfterMs: number) => void,
): Promise<HttpText> {
  let lastError: HttpError | undefined;
  for (let attempt = 0; attempt < policy.maxAttempts; attempt++) {
    if (attempt > 0 && lastError !== undefined) {
      let delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      delay = delay / 2 + deps.random() * (delay / 2);
      if (lastError.kind === 'rate-limited' && lastError.retryAfterMs !== undefined) {
        if (lastError.retryAfterMs > policy.maxRetryAfterMs) {
          throw new HttpError('rate-limited', `${spec.what}: rate limited; the server asks to wait ${Math.ceil(lastError.retryAfterMs / 1000)} s — try again later`, 429, lastError.retryAfterMs);
        }
        delay = Math.max(delay, lastError.retryAfterMs);
        onRateLimited?.(lastError.retryAfterMs);
      }
      deps.log?.(`${spec.what}: retry ${attempt} in ${Math.round(delay)} ms after: ${lastError.message}`);
      await deps.sleep(delay, spec.signal);
    }
    await beforeAttempt?.();
    try {
      return await getOnce(deps, spec);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      if (!retryable(e)) throw e;
      lastError = e;
    }
  }
  const final = lastError ?? new HttpError('reset', `${spec.what}: failed`);
  throw new HttpError(final.kind, `${final.message} (gave up after ${policy.maxAttempts} attempts)`, final.status, final.retryAfterMs, final.body, final.code, final.host);
}
