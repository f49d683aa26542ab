import { describe, expect, it } from 'vitest';
import { chooseResampleBase } from './resampleBase';

const H = 3_600_000;
const m1 = { item: '1m', interval: '1m', ranges: [{ fromMs: 100 * H, toMs: 200 * H }] };
const h1 = { item: '1h', interval: '1h', ranges: [{ fromMs: 0, toMs: 90 * H }] };
const m5 = { item: '5m', interval: '5m', ranges: [{ fromMs: 0, toMs: 200 * H }] };

describe('chooseResampleBase', () => {
  it('takes the finest candidate covering the range, not the coarsest', () => {
    expect(chooseResampleBase('1d', [h1, m1], { fromMs: 120 * H, toMs: 144 * H })).toBe('1m');
    expect(chooseResampleBase('1d', [h1, m1, m5], { fromMs: 120 * H, toMs: 144 * H })).toBe('1m');
    expect(chooseResampleBase('1d', [h1, m1, m5], { fromMs: 24 * H, toMs: 48 * H })).toBe('5m');
  });

  it('without a full cover takes the widest overlap, finer on ties', () => {
    expect(chooseResampleBase('1d', [h1, m1], { fromMs: -Infinity, toMs: Infinity })).toBe('1m');
    expect(chooseResampleBase('1d', [h1, { ...m1, ranges: [{ fromMs: 100 * H, toMs: 190 * H }] }], { fromMs: -Infinity, toMs: Infinity })).toBe('1m');
  });

  it('ignores intervals that do not divide the target', () => {
    expect(chooseResampleBase('90m', [h1], { fromMs: 0, toMs: H })).toBeUndefined();
  });

  it('builds calendar months from days and finer, never from weeks', () => {
    const w1 = { item: '1w', interval: '1w', ranges: [{ fromMs: 0, toMs: 200 * H }] };
    const d1 = { item: '1d', interval: '1d', ranges: [{ fromMs: 0, toMs: 100 * H }] };
    expect(chooseResampleBase('1M', [w1, d1], { fromMs: 0, toMs: 200 * H })).toBe('1d');
    expect(chooseResampleBase('1M', [w1], { fromMs: 0, toMs: 200 * H })).toBeUndefined();
  });
});
