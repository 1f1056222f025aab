import { storeFigures } from './bench/store-bench.js';
import { printFigure } from './bench/stats.js';
for (const f of storeFigures()) printFigure(f);
