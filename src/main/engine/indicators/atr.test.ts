import { describe, expect, it } from 'vitest';
import { Atr } from './atr';
import { assertSeriesClose, syntheticBars } from './testSupport';

/** Wilder's ATR from its closed form: r = 1 - 1/p, atr[i] = r^(i-p)·mean(tr[1..p]) + Σ_{j=p+1..i} (1/p)·r^(i-j)·tr[j]. */
function closedFormAtr(high: Float64Array, low: Float64Array, close: Float64Array, p: number): Float64Array {
  const n = close.length;
  const tr = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    tr[i] = Math.max(high[i] - low[i], Math.abs(high[i] - close[i - 1]), Math.abs(low[i] - close[i - 1]));
  }
  const r = 1 - 1 / p;
  const out = new Float64Array(n).fill(NaN);
  let seed = 0;
  for (let j = 1; j <= p && j < n; j++) seed += tr[j];
  for (let i = p; i < n; i++) {
    let v = r ** (i - p) * (seed / p);
    for (let j = p + 1; j <= i; j++) v += (1 / p) * r ** (i - j) * tr[j];
    out[i] = v;
  }
  return out;
}

describe('Atr', () => {
  it.each([1, 3, 14])('equals the closed form of Wilder smoothing of the true range for period %i', (period) => {
    const b = syntheticBars(500, 101);
    const atr = new Atr(period);
    const ours = Float64Array.from({ length: b.length }, (_, i) => atr.update(b.high[i], b.low[i], b.close[i]));
    expect(assertSeriesClose(`atr${period}`, ours, closedFormAtr(b.high, b.low, b.close, period), 1e-10)).toBe(b.length - period);
  });

  it('counts gaps from the previous close in the true range, and reset() starts over', () => {
    const atr = new Atr(2);
    atr.update(11, 9, 10);
    atr.update(15, 14, 14.5); // gap up: TR = 15 - 10 = 5 (the bar's own range is 1)
    expect(atr.update(14, 12, 13)).toBe((5 + 2.5) / 2); // TR = max(2, |14 - 14.5|, |12 - 14.5|) = 2.5
    atr.reset();
    expect(atr.ready).toBe(false);
    atr.update(11, 9, 10);
    atr.update(11, 9, 10);
    expect(atr.update(11, 9, 10)).toBe(2);
  });
});
