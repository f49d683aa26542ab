import { describe, expect, it } from 'vitest';
import { OhlcBuckets } from './ohlcBuckets';
import { OhlcIndex } from './ohlcIndex';
import { BlockExtremes } from './blockExtremes';

const bars = {
  open: Float64Array.from([10, 11, 12, 13, 14]),
  high: Float64Array.from([12, 15, 13, 14, 20]),
  low: Float64Array.from([9, 10, 8, 12, 13]),
  close: Float64Array.from([11, 12, 13, 14, 19]),
  volume: Float64Array.from([1, 2, 3, 4, 5]),
};

function rows(b: OhlcBuckets): { from: number; to: number; open: number; high: number; low: number; close: number; volume: number }[] {
  return Array.from({ length: b.count }, (_, k) => ({ from: b.from[k], to: b.to[k], open: b.open[k], high: b.high[k], low: b.low[k], close: b.close[k], volume: b.volume[k] }));
}

/** A random walk long enough to span many index blocks. */
function walk(n: number): typeof bars {
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const c = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p += rnd() - 0.5;
    c.open[i] = o;
    c.close[i] = p;
    c.high[i] = Math.max(o, p) + rnd();
    c.low[i] = Math.min(o, p) - rnd();
    c.volume[i] = rnd() * 10;
  }
  return c;
}

describe('candle buckets', () => {
  it('merge bars: first open, highest high, lowest low, last close, summed volume', () => {
    const b = new OhlcBuckets();
    b.fill(bars, 0, 4, 2);
    expect(rows(b)).toEqual([
      { from: 0, to: 1, open: 10, high: 15, low: 9, close: 12, volume: 3 },
      { from: 2, to: 3, open: 12, high: 14, low: 8, close: 14, volume: 7 },
      { from: 4, to: 4, open: 14, high: 20, low: 13, close: 19, volume: 5 },
    ]);
  });

  it('keep every bar when one bar per bucket fits', () => {
    const b = new OhlcBuckets();
    b.fill(bars, 1, 3, 1);
    expect(rows(b).map((r) => r.high)).toEqual([15, 13, 14]);
  });

  it('give the same candles through the block index as bar by bar, whatever the range and bucket size', () => {
    const c = walk(5000);
    const index = new OhlcIndex(c);
    for (const [i0, i1, per] of [[0, 4999, 37], [63, 64, 2], [1, 4000, 500], [100, 163, 64], [17, 4999, 1000], [5, 9, 3]] as const) {
      const plain = new OhlcBuckets(), fast = new OhlcBuckets();
      plain.fill(c, i0, i1, per);
      fast.fill(c, i0, i1, per, index);
      const a = rows(plain), b = rows(fast);
      expect(b.length).toBe(a.length);
      for (let k = 0; k < a.length; k++) {
        expect(b[k].high).toBe(a[k].high);
        expect(b[k].low).toBe(a[k].low);
        expect(b[k].volume).toBeCloseTo(a[k].volume, 6);
      }
    }
  });

  it('reuse their arrays from one frame to the next instead of allocating', () => {
    const c = walk(2000);
    const b = new OhlcBuckets();
    b.fill(c, 0, 1999, 10);
    const arrays = [b.from, b.open, b.high, b.low, b.close, b.volume];
    b.fill(c, 500, 1499, 5);
    b.fill(c, 0, 999, 20);
    expect([b.from, b.open, b.high, b.low, b.close, b.volume]).toEqual(arrays);
    expect([b.from, b.open, b.high, b.low, b.close, b.volume].every((a, i) => a === arrays[i])).toBe(true);
  });

  it('are empty for an empty range', () => {
    const b = new OhlcBuckets();
    expect(b.fill(bars, 3, 2, 1)).toBe(0);
  });
});

describe('candle range index', () => {
  it('finds the low and high of any bar range', () => {
    const c = walk(1000);
    const index = new OhlcIndex(c);
    for (const [a, b] of [[0, 999], [10, 10], [64, 127], [63, 128], [500, 700]] as const) {
      index.lowHigh(a, b);
      expect(index.low).toBe(Math.min(...c.low.subarray(a, b + 1)));
      expect(index.high).toBe(Math.max(...c.high.subarray(a, b + 1)));
    }
  });
});

describe('a line merged per pixel column (envelopePaths)', () => {
  it('gives each bucket its first, lowest, highest and last value, through the block index as point by point', () => {
    const ys = walk(20_000).close;
    ys[777] = NaN; // a missing value inside a block is skipped by the extremes
    const index = new BlockExtremes(ys, ys);
    const line = { open: ys, high: ys, low: ys, close: ys };
    for (const [i0, i1, per] of [[0, 19_999, 81], [5, 9_000, 64], [700, 800, 7], [64, 127, 64]] as const) {
      const b = new OhlcBuckets();
      const n = b.fill(line, i0, i1, per, index);
      expect(n).toBe(Math.floor((i1 - i0) / per) + 1);
      for (let k = 0; k < n; k++) {
        const span = Array.from(ys.subarray(b.from[k], b.to[k] + 1)).filter((v) => !Number.isNaN(v));
        expect(b.from[k]).toBe(i0 + k * per);
        expect(b.to[k]).toBe(Math.min(i1, i0 + k * per + per - 1));
        expect(Object.is(b.open[k], ys[b.from[k]])).toBe(true);
        expect(Object.is(b.close[k], ys[b.to[k]])).toBe(true);
        expect(b.low[k]).toBe(Math.min(...span));
        expect(b.high[k]).toBe(Math.max(...span));
        expect(b.volume[k]).toBe(0);
      }
    }
  });
});
