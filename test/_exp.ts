import { browserFigures } from './bench/browser-bench.js';
import { printFigure } from './bench/stats.js';
for (const f of await browserFigures({ heapSeconds: 10 })) printFigure(f);
