/**
 * The saved optimizations (or walk-forward analyses) under the grid editor, newest first:
 * one opens in the view as if it had just run (click or Enter); × or the Delete key asks
 * to delete it (Enter confirms, Esc keeps it). Read again whenever a job ends, another
 * opens or one is deleted, so the one just made is at the top.
 */
import { useEffect, useState } from 'react';
import type { ResearchJobSummary, ResearchKind } from '../../../shared/researchTypes';
import { fmtDate } from '../format';
import { message } from '../store/actions';
import { deleteSavedResearch, listSavedResearch, openSavedResearch } from './researchActions';
import { useResearch } from './researchStore';

const SHOWN = 12;

/**
 * Focuses the Delete confirmation as it appears (autoFocus did not take when the Delete key
 * on the item showed it). One function for every render, so React calls it on mount only.
 */
const focusOnMount = (el: HTMLButtonElement | null): void => el?.focus();

export function SavedResearchList({ kind, openId }: { kind: ResearchKind; openId: number | null }) {
  const [jobs, setJobs] = useState<ResearchJobSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [deletions, setDeletions] = useState(0);
  const running = useResearch((s) => s.job?.jobId ?? null);
  useEffect(() => {
    let current = true;
    listSavedResearch(kind, SHOWN).then(
      (list) => current && (setJobs(list), setError(null)),
      (e: unknown) => current && setError(message(e)),
    );
    return () => {
      current = false;
    };
  }, [kind, openId, running, deletions]);

  const remove = async (j: ResearchJobSummary) => {
    setConfirming(null);
    await deleteSavedResearch(j);
    setDeletions((n) => n + 1);
  };
  const noun = kind === 'optimize' ? 'optimization' : 'walk-forward';

  return (
    <div className="saved-research" data-testid={`${kind}-saved`}>
      <div className="section-title">Saved</div>
      {error && <p className="field-error small">Could not list them: {error}</p>}
      {jobs?.length === 0 && <p className="dim small">None yet: each {noun} you run is kept here.</p>}
      <ul>
        {jobs?.map((j) => (
          <li key={j.id} className="saved-research-row">
            <button
              type="button"
              className={`saved-research-item${j.id === openId ? ' open' : ''}`}
              aria-current={j.id === openId ? 'true' : undefined}
              onClick={() => void openSavedResearch(j)}
              onKeyDown={(e) => e.key === 'Delete' && (e.preventDefault(), setConfirming(j.id))}
              title={`${j.strategy} on ${j.dataSource}${j.label ? ` · ${j.label}` : ''} (Delete key: delete)`}
              data-testid="saved-research-item"
            >
              <span className="saved-research-id">#{j.id}</span>
              <span className="saved-research-what">{j.strategy} · {j.dataSource}</span>
              <span className="saved-research-when dim">{fmtDate(j.createdAt)}{j.status === 'done' ? '' : ` · ${j.status}`}</span>
            </button>
            {confirming === j.id ? (
              <button
                type="button"
                className="btn btn-small btn-danger"
                ref={focusOnMount}
                aria-label={`confirm delete ${noun} ${j.id}`}
                onBlur={() => setConfirming(null)}
                onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setConfirming(null))}
                onClick={() => void remove(j)}
                data-testid="saved-research-confirm-delete"
              >
                Delete
              </button>
            ) : (
              <button type="button" className="icon-btn" title={`Delete ${noun} #${j.id}`} aria-label={`delete ${noun} ${j.id}`} onClick={() => setConfirming(j.id)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
