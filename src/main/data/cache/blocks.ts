/**
 * Candle blocks: the cache stores bars in blocks of up to BLOCK_BARS consecutive grid
 * slots, one row per (instrument, block open time), each a BLOB of six little-endian
 * Float64 columns (time, open, high, low, close, volume). Why not one row per bar:
 * reading 1,000,000 per-bar rows through better-sqlite3 takes about a second (one JS
 * array per row), while copying ~250 blobs into typed arrays takes milliseconds; writes
 * gain the same way. Bars inside a block stay keyed by open time: a merge replaces a bar
 * with the same open time instead of duplicating it.
 */
import type { CandleColumns } from '../../engine/candles';

export const BLOCK_BARS = 4096;

export interface BarColumns {
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly length: number;
}

const COLS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export function blockSpanMs(ivMs: number): number {
  return ivMs * BLOCK_BARS;
}

export function blockStartOf(t: number, spanMs: number): number {
  return Math.floor(t / spanMs) * spanMs;
}

export function toBarColumns(c: CandleColumns): BarColumns {
  const f = (a: ArrayLike<number>) => (a instanceof Float64Array ? a : Float64Array.from(a));
  return { time: f(c.time), open: f(c.open), high: f(c.high), low: f(c.low), close: f(c.close), volume: f(c.volume), length: c.time.length };
}

export function sliceBars(c: BarColumns, a: number, b: number): BarColumns {
  return {
    time: c.time.subarray(a, b), open: c.open.subarray(a, b), high: c.high.subarray(a, b),
    low: c.low.subarray(a, b), close: c.close.subarray(a, b), volume: c.volume.subarray(a, b), length: b - a,
  };
}

/** Packs bars into one blob: six columns back to back. */
export function encodeBlock(c: BarColumns): Buffer {
  const n = c.length;
  const all = new Float64Array(n * 6);
  for (let k = 0; k < 6; k++) all.set(c[COLS[k]], k * n);
  return Buffer.from(all.buffer, all.byteOffset, all.byteLength);
}

/** Views over a blob's columns (copies once when the blob is not 8-byte aligned). */
export function decodeBlock(blob: Uint8Array, n: number): BarColumns {
  const bytes = blob.byteOffset % 8 === 0 ? blob : Uint8Array.prototype.slice.call(blob);
  if (bytes.byteLength !== n * 48) throw new Error(`cache block is ${bytes.byteLength} bytes, expected ${n * 48} for ${n} bars (corrupt store?)`);
  const all = new Float64Array(bytes.buffer, bytes.byteOffset, n * 6);
  return {
    time: all.subarray(0, n), open: all.subarray(n, 2 * n), high: all.subarray(2 * n, 3 * n),
    low: all.subarray(3 * n, 4 * n), close: all.subarray(4 * n, 5 * n), volume: all.subarray(5 * n, 6 * n), length: n,
  };
}

/** Merges two time-sorted series; on equal open time the incoming bar wins. */
export function mergeBars(existing: BarColumns, incoming: BarColumns): BarColumns {
  const cap = existing.length + incoming.length;
  const out = COLS.map(() => new Float64Array(cap));
  let i = 0, j = 0, k = 0;
  const take = (src: BarColumns, idx: number) => {
    for (let c = 0; c < 6; c++) out[c][k] = src[COLS[c]][idx];
    k++;
  };
  while (i < existing.length || j < incoming.length) {
    if (j >= incoming.length) take(existing, i++);
    else if (i >= existing.length) take(incoming, j++);
    else if (existing.time[i] < incoming.time[j]) take(existing, i++);
    else if (existing.time[i] > incoming.time[j]) take(incoming, j++);
    else {
      take(incoming, j++);
      i++;
    }
  }
  return {
    time: out[0].subarray(0, k), open: out[1].subarray(0, k), high: out[2].subarray(0, k),
    low: out[3].subarray(0, k), close: out[4].subarray(0, k), volume: out[5].subarray(0, k), length: k,
  };
}

/**
 * Sorts by time and drops earlier duplicates (the later bar wins), returning how many
 * duplicates were merged. Input already strictly increasing is returned as is.
 */
export function sortDedupe(c: BarColumns): { bars: BarColumns; duplicates: number } {
  let sorted = true;
  for (let i = 1; i < c.length; i++) {
    if (!(c.time[i] > c.time[i - 1])) {
      sorted = false;
      break;
    }
  }
  if (sorted) return { bars: c, duplicates: 0 };
  const idx = Array.from({ length: c.length }, (_, i) => i);
  // Stable sort keeps file order among equal times, so "last wins" means the later line.
  idx.sort((a, b) => c.time[a] - c.time[b]);
  const out = COLS.map(() => new Float64Array(c.length));
  let k = 0;
  for (let p = 0; p < idx.length; p++) {
    const src = idx[p];
    if (k > 0 && out[0][k - 1] === c.time[src]) k--;
    for (let col = 0; col < 6; col++) out[col][k] = c[COLS[col]][src];
    k++;
  }
  return {
    bars: {
      time: out[0].subarray(0, k), open: out[1].subarray(0, k), high: out[2].subarray(0, k),
      low: out[3].subarray(0, k), close: out[4].subarray(0, k), volume: out[5].subarray(0, k), length: k,
    },
    duplicates: c.length - k,
  };
}
