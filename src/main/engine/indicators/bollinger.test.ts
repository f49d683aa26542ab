import { describe, expect, it } from 'vitest';
import { Bollinger } from './bollinger';
import { assertSeriesClose, syntheticBars } from './testSupport';

/** The definition: two-pass mean and population standard deviation of each window. */
function naiveBands(x: Float64Array, period: number, k: number) {
  const n = x.length;
  const upper = new Float64Array(n).fill(NaN), middle = new Float64Array(n).fill(NaN), lower = new Float64Array(n).fill(NaN);
  const width = new Float64Array(n).fill(NaN);
  for (let i = period - 1; i < n; i++) {
    let s = 0;
    for (let j = i - period + 1; j <= i; j++) s += x[j];
    const mean = s / period;
    let ss = 0;
    for (let j = i - period + 1; j <= i; j++) ss += (x[j] - mean) ** 2;
    const sd = Math.sqrt(ss / period);
    middle[i] = mean;
    upper[i] = mean + k * sd;
    lower[i] = mean - k * sd;
    width[i] = k * sd;
  }
  return { upper, middle, lower, width };
}

function run(b: Bollinger, x: Float64Array) {
  const n = x.length;
  const upper = new Float64Array(n), middle = new Float64Array(n), lower = new Float64Array(n), width = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const mid = b.update(x[i]);
    expect(Object.is(mid, b.middle)).toBe(true);
    upper[i] = b.upper;
    middle[i] = b.middle;
    lower[i] = b.lower;
    width[i] = b.upper - b.middle;
  }
  return { upper, middle, lower, width };
}

describe('Bollinger', () => {
  it.each([
    [1, 2],
    [5, 1.5],
    [20, 2],
  ])('equals the two-pass mean ± k·population std for period %i, k %f', (period, k) => {
    const close = syntheticBars(3000, 13).close;
    const ours = run(new Bollinger(period, k), close);
    const ref = naiveBands(close, period, k);
    for (const key of ['upper', 'middle', 'lower'] as const) {
      expect(assertSeriesClose(`bb.${key}`, ours[key], ref[key], 1e-12)).toBe(close.length - period + 1);
    }
  });

  it('keeps the band width accurate for a high price with a tiny spread over a long run', () => {
    // BTC near 60,000 moving by cents: sum(x²)/n - mean² would lose ~8 digits of the variance.
    const close = syntheticBars(300_000, 17, 60_000, 2e-6).close;
    const ours = run(new Bollinger(20, 2), close);
    const ref = naiveBands(close, 20, 2);
    // Compare the width itself (relative to its own size), not the bands at price level.
    let worst = 0;
    let flatWindows = 0;
    for (let i = 19; i < close.length; i++) {
      const window = close.subarray(i - 19, i + 1);
      if (Math.min(...window) === Math.max(...window)) {
        // A constant window has no spread at all (the naive mean may miss it by an ulp).
        expect(ours.width[i]).toBe(0);
        flatWindows++;
        continue;
      }
      worst = Math.max(worst, Math.abs(ours.width[i] - ref.width[i]) / ref.width[i]);
    }
    expect(flatWindows).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-8);
  });

  it('collapses to the price on a constant series, and reset() starts over', () => {
    const b = new Bollinger(4, 2);
    for (let i = 0; i < 100; i++) b.update(123.45);
    expect(b.upper).toBe(123.45);
    expect(b.lower).toBe(123.45);
    b.reset();
    expect(b.ready).toBe(false);
    expect(Number.isNaN(b.upper)).toBe(true);
    [1, 2, 3].forEach((x) => b.update(x));
    expect(b.update(4)).toBe(2.5);
  });

  it('rejects a negative or non-finite k', () => {
    expect(() => new Bollinger(20, -1)).toThrow(/Bollinger: k must be a finite number >= 0/);
    expect(() => new Bollinger(20, Number.POSITIVE_INFINITY)).toThrow(/k/);
  });
});
