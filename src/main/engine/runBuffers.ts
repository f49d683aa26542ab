/**
 * Memory lent to backtests run one after another (an optimizer's grid, a benchmark):
 * the equity curve and the chunks of the trade log. A run given these buffers writes
 * into them instead of allocating, so its result is valid only until the next run given
 * the same buffers.
 *
 * Why: a busy run on a million bars logs tens of thousands of trades (about 4 MB). Fresh
 * memory for every run is fresh pages for the process, and V8 gives the old ones back
 * only after a full GC, tens of runs later: on a virtual machine the page faults alone
 * cost a third of the run (bench:engine measured 46 ms instead of 33 ms per run until
 * the first full collection).
 */

/** Where a trade log takes its chunks (tradeLog.ts). */
export interface TradeChunkSource {
  /** Chunk `c` of `length` doubles; the same memory every run for the same c. */
  chunk(c: number, length: number): Float64Array;
  /** Changes at every run that borrows the source: a log from an earlier run is stale. */
  readonly generation: number;
}

export class RunBuffers implements TradeChunkSource {
  private equityMemory = new Float64Array(0);
  private readonly chunks: Float64Array[] = [];
  private gen = 0;

  get generation(): number {
    return this.gen;
  }

  /**
   * Starts a run over `bars` bars: the previous run's results become stale, and the
   * equity buffer it returns (grown when needed) is the new run's.
   */
  beginRun(bars: number): Float64Array {
    this.gen++;
    if (this.equityMemory.length < bars) this.equityMemory = new Float64Array(bars);
    return this.equityMemory.subarray(0, bars);
  }

  chunk(c: number, length: number): Float64Array {
    while (this.chunks.length <= c) this.chunks.push(new Float64Array(length));
    const rows = this.chunks[c];
    if (rows.length !== length) throw new RangeError(`trade chunk ${c} holds ${rows.length} values, not ${length}`);
    return rows;
  }
}
