/** Range presets shared by every chart of a group: 3M, 1Y, 5Y, Max. */
import type { ChartGroup } from '../charts/chart-group.js';
import { RANGE_PRESETS, type RangePreset } from '../../shared/model/ui-state.js';

const DAY = 86_400;
const PRESET_DAYS: Readonly<Record<RangePreset, number | null>> = { '3M': 92, '1Y': 366, '5Y': 5 * 366, Max: null };

/** A preset's x range (epoch seconds) for data ending on `lastDay`: presets follow the data. */
export function presetRange(p: RangePreset, lastDay: number, firstDay: number): { min: number; max: number } {
  const days = PRESET_DAYS[p];
  return { min: (days === null ? firstDay : lastDay - days) * DAY, max: lastDay * DAY };
}

/** The preset a range is, if any (a drag or double-click gives none). */
export function presetOf(r: { min: number; max: number }, lastDay: number, firstDay: number): RangePreset | null {
  return RANGE_PRESETS.find((p) => {
    const q = presetRange(p, lastDay, firstDay);
    return q.min === r.min && q.max === r.max;
  }) ?? null;
}

export function RangeBar({ group, lastDay, firstDay, active = null, maxNote }: { group: ChartGroup; lastDay: number; firstDay: number; active?: RangePreset | null; maxNote?: string }): React.JSX.Element {
  return (
    <div className="rangebar" role="group" aria-label="Date range">
      {RANGE_PRESETS.map((p) => (
        <button key={p} type="button" className={active === p ? 'on' : ''} aria-pressed={active === p} onClick={() => group.setRange(presetRange(p, lastDay, firstDay))} data-range={p}>
          {p}
        </button>
      ))}
      <span className="hint">Drag on a chart to zoom; all charts follow. Double-click to reset.{maxNote ? ` ${maxNote}.` : ''}</span>
    </div>
  );
}
