/** Search and filters of the history, and the actions on the focused run. */
import { useEffect, useState } from 'react';
import { RUN_KINDS, RUN_KIND_LABELS, type RunFilter } from '../../../shared/runQuery';
import { useApp } from '../store/appStore';
import { setFilter, startRename, useHistory } from './historyStore';
import { cloneIntoForm, exportRun, openInBacktest, rerun } from './runActions';
import { RUNS_TABLE_ID } from './RunsTable';

// Searching on every keystroke would send a query per letter; a pause of this long ends a word.
const SEARCH_PAUSE_MS = 250;

export function RunsFilters() {
  const filter = useHistory((s) => s.filter);
  const tags = useHistory((s) => s.tags);
  const strategies = useApp((s) => s.strategies);
  const [query, setQuery] = useState(filter.query ?? '');
  useEffect(() => {
    if (query === (useHistory.getState().filter.query ?? '')) return;
    const t = setTimeout(() => setFilter({ query }), SEARCH_PAUSE_MS);
    return () => clearTimeout(t);
  }, [query]);
  const select = (key: keyof Omit<RunFilter, 'query'>, value: string) => setFilter({ [key]: value === '' ? undefined : value });
  return (
    <div className="runs-filters" role="search">
      <input
        type="search"
        className="runs-search"
        aria-label="search runs"
        placeholder="Search name, strategy, n1=10, tag, data…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setFilter({ query });
          else if (e.key === 'ArrowDown') {
            e.preventDefault();
            document.getElementById(RUNS_TABLE_ID)?.focus();
          }
        }}
      />
      <select aria-label="filter by strategy" value={filter.strategy ?? ''} onChange={(e) => select('strategy', e.target.value)}>
        <option value="">all strategies</option>
        {strategies.map((s) => (
          <option key={s.name} value={s.name}>{s.name}</option>
        ))}
      </select>
      <select aria-label="filter by tag" value={filter.tag ?? ''} onChange={(e) => select('tag', e.target.value)}>
        <option value="">all tags</option>
        {filter.tag && !tags.some((t) => t.tag === filter.tag) && <option value={filter.tag}>{filter.tag}</option>}
        {tags.map((t) => (
          <option key={t.tag} value={t.tag}>{t.tag} ({t.runs})</option>
        ))}
      </select>
      <select aria-label="filter by kind" value={filter.kind ?? ''} onChange={(e) => select('kind', e.target.value)}>
        <option value="">all kinds</option>
        {RUN_KINDS.map((k) => (
          <option key={k} value={k}>{RUN_KIND_LABELS[k]}</option>
        ))}
      </select>
    </div>
  );
}

export function RunActions() {
  const id = useHistory((s) => s.focused);
  const busy = useApp((s) => s.job !== null);
  const off = id === null;
  const act = (f: (id: number) => unknown) => () => id !== null && void f(id);
  return (
    <div className="runs-actions" role="toolbar" aria-label="actions on the focused run">
      <span className="dim">{off ? 'No run' : `Run #${id}:`}</span>
      <button type="button" className="btn btn-small" disabled={off} onClick={act(openInBacktest)} title="Show it in the Backtest view with its settings (Enter)">Open</button>
      <button type="button" className="btn btn-small" disabled={off || busy} onClick={act(rerun)} title="Run the same request again: a new run">Re-run</button>
      <button type="button" className="btn btn-small" disabled={off} onClick={act(cloneIntoForm)} title="Load its settings into the Backtest form without running">Clone to form</button>
      <button type="button" className="btn btn-small" disabled={off} onClick={act(startRename)} title="Rename (F2)">Rename</button>
      <span className="runs-actions-sep" />
      <button type="button" className="btn btn-small" disabled={off} onClick={act((x) => exportRun(x, 'trades-csv'))} data-testid="export-trades-csv">Trades CSV</button>
      <button type="button" className="btn btn-small" disabled={off} onClick={act((x) => exportRun(x, 'run-json'))} data-testid="export-run-json">Run JSON</button>
      <button type="button" className="btn btn-small" disabled={off} onClick={act((x) => exportRun(x, 'equity-png'))} data-testid="export-equity-png">Chart PNG</button>
    </div>
  );
}
