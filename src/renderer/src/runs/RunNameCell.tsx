/** A run's name in the history, edited in place: Enter saves, Escape (or leaving the box) cancels. */
import { useState } from 'react';
import type { RunSummary } from '../../../shared/backtestTypes';
import { RUN_KIND_LABELS, RUN_NAME_MAX } from '../../../shared/runQuery';
import { startRename, updateRun } from './historyStore';

export function RunNameCell({ run, editing, onDone }: { run: RunSummary; editing: boolean; onDone: () => void }) {
  const [draft, setDraft] = useState(run.label ?? '');
  const kind = run.kind === 'backtest' ? null : <span className="run-kind">{RUN_KIND_LABELS[run.kind]}</span>;
  if (!editing) {
    return (
      <span className="run-name-cell" onDoubleClick={() => startRename(run.id)} title="Double-click or F2 to rename">
        {run.label ? <span className="run-label">{run.label}</span> : <span className="dim">unnamed</span>}
        {kind}
      </span>
    );
  }
  const finish = () => {
    startRename(null);
    onDone();
  };
  return (
    <input
      className="run-name-input"
      aria-label={`name of run ${run.id}`}
      autoFocus
      maxLength={RUN_NAME_MAX}
      value={draft}
      placeholder="name (empty clears it)"
      onChange={(e) => setDraft(e.target.value)}
      onFocus={(e) => e.target.select()}
      onBlur={() => startRename(null)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          void updateRun(run.id, { name: draft }).then(finish);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          finish();
        }
      }}
    />
  );
}
