/**
 * The saved optimizations (or walk-forward analyses) under the grid editor, newest first:
 * one opens in the view as if it had just run. Read again whenever a job ends or another
 * opens, so the one just made is at the top.
 */
import { useEffect, useState } from 'react';
import type { ResearchJobSummary, ResearchKind } from '../../../shared/researchTypes';
import { fmtDate } from '../format';
import { message } from '../store/actions';
import { listSavedResearch, openSavedResearch } from './researchActions';
import { useResearch } from './researchStore';

const SHOWN = 12;

export function SavedResearchList({ kind, openId }: { kind: ResearchKind; openId: number | null }) {
  const [jobs, setJobs] = useState<ResearchJobSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
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
  }, [kind, openId, running]);

  return (
    <div className="saved-research" data-testid={`${kind}-saved`}>
      <div className="section-title">Saved</div>
      {error && <p className="field-error small">Could not list them: {error}</p>}
      {jobs?.length === 0 && <p className="dim small">None yet: each {kind === 'optimize' ? 'optimization' : 'walk-forward'} you run is kept here.</p>}
      <ul>
        {jobs?.map((j) => (
          <li key={j.id}>
            <button
              type="button"
              className={`saved-research-item${j.id === openId ? ' open' : ''}`}
              aria-current={j.id === openId ? 'true' : undefined}
              onClick={() => void openSavedResearch(j)}
              title={`${j.strategy} on ${j.dataSource}${j.label ? ` · ${j.label}` : ''}`}
              data-testid="saved-research-item"
            >
              <span className="saved-research-id">#{j.id}</span>
              <span className="saved-research-what">{j.strategy} · {j.dataSource}</span>
              <span className="saved-research-when dim">{fmtDate(j.createdAt)}{j.status === 'done' ? '' : ` · ${j.status}`}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
