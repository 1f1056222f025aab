/** Range presets shared by every chart of a group: 3M, 1Y, 5Y, Max. */
import type { ChartGroup } from '../charts/chart-group.js';

const DAY = 86_400;

export function RangeBar({ group, lastDay, firstDay }: { group: ChartGroup; lastDay: number; firstDay: number }): React.JSX.Element {
  const set = (days: number | null): void => group.setRange(days === null ? { min: firstDay * DAY, max: lastDay * DAY } : { min: (lastDay - days) * DAY, max: lastDay * DAY });
  return (
    <div className="rangebar" role="group" aria-label="Date range">
      <button type="button" onClick={() => set(92)} data-range="3M">3M</button>
      <button type="button" onClick={() => set(366)} data-range="1Y">1Y</button>
      <button type="button" onClick={() => set(5 * 366)} data-range="5Y">5Y</button>
      <button type="button" onClick={() => set(null)} data-range="Max">Max</button>
      <span className="hint">Drag on a chart to zoom; all charts follow. Double-click to reset.</span>
    </div>
  );
}
