import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appUrlToFile, contentTypeFor, RENDERER_ENTRY_URL } from '../../../main/shell/app-protocol.js';

const dir = path.resolve('/opt/Reservoir/resources/app.asar/dist/renderer');

describe('app://reservoir/ → the built renderer', () => {
  it.each([
    [RENDERER_ENTRY_URL, 'index.html'],
    ['app://reservoir/', 'index.html'],
    ['app://reservoir', 'index.html'],
    ['app://reservoir/index.html#monitor', 'index.html'],
    ['app://reservoir/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['app://reservoir/assets/fan.worker-9f.js?worker_file&type=module', 'assets/fan.worker-9f.js'],
    ['app://reservoir/assets/a%20b.css', 'assets/a b.css'],
    ['app://RESERVOIR/index.html', 'index.html'],
  ])('%s → %s', (url, rel) => {
    expect(appUrlToFile(url, dir)).toBe(path.join(dir, rel));
  });

  it.each([
    'app://reservoir/assets/%2E%2E%2F%2E%2E%2Fapp.asar/package.json',
    'app://reservoir/..%2f..%2fpackage.json',
    'app://reservoir/..%5c..%5cpackage.json',
    'app://reservoir/assets\\..\\..\\package.json',
    'app://reservoir/C:%5CWindows%5Cwin.ini',
    'app://reservoir/C:/Windows/win.ini',
    'app://reservoir/index.html%00.js',
    'app://reservoir/%E0%A4%A',
    'app://evil/index.html',
    'app://reservoir:8080/index.html',
    'app://user@reservoir/index.html',
    'file:///etc/passwd',
    'https://reservoir/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(appUrlToFile(url, dir)).toBeNull();
  });

  it.each(['app://reservoir/../../../etc/passwd', 'app://reservoir/%2e%2e/%2e%2e/etc/passwd', 'app://reservoir/assets/./../../etc/passwd'])('dot segments of %s end inside the folder, never above it', (url) => {
    // The URL parser resolves these before the path is looked at: what is left names a file under dir (absent: a 404).
    expect(appUrlToFile(url, dir)).toBe(path.join(dir, 'etc', 'passwd'));
  });

  it('serves module scripts and styles with their types', () => {
    expect(contentTypeFor('/x/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});
