/** A running optimization or walk-forward: done of total, rate, time left, the best so far, and Cancel (Esc). */
import { fmtDuration, fmtNum } from '../format';
import type { ResearchJob } from './researchStore';
import { paramsText } from './researchFormat';

export function ResearchProgressBox({ job, onCancel }: { job: ResearchJob; onCancel(): void }) {
  const p = job.progress;
  const pct = p && p.total > 0 ? (100 * p.done) / p.total : 0;
  const unit = job.kind === 'walkforward' ? 'steps' : 'combinations';
  return (
    <div className="progress-box research-progress" data-testid="research-progress">
      <div className="progress-bar">
        <div style={{ width: `${pct}%` }} />
      </div>
      <div className="progress-text">
        <span data-testid="research-progress-phase">{job.cancelling ? 'cancelling…' : (p?.phase ?? 'starting')}</span>
        <span data-testid="research-progress-count">
          {p ? `${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} ${unit}` : ''}
          {p?.rate != null ? ` · ${fmtNum(p.rate, 1)}/s` : ''}
          {p?.etaMs != null ? ` · ${fmtDuration(p.etaMs)} left` : ''}
        </span>
      </div>
      <div className="progress-best" data-testid="research-progress-best">
        {p?.best ? (
          <>
            best so far <b>{fmtNum(p.best.objective, 3)}</b> <span className="dim">{paramsText(p.best.params)}</span>
          </>
        ) : (
          <span className="dim">no result yet</span>
        )}
      </div>
      <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={job.cancelling} data-testid="research-cancel">
        Cancel <kbd>Esc</kbd>
      </button>
    </div>
  );
}
