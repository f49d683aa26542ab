import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/backtestTypes';
import { bestRuns, percentReturn, settingsDiff } from './compareStats';
import { drawdownPct } from '../charts/chartData';

const run = (id: number, stats: RunSummary['stats'], params: RunSummary['params'] = {}, cash = 10_000): RunSummary => ({
  id, createdAt: id, kind: 'backtest', strategy: 'rsi', params, broker: { cash, commission: 0.001 }, dataSource: 'sample:BTCUSDT_1h',
  dataFrom: 0, dataTo: 86_400_000, barCount: 25, dataHash: 'h', stats, label: null, tags: [],
});

describe('comparison marks', () => {
  it('marks the highest return and the shallowest drawdown, ties included', () => {
    const runs = [run(1, { 'Return [%]': 5, 'Max. Drawdown [%]': -10 }), run(2, { 'Return [%]': 7, 'Max. Drawdown [%]': -4 }), run(3, { 'Return [%]': 7, 'Max. Drawdown [%]': -20 })];
    expect(bestRuns(runs, 'Return [%]', 'high')).toEqual([2, 3]);
    expect(bestRuns(runs, 'Max. Drawdown [%]', 'high')).toEqual([2]);
    expect(bestRuns(runs, '# Trades', null)).toEqual([]);
  });

  it('never crowns a degenerate ratio or a missing value', () => {
    const runs = [run(1, { 'Sharpe Ratio': -537_786 }), run(2, { 'Sharpe Ratio': 0.4 }), run(3, { 'Sharpe Ratio': null })];
    expect(bestRuns(runs, 'Sharpe Ratio', 'high')).toEqual([]);
    expect(bestRuns([...runs, run(4, { 'Sharpe Ratio': 1.1 })], 'Sharpe Ratio', 'high')).toEqual([4]);
  });

  it('lists every setting and parameter, marking those that differ', () => {
    const rows = settingsDiff([run(1, {}, { period: 14, lower: 30 }), run(2, {}, { period: 21, lower: 30 }, 5_000)], (ms) => String(ms));
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.period).toEqual({ name: 'period', values: ['14', '21'], differs: true });
    expect(byName.lower.differs).toBe(false);
    expect(byName.cash).toEqual({ name: 'cash', values: ['10000', '5000'], differs: true });
    expect(byName['fee per side'].values).toEqual(['0.1%', '0.1%']);
    expect(byName.strategy.differs).toBe(false);
  });

  it('turns equity into percent return and drawdown below the high so far', () => {
    expect(percentReturn([200, 220, 180])).toEqual([0, 10.000000000000009, -9.999999999999998]);
    expect(Array.from(drawdownPct([100, 120, 90, 130]))).toEqual([0, 0, -25, 0]);
  });
});
