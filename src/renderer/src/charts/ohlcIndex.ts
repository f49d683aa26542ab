/**
 * Range summaries of a candle series, built once per series: the lowest low and highest
 * high (BlockExtremes) and the volume of fixed blocks of bars. With them the low/high and
 * volume of any bar range cost O(range / BLOCK + BLOCK), so drawing a zoomed-out
 * million-bar chart (and fitting its price axis) no longer walks every bar per frame.
 * Only for columns that do not change afterwards (a run's candles; not the live window,
 * whose forming bar is rewritten in place).
 */
import type { ChartCandles } from './chartData';
import { BLOCK, BlockExtremes } from './blockExtremes';

type Columns = Pick<ChartCandles, 'high' | 'low' | 'volume'>;

export class OhlcIndex {
  private readonly extremes: BlockExtremes;
  private readonly blockVolume: Float64Array;
  /** Results of the last lowHigh call (fields, so a frame allocates nothing). */
  low = Infinity;
  high = -Infinity;

  constructor(private readonly c: Columns) {
    this.extremes = new BlockExtremes(c.low, c.high);
    const { volume } = c;
    const n = volume.length;
    const blocks = Math.ceil(n / BLOCK);
    const blockVolume = new Float64Array(blocks);
    for (let b = 0, i = 0; b < blocks; b++) {
      let vol = 0;
      const end = Math.min(n, i + BLOCK);
      for (; i < end; i++) {
        const v = volume[i];
        // A missing volume (NaN) counts as none rather than poisoning every later sum.
        if (v === v) vol += v;
      }
      blockVolume[b] = vol;
    }
    this.blockVolume = blockVolume;
  }

  /** Lowest low and highest high of bars [a, b] into this.low / this.high (Infinity / -Infinity when empty). */
  lowHigh(a: number, b: number): void {
    const e = this.extremes;
    e.lowHigh(a, b);
    this.low = e.low;
    this.high = e.high;
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
