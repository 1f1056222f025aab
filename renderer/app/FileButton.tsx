/** A button that opens the file chooser and hands over the one file picked (cleared, so the same file can be picked again). */
import { useRef } from 'react';

export function FileButton(props: { label: string; action: string; inputId: string; accept: string; onFile: (f: File) => void }): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" data-action={props.action} onClick={() => input.current?.click()}>
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        data-input={props.inputId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) props.onFile(f);
        }}
      />
    </>
  );
}
