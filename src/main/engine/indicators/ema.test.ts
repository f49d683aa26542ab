import { describe, expect, it } from 'vitest';
import { Ema } from './ema';
import { assertSeriesClose, closedFormEma, syntheticBars } from './testSupport';

describe('Ema', () => {
  const close = syntheticBars(800, 11).close;

  it.each([1, 2, 9, 20, 50])('equals the closed-form EMA seeded with the SMA for period %i', (period) => {
    const ema = new Ema(period);
    const ours = Float64Array.from(close, (x) => ema.update(x));
    const n = assertSeriesClose(`ema${period}`, ours, closedFormEma(close, period), 1e-10);
    expect(n).toBe(close.length - period + 1);
  });

  it('uses alpha = 2 / (period + 1) and reset() starts over', () => {
    const ema = new Ema(3);
    expect(ema.alpha).toBe(0.5);
    [1, 2, 3].forEach((x) => ema.update(x));
    expect(ema.value).toBe(2);
    expect(ema.update(4)).toBe(3);
    ema.reset();
    expect(ema.ready).toBe(false);
    [10, 20].forEach((x) => ema.update(x));
    expect(Number.isNaN(ema.value)).toBe(true);
    expect(ema.update(30)).toBe(20);
    expect(ema.ready).toBe(true);
  });
});
