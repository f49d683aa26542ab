/**
 * runBacktestSummary, the optimizer's fast path, against runBacktest's full statistics:
 * the same figures to the last bit, on real data, for every built-in strategy.
 */
import { describe, expect, it } from 'vitest';
import { loadSample } from '../data/candleFiles';
import { runBacktest, type BacktestOptions } from './backtest';
import type { BrokerConfig } from './brokerTypes';
import type { Candles } from './candles';
import { inferAnnualization, periodReturns } from './metrics/annualization';
import { builtinStrategies, getStrategy } from './strategies/registry';
import { SUMMARY_STAT_KEYS, runBacktestSummary } from './summary';
import { loadGoog } from '../../../test/support/oracles';

const btc1h = loadSample('BTCUSDT_1h');
const eth1m = loadSample('ETHUSDT_1m');
const goog = loadGoog();

interface Case {
  label: string;
  candles: Candles;
  strategy: string;
  params?: Record<string, number | boolean | string>;
  broker?: Partial<BrokerConfig>;
  opts?: BacktestOptions;
}

const cases: Case[] = [
  ...builtinStrategies.map((s): Case => ({ label: `${s.name} on BTCUSDT 1h`, candles: btc1h, strategy: s.name, broker: { commission: 0.001 } })),
  { label: 'sma_cross 5/60 on ETHUSDT 1m, satoshi steps', candles: eth1m, strategy: 'sma_cross', params: { n1: 5, n2: 60 }, broker: { commission: 0.001, qtyStep: 1e-8 } },
  { label: 'rsi on GOOG daily, whole shares, trade on close', candles: goog, strategy: 'rsi', broker: { cash: 10_000, qtyStep: 1, tradeOnClose: true } },
  { label: 'bollinger_reversion with a stop-loss, warm-up without trading', candles: btc1h, strategy: 'bollinger_reversion', params: { stop_loss_pct: 3 }, opts: { from: 20_000, tradeFrom: 21_000, to: 40_000 } },
  { label: 'ema_cross over a window, risk-free rate 3%', candles: eth1m, strategy: 'ema_cross', opts: { from: 5_000, to: 60_000, riskFreeRate: 0.03 } },
  { label: 'no trade at all (whole-unit steps a small account cannot afford)', candles: btc1h, strategy: 'sma_cross', broker: { cash: 100, qtyStep: 1 } },
];

describe('runBacktestSummary', () => {
  for (const c of cases) {
    it(`equals runBacktest's statistics bit for bit: ${c.label}`, () => {
      const def = getStrategy(c.strategy);
      const full = runBacktest(c.candles, def, c.params, c.broker, c.opts);
      const fast = runBacktestSummary(c.candles, def, c.params, c.broker, c.opts);
      expect(Object.keys(fast.summary).sort()).toEqual([...SUMMARY_STAT_KEYS].sort());
      for (const key of SUMMARY_STAT_KEYS) expect(fast.summary[key], key).toBe(full.stats[key]);
      expect(fast.rejectedOrders).toBe(full.rejectedOrders);
      expect(fast.firstRejection).toBe(full.firstRejection);
      expect(fast.warmupBars).toBe(full.warmupBars);
    });
  }

  it('returns the per-period equity returns Sharpe is computed from, with the time each period closes', () => {
    const def = getStrategy('sma_cross');
    const opts = { from: 1_000, to: 50_000 };
    const full = runBacktest(eth1m, def, {}, { commission: 0.001 }, opts);
    const fast = runBacktestSummary(eth1m, def, {}, { commission: 0.001 }, opts);
    const time = eth1m.time.subarray(opts.from, opts.to);
    const expected = periodReturns(time, full.equity, inferAnnualization(time).bucket);
    expect(expected.length).toBeGreaterThan(20);
    expect(Array.from(fast.periodReturns)).toEqual(expected);
    expect(fast.periodTimes.length).toBe(expected.length);
    // Daily buckets on 1m bars: each period closes on the last minute of a UTC day (or the last bar).
    const day = 86_400_000;
    for (let k = 0; k < fast.periodTimes.length - 1; k++) expect(fast.periodTimes[k] % day).toBe(day - 60_000);
    expect(fast.periodTimes[fast.periodTimes.length - 1]).toBe(time[time.length - 1]);
  });

  it('rejects a bad range the way runBacktest does, naming the function', () => {
    expect(() => runBacktestSummary(btc1h, getStrategy('rsi'), {}, {}, { from: 10, to: 5 })).toThrow(/runBacktestSummary: bar range \[10, 5\)/);
  });
});
