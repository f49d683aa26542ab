/**
 * Range summaries of a candle series, built once per series: the lowest low and highest
 * high and the volume of fixed blocks of bars. With them the low/high and volume of any
 * bar range cost O(range / BLOCK + BLOCK), so drawing a zoomed-out
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
  private readonly blockVolume: Float64Array;
  /** Results of the last lowHigh call (fields, so a frame allocates nothing). */
  low = Infinity;
  high = -Infinity;

  constructor(private readonly c: Columns) {
    // One pass over local references: this builds on first paint, over every bar.
    const { low, high, volume } = c;
    const n = high.length;
    const blocks = Math.ceil(n / BLOCK);
    const blockLow = new Float64Array(blocks), blockHigh = new Float64Array(blocks), blockVolume = new Float64Array(blocks);
    for (let b = 0, i = 0; b < blocks; b++) {
      let lo = Infinity, hi = -Infinity, vol = 0;
      const end = Math.min(n, i + BLOCK);
      for (; i < end; i++) {
        const l = low[i], h = high[i], v = volume[i];
        if (l < lo) lo = l;
        if (h > hi) hi = h;
        // A missing volume (NaN) counts as none rather than poisoning every later sum.
        if (v === v) vol += v;
      }
      blockLow[b] = lo;
      blockHigh[b] = hi;
      blockVolume[b] = vol;
    }
    this.blockLow = blockLow;
    this.blockHigh = blockHigh;
    this.blockVolume = blockVolume;
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

  /** Total volume of bars [a, b] (a missing volume counts as none). */
  volume(a: number, b: number): number {
    const { volume } = this.c;
    let sum = 0;
    const firstFull = Math.ceil(a / BLOCK), lastFull = Math.floor((b + 1) / BLOCK) - 1;
    // No helper closure: this runs per drawn candle, and a frame should allocate nothing.
    const edgeEnd = firstFull > lastFull ? b + 1 : firstFull * BLOCK;
    for (let i = a; i < edgeEnd; i++) if (volume[i] === volume[i]) sum += volume[i];
    if (firstFull > lastFull) return sum;
    for (let k = firstFull; k <= lastFull; k++) sum += this.blockVolume[k];
    for (let i = (lastFull + 1) * BLOCK; i <= b; i++) if (volume[i] === volume[i]) sum += volume[i];
    return sum;
  }
}
