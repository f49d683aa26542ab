import { describe, expect, it } from 'vitest';
import { Rsi } from './rsi';
import { assertSeriesClose, syntheticBars } from './testSupport';

/**
 * Wilder's RSI through the closed form of its smoothing (no recursion): with r = 1 - 1/p,
 * avg[i] = r^(i-p)·mean(x[1..p]) + Σ_{j=p+1..i} (1/p)·r^(i-j)·x[j], for gains and losses.
 */
function closedFormRsi(close: Float64Array, period: number): Float64Array {
  const n = close.length;
  const gain = new Float64Array(n), loss = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const d = close[i] - close[i - 1];
    gain[i] = Math.max(d, 0);
    loss[i] = Math.max(-d, 0);
  }
  const r = 1 - 1 / period;
  const avg = (x: Float64Array, i: number): number => {
    let seed = 0;
    for (let j = 1; j <= period; j++) seed += x[j];
    let v = r ** (i - period) * (seed / period);
    for (let j = period + 1; j <= i; j++) v += (1 / period) * r ** (i - j) * x[j];
    return v;
  };
  const out = new Float64Array(n).fill(NaN);
  for (let i = period; i < n; i++) {
    const g = avg(gain, i), l = avg(loss, i);
    out[i] = l === 0 ? 100 : 100 - 100 / (1 + g / l);
  }
  return out;
}

function run(period: number, close: ArrayLike<number>): Float64Array {
  const rsi = new Rsi(period);
  return Float64Array.from(close, (x) => rsi.update(x));
}

describe('Rsi', () => {
  const close = syntheticBars(600, 21).close;

  it.each([2, 5, 14])('equals the closed form of Wilder smoothing for period %i, first value at bar `period`', (period) => {
    const n = assertSeriesClose(`rsi${period}`, run(period, close), closedFormRsi(close, period), 1e-9);
    expect(n).toBe(close.length - period);
  });

  it('is 100 when prices only rise or stay flat, 0 when they only fall', () => {
    expect(run(3, [1, 2, 3, 4, 5])[4]).toBe(100);
    expect(run(3, [5, 5, 5, 5, 5])[4]).toBe(100);
    expect(run(3, [5, 4, 3, 2, 1])[4]).toBe(0);
  });

  it('stays within [0, 100] and reset() starts over', () => {
    const rsi = new Rsi(14);
    for (const x of close) {
      const v = rsi.update(x);
      if (rsi.ready) expect(v >= 0 && v <= 100).toBe(true);
    }
    const before = rsi.value;
    rsi.reset();
    expect(rsi.ready).toBe(false);
    const again = Float64Array.from(close, (x) => rsi.update(x));
    expect(again[again.length - 1]).toBe(before);
  });
});
