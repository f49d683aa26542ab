import { describe, expect, it } from 'vitest';
import { Stochastic } from './stochastic';
import { assertSeriesClose, syntheticBars, type Bars } from './testSupport';

/** The definition, O(n·period): window max/min by scan, then two plain moving means. */
function naiveStochastic(b: Bars, kPeriod: number, kSmooth: number, dPeriod: number) {
  const n = b.length;
  const raw = new Float64Array(n).fill(NaN);
  for (let i = kPeriod - 1; i < n; i++) {
    let hh = -Infinity, ll = Infinity;
    for (let j = i - kPeriod + 1; j <= i; j++) {
      hh = Math.max(hh, b.high[j]);
      ll = Math.min(ll, b.low[j]);
    }
    raw[i] = hh === ll ? 0 : (100 * (b.close[i] - ll)) / (hh - ll);
  }
  const mean = (x: Float64Array, i: number, p: number): number => {
    let s = 0;
    for (let j = i - p + 1; j <= i; j++) s += x[j];
    return s / p;
  };
  const k = new Float64Array(n).fill(NaN);
  for (let i = kPeriod + kSmooth - 2; i < n; i++) k[i] = mean(raw, i, kSmooth);
  const first = kPeriod + kSmooth + dPeriod - 3;
  const outK = new Float64Array(n).fill(NaN), outD = new Float64Array(n).fill(NaN);
  for (let i = first; i < n; i++) {
    outK[i] = k[i];
    outD[i] = mean(k, i, dPeriod);
  }
  return { k: outK, d: outD };
}

describe('Stochastic', () => {
  const bars = syntheticBars(3000, 31);

  it.each([
    [14, 3, 3],
    [5, 1, 1],
    [1, 2, 4],
    [30, 5, 2],
  ])('equals the naive window max/min definition for (%i, %i, %i), both outputs from the same bar', (kp, ks, dp) => {
    const st = new Stochastic(kp, ks, dp);
    const k = new Float64Array(bars.length), d = new Float64Array(bars.length);
    for (let i = 0; i < bars.length; i++) {
      expect(Object.is(st.update(bars.high[i], bars.low[i], bars.close[i]), st.k)).toBe(true);
      k[i] = st.k;
      d[i] = st.d;
    }
    const ref = naiveStochastic(bars, kp, ks, dp);
    const defined = bars.length - (kp + ks + dp - 3);
    expect(assertSeriesClose('stoch.k', k, ref.k, 1e-9)).toBe(defined);
    expect(assertSeriesClose('stoch.d', d, ref.d, 1e-9)).toBe(defined);
  });

  it('is 0 on a window with no range (as TA-Lib) and reset() starts over', () => {
    const st = new Stochastic(3, 1, 1);
    for (let i = 0; i < 5; i++) st.update(10, 10, 10);
    expect(st.k).toBe(0);
    st.update(12, 10, 12);
    expect(st.k).toBe(100);
    st.reset();
    expect(st.ready).toBe(false);
    st.update(5, 1, 3);
    st.update(5, 1, 3);
    expect(st.update(5, 1, 2)).toBe(25);
  });
});
