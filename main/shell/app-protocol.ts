/**
 * The renderer is served from `app://reservoir/…` (issue 15 §4) instead of file://, so the page has a
 * real origin of its own and no file:// privileges. This module maps a request URL to a file inside
 * the built renderer folder and refuses everything else (another host, an encoded traversal, a
 * backslash, a NUL), without Electron so it is tested directly.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'reservoir';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads; the page's views live in the hash (#monitor), never in the path. */
export const RENDERER_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The file inside `rendererDir` that `url` names, or null when it names nothing the app serves. */
export function appUrlToFile(url: string, rendererDir: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.hostname.toLowerCase() !== APP_HOST || u.port !== '' || u.username !== '' || u.password !== '') return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\\') || [...decoded].some((c) => c.charCodeAt(0) < 0x20)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:$/.test(s))) return null;
  if (segments.length === 0) segments.push('index.html');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, ...segments);
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return file;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The Content-Type of a served file (module scripts are refused by Chromium without a JavaScript type). */
export function contentTypeFor(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
