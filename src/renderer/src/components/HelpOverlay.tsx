/** The keyboard shortcuts, opened with `?` and closed with Esc, a click outside or the button. */
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './screens';

export function HelpOverlay({ onClose }: { onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className="help"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        data-testid="help-overlay"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <div className="help-head">
          <span>Keyboard shortcuts</span>
          <button ref={close} type="button" className="icon-btn" onClick={onClose} aria-label="close">×</button>
        </div>
        <table className="grid">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td><kbd>{s.keys}</kbd></td>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
