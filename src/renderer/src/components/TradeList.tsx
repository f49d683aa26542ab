/**
 * The run's trades, coloured by outcome: sortable by any column (click its header),
 * filtered by side, outcome and text; clicking a trade (or Enter on it) centres the
 * chart on it.
 */
import { useMemo, useState } from 'react';
import type { TradeRecord } from '../../../shared/backtestTypes';
import { fmtDate, fmtNum, signClass, tzLabel } from '../format';
import { fmtPrice } from '../charts/theme';
import { runXRange } from '../charts/xRangeLink';
import { NO_FILTER, RUN_ORDER, nextSort, tradeRows, type TradeFilter, type TradeSort, type TradeSortKey } from './tradeListView';

const COLUMNS: { key: TradeSortKey; label: () => string; num?: boolean }[] = [
  { key: 'no', label: () => '#' },
  { key: 'side', label: () => 'Side' },
  { key: 'entryTime', label: () => `Entry (${tzLabel()})` },
  { key: 'entryPrice', label: () => 'Entry px', num: true },
  { key: 'exitTime', label: () => `Exit (${tzLabel()})` },
  { key: 'exitPrice', label: () => 'Exit px', num: true },
  { key: 'size', label: () => 'Size', num: true },
  { key: 'pnl', label: () => 'PnL', num: true },
  { key: 'returnPct', label: () => 'Return %', num: true },
  { key: 'commission', label: () => 'Fees', num: true },
  { key: 'exitReason', label: () => 'Exit reason' },
];

/** Shows the trade on the chart: entry to exit with room either side, every pane following. */
function centreOn(t: TradeRecord): void {
  runXRange.focus(t.entryTime / 1000, t.exitTime / 1000);
}

export function TradeList({ trades }: { trades: readonly TradeRecord[] }) {
  const [sort, setSort] = useState<TradeSort>(RUN_ORDER);
  const [filter, setFilter] = useState<TradeFilter>(NO_FILTER);
  const [selected, setSelected] = useState<number | null>(null);
  const rows = useMemo(() => tradeRows(trades, filter, sort, fmtDate), [trades, filter, sort]);
  if (trades.length === 0) return <p className="empty">No trades in this run.</p>;

  const open = (no: number, t: TradeRecord) => {
    setSelected(no);
    centreOn(t);
  };
  return (
    <div className="table-wrap">
      <div className="trade-filters" role="group" aria-label="filter trades">
        <select aria-label="side" value={filter.side} onChange={(e) => setFilter({ ...filter, side: e.target.value as TradeFilter['side'] })}>
          <option value="all">long and short</option>
          <option value="long">long</option>
          <option value="short">short</option>
        </select>
        <select aria-label="outcome" value={filter.outcome} onChange={(e) => setFilter({ ...filter, outcome: e.target.value as TradeFilter['outcome'] })}>
          <option value="all">wins and losses</option>
          <option value="win">wins</option>
          <option value="loss">losses</option>
        </select>
        <input type="search" aria-label="search trades" placeholder="search: exit reason, date…" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
        <span className="dim small" data-testid="trade-count">
          {rows.length === trades.length ? `${trades.length} trades` : `${rows.length} of ${trades.length} trades`} · click one to show it on the chart
        </span>
      </div>
      <table className="grid trade-list" data-testid="trade-list">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} className={c.num ? 'num' : undefined} aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className="th-sort" onClick={() => setSort(nextSort(sort, c.key))}>
                  {c.label()}
                  {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ no, trade: t }) => (
            <tr
              key={no}
              tabIndex={0}
              aria-selected={selected === no}
              className={selected === no ? 'selected' : undefined}
              data-testid={`trade-${no}`}
              onClick={() => open(no, t)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') open(no, t);
              }}
            >
              <td className="dim">{no}</td>
              <td className={t.side === 'long' ? 'pos' : 'neg'}>{t.side}</td>
              <td>{fmtDate(t.entryTime)}</td>
              <td className="num">{fmtPrice(t.entryPrice)}</td>
              <td>{fmtDate(t.exitTime)}</td>
              <td className="num">{fmtPrice(t.exitPrice)}</td>
              <td className="num">{fmtNum(t.size, 6)}</td>
              <td className={`num ${signClass(t.pnl)}`}>{fmtNum(t.pnl)}</td>
              {/* returnPct is a fraction (backtesting.py's ReturnPct); the column is in percent. */}
              <td className={`num ${signClass(t.returnPct)}`}>{fmtNum(t.returnPct * 100)}</td>
              <td className="num dim">{fmtNum(t.commission)}</td>
              <td className="dim">{t.exitReason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="empty">No trade matches these filters.</p> : null}
    </div>
  );
}
