/**
 * The loopback HTTP host: the same router as the Electron shell, for browser mode and end-to-end
 * tests. Binds 127.0.0.1 only on a random port; every API call needs the per-run token, and every
 * request needs a Host header naming this loopback address (a guard against DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { MAX_IMPORT_BYTES } from '../../shared/ipc/contract.js';
import type { Router } from '../core/router.js';

export interface Host {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * The largest request body: a CSV import of MAX_IMPORT_BYTES (the CLI's limit) as a JSON string, where
 * quotes and line ends are escaped (two bytes for one), plus room for the other fields. An export's
 * base64 (at most 40 MB, contract.ts) fits too.
 */
const MAX_BODY = 2 * MAX_IMPORT_BYTES + 1024 * 1024;

/** decodeURIComponent, or null for bad percent-encoding (`/%E0%A4%A`): a client error, not a crash. */
function decodePath(p: string): string | null {
  try {
    return decodeURIComponent(p);
  } catch {
    return null;
  }
}
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

function tokenOk(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

export async function startHost(router: Router, staticDir: string, opts: { token?: string; port?: number; log?: (l: string) => void } = {}): Promise<Host> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const send = (res: http.ServerResponse, status: number, type: string, body: string | Buffer): void => {
    res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store', 'content-security-policy': CSP });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      if (!hostAllowed(req.headers.host, port)) return send(res, 403, 'text/plain', 'forbidden: unexpected Host header');
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      } catch {
        // A request target like `//[` is no URL at all: the client's error (400), not the host's (500).
        return send(res, 400, 'text/plain', 'bad request: the path is not a URL');
      }
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
        if (!tokenOk(req.headers['x-reservoir-token'] as string | undefined, token)) return send(res, 401, 'application/json', JSON.stringify({ ok: false, error: 'missing or wrong token' }));
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const c of req) {
          size += (c as Buffer).length;
          if (size > MAX_BODY) return send(res, 413, 'application/json', JSON.stringify({ ok: false, error: `the request is over ${Math.round(MAX_BODY / 1024 / 1024)} MB; a CSV import may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB` }));
          chunks.push(c as Buffer);
        }
        let payload: unknown;
        try {
          // The chunks are dropped as soon as they are joined: a 64 MB import is held once as bytes, once as text.
          const body = chunks.length === 0 ? null : Buffer.concat(chunks, size);
          chunks.length = 0;
          payload = body === null ? {} : JSON.parse(body.toString('utf8'));
        } catch {
          return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: 'the request body is not JSON' }));
        }
        const channel = decodePath(url.pathname.slice(5));
        if (channel === null) return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: 'bad percent-encoding in the request path' }));
        const result = await router.handle(channel, payload);
        return send(res, 200, 'application/json', JSON.stringify(result));
      }
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
      if (url.pathname === '/' || url.pathname === '/index.html') {
        if (!tokenOk(url.searchParams.get('token'), token)) return send(res, 401, 'text/plain', 'Open the address printed by `npm run serve`: it carries this run’s token.');
        return send(res, 200, TYPES['.html'] ?? 'text/html', await readFile(path.join(staticDir, 'index.html')));
      }
      const decoded = decodePath(url.pathname);
      if (decoded === null) return send(res, 400, 'text/plain', 'bad request: bad percent-encoding in the path');
      const rel = path.normalize(decoded).replace(/^([/\\])+/, '');
      const file = path.join(staticDir, rel);
      if (!file.startsWith(staticDir + path.sep)) return send(res, 404, 'text/plain', 'not found');
      try {
        return send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', await readFile(file));
      } catch {
        return send(res, 404, 'text/plain', 'not found');
      }
    })().catch((e: unknown) => {
      opts.log?.(`host error: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
