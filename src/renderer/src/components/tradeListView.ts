/**
 * Which trades the trade list shows and in what order: filtered by side, outcome and a
 * text match, sorted by any column. Pure, so the rules are tested without a browser.
 */
import type { TradeRecord } from '../../../shared/backtestTypes';

/** A trade with its number in the run (1 = first), which stays with it through sorting. */
export interface NumberedTrade {
  no: number;
  trade: TradeRecord;
}

export type TradeSortKey = 'no' | 'side' | 'entryTime' | 'entryPrice' | 'exitTime' | 'exitPrice' | 'size' | 'pnl' | 'returnPct' | 'commission' | 'exitReason';

export interface TradeSort {
  key: TradeSortKey;
  dir: 'asc' | 'desc';
}

export interface TradeFilter {
  side: 'all' | 'long' | 'short';
  outcome: 'all' | 'win' | 'loss';
  /** Case-insensitive; matched against side, exit reason, tag and the texts shown for the times. */
  text: string;
}

export const NO_FILTER: TradeFilter = { side: 'all', outcome: 'all', text: '' };
export const RUN_ORDER: TradeSort = { key: 'no', dir: 'asc' };

function sortValue(t: NumberedTrade, key: TradeSortKey): number | string {
  return key === 'no' ? t.no : t.trade[key];
}

/** A win is a trade with positive PnL; a loss anything else (a flat trade made nothing). */
export function isWin(t: TradeRecord): boolean {
  return t.pnl > 0;
}

export function tradeRows(trades: readonly TradeRecord[], filter: TradeFilter, sort: TradeSort, timeText: (ms: number) => string): NumberedTrade[] {
  const q = filter.text.trim().toLowerCase();
  const rows: NumberedTrade[] = [];
  trades.forEach((trade, i) => {
    if (filter.side !== 'all' && trade.side !== filter.side) return;
    if (filter.outcome !== 'all' && isWin(trade) !== (filter.outcome === 'win')) return;
    if (q && ![trade.side, trade.exitReason, trade.tag ?? '', timeText(trade.entryTime), timeText(trade.exitTime)].some((s) => s.toLowerCase().includes(q))) return;
    rows.push({ no: i + 1, trade });
  });
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Ties keep run order, so a second click on a column only reverses it.
  rows.sort((a, b) => {
    const va = sortValue(a, sort.key), vb = sortValue(b, sort.key);
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return c !== 0 ? sign * c : a.no - b.no;
  });
  return rows;
}

/** The sort after clicking a column header: ascending first, then the other way. */
export function nextSort(cur: TradeSort, key: TradeSortKey): TradeSort {
  return cur.key === key ? { key, dir: cur.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}
