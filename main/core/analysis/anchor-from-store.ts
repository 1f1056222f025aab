/**
 * The projection anchor (domain.md §4.1–4.2) from the latest H.4.1 Wednesday in the store, and the
 * data-derived defaults of §4.3. Where a series is not in the store, a documented fallback is used
 * and listed, so the user sees exactly what the projection stands on.
 */
import type { Anchor, ScenarioInputs } from '../../../shared/compute/projection.js';
import { bp } from '../../../shared/compute/bp.js';
import { addDays, daysInMonth, fromEpochDay, weekday, type IsoDate } from '../../../shared/time/iso-date.js';
import { SeriesCache } from './series-cache.js';
import type { Db } from '../db/open-database.js';
import { gdpKnownOn, gdpReleaseCalendar } from './gdp-releases.js';

export interface AnchorReport {
  readonly anchor: Anchor;
  /** The H.4.1 Wednesday whose levels the stocks come from. */
  readonly wednesday: IsoDate;
  readonly gdpQuarter: IsoDate;
  readonly fallbacks: readonly string[];
  readonly dataDefaults: Partial<ScenarioInputs>;
  readonly dataDefaultsNotes: readonly string[];
}

const REQUIRED = ['WALCL', 'TREAST', 'WSHOMCB', 'WRBWFRBL', 'WDTGAL'] as const;

function cagr(c: SeriesCache, id: string, at: IsoDate, years: number, tolDays: number): number | null {
  const a = c.at(id, at, tolDays);
  if (a === null) return null;
  const b = c.at(id, addDays(a.date, -Math.round(365.25 * years)), tolDays);
  if (b === null || b.value <= 0) return null;
  return 100 * ((a.value / b.value) ** (1 / years) - 1);
}

/** Thrown when a requested anchor is not an H.4.1 Wednesday with every required series. */
export class AnchorDateError extends Error {}

const hasRequired = (c: SeriesCache, wed: IsoDate): boolean => REQUIRED.every((id) => c.at(id, wed, 0) !== null);

/** The nearest valid Wednesdays before and after `at` (within a year each way), for the error message. */
function nearestValid(c: SeriesCache, at: IsoDate): IsoDate[] {
  // Step back to a Wednesday on or before `at` (weekday 3), then search outwards week by week.
  const back = addDays(at, -((weekday(at) - 3 + 7) % 7));
  const out: IsoDate[] = [];
  for (let k = 0; k < 53; k++) {
    const d = addDays(back, -7 * k);
    if (hasRequired(c, d)) {
      out.push(d);
      break;
    }
  }
  for (let k = 0; k < 53; k++) {
    const d = addDays(back, 7 * k);
    if (d > at && hasRequired(c, d)) {
      out.push(d);
      break;
    }
  }
  return out;
}

/**
 * The anchor at the latest complete H.4.1 Wednesday, or at `opts.at` (issue 14 §1: project from any
 * past Wednesday). Every input is read as of the Wednesday: stocks on it, growth rates trailing it,
 * and GDP the latest quarter BEA had first published by then (gdp-releases.ts), so a past anchor
 * sees no later data. GDP values are today's vintage of that quarter (the store keeps no older
 * vintages), which is the one look-ahead left, and it is small.
 */
export function anchorFromStore(db: Db, opts?: { readonly at?: IsoDate; readonly cache?: SeriesCache }): AnchorReport {
  // A back-test builds dozens of anchors: one cache keeps it from re-reading every series each time.
  const c = opts?.cache ?? new SeriesCache(db);
  const lasts = REQUIRED.map((id) => c.get(id)).map((s) => s.dates[s.dates.length - 1]);
  if (lasts.some((d) => d === undefined)) throw new Error(`the store lacks one of ${REQUIRED.join(', ')}: run sync or use the bundled snapshot`);
  let wed: IsoDate;
  if (opts?.at !== undefined) {
    wed = opts.at;
    if (weekday(wed) !== 3 || !hasRequired(c, wed)) {
      const near = nearestValid(c, wed);
      const why = weekday(wed) !== 3 ? 'is not a Wednesday' : `lacks one of ${REQUIRED.join(', ')}`;
      throw new AnchorDateError(`anchor ${wed} ${why}; the anchor must be an H.4.1 Wednesday with data${near.length > 0 ? `: nearest ${near.join(' or ')}` : ' (none within a year)'}`);
    }
  } else {
    // Latest Wednesday on which every required Wednesday-level series has a value.
    wed = fromEpochDay(Math.min(...lasts.map((d) => d ?? 0)));
    for (let k = 0; k < 10 && !hasRequired(c, wed); k++) wed = addDays(wed, -7);
  }
  const v = (id: string): number | null => c.at(id, wed, 0)?.value ?? null;
  const need = (id: string): number => {
    const x = v(id);
    if (x === null) throw new Error(`${id} has no value on ${wed}`);
    return x;
  };
  const fallbacks: string[] = [];
  const orFallback = (id: string, fallback: () => number, why: string): number => {
    const x = v(id);
    if (x !== null) return x;
    // Say which: absent altogether, or stored but without this Wednesday (found: "WSHOBL not in the
    // store" while the store held it to 2023-03-22).
    const s = c.get(id);
    const last = s.dates[s.dates.length - 1];
    const where = last === undefined ? 'not in the store' : `has no value on ${wed} (stored ${fromEpochDay(s.dates[0] ?? last)} … ${fromEpochDay(last)})`;
    fallbacks.push(`${id} ${where}: ${why}`);
    return fallback();
  };
  const walcl = need('WALCL');
  const treast = need('TREAST');
  const bills = orFallback('WSHOBL', () => 0, 'bills and coupons are not split (Tb = 0 at the anchor; the bills share output is not meaningful)');
  const agency = orFallback('WSHOFADSL', () => 0, 'agency debt (about $2bn) counted in other assets');
  const repo = orFallback('WORAL', () => 0, 'repo outstanding counted in other assets');
  const mbs = need('WSHOMCB');
  const onrrp = orFallback('WLRRAOL', () => c.at('RRPONTSYD', wed, 4)?.value ?? 0, 'ON RRP taken from daily RRPONTSYD on the Wednesday (≈ WLRRAOL ÷ 1,000)');
  const frrp = orFallback('WLRRAFOIAL', () => 0, 'the foreign official RRP pool is folded into the plug (reserves are unaffected while it is held constant)');
  const currency = c.at('WCURCIR', wed, 7)?.value;
  if (currency === undefined) throw new Error('WCURCIR has no value near the anchor');
  fallbacks.push('WCURCIR is a week average while the other stocks are Wednesday levels; the plug absorbs the difference');
  // Anchor month-end: the latest month-end on or before the Wednesday.
  const y = Number(wed.slice(0, 4));
  const m = Number(wed.slice(5, 7));
  const me = `${y}-${String(m).padStart(2, '0')}-${String(daysInMonth(y, m)).padStart(2, '0')}` as IsoDate;
  const anchorDate = me <= wed ? me : (addDays(`${y}-${String(m).padStart(2, '0')}-01` as IsoDate, -1) as IsoDate);

  const gdpS = c.get('GDP');
  // The quarter public on the Wednesday, not the latest stored one: no look-ahead from a past anchor.
  const known = gdpKnownOn(gdpS, wed, gdpReleaseCalendar(db));
  if (known === null) throw new Error(`no GDP quarter was published by ${wed}`);
  const gi = known.index;
  const gdpQuarter = fromEpochDay(gdpS.dates[gi] ?? 0);
  const ngdp = (() => {
    const last = gdpS.values[gi] ?? Number.NaN;
    const yearAgo = gdpS.values[gi - 4] ?? Number.NaN;
    return Number.isFinite(yearAgo) ? 100 * (last / yearAgo - 1) : 4;
  })();
  // Roll GDP forward from the quarter's middle month to the anchor month (option gdp_rollforward).
  const qm = Number(gdpQuarter.slice(5, 7)) + 1;
  const monthsForward = (Number(anchorDate.slice(0, 4)) - Number(gdpQuarter.slice(0, 4))) * 12 + (Number(anchorDate.slice(5, 7)) - qm);
  const gdp0 = (gdpS.values[gi] ?? Number.NaN) * (1 + ngdp / 100) ** (monthsForward / 12);
  const ba = c.at('TLAACBW027SBOG', wed, 7)?.value ?? Number.NaN;
  if (!Number.isFinite(ba)) fallbacks.push('TLAACBW027SBOG not in the store: reserves / bank assets is not computed');

  const anchor: Anchor = {
    date: anchorDate,
    Tc: treast - bills,
    Tb: bills,
    M: mbs + agency,
    OA: walcl - treast - mbs - agency - repo,
    C: currency,
    TGA: need('WDTGAL'),
    RRP: onrrp,
    FRRP: frrp,
    R0: need('WRBWFRBL'),
    GDP0: gdp0,
    BA0: ba,
  };

  const notes: string[] = [];
  const dataDefaults: { -readonly [K in keyof ScenarioInputs]?: ScenarioInputs[K] } = {};
  const cg = cagr(c, 'WCURCIR', wed, 3, 7);
  if (cg !== null) {
    dataDefaults.currencyGrowthPctYr = Math.round(cg * 1000) / 1000;
    notes.push(`currency growth ${dataDefaults.currencyGrowthPctYr}%/yr = trailing 3-year CAGR of WCURCIR`);
  }
  dataDefaults.ngdpGrowthPctYr = Math.round(ngdp * 1000) / 1000;
  notes.push(`nominal GDP growth ${dataDefaults.ngdpGrowthPctYr}%/yr = growth over the 4 quarters to ${gdpQuarter}`);
  const bag = cagr(c, 'TLAACBW027SBOG', wed, 1, 7);
  if (bag !== null) dataDefaults.bankAssetsGrowthPctYr = Math.round(bag * 1000) / 1000;
  const iorb = c.at('IORB', wed, 7);
  const top = c.at('DFEDTARU', wed, 7);
  const rrp = c.at('RRPONTSYAWARD', wed, 7);
  if (iorb && top && rrp) {
    dataDefaults.iorbPct = iorb.value;
    dataDefaults.corridor = { floorBp: bp(rrp.value, iorb.value), capBp: bp(top.value, iorb.value), capAllowanceBp: 0 };
    notes.push(`corridor from ${iorb.date}: IORB ${iorb.value}%, floor ${dataDefaults.corridor.floorBp} bp (ON RRP ${rrp.value}%), cap ${dataDefaults.corridor.capBp} bp (top ${top.value}%)`);
  }
  return { anchor, wednesday: wed, gdpQuarter, fallbacks, dataDefaults, dataDefaultsNotes: notes };
}
