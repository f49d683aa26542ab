/**
 * The candles actually drawn: bars [i0, i1] merged `per` at a time (open of the first,
 * highest high, lowest low, close of the last, summed volume: the resample rule), written
 * into typed arrays that are kept and reused from frame to frame, so zooming and panning
 * a million bars allocates nothing per frame. Work per frame is O(buckets) with an
 * OhlcIndex, O(visible bars) without one.
 */
import type { ChartCandles } from './chartData';
import type { OhlcIndex } from './ohlcIndex';

type Columns = Pick<ChartCandles, 'open' | 'high' | 'low' | 'close' | 'volume'>;

export class OhlcBuckets {
  /** Number of filled buckets; entries past it are stale. */
  count = 0;
  /** First and last bar index of each bucket. */
  from = new Int32Array(0);
  to = new Int32Array(0);
  open = new Float64Array(0);
  high = new Float64Array(0);
  low = new Float64Array(0);
  close = new Float64Array(0);
  volume = new Float64Array(0);

  /** Refills the buckets from bars [i0, i1] (inclusive); returns the bucket count. */
  fill(c: Columns, i0: number, i1: number, per: number, index?: OhlcIndex): number {
    const step = Math.max(1, Math.floor(per));
    const n = i1 < i0 ? 0 : Math.floor((i1 - i0) / step) + 1;
    this.reserve(n);
    for (let k = 0; k < n; k++) {
      const a = i0 + k * step;
      const b = Math.min(i1, a + step - 1);
      let hi: number, lo: number, vol: number;
      if (index && b > a) {
        index.lowHigh(a, b);
        hi = index.high;
        lo = index.low;
        vol = index.volume(a, b);
      } else {
        hi = -Infinity;
        lo = Infinity;
        vol = 0;
        for (let i = a; i <= b; i++) {
          if (c.high[i] > hi) hi = c.high[i];
          if (c.low[i] < lo) lo = c.low[i];
          vol += c.volume[i] || 0;
        }
      }
      this.from[k] = a;
      this.to[k] = b;
      this.open[k] = c.open[a];
      this.high[k] = hi;
      this.low[k] = lo;
      this.close[k] = c.close[b];
      this.volume[k] = vol;
    }
    this.count = n;
    return n;
  }

  /** Grows the arrays (doubling) only when a frame needs more buckets than ever before. */
  private reserve(n: number): void {
    if (n <= this.from.length) return;
    const cap = Math.max(n, this.from.length * 2, 64);
    this.from = new Int32Array(cap);
    this.to = new Int32Array(cap);
    this.open = new Float64Array(cap);
    this.high = new Float64Array(cap);
    this.low = new Float64Array(cap);
    this.close = new Float64Array(cap);
    this.volume = new Float64Array(cap);
  }
}
