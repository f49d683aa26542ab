/**
 * Declared indicators shared across an optimizer's runs: the same results as streaming
 * them, and each distinct series computed once.
 */
import { describe, expect, it } from 'vitest';
import { loadSample } from '../../data/candleFiles';
import { runBacktest } from '../backtest';
import type { StrategyDefinition } from '../strategy';
import { getStrategy } from '../strategies/registry';
import { runBacktestSummary } from '../summary';
import { IndicatorCache } from './indicatorCache';

const eth = loadSample('ETHUSDT_1m');
const broker = { commission: 0.001 };

describe('declared indicators with an IndicatorCache', () => {
  const converted: [string, Record<string, number | boolean>][] = [
    ['sma_cross', { n1: 12, n2: 90 }],
    ['ema_cross', { n1: 8, n2: 50, long_only: true }],
    ['rsi', { period: 21, lower: 25, upper: 75 }],
  ];
  for (const [name, params] of converted) {
    it(`${name}: trades and statistics bit-identical with and without the cache (whole series, and a window warming up without trading)`, () => {
      const cache = new IndicatorCache();
      for (const opts of [{}, { from: 10_000, tradeFrom: 12_000, to: 90_000 }]) {
        const plain = runBacktest(eth, getStrategy(name), params, broker, opts);
        const cached = runBacktest(eth, getStrategy(name), params, broker, { ...opts, indicatorCache: cache });
        expect(plain.trades.length).toBeGreaterThan(10);
        expect(cached.trades).toEqual(plain.trades);
        expect(cached.stats).toEqual(plain.stats);
        expect(cached.warmupBars).toBe(plain.warmupBars);
        const summary = runBacktestSummary(eth, getStrategy(name), params, broker, { ...opts, indicatorCache: cache });
        expect(summary.summary['Return [%]']).toBe(plain.stats['Return [%]']);
      }
    });
  }

  it('computes each distinct series once across a grid and across repeated grids', () => {
    const cache = new IndicatorCache();
    const grid = [[10, 20], [10, 40], [20, 40], [20, 80], [40, 80]];
    const run = (): void => {
      for (const [n1, n2] of grid) runBacktestSummary(eth, getStrategy('sma_cross'), { n1, n2 }, broker, { indicatorCache: cache });
    };
    run();
    // SMA periods 10, 20, 40 and 80: four series for ten uses.
    expect(cache.computations).toBe(4);
    run();
    expect(cache.computations).toBe(4);
    // Other bars (another window) are other series.
    runBacktestSummary(eth, getStrategy('sma_cross'), { n1: 10, n2: 20 }, broker, { from: 1, indicatorCache: cache });
    expect(cache.computations).toBe(6);
    expect(cache.bytes).toBe(4 * 8 * eth.length + 2 * 8 * (eth.length - 1));
  });

  it('stays within its byte budget, evicting the least recently used series', () => {
    const oneSeries = 8 * eth.length;
    const cache = new IndicatorCache(2.5 * oneSeries);
    for (const [n1, n2] of [[10, 20], [30, 40]]) runBacktestSummary(eth, getStrategy('sma_cross'), { n1, n2 }, broker, { indicatorCache: cache });
    expect(cache.bytes).toBeLessThanOrEqual(2.5 * oneSeries);
    expect(cache.computations).toBe(4);
    // 30 and 40 are the recent ones: still there.
    runBacktestSummary(eth, getStrategy('sma_cross'), { n1: 30, n2: 40 }, broker, { indicatorCache: cache });
    expect(cache.computations).toBe(4);
    // 10 was evicted: computed again.
    runBacktestSummary(eth, getStrategy('sma_cross'), { n1: 10, n2: 40 }, broker, { indicatorCache: cache });
    expect(cache.computations).toBe(5);
  });

  it('says what is wrong with an undeclared name, a bad declaration, or a cached indicator fed something else than the close', () => {
    const base = { name: 'probe', description: 'test', params: [] };
    const undeclared: StrategyDefinition = { ...base, indicators: () => ({ fast: { indicator: 'sma', params: { period: 3 } } }), create: (_p, ctx) => ({ onBar: () => ctx.indicator('slow').update(1) }) };
    expect(() => runBacktest(eth, undeclared)).toThrow(/ctx.indicator\("slow"\) is not declared.*\(declared: fast\)/);
    const unknown: StrategyDefinition = { ...base, indicators: () => ({ x: { indicator: 'smma', params: {} } }), create: (_p, ctx) => ({ onBar: () => ctx.indicator('x').update(1) }) };
    expect(() => runBacktest(eth, unknown)).toThrow(/indicator "x": unknown indicator "smma"/);
    const barFed: StrategyDefinition = { ...base, indicators: () => ({ atr: { indicator: 'atr', params: {} } }), create: (_p, ctx) => ({ onBar: () => ctx.indicator('atr').update(1) }) };
    expect(() => runBacktest(eth, barFed)).toThrow(/atr is computed from high, low and volume/);
    const misfed: StrategyDefinition = {
      ...base,
      indicators: () => ({ avg: { indicator: 'sma', params: { period: 5 } } }),
      create: (_p, ctx) => {
        const avg = ctx.indicator('avg');
        return { onBar: (bar) => void avg.update(bar.open) };
      },
    };
    expect(() => runBacktest(eth, misfed, {}, {}, { indicatorCache: new IndicatorCache() })).toThrow(/indicator "avg": update\(.*\) at bar 0, but a declared indicator is fed the bar's close/);
  });
});
