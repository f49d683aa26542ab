/**
 * The Backtest view's short list of recent runs: click to open one (its settings go
 * into the form), tick two or more to compare (on the Runs screen, which also searches,
 * renames, tags and exports). Delete asks once more (the run, its equity and trades are gone for good);
 * Esc or clicking elsewhere keeps the run.
 */
import { useState } from 'react';
import { useApp } from '../store/appStore';
import { compareSelected, deleteRun, openRun, toggleSelected } from '../store/actions';
import { fmtDateTz, fmtNum, signClass } from '../format';
import { dataText, paramsText } from '../runs/runText';

export function RunHistory() {
  const runs = useApp((s) => s.runs);
  const current = useApp((s) => s.run?.id);
  const selected = useApp((s) => s.selected);
  const [confirming, setConfirming] = useState<number | null>(null);
  return (
    <div className="history">
      <div className="section-title history-head">
        <span>Runs</span>
        <button type="button" className="btn btn-small" disabled={selected.length < 2} onClick={() => void compareSelected()} data-testid="compare-button">
          Compare {selected.length >= 2 ? `(${selected.length})` : ''}
        </button>
      </div>
      {runs.length === 0 && <p className="empty">No runs yet. Press Run.</p>}
      <ul className="run-list" data-testid="run-history">
        {runs.map((r) => {
          const ret = r.stats['Return [%]'];
          return (
            <li key={r.id} className={r.id === current ? 'active' : ''}>
              <input type="checkbox" aria-label={`select run ${r.id}`} checked={selected.includes(r.id)} onChange={() => toggleSelected(r.id)} />
              <button type="button" className="run-item" onClick={() => void openRun(r.id, true)} data-testid={`run-item-${r.id}`} title="Open this run and load its settings into the form">
                <span className="run-item-top">
                  <span>#{r.id} {r.label ? <strong>{r.label}</strong> : r.strategy}</span>
                  <span className={signClass(ret)}>{fmtNum(ret)}%</span>
                </span>
                <span className="run-item-sub">
                  {r.label ? `${r.strategy} ` : ''}{paramsText(r.params)} · {dataText(r.dataSource)}{r.tags.length ? ` · ${r.tags.map((t) => `#${t}`).join(' ')}` : ''} · {fmtDateTz(r.createdAt)}
                </span>
              </button>
              {confirming === r.id ? (
                <span className="confirm-delete" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setConfirming(null))}>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    autoFocus
                    aria-label={`confirm delete run ${r.id}`}
                    onBlur={() => setConfirming(null)}
                    onClick={() => {
                      setConfirming(null);
                      void deleteRun(r.id);
                    }}
                  >
                    Delete
                  </button>
                </span>
              ) : (
                <button type="button" className="icon-btn" title="Delete run" aria-label={`delete run ${r.id}`} onClick={() => setConfirming(r.id)}>
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
