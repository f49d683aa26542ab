import { describe, expect, it } from 'vitest';
import { Donchian } from './donchian';
import { syntheticBars } from './testSupport';

/** The definition, O(n·period): scan each window for its highest high and lowest low. */
function naiveDonchian(high: Float64Array, low: Float64Array, period: number) {
  const n = high.length;
  const upper = new Float64Array(n).fill(NaN), lower = new Float64Array(n).fill(NaN), middle = new Float64Array(n).fill(NaN);
  for (let i = period - 1; i < n; i++) {
    let hh = -Infinity, ll = Infinity;
    for (let j = i - period + 1; j <= i; j++) {
      hh = Math.max(hh, high[j]);
      ll = Math.min(ll, low[j]);
    }
    upper[i] = hh;
    lower[i] = ll;
    middle[i] = (hh + ll) / 2;
  }
  return { upper, lower, middle };
}

function run(dc: Donchian, high: Float64Array, low: Float64Array) {
  const n = high.length;
  const upper = new Float64Array(n), lower = new Float64Array(n), middle = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    expect(Object.is(dc.update(high[i], low[i]), dc.middle)).toBe(true);
    upper[i] = dc.upper;
    lower[i] = dc.lower;
    middle[i] = dc.middle;
  }
  return { upper, lower, middle };
}

describe('Donchian', () => {
  it.each([1, 2, 3, 20, 55])('equals the naive window scan exactly for period %i', (period) => {
    const b = syntheticBars(3000, 41);
    expect(run(new Donchian(period), b.high, b.low)).toEqual(naiveDonchian(b.high, b.low, period));
  });

  it('handles monotone runs (the deque worst cases) and repeated extremes', () => {
    const n = 200;
    const up = Float64Array.from({ length: n }, (_, i) => i + 1);
    const down = Float64Array.from({ length: n }, (_, i) => n - i);
    const saw = Float64Array.from({ length: n }, (_, i) => (i % 7 < 4 ? 10 : 5));
    for (const [high, low] of [[up, up], [down, down], [saw, saw], [up, down]] as const) {
      expect(run(new Donchian(9), high, low)).toEqual(naiveDonchian(high, low, 9));
    }
  });

  it('reset() starts over', () => {
    const dc = new Donchian(2);
    dc.update(100, 1);
    dc.update(50, 40);
    expect(dc.upper).toBe(100);
    dc.reset();
    expect(dc.ready).toBe(false);
    expect(Number.isNaN(dc.update(10, 8))).toBe(true);
    expect(dc.update(12, 9)).toBe(10);
    expect([dc.upper, dc.lower]).toEqual([12, 8]);
  });
});
