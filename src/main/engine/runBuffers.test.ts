import { describe, expect, it } from 'vitest';
import { loadSample } from '../data/candleFiles';
import { runBacktest } from './backtest';
import { RunBuffers } from './runBuffers';
import { getStrategy } from './strategies/registry';
import { runBacktestSummary } from './summary';

describe('RunBuffers (memory lent to runs one after another)', () => {
  const btc = loadSample('BTCUSDT_1h');
  const smaCross = getStrategy('sma_cross');
  const broker = { commission: 0.001 };

  it('gives the same trades, equity and statistics as a run with memory of its own, run after run', () => {
    const buffers = new RunBuffers();
    // Busy parameters first (thousands of trades, several chunks), then quieter ones that
    // reuse the same chunks and must not see the first run's leftovers.
    for (const params of [{ n1: 2, n2: 5 }, { n1: 20, n2: 60 }, { n1: 2, n2: 5 }]) {
      const own = runBacktest(btc, smaCross, params, broker);
      const lent = runBacktest(btc, smaCross, params, broker, { buffers });
      expect(lent.trades.length).toBeGreaterThan(100);
      expect(lent.trades).toEqual(own.trades);
      expect(Array.from(lent.equity)).toEqual(Array.from(own.equity));
      expect(lent.stats).toEqual(own.stats);
      const summary = runBacktestSummary(btc, smaCross, params, broker, { buffers });
      expect(summary.summary['Return [%]']).toBe(own.stats['Return [%]']);
    }
  });

  it('says so when the trades of a result are read after a later run overwrote them', () => {
    const buffers = new RunBuffers();
    const first = runBacktest(btc, smaCross, { n1: 5, n2: 15 }, broker, { buffers });
    runBacktest(btc, smaCross, { n1: 10, n2: 30 }, broker, { buffers });
    expect(() => first.trades).toThrow(/overwritten: a later run was given the same RunBuffers/);
  });

  it('keeps the trades a result built before the next run', () => {
    const buffers = new RunBuffers();
    const first = runBacktest(btc, smaCross, { n1: 5, n2: 15 }, broker, { buffers });
    const trades = first.trades;
    runBacktest(btc, smaCross, { n1: 10, n2: 30 }, broker, { buffers });
    expect(first.trades).toBe(trades);
    expect(trades).toEqual(runBacktest(btc, smaCross, { n1: 5, n2: 15 }, broker).trades);
  });
});
