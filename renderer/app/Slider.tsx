/** A labelled slider with a number field; both edit the same value, units always shown. */
export function Slider(props: { id: string; label: string; unit: string; min: number; max: number; step: number; value: number; onChange: (v: number) => void; hint?: string }): React.JSX.Element {
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
