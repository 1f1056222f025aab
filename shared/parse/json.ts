/** Run-time shape checks for JSON bodies: every field read from a response goes through these. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses JSON text; a truncated or non-JSON body gets a message that says what arrived. */
export function parseJsonText(text: string): { ok: true; value: Json } | { ok: false; error: string } {
  const trimmed = text.trimStart();
  if (trimmed === '') return { ok: false, error: 'the response body is empty' };
  if (trimmed.startsWith('<')) return { ok: false, error: 'got an HTML page instead of JSON' };
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `the response is not valid JSON (truncated body?): ${detail}` };
  }
}

export function str(o: JsonObject, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}
