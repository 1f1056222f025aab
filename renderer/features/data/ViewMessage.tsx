/**
 * A message beside the controls that caused it (issue 12): a sync, an import or a key change says
 * what happened here, in the view, not only in the window's footer status line.
 */
export type MessageKind = 'info' | 'ok' | 'warn' | 'error';

export interface ViewMessageState {
  readonly kind: MessageKind;
  readonly text: string;
}

export function ViewMessage({ id, message }: { id: string; message: ViewMessageState | null }): React.JSX.Element {
  // Always in the page (empty when there is nothing to say), so a screen reader hears each new message.
  return (
    <p className={`view-message${message ? ` ${message.kind}` : ''}`} data-message={id} data-kind={message?.kind ?? ''} role={message?.kind === 'error' ? 'alert' : 'status'} aria-live="polite">
      {message?.text ?? ''}
    </p>
  );
}
