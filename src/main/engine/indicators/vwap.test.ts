import { describe, expect, it } from 'vitest';
import { Vwap } from './vwap';
import { assertSeriesClose, syntheticBars, type Bars } from './testSupport';

/** The definition: Σ tp·v / Σ v over the window (or since bar 0), NaN when Σ v = 0. */
function naiveVwap(b: Bars, period: number): Float64Array {
  const out = new Float64Array(b.length).fill(NaN);
  for (let i = 0; i < b.length; i++) {
    if (period > 0 && i < period - 1) continue;
    const from = period > 0 ? i - period + 1 : 0;
    let pv = 0, v = 0;
    for (let j = from; j <= i; j++) {
      pv += ((b.high[j] + b.low[j] + b.close[j]) / 3) * b.volume[j];
      v += b.volume[j];
    }
    if (v > 0) out[i] = pv / v;
  }
  return out;
}

function run(vw: Vwap, b: Bars): Float64Array {
  return Float64Array.from({ length: b.length }, (_, i) => vw.update(b.high[i], b.low[i], b.close[i], b.volume[i]));
}

describe('Vwap', () => {
  const bars = syntheticBars(2500, 61);

  it.each([1, 5, 20, 60])('equals the naive rolling definition for period %i, NaN over volume-less windows', (period) => {
    const ours = run(new Vwap(period), bars);
    const ref = naiveVwap(bars, period);
    expect(assertSeriesClose(`vwap${period}`, ours, ref, 1e-10)).toBeGreaterThan(bars.length * 0.9);
    if (period <= 40) {
      // Bars 100..139 of the synthetic series are flat with no volume.
      expect(Number.isNaN(ours[139])).toBe(true);
    }
  });

  it('is cumulative from the first bar without a period (or with period 0)', () => {
    const ref = naiveVwap(bars, 0);
    expect(assertSeriesClose('vwap', run(new Vwap(), bars), ref, 1e-10)).toBeGreaterThan(bars.length - 5);
    expect(run(new Vwap(0), bars)).toEqual(run(new Vwap(), bars));
  });

  it('reset() starts over', () => {
    const vw = new Vwap(2);
    vw.update(12, 8, 10, 100);
    expect(vw.update(24, 16, 20, 300)).toBe(17.5);
    vw.reset();
    expect(vw.ready).toBe(false);
    expect(Number.isNaN(vw.update(3, 3, 3, 1))).toBe(true);
    expect(vw.update(6, 6, 6, 1)).toBe(4.5);
  });

  it('rejects a negative or fractional period', () => {
    expect(() => new Vwap(-1)).toThrow(/Vwap: period/);
    expect(() => new Vwap(1.5)).toThrow(/Vwap: period/);
  });
});
