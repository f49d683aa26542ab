import { describe, expect, it } from 'vitest';
import { Adx } from './adx';
import { assertSeriesClose, syntheticBars, type Bars } from './testSupport';

/**
 * A straightforward array-at-a-time ADX from Wilder's definitions, seeded as TA-Lib seeds
 * it (the running sums of +DM, -DM and TR start from bars 1..p-1 and are Wilder-smoothed
 * from bar p; first ADX at 2p-1 is the mean DX of bars p..2p-1). DX is undefined where
 * TR or +DI + -DI is zero; an undefined DX counts 0 in the first mean and leaves ADX unchanged later.
 */
function textbookAdx(b: Bars, p: number) {
  const n = b.length;
  const pdm = new Float64Array(n), mdm = new Float64Array(n), tr = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const up = b.high[i] - b.high[i - 1];
    const down = b.low[i - 1] - b.low[i];
    pdm[i] = up > down && up > 0 ? up : 0;
    mdm[i] = down > up && down > 0 ? down : 0;
    tr[i] = Math.max(b.high[i] - b.low[i], Math.abs(b.high[i] - b.close[i - 1]), Math.abs(b.low[i] - b.close[i - 1]));
  }
  const smooth = (x: Float64Array): Float64Array => {
    const s = new Float64Array(n).fill(NaN);
    let acc = 0;
    for (let i = 1; i < p; i++) acc += x[i];
    for (let i = p; i < n; i++) {
      acc = acc - acc / p + x[i];
      s[i] = acc;
    }
    return s;
  };
  const sp = smooth(pdm), sm = smooth(mdm), st = smooth(tr);
  const plusDi = new Float64Array(n).fill(NaN), minusDi = new Float64Array(n).fill(NaN), dx = new Float64Array(n).fill(NaN);
  for (let i = p; i < n; i++) {
    if (Math.abs(st[i]) < 1e-14) {
      plusDi[i] = plusDi[i - 1];
      minusDi[i] = minusDi[i - 1];
      continue;
    }
    plusDi[i] = (100 * sp[i]) / st[i];
    minusDi[i] = (100 * sm[i]) / st[i];
    const sum = plusDi[i] + minusDi[i];
    if (Math.abs(sum) >= 1e-14) dx[i] = (100 * Math.abs(plusDi[i] - minusDi[i])) / sum;
  }
  const adx = new Float64Array(n).fill(NaN);
  if (n > 2 * p - 1) {
    let first = 0;
    for (let i = p; i <= 2 * p - 1; i++) first += Number.isNaN(dx[i]) ? 0 : dx[i];
    adx[2 * p - 1] = first / p;
    for (let i = 2 * p; i < n; i++) adx[i] = Number.isNaN(dx[i]) ? adx[i - 1] : (adx[i - 1] * (p - 1) + dx[i]) / p;
  }
  // All three outputs are published from the first ADX bar on.
  for (let i = 0; i < Math.min(n, 2 * p - 1); i++) {
    plusDi[i] = NaN;
    minusDi[i] = NaN;
  }
  return { adx, plusDi, minusDi };
}

function run(a: Adx, b: Bars) {
  const n = b.length;
  const adx = new Float64Array(n), plusDi = new Float64Array(n), minusDi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    expect(Object.is(a.update(b.high[i], b.low[i], b.close[i]), a.adx)).toBe(true);
    adx[i] = a.adx;
    plusDi[i] = a.plusDi;
    minusDi[i] = a.minusDi;
  }
  return { adx, plusDi, minusDi };
}

describe('Adx', () => {
  it.each([1, 2, 5, 14, 30])('equals the textbook Wilder ADX, +DI and -DI for period %i', (period) => {
    const b = syntheticBars(3000, 71);
    const ours = run(new Adx(period), b);
    const ref = textbookAdx(b, period);
    for (const k of ['adx', 'plusDi', 'minusDi'] as const) {
      expect(assertSeriesClose(`adx.${k}`, ours[k], ref[k], 1e-9)).toBe(b.length - (2 * period - 1));
    }
  });

  it('stays defined (and 0) when the market starts flat, where DX is undefined', () => {
    const flat = syntheticBars(40, 1);
    flat.high.fill(100);
    flat.low.fill(100);
    flat.close.fill(100);
    const ours = run(new Adx(5), flat);
    const ref = textbookAdx(flat, 5);
    expect(assertSeriesClose('flat adx', ours.adx, ref.adx, 0)).toBe(40 - 9);
    expect(ours.adx[39]).toBe(0);
  });

  it('reads 0..100 and reset() starts over', () => {
    const b = syntheticBars(500, 3);
    const a = new Adx(14);
    const first = run(a, b);
    for (let i = 27; i < b.length; i++) {
      expect(first.adx[i] >= 0 && first.adx[i] <= 100).toBe(true);
    }
    a.reset();
    expect(a.ready).toBe(false);
    expect(Number.isNaN(a.plusDi)).toBe(true);
    expect(run(a, b)).toEqual(first);
  });
});
