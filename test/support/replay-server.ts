/**
 * A loopback HTTP server that replays recorded payloads (from ../shared/data) and injects transport
 * faults: status codes, delays, HTML bodies, truncated bodies, connection resets. It binds 127.0.0.1
 * on a random port and records every request so tests can check what was sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly delayMs?: number;
  /** Send the headers (with the full Content-Length) and this many body bytes, then cut the connection. */
  readonly truncateAt?: number;
  /** Destroy the socket without answering. */
  readonly reset?: boolean;
  /** Send the body without Content-Length (chunked), e.g. to exceed a size cap while streaming. */
  readonly chunked?: boolean;
}

export type Handler = (url: URL, req: http.IncomingMessage) => Reply;

export interface RecordedRequest {
  readonly url: string;
  readonly at: number;
}

export interface ReplayServer {
  readonly base: string;
  readonly requests: RecordedRequest[];
  setHandler(h: Handler): void;
  close(): Promise<void>;
}

export async function startReplayServer(initial: Handler): Promise<ReplayServer> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ url: url.pathname + url.search, at: Date.now() });
    let reply: Reply;
    try {
      reply = handler(url, req);
    } catch (e) {
      reply = { status: 500, body: String(e) };
    }
    const send = (): void => {
      if (reply.reset) {
        req.socket.destroy();
        return;
      }
      const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : (reply.body ?? Buffer.alloc(0));
      res.writeHead(reply.status ?? 200, { ...(reply.chunked ? {} : { 'content-length': String(body.length) }), ...reply.headers });
      if (reply.truncateAt !== undefined) {
        res.write(body.subarray(0, reply.truncateAt), () => setTimeout(() => req.socket.destroy(), 20));
        return;
      }
      res.end(body);
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    setHandler: (h) => {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const json = (body: unknown, status = 200): Reply => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
export const csv = (body: string, status = 200): Reply => ({ status, headers: { 'content-type': 'text/csv; charset=UTF-8' }, body });
export const html = (body: string, status = 404): Reply => ({ status, headers: { 'content-type': 'text/html; charset=utf-8' }, body });
