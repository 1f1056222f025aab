/**
 * The indicator pipeline used for the pandas comparison, on `date,value` CSV files:
 *  1. parse SOFR, IORB, WALCL, WTREGEN, WRESBAL, RRPONTSYD, TGA_DTS, GDP;
 *  2. daily: SOFR − IORB in bp (IORB as of each SOFR date), its 20-observation mean and rolling z-score (ddof 1);
 *  3. weekly: NL_pop = WALCL − WTREGEN − RRPONTSYD (as of), reserves/GDP = 100 · WRESBAL / GDP (as of);
 *  4. daily: NL_daily = WALCL (as of) − TGA_DTS − RRPONTSYD (as of).
 * Python's twin is pipeline.py; the outputs must agree to 1e-9.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rollingMean, rollingZScore } from '../../shared/compute/rolling.js';
import { daysFromCivil } from '../../shared/time/iso-date.js';

export interface Col {
  readonly days: Float64Array;
  readonly values: Float64Array;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Plain decimals (`-123.456`) read digit by digit; anything else (exponents, long fractions) falls
 * back to Number(). Within one ulp of a correctly rounded parse, far inside the 1e-9 check.
 */
function parseDecimal(text: string, start: number, end: number): number {
  let i = start;
  let neg = false;
  if (text.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let int = 0;
  let frac = 0;
  let fracDigits = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (seenDot) {
        frac = frac * 10 + (c - 48);
        fracDigits++;
      } else int = int * 10 + (c - 48);
    } else if (c === 46 && !seenDot) seenDot = true;
    else return Number(text.slice(start, end));
  }
  if (fracDigits > 15 || int > 9e15) return Number(text.slice(start, end));
  const v = int + frac / (POW10[fracDigits] ?? 1);
  return neg ? -v : v;
}

/** Parses `date,value` text (header first) into day numbers and values; empty values are skipped. */
export function parseDateValue(text: string): Col {
  const n = text.length;
  const cap = Math.ceil(n / 12) + 2;
  let days = new Float64Array(cap);
  let values = new Float64Array(cap);
  let count = 0;
  let i = text.indexOf('\n') + 1;
  while (i > 0 && i < n) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = n;
    const end = text.charCodeAt(e - 1) === 13 ? e - 1 : e;
    const comma = i + 10;
    if (text.charCodeAt(comma) === 44 && comma < end - 1) {
      const y = (text.charCodeAt(i) - 48) * 1000 + (text.charCodeAt(i + 1) - 48) * 100 + (text.charCodeAt(i + 2) - 48) * 10 + (text.charCodeAt(i + 3) - 48);
      const m = (text.charCodeAt(i + 5) - 48) * 10 + (text.charCodeAt(i + 6) - 48);
      const d = (text.charCodeAt(i + 8) - 48) * 10 + (text.charCodeAt(i + 9) - 48);
      if (count === days.length) {
        const nd = new Float64Array(count * 2);
        nd.set(days);
        days = nd;
        const nv = new Float64Array(count * 2);
        nv.set(values);
        values = nv;
      }
      days[count] = daysFromCivil(y, m, d);
      values[count] = parseDecimal(text, comma + 1, end);
      count++;
    }
    i = e + 1;
  }
  return { days: days.subarray(0, count), values: values.subarray(0, count) };
}

/** For each grid day, the value of `s` on the last day ≤ it (NaN before its start). Both ascending. */
export function asof(grid: Float64Array, s: Col): Float64Array {
  const out = new Float64Array(grid.length);
  let j = -1;
  for (let i = 0; i < grid.length; i++) {
    const g = grid[i] ?? 0;
    while (j + 1 < s.days.length && (s.days[j + 1] ?? Infinity) <= g) j++;
    out[i] = j < 0 ? Number.NaN : (s.values[j] ?? Number.NaN);
  }
  return out;
}

export interface PipelineOutput {
  readonly spread: Float64Array;
  readonly ma20: Float64Array;
  readonly z20: Float64Array;
  readonly nlPop: Float64Array;
  readonly reservesGdp: Float64Array;
  readonly nlDaily: Float64Array;
}

export function runPipeline(dir: string): PipelineOutput {
  const read = (id: string): Col => parseDateValue(readFileSync(path.join(dir, `${id}.csv`), 'latin1'));
  const sofr = read('SOFR');
  const iorb = read('IORB');
  const walcl = read('WALCL');
  const wtregen = read('WTREGEN');
  const wresbal = read('WRESBAL');
  const rrp = read('RRPONTSYD');
  const tga = read('TGA_DTS');
  const gdp = read('GDP');
  const iorbOn = asof(sofr.days, iorb);
  const spread = new Float64Array(sofr.days.length);
  for (let i = 0; i < spread.length; i++) spread[i] = Math.round(100 * ((sofr.values[i] ?? 0) - (iorbOn[i] ?? 0)) * 1e6) / 1e6;
  const ma20 = rollingMean(spread, 20);
  const z20 = rollingZScore(spread, 20);
  const tregenOn = asof(walcl.days, wtregen);
  const rrpW = asof(walcl.days, rrp);
  const nlPop = new Float64Array(walcl.days.length);
  for (let i = 0; i < nlPop.length; i++) nlPop[i] = (walcl.values[i] ?? 0) - (tregenOn[i] ?? 0) - (rrpW[i] ?? 0);
  const gdpOn = asof(wresbal.days, gdp);
  const reservesGdp = new Float64Array(wresbal.days.length);
  for (let i = 0; i < reservesGdp.length; i++) reservesGdp[i] = (100 * (wresbal.values[i] ?? 0)) / (gdpOn[i] ?? Number.NaN);
  const walclD = asof(tga.days, walcl);
  const rrpD = asof(tga.days, rrp);
  const nlDaily = new Float64Array(tga.days.length);
  for (let i = 0; i < nlDaily.length; i++) nlDaily[i] = (walclD[i] ?? 0) - (tga.values[i] ?? 0) - (rrpD[i] ?? 0);
  return { spread, ma20, z20, nlPop, reservesGdp, nlDaily };
}
