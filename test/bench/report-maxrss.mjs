// Preload for the import memory figure (import-memory-bench.ts): writes this process's peak RSS
// (kilobytes, from getrusage) to $RESERVOIR_MAXRSS_FILE when it exits, however it exits.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.RESERVOIR_MAXRSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
