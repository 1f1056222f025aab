/**
 * The Node half of the page codec (page-script.ts has the page half): a tagged JSON form in which
 * undefined, Uint8Array, ArrayBuffer, Date and page callbacks survive, as they do through Electron's
 * context bridge. Every non-primitive is tagged, so no plain object can be mistaken for a tag.
 */

export type Encoded = null | boolean | string | number | { readonly t: string; readonly v?: unknown };

export function encode(v: unknown): Encoded {
  if (v === undefined) return { t: 'u' };
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { t: 'n', v: String(v) };
  if (typeof v === 'function') throw new Error('electron double: a function cannot be sent to the page');
  if (v instanceof Uint8Array) return { t: 'b', v: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (v instanceof ArrayBuffer) return { t: 'ab', v: Buffer.from(v).toString('base64') };
  if (v instanceof Date) return { t: 'd', v: v.toISOString() };
  if (Array.isArray(v)) return { t: 'a', v: v.map(encode) };
  if (typeof v === 'object') {
    const o: Record<string, Encoded> = {};
    for (const [k, x] of Object.entries(v)) o[k] = encode(x);
    return { t: 'o', v: o };
  }
  throw new Error(`electron double: cannot encode a ${typeof v}`);
}

/** `fn(id)` turns a page callback id into a function Node can call. */
export function decode(v: unknown, fn: (id: number) => (...args: unknown[]) => void): unknown {
  if (v === null || typeof v !== 'object') return v;
  const { t, v: x } = v as { t?: unknown; v?: unknown };
  switch (t) {
    case 'u':
      return undefined;
    case 'n':
      return Number(x);
    case 'b': {
      const b = Buffer.from(String(x), 'base64');
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice();
    }
    case 'ab':
      return new Uint8Array(Buffer.from(String(x), 'base64')).slice().buffer;
    case 'd':
      return new Date(String(x));
    case 'f':
      return fn(Number(x));
    case 'a':
      return (Array.isArray(x) ? x : []).map((e: unknown) => decode(e, fn));
    case 'o': {
      const o: Record<string, unknown> = {};
      for (const [k, e] of Object.entries((x ?? {}) as Record<string, unknown>)) o[k] = decode(e, fn);
      return o;
    }
    default:
      throw new Error(`electron double: cannot decode tag ${String(t)}`);
  }
}
