/**
 * Every combination of an optimization as a sortable table that only renders the rows in
 * view (a grid of 100,000 cells scrolls as lightly as one of 100). Click a header to sort
 * (again to reverse); click a row or press Enter on it to open that combination's run.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { OptimizationCell } from '../../../shared/researchTypes';
import type { StatsRecord } from '../../../shared/backtestTypes';
import { fmtNum, signClass } from '../format';
import { statCaveat } from '../stats/statCaveats';
import { BEST_FIRST, useCellRows, type CellSort } from './cellRows';

const ROW_PX = 26;
const OVERSCAN = 8;
const STAT_COLUMNS = ['Return [%]', 'Sharpe Ratio', 'Max. Drawdown [%]', '# Trades', 'Win Rate [%]', 'Profit Factor', 'SQN'] as const;

interface Props {
  researchId: number;
  window?: number;
  /** Parameters to show as columns (the axes that vary). */
  paramNames: readonly string[];
  objective: string;
  onOpen(cell: OptimizationCell): void;
}

export function CellsTable({ researchId, window = 0, paramNames, objective, onOpen }: Props) {
  const [sort, setSort] = useState<CellSort>(BEST_FIRST);
  const rows = useCellRows(researchId, window, sort);
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 320 });

  const columns = useMemo(
    () => [
      { key: 'index', label: '#', num: true },
      ...paramNames.map((n) => ({ key: `param:${n}`, label: n, num: true })),
      { key: 'objective', label: `Objective`, num: true, title: objective },
      ...STAT_COLUMNS.map((s) => ({ key: `stat:${s}`, label: s, num: true })),
    ],
    [paramNames, objective],
  );
  const template = `56px ${paramNames.map(() => 'minmax(52px, 1fr)').join(' ')} minmax(80px, 1.2fr) ${STAT_COLUMNS.map(() => 'minmax(72px, 1fr)').join(' ')} 64px`;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    box.current?.scrollTo({ top: 0 });
  }, [sort]);

  const total = rows.total ?? 0;
  const first = Math.max(0, Math.floor(view.top / ROW_PX) - OVERSCAN);
  const last = Math.min(total, Math.ceil((view.top + view.height) / ROW_PX) + OVERSCAN);
  const { want } = rows;
  useEffect(() => want(first, last), [want, first, last]);

  const clickHeader = (key: string) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key !== 'index' && !key.startsWith('param:') }));
  const keyOnRow = (e: KeyboardEvent, cell: OptimizationCell) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      onOpen(cell);
    }
  };

  const visible: { i: number; cell: OptimizationCell | undefined }[] = [];
  for (let i = first; i < last; i++) visible.push({ i, cell: rows.rowAt(i) });

  return (
    <div className="cells-table" role="table" aria-rowcount={total} data-testid="cells-table">
      <div className="cells-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <button key={c.key} type="button" role="columnheader" className={`cells-th${c.num ? ' num' : ''}`} title={c.title ?? `sort by ${c.label}`} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'} onClick={() => clickHeader(c.key)} data-testid={`cells-sort-${c.label}`}>
            {c.label}
            {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
          </button>
        ))}
        <span role="columnheader" className="cells-th">Run</span>
      </div>
      <div ref={box} className="cells-body" onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
        {rows.error && <p className="field-error">{rows.error}</p>}
        <div style={{ height: total * ROW_PX, position: 'relative' }}>
          {visible.map(({ i, cell }) => (
            <div key={i} role="row" tabIndex={cell ? 0 : -1} className="cells-row" style={{ top: i * ROW_PX, height: ROW_PX, gridTemplateColumns: template }} onClick={() => cell && onOpen(cell)} onKeyDown={(e) => cell && keyOnRow(e, cell)} data-testid="cells-row" data-index={cell?.index}>
              {cell ? <CellRow cell={cell} paramNames={paramNames} /> : <span className="dim">loading…</span>}
            </div>
          ))}
        </div>
      </div>
      <div className="cells-foot dim small" data-testid="cells-total">
        {rows.total === null ? 'loading…' : `${total.toLocaleString('en-US')} combinations · click a row (or Enter) to open its run`}
      </div>
    </div>
  );
}

function CellRow({ cell, paramNames }: { cell: OptimizationCell; paramNames: readonly string[] }) {
  return (
    <>
      <span role="cell" className="num dim">{cell.index}</span>
      {paramNames.map((n) => (
        <span role="cell" key={n} className="num">{String(cell.params[n])}</span>
      ))}
      <span role="cell" className={`num ${signClass(cell.objective)}`} title={cell.note ?? undefined}>
        {cell.objective === null ? <span className="dim">{cell.note ? 'n/a' : '—'}</span> : fmtNum(cell.objective, 3)}
      </span>
      {STAT_COLUMNS.map((s) => {
        const v = cell.stats?.[s] ?? null;
        const caveat = cell.stats ? statCaveat(cell.stats as unknown as StatsRecord, s) : null;
        return (
          <span role="cell" key={s} className={`num ${s.includes('Return') ? signClass(v) : ''}`} title={caveat ?? undefined}>
            {caveat ? 'n/a' : fmtNum(v, s === '# Trades' ? 0 : 2)}
          </span>
        );
      })}
      <span role="cell" className="small">{cell.runId !== null ? <span className="run-saved" title="re-run in full and saved">#{cell.runId}</span> : <span className="dim">run</span>}</span>
    </>
  );
}
