/**
 * The fair-value report (issue 14 §4) as the command line prints it (`fairvalue --json`) and the
 * Analysis view's Fair value panel receives it: weeks and windows with ISO dates, no epoch days.
 */
import type { FairValueWeek, ResidualStats } from './fair-value.js';
import type { RollingWindow } from './rolling-fit.js';
import type { IsoDate } from '../time/iso-date.js';

export interface FairValueWeekDto extends Omit<FairValueWeek, 'day'> {
  readonly week: IsoDate;
}

export interface RollingWindowDto extends Omit<RollingWindow, 'fromDay' | 'toDay'> {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

export interface ResidualSummaryDto {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly effr: ResidualStats;
  readonly sofr: ResidualStats;
  readonly baselineFrom: IsoDate;
  readonly baselineTo: IsoDate;
  readonly sofrBaselineBp: number | null;
  readonly sofrNetOfBaselineBp: number | null;
}

export interface FairValueReport {
  readonly curve: {
    readonly label: string;
    readonly beta: number;
    readonly gamma: number;
    readonly xRef: number;
    readonly rmseBp: number;
    readonly sample: { readonly from: IsoDate; readonly to: IsoDate; readonly weeks: number };
    readonly regimes: readonly { readonly key: string; readonly alphaBp: number; readonly from: IsoDate; readonly to: IsoDate }[];
  };
  readonly gdpConvention: string;
  readonly weeks: readonly FairValueWeekDto[];
  readonly summary: ResidualSummaryDto;
  /** Mean residuals by calendar quarter over the last eight quarters with data. */
  readonly quarters: readonly { readonly quarter: string; readonly effr: ResidualStats; readonly sofr: ResidualStats }[];
  readonly rolling: { readonly windowYears: number; readonly stepMonths: number; readonly windows: readonly RollingWindowDto[] };
  readonly notes: readonly string[];
}
