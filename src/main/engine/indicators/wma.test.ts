import { describe, expect, it } from 'vitest';
import { Wma } from './wma';
import { assertSeriesClose, syntheticBars } from './testSupport';

/** The definition: Σ w·x over the window with weights 1..p (newest p), over p(p+1)/2. */
function naiveWma(x: Float64Array, period: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let i = period - 1; i < x.length; i++) {
    let s = 0;
    for (let w = 1; w <= period; w++) s += w * x[i - period + w];
    out[i] = s / ((period * (period + 1)) / 2);
  }
  return out;
}

describe('Wma', () => {
  it.each([1, 2, 7, 30])('equals the naive weighted mean for period %i, across many exact recomputations', (period) => {
    // 20,000 bars cross the periodic rebuild (every 64 periods) many times.
    const close = syntheticBars(20_000, 5).close;
    const wma = new Wma(period);
    const ours = Float64Array.from(close, (x) => wma.update(x));
    const n = assertSeriesClose(`wma${period}`, ours, naiveWma(close, period), 1e-12);
    expect(n).toBe(close.length - period + 1);
  });

  it('weights the newest bar most, and reset() starts over', () => {
    const wma = new Wma(3);
    wma.update(3);
    wma.update(6);
    expect(wma.ready).toBe(false);
    expect(wma.update(9)).toBe((3 + 12 + 27) / 6);
    expect(wma.update(0)).toBe((6 + 18 + 0) / 6);
    wma.reset();
    expect(Number.isNaN(wma.value)).toBe(true);
    wma.update(1);
    wma.update(1);
    expect(wma.update(1)).toBe(1);
  });
});
