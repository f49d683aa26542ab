import { describe, expect, it } from 'vitest';
import type { TradeRecord } from '../../../shared/backtestTypes';
import { NO_FILTER, RUN_ORDER, nextSort, tradeRows } from './tradeListView';

function trade(side: 'long' | 'short', pnl: number, entryTime: number, exitReason = 'signal'): TradeRecord {
  return { side, size: 1, entryBar: 0, exitBar: 1, entryTime, exitTime: entryTime + 60_000, entryPrice: 100, exitPrice: 100 + pnl, pnl, returnPct: pnl / 100, commission: 0.1, exitReason };
}

const trades = [trade('long', 5, 3_000), trade('short', -2, 1_000, 'stop-loss'), trade('long', -1, 2_000), trade('short', 7, 4_000, 'take-profit')];
const iso = (ms: number) => new Date(ms).toISOString();

describe('trade list rows', () => {
  it('keep run order and numbers by default', () => {
    expect(tradeRows(trades, NO_FILTER, RUN_ORDER, iso).map((r) => r.no)).toEqual([1, 2, 3, 4]);
  });

  it('sort by a column both ways, each trade keeping its number', () => {
    expect(tradeRows(trades, NO_FILTER, { key: 'pnl', dir: 'asc' }, iso).map((r) => r.no)).toEqual([2, 3, 1, 4]);
    expect(tradeRows(trades, NO_FILTER, { key: 'pnl', dir: 'desc' }, iso).map((r) => r.no)).toEqual([4, 1, 3, 2]);
    expect(tradeRows(trades, NO_FILTER, { key: 'exitReason', dir: 'asc' }, iso).map((r) => r.trade.exitReason)).toEqual(['signal', 'signal', 'stop-loss', 'take-profit']);
  });

  it('filter by side, outcome and text together', () => {
    expect(tradeRows(trades, { ...NO_FILTER, side: 'short' }, RUN_ORDER, iso).map((r) => r.no)).toEqual([2, 4]);
    expect(tradeRows(trades, { ...NO_FILTER, outcome: 'loss' }, RUN_ORDER, iso).map((r) => r.no)).toEqual([2, 3]);
    expect(tradeRows(trades, { side: 'long', outcome: 'win', text: '' }, RUN_ORDER, iso).map((r) => r.no)).toEqual([1]);
    expect(tradeRows(trades, { ...NO_FILTER, text: 'STOP' }, RUN_ORDER, iso).map((r) => r.no)).toEqual([2]);
  });

  it('toggle a column between ascending and descending, a new column starting ascending', () => {
    expect(nextSort(RUN_ORDER, 'pnl')).toEqual({ key: 'pnl', dir: 'asc' });
    expect(nextSort({ key: 'pnl', dir: 'asc' }, 'pnl')).toEqual({ key: 'pnl', dir: 'desc' });
  });
});
