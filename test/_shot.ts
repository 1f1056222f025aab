import { writeFileSync, readFileSync } from 'node:fs';
import { startE2eApp } from './support/e2e-app.js';
const app = await startE2eApp('http://127.0.0.1:9');
const p = app.page;
await p.waitForSelector('[data-chart="corridor"] canvas');
const [dl] = await Promise.all([p.waitForEvent('download'), p.click('[data-chart="corridor"] button:has-text("PNG")')]);
writeFileSync('/tmp/one.png', readFileSync((await dl.path())!));
for (let i = 0; i < 6; i++) {
  await Promise.all([p.waitForEvent('download'), p.click('[data-action="export-monitor"]')]);
  console.log('export', await p.evaluate(() => document.body.dataset['lastExportMs']));
}
await app.close();
