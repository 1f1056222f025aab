/**
 * Checks a batch must pass before any of it is written, on every write path (import, sync, snapshot
 * seed and build; issue 10 §1). Each one guards against a confident wrong number that the magnitude
 * guard alone lets through:
 * - a unit change: an older FRED download of WTREGEN in billions, read as the millions FRED publishes
 *   today, lands 1000× too small yet inside the guard's [0, 2500] $bn. Compared with the stored values
 *   on the same dates, every ratio is 0.001: no revision looks like that.
 * - a frequency change: a weekly file imported into a daily series would silently become a step line.
 * - an impossible date: one row dated 9999-12-29 made every later sync ask for data from 9999.
 * Pure: the caller passes the stored columns and today's date.
 */
import type { DateBounds, Frequency, SeriesDef, SourceId } from '../catalog.js';
import { addDays, fromEpochDay, type IsoDate } from '../time/iso-date.js';
import type { NativeUnit } from './units.js';

export interface Columns {
  /** Ascending epoch days. */
  readonly days: ArrayLike<number>;
  /** Canonical units, aligned with `days`. */
  readonly values: ArrayLike<number>;
}

export interface BatchCheckOptions {
  readonly today: IsoDate;
  /** `import --allow-frequency`: the user says a weekly file in a daily series (or the reverse) is meant. */
  readonly allowFrequency?: boolean;
  /** `import --scale F`: the factor the user already applied, named in messages. */
  readonly scale?: number;
}

/** Ratios within this band of 1 are revisions, not a unit change (real revisions are far smaller). */
const REVISION_BAND = 1.5;
/** Ratios within 2% of their median count as one cluster (a constant factor). */
const CLUSTER_TOLERANCE = 0.02;
/** At most this many batch dates are compared with the stored ones (evenly spaced), so a full re-import stays cheap. */
const MAX_PAIRS = 256;

export function checkBatch(def: SeriesDef, batch: Columns, stored: Columns, opts: BatchCheckOptions): string | null {
  return checkDates(def, batch, opts.today) ?? checkFrequency(def, batch, opts.allowFrequency === true) ?? checkUnits(def, batch, stored, opts.scale);
}

// ---- dates ---------------------------------------------------------------------------------------

/** The latest date a series can carry today (administered rates are published up to a week ahead). */
export function latestPossibleDate(bounds: DateBounds, today: IsoDate): IsoDate {
  const ahead = addDays(today, bounds.aheadDays);
  return bounds.to !== undefined && bounds.to < ahead ? (bounds.to as IsoDate) : ahead;
}

export function checkDates(def: SeriesDef, batch: Columns, today: IsoDate): string | null {
  const n = batch.days.length;
  if (n === 0) return null;
  const first = fromEpochDay(batch.days[0] ?? 0);
  const last = fromEpochDay(batch.days[n - 1] ?? 0);
  const b = def.dates;
  const ahead = addDays(today, b.aheadDays);
  if (last > ahead) {
    const allowed = b.aheadDays > 0 ? `today (${today}) + ${b.aheadDays} days` : `today (${today})`;
    return `${def.id} ${last}: dated after ${allowed}; an observation cannot come from the future, so the file or response is damaged — nothing was written`;
  }
  if (b.to !== undefined && last > b.to) return `${def.id} ${last}: ${def.id} ended on ${b.to}, so it has no observations after that date — nothing was written`;
  if (first < b.from) return `${def.id} ${first}: before ${def.id}'s first possible date (${b.from}) — nothing was written`;
  return null;
}

// ---- frequency -----------------------------------------------------------------------------------

export interface DetectedFrequency {
  readonly frequency: Frequency | null;
  /** What was seen, in words, for messages. */
  readonly evidence: string;
}

const WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Day of the week of an epoch day, 0 = Sunday (1970-01-01 was a Thursday). */
const weekdayOfDay = (d: number): number => (((d + 4) % 7) + 7) % 7;

/** At most this many gaps are looked at (evenly spaced): a million-row file costs what a thousand do. */
const MAX_GAPS = 256;

/** The spacing of a batch's dates: daily, weekly (one weekday, ~7 days apart), monthly or quarterly. */
export function detectFrequency(days: ArrayLike<number>): DetectedFrequency {
  const n = days.length;
  if (n < 6) return { frequency: null, evidence: `${n} dates` };
  const stride = Math.max(1, Math.floor((n - 1) / MAX_GAPS));
  const m = Math.floor((n - 1) / stride);
  const gaps = new Float64Array(m);
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (let k = 0; k < m; k++) {
    const i = 1 + k * stride;
    const d = days[i] ?? 0;
    gaps[k] = d - (days[i - 1] ?? 0);
    const wd = weekdayOfDay(d);
    counts[wd] = (counts[wd] ?? 0) + 1;
  }
  gaps.sort();
  const median = gaps[Math.floor(m / 2)] ?? 0;
  if (median <= 3) return { frequency: 'D', evidence: `${n} dates, mostly 1–3 days apart` };
  if (median >= 6 && median <= 8) {
    const top = Math.max(...counts);
    const wd = counts.indexOf(top);
    // Counted on the sampled dates, reported for the whole file.
    const share = top / m;
    if (share >= 0.8) return { frequency: 'W', evidence: `${Math.round(share * n)} of ${n} dates on a ${WEEKDAY[wd] ?? '?'}, 7 days apart` };
    return { frequency: null, evidence: `${n} dates about a week apart on mixed weekdays` };
  }
  if (median >= 27 && median <= 32) return { frequency: 'M', evidence: `${n} dates about a month apart` };
  if (median >= 88 && median <= 93) return { frequency: 'Q', evidence: `${n} dates about a quarter apart` };
  return { frequency: null, evidence: `${n} dates, median spacing ${median} days` };
}

const FREQ_WORD: Record<Frequency, string> = { D: 'daily', W: 'weekly', M: 'monthly', Q: 'quarterly' };

export function checkFrequency(def: SeriesDef, batch: Columns, allow: boolean): string | null {
  if (allow) return null;
  const seen = detectFrequency(batch.days);
  if (seen.frequency === null || seen.frequency === def.frequency) return null;
  return (
    `these dates are ${FREQ_WORD[seen.frequency]} (${seen.evidence}), but ${def.id} is a ${FREQ_WORD[def.frequency]} series — ` +
    `import the ${FREQ_WORD[def.frequency]} file, or pass --allow-frequency to store them as they are; nothing was written`
  );
}

// ---- units ---------------------------------------------------------------------------------------

function median(xs: Float64Array): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  return n % 2 === 1 ? (s[(n - 1) / 2] ?? Number.NaN) : ((s[n / 2 - 1] ?? 0) + (s[n / 2] ?? 0)) / 2;
}

/** Powers of ten of the published unit, for naming a file's likely unit. */
const MONEY_EXPONENT: Partial<Record<NativeUnit, number>> = { usd: 0, usd_mn: 6, usd_bn: 9, usd_bn_saar: 9 };
const MONEY_WORD: Readonly<Record<number, string>> = { 0: 'dollars', 3: 'thousands', 6: 'millions', 9: 'billions', 12: 'trillions' };

function formatFactor(f: number): string {
  // Plain digits (no grouping): the factor is pasted into `--scale F`.
  if (f >= 1) return Math.abs(f / Math.round(f) - 1) < 0.01 ? String(Math.round(f)) : String(Number(f.toPrecision(4)));
  return String(Number(f.toPrecision(3)));
}

/**
 * Names the unit a batch seems to be in, given `fix`, the factor that would bring it into line with
 * the stored values (1000 for a billions file read as millions).
 */
export function unitSlipMessage(def: SeriesDef, fix: number, pairs: number, scale: number | undefined, joinOnly = false): string {
  const k = Math.round(Math.log10(fix));
  // On shared dates the factor is exact; across a join the neighbours have moved a little, so a
  // factor within 2× of a power of ten is read as that power.
  const powerOfTen = Math.abs(Math.log10(fix) - k) < (joinOnly ? 0.3 : 0.01) && k !== 0;
  const fixShown = powerOfTen ? 10 ** k : fix;
  const native = def.conversion.native;
  const stated = scale !== undefined && scale !== 1 ? ` (after your --scale ${scale})` : '';
  const nativeExp = MONEY_EXPONENT[native];
  let looksLike: string | null = null;
  let publishedIn: string | null = null;
  if (powerOfTen && nativeExp !== undefined) {
    looksLike = MONEY_WORD[nativeExp + k] ?? null;
    publishedIn = MONEY_WORD[nativeExp] ?? null;
  } else if (powerOfTen && native === 'percent') {
    looksLike = k === 2 ? 'fractions (0.0525 for 5.25%)' : k === -2 ? 'basis points' : null;
    publishedIn = 'percent';
  }
  const factor = formatFactor(fixShown);
  const head =
    looksLike !== null && publishedIn !== null
      ? `these values look like ${looksLike}${stated}; ${def.id} is published in ${publishedIn}`
      : `these values differ from the stored ${def.id} by a constant factor of about ${factor}${stated}`;
  const advice = scale === undefined || scale === 1 ? ` — re-download it from ${SOURCE_NAME[def.source]} or pass --scale ${factor}` : ' — check the file and the --scale you gave';
  const basis = joinOnly ? `where the ${pairs} new values meet the stored ones` : `compared on ${pairs} dates`;
  return `${head} (${basis})${advice}; nothing was written`;
}

const SOURCE_NAME: Record<SourceId, string> = { fred: 'FRED', nyfed: 'the NY Fed', fiscaldata: 'Treasury FiscalData', ofr: 'the OFR', yahoo: 'the source' };

/** First index with days[k] ≥ d (binary search over ascending days). */
function lowerBound(days: ArrayLike<number>, d: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((days[mid] ?? 0) < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Ratios incoming / stored on the dates both have. At most MAX_PAIRS batch dates, evenly spaced, are
 * looked up in the stored dates by binary search, so the check costs the same for a 26,000-day
 * re-import as for a short one (a unit change shows on every date, so a sample finds it).
 */
function overlapRatios(batch: Columns, stored: Columns): Float64Array {
  const nb = batch.days.length;
  const step = Math.max(1, Math.floor(nb / MAX_PAIRS));
  const inc = new Float64Array(Math.ceil(nb / step));
  const old = new Float64Array(inc.length);
  let n = 0;
  let maxStored = 0;
  for (let i = 0; i < nb; i += step) {
    const d = batch.days[i] ?? 0;
    const j = lowerBound(stored.days, d);
    if (stored.days[j] !== d) continue;
    const v = batch.values[i] ?? Number.NaN;
    const w = stored.values[j] ?? Number.NaN;
    if (!Number.isFinite(v) || !Number.isFinite(w)) continue;
    inc[n] = v;
    old[n++] = w;
    if (Math.abs(w) > maxStored) maxStored = Math.abs(w);
  }
  // Values near zero (an ON RRP of $0.005bn, a rate of 0.01%) carry no unit information.
  const floor = Math.max(1e-9, 0.01 * maxStored);
  const out = new Float64Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const v = inc[k] ?? 0;
    const w = old[k] ?? 0;
    if (Math.abs(w) >= floor && Math.abs(v) > 1e-12 && Math.sign(v) === Math.sign(w)) out[m++] = v / w;
  }
  return out.subarray(0, m);
}

function valuesNear(cols: Columns, from: number, to: number, maxCount: number, fromEnd: boolean): number[] {
  const out: number[] = [];
  const n = cols.days.length;
  if (fromEnd) {
    for (let k = n - 1; k >= 0 && out.length < maxCount; k--) {
      const d = cols.days[k] ?? 0;
      if (d < from) break;
      if (d <= to) out.push(cols.values[k] ?? Number.NaN);
    }
  } else {
    for (let k = 0; k < n && out.length < maxCount; k++) {
      const d = cols.days[k] ?? 0;
      if (d > to) break;
      if (d >= from) out.push(cols.values[k] ?? Number.NaN);
    }
  }
  return out.filter(Number.isFinite);
}

/** Without overlap: the batch's edge against the stored values next to it (within 60 days). */
function joinRatio(batch: Columns, stored: Columns): { ratio: number; pairs: number } | null {
  const n = batch.days.length;
  if (n === 0 || stored.days.length === 0) return null;
  const first = batch.days[0] ?? 0;
  const last = batch.days[n - 1] ?? 0;
  const WINDOW = 60;
  const before = valuesNear(stored, first - WINDOW, first - 1, 5, true);
  const after = valuesNear(stored, last + 1, last + WINDOW, 5, false);
  const head = valuesNear(batch, first, last, 5, false);
  const tail = valuesNear(batch, first, last, 5, true);
  const ratios: number[] = [];
  const side = (inc: number[], old: number[]): void => {
    if (inc.length === 0 || old.length === 0) return;
    const a = median(Float64Array.from(inc));
    const b = median(Float64Array.from(old));
    if (Math.abs(a) > 1e-12 && Math.abs(b) > 1e-12 && Math.sign(a) === Math.sign(b)) ratios.push(a / b);
  };
  side(head, before);
  side(tail, after);
  if (ratios.length === 0) return null;
  return { ratio: median(Float64Array.from(ratios)), pairs: head.length + tail.length };
}

export function checkUnits(def: SeriesDef, batch: Columns, stored: Columns, scale: number | undefined): string | null {
  if (batch.days.length === 0 || stored.days.length === 0) return null;
  const ratios = overlapRatios(batch, stored);
  if (ratios.length >= 3) {
    const m = median(ratios);
    if (m > 0 && m < REVISION_BAND && m > 1 / REVISION_BAND) return null;
    let clustered = 0;
    for (const r of ratios) if (Math.abs(r / m - 1) <= CLUSTER_TOLERANCE) clustered++;
    if (clustered >= 0.6 * ratios.length) return unitSlipMessage(def, 1 / m, ratios.length, scale);
    return (
      `these values disagree with the stored ${def.id} on ${ratios.length} shared dates by a varying factor (median ${formatFactor(m)}×), ` +
      `far beyond any revision: this looks like a different series or a damaged file; nothing was written`
    );
  }
  // No usable overlap: a unit slip still shows as a jump where the batch meets the stored history.
  const join = joinRatio(batch, stored);
  if (join === null || join.ratio <= 0) return null;
  const logR = Math.abs(Math.log10(join.ratio));
  const isRate = def.conversion.canonical === 'percent';
  // Near-zero rates move by large factors for real (0.05% → 0.25%); a rate file in fractions or bp moves by 100.
  if (isRate) return logR >= 1.7 ? unitSlipMessage(def, 1 / join.ratio, join.pairs, scale, true) : null;
  // Flows such as SRF take-up jump from 0 to $50bn within days; only the thousand-fold family is a unit slip.
  return logR >= 2.7 ? unitSlipMessage(def, 1 / join.ratio, join.pairs, scale, true) : null;
}
