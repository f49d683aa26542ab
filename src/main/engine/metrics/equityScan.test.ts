import { describe, expect, it } from 'vitest';
import { loadSample } from '../../data/candleFiles';
import { runBacktest } from '../backtest';
import { getStrategy } from '../strategies/registry';
import { candleProfile } from './candleProfile';
import { drawdownSummary, maxDrawdown } from './drawdown';
import { scanEquity } from './equityScan';
import { logReturnSlopeOnKnown, slopeFromSums } from './sampleStats';

const HOUR = 3_600_000;

/** scanEquity must agree bit for bit with the bar-by-bar definitions wherever it answers. */
function expectSameAsReference(equity: Float64Array, time: Float64Array, close: Float64Array): void {
  const y = candleProfile(time, close).closeLogReturns();
  const fast = scanEquity(equity, time, y.values);
  const ref = drawdownSummary(equity, time);
  expect(fast).not.toBeNull();
  if (fast === null) return;
  const d = fast.drawdowns;
  expect([d.peak, d.max, d.periodCount, d.meanPeak, d.maxDurationMs, d.meanDurationMs]).toEqual(
    [ref.peak, ref.max, ref.periodCount, ref.meanPeak, ref.maxDurationMs, ref.meanDurationMs],
  );
  expect(Object.is(d.max, maxDrawdown(equity))).toBe(true);
  expect(slopeFromSums(fast.logReturnSum, fast.logReturnProductSum, y.mean, y.squaredDeviations))
    .toBe(logReturnSlopeOnKnown(equity, y.values, y.mean, y.squaredDeviations));
}

function hours(n: number): { time: Float64Array; close: Float64Array } {
  const time = Float64Array.from({ length: n }, (_, i) => i * HOUR);
  const close = Float64Array.from({ length: n }, (_, i) => 100 + 5 * Math.sin(i / 3) + i / 10);
  return { time, close };
}

describe('scanEquity', () => {
  it('equals drawdownSummary and the Beta sums on real backtests (long/short, long only, a dwindling account)', () => {
    const btc = loadSample('BTCUSDT_1h');
    const runs = [
      runBacktest(btc, getStrategy('sma_cross'), {}, { commission: 0.001 }),
      runBacktest(btc, getStrategy('rsi'), {}, { commission: 0.001 }),
      runBacktest(btc, getStrategy('donchian_breakout'), {}, { commission: 0.001 }, { from: 10_000, to: 30_000 }),
      // Reversing every few bars at 2% a fill: the account dwindles to cents.
      runBacktest(btc, getStrategy('sma_cross'), { n1: 1, n2: 2 }, { commission: 0.02 }),
    ];
    for (const r of runs) {
      const time = btc.time.subarray(r.from, r.to);
      const close = btc.close.subarray(r.from, r.to);
      expectSameAsReference(r.equity, time, close);
    }
  });

  it('handles a curve ending under water, a dip on the last bar only, ties with the peak and a bankrupt account (0)', () => {
    const { time, close } = hours(9);
    expectSameAsReference(Float64Array.from([100, 90, 95, 100, 120, 110, 100, 105, 101]), time, close);
    expectSameAsReference(Float64Array.from([100, 90, 100, 100, 110, 110, 120, 121, 119]), time, close);
    expectSameAsReference(Float64Array.from([100, 100, 80, 100, 100, 100, 70, 130, 0]), time, close);
    expectSameAsReference(Float64Array.from([100, 120, 80, 30, 0, 0, 0, 0, 0]), time, close);
  });

  it('leaves to the bar-by-bar definitions what it does not cover (no drawdown period, NaN, negative or zero start)', () => {
    const { time, close } = hours(5);
    const y = candleProfile(time, close).closeLogReturns().values;
    expect(scanEquity(Float64Array.from([100, 100, 100, 100, 100]), time, y)).toBeNull();
    expect(scanEquity(Float64Array.from([100, 101, 102, 103, 104]), time, y)).toBeNull();
    expect(scanEquity(Float64Array.from([100, 90, NaN, 95, 120]), time, y)).toBeNull();
    expect(scanEquity(Float64Array.from([100, 90, -1, 95, 120]), time, y)).toBeNull();
    expect(scanEquity(Float64Array.from([0, 90, 80, 95, 120]), time, y)).toBeNull();
    // Without Beta's sums (the optimizer's summary) the drawdown loop alone finds them.
    expect(scanEquity(Float64Array.from([100, 90, NaN, 95, 120]), time, null)).toBeNull();
    expect(scanEquity(Float64Array.from([100, 90, -1, 95, 120]), time, null)).toBeNull();
    expect(scanEquity(Float64Array.from([100, 90, 95, 120, -1]), time, null)).toBeNull();
    expect(scanEquity(Float64Array.from([100, 90, 95, 120, Infinity]), time, null)).toBeNull();
    expect(scanEquity(Float64Array.from([100, 90, 95, 80, 120]), time, null)?.drawdowns.max).toBe(1 - 80 / 100);
  });
});
