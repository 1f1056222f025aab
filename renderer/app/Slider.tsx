import { memo, useId, useState } from 'react';
import { fieldText } from '../format.js';

export interface SliderProps {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  /** Must update from current state (a functional update): a slider re-renders only when its other props change. */
  readonly onChange: (v: number) => void;
  readonly hint?: string;
}

/**
 * A labelled slider with a number field; both edit the same value, units always shown. Both are named
 * by the visible label (the slider through <label for>, the field through aria-labelledby): a label
 * wrapping both named the slider "Horizon (years) 7", the field's value read as part of its name.
 */
function SliderView(props: SliderProps): React.JSX.Element {
  const { id, label, unit, min, max, step, value, onChange } = props;
  const clamp = (v: number): number => Math.min(max, Math.max(min, v));
  // While the field has focus it shows what the user types; otherwise the stored value, rounded for
  // display only (a fitted α of −7.384949232196497 reads −7.385; the model keeps every digit).
  const [draft, setDraft] = useState<string | null>(null);
  const uid = useId();
  return (
    <div className="slider" title={props.hint}>
      <label className="slider-label" id={`${uid}-label`} htmlFor={`${uid}-range`}>
        {label} <em>({unit})</em>
      </label>
      <input type="range" id={`${uid}-range`} data-input={id} min={min} max={max} step={step} value={value} aria-valuetext={`${fieldText(value, step)} ${unit}`} onChange={(e) => onChange(clamp(Number(e.target.value)))} />
      <input
        type="number"
        data-field={id}
        aria-labelledby={`${uid}-label`}
        min={min}
        max={max}
        step={step}
        value={draft ?? fieldText(value, step)}
        onFocus={(e) => setDraft(e.target.value)}
        onBlur={() => setDraft(null)}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v)) onChange(clamp(v));
        }}
      />
    </div>
  );
}

/**
 * Memoised without regard to `onChange` (a new closure every render): moving one slider in the lab
 * re-renders that slider, not all thirty.
 */
export const Slider = memo(SliderView, (a, b) => a.id === b.id && a.label === b.label && a.unit === b.unit && a.min === b.min && a.max === b.max && a.step === b.step && a.value === b.value && a.hint === b.hint);
