/**
 * Submit and key handling the Live panel's forms share: one submit at a time (busy while
 * the call runs, the form closes only when it succeeded), and keys kept inside the form:
 * Esc closes it (not the backtest's cancel), Ctrl+Enter submits it.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';

export interface LiveFormHandlers {
  readonly busy: boolean;
  onSubmit(e: FormEvent): void;
  onKeyDown(e: KeyboardEvent<HTMLFormElement>): void;
}

/** `send` performs the form's call and says whether it succeeded. */
export function useLiveForm(send: () => Promise<boolean>, onClose: () => void): LiveFormHandlers {
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const ok = await send();
    setBusy(false);
    if (ok) onClose();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || (e.target instanceof HTMLSelectElement && !e.altKey && !e.shiftKey))) {
      // Enter on a select would open its list; in these forms Enter submits from any field.
      e.stopPropagation();
      e.preventDefault();
      e.currentTarget.requestSubmit();
    }
  };
  return { busy, onSubmit: (e) => void submit(e), onKeyDown };
}
