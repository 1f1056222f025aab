/**
 * Toasts with an action (Undo of a delete, issue 11 §4) and an in-page confirm dialog (replacing a
 * saved layout). Both live above the views, so a toast outlives a view switch, and both are plain DOM
 * a test can read and answer (window.confirm cannot be styled, and blocks the page).
 */
import { useEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import { newId } from './ids.js';

export const UNDO_MS = 10_000;

interface Toast {
  readonly id: string;
  readonly text: string;
  readonly action: { readonly label: string; readonly run: () => void } | null;
  readonly ms: number;
}
interface Ask {
  readonly title: string;
  readonly text: string;
  readonly confirmLabel: string;
  readonly answer: (yes: boolean) => void;
}

let toasts: readonly Toast[] = [];
let ask: Ask | null = null;
const listeners = new Set<() => void>();
const emit = (): void => {
  for (const l of listeners) l();
};
const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function dismissToast(id: string): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

/** Shows `text` for `ms`; the action (if any) runs at most once and closes the toast. */
export function showToast(text: string, action: { label: string; run: () => void } | null = null, ms = UNDO_MS): void {
  const id = newId('t');
  // At most three on screen: an older toast's Undo is still reachable from the status line's wording.
  toasts = [...toasts.slice(-2), { id, text, action, ms }];
  emit();
  setTimeout(() => dismissToast(id), ms);
}

/** Resolves true if the user confirms, false on Cancel, Escape or a click outside. */
export function askConfirm(title: string, text: string, confirmLabel: string): Promise<boolean> {
  ask?.answer(false);
  return new Promise((resolve) => {
    ask = {
      title,
      text,
      confirmLabel,
      answer: (yes) => {
        ask = null;
        emit();
        resolve(yes);
      },
    };
    emit();
  });
}

export const isConfirmOpen = (): boolean => ask !== null;

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';
const focusables = (root: HTMLElement): HTMLElement[] => [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => e.getClientRects().length > 0);

/**
 * A modal dialog's focus (WAI-ARIA APG, dialog pattern): on open the focus moves to `initial` (else
 * the dialog's first control); Tab and Shift+Tab cycle inside the dialog, and focus that leaves it
 * some other way is brought back; on close the focus returns to where it was before. Returns the
 * dialog's keydown handler for Tab. The dialog element needs tabIndex={-1}, so a click on its text
 * keeps the focus inside.
 */
export function useModalFocus(dialog: RefObject<HTMLElement | null>, initial: RefObject<HTMLElement | null>): (e: React.KeyboardEvent<HTMLElement>) => void {
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const start = (): void => {
      const d = dialog.current;
      if (d) (initial.current ?? focusables(d)[0] ?? d).focus();
    };
    start();
    const keepInside = (e: FocusEvent): void => {
      if (dialog.current && e.target instanceof Node && !dialog.current.contains(e.target)) start();
    };
    document.addEventListener('focusin', keepInside);
    return () => {
      document.removeEventListener('focusin', keepInside);
      // Not to an element a view switch removed meanwhile, nor one now disabled (it cannot take focus).
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, [dialog, initial]);
  return (e) => {
    if (e.key !== 'Tab') return;
    const els = focusables(e.currentTarget);
    const first = els[0];
    const last = els.at(-1);
    e.preventDefault();
    if (first === undefined || last === undefined) return;
    const at = els.indexOf(document.activeElement as HTMLElement);
    const next = e.shiftKey ? (at <= 0 ? last : els[at - 1]) : at < 0 || at === els.length - 1 ? first : els[at + 1];
    next?.focus();
  };
}

function ConfirmDialog({ a }: { a: Ask }): React.JSX.Element {
  const dialog = useRef<HTMLDivElement>(null);
  // Cancel has the focus: an Enter meant for the field behind must not replace anything.
  const cancel = useRef<HTMLButtonElement>(null);
  const trapTab = useModalFocus(dialog, cancel);
  return (
    <div className="overlay" onClick={() => a.answer(false)}>
      <div
        ref={dialog}
        tabIndex={-1}
        className="help confirm"
        role="alertdialog"
        aria-modal="true"
        aria-label={a.title}
        data-dialog="confirm"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          // The view shortcuts (1–5, T, …) must not act behind an open dialog.
          e.stopPropagation();
          if (e.key === 'Escape') a.answer(false);
          trapTab(e);
        }}
      >
        <h2>{a.title}</h2>
        <p>{a.text}</p>
        <div className="confirm-actions">
          <button type="button" className="danger" data-action="confirm-yes" onClick={() => a.answer(true)}>
            {a.confirmLabel}
          </button>
          <button type="button" ref={cancel} data-action="confirm-no" onClick={() => a.answer(false)}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}

export function Overlays(): React.JSX.Element {
  const shown = useSyncExternalStore(subscribe, () => toasts);
  const open = useSyncExternalStore(subscribe, () => ask);
  return (
    <>
      <div className="toasts" aria-live="polite">
        {shown.map((t) => (
          <div key={t.id} className="toast" data-toast>
            <span data-toast-text>{t.text}</span>
            {t.action ? (
              <button
                type="button"
                data-action="undo"
                onClick={() => {
                  dismissToast(t.id);
                  t.action?.run();
                }}
              >
                {t.action.label}
              </button>
            ) : null}
            <button type="button" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
              ×
            </button>
            <span className="toast-timer" style={{ animationDuration: `${t.ms}ms` }} />
          </div>
        ))}
      </div>
      {open ? <ConfirmDialog a={open} /> : null}
    </>
  );
}

/**
 * A modal dialog: an overlay that closes on a click outside, focus kept inside (Tab trapped), keys kept
 * from the view shortcuts behind it, and Esc (or the extra `closeKeys`) closing it.
 */
export function ModalDialog({ labelledBy, name, className, initialFocus, closeKeys = [], onClose, children }: { labelledBy: string; name: string; className?: string; initialFocus: RefObject<HTMLElement | null>; closeKeys?: readonly string[]; onClose: () => void; children: React.ReactNode }): React.JSX.Element {
  const dialog = useRef<HTMLDivElement>(null);
  const trapTab = useModalFocus(dialog, initialFocus);
  return (
    <div className="overlay" onClick={onClose}>
      <div
        ref={dialog}
        tabIndex={-1}
        className={`help${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        data-dialog={name}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          // Nothing behind a modal dialog acts on its keys (the view shortcuts 1–5, T, …).
          e.stopPropagation();
          if (e.key === 'Escape' || closeKeys.includes(e.key)) {
            e.preventDefault();
            onClose();
          }
          trapTab(e);
        }}
      >
        {children}
      </div>
    </div>
  );
}
