import { chartLayerFigures } from './bench/browser-bench.js';
import { printFigure } from './bench/stats.js';
for (const f of await chartLayerFigures(5)) printFigure(f);
