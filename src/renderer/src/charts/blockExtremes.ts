/**
 * The lowest of one column and the highest of another over any range of rows, from
 * per-block summaries built once: O(range / BLOCK + BLOCK) per query instead of a walk
 * over every row. Candles ask for the lowest low and highest high (OhlcIndex); a line
 * passes its one column twice. Only for columns that do not change afterwards.
 */

/** Rows per block: small enough that the partial blocks at a range's ends stay cheap. */
export const BLOCK = 64;

export class BlockExtremes {
  private readonly blockLow: Float64Array;
  private readonly blockHigh: Float64Array;
  /** Results of the last lowHigh call (fields, so a frame allocates nothing). */
  low = Infinity;
  high = -Infinity;

  constructor(
    private readonly lowCol: ArrayLike<number>,
    private readonly highCol: ArrayLike<number>,
  ) {
    // One pass over local references: this builds on first paint, over every row.
    const n = highCol.length;
    const blocks = Math.ceil(n / BLOCK);
    const blockLow = new Float64Array(blocks), blockHigh = new Float64Array(blocks);
    for (let b = 0, i = 0; b < blocks; b++) {
      let lo = Infinity, hi = -Infinity;
      const end = Math.min(n, i + BLOCK);
      for (; i < end; i++) {
        const l = lowCol[i], h = highCol[i];
        if (l < lo) lo = l;
        if (h > hi) hi = h;
      }
      blockLow[b] = lo;
      blockHigh[b] = hi;
    }
    this.blockLow = blockLow;
    this.blockHigh = blockHigh;
  }

  /** Lowest of the low column and highest of the high column over rows [a, b] into this.low / this.high (Infinity / -Infinity when empty; NaN rows are skipped). */
  lowHigh(a: number, b: number): void {
    let lo = Infinity, hi = -Infinity;
    const low = this.lowCol, high = this.highCol;
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
}
