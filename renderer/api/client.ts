/**
 * The typed api client. Views call `api('series:get', {...})` and never see a transport: over the
 * Electron preload (`window.reservoir.invoke`) or over HTTP to the loopback host with the run token.
 */
import type { Channel, Req, Res } from '../../shared/ipc/contract.js';

/**
 * A refusal from the core. `message` is what the window shows (app words, never a channel name);
 * `channel` is kept for developers (devtools, a debugger), not for display.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly channel: string,
  ) {
    super(message);
  }
}

type Envelope = { ok: true; value: unknown } | { ok: false; error: string };

interface Bridge {
  invoke(channel: string, payload: unknown): Promise<Envelope>;
  /** The desktop app's menu and opened files (renderer/app/shell-actions.ts); absent in browser mode. */
  onShellEvent?(listener: (event: unknown) => void): void;
}

declare global {
  interface Window {
    reservoir?: Bridge;
  }
}

function token(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem('reservoir.token', fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem('reservoir.token') ?? '';
}

/** `keepalive`: the request survives the page closing (the UI state's last write on a reload or quit). */
export interface CallOptions {
  readonly keepalive?: boolean;
}

async function httpInvoke(channel: string, payload: unknown, opts: CallOptions): Promise<Envelope> {
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(channel)}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-reservoir-token': token() }, body: JSON.stringify(payload), ...(opts.keepalive ? { keepalive: true } : {}) });
  } catch {
    return { ok: false, error: 'the Reservoir core is not reachable (was `npm run serve` stopped?)' };
  }
  if (res.status === 401) return { ok: false, error: 'this page has no valid token: open the address printed by `npm run serve`' };
  return (await res.json()) as Envelope;
}

export const isElectron = (): boolean => window.reservoir !== undefined;

/**
 * Reads that change nothing and that several parts of a view ask for at the same moment (the Monitor and
 * the freshness banner both list the catalog at start): identical requests in flight share one answer,
 * so the core works the catalog's freshness out once, not twice, before the first charts can draw.
 */
const SHARED_READS: ReadonlySet<Channel> = new Set<Channel>(['series:list']);
const inFlight = new Map<string, Promise<Envelope>>();

function invoke(channel: Channel, req: unknown, opts: CallOptions): Promise<Envelope> {
  const send = (): Promise<Envelope> => (window.reservoir ? window.reservoir.invoke(channel, req) : httpInvoke(channel, req, opts));
  if (!SHARED_READS.has(channel)) return send();
  const key = `${channel} ${JSON.stringify(req)}`;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const p = send().finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

export async function api<C extends Channel>(channel: C, req: Req<C>, opts: CallOptions = {}): Promise<Res<C>> {
  const r = await invoke(channel, req, opts);
  if (!r.ok) throw new ApiError(r.error, channel);
  return r.value as Res<C>;
}
