import { describe, expect, it } from 'vitest';
import { Macd } from './macd';
import { assertSeriesClose, closedFormEma, syntheticBars } from './testSupport';

/**
 * MACD as TA-Lib aligns it, from closed-form EMAs: the fast EMA runs on the series
 * without its first slow-fast bars (so it is seeded on the slow seed's last `fast` bars),
 * the signal EMA runs on the MACD line from bar slow-1, and all outputs start at bar
 * slow+signal-2.
 */
function referenceMacd(x: Float64Array, fast: number, slow: number, signal: number) {
  const n = x.length;
  const skip = slow - fast;
  const fastEma = closedFormEma(x.subarray(skip), fast);
  const slowEma = closedFormEma(x, slow);
  const line = new Float64Array(n - (slow - 1));
  for (let i = slow - 1; i < n; i++) line[i - (slow - 1)] = fastEma[i - skip] - slowEma[i];
  const sig = closedFormEma(line, signal);
  const macd = new Float64Array(n).fill(NaN), sgn = new Float64Array(n).fill(NaN), hist = new Float64Array(n).fill(NaN);
  for (let i = slow + signal - 2; i < n; i++) {
    macd[i] = line[i - (slow - 1)];
    sgn[i] = sig[i - (slow - 1)];
    hist[i] = macd[i] - sgn[i];
  }
  return { macd, signal: sgn, hist };
}

function run(m: Macd, x: Float64Array) {
  const n = x.length;
  const macd = new Float64Array(n), signal = new Float64Array(n), hist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    m.update(x[i]);
    macd[i] = m.macd;
    signal[i] = m.signal;
    hist[i] = m.hist;
  }
  return { macd, signal, hist };
}

describe('Macd', () => {
  const close = syntheticBars(400, 9).close;

  it.each([
    [12, 26, 9],
    [5, 10, 4],
    [3, 3, 1],
  ])('matches closed-form EMAs with TA-Lib alignment for (%i, %i, %i)', (fast, slow, signal) => {
    const ours = run(new Macd(fast, slow, signal), close);
    const ref = referenceMacd(close, fast, slow, signal);
    const first = slow + signal - 2;
    for (const k of ['macd', 'signal', 'hist'] as const) {
      // hist is a small difference of two values of price size: compare it on their scale.
      const n = assertSeriesClose(`macd.${k}`, ours[k], ref[k], k === 'hist' ? 1e-9 : 1e-10);
      expect(n).toBe(close.length - first);
    }
  });

  it('swaps fast and slow like TA-Lib when fast > slow', () => {
    const a = run(new Macd(26, 12, 9), close);
    const b = run(new Macd(12, 26, 9), close);
    expect(a.macd).toEqual(b.macd);
    expect(a.signal).toEqual(b.signal);
  });

  it('reset() starts over', () => {
    const m = new Macd();
    const first = run(m, close);
    m.reset();
    expect(m.ready).toBe(false);
    expect(Number.isNaN(m.signal)).toBe(true);
    const second = run(m, close);
    expect(second.hist).toEqual(first.hist);
  });
});
