import { describe, expect, it } from 'vitest';
import { drawdownPct, toSeries } from './chartData';

describe('chart data', () => {
  it('measures drawdown from the running peak in percent', () => {
    expect(Array.from(drawdownPct([100, 120, 90, 130, 65]))).toEqual([0, 0, -25, 0, -50]);
  });

  it('turns NaN into null so uPlot leaves a gap instead of breaking its scale', () => {
    expect(toSeries([NaN, null, 1.5])).toEqual([null, null, 1.5]);
  });
});
