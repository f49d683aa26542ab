/**
 * A run's tags as chips: click one to show only runs with it, × removes it from this
 * run, + adds one (checked by the same rule as the service's before it is sent).
 */
import { useState } from 'react';
import type { RunSummary } from '../../../shared/backtestTypes';
import { RUN_TAG_MAX, tagProblem } from '../../../shared/runQuery';
import { setFilter, updateRun } from './historyStore';

export function RunTagsCell({ run, onDone }: { run: RunSummary; onDone: () => void }) {
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => {
    setAdding(false);
    setDraft('');
    setProblem(null);
  };
  const add = async () => {
    const tag = draft.trim();
    const p = tagProblem(tag);
    if (p) return setProblem(p);
    if (await updateRun(run.id, { tags: [...run.tags, tag] })) {
      close();
      onDone();
    }
  };
  return (
    <span className="run-tags">
      {run.tags.map((t) => (
        <span key={t} className="tag-chip">
          <button type="button" className="tag-chip-name" onClick={() => setFilter({ tag: t })} title={`Show only runs tagged ${t}`}>{t}</button>
          <button type="button" className="tag-chip-x" aria-label={`remove tag ${t} from run ${run.id}`} onClick={() => void updateRun(run.id, { tags: run.tags.filter((x) => x !== t) })}>×</button>
        </span>
      ))}
      {adding ? (
        <span className="tag-add">
          <input
            autoFocus
            aria-label={`new tag for run ${run.id}`}
            aria-invalid={problem !== null}
            maxLength={RUN_TAG_MAX}
            value={draft}
            placeholder="tag"
            onChange={(e) => {
              setDraft(e.target.value);
              setProblem(null);
            }}
            onBlur={close}
            onKeyDown={(e) => {
              e.stopPropagation();
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              } else if (e.key === 'Escape') {
                e.preventDefault();
                close();
                onDone();
              }
            }}
          />
          {problem && <span className="field-error" role="alert">{problem}</span>}
        </span>
      ) : (
        <button type="button" className="tag-plus" aria-label={`add tag to run ${run.id}`} title="Add a tag" onClick={() => setAdding(true)}>+</button>
      )}
    </span>
  );
}
