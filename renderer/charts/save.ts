/** Saves an export: the native save dialog in the desktop app, a download in browser mode. */
import { api, isElectron } from '../api/client.js';

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export async function saveBlob(fileName: string, mime: 'image/png' | 'text/csv' | 'application/json', blob: Blob): Promise<string> {
  if (isElectron()) {
    const r = await api('export:save-file', { fileName, mime, base64: await toBase64(blob) });
    return r.saved ? `saved ${r.path ?? fileName}` : 'not saved';
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return `downloaded ${fileName}`;
}

export function fileStamp(): string {
  return new Date().toISOString().slice(0, 10);
}
