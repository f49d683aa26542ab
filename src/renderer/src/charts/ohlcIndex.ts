/**
 * Range summaries of a candle series, built once per series: the lowest low and highest
 * high of fixed blocks of bars, and running volume sums. With them the low/high of any
 * bar range costs O(range / BLOCK + BLOCK) and its volume O(1), so drawing a zoomed-out
 * million-bar chart (and fitting its price axis) no longer walks every bar per frame.
 * Only for columns that do not change afterwards (a run's candles; not the live window,
 * whose forming bar is rewritten in place).
 */
import type { ChartCandles } from './chartData';

/** Bars per block: small enough that the partial blocks at a range's ends stay cheap. */
const BLOCK = 64;

type Columns = Pick<ChartCandles, 'high' | 'low' | 'volume'>;

export class OhlcIndex {
  private readonly blockLow: Float64Array;
  private readonly blockHigh: Float64Array;
  /** cumVolume[i] = volume of bars [0, i). */
  private readonly cumVolume: Float64Array;
  /** Results of the last lowHigh call (fields, so a frame allocates nothing). */
  low = Infinity;
  high = -Infinity;

  constructor(private readonly c: Columns) {
    const n = c.high.length;
    const blocks = Math.ceil(n / BLOCK);
    this.blockLow = new Float64Array(blocks);
    this.blockHigh = new Float64Array(blocks);
    for (let b = 0; b < blocks; b++) {
      let lo = Infinity, hi = -Infinity;
      const end = Math.min(n, (b + 1) * BLOCK);
      for (let i = b * BLOCK; i < end; i++) {
        if (c.low[i] < lo) lo = c.low[i];
        if (c.high[i] > hi) hi = c.high[i];
      }
      this.blockLow[b] = lo;
      this.blockHigh[b] = hi;
    }
    this.cumVolume = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) this.cumVolume[i + 1] = this.cumVolume[i] + (c.volume[i] || 0);
  }

  /** Lowest low and highest high of bars [a, b] into this.low / this.high (Infinity / -Infinity when empty). */
  lowHigh(a: number, b: number): void {
    let lo = Infinity, hi = -Infinity;
    const { low, high } = this.c;
    const firstFull = Math.ceil(a / BLOCK), lastFull = Math.floor((b + 1) / BLOCK) - 1;
    if (firstFull > lastFull) {
      for (let i = a; i <= b; i++) {
        if (low[i] < lo) lo = low[i];
        if (high[i] > hi) hi = high[i];
      }
    } else {
      for (let i = a; i < firstFull * BLOCK; i++) {
        if (low[i] < lo) lo = low[i];
        if (high[i] > hi) hi = high[i];
      }
      for (let k = firstFull; k <= lastFull; k++) {
        if (this.blockLow[k] < lo) lo = this.blockLow[k];
        if (this.blockHigh[k] > hi) hi = this.blockHigh[k];
      }
      for (let i = (lastFull + 1) * BLOCK; i <= b; i++) {
        if (low[i] < lo) lo = low[i];
        if (high[i] > hi) hi = high[i];
      }
    }
    this.low = lo;
    this.high = hi;
  }

  /** Total volume of bars [a, b]. */
  volume(a: number, b: number): number {
    return this.cumVolume[b + 1] - this.cumVolume[a];
  }
}
