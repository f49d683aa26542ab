import { describe, expect, it } from 'vitest';
import { Obv } from './obv';
import { syntheticBars } from './testSupport';

describe('Obv', () => {
  it('adds volume on an up close, subtracts it on a down close, keeps it on an equal close', () => {
    const b = syntheticBars(2000, 51);
    // By definition, starting from the first bar's volume (TA-Lib's convention).
    const expected = new Float64Array(b.length);
    expected[0] = b.volume[0];
    for (let i = 1; i < b.length; i++) {
      expected[i] = expected[i - 1] + Math.sign(b.close[i] - b.close[i - 1]) * b.volume[i];
    }
    const obv = new Obv();
    const ours = new Float64Array(b.length);
    for (let i = 0; i < b.length; i++) ours[i] = obv.update(b.high[i], b.low[i], b.close[i], b.volume[i]);
    expect(ours).toEqual(expected);
    expect(obv.value).toBe(expected[b.length - 1]);
  });

  it('is ready from the first bar, and reset() starts over', () => {
    const obv = new Obv();
    expect(obv.ready).toBe(false);
    expect(obv.update(11, 9, 10, 500)).toBe(500);
    expect(obv.ready).toBe(true);
    expect(obv.update(11, 9, 9, 200)).toBe(300);
    obv.reset();
    expect(obv.ready).toBe(false);
    expect(obv.update(11, 9, 10, 7)).toBe(7);
  });
});
