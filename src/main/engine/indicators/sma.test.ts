import { describe, expect, it } from 'vitest';
import { loadSample } from '../../data/candleFiles';
import { CompensatedSum } from './compensatedSum';
import { Sma } from './sma';
import { assertSeriesClose, syntheticBars } from './testSupport';

/** The definition: mean of the last `period` values, NaN before `period` values. */
function naiveSma(x: Float64Array, period: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let i = period - 1; i < x.length; i++) {
    let s = 0;
    for (let j = i - period + 1; j <= i; j++) s += x[j];
    out[i] = s / period;
  }
  return out;
}

function stream(sma: Sma, x: Float64Array): Float64Array {
  return Float64Array.from(x, (v) => sma.update(v));
}

describe('Sma', () => {
  const bars = syntheticBars(3000, 7);

  it.each([1, 2, 5, 20, 200])('equals the plain window mean for period %i', (period) => {
    const n = assertSeriesClose(`sma${period}`, stream(new Sma(period), bars.close), naiveSma(bars.close, period), 1e-12);
    expect(n).toBe(bars.length - period + 1);
  });

  it('does not drift over two million bars of a high-priced series', () => {
    // BTC-like level and tick-sized moves: a plain running sum loses digits here.
    const long = syntheticBars(2_000_000, 3, 60_000, 0.0005).close;
    const sma = new Sma(50);
    let last = NaN;
    for (let i = 0; i < long.length; i++) last = sma.update(long[i]);
    const exact = naiveSma(long.subarray(long.length - 50), 50)[49];
    // A plain running sum is off by ~2e-14 here; the compensated one by about one rounding.
    expect(Math.abs(last - exact) / exact).toBeLessThan(2e-15);
  });

  it('gives the bits of a compensated sum that takes the leaving value out only once the window is full', () => {
    // The reference: CompensatedSum, subtracting nothing during the warm-up. Sma takes out
    // the window's initial zeros as well (one branch fewer per bar); that must change no bit.
    const close = loadSample('BTCUSDT_1m').close.subarray(0, 50_000);
    for (const period of [1, 2, 10, 20, 240]) {
      const sma = new Sma(period);
      const sum = new CompensatedSum();
      const window: number[] = [];
      for (let i = 0; i < close.length; i++) {
        // A NaN now and then is skipped by both (not consumed).
        const x = i % 997 === 5 ? NaN : close[i];
        const got = sma.update(x);
        if (!Number.isNaN(x)) {
          sum.add(x);
          window.push(x);
          if (window.length > period) sum.add(-(window.shift() as number));
        }
        const want = window.length === period ? sum.value / period : NaN;
        if (!Object.is(got, want)) expect.fail(`period ${period}, bar ${i}: ${got} !== ${want}`);
      }
    }
  });

  it('exposes value and ready, and reset() starts over', () => {
    const sma = new Sma(3);
    expect(sma.ready).toBe(false);
    sma.update(1);
    sma.update(2);
    expect(Number.isNaN(sma.value)).toBe(true);
    expect(sma.update(6)).toBe(3);
    expect(sma.value).toBe(3);
    expect(sma.ready).toBe(true);
    sma.reset();
    expect(sma.ready).toBe(false);
    expect(Number.isNaN(sma.update(10))).toBe(true);
    sma.update(20);
    expect(sma.update(30)).toBe(20);
  });

  it('rejects a period that is not a positive integer', () => {
    expect(() => new Sma(0)).toThrow(/Sma: period must be an integer >= 1 \(got 0\)/);
    expect(() => new Sma(2.5)).toThrow(/period/);
    expect(() => new Sma(Number.NaN)).toThrow(/period/);
  });
});
