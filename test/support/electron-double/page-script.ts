/**
 * The page half of the electron double, as the source of an init script (a string: tsx would add
 * __name helpers to a function the page does not have). It runs in the top frame before the page's
 * own scripts, takes the one hidden Playwright binding the double exposed and deletes it from
 * `window`, then installs exactly what the preload passed to `contextBridge.exposeInMainWorld`, the
 * Chromium permission APIs routed to the session's handlers, and `window.open` routed to the
 * window-open handler. Values cross with a small tagged codec (`codec.ts` is the Node half) so
 * Uint8Array, undefined and callbacks survive as they do through Electron's context bridge.
 */

export interface PageScriptOptions {
  /** The Playwright binding's name (deleted from window once captured). */
  readonly binding: string;
  /** A non-enumerable window property through which Node calls the page's callbacks. */
  readonly deliver: string;
  /** world name → function keys and plain values the preload exposed. */
  readonly worlds: Readonly<Record<string, { readonly functions: readonly string[]; readonly values: Readonly<Record<string, unknown>> }>>;
}

export function pageScript(o: PageScriptOptions): string {
  return `(() => {
  if (window.top !== window) return;
  const call = window[${JSON.stringify(o.binding)}];
  delete window[${JSON.stringify(o.binding)}];
  if (typeof call !== 'function') return;
  const fns = new Map();
  let nextFn = 1;
  const b64 = (u8) => { let s = ''; for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000)); return btoa(s); };
  const unb64 = (s) => { const bin = atob(s); const u8 = new Uint8Array(bin.length); for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i); return u8; };
  const enc = (v) => {
    if (v === undefined) return { t: 'u' };
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : { t: 'n', v: String(v) };
    if (typeof v === 'function') { const id = nextFn++; fns.set(id, v); return { t: 'f', v: id }; }
    if (v instanceof Uint8Array) return { t: 'b', v: b64(v) };
    if (v instanceof ArrayBuffer) return { t: 'ab', v: b64(new Uint8Array(v)) };
    if (v instanceof Date) return { t: 'd', v: v.toISOString() };
    if (Array.isArray(v)) return { t: 'a', v: v.map(enc) };
    const o = {}; for (const k of Object.keys(v)) o[k] = enc(v[k]); return { t: 'o', v: o };
  };
  const dec = (v) => {
    if (v === null || typeof v !== 'object') return v;
    switch (v.t) {
      case 'u': return undefined;
      case 'n': return Number(v.v);
      case 'b': return unb64(v.v);
      case 'ab': return unb64(v.v).buffer;
      case 'd': return new Date(v.v);
      case 'a': return v.v.map(dec);
      case 'o': { const o = {}; for (const k of Object.keys(v.v)) o[k] = dec(v.v[k]); return o; }
      default: throw new Error('electron double: cannot decode ' + String(v.t));
    }
  };
  const ask = (kind, body) => call(kind, JSON.stringify(enc(body))).then((r) => dec(JSON.parse(r)));
  Object.defineProperty(window, ${JSON.stringify(o.deliver)}, { enumerable: false, configurable: false, writable: false, value: (id, json) => { const f = fns.get(id); if (f) f(...dec(JSON.parse(json))); } });
  const worlds = ${JSON.stringify(o.worlds)};
  for (const name of Object.keys(worlds)) {
    const api = {};
    for (const key of worlds[name].functions) api[key] = (...args) => ask('bridge', { world: name, key, args });
    for (const key of Object.keys(worlds[name].values)) api[key] = worlds[name].values[key];
    Object.defineProperty(window, name, { enumerable: true, configurable: false, writable: false, value: Object.freeze(api) });
  }
  const request = (permission) => ask('permission-request', { permission, url: location.href });
  const check = (permission) => ask('permission-check', { permission, url: location.href });
  if (window.Notification) Notification.requestPermission = (cb) => request('notifications').then((ok) => { const r = ok ? 'granted' : 'denied'; if (typeof cb === 'function') cb(r); return r; });
  const names = { notifications: 'notifications', geolocation: 'geolocation', camera: 'media', microphone: 'media', 'clipboard-read': 'clipboard-read', midi: 'midi' };
  if (navigator.permissions) navigator.permissions.query = (d) => check(names[d && d.name] || String(d && d.name)).then((ok) => ({ name: d.name, state: ok ? 'granted' : 'denied', onchange: null }));
  if (navigator.geolocation) navigator.geolocation.getCurrentPosition = (_ok, fail) => { void request('geolocation').then((ok) => { if (typeof fail === 'function') fail({ code: ok ? 2 : 1, message: ok ? 'the electron double has no position' : 'User denied Geolocation' }); }); };
  if (navigator.mediaDevices) navigator.mediaDevices.getUserMedia = () => request('media').then((ok) => { throw new DOMException(ok ? 'the electron double has no devices' : 'Permission denied', ok ? 'NotFoundError' : 'NotAllowedError'); });
  // The double only denies (the shell allows no window): the handler decides, null is returned at once.
  window.open = (url) => { void ask('window-open', { url: new URL(String(url), location.href).href }); return null; };
})();`;
}
