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
import type { Router } from '../core/router.js';

export interface Host {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_BODY = 45 * 1024 * 1024;
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
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
        if (!tokenOk(req.headers['x-reservoir-token'] as string | undefined, token)) return send(res, 401, 'application/json', JSON.stringify({ ok: false, error: 'missing or wrong token' }));
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const c of req) {
          size += (c as Buffer).length;
          if (size > MAX_BODY) return send(res, 413, 'application/json', JSON.stringify({ ok: false, error: 'request too large' }));
          chunks.push(c as Buffer);
        }
        let payload: unknown;
        try {
          payload = chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: 'the request body is not JSON' }));
        }
        const result = await router.handle(decodeURIComponent(url.pathname.slice(5)), payload);
        return send(res, 200, 'application/json', JSON.stringify(result));
      }
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
      if (url.pathname === '/' || url.pathname === '/index.html') {
        if (!tokenOk(url.searchParams.get('token'), token)) return send(res, 401, 'text/plain', 'Open the address printed by `npm run serve`: it carries this run’s token.');
        return send(res, 200, TYPES['.html'] ?? 'text/html', await readFile(path.join(staticDir, 'index.html')));
      }
      const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
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
