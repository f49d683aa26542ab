/**
 * Candles in one SharedArrayBuffer: six Float64 columns back to back. Posting the
 * buffer to a worker shares the memory (no copy), so a data set loaded once serves
 * every worker and every task until it is dropped.
 */
import type { Candles } from '../../engine/candles';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export interface SharedCandlesRef {
  readonly buffer: SharedArrayBuffer;
  readonly length: number;
}

/** Copies `c` into a new shared buffer and returns candles viewing it, plus the transferable reference. */
export function toSharedCandles(c: Candles): { candles: Candles; ref: SharedCandlesRef } {
  const n = c.length;
  const buffer = new SharedArrayBuffer(Math.max(1, n) * 8 * COLUMNS.length);
  const ref = { buffer, length: n };
  const candles = fromSharedCandles(ref);
  for (const col of COLUMNS) (candles[col] as Float64Array).set(c[col].subarray(0, n));
  return { candles, ref };
}

/** Views over a shared buffer made by toSharedCandles (no copy). */
export function fromSharedCandles(ref: SharedCandlesRef): Candles {
  const n = ref.length;
  const view = (k: number): Float64Array => new Float64Array(ref.buffer, k * n * 8, n);
  return { time: view(0), open: view(1), high: view(2), low: view(3), close: view(4), volume: view(5), length: n };
}
