import { describe, expect, it } from 'vitest';
import type { LiveCandleEvent } from '../../../shared/apiTypes';
import { CandleWindow, SeriesWindow, StreamWindow } from './streamWindow';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);

function candle(i: number, close: number, closed: boolean): LiveCandleEvent {
  return { symbol: 'BTCUSDT', interval: '1m', time: T0 + i * MIN, open: 100 + i, high: Math.max(100 + i, close) + 1, low: Math.min(100 + i, close) - 1, close, volume: i + 1, closed };
}

const xs = (w: CandleWindow) => Array.from(w.chartCandles().x, (x) => (x * 1000 - T0) / MIN);
const closes = (w: CandleWindow) => Array.from(w.chartCandles().close);

describe('CandleWindow', () => {
  it('replaces the forming candle in place while it updates, then appends the next bar', () => {
    const w = new CandleWindow(5);
    w.apply(candle(0, 101, true));
    w.apply(candle(1, 102, false));
    w.apply(candle(1, 103.5, false));
    expect(xs(w)).toEqual([0, 1]);
    expect(closes(w)).toEqual([101, 103.5]);
    expect(w.lastClosed).toBe(false);

    // The bar closes: same row, final values.
    w.apply(candle(1, 104, true));
    expect(closes(w)).toEqual([101, 104]);
    expect(w.lastClosed).toBe(true);
    w.apply(candle(2, 99, true));
    expect(xs(w)).toEqual([0, 1, 2]);
    expect(closes(w)).toEqual([101, 104, 99]);
    expect(w.lastClose).toBe(99);
  });

  it('ignores a forming update for a bar that already closed, and anything older than the last bar', () => {
    const w = new CandleWindow(5);
    w.apply(candle(3, 110, true));
    expect(w.apply(candle(3, 50, false))).toBe(false);
    expect(w.apply(candle(2, 50, true))).toBe(false);
    expect(closes(w)).toEqual([110]);
  });

  it('shifts out the oldest bar when full and keeps the bars in time order', () => {
    const w = new CandleWindow(4);
    for (let i = 0; i < 10; i++) w.apply(candle(i, 200 + i, true));
    expect(w.length).toBe(4);
    expect(xs(w)).toEqual([6, 7, 8, 9]);
    expect(closes(w)).toEqual([206, 207, 208, 209]);
    const c = w.chartCandles();
    expect(Array.from(c.open)).toEqual([106, 107, 108, 109]);
    expect(Array.from(c.volume)).toEqual([7, 8, 9, 10]);
    // A forming candle after a full window shifts too, then updates in place.
    w.apply(candle(10, 300, false));
    w.apply(candle(10, 301, false));
    expect(xs(w)).toEqual([7, 8, 9, 10]);
    expect(closes(w)).toEqual([207, 208, 209, 301]);
  });

  it('streams without allocating: the same buffers throughout, the same views once full', () => {
    const w = new CandleWindow(50);
    const buffers = w.rows.columns.map((c) => c.buffer);
    for (let i = 0; i < 50; i++) w.apply(candle(i, 100, true));
    const full = w.chartCandles();
    const views = w.rows.views();
    for (let i = 50; i < 500; i++) {
      w.apply(candle(i, 100 + i, false));
      w.apply(candle(i, 100 + i, true));
    }
    expect(w.rows.columns.every((c, k) => c.buffer === buffers[k])).toBe(true);
    expect(w.rows.views()).toBe(views);
    const after = w.chartCandles();
    expect(after).toBe(full);
    expect(after.x.buffer).toBe(buffers[0]);
    expect(after.close[49]).toBe(599);
  });

  it('seeds from stored columns keeping the newest bars, then continues with the feed', () => {
    const w = new CandleWindow(3);
    w.apply(candle(0, 1, false));
    const bars = [1, 2, 3, 4].map((i) => candle(i, 10 * i, true));
    w.seed({
      source: 'live:BTCUSDT:1m', warnings: [],
      time: Float64Array.from(bars, (b) => b.time), open: Float64Array.from(bars, (b) => b.open), high: Float64Array.from(bars, (b) => b.high),
      low: Float64Array.from(bars, (b) => b.low), close: Float64Array.from(bars, (b) => b.close), volume: Float64Array.from(bars, (b) => b.volume),
    });
    expect(xs(w)).toEqual([2, 3, 4]);
    expect(closes(w)).toEqual([20, 30, 40]);
    expect(w.lastClosed).toBe(true);
    w.apply(candle(5, 55, false));
    expect(closes(w)).toEqual([30, 40, 55]);
  });

  it('reports the window price range from lows and highs', () => {
    const w = new CandleWindow(3);
    expect(w.priceRange().every(Number.isNaN)).toBe(true);
    w.apply(candle(0, 90, true)); // low 89, high 101
    w.apply(candle(1, 120, true)); // low 100, high 121
    expect(w.priceRange()).toEqual([89, 121]);
  });
});

describe('SeriesWindow', () => {
  it('keeps one value per time, replacing the value of the same time and refusing older ones', () => {
    const w = new SeriesWindow(3);
    w.push(T0, 1000);
    w.push(T0 + MIN, 1010);
    w.push(T0 + MIN, 1005);
    expect(w.push(T0, 1)).toBe(false);
    w.push(T0 + 2 * MIN, 990);
    w.push(T0 + 3 * MIN, 995);
    const [x, y] = w.rows.views();
    expect(Array.from(x, (v) => (v * 1000 - T0) / MIN)).toEqual([1, 2, 3]);
    expect(Array.from(y)).toEqual([1005, 990, 995]);
    expect(w.valueRange()).toEqual([990, 1005]);
  });
});

describe('StreamWindow', () => {
  it('refuses a capacity below 2 with a clear error', () => {
    expect(() => new StreamWindow(1, 2)).toThrow(/capacity of at least 2/);
  });
});
