/** Saved runs: click to open, tick two or more to compare. */
import { useApp } from '../store/appStore';
import { compareSelected, deleteRun, openRun, toggleSelected } from '../store/actions';
import { fmtDateTz, fmtNum, signClass } from '../format';

export function RunHistory() {
  const runs = useApp((s) => s.runs);
  const current = useApp((s) => s.run?.id);
  const selected = useApp((s) => s.selected);
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
              <button type="button" className="run-item" onClick={() => void openRun(r.id)}>
                <span className="run-item-top">
                  <span>#{r.id} {r.strategy}</span>
                  <span className={signClass(ret)}>{fmtNum(ret)}%</span>
                </span>
                <span className="run-item-sub">
                  {r.dataSource.replace(/^sample:/, '')} · {fmtDateTz(r.createdAt)}
                </span>
              </button>
              <button type="button" className="icon-btn" title="Delete run" aria-label={`delete run ${r.id}`} onClick={() => void deleteRun(r.id)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
