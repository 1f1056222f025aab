import { memo } from 'react';

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

/** A labelled slider with a number field; both edit the same value, units always shown. */
function SliderView(props: SliderProps): React.JSX.Element {
  const { id, label, unit, min, max, step, value, onChange } = props;
  const clamp = (v: number): number => Math.min(max, Math.max(min, v));
  return (
    <label className="slider" title={props.hint ?? ''}>
      <span className="slider-label">
        {label} <em>({unit})</em>
      </span>
      <input type="range" data-input={id} min={min} max={max} step={step} value={value} onChange={(e) => onChange(clamp(Number(e.target.value)))} />
      <input
        type="number"
        data-field={id}
        min={min}
        max={max}
        step={step}
        value={Number.isFinite(value) ? value : ''}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v)) onChange(clamp(v));
        }}
      />
    </label>
  );
}

/**
 * Memoised without regard to `onChange` (a new closure every render): moving one slider in the lab
 * re-renders that slider, not all thirty.
 */
export const Slider = memo(SliderView, (a, b) => a.id === b.id && a.label === b.label && a.unit === b.unit && a.min === b.min && a.max === b.max && a.step === b.step && a.value === b.value && a.hint === b.hint);
