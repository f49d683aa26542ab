import { describe, expect, it } from 'vitest';
import { loadSample } from '../../data/candleFiles';
import { runBacktest } from '../backtest';
import { getStrategy } from '../strategies/registry';
import { countNegative, countPositive, max, mean, min, sampleStd, sumNegative, sumPositive } from './sampleStats';
import { fullTradeSums, summaryTradeSums } from './tradeSums';

/** Each fused sum against the one-figure helper it replaces, compared with Object.is (bit for bit, -0 and NaN included). */
function expectSameAsHelpers(pnl: Float64Array, returns: Float64Array, entryTime: Float64Array, exitTime: Float64Array, commission: Float64Array): void {
  const s = summaryTradeSums(pnl, returns);
  const durations = exitTime.map((t, k) => t - entryTime[k]);
  let commissionSum = 0;
  for (const c of commission) commissionSum += c;
  const f = fullTradeSums(pnl, returns, entryTime, exitTime, commission);
  const pairs: [string, number, number][] = [
    ['wins', s.wins, countPositive(pnl)],
    ['positiveReturnSum', s.positiveReturnSum, sumPositive(returns)],
    ['negativeReturnSum', s.negativeReturnSum, sumNegative(returns)],
    ['pnlMean', s.pnlMean, mean(pnl)],
    ['returnMean', s.returnMean, mean(returns)],
    ['pnlStd', s.pnlStd, sampleStd(pnl)],
    ['losses', f.losses, countNegative(pnl)],
    ['positivePnlSum', f.positivePnlSum, sumPositive(pnl)],
    ['negativePnlSum', f.negativePnlSum, sumNegative(pnl)],
    ['bestReturn', f.bestReturn, max(returns)],
    ['worstReturn', f.worstReturn, min(returns)],
    ['maxDurationMs', f.maxDurationMs, max(durations)],
    ['meanDurationMs', f.meanDurationMs, mean(durations)],
    ['commissionSum', f.commissionSum, commissionSum],
  ];
  for (const [name, fused, helper] of pairs) expect(Object.is(fused, helper), `${name}: ${fused} vs ${helper}`).toBe(true);
}

describe('trade sums in one pass', () => {
  it('equal the one-figure helpers bit for bit on the trades of real backtests', () => {
    const btc = loadSample('BTCUSDT_1h');
    for (const r of [
      runBacktest(btc, getStrategy('sma_cross'), { n1: 5, n2: 15 }, { commission: 0.001 }),
      runBacktest(btc, getStrategy('rsi'), {}, { commission: 0.001 }),
    ]) {
      const col = (f: (t: (typeof r.trades)[number]) => number): Float64Array => Float64Array.from(r.trades, f);
      expect(r.trades.length).toBeGreaterThan(100);
      expectSameAsHelpers(col((t) => t.pnl), col((t) => t.returnPct), col((t) => t.entryTime), col((t) => t.exitTime), col((t) => t.commission));
    }
  });

  it('skip NaN where the helpers skip it, propagate it where they do, and answer NaN for no trades', () => {
    const f = (xs: number[]): Float64Array => Float64Array.from(xs);
    expectSameAsHelpers(f([1, NaN, -2, 0, -0, 3]), f([NaN, 0.1, -0.2, -0, 0, NaN]), f([0, 1, NaN, 3, 4, 5]), f([5, 6, 7, NaN, 9, 10]), f([1, 2, NaN, 4, 5, 6]));
    expectSameAsHelpers(f([NaN]), f([NaN]), f([NaN]), f([NaN]), f([0]));
    expectSameAsHelpers(f([]), f([]), f([]), f([]), f([]));
    expect(summaryTradeSums(f([]), f([])).pnlMean).toBeNaN();
    expect(summaryTradeSums(f([5]), f([0.1])).pnlStd).toBeNaN();
  });
});
