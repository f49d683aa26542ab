/**
 * The candles actually drawn: bars [i0, i1] merged `per` at a time (open of the first,
 * highest high, lowest low, close of the last, summed volume: the resample rule), written
 * into typed arrays that are kept and reused from frame to frame, so zooming and panning
 * a million bars allocates nothing per frame. Work per frame is O(buckets) with an
 * index of the columns' extremes, O(visible bars) without one.
 *
 * A line is merged by the same rule, its one column given as open, high, low and close
 * (first, highest, lowest and last value per bucket) and no volume: see envelopePaths.
 */
import type { ChartCandles } from './chartData';

type Columns = Pick<ChartCandles, 'open' | 'high' | 'low' | 'close'> & { readonly volume?: Float64Array };

/** Range extremes in O(blocks): OhlcIndex for candles (with their volume), BlockExtremes for a line. */
export interface RangeIndex {
  lowHigh(a: number, b: number): void;
  readonly low: number;
  readonly high: number;
  volume?(a: number, b: number): number;
}

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
  fill(c: Columns, i0: number, i1: number, per: number, index?: RangeIndex): number {
    const step = Math.max(1, Math.floor(per));
    const n = i1 < i0 ? 0 : Math.floor((i1 - i0) / step) + 1;
    const volume = c.volume;
    this.reserve(n);
    for (let k = 0; k < n; k++) {
      const a = i0 + k * step;
      const b = Math.min(i1, a + step - 1);
      let hi: number, lo: number, vol = 0;
      if (index && b > a) {
        index.lowHigh(a, b);
        hi = index.high;
        lo = index.low;
        if (volume !== undefined) vol = index.volume ? index.volume(a, b) : sumOf(volume, a, b);
      } else {
        hi = -Infinity;
        lo = Infinity;
        for (let i = a; i <= b; i++) {
          if (c.high[i] > hi) hi = c.high[i];
          if (c.low[i] < lo) lo = c.low[i];
        }
        if (volume !== undefined) vol = sumOf(volume, a, b);
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

/** Volume of bars [a, b]; a missing one (NaN) counts as none. */
function sumOf(volume: Float64Array, a: number, b: number): number {
  let vol = 0;
  for (let i = a; i <= b; i++) vol += volume[i] || 0;
  return vol;
}
