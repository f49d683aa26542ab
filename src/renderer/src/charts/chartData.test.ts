import { describe, expect, it } from 'vitest';
import { aggregateOhlc, drawdownPct, toSeries } from './chartData';

const bars = {
  open: Float64Array.from([10, 11, 12, 13, 14]),
  high: Float64Array.from([12, 15, 13, 14, 20]),
  low: Float64Array.from([9, 10, 8, 12, 13]),
  close: Float64Array.from([11, 12, 13, 14, 19]),
};

describe('chart data', () => {
  it('merges bars into buckets: first open, highest high, lowest low, last close', () => {
    expect(aggregateOhlc(bars, 0, 4, 2)).toEqual([
      { from: 0, to: 1, open: 10, high: 15, low: 9, close: 12 },
      { from: 2, to: 3, open: 12, high: 14, low: 8, close: 14 },
      { from: 4, to: 4, open: 14, high: 20, low: 13, close: 19 },
    ]);
  });

  it('keeps every bar when one bar per bucket fits', () => {
    expect(aggregateOhlc(bars, 1, 3, 1).map((b) => b.high)).toEqual([15, 13, 14]);
  });

  it('measures drawdown from the running peak in percent', () => {
    expect(Array.from(drawdownPct([100, 120, 90, 130, 65]))).toEqual([0, 0, -25, 0, -50]);
  });

  it('turns NaN into null so uPlot leaves a gap instead of breaking its scale', () => {
    expect(toSeries([NaN, null, 1.5])).toEqual([null, null, 1.5]);
  });
});
