/**
 * Runs: the saved runs as a searchable, sortable table with the actions on the focused
 * run, and below it the comparison of the ticked runs (two or more).
 */
import { useEffect } from 'react';
import { useApp } from '../store/appStore';
import { ComparePanel } from './ComparePanel';
import { RunsTable } from '../runs/RunsTable';
import { RunActions, RunsFilters } from '../runs/RunsToolbar';
import { refreshHistory, useHistory } from '../runs/historyStore';
import '../runs/runs.css';

export function RunsScreen() {
  const error = useHistory((s) => s.error);
  // A run made or deleted elsewhere (Backtest view, Optimize) shows up here too.
  const newest = useApp((s) => s.runs[0]?.id);
  const count = useApp((s) => s.runs.length);
  useEffect(() => {
    void refreshHistory();
  }, [newest, count]);
  return (
    <div className="runs-screen" data-testid="runs-screen">
      <section className="runs-list" aria-label="Saved runs">
        <RunsFilters />
        <RunActions />
        {error && <div className="runs-error" role="alert" data-testid="runs-error">{error}</div>}
        <RunsTable />
      </section>
      <section className="runs-compare" aria-label="Comparison">
        <ComparePanel />
      </section>
    </div>
  );
}
