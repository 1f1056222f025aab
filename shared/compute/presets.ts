/**
 * Scenario presets (domain.md §4.3, §4.7, §7). Each says where its numbers come from; the engine
 * defaults fill everything a preset does not set.
 */
import type { IsoDate } from '../time/iso-date.js';
import { ILLUSTRATIVE_CURVE } from './demand-curve.js';
import type { RmpStep, ScenarioInputs } from './projection.js';

export interface Preset {
  readonly name: string;
  readonly source: string;
  readonly overrides: Partial<ScenarioInputs>;
}

/** The §4.3 defaults; data-derived growth rates and the corridor are set from the store at run time. */
export const DEFAULT_INPUTS: ScenarioInputs = {
  horizonYears: 5,
  qtEndDate: '2025-12-01' as IsoDate,
  capTsyBn: 5,
  capMbsBn: 35,
  mbsPaydownMode: 'proportional',
  mbsPaydownFixedBn: 16,
  mbsPaydownRatePctYr: 8.65,
  mbsReinvestShare: 1,
  rmpSchedule: [
    { from: '2025-12', perMonthBn: 40 },
    { from: '2026-05', perMonthBn: 20 },
  ],
  tgaMode: 'hold',
  tgaTargetBn: 850,
  tgaGlideMonths: 3,
  tgaPathBn: [],
  tgaAprilBumpBn: 0,
  onrrpFloorBn: 0,
  onrrpDecay: 0.5,
  currencyGrowthPctYr: 4,
  ngdpGrowthPctYr: 4,
  bankAssetsGrowthPctYr: 4,
  srfMode: 'exogenous',
  srfUsageBn: 0,
  onlDriftBn: 0,
  // No assumption: each year defaults to the latest 12 months of net issuance in the data
  // (bill-absorption-years.ts); a preset or the user states a year's figure.
  netBillIssuanceBn: {},
  curve: ILLUSTRATIVE_CURVE,
  corridor: { floorBp: -15, capBp: 10, capAllowanceBp: 0 },
  iorbPct: 3.65,
  ampleThresholdGdpPct: 10,
  ampleThresholdBaPct: 12,
  regimeThetas: [1, 2],
};

const rmp = (...steps: [string, number][]): RmpStep[] => steps.map(([from, perMonthBn]) => ({ from, perMonthBn }));

export const PRESETS: readonly Preset[] = [
  {
    name: 'Fed RMP',
    source: 'FOMC, December 2025: reserve-management bill purchases of about $40bn a month from 2025-12-12, elevated until late April 2026 (tax season), lower after; the $20bn "after" pace is an assumption.',
    overrides: { rmpSchedule: rmp(['2025-12', 40], ['2026-05', 20]), mbsPaydownMode: 'proportional', mbsReinvestShare: 1 },
  },
  {
    name: 'Goldman baseline',
    source: 'Source articles: RMPs of $20bn a month from January 2026 plus about $20bn a month of MBS paydowns reinvested into bills; 2026 net bill issuance of about $870bn.',
    overrides: { rmpSchedule: rmp(['2026-01', 20]), mbsPaydownMode: 'fixed', mbsPaydownFixedBn: 20, mbsReinvestShare: 1, netBillIssuanceBn: { '2026': 870 } },
  },
  {
    name: 'No action',
    source: 'QT ended 2025-12-01 and MBS principal is reinvested into bills (FOMC 2025-10-29 [S25]), but no reserve-management purchases.',
    overrides: { rmpSchedule: [], mbsReinvestShare: 1 },
  },
  {
    name: 'QE $60bn',
    source: 'Third source article: bill purchases of $60bn a month from January 2026.',
    overrides: { rmpSchedule: rmp(['2026-01', 60]) },
  },
  {
    name: 'QE $100bn',
    source: 'Third source article: bill purchases of $100bn a month from January 2026.',
    overrides: { rmpSchedule: rmp(['2026-01', 100]) },
  },
];

export function findPreset(name: string): Preset | undefined {
  const key = name.trim().toLowerCase();
  return PRESETS.find((p) => p.name.toLowerCase() === key);
}
