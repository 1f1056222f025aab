/**
 * A date typed and shown as ISO `YYYY-MM-DD` whatever the browser's locale (an `<input type="date">`
 * displays `12/01/2025` on an en-US system). The value is committed only when it is a real calendar
 * date within [min, max]; anything else stays in the field (nothing typed is thrown away), marked
 * invalid and explained, while the last good value stays in force.
 */
import { useEffect, useState } from 'react';
import { isIsoDate } from '../../shared/time/iso-date.js';

const ISO_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month in ISO form, `2025-12`. */
export const isIsoMonth = (t: string): boolean => ISO_MONTH.test(t);

export function IsoDateField({ value, onChange, label, id, min, max, month = false, domId }: { value: string; onChange: (v: string) => void; label: string; id: string; min?: string; max?: string; month?: boolean; domId?: string }): React.JSX.Element {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const valid = month ? isIsoMonth : isIsoDate;
  const problem = !valid(text) ? (month ? 'Type a month as YYYY-MM, e.g. 2025-12.' : 'Type a date as YYYY-MM-DD, e.g. 2025-12-01.') : min !== undefined && text < min ? `On or after ${min}.` : max !== undefined && text > max ? `On or before ${max}.` : null;
  return (
    <>
      <input
        type="text"
        inputMode="numeric"
        placeholder={month ? 'YYYY-MM' : 'YYYY-MM-DD'}
        {...(domId !== undefined ? { id: domId } : {})}
        aria-label={label}
        aria-invalid={problem !== null}
        aria-describedby={problem !== null ? `${id}-problem` : undefined}
        data-input={id}
        value={text}
        maxLength={month ? 7 : 10}
        size={month ? 8 : 11}
        onChange={(e) => {
          const t = e.target.value.trim();
          setText(t);
          if (valid(t) && (min === undefined || t >= min) && (max === undefined || t <= max)) onChange(t);
        }}
      />
      {problem !== null ? (
        <span id={`${id}-problem`} className="field-problem" role="alert">
          {problem}
        </span>
      ) : null}
    </>
  );
}
