/**
 * A real core on a copy of the seeded store behind the real loopback host, for tests that speak HTTP
 * to it: `useSeededHost()` starts it before the file's tests and stops it after.
 */
import http from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { createCore, memoryKeyStore, type Core } from '../../main/core/create-core.js';
import { startHost, type Host } from '../../main/host/server.js';
import { ensureRendererBuilt } from './e2e-app.js';
import { seededDataDir, urlsFor } from './sync-harness.js';

export interface HttpReply {
  readonly status: number;
  readonly body: string;
}

export interface SeededHost {
  readonly host: () => Host;
  readonly core: () => Core;
  /** A raw request; headers are sent exactly as given (no Host header is added). */
  request(path: string, opts?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<HttpReply>;
  /** POST /api/CHANNEL with the run token and the right Host header. */
  api(channel: string, payload: unknown, headers?: Record<string, string>): Promise<HttpReply>;
  hostHeader(): string;
}

export function useSeededHost(): SeededHost {
  let core: Core | undefined;
  let host: Host | undefined;
  let d: ReturnType<typeof seededDataDir> | undefined;
  beforeAll(async () => {
    d = seededDataDir();
    core = createCore({ dataDir: d.dir, fetch: globalThis.fetch, now: Date.now, random: Math.random, urls: urlsFor('http://127.0.0.1:9'), keys: memoryKeyStore(), saveFile: async () => ({ saved: false, path: null }) });
    host = await startHost(core.router, ensureRendererBuilt());
  });
  afterAll(async () => {
    await host?.close();
    await core?.dispose();
    d?.cleanup();
  });
  const theHost = (): Host => {
    if (host === undefined) throw new Error('the host is not started');
    return host;
  };
  const request: SeededHost['request'] = (path, opts = {}) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: theHost().port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {} }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      if (opts.body !== undefined) req.write(opts.body);
      req.end();
    });
  const hostHeader = (): string => `127.0.0.1:${theHost().port}`;
  return {
    host: theHost,
    core: () => {
      if (core === undefined) throw new Error('the core is not started');
      return core;
    },
    request,
    hostHeader,
    api: (channel, payload, headers = {}) =>
      request(`/api/${channel}`, { method: 'POST', headers: { host: hostHeader(), 'content-type': 'application/json', 'x-reservoir-token': theHost().token, ...headers }, body: JSON.stringify(payload) }),
  };
}
