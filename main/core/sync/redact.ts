/** Keeps API keys out of every log line and error message, whatever path the text took. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/(api_key=)[^&\s"']*/gi, '$1REDACTED');
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('REDACTED');
  return out;
}
