/**
 * The saved runs as a table: name (renamed in place), strategy and parameters, data,
 * period, key stats, tags; sortable columns, pages of PAGE_SIZE from the service.
 * The keyboard works on the focused row: arrows move, Enter opens, Space ticks for the
 * comparison, F2 renames, Delete asks to delete (Enter confirms, Esc keeps the run).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RunSummary } from '../../../shared/backtestTypes';
import type { RunSortKey } from '../../../shared/runQuery';
import { useApp } from '../store/appStore';
import { toggleSelected } from '../store/actions';
import { fmtDay, fmtNum, signClass } from '../format';
import { statCaveat } from '../stats/statCaveats';
import { focusRun, goToPage, moveFocus, PAGE_SIZE, sortBy, startRename, useHistory } from './historyStore';
import { deleteFromHistory, openInBacktest } from './runActions';
import { RunNameCell } from './RunNameCell';
import { RunTagsCell } from './RunTagsCell';
import { dataText, paramsText } from './runText';
import { InfoMark } from '../components/InfoMark';

/** The table's keyboard target (the search box hands the keyboard to it with ↓). */
export const RUNS_TABLE_ID = 'runs-table';

const COLUMNS: { key: RunSortKey; label: string; num?: boolean; title?: string }[] = [
  { key: 'created', label: '#', title: 'Run id, newest first' },
  { key: 'name', label: 'Name' },
  { key: 'strategy', label: 'Strategy · parameters' },
  { key: 'data', label: 'Data' },
  { key: 'period', label: 'Period', title: 'Sort by the first bar of the period' },
  { key: 'return', label: 'Return %', num: true },
  { key: 'sharpe', label: 'Sharpe', num: true },
  { key: 'maxDrawdown', label: 'Max DD %', num: true },
  { key: 'trades', label: 'Trades', num: true },
];

export function RunsTable() {
  const rows = useHistory((s) => s.rows);
  const total = useHistory((s) => s.total);
  const page = useHistory((s) => s.page);
  const sort = useHistory((s) => s.sort);
  const dir = useHistory((s) => s.dir);
  const focused = useHistory((s) => s.focused);
  const renaming = useHistory((s) => s.renaming);
  const selected = useApp((s) => s.selected);
  const current = useApp((s) => s.run?.id);
  const [confirming, setConfirming] = useState<number | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const refocus = () => body.current?.focus();

  // Keep the focused row in view as the arrows move it.
  useEffect(() => {
    if (focused !== null) document.getElementById(`run-row-${focused}`)?.scrollIntoView({ block: 'nearest' });
  }, [focused]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in the name or tag boxes and on buttons are theirs.
    if (e.target !== body.current) return;
    const id = focused;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveFocus(1),
      ArrowUp: () => moveFocus(-1),
      Home: () => moveFocus(-rows.length),
      End: () => moveFocus(rows.length),
      PageDown: () => goToPage(page + 1),
      PageUp: () => goToPage(page - 1),
      Enter: () => id !== null && void openInBacktest(id),
      ' ': () => id !== null && toggleSelected(id),
      F2: () => startRename(id),
      Delete: () => setConfirming(id),
    };
    const act = keys[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  };

  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="runs-table-wrap">
      <div
        className="runs-table-scroll"
        id={RUNS_TABLE_ID}
        ref={body}
        tabIndex={0}
        role="group"
        aria-label="Saved runs: arrows move, Enter opens, Space ticks for compare, F2 renames, Delete deletes"
        aria-activedescendant={focused !== null ? `run-row-${focused}` : undefined}
        onKeyDown={onKey}
        data-testid="run-history"
      >
        <table className="grid runs-table">
          <thead>
            <tr>
              <th aria-label="compare" />
              {COLUMNS.filter((c) => c.key !== 'period').map((c) => (
                <th key={c.key} className={c.num ? 'num' : ''} aria-sort={sort === c.key || (c.key === 'data' && sort === 'period') ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <SortButton column={c} sort={sort} dir={dir} />
                  {/* Data and its period share a column (two lines) so the table fits 1024 px. */}
                  {c.key === 'data' && (
                    <>
                      {' · '}
                      <SortButton column={COLUMNS.find((x) => x.key === 'period') ?? c} sort={sort} dir={dir} />
                    </>
                  )}
                </th>
              ))}
              <th>Tags</th>
              <th aria-label="delete" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <RunRow
                key={r.id}
                run={r}
                focused={r.id === focused}
                open={r.id === current}
                ticked={selected.includes(r.id)}
                renaming={renaming === r.id}
                confirming={confirming === r.id}
                onConfirm={(on, backToList) => {
                  setConfirming(on ? r.id : null);
                  if (backToList) refocus();
                }}
                refocus={refocus}
              />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="empty">{total === 0 ? 'No runs match. Run a backtest, or clear the search and filters.' : 'Loading…'}</p>}
      </div>
      <div className="runs-pager">
        <span className="dim" data-testid="runs-total">{total.toLocaleString('en-US')} run{total === 1 ? '' : 's'}</span>
        <span>
          <button type="button" className="btn btn-small" disabled={page === 0} onClick={() => goToPage(page - 1)} aria-label="previous page">‹</button>
          <span className="dim"> page {page + 1} of {pages} </span>
          <button type="button" className="btn btn-small" disabled={page + 1 >= pages} onClick={() => goToPage(page + 1)} aria-label="next page">›</button>
        </span>
      </div>
    </div>
  );
}

function SortButton({ column: c, sort, dir }: { column: (typeof COLUMNS)[number]; sort: RunSortKey; dir: 'asc' | 'desc' }) {
  return (
    <button type="button" className="th-sort" onClick={() => sortBy(c.key)} title={c.title ?? `Sort by ${c.label}`} data-testid={`sort-${c.key}`}>
      {c.label}
      {sort === c.key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
    </button>
  );
}

interface RowProps {
  run: RunSummary;
  focused: boolean;
  open: boolean;
  ticked: boolean;
  renaming: boolean;
  confirming: boolean;
  /** backToList: the keyboard goes back to the table (not when the user clicked elsewhere). */
  onConfirm(on: boolean, backToList?: boolean): void;
  refocus(): void;
}

function RunRow({ run: r, focused, open, ticked, renaming, confirming, onConfirm, refocus }: RowProps) {
  const stat = (key: string, digits = 2) => {
    const caveat = statCaveat(r.stats, key);
    if (caveat) return <td className="num dim" title={caveat}>n/a<InfoMark /></td>;
    const v = r.stats[key];
    return <td className={`num ${key === '# Trades' ? '' : signClass(v)}`}>{fmtNum(v, digits)}</td>;
  };
  const params = paramsText(r.params);
  return (
    <tr
      id={`run-row-${r.id}`}
      className={`${focused ? 'focused' : ''} ${open ? 'active' : ''}`}
      aria-selected={focused}
      data-testid={`run-row-${r.id}`}
      onClick={() => focusRun(r.id)}
      onDoubleClick={(e) => (e.target as HTMLElement).closest('input, button, .run-name-cell') === null && void openInBacktest(r.id)}
    >
      <td>
        <input type="checkbox" aria-label={`select run ${r.id}`} checked={ticked} onChange={() => toggleSelected(r.id)} />
      </td>
      <td className="num dim">{r.id}</td>
      <td className="run-name-td">
        <RunNameCell key={`${r.id}-${r.label ?? ''}-${renaming}`} run={r} editing={renaming} onDone={refocus} />
      </td>
      <td className="run-strategy" title={params}>
        <span>{r.strategy}</span> <span className="dim">{params}</span>
      </td>
      <td title={r.dataSource}>
        {dataText(r.dataSource)}
        <div className="dim small nowrap">{fmtDay(r.dataFrom)} → {fmtDay(r.dataTo)}</div>
      </td>
      {stat('Return [%]')}
      {stat('Sharpe Ratio')}
      {stat('Max. Drawdown [%]')}
      {stat('# Trades', 0)}
      <td>
        <RunTagsCell run={r} onDone={refocus} />
      </td>
      <td>
        {confirming ? (
          <span className="confirm-delete" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onConfirm(false, true))}>
            <button
              type="button"
              className="btn btn-small btn-danger"
              autoFocus
              aria-label={`confirm delete run ${r.id}`}
              onBlur={() => onConfirm(false)}
              onClick={() => {
                onConfirm(false, true);
                void deleteFromHistory(r.id);
              }}
            >
              Delete
            </button>
          </span>
        ) : (
          <button type="button" className="icon-btn" title="Delete run (Delete key)" aria-label={`delete run ${r.id}`} onClick={() => onConfirm(true)}>×</button>
        )}
      </td>
    </tr>
  );
}
