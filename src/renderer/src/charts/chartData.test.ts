import { describe, expect, it } from 'vitest';
import { drawdownPct, toSeries } from './chartData';

describe('chart data', () => {
  it('measures drawdown from the running peak in percent', () => {
    expect(Array.from(drawdownPct([100, 120, 90, 130, 65]))).toEqual([0, 0, -25, 0, -50]);
  });

  it('writes the drawdown into a buffer it is lent when that is long enough, and into a new array when not', () => {
    const lent = new Float64Array(8).fill(7);
    const dd = drawdownPct([100, 120, 90, 130, 65], lent);
    expect(dd.buffer).toBe(lent.buffer);
    expect(Array.from(dd)).toEqual([0, 0, -25, 0, -50]);
    const short = new Float64Array(2);
    expect(drawdownPct([100, 50, 100], short).buffer).not.toBe(short.buffer);
  });

  it('turns NaN into null so uPlot leaves a gap instead of breaking its scale', () => {
    expect(toSeries([NaN, null, 1.5])).toEqual([null, null, 1.5]);
  });
});
